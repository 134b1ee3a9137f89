package sheet

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// xlsxSource reads the first sheet of a workbook: the first in workbook
// order (the order of the tabs), whether it is visible or hidden.
//
// A cell's text depends on its number format: dates become YYYY-MM-DD,
// percents value×100 followed by "%", other numbers their stored value.
// excelize's streaming iterator gives, per row, either the stored values
// (RawCellValue) or the values formatted by each cell's style, but never
// the style itself. So two iterators walk the sheet in step: one gives the
// stored values, the other formats with a style sheet rewired once, when
// the file is opened, so that every number format of the workbook is
// replaced by a marker format naming its class (date, percent, number).
// A numeric cell then comes out as its class marker; text, booleans and
// error values pass through marker formats unchanged.
type xlsxSource struct {
	f        *excelize.File
	sheet    string // the name of the sheet read
	tmp      string // directory for excelize's temporary files
	raw, fmt *excelize.Rows
	line     int // row number of the last row read
	date1904 bool
	cells    []string
	maxCell  int64 // the cell limit
}

// Class markers. A format made only of a quoted literal shows every number
// as that literal and leaves text alone.
const (
	markNumber  = "<number>"
	markDate    = "<date>"
	markPercent = "<percent>"
)

// numClass is the class of a number format.
type numClass uint8

const (
	classNumber numClass = iota
	classDate
	classPercent
)

var markers = [...]string{classNumber: markNumber, classDate: markDate, classPercent: markPercent}

// openXLSX opens a workbook with open, within the limits. excelize unzips
// large parts to temporary files and does not always remove them when it
// fails, so they go to a directory of their own, removed by close or on
// failure, or by RemoveTemp or RemoveStaleTemp when the process ends
// before.
func openXLSX(lim Limits, open func(excelize.Options) (*excelize.File, error)) (src *xlsxSource, err error) {
	tmp, err := makeTemp()
	if err != nil {
		return nil, err
	}
	var f *excelize.File
	defer func() {
		if p := recover(); p != nil {
			err = panicError(p)
		}
		if err != nil {
			if f != nil {
				f.Close()
			}
			os.RemoveAll(tmp)
		}
	}()
	o := excelize.Options{TmpDir: tmp, UnzipSizeLimit: lim.unzipLimit(), UnzipXMLSizeLimit: lim.xmlLimit()}
	if f, err = open(o); err != nil {
		return nil, err
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, errors.New("workbook has no sheet")
	}
	props, err := f.GetWorkbookProps()
	if err != nil {
		return nil, err
	}
	src = &xlsxSource{f: f, sheet: sheets[0], tmp: tmp, date1904: props.Date1904 != nil && *props.Date1904, maxCell: lim.CellSize}
	// If the style sheet cannot be rewired, cells keep excelize's
	// formatting, which is what the user sees.
	_ = markStyles(f)
	if src.raw, err = f.Rows(sheets[0]); err != nil {
		return nil, err
	}
	if src.fmt, err = f.Rows(sheets[0]); err != nil {
		src.raw.Close()
		return nil, err
	}
	return src, nil
}

// markStyles replaces the number format of every cell style (xf) of f by
// the marker format of its class. The style sheet is only changed in
// memory; the file is never saved.
func markStyles(f *excelize.File) (err error) {
	defer catch(&err)
	_, _ = f.GetStyle(0) // loads f.Styles
	ss := f.Styles
	if ss == nil || ss.CellXfs == nil || len(ss.CellXfs.Xf) <= 1 {
		return nil // excelize never formats cells with style 0
	}
	custom := map[int]string{}
	if ss.NumFmts != nil {
		for _, nf := range ss.NumFmts.NumFmt {
			code := nf.FormatCode
			if nf.FormatCode16 != "" {
				code = nf.FormatCode16
			}
			custom[nf.NumFmtID] = code
		}
	}
	classes := make([]numClass, len(ss.CellXfs.Xf))
	for i, xf := range ss.CellXfs.Xf {
		id := 0
		if xf.NumFmtID != nil {
			id = *xf.NumFmtID
		}
		if code, ok := custom[id]; ok {
			classes[i] = classifyCode(code)
		} else {
			classes[i] = classifyBuiltIn(id)
		}
	}
	var ids [len(markers)]*int
	for c, m := range markers {
		code := `"` + m + `";"` + m + `";"` + m + `"` // positive;negative;zero
		st, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
		if err != nil {
			return err
		}
		id := *f.Styles.CellXfs.Xf[st].NumFmtID
		ids[c] = &id
	}
	xfs := f.Styles.CellXfs.Xf // NewStyle may have grown the slice
	for i, c := range classes {
		xfs[i].NumFmtID = ids[c]
	}
	return nil
}

// classifyBuiltIn returns the class of a built-in number format, including
// the ones whose code depends on the locale (27-58; the Chinese ones are
// dates such as yyyy"年"m"月"d"日" or times such as h"时"mm"分").
func classifyBuiltIn(id int) numClass {
	switch {
	case id == 9 || id == 10:
		return classPercent
	case 14 <= id && id <= 17, id == 22, 27 <= id && id <= 31, id == 36,
		50 <= id && id <= 54, id == 57, id == 58:
		return classDate
	}
	return classNumber
}

// classifyCode returns the class of a custom number format code. It is a
// date if it has a year or day token, or a month token without hours or
// seconds (so "mm:ss" is not); a time of day alone is a number. It is a
// percent if it has a % outside quotes.
func classifyCode(code string) numClass {
	var date, month, clock, percent bool
	for i := 0; i < len(code); i++ {
		switch code[i] {
		case '"': // quoted literal
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				i = len(code)
			} else {
				i += j + 1
			}
		case '[': // colour, condition, locale, elapsed time
			j := strings.IndexByte(code[i+1:], ']')
			if j < 0 {
				i = len(code)
			} else {
				i += j + 1
			}
		case '\\', '_', '*': // escaped character, space or fill: skip the next one
			i++
		case 'y', 'Y', 'd', 'D':
			date = true
		case 'm', 'M':
			month = true
		case 'h', 'H', 's', 'S':
			clock = true
		case '%':
			percent = true
		}
	}
	switch {
	case date || month && !clock:
		return classDate
	case percent:
		return classPercent
	}
	return classNumber
}

func (x *xlsxSource) next(row *Row) (err error) {
	defer catch(&err)
	for {
		if !x.raw.Next() {
			if err := x.raw.Error(); err != nil {
				return &Error{Line: x.line + 1, Kind: Unreadable, Err: err}
			}
			return io.EOF
		}
		x.fmt.Next()
		x.line++ // Next stops at every row number, empty rows included
		a, err := x.raw.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return &Error{Line: x.line, Kind: Unreadable, Err: err}
		}
		b, err := x.fmt.Columns()
		if err != nil {
			return &Error{Line: x.line, Kind: Unreadable, Err: err}
		}
		cells := x.cells[:0]
		for i := range max(len(a), len(b)) {
			cells = append(cells, x.cell(at(a, i), at(b, i)))
		}
		x.cells = cells
		if blank(cells) {
			continue
		}
		for i, c := range cells {
			if int64(len(c)) > x.maxCell {
				return &Error{Line: x.line, Col: i + 1, Kind: CellTooLarge, Size: int64(len(c)), Limit: x.maxCell}
			}
		}
		row.Line, row.Cells = x.line, cells
		return nil
	}
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return ""
}

// cell returns the text of a cell from its stored value a and its value b
// as formatted with the marker formats.
func (x *xlsxSource) cell(a, b string) string {
	switch b {
	case markNumber, markDate, markPercent:
		v, ok := number(a)
		switch {
		case !ok:
			// A cell of type "d" stores an ISO 8601 date-time. (excelize
			// only recognises it, and so formats it, when it ends in Z.)
			if b == markDate && isISODate(a) {
				return a[:10]
			}
			return a
		case b == markDate:
			if s, ok := x.date(v); ok {
				return s
			}
		case b == markPercent:
			if p := v * 100; !math.IsInf(p, 0) {
				return formatNumber(p) + "%"
			}
		}
		return formatNumber(v)
	}
	// Cells of style 0 (and all cells if the markers could not be set)
	// are formatted by excelize itself, which rounds numbers as Excel's
	// General format does; prefer the stored value.
	if a != b {
		if v, ok := number(a); ok {
			if _, ok := number(b); ok {
				return formatNumber(v)
			}
		}
	}
	return b
}

// date formats an Excel serial date as YYYY-MM-DD, dropping any time of day.
func (x *xlsxSource) date(v float64) (string, bool) { return SerialDate(v, x.date1904) }

// SerialDate formats v, a date as Excel stores it (days since 1900, or
// since 1904 in a workbook that says so), as YYYY-MM-DD, dropping any time
// of day. It is what a number in a date column would have shown, had the
// cell been formatted as a date.
func SerialDate(v float64, date1904 bool) (string, bool) {
	if v < 0 || v > 3e6 || math.IsNaN(v) { // beyond the year 9999
		return "", false
	}
	t, err := excelize.ExcelDateToTime(v, date1904)
	if err != nil || t.Year() < 1 || t.Year() > 9999 {
		return "", false
	}
	return t.Format("2006-01-02"), true
}

// formula returns the formula of the cell at row line, column col (1-based),
// or "" when it has none. excelize's row iterator does not tell formulas
// apart, so this reads the whole sheet once, on the first call: callers ask
// only about cells that came out empty where a value was needed.
func (x *xlsxSource) formula(line, col int) (f string) {
	defer func() {
		if recover() != nil {
			f = ""
		}
	}()
	name, err := excelize.CoordinatesToCellName(col, line)
	if err != nil {
		return ""
	}
	f, err = x.f.GetCellFormula(x.sheet, name)
	if err != nil {
		return ""
	}
	return f
}

func isISODate(s string) bool {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range []byte(s[:10]) {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// number parses a stored numeric value.
func number(s string) (float64, bool) {
	if s == "" {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil && !math.IsInf(v, 0) && !math.IsNaN(v)
}

// formatNumber writes v without exponent, grouping or trailing zeros,
// rounded to the 15 significant digits Excel keeps, which removes binary
// noise such as 44.650000000000006.
func formatNumber(v float64) string {
	v, _ = strconv.ParseFloat(strconv.FormatFloat(v, 'g', 15, 64), 64)
	if v == 0 {
		return "0" // not "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func (x *xlsxSource) close() error {
	x.raw.Close()
	x.fmt.Close()
	err := x.f.Close()
	if rerr := os.RemoveAll(x.tmp); err == nil {
		err = rerr
	}
	return err
}

// catch turns a panic inside excelize, which a corrupt workbook might
// provoke, into an error.
// It must itself be the deferred function, for recover to work.
func catch(err *error) {
	if p := recover(); p != nil {
		*err = panicError(p)
	}
}

func panicError(p any) error { return fmt.Errorf("corrupt workbook (%v)", p) }
