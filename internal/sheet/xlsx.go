package sheet

import (
	"archive/zip"
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
// percents value×100 followed by "%", other numbers their stored value
// (see rowScanner.value). The workbook's small parts are read once when it
// is opened (workbook); its sheet is streamed from the zip (rowScanner).
// excelize opens the workbook only to find a formula (Formula), which
// happens when a cell needed came out empty.
type xlsxSource struct {
	rows rowScanner
	part io.Closer // the sheet's stream
	zip  io.Closer // the file the workbook is read from, or nil
	open func(excelize.Options) (*excelize.File, error)
	f    *excelize.File // opened on the first formula asked for
	tmp  string         // directory for excelize's temporary files
	lim  Limits
}

// numClass is the class of a number format.
type numClass uint8

const (
	classNumber numClass = iota
	classDate
	classPercent
)

// openXLSX reads the workbook unzip opens, within the limits; open opens
// it with excelize, for formulas. The folder for excelize's temporary files
// is made first, so that a reader is never without one to remove, whatever
// interrupts it (see RemoveTemp).
func openXLSX(name string, lim Limits, unzip func() (*zip.Reader, io.Closer, error), open func(excelize.Options) (*excelize.File, error)) (src *xlsxSource, err error) {
	tmp, err := MakeTemp()
	if err != nil {
		return nil, err
	}
	var closer io.Closer
	defer func() {
		if p := recover(); p != nil {
			err = panicError(p)
		}
		if err != nil {
			if closer != nil {
				closer.Close()
			}
			os.RemoveAll(tmp)
		}
	}()
	zr, closer, err := unzip()
	if err != nil {
		return nil, err
	}
	if err := lim.checkUnzip(name, zr); err != nil {
		return nil, err
	}
	wb, err := openWorkbook(zr)
	if err != nil {
		return nil, err
	}
	rc, err := wb.openPart(wb.sheet)
	if err != nil {
		return nil, err
	}
	part := readAhead(rc) // unzipped while the rows before are read
	x, err := newXMLScanner(part)
	if err != nil {
		part.Close()
		return nil, err
	}
	return &xlsxSource{rows: rowScanner{x: x, wb: wb}, part: part, zip: closer, open: open, tmp: tmp, lim: lim}, nil
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
	return x.rows.next(row, x.lim.CellSize)
}

// skip passes over the rows ahead when their text is text (see
// rowScanner.skip); a corrupt stream found meanwhile is left for next to
// report.
func (x *xlsxSource) skip(text []byte, line int) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return x.rows.skip(text, line)
}

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
// or "" when it has none. The row scanner sees that a cell has a formula
// but not what a shared one says, so excelize opens the workbook and reads
// the whole sheet once, on the first call: callers ask only about cells
// that came out empty where a value was needed.
func (x *xlsxSource) formula(line, col int) (f string) {
	defer func() {
		if recover() != nil {
			f = ""
		}
	}()
	name, err := excelize.CoordinatesToCellName(col, line)
	if err != nil || x.open == nil {
		return ""
	}
	if x.f == nil {
		o := excelize.Options{TmpDir: x.tmp, UnzipSizeLimit: x.lim.unzipLimit(), UnzipXMLSizeLimit: x.lim.xmlLimit()}
		if x.f, err = x.open(o); err != nil {
			x.open = nil
			return ""
		}
	}
	sheets := x.f.GetSheetList()
	if len(sheets) == 0 {
		return ""
	}
	f, err = x.f.GetCellFormula(sheets[0], name)
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

// number parses a stored numeric value (Go's digit separators are not
// Excel's: "1_000" is text).
func number(s string) (float64, bool) {
	if s == "" || strings.IndexByte(s, '_') >= 0 {
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
	err := x.part.Close()
	if x.zip != nil {
		if zerr := x.zip.Close(); err == nil {
			err = zerr
		}
	}
	if x.f != nil {
		x.f.Close()
	}
	if rerr := os.RemoveAll(x.tmp); err == nil {
		err = rerr
	}
	return err
}

// catch turns a panic while reading a workbook, which a corrupt one might
// provoke (inside excelize, say), into an error.
// It must itself be the deferred function, for recover to work.
func catch(err *error) {
	if p := recover(); p != nil {
		*err = panicError(p)
	}
}

func panicError(p any) error { return fmt.Errorf("corrupt workbook (%v)", p) }
