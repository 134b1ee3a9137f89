package sheet

import (
	"bytes"
	"errors"
	"io"
	"sort"
	"unicode/utf8"
)

// lineText is the reader between the decoded text and the csv.Reader. It
// keeps the text of the lines the csv.Reader may still report positions
// on, so that byte columns can be turned into character columns: those of
// the current record and the csv.Reader's read-ahead, at most maxText of
// text, plus 8 bytes per line for where it starts.
//
// encoding/csv holds a whole record in memory, however long, so lineText
// stops giving it text once a record passes maxRec bytes: over is then set.
type lineText struct {
	src    io.Reader
	text   []byte  // decoded text from offset base on
	base   int64   // offset of text[0] in the decoded text
	starts []int64 // offsets where lines first, first+1, ... start
	first  int     // number of the line that starts at starts[0]
	n      int64   // bytes read from src so far
	pos    int64   // bytes given to the csv.Reader, n but after a skip
	buf    []byte  // what fill reads into
	gap    bool    // text past base+len(text) was not kept
	rec    int64   // offset where the current record starts
	maxRec int64   // the longest record given to the csv.Reader
	over   bool    // a record passed maxRec

	// The last column col counted: its line, byte offset in the line and
	// characters before it. A row's cells are asked for left to right,
	// so each is counted on from the one before, not from the line's start.
	colLine, colK, colN int
}

// maxText bounds the text kept for a single, huge record (one longer than
// the default row limit); columns on lines that are not kept are reported
// as 0 (unknown).
const maxText = 16 << 20

// errRowLimit ends the text given to the csv.Reader when a record passes
// its limit.
var errRowLimit = errors.New("record over the row limit")

func newLineText(src io.Reader, maxRec int64) *lineText {
	return &lineText{src: src, starts: []int64{0}, first: 1, maxRec: maxRec}
}

// Read reads from the decoded text, noting where lines start. It gives
// the csv.Reader no more than maxRec bytes from the start of the record it
// is reading. The csv.Reader asks for more only when the line it is on has
// not ended yet, so when it asks with none left, the record is longer than
// maxRec, unless the text ends right there.
func (t *lineText) Read(p []byte) (int, error) {
	if t.over {
		return 0, errRowLimit
	}
	if t.pos < t.n {
		// After a skip: the text read ahead is given again, from where the
		// new csv.Reader starts.
		room := t.rec + t.maxRec - t.pos
		if room <= 0 || !t.kept(t.pos) {
			t.over = true // text follows, and the record is over the limit
			return 0, errRowLimit
		}
		k := copy(p[:min(int64(len(p)), room)], t.text[t.pos-t.base:])
		t.pos += int64(k)
		return k, nil
	}
	room := t.rec + t.maxRec - t.n
	if room <= 0 {
		var probe [1]byte
		if n, err := io.ReadFull(t.src, probe[:]); n == 0 {
			return 0, err
		}
		t.over = true
		return 0, errRowLimit
	}
	if int64(len(p)) > room {
		p = p[:room]
	}
	n, err := t.src.Read(p)
	t.note(p[:n])
	t.pos = t.n
	return n, err
}

// note takes in b, the text read next from src.
func (t *lineText) note(b []byte) {
	for i := 0; ; {
		j := bytes.IndexByte(b[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		t.starts = append(t.starts, t.n+int64(i))
	}
	if !t.gap {
		if len(t.text)+len(b) > maxText {
			t.gap = true
		} else {
			t.text = append(t.text, b...)
		}
	}
	t.n += int64(len(b))
}

// kept reports whether the text from offset off to what was read is kept.
func (t *lineText) kept(off int64) bool {
	return !t.gap && off >= t.base && t.base+int64(len(t.text)) == t.n && off <= t.n
}

// fill reads on until the text up to offset to is kept, and reports
// whether it is.
func (t *lineText) fill(to int64) bool {
	for empty := 0; t.n < to && !t.gap && empty < 100; {
		if t.buf == nil {
			t.buf = make([]byte, 32<<10)
		}
		n, err := t.src.Read(t.buf[:min(int64(len(t.buf)), to-t.n)])
		t.note(t.buf[:n])
		if err != nil {
			break
		}
		if n == 0 {
			empty++ // as bufio gives up on a reader that gives nothing
		}
	}
	return t.kept(to)
}

// release forgets the lines before the one containing offset off, where
// the next record starts.
func (t *lineText) release(off int64) {
	t.rec = off
	i := sort.Search(len(t.starts), func(i int) bool { return t.starts[i] > off }) - 1
	switch {
	case i > 0 && i >= len(t.starts)/2:
		// Most lines go (as after a skip): move the rest down, or the
		// array would be grown again and again.
		t.starts = append(t.starts[:0], t.starts[i:]...)
		t.first += i
	case i > 0:
		t.starts = t.starts[i:]
		t.first += i
	}
	if t.gap {
		// Start keeping text again from what is read next; the lines
		// already read ahead stay without text.
		t.text, t.base, t.gap = t.text[:0], t.n, false
		return
	}
	drop := t.starts[0] - t.base
	switch {
	case drop <= 0:
	case drop >= int64(len(t.text)):
		t.text, t.base = t.text[:0], t.starts[0]
	case drop >= 32<<10: // amortise the copy over many records
		t.text = t.text[:copy(t.text, t.text[drop:])]
		t.base = t.starts[0]
	}
}

// line returns the text of line n without its line ending, if it is kept.
func (t *lineText) line(n int) ([]byte, bool) {
	i := n - t.first
	if i < 0 || i >= len(t.starts) {
		return nil, false
	}
	s, e := t.starts[i], t.n
	if i+1 < len(t.starts) {
		e = t.starts[i+1] - 1 // drop the '\n'
	}
	if s < t.base || e > t.base+int64(len(t.text)) {
		return nil, false
	}
	b := t.text[s-t.base : e-t.base]
	// A '\r' before the '\n' is part of the line ending, and one at the
	// very end of the input is dropped by encoding/csv.
	if len(b) > 0 && b[len(b)-1] == '\r' {
		b = b[:len(b)-1]
	}
	return b, true
}

// col turns the 1-based byte column of line n into a 1-based character
// column, at most one past the line's last character; 0 if unknown.
func (t *lineText) col(n, byteCol int) int {
	b, ok := t.line(n)
	if !ok || byteCol < 1 {
		return 0
	}
	k := min(byteCol-1, len(b))
	from, count := 0, 0
	if n == t.colLine && k >= t.colK && (t.colK == len(b) || utf8.RuneStart(b[t.colK])) {
		from, count = t.colK, t.colN
	}
	count += utf8.RuneCount(b[from:k])
	t.colLine, t.colK, t.colN = n, k, count
	return count + 1
}

// posOf returns the line and character column of offset off.
func (t *lineText) posOf(off int64) (line, col int) {
	i := sort.Search(len(t.starts), func(i int) bool { return t.starts[i] > off }) - 1
	if i < 0 {
		return 0, 0
	}
	line = t.first + i
	if s := t.starts[i]; s >= t.base && off <= t.base+int64(len(t.text)) {
		col = utf8.RuneCount(t.text[s-t.base:off-t.base]) + 1
	}
	return line, col
}

// longField scans the text kept from offset from to the end, as
// encoding/csv parses it, and returns the offset of the first field longer
// than max bytes (counted from its start to its end, or to the end of the
// text for a field not over), and whether it starts with a quote.
func (t *lineText) longField(from int64, comma byte, max int64) (off int64, quoted, ok bool) {
	if from < t.base || from > t.base+int64(len(t.text)) {
		return 0, false, false
	}
	text := t.text[from-t.base:]
	start, inQuotes := 0, false
	for i := 0; i <= len(text); i++ {
		end := i == len(text)
		if !end {
			switch c := text[i]; {
			case c == '"' && i == start:
				inQuotes = true
				continue
			case c == '"' && inQuotes:
				// A doubled quote stays inside; a single one closes.
				if i+1 < len(text) && text[i+1] == '"' {
					i++
				} else {
					inQuotes = false
				}
				continue
			case inQuotes || (c != comma && c != '\n'):
				continue
			}
		}
		if int64(i-start) > max {
			return from + int64(start), text[start] == '"', true
		}
		start, inQuotes = i+1, false
	}
	return 0, false, false
}

// openQuote scans the text kept from offset from to the end, as
// encoding/csv parses it, and returns the offset of the quote that opens a
// quoted field still open at the end.
//
// If the record outgrew maxText, only its beginning is kept; the field open
// there is still the answer unless it closed later and another one opened
// on the same line, as the record would otherwise have ended.
func (t *lineText) openQuote(from int64, comma byte) (int64, bool) {
	if from < t.base || from > t.base+int64(len(t.text)) {
		return 0, false
	}
	const (
		fieldStart = iota
		unquoted
		quoted
		closed // just after a quote inside a quoted field
	)
	state, open := fieldStart, 0
	for i, c := range t.text[from-t.base:] {
		switch state {
		case fieldStart:
			switch c {
			case '"':
				state, open = quoted, i
			case comma, '\n':
			default:
				state = unquoted
			}
		case unquoted:
			if c == comma || c == '\n' {
				state = fieldStart
			}
		case quoted:
			if c == '"' {
				state = closed
			}
		case closed:
			switch c {
			case '"':
				state = quoted
			case comma, '\n':
				state = fieldStart
			case '\r': // part of "\r\n"
			default:
				state = unquoted
			}
		}
	}
	return from + int64(open), state == quoted
}
