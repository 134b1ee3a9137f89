package sheet

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// book builds a workbook. cells maps a cell name to its value and, after a
// '|' in the key, a number format: a built-in id or a custom code.
func book(t testing.TB, sheet string, cells map[string]any, setup func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if sheet != "Sheet1" {
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			t.Fatal(err)
		}
	}
	styles := map[string]int{}
	for key, v := range cells {
		cell, format, _ := strings.Cut(key, "|")
		if v != nil {
			if err := f.SetCellValue(sheet, cell, v); err != nil {
				t.Fatal(err)
			}
		}
		if format == "" {
			continue
		}
		st, ok := styles[format]
		if !ok {
			var s excelize.Style
			if id, ok := builtInIDs[format]; ok {
				s.NumFmt = id
			} else {
				s.CustomNumFmt = &format
			}
			var err error
			if st, err = f.NewStyle(&s); err != nil {
				t.Fatal(err)
			}
			styles[format] = st
		}
		if err := f.SetCellStyle(sheet, cell, cell, st); err != nil {
			t.Fatal(err)
		}
	}
	if setup != nil {
		setup(f)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var builtInIDs = map[string]int{"4": 4, "9": 9, "10": 10, "14": 14, "22": 22, "31": 31, "49": 49, "20": 20}

func TestXLSX(t *testing.T) {
	data := book(t, "数据", map[string]any{
		"A1": "名称", "B1": "数值", "C1": "日期", "D1": "日期2", "E1": "比例", "F1": "备注",

		"A2": "文苑社区", "B2|4": 1239, "C2|14": 44621,
		`D2|yyyy"年"m"月"d"日"`: 44621.75, "E2|10": 0.4465, "F2": "  spaced  ",

		"A3|14": nil, // styled but empty: row 3 is blank

		"A4|49": "0012", "B4": 0.5, "C4|14": "<date>", "E4|9": 0.45, "F4": true,

		"B6": 0.1 + 0.2, "C6|22": 45000.4, `D6|"¥"#,##0.00`: 1234567.891,
		"E6|9": 0.07, "G6|20": 0.5,

		"B7|31": 45000, `C7|[$-804]yyyy/m/d;@`: 45001, "D7|0.0%": 1.5, "E7|mm:ss": 0.25, "F7|10": -0.125,
	}, func(f *excelize.File) {
		// The first sheet is read even when hidden.
		f.NewSheet("其他")
		f.SetCellValue("其他", "A1", "not this one")
		f.SetActiveSheet(1)
		if err := f.SetSheetVisible("数据", false); err != nil {
			t.Fatal(err)
		}
	})
	r, err := New("book.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.Encoding() != "xlsx" {
		t.Errorf("Encoding() = %q", r.Encoding())
	}
	got := dump(t, r)
	want := []string{
		`1 "名称"@1:1 "数值"@1:2 "日期"@1:3 "日期2"@1:4 "比例"@1:5 "备注"@1:6`,
		`2 "文苑社区"@2:1 "1239"@2:2 "2022-03-01"@2:3 "2022-03-01"@2:4 "44.65%"@2:5 "  spaced  "@2:6`,
		`4 "0012"@4:1 "0.5"@4:2 "<date>"@4:3 ""@4:4 "45%"@4:5 "TRUE"@4:6`,
		`6 ""@6:1 "0.3"@6:2 "2023-03-15"@6:3 "1234567.891"@6:4 "7%"@6:5 ""@6:6 "0.5"@6:7`,
		`7 ""@7:1 "2023-03-15"@7:2 "2023-03-16"@7:3 "150%"@7:4 "0.25"@7:5 "-12.5%"@7:6`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

func TestXLSXDate1904(t *testing.T) {
	data := book(t, "Sheet1", map[string]any{"A1": "d", "A2|14": 0, "A3|14": 365}, func(f *excelize.File) {
		yes := true
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
			t.Fatal(err)
		}
	})
	r, err := New("a.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	got := strings.Join(dump(t, r), "\n")
	if want := "1 \"d\"@1:1\n2 \"1904-01-01\"@2:1\n3 \"1904-12-31\"@3:1"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestXLSXOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "Book.XLSX")
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "B3", "x")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(dump(t, r), "\n"); got != `3 ""@3:1 "x"@3:2` {
		t.Errorf("got %s", got)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestXLSXUnreadable(t *testing.T) {
	encrypted := excelize.NewFile(excelize.Options{Password: "secret"})
	encrypted.SetCellValue("Sheet1", "A1", "x")
	buf, err := encrypted.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"encrypted": buf.Bytes(),
		"not a zip": []byte("名称,类型\n"),
		"truncated": book(t, "Sheet1", map[string]any{"A1": "x"}, nil)[:300],
		"empty":     nil,
	} {
		_, err := New("a.xlsx", data)
		var e *Error
		if !errors.As(err, &e) || e.Kind != Unreadable || e.Line != 0 || e.File != "a.xlsx" {
			t.Errorf("%s: got %v, want an Unreadable *Error at line 0", name, err)
		}
	}
}

func TestClassifyCode(t *testing.T) {
	for code, want := range map[string]numClass{
		"General":                 classNumber,
		"#,##0.00":                classNumber,
		`0.00_);[Red](0.00)`:      classNumber,
		`"¥"#,##0.00`:             classNumber,
		"@":                       classNumber,
		"0.00E+00":                classNumber,
		"h:mm AM/PM":              classNumber,
		"[h]:mm:ss":               classNumber,
		"mm:ss":                   classNumber,
		`h"时"mm"分"`:               classNumber,
		`0"%"`:                    classNumber,
		`0\%`:                     classNumber,
		"0%":                      classPercent,
		"0.00%;[Red]-0.00%":       classPercent,
		"yyyy-mm-dd":              classDate,
		`yyyy"年"m"月"d"日"`:         classDate,
		"[$-804]yyyy年m月d日":        classDate,
		`[DBNum1][$-804]m"月"d"日"`: classDate,
		"mmm":                     classDate,
		"m/d/yy h:mm":             classDate,
		`"day "0`:                 classNumber,
		`[Red][<=100]"d"0;"y"0`:   classNumber,
		`yyyy-mm-dd;@`:            classDate,
		`_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)`: classNumber,
	} {
		if got := classifyCode(code); got != want {
			t.Errorf("classifyCode(%q) = %d, want %d", code, got, want)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	for v, want := range map[float64]string{
		1239: "1239", 0.5: "0.5", 0.1 + 0.2: "0.3", 0.4465 * 100: "44.65", -0.0: "0",
		1e-7: "0.0000001", 123456789012345: "123456789012345", 1.5e20: "150000000000000000000",
	} {
		if got := formatNumber(v); got != want {
			t.Errorf("formatNumber(%v) = %q, want %q", v, got, want)
		}
	}
}

// Cell kinds excelize never writes itself: cached formula results, inline
// and rich text, errors, ISO dates, rows without numbers.
func TestXLSXCellKinds(t *testing.T) {
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	styles := `<styleSheet ` + ns + `><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts>` +
		`<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>` +
		`<cellStyleXfs count="1"><xf/></cellStyleXfs>` +
		`<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="10"/><xf numFmtId="164"/></cellXfs></styleSheet>`
	sheet := `<worksheet ` + ns + `><sheetData>` +
		`<row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c><c r="B1" t="inlineStr"><is><r><t>富</t></r><r><t xml:space="preserve">文本 </t></r></is></c></row>` +
		`<row r="2"><c r="A2" s="2"><f>B9/4</f><v>0.125</v></c><c r="B2" t="str"><f>"x"&amp;"y"</f><v>xy</v></c>` +
		`<c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D2" s="1" t="d"><v>2022-03-01T10:00:00Z</v></c>` +
		`<c r="E2" s="3"><v>44621</v></c><c r="F2" t="b" s="2"><v>1</v></c><c r="G2" s="1"><v>-1</v></c>` +
		`<c r="H2" t="d"><v>2022-03-02T08:00:00Z</v></c><c r="I2" s="2" t="d"><v>2022-03-03T08:00:00Z</v></c></row>` +
		`<row><c><v>7</v></c><c t="inlineStr"><is><t>z</t></is></c></row>` +
		`</sheetData></worksheet>`
	base := book(t, "Sheet1", map[string]any{"A1": "x"}, nil)
	data := replaceParts(t, base, map[string][]byte{sheetPart: []byte(sheet), stylesPart: []byte(styles)})
	r, err := New("a.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	got := dump(t, r)
	want := []string{
		`1 "名称"@1:1 "富文本 "@1:2`,
		`2 "12.5%"@2:1 "xy"@2:2 "#DIV/0!"@2:3 "2022-03-01"@2:4 "2022-03-01"@2:5 "TRUE"@2:6 "-1"@2:7 "2022-03-02"@2:8 "2022-03-03T08:00:00Z"@2:9`,
		`3 "7"@3:1 "z"@3:2`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

// A formula saved without its result (as programs write workbooks) shows as
// an empty cell; Formula tells it from a truly empty one.
func TestXLSXFormula(t *testing.T) {
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	sheet := `<worksheet ` + ns + `><sheetData>` +
		`<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" t="inlineStr"><is><t>b</t></is></c></row>` +
		`<row r="2"><c r="A2"><f>SUM(C2:D2)</f></c><c r="C2"><v>1</v></c><c r="D2"><f>1+1</f><v>2</v></c><c r="E2"><f>C2*3</f></c></row>` +
		`</sheetData></worksheet>`
	data := replaceParts(t, book(t, "Sheet1", map[string]any{"A1": "x"}, nil), map[string][]byte{sheetPart: []byte(sheet)})
	r, err := New("a.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	row, err := r.Next()
	if err != nil || r.Formula(row.Pos(0)) != "" {
		t.Fatalf("header: %v %q", err, r.Formula(row.Pos(0)))
	}
	if row, err = r.Next(); err != nil {
		t.Fatal(err)
	}
	var got []string
	for i := range 6 {
		got = append(got, r.Formula(2, i+1))
	}
	want := []string{"SUM(C2:D2)", "", "", "1+1", "C2*3", ""}
	if line, col := row.Pos(4); line != 2 || col != 5 {
		t.Errorf("E2 at %d:%d", line, col)
	}
	if strings.Join(got, ",") != strings.Join(want, ",") || row.Cells[0] != "" || row.Cells[3] != "2" {
		t.Errorf("formulas %q, cells %q", got, row.Cells)
	}
	if r.Date1904() {
		t.Error("Date1904")
	}
	text, err := New("a.csv", []byte("a,b\n,1\n"))
	if err != nil {
		t.Fatal(err)
	}
	if text.Formula(2, 1) != "" || text.Date1904() {
		t.Error("a text file has formulas or 1904 dates")
	}
}

func TestSerialDate(t *testing.T) {
	for _, tt := range []struct {
		v     float64
		d1904 bool
		want  string
	}{
		{44712, false, "2022-05-31"},
		{44621.75, false, "2022-03-01"},
		{43250, true, "2022-05-31"},
		{-1, false, ""},
		{1e9, false, ""},
	} {
		got, ok := SerialDate(tt.v, tt.d1904)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("SerialDate(%v, %v) = %q, %v", tt.v, tt.d1904, got, ok)
		}
	}
}

func TestColumn(t *testing.T) {
	for ref, want := range map[string]int{
		"A1": 1, "b7": 2, "Z9": 26, "AA1": 27, "$C$3": 3, "XFD1048576": 16384,
		"XFE1": 0, "1A": 0, "A": 0, "A0": 0, "A-1": 0, "A+1": 0, "": 0, "Ä1": 0, "AAAAAAAAAAAAAAAAAAAA1": 0,
	} {
		got, err := column(ref)
		if got != want || (err != nil) != (want == 0) {
			t.Errorf("column(%q) = %d, %v; want %d", ref, got, err, want)
		}
	}
}

func TestUnescapeBSTR(t *testing.T) {
	for s, want := range map[string]string{
		"plain": "plain", "a_x000D_b": "a\rb", "_x005F_x0008_": "_x0008_", "_x4e2d_": "中",
		"_xD83D_": "", "_x12_": "_x12_", "_xZZZZ_": "_xZZZZ_", "__x0041_x": "_Ax", "_x0041": "_x0041",
	} {
		if got := unescapeBSTR(s); got != want {
			t.Errorf("unescapeBSTR(%q) = %q, want %q", s, got, want)
		}
	}
}

// FuzzPlain: a stored number plain takes as it is must be what formatNumber
// writes for it.
func FuzzPlain(f *testing.F) {
	for _, s := range []string{"12", "0.5", "-3", "2.50", "007", "-0", "123456789012345", "1234567890123456", "0.000000000000001", "1e5", ".5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !plain([]byte(s)) {
			return
		}
		if v, ok := number(s); !ok || formatNumber(v) != s {
			t.Errorf("plain(%q), but formatNumber gives %q", s, formatNumber(v))
		}
	})
}

func TestPlain(t *testing.T) {
	for s, want := range map[string]bool{
		"12": true, "0.5": true, "-3": true, "0": true, "123456789012345": true, "-0.25": true,
		"2.50": false, "007": false, "-0": false, "1234567890123456": false, "1e5": false, ".5": false, "5.": false, "": false, "-": false, "1.2.3": false,
	} {
		if got := plain([]byte(s)); got != want {
			t.Errorf("plain(%q) = %v", s, got)
		}
	}
}
