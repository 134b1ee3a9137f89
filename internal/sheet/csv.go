package sheet

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	fastutf8 "github.com/segmentio/asm/utf8"
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
	// The csv.Reader began at offset off0 of the decoded text, after line
	// line0: its offsets and lines count from there (see skip).
	off0  int64
	line0 int
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
	s.reader()
	return s, nil
}

// reader starts a csv.Reader on the text from its read position on.
func (s *csvSource) reader() {
	s.cr = csv.NewReader(s.text)
	s.cr.Comma = rune(s.comma)
	s.cr.FieldsPerRecord = -1
	s.cr.ReuseRecord = true
}

// offset is where the next record is looked for, in the decoded text.
func (s *csvSource) offset() int64 { return s.off0 + s.cr.InputOffset() }

// skip passes over text, a run of whole records that begins on line,
// without parsing it, when the text ahead is that text starting on that
// line and ending with a line or the input; it reports whether it did.
func (s *csvSource) skip(text []byte, line int) bool {
	t, from := s.text, s.offset()
	if len(text) == 0 || t.over || !t.kept(from) {
		return false
	}
	if l, _ := t.posOf(from); l != line {
		return false
	}
	to := from + int64(len(text))
	if !t.fill(to) || !bytes.Equal(t.text[from-t.base:to-t.base], text) {
		return false
	}
	if text[len(text)-1] != '\n' && (t.fill(to+1) || t.gap) {
		return false // the last record goes on past the text
	}
	t.pos = to
	s.off0, s.line0 = to, line+bytes.Count(text, []byte{'\n'})-1
	t.release(to)
	s.reader()
	return true
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
		if !fastutf8.Valid(buf[:cut]) {
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
		s.start = s.offset()
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
		row.Line += s.line0
		row.Cells = rec
		return nil
	}
}

// raw is the text of the last record, if kept (see Row.Raw).
func (s *csvSource) raw() []byte {
	t, end := s.text, s.offset()
	line, _ := s.cr.FieldPos(0)
	i := line + s.line0 - t.first // the line the record begins on, past blank ones
	if i < 0 || i >= len(t.starts) {
		return nil
	}
	start := t.starts[i]
	if !t.kept(start) || start >= end {
		return nil
	}
	return t.text[start-t.base : end-t.base]
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
	line += s.line0
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
	pe.Line += s.line0
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
