package sheet

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// csvSource reads delimited text.
type csvSource struct {
	enc   string
	comma byte
	cr    *csv.Reader
	text  *lineText
	start int64 // offset in the decoded text where the current record was looked for
	cell  int64 // the cell limit
}

func newCSV(name string, rs io.ReadSeeker, lim Limits) (*csvSource, error) {
	src, enc, err := decode(rs)
	if err != nil {
		return nil, err
	}
	comma := byte(',')
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case ext == ".tsv":
		comma = '\t'
	case ext == ".txt" || strings.HasPrefix(enc, "UTF-16"):
		// Excel's "Unicode text" (UTF-16) and "Text (tab delimited)"
		// exports separate cells with tabs.
		br := bufio.NewReaderSize(src, 64<<10)
		if tabbed(br) {
			comma = '\t'
		}
		src = br
	}
	s := &csvSource{enc: enc, comma: comma, text: newLineText(src, lim.rowLimit()), cell: lim.CellSize}
	s.cr = csv.NewReader(s.text)
	s.cr.Comma = rune(comma)
	s.cr.FieldsPerRecord = -1
	s.cr.ReuseRecord = true
	return s, nil
}

var bomUTF8 = []byte{0xEF, 0xBB, 0xBF}

// decode detects the encoding of rs and returns a reader of its text as
// UTF-8, positioned after any byte order mark.
func decode(rs io.ReadSeeker) (io.Reader, string, error) {
	start, err := rs.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil, "", err
	}
	var head [3]byte
	n, err := io.ReadFull(rs, head[:])
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return nil, "", err
	}
	var (
		bom int
		enc string
		dec func(io.Reader) io.Reader
	)
	switch b := head[:n]; {
	case bytes.HasPrefix(b, bomUTF8):
		bom, enc = 3, "UTF-8 BOM"
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		bom, enc = 2, "UTF-16LE"
		dec = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder().Reader
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		bom, enc = 2, "UTF-16BE"
		dec = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder().Reader
	default:
		if _, err := rs.Seek(start, io.SeekStart); err != nil {
			return nil, "", err
		}
		ok, err := validUTF8(rs)
		if err != nil {
			return nil, "", err
		}
		enc = "UTF-8"
		if !ok {
			enc = "GB18030"
			dec = simplifiedchinese.GB18030.NewDecoder().Reader
		}
	}
	if _, err := rs.Seek(start+int64(bom), io.SeekStart); err != nil {
		return nil, "", err
	}
	if dec == nil {
		return rs, enc, nil
	}
	return dec(rs), enc, nil
}

// validUTF8 reports whether all of r is valid UTF-8, reading it in chunks.
func validUTF8(r io.Reader) (bool, error) {
	buf := make([]byte, 64<<10)
	carry := 0 // bytes of a rune split between two chunks
	for {
		n, err := r.Read(buf[carry:])
		n += carry
		cut := n
		// Hold back a rune that may continue in the next chunk.
		for i := n - 1; i >= 0 && i > n-utf8.UTFMax; i-- {
			if utf8.RuneStart(buf[i]) {
				if !utf8.FullRune(buf[i:n]) {
					cut = i
				}
				break
			}
		}
		if !utf8.Valid(buf[:cut]) {
			return false, nil
		}
		carry = copy(buf, buf[cut:n])
		if err == io.EOF {
			return carry == 0, nil
		}
		if err != nil {
			return false, err
		}
	}
}

// tabbed reports whether the first line has tabs and no commas.
func tabbed(br *bufio.Reader) bool {
	b, _ := br.Peek(br.Size())
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	return bytes.IndexByte(b, '\t') >= 0 && bytes.IndexByte(b, ',') < 0
}

func (s *csvSource) next(row *Row) error {
	for {
		s.start = s.cr.InputOffset()
		s.text.release(s.start)
		rec, err := s.cr.Read()
		if s.text.over {
			return s.tooLarge()
		}
		if err != nil {
			return s.error(err)
		}
		if blank(rec) {
			continue
		}
		for i, c := range rec {
			if int64(len(c)) > s.cell {
				line, col := s.pos(i)
				return &Error{Line: line, Col: col, Kind: CellTooLarge, Size: int64(len(c)), Limit: s.cell}
			}
		}
		row.Line, _ = s.cr.FieldPos(0)
		row.Cells = rec
		return nil
	}
}

// tooLarge is the error of a record that passed the row limit: the first
// cell in it over the cell limit, or else the record as a whole.
func (s *csvSource) tooLarge() error {
	if off, quoted, ok := s.text.longField(s.start, s.comma, s.cell); ok {
		line, col := s.text.posOf(off)
		return &Error{Line: line, Col: col, Kind: CellRunaway, Limit: s.cell, Quoted: quoted}
	}
	line, _ := s.text.posOf(s.start)
	return &Error{Line: line, Kind: RowTooLarge, Limit: s.text.maxRec}
}

// pos returns the line and character column of field i of the last record.
func (s *csvSource) pos(i int) (line, col int) {
	line, col = s.cr.FieldPos(i)
	return line, s.text.col(line, col)
}

// error turns an error of the csv.Reader into an *Error.
func (s *csvSource) error(err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		if err == io.EOF {
			return err
		}
		return &Error{Kind: Unreadable, Err: err}
	}
	e := &Error{Line: pe.Line, Col: s.text.col(pe.Line, pe.Column), Err: pe.Err}
	switch pe.Err {
	case csv.ErrBareQuote:
		e.Kind = BareQuote
	case csv.ErrQuote:
		// encoding/csv uses ErrQuote both for a quote followed by junk
		// (its column is that quote) and for a quoted field still open
		// at the end of the input (its column is past the line's end).
		if b, ok := s.text.line(pe.Line); ok && pe.Column >= 1 && pe.Column <= len(b) {
			e.Kind = ExtraneousQuote
			break
		}
		e.Kind = UnterminatedQuote
		if off, ok := s.text.openQuote(s.start, s.comma); ok {
			e.Line, e.Col = s.text.posOf(off)
		}
	default:
		e.Kind = Unreadable
	}
	return e
}

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
	if n > 0 {
		b := p[:n]
		for i := 0; ; {
			j := bytes.IndexByte(b[i:], '\n')
			if j < 0 {
				break
			}
			i += j + 1
			t.starts = append(t.starts, t.n+int64(i))
		}
		if !t.gap {
			if len(t.text)+n > maxText {
				t.gap = true
			} else {
				t.text = append(t.text, b...)
			}
		}
		t.n += int64(n)
	}
	return n, err
}

// release forgets the lines before the one containing offset off, where
// the next record starts.
func (t *lineText) release(off int64) {
	t.rec = off
	i := sort.Search(len(t.starts), func(i int) bool { return t.starts[i] > off }) - 1
	if i > 0 {
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
