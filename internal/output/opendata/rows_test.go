package opendata

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/sheet"
	"github.com/qingdan/qingdan/internal/value"
)

// oddCols is a column of each kind, two of text.
var oddCols = []column{
	{"a", "文本", text, 10}, {"b", "数", number, 10}, {"c", "个数", count, 10},
	{"d", "比例", percent, 10}, {"e", "日期", date, 10}, {"f", "备注", text, 10},
}

// oddRows are values that are easy to write wrong: XML's own characters,
// characters XML does not allow, Excel's _xHHHH_ escapes, spaces at the
// ends, a text past Excel's 32,767 units (a character of two units at the
// cut), numbers past fifteen digits or not numbers at all, dates before
// Excel's calendar, empty cells.
func oddRows() [][]cell {
	long := strings.Repeat("党", 32766) + "𠀀" + "尾"
	texts := []string{
		"", "plain", "a&b<c>d\"e'f", "line\nbreak", "cr\r\nlf", "\ttab", "space ", " lead",
		"_x0041_", "_x005F_x0041_", "_x00zz_", "_X0041_", "__x0041__", "_x0041", "x_x1234_y_xABCD_",
		"bad\xffutf8", "ctl\x01\x1f", "\uFFFE\uFFFF", "\u2028sep", "emoji 😀", "𠀀𠀁", long, long[:len(long)-3],
		strings.Repeat("a", 40000), "=1+2", "-3", "\x00",
	}
	nums := []float64{0, -0.0, 0.1 + 0.2, 1.0 / 3, 2.0 / 3, 123456789012345678, 1234567890123456.7, 1e21, 1e-7,
		-1234.5678, 52.5, math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64, math.NaN(), math.Inf(1), math.Inf(-1), 4300, 2257.5}
	dates := []model.Date{0, value.DateOf(1899, 12, 31), value.DateOf(1900, 2, 28), value.DateOf(1900, 3, 1), value.DateOf(2022, 6, 30), value.DateOf(9999, 12, 31)}
	var rows [][]cell
	for i := range max(len(texts), len(nums), len(dates)) {
		f := nums[i%len(nums)]
		rows = append(rows, []cell{
			str(texts[i%len(texts)]), num(f), whole(int(float64(i) * 1e6)), num(f / 100), day(dates[i%len(dates)]),
			str(texts[(i+7)%len(texts)]),
		})
	}
	rows = append(rows, []cell{{}, {}, {}, {}, {}, {}}, []cell{{}, {}, {}, {}, {}, str("last")})
	return rows
}

func oddTable(rows [][]cell) table {
	return table{name: diag.Name{Zh: "奇", En: "Odd"}, id: "odd", cols: oddCols, rows: len(rows), split: true,
		each: func(emit func([]cell) error) error {
			for _, r := range rows {
				if err := emit(r); err != nil {
					return err
				}
			}
			return nil
		}}
}

// viaRows is the table written as projectsXLSX writes it, perRow rows a
// sheet; viaExcelize as it was before rows.go, each row through excelize's
// StreamWriter (the oracle).
func viaRows(t testing.TB, tb table, perRow int) *excelize.File {
	t.Helper()
	x := excelize.NewFile()
	var parts []part
	x.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return &sortedZip{w: w, parts: parts} })
	st, err := newStyles(x, "zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := writeSheets(x, &parts, st, tb, "zh-CN", perRow, true); err != nil {
		t.Fatal(err)
	}
	return reopen(t, x)
}

func viaExcelize(t testing.TB, tb table) *excelize.File {
	t.Helper()
	x := excelize.NewFile()
	st, err := newStyles(x, "zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	sw, err := x.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	vals := make([]any, len(tb.cols))
	for i, c := range tb.cols {
		vals[i] = c.head("zh-CN")
	}
	sw.SetRow("A1", vals)
	row := 1
	err = tb.each(func(r []cell) error {
		for i, c := range tb.cols {
			vals[i] = st.xlsxCell(c, r[i])
		}
		row++
		return sw.SetRow(cellName(1, row), vals)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	return reopen(t, x)
}

func reopen(t testing.TB, x *excelize.File) *excelize.File {
	t.Helper()
	var b bytes.Buffer
	if _, err := x.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	x.Close()
	y, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { y.Close() })
	return y
}

// sameCells fails t where a cell of want's first sheet (rows 2 on) differs
// from got's, sheet by sheet perRow rows at a time: in its value, its type
// or its number format.
func sameCells(t testing.TB, got, want *excelize.File, rows, perRow int) {
	t.Helper()
	ws, gs := want.GetSheetList()[0], got.GetSheetList()
	raw := excelize.Options{RawCellValue: true}
	for r := range rows {
		g := gs[r/perRow]
		for c := range oddCols {
			wc, gc := cellName(c+1, r+2), cellName(c+1, r%perRow+2)
			wv, _ := want.GetCellValue(ws, wc, raw)
			gv, err := got.GetCellValue(g, gc, raw)
			if err != nil || gv != wv {
				t.Errorf("%s!%s: %q, %v; excelize wrote %q", g, gc, gv, err, wv)
			}
			wt, _ := want.GetCellType(ws, wc)
			gt, _ := got.GetCellType(g, gc)
			if gt != wt {
				t.Errorf("%s!%s: type %v, excelize wrote %v", g, gc, gt, wt)
			}
			if gf, wf := numFmt(t, got, g, gc), numFmt(t, want, ws, wc); gf != wf {
				t.Errorf("%s!%s: format %q, excelize wrote %q", g, gc, gf, wf)
			}
		}
	}
}

// TestRowsAsExcelize: the rows written here read back, value, type and
// format, as the same rows written through excelize read back, on one
// sheet and split over several.
func TestRowsAsExcelize(t *testing.T) {
	rows := oddRows()
	want := viaExcelize(t, oddTable(rows))
	for _, perRow := range []int{SheetRows, 7, 1} {
		got := viaRows(t, oddTable(rows), perRow)
		if n := (len(rows) + perRow - 1) / perRow; len(got.GetSheetList()) != n {
			t.Fatalf("%d a sheet: sheets %q, want %d", perRow, got.GetSheetList(), n)
		}
		sameCells(t, got, want, len(rows), perRow)
	}
}

// TestRowsCount: a table that gives other than the rows it says it has is
// an error, not a table whose range is wrong.
func TestRowsCount(t *testing.T) {
	rows := oddRows()
	for _, n := range []int{len(rows) - 1, len(rows) + 1} {
		tb := oddTable(rows)
		tb.rows = n
		x := excelize.NewFile()
		var parts []part
		x.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return &sortedZip{w: w, parts: parts} })
		st, _ := newStyles(x, "zh-CN")
		if _, err := writeSheets(x, &parts, st, tb, "zh-CN", SheetRows, true); err != nil {
			t.Fatal(err)
		}
		if _, err := x.WriteTo(io.Discard); err == nil || !strings.Contains(err.Error(), "odd") {
			t.Errorf("a table of %d rows that says %d: %v", len(rows), n, err)
		}
		x.Close()
	}
}

// TestMarkerMissing: a part whose marker row no sheet holds (were
// excelize to write it otherwise) is an error, not a sheet without rows.
func TestMarkerMissing(t *testing.T) {
	rows := oddRows()
	for _, doc := range []string{
		`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>head</t></is></c></row></sheetData></worksheet>`,
		`<worksheet><sheetData><row r="2"><c r="A2" t="s"><v>0</v></c></row></sheetData></worksheet>`,
	} {
		z := &sortedZip{w: io.Discard, parts: []part{{t: oddTable(rows), lo: 0, hi: len(rows)}}}
		w, _ := z.Create("xl/worksheets/sheet1.xml")
		io.WriteString(w, doc)
		if err := z.Close(); err == nil || !strings.Contains(err.Error(), "not written") {
			t.Errorf("%s: %v", doc, err)
		}
	}
	z := &sortedZip{w: io.Discard, parts: []part{{t: oddTable(rows), lo: 0, hi: len(rows)}}}
	w, _ := z.Create("xl/worksheets/sheet1.xml")
	io.WriteString(w, `<worksheet><sheetData><row r="2"><c r="A2" t="inlineStr"><is><t>`+marker(0)+`</t></is></c></row></sheetData></worksheet>`)
	if err := z.Close(); err != nil {
		t.Errorf("the marker in place: %v", err)
	}
}

// specText is the text a reader that follows ECMA-376, as Excel does,
// reads from a text cell appendText wrote: the XML unescaped, then each
// _xHHHH_ the character of that code, from left to right.
func specText(t testing.TB, cellXML []byte) string {
	t.Helper()
	var c struct {
		T string `xml:"is>t"`
	}
	if err := xml.Unmarshal(cellXML, &c); err != nil {
		t.Fatalf("%s: %v", cellXML, err)
	}
	var b strings.Builder
	for s, i := c.T, 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' {
			if v, err := strconv.ParseUint(s[i+2:i+6], 16, 16); err == nil {
				b.WriteRune(rune(v))
				i += 7
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// excelText is s as Excel holds it: cut at 32,767 UTF-16 units, each
// character XML cannot carry (and each byte that is not UTF-8) U+FFFD.
func excelText(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n += utf16.RuneLen(r); n > maxCellUnits {
			break
		}
		if !sheet.IsXMLChar(r) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	return b.String()
}

// TestTextAsSpec: text cells read back, as the standard reads them, as
// the text given, _xHHHH_ escapes and all.
func TestTextAsSpec(t *testing.T) {
	for _, r := range oddRows() {
		for _, s := range []string{r[0].s, r[0].s + "_x0030_", "_x0041_" + r[0].s + "__x005F_x0030_"} {
			if got := specText(t, appendText(nil, []byte("A"), []byte("2"), 0, s)); got != excelText(s) {
				t.Errorf("%.40q reads back as %.40q", s, got)
			}
		}
	}
}

// FuzzRowsText: any text in a cell reads back, as the standard reads it,
// as the text given; and reads back through excelize as excelize's own
// writing of it does, where it holds no _x (excelize reads some of its own
// escapes back wrong: _x0041__x0030_ as _x00410). Any number reads back
// as excelize's writing of it does.
func FuzzRowsText(f *testing.F) {
	for _, r := range oddRows() {
		f.Add(r[0].s, r[1].f)
	}
	f.Fuzz(func(t *testing.T, s string, x float64) {
		if got := specText(t, appendText(nil, []byte("A"), []byte("2"), 0, s)); got != excelText(s) {
			t.Errorf("%.40q reads back as %.40q", s, got)
		}
		if strings.Contains(s, "_x") {
			s = ""
		}
		rows := [][]cell{{str(s), num(x), whole(int(math.Mod(x, 1e15))), num(x), {}, str(s + "_")}}
		sameCells(t, viaRows(t, oddTable(rows), SheetRows), viaExcelize(t, oddTable(rows)), 1, SheetRows)
	})
}
