package opendata

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/qingdan/qingdan/internal/format"
	"github.com/qingdan/qingdan/internal/sheet"
)

// A table's rows are written here, not by excelize: excelize lays out each
// sheet (the columns' widths, the frozen header, the header row, the
// table and its filter buttons) with one row below the header, a marker;
// as the workbook is zipped, sortedZip puts the table's rows where the
// marker row is. Through excelize's StreamWriter a province's million
// projects took 27 core-seconds, over a tenth of its build: each cell was
// named, typed and escaped through several strings, and each sheet kept
// in a temporary file, read back to be zipped.

// part is the rows of one sheet of a table: those from lo to hi.
type part struct {
	t      table
	st     styles
	lo, hi int
}

// marker is the text of the cell that stands for part n's rows.
func marker(n int) string { return "qingdan-rows-" + strconv.Itoa(n) }

// errEnough stops a table's rows once a part has the last of its own.
var errEnough = errors.New("enough rows")

// rowsBuf is how many bytes of rows are made before they are compressed.
const rowsBuf = 64 << 10

// write writes the part's rows, from sheet row 2, to w.
func (p part) write(w io.Writer) error {
	refs := make([][]byte, len(p.t.cols))
	for i := range refs {
		name, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		refs[i] = []byte(name)
	}
	b := make([]byte, 0, rowsBuf+4096)
	var num [20]byte // the row's number
	i := 0
	err := p.t.each(func(r []cell) error {
		if i < p.lo {
			i++
			return nil
		}
		if i == p.hi {
			if p.hi == p.t.rows {
				return fmt.Errorf("opendata: the %s table gave more than its %d rows", p.t.id, p.t.rows)
			}
			return errEnough
		}
		i++
		row := strconv.AppendInt(num[:0], int64(i-p.lo+1), 10)
		b = append(append(append(b, `<row r="`...), row...), `">`...)
		for c, col := range p.t.cols {
			b = p.st.appendCell(b, refs[c], row, col, r[c])
		}
		b = append(b, "</row>"...)
		if len(b) >= rowsBuf {
			if _, err := w.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
		return nil
	})
	if err != nil && err != errEnough {
		return err
	}
	if i != p.hi {
		return fmt.Errorf("opendata: the %s table gave %d rows, not %d", p.t.id, i, p.hi)
	}
	_, err = w.Write(b)
	return err
}

// appendCell appends cell v of column c at column ref, row row, as
// xlsxCell has excelize write it: empty cells left out, numbers and dates
// with their formats, text inline.
func (st styles) appendCell(b, ref, row []byte, c column, v cell) []byte {
	if !v.ok {
		return b
	}
	switch c.kind {
	case number:
		return appendNumberCell(b, ref, row, st.numbers[format.Decimals(v.f)], v.f)
	case count:
		return append(strconv.AppendInt(appendValueStart(b, ref, row, st.count), int64(v.f), 10), "</v></c>"...)
	case percent:
		return appendNumberCell(b, ref, row, st.percent, v.f)
	case date:
		if v.d < firstSerial {
			return appendText(b, ref, row, 0, v.d.String())
		}
		return append(strconv.AppendInt(appendValueStart(b, ref, row, st.date), int64(v.d)+25569, 10), "</v></c>"...)
	}
	return appendText(b, ref, row, 0, v.s)
}

// appendCellStart appends <c r="…", the cell's name, up to its next
// attribute.
func appendCellStart(b, ref, row []byte) []byte {
	return append(append(append(append(b, `<c r="`...), ref...), row...), '"')
}

// appendStyle appends the cell's style s, none when 0.
func appendStyle(b []byte, s int) []byte {
	if s == 0 {
		return b
	}
	return append(strconv.AppendInt(append(b, ` s="`...), int64(s), 10), '"')
}

// appendValueStart appends the start of a number cell of style s, up to
// its value.
func appendValueStart(b, ref, row []byte, s int) []byte {
	return append(appendStyle(appendCellStart(b, ref, row), s), `><v>`...)
}

// appendNumberCell appends number f, in style s: as text when it is not a
// number Excel can hold (NaN, an infinity), as excelize does.
func appendNumberCell(b, ref, row []byte, s int, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return appendText(b, ref, row, s, fmt.Sprint(f))
	}
	return append(appendExcelFloat(appendValueStart(b, ref, row, s), f), "</v></c>"...)
}

// appendExcelFloat appends f as excelize writes a number: its shortest
// decimal, cut (not rounded) after the fifteenth significant digit, the
// digits Excel keeps; in the whole part, the digits cut become zeros.
func appendExcelFloat(b []byte, f float64) []byte {
	at := len(b)
	b = strconv.AppendFloat(b, f, 'f', -1, 64)
	if math.Abs(f) == math.MaxFloat64 {
		return b
	}
	s := b[at:]
	point := bytes.IndexByte(s, '.')
	digits := 0
	for i, c := range s {
		if c < '0' || c > '9' || digits == 0 && c == '0' {
			continue
		}
		if digits++; digits <= 15 {
			continue
		}
		if point >= 0 && i > point {
			return bytes.TrimSuffix(b[:at+i], []byte("."))
		}
		if point < 0 {
			point = len(s)
		}
		for ; i < point; i++ {
			s[i] = '0'
		}
		return b[:at+point]
	}
	return b
}

// maxCellUnits is the most UTF-16 units Excel holds in a cell.
const maxCellUnits = 32767

// appendText appends an inline text cell holding s, as excelize writes
// one: cut at Excel's 32,767 UTF-16 units; its spaces kept when it starts
// or ends with one; escaped for XML, each character XML does not allow
// made U+FFFD; and each underscore that would begin an escape (_x0041_ is
// A to Excel) itself escaped, as _x005F_.
func appendText(b, ref, row []byte, style int, s string) []byte {
	if len(s) > maxCellUnits { // else it cannot pass: a byte is at most a unit
		n := 0
		for i, r := range s {
			if n += utf16.RuneLen(r); n > maxCellUnits {
				s = s[:i]
				break
			}
		}
	}
	b = append(appendStyle(appendCellStart(b, ref, row), style), ` t="inlineStr"><is><t`...)
	if s != "" && (isXMLSpace(s[0]) || isXMLSpace(s[len(s)-1])) {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = append(b, '>')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < utf8.RuneSelf && c != '&' && c != '<' && c != '>' && c != '_' {
			b = append(b, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '&':
			b = append(b, "&amp;"...)
		case r == '<':
			b = append(b, "&lt;"...)
		case r == '>':
			b = append(b, "&gt;"...)
		case r == '\r':
			b = append(b, "&#xD;"...)
		case r == '_' && sheet.EscapeAt(s, i):
			b = append(b, "_x005F_"...)
		case r == utf8.RuneError && size == 1 || !sheet.IsXMLChar(r):
			b = utf8.AppendRune(b, utf8.RuneError)
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, "</t></is></c>"...)
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// splice writes sheet, the XML excelize made of a sheet, to w, with the
// row that holds a marker of parts replaced by that part's rows, and
// returns that part's number; a sheet with none goes as it is (-1).
func splice(w io.Writer, sheet []byte, parts []part) (int, error) {
	for n, p := range parts {
		at := bytes.Index(sheet, []byte("<t>"+marker(n)+"</t>"))
		if at < 0 {
			continue
		}
		start := bytes.LastIndex(sheet[:at], []byte("<row "))
		end := bytes.Index(sheet[at:], []byte("</row>"))
		if start < 0 || end < 0 {
			return n, fmt.Errorf("opendata: no row around the %s table's marker", p.t.id)
		}
		end += at + len("</row>")
		if _, err := w.Write(sheet[:start]); err != nil {
			return n, err
		}
		if err := p.write(w); err != nil {
			return n, err
		}
		_, err := w.Write(sheet[end:])
		return n, err
	}
	_, err := w.Write(sheet)
	return -1, err
}

// isSheet reports whether a zip entry is a worksheet's XML.
func isSheet(name string) bool {
	return strings.HasPrefix(name, "xl/worksheets/sheet") && strings.HasSuffix(name, ".xml")
}
