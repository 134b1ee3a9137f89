package sheet

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// rowScanner streams the rows of a worksheet part, once, with
// encoding/xml's RawToken: each cell's type, style and stored value give
// its text directly (see value), where excelize's row iterator would have
// to walk the sheet twice (once for stored values, once for the styles'
// formats) and parse a number format for every styled cell.
type rowScanner struct {
	d     *xml.Decoder
	wb    *workbook
	line  int // the row number of the last row read
	cells []string
	text  textOf
	v     []byte // a cell's stored value, as it is gathered
}

// cell is what a <c> element says.
type cell struct {
	col     int    // its column, 1-based
	typ     string // t: "s", "str", "inlineStr", "b", "e", "d", "n" or none
	style   int    // s
	value   string // <v>, or the text of <is>
	formula bool   // it has <f>
}

var errMaxRows = fmt.Errorf("row number over %d", excelize.TotalRows)

// next reads the next row's cells into row, io.EOF at the end of the
// sheet's data. Errors are *Error.
func (s *rowScanner) next(row *Row, maxCell int64) error {
	for {
		tok, err := s.d.RawToken()
		if err != nil {
			if err == io.EOF {
				return err
			}
			return &Error{Line: s.line + 1, Kind: Unreadable, Err: err}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "row" {
				continue
			}
			if err := s.row(t); err != nil {
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
			return nil
		case xml.EndElement:
			if t.Name.Local == "sheetData" {
				return io.EOF
			}
		}
	}
}

// row reads a <row> element whose start is se. Its number is its r, or
// the one after the last row's; the numbers only go up. A cell is placed in
// its r's column, or in the one after the last cell's; cells with neither
// a value nor a formula are left out, and the gaps they leave are empty.
func (s *rowScanner) row(se xml.StartElement) error {
	s.line++
	if r := attr(se, "r"); r != "" {
		n, err := strconv.Atoi(r)
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
		tok, err := s.d.RawToken()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "c" {
				continue
			}
			c, err := s.cell(t, col)
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
		case xml.EndElement:
			if t.Name.Local == "row" {
				return nil
			}
		}
	}
}

// cell reads a <c> element whose start is se; prev is the column of the
// cell before it in its row.
func (s *rowScanner) cell(se xml.StartElement, prev int) (c cell, err error) {
	c.col = prev + 1
	for _, a := range se.Attr {
		switch a.Name.Local {
		case "r":
			if c.col, err = column(a.Value); err != nil {
				return c, err
			}
		case "s":
			n, err := strconv.ParseInt(a.Value, 10, 64)
			if err != nil {
				return c, fmt.Errorf("cell style %q", a.Value)
			}
			c.style = int(min(max(n, -1), 1<<31))
		case "t":
			c.typ = a.Value
		}
	}
	s.v = s.v[:0]
	depth := 0 // elements open inside the cell
	in := ""   // the child of the cell being read
	for {
		tok, err := s.d.RawToken()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return c, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > 1 {
				continue
			}
			switch in = t.Name.Local; in {
			case "f":
				c.formula = true
			case "is":
				v, err := s.text.read(s.d, "is")
				if err != nil {
					return c, err
				}
				c.value, depth, in = v, 0, ""
			}
		case xml.EndElement:
			if depth == 0 {
				if c.value == "" {
					c.value = string(s.v)
				}
				return c, nil
			}
			if depth--; depth == 0 {
				in = ""
			}
		case xml.CharData:
			if in == "v" {
				s.v = append(s.v, t...)
			}
		}
	}
}

// value is the text of a cell that holds something.
func (s *rowScanner) value(c cell) (string, error) {
	switch c.typ {
	case "s":
		if c.value == "" {
			return "", nil
		}
		i, err := strconv.Atoi(strings.TrimSpace(c.value))
		if err != nil || i < 0 || i >= len(s.wb.strs) {
			return "", fmt.Errorf("%s: no shared string %q", cellName(c.col, s.line), c.value)
		}
		return s.wb.strs[i], nil
	case "str", "inlineStr", "e":
		return c.value, nil
	case "b":
		switch c.value {
		case "1":
			return "TRUE", nil
		case "0":
			return "FALSE", nil
		}
		return c.value, nil
	}
	class := classNumber
	if c.style > 0 && c.style < len(s.wb.classes) {
		class = s.wb.classes[c.style]
	}
	if c.typ == "d" { // an ISO 8601 date-time: a date, unless shown otherwise
		if (class == classDate || c.style <= 0 || c.style >= len(s.wb.classes)) && isISODate(c.value) {
			return c.value[:10], nil
		}
		return c.value, nil
	}
	v, ok := number(c.value)
	switch {
	case !ok:
		return c.value, nil
	case class == classDate:
		if d, ok := SerialDate(v, s.wb.date1904); ok {
			return d, nil
		}
	case class == classPercent:
		if p := v * 100; !math.IsInf(p, 0) {
			return formatNumber(p) + "%", nil
		}
	}
	return formatNumber(v), nil
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
