package opendata

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"

	"github.com/qingdan/qingdan/internal/format"
	"github.com/qingdan/qingdan/internal/value"
	"github.com/qingdan/qingdan/internal/view"
)

// SheetRows is how many rows of data a sheet holds: Excel's 1,048,576 rows
// less the header.
const SheetRows = 1<<20 - 1

// ReadingRows is the most readings the workbook holds: a county's 360,000
// readings would take more time to write (some 4 µs a row) than all the
// rest of its open data, for a list too long to read in Excel; past it the
// readings are left out, with a note, and each project's page keeps its own.
const ReadingRows = 100_000

// styles are the workbook's number formats.
type styles struct {
	numbers [format.MaxDecimals + 1]int // #,##0 with n decimals, as format.Exact writes
	count   int                         // #,##0
	percent int                         // 0.0%, as format.Percent writes
	date    int                         // 2022年6月30日 or June 30, 2022, as format.Date writes
}

func newStyles(x *excelize.File, lang string) (styles, error) {
	var st styles
	var err error
	add := func(code string) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = x.NewStyle(&excelize.Style{CustomNumFmt: &code})
		return id
	}
	for n := range st.numbers {
		code := "#,##0"
		if n > 0 {
			code += "." + strings.Repeat("0", n)
		}
		st.numbers[n] = add(code)
	}
	st.count = st.numbers[0]
	st.percent = add("0.0%")
	st.date = add(format.Pick(lang, `yyyy"年"m"月"d"日"`, "mmmm d, yyyy"))
	return st, err
}

// firstSerial is the first day Excel's serial dates count right (from 1900-03-01).
var firstSerial = value.DateOf(1900, 3, 1)

// xlsxCell is a cell as the workbook holds it: text as text, numbers as
// numbers with a number format, dates as Excel's day numbers with a date
// format; nil for an empty cell.
func (st styles) xlsxCell(c column, v cell) any {
	if !v.ok {
		return nil
	}
	switch c.kind {
	case number:
		return excelize.Cell{StyleID: st.numbers[format.Decimals(v.f)], Value: v.f}
	case count:
		return excelize.Cell{StyleID: st.count, Value: int64(v.f)}
	case percent:
		return excelize.Cell{StyleID: st.percent, Value: v.f}
	case date:
		if v.d < firstSerial {
			return v.d.String() // before Excel's calendar: as text
		}
		// Day 0 of Excel's serial dates is 1899-12-30, 25569 days before 1970-01-01.
		return excelize.Cell{StyleID: st.date, Value: int64(v.d) + 25569}
	}
	return v.s
}

// projectsXLSX writes the workbook: a sheet for each table (the projects,
// the readings, the orgs), each with its header frozen and filter buttons,
// then a sheet that says what the figures mean. A table longer than a
// sheet of rows rows is continued on the next sheet ("项目（2）"); the
// readings, past a sheet or past readingRows, are left out. The last sheet
// says so. Nothing in it comes from
// the clock, and its zip entries are written in a fixed order, so that the
// same site gives the same bytes.
func projectsXLSX(w io.Writer, v *view.View, rows, readingRows int) error {
	lang := v.Lang
	x := excelize.NewFile()
	defer x.Close()
	var parts []part // the tables' rows, which the zip writer puts in (see rows.go)
	// The zip goes straight to w: excelize would have it made in a buffer
	// of its own and then copied (a province's 133 MB, in a buffer grown
	// to 256 MB, cleared as it grew).
	x.SetZipWriter(func(io.Writer) excelize.ZipWriter { return &sortedZip{w: w, parts: parts} })
	st, err := newStyles(x, lang)
	if err != nil {
		return err
	}
	var notes []string
	first := true
	tables := []table{projectsTable(v), readingsTable(v, readingRows), orgsTable(v)}
	if g := gapsTable(v); g.rows > 0 { // a sheet only where a required task has orgs to name
		tables = append(tables, g)
	}
	for _, t := range tables {
		if !t.split && t.rows > min(rows, t.limit) {
			n := format.Exact(float64(t.rows))
			if t.limit < rows {
				notes = append(notes, format.Pick(lang,
					fmt.Sprintf("“%s”共 %s 行数据，多于本工作簿收入的 %s 行，没有收入：每个项目的读数见其页面上的“进度读数”表。", t.name.Zh, n, format.Exact(float64(t.limit))),
					fmt.Sprintf("The %s (%s rows) pass the %s rows this workbook takes, and are left out: each project's page lists its own.", strings.ToLower(t.name.En), n, format.Exact(float64(t.limit)))))
			} else {
				notes = append(notes, format.Pick(lang,
					fmt.Sprintf("“%s”共 %s 行数据，多于 Excel 一张工作表能放的 %s 行（另加一行表头），没有收入本工作簿。", t.name.Zh, n, format.Exact(float64(rows))),
					fmt.Sprintf("The %s (%s rows) pass the %s rows of data an Excel sheet holds below its header, and are left out of this workbook.", strings.ToLower(t.name.En), n, format.Exact(float64(rows)))))
			}
			continue
		}
		sheets, err := writeSheets(x, &parts, st, t, lang, rows, first)
		if err != nil {
			return err
		}
		first = false
		if len(sheets) > 1 {
			notes = append(notes, format.Pick(lang,
				fmt.Sprintf("“%s”共 %s 行数据，多于 Excel 一张工作表能放的 %s 行（另加一行表头），分在“%s”%d 张工作表中。", t.name.Zh, format.Exact(float64(t.rows)), format.Exact(float64(rows)), strings.Join(sheets, "”“"), len(sheets)),
				fmt.Sprintf("The %s (%s rows) pass the %s rows of data an Excel sheet holds below its header, and are split over %d sheets: %s.", strings.ToLower(t.name.En), format.Exact(float64(t.rows)), format.Exact(float64(rows)), len(sheets), strings.Join(sheets, ", "))))
		}
	}
	if err := aboutSheet(x, st, v, notes); err != nil {
		return err
	}
	props := &excelize.DocProperties{Creator: "qingdan", Title: v.Title, Language: format.Pick(lang, "zh-CN", "en")}
	if asOf := v.Model.AsOf; !asOf.IsZero() {
		props.Created, props.Modified = asOf.String()+"T00:00:00Z", asOf.String()+"T00:00:00Z"
	}
	if err := x.SetDocProps(props); err != nil {
		return err
	}
	_, err = x.WriteTo(nothing{})
	return err
}

// nothing is where excelize writes the workbook it made in its buffer,
// which is empty: sortedZip writes to the destination itself.
type nothing struct{}

func (nothing) Write(p []byte) (int, error) {
	if len(p) > 0 {
		return 0, errors.New("opendata: excelize wrote the workbook past its zip writer")
	}
	return 0, nil
}

// sheetName is the name of part n (from 1) of a table's sheets.
func sheetName(t table, lang string, n int) string {
	name := t.name.Local(lang)
	if n > 1 {
		name += format.Pick(lang, "（"+strconv.Itoa(n)+"）", " ("+strconv.Itoa(n)+")")
	}
	return name
}

// writeSheets lays out the table on as many sheets as it needs, the first
// of them the workbook's first sheet when first is set, and returns their
// names. Each sheet holds the header and, where its rows go, a marker row
// (see rows.go); its part of the table is added to parts.
func writeSheets(x *excelize.File, parts *[]part, st styles, t table, lang string, rows int, first bool) ([]string, error) {
	var names []string
	head := make([]any, len(t.cols))
	for i, c := range t.cols {
		head[i] = c.head(lang)
	}
	for lo := 0; lo == 0 || lo < t.rows; lo += rows {
		hi := min(lo+rows, t.rows)
		name := sheetName(t, lang, len(names)+1)
		if first && len(names) == 0 {
			if err := x.SetSheetName("Sheet1", name); err != nil {
				return nil, err
			}
		} else if _, err := x.NewSheet(name); err != nil {
			return nil, err
		}
		names = append(names, name)
		sw, err := x.NewStreamWriter(name)
		if err != nil {
			return nil, err
		}
		for i, c := range t.cols {
			if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
				return nil, err
			}
		}
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return nil, err
		}
		if err := sw.SetRow("A1", head); err != nil {
			return nil, err
		}
		if hi > lo {
			if err := sw.SetRow("A2", []any{marker(len(*parts))}); err != nil {
				return nil, err
			}
			*parts = append(*parts, part{t: t, st: st, lo: lo, hi: hi})
		}
		if err := sw.AddTable(&excelize.Table{
			Range: "A1:" + cellName(len(t.cols), max(hi-lo+1, 2)), Name: tableName(t, len(names)-1),
			StyleName: "TableStyleLight9", ShowRowStripes: new(true),
		}); err != nil {
			return nil, err
		}
		if err := sw.Flush(); err != nil {
			return nil, err
		}
	}
	return names, nil
}

// tableName is the Excel table on part n (from 0) of a table's sheets.
func tableName(t table, n int) string {
	if n == 0 {
		return t.id
	}
	return t.id + "_" + strconv.Itoa(n+1)
}

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// aboutSheet is the last sheet: the data's date, what 完成率 and the
// statuses mean, and what was split or left out.
func aboutSheet(x *excelize.File, st styles, v *view.View, notes []string) error {
	lang, s := v.Lang, v.Model
	name := format.Pick(lang, "说明", "About")
	if _, err := x.NewSheet(name); err != nil {
		return err
	}
	gap := format.Exact(format.Round(s.WarnGap*100, 1))
	lines := [][2]any{
		{v.Title, nil},
		{format.Pick(lang, "数据截至", "Figures as of"), nil},
		{format.Pick(lang, "完成率", "percent"), format.Pick(lang,
			"（当前值 − 基准值）÷（目标值 − 基准值），在 0 到 100% 之间；当前值是截至日期以前最近一次读数，没有读数时为基准值。",
			"(value − baseline) ÷ (target − baseline), between 0 and 100%; the value is the latest reading up to the as-of date, else the baseline.")},
		{format.Pick(lang, "状态", "status"), format.Pick(lang,
			"已完成：完成率 100%；未开始：截至日期在开始日期之前；逾期：截至日期已过完成时限；滞后：完成率比时间进度落后 "+gap+" 个百分点以上；其余为正常推进。",
			"done: 100%; not started: the as-of date is before the start; overdue: it is past the due date; behind: the percent is more than "+gap+" points behind the time elapsed; else on track.")},
	}
	for _, n := range notes {
		lines = append(lines, [2]any{format.Pick(lang, "注", "Note"), n})
	}
	for i, l := range lines {
		if err := x.SetSheetRow(name, cellName(1, i+1), &[]any{l[0], l[1]}); err != nil {
			return err
		}
	}
	if c, ok := st.xlsxCell(column{kind: date}, day(s.AsOf)).(excelize.Cell); ok {
		if err := x.SetCellValue(name, "B2", c.Value); err != nil {
			return err
		}
		if err := x.SetCellStyle(name, "B2", "B2", c.StyleID); err != nil {
			return err
		}
	}
	if err := x.SetColWidth(name, "A", "A", 16); err != nil {
		return err
	}
	return x.SetColWidth(name, "B", "B", 100)
}

// sortedZip is the workbook's zip writer: excelize writes its streamed
// sheets in map order, so the entries are compressed as they come and
// written, once all are in, in the order of their names. Like zip.Writer,
// it takes one entry at a time (Create ends the one before), so one
// compressor serves them all: a new one for each of a workbook's dozen
// parts cost a small site's workbook a quarter of its time. A sheet is
// held as excelize writes it, and compressed with its rows put in (see
// splice).
type sortedZip struct {
	w       io.Writer
	parts   []part
	spliced int // the parts whose rows are in
	entries []*zipEntry
	fw      *flate.Writer
}

// zipLevel is how hard the workbook is compressed, with klauspost's
// flate: on 200 MB of a province's sheet XML, level 5 took 0.55 s where
// the standard library's level 4 took 1.02-1.28 s, and came to 11.7 %
// of it against 12.1 %.
const zipLevel = 5

type zipEntry struct {
	name  string
	buf   bytes.Buffer
	fw    *flate.Writer // nil once the entry is ended
	sheet *bytes.Buffer // a sheet as excelize wrote it, its rows not yet in
	crc   hash.Hash32
	size  uint64
}

// end finishes the entry's compressed bytes, a sheet's with its rows.
func (e *zipEntry) end(z *sortedZip) error {
	if e.fw == nil {
		return nil
	}
	var err error
	if e.sheet != nil {
		var n int
		if n, err = splice(writerFunc(e.compress), e.sheet.Bytes(), z.parts); n >= 0 {
			z.spliced++
		}
		e.sheet = nil
	}
	if cerr := e.fw.Close(); err == nil {
		err = cerr
	}
	e.fw = nil
	return err
}

func (e *zipEntry) Write(p []byte) (int, error) {
	if e.fw == nil {
		return 0, errors.New("sortedZip: " + e.name + " written after the next entry was begun")
	}
	if e.sheet != nil {
		return e.sheet.Write(p)
	}
	return e.compress(p)
}

// compress adds p to the entry's compressed bytes.
func (e *zipEntry) compress(p []byte) (int, error) {
	e.crc.Write(p)
	e.size += uint64(len(p))
	return e.fw.Write(p)
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// endLast ends the entry begun last, if any.
func (z *sortedZip) endLast() error {
	if n := len(z.entries); n > 0 {
		return z.entries[n-1].end(z)
	}
	return nil
}

func (z *sortedZip) Create(name string) (io.Writer, error) {
	if err := z.endLast(); err != nil {
		return nil, err
	}
	e := &zipEntry{name: name, crc: crc32.NewIEEE()}
	if len(z.parts) > 0 && isSheet(name) {
		e.sheet = new(bytes.Buffer)
	}
	if z.fw == nil {
		fw, err := flate.NewWriter(&e.buf, zipLevel)
		if err != nil {
			return nil, err
		}
		z.fw = fw
	} else {
		z.fw.Reset(&e.buf)
	}
	e.fw = z.fw
	z.entries = append(z.entries, e)
	return e, nil
}

func (z *sortedZip) AddFS(fs.FS) error { return errors.New("sortedZip: AddFS is not supported") }

// Close writes the entries, [Content_Types].xml first, as Excel writes it,
// then the others by name.
func (z *sortedZip) Close() error {
	if err := z.endLast(); err != nil {
		return err
	}
	// A part whose marker no sheet held would leave its sheet without
	// rows (were excelize to write the marker otherwise).
	if z.spliced != len(z.parts) {
		return fmt.Errorf("opendata: the rows of %d of the workbook's %d sheets were not written", len(z.parts)-z.spliced, len(z.parts))
	}
	slices.SortFunc(z.entries, func(a, b *zipEntry) int {
		if (a.name == "[Content_Types].xml") != (b.name == "[Content_Types].xml") {
			if a.name == "[Content_Types].xml" {
				return -1
			}
			return 1
		}
		return strings.Compare(a.name, b.name)
	})
	zw := zip.NewWriter(z.w)
	for _, e := range z.entries {
		w, err := zw.CreateRaw(&zip.FileHeader{
			Name: e.name, Method: zip.Deflate, CRC32: e.crc.Sum32(),
			CompressedSize64: uint64(e.buf.Len()), UncompressedSize64: e.size,
		})
		if err != nil {
			return err
		}
		if _, err := w.Write(e.buf.Bytes()); err != nil {
			return err
		}
	}
	return zw.Close()
}
