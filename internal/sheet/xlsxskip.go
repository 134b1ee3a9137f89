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
// read last), the first of them first. It returns the last's number.
func rowNumbers(text []byte, after, first int) (last int, ok bool) {
	if bytes.Contains(text, []byte("<!--")) || bytes.Contains(text, []byte("<![CDATA[")) {
		return 0, false
	}
	last = after
	rows := 0
	for rest := text; ; {
		i := bytes.Index(rest, []byte("<row"))
		if i < 0 {
			break
		}
		rest = rest[i+4:]
		if len(rest) == 0 {
			return 0, false
		}
		if c := rest[0]; c != '>' && c != '/' && !isSpace(c) {
			continue // another element, such as <rowBreaks>
		}
		end := bytes.IndexByte(rest, '>')
		if end < 0 {
			return 0, false
		}
		n, has := rowAttr(rest[:end])
		if !has || n <= last || (rows == 0 && n != first) {
			return 0, false
		}
		last, rows = n, rows+1
		rest = rest[end:]
	}
	if rows == 0 {
		return 0, false
	}
	return last, true
}

// rowAttr is the number a row's r attribute gives, in tag, the text of its
// start tag after the name.
func rowAttr(tag []byte) (int, bool) {
	for len(tag) > 0 {
		i := 0
		for i < len(tag) && isSpace(tag[i]) {
			i++
		}
		tag = tag[i:]
		eq := bytes.IndexByte(tag, '=')
		if eq < 0 {
			return 0, false
		}
		name := bytes.TrimRight(tag[:eq], " \t\r\n")
		v := bytes.TrimLeft(tag[eq+1:], " \t\r\n")
		if len(v) == 0 || (v[0] != '"' && v[0] != '\'') {
			return 0, false
		}
		j := bytes.IndexByte(v[1:], v[0])
		if j < 0 {
			return 0, false
		}
		if string(name) == "r" {
			n, err := strconv.Atoi(string(v[1 : 1+j]))
			return n, err == nil && n > 0
		}
		tag = v[2+j:]
	}
	return 0, false
}
