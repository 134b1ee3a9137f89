package sheet

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// rowScanner streams the rows of a worksheet part, once (xmlScanner): each
// cell's type, style and stored value give its text directly (see value),
// where excelize's row iterator would have to walk the sheet twice (once
// for stored values, once for the styles' formats) and parse a number
// format for every styled cell.
type rowScanner struct {
	x     *xmlScanner
	wb    *workbook
	line  int // the row number of the last row read
	cells []string
	v     []byte            // a cell's stored value, as it is gathered
	dates map[string]string // serial dates as they were shown, for the rows to come
	after bool              // it stands right after the last row it returned (see skip)
}

// cell is what a <c> element says.
type cell struct {
	col     int    // its column, 1-based
	typ     string // t: "s", "str", "inlineStr", "b", "e", "d", "n" or none
	style   int    // s
	value   []byte // <v>, or the text of <is>
	formula bool   // it has <f>
}

var errMaxRows = fmt.Errorf("row number over %d", excelize.TotalRows)

// next reads the next row's cells into row, io.EOF at the end of the
// sheet's data. Errors are *Error.
func (s *rowScanner) next(row *Row, maxCell int64) error {
	s.x.keepFrom() // the row's raw text: what this call reads (see Row.Raw)
	s.after = false
	for {
		if err := s.x.next(); err != nil {
			if err == io.EOF {
				return err
			}
			return &Error{Line: s.line + 1, Kind: Unreadable, Err: err}
		}
		switch s.x.kind {
		case tokStart:
			if string(s.x.name) != "row" {
				continue
			}
			if err := s.row(); err != nil {
				return &Error{Line: s.line, Kind: Unreadable, Err: err}
			}
			if blank(s.cells) {
				continue
			}
			for i, c := range s.cells {
				if int64(len(c)) > maxCell {
					return &Error{Line: s.line, Col: i + 1, Kind: CellTooLarge, Size: int64(len(c)), Limit: maxCell}
				}
			}
			row.Line, row.Cells = s.line, s.cells
			s.after = true
			return nil
		case tokEnd:
			if string(s.x.name) == "sheetData" {
				return io.EOF
			}
		}
	}
}

// row reads a <row> element, its start just read. Its number is its r, or
// the one after the last row's; the numbers only go up. A cell is placed in
// its r's column, or in the one after the last cell's; cells with neither
// a value nor a formula are left out, and the gaps they leave are empty.
func (s *rowScanner) row() error {
	s.line++
	if r, ok := s.x.attr("r"); ok {
		n, err := strconv.Atoi(string(r))
		if err != nil {
			return fmt.Errorf("row number %q", r)
		}
		if n > excelize.TotalRows {
			return errMaxRows
		}
		s.line = max(s.line, n)
	}
	s.cells = s.cells[:0]
	col := 0
	for {
		if err := s.x.within(); err != nil {
			return err
		}
		switch s.x.kind {
		case tokStart:
			if string(s.x.name) != "c" {
				continue
			}
			c, err := s.cell(col)
			if err != nil {
				return err
			}
			col = c.col
			v, err := s.value(c)
			if err != nil {
				return err
			}
			if v == "" && !c.formula {
				continue
			}
			for len(s.cells) < c.col-1 {
				s.cells = append(s.cells, "")
			}
			if len(s.cells) >= excelize.MaxColumns {
				return fmt.Errorf("more than %d cells", excelize.MaxColumns)
			}
			s.cells = append(s.cells, v)
		case tokEnd:
			if string(s.x.name) == "row" {
				return nil
			}
		}
	}
}

// cell reads a <c> element, its start just read; prev is the column of the
// cell before it in its row.
func (s *rowScanner) cell(prev int) (c cell, err error) {
	c.col = prev + 1
	for _, a := range s.x.attrs {
		switch string(a.name) {
		case "r":
			if c.col, err = column(string(a.value)); err != nil {
				return c, err
			}
		case "s":
			n, err := strconv.ParseInt(string(a.value), 10, 64)
			if err != nil {
				return c, fmt.Errorf("cell style %q", a.value)
			}
			c.style = int(min(max(n, -1), 1<<31))
		case "t":
			c.typ = cellType(a.value)
		}
	}
	s.v = s.v[:0]
	depth := 0      // elements open inside the cell
	inV := false    // in its <v>
	inline := false // its value is the text of its <is>
	for {
		if err := s.x.within(); err != nil {
			return c, err
		}
		switch s.x.kind {
		case tokStart:
			if depth++; depth > 1 {
				continue
			}
			switch string(s.x.name) {
			case "v":
				inV = !inline
			case "f":
				c.formula = true
			case "is":
				if s.v, err = stringItem(s.x, s.v[:0]); err != nil {
					return c, err
				}
				depth, inline = 0, true
			}
		case tokEnd:
			if depth == 0 {
				c.value = s.v
				return c, nil
			}
			if depth--; depth == 0 {
				inV = false
			}
		case tokText:
			if inV {
				s.v = append(s.v, s.x.text...)
			}
		}
	}
}

// cellType is a cell's t, as a constant string.
func cellType(t []byte) string {
	for _, k := range [...]string{"s", "n", "str", "inlineStr", "b", "e", "d"} {
		if string(t) == k {
			return k
		}
	}
	return string(t)
}

// value is the text of a cell.
func (s *rowScanner) value(c cell) (string, error) {
	switch c.typ {
	case "s":
		if len(c.value) == 0 {
			return "", nil
		}
		i, err := strconv.Atoi(string(bytes.TrimSpace(c.value)))
		if err != nil || i < 0 || i >= len(s.wb.strs) {
			return "", fmt.Errorf("%s: no shared string %q", cellName(c.col, s.line), c.value)
		}
		return s.wb.strs[i], nil
	case "str", "inlineStr", "e":
		return string(c.value), nil
	case "b":
		switch string(c.value) {
		case "1":
			return "TRUE", nil
		case "0":
			return "FALSE", nil
		}
		return string(c.value), nil
	}
	class := classNumber
	styled := c.style > 0 && c.style < len(s.wb.classes)
	if styled {
		class = s.wb.classes[c.style]
	}
	if c.typ == "d" { // an ISO 8601 date-time: a date, unless shown otherwise
		if (class == classDate || !styled) && isISODate(string(c.value)) {
			return string(c.value[:10]), nil
		}
		return string(c.value), nil
	}
	if plain(c.value) && class == classNumber {
		return string(c.value), nil // as formatNumber would write it
	}
	text := string(c.value)
	v, ok := number(text)
	switch {
	case !ok:
		return text, nil
	case class == classDate:
		if d, ok := s.dates[text]; ok {
			return d, nil
		}
		if d, ok := SerialDate(v, s.wb.date1904); ok {
			if s.dates == nil || len(s.dates) >= 4096 {
				s.dates = map[string]string{}
			}
			s.dates[text] = d
			return d, nil
		}
	case class == classPercent:
		if p := v * 100; !math.IsInf(p, 0) {
			return formatNumber(p) + "%", nil
		}
	}
	return formatNumber(v), nil
}

// plain reports whether b is a number as formatNumber writes it: an
// integer or a decimal fraction without needless zeros, of at most 15
// digits.
func plain(b []byte) bool {
	if len(b) > 0 && b[0] == '-' {
		b = b[1:]
		if len(b) == 1 && b[0] == '0' {
			return false // "-0" is written "0"
		}
	}
	if len(b) == 0 || len(b) > 16 || b[0] == '.' || b[len(b)-1] == '.' ||
		len(b) > 1 && b[0] == '0' && b[1] != '.' {
		return false
	}
	digits, dot := 0, false
	for _, c := range b {
		switch {
		case '0' <= c && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return digits <= 15 && !(dot && b[len(b)-1] == '0')
}

// column is the column of a cell reference such as "B7" or "$B$7"
// (1-based).
func column(ref string) (int, error) {
	col, i := 0, 0
	if i < len(ref) && ref[i] == '$' {
		i++
	}
	for ; i < len(ref) && col <= excelize.MaxColumns; i++ {
		b := ref[i] | 0x20 // lower case
		if b < 'a' || b > 'z' {
			break
		}
		col = col*26 + int(b-'a') + 1
	}
	if i < len(ref) && ref[i] == '$' {
		i++
	}
	if n, err := strconv.Atoi(ref[i:]); col == 0 || col > excelize.MaxColumns || err != nil || n < 1 || ref[i] < '0' || ref[i] > '9' {
		return 0, fmt.Errorf("cell reference %q", ref)
	}
	return col, nil
}

// cellName is a cell's name, such as "B7".
func cellName(col, line int) string {
	name, err := excelize.CoordinatesToCellName(col, line)
	if err != nil {
		return fmt.Sprintf("R%dC%d", line, col)
	}
	return name
}
