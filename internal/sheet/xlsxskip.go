package sheet

import (
	"bytes"
	"strconv"
)

// skip passes over the rows ahead when the sheet's text ahead is text: the
// raw texts (Row.Raw) of rows read before, one after another, the first on
// line. It reports whether it did; if not, nothing was read. It is called
// right after a row was read (the text ahead is what the next row's raw
// text would begin with), and only passes over rows that each give their
// number (r), ever higher, the first line and over the last row's: their
// numbers are then what they were, whatever came before. A comment or a
// CDATA section in text, which could hold what looks like a row, is not
// passed over.
func (s *rowScanner) skip(text []byte, line int) bool {
	x := s.x
	if len(text) == 0 || !s.after || x.self {
		return false
	}
	last, ok := rowNumbers(text, s.line, line)
	if !ok {
		return false
	}
	for x.end-x.pos < len(text) {
		had := x.end - x.pos
		if x.err != nil {
			return false
		}
		x.fill()
		if x.end-x.pos <= had && x.err == nil {
			return false
		}
	}
	if !bytes.Equal(x.buf[x.pos:x.pos+len(text)], text) {
		return false
	}
	x.pos += len(text)
	x.keepFrom()
	s.line = last
	return true
}

// rowNumbers checks the row elements of text, a run of rows' raw texts:
// each must give its number, higher than the one before (after, the row
// read last), the first of them first. It returns the last's number. Each
// row's start tag is read as xmlScanner reads it; a row with a prefix
// (<x:row>), which the search for "<row" would miss, is not passed over.
func rowNumbers(text []byte, after, first int) (last int, ok bool) {
	for _, s := range []string{"<!--", "<![CDATA[", ":row"} {
		if bytes.Contains(text, []byte(s)) {
			return 0, false
		}
	}
	last = after
	rows := 0
	var tag xmlScanner
	for rest := text; ; {
		i := bytes.Index(rest, []byte("<row"))
		if i < 0 {
			break
		}
		rest = rest[i:]
		if len(rest) == 4 {
			return 0, false
		}
		if c := rest[4]; c != '>' && c != '/' && !isSpace(c) {
			rest = rest[4:]
			continue // another element, such as <rowBreaks>
		}
		tag.pos = 0
		if tag.start(rest) != nil {
			return 0, false
		}
		r, has := tag.attr("r")
		n, err := strconv.Atoi(string(r))
		if !has || err != nil || n <= last || (rows == 0 && n != first) {
			return 0, false
		}
		last, rows = n, rows+1
		rest = rest[tag.pos:]
	}
	if rows == 0 {
		return 0, false
	}
	return last, true
}
