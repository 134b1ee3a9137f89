package load

import (
	"bytes"
	"slices"
)

// chunkMemo keeps what each chunk of a data file's rows was read as, for
// the next read of the same file. A row whose text and line are the same
// is not taken apart again (its cells cleaned, their places counted,
// checked for control characters), and a chunk whose header and cells are
// the same is not decoded by gocsv again. serve reads a county's progress
// file (360,000 rows) again on every saved reading, and a correction
// changes one row of it.
type chunkMemo[T any] struct {
	keys   []string // the header the chunks were decoded under
	form   string   // and what the file's rows' raw texts are (sheet.Reader.Form; "": none kept)
	chunks []decodedChunk[T]
	rows   int
	passed int // rows the read that made it passed over (sheet.Reader.Skip)
}

type decodedChunk[T any] struct {
	cells []string // rows × header width, as gocsv was given them
	recs  []T      // what it made of them
	ok    bool     // decoded without error

	// Each row's text (sheet.Row.Raw) ends at rawEnd in raw; a row read
	// with a warning, or without its text, has none, so it is read again.
	raw    []byte
	rawEnd []int32
	at     []cellPos // rows × schema columns
	lines  []int
	// runs[i] is where the rows from i on stop following each other in
	// the file: each with its text, the next on the line after its end.
	runs []int32
}

// memoRows bounds the rows a chunkMemo keeps: a province's progress file
// (12,000,000 rows) is not kept, a county's is.
const memoRows = 1_000_000

// reuse is what chunk k decoded to last time, when its header and cells
// are the same.
func (m *chunkMemo[T]) reuse(k int, keys, cells []string) ([]T, bool) {
	if m == nil || k >= len(m.chunks) || !m.chunks[k].ok || !slices.Equal(m.keys, keys) || !slices.Equal(m.chunks[k].cells, cells) {
		return nil, false
	}
	return m.chunks[k].recs, true
}

// rowsFit reports whether rows of the last read can stand for rows of this
// one: the same header, and raw texts of the same form.
func (m *chunkMemo[T]) rowsFit(keys []string, form string) bool {
	return m != nil && form != "" && m.form == form && slices.Equal(m.keys, keys)
}

// row returns the cells (header width) and places (schema columns) row i
// of chunk k was read as, when it was read from the same text on the same
// line without a warning.
func (m *chunkMemo[T]) row(k, i, line int, raw []byte) (cells []string, at []cellPos, ok bool) {
	if k >= len(m.chunks) || len(raw) == 0 {
		return nil, nil, false
	}
	c := &m.chunks[k]
	if i >= len(c.lines) || c.lines[i] != line || c.cells == nil {
		return nil, nil, false
	}
	if !bytes.Equal(c.text(i, i+1), raw) {
		return nil, nil, false
	}
	cells, at = c.row(i)
	return cells, at, true
}

// text is the text of rows i to j-1, one after another.
func (c *decodedChunk[T]) text(i, j int) []byte {
	start := int32(0)
	if i > 0 {
		start = c.rawEnd[i-1]
	}
	return c.raw[start:c.rawEnd[j-1]]
}

// row is the cells (header width) and places (schema columns) of row i.
func (c *decodedChunk[T]) row(i int) (cells []string, at []cellPos) {
	width, ncol := len(c.cells)/len(c.lines), len(c.at)/len(c.lines)
	return c.cells[i*width : (i+1)*width], c.at[i*ncol : (i+1)*ncol]
}

// run returns the text of the rows of chunk k from row i on that follow
// each other in the file (see decodedChunk.runs), the line it begins on and
// how many rows it holds; none when row i has no text.
func (m *chunkMemo[T]) run(k, i int) (text []byte, line, rows int) {
	if k >= len(m.chunks) {
		return nil, 0, 0
	}
	c := &m.chunks[k]
	if i >= len(c.runs) {
		return nil, 0, 0
	}
	end := int(c.runs[i])
	if end == i {
		return nil, 0, 0
	}
	return c.text(i, end), c.lines[i], end - i
}

// findRuns works out c.runs from its rows' text and lines: in delimited
// text (byLines) a row follows the one before when it begins on the line
// after that one's text; in a workbook each row's text is what was read
// since the row before was, and a row left out between (a total row, one
// that did not read) leaves a gap that sheet.Reader.Skip finds.
func (c *decodedChunk[T]) findRuns(byLines bool) {
	c.runs = make([]int32, len(c.lines))
	end := len(c.lines)
	for i := len(c.lines) - 1; i >= 0; i-- {
		text := c.text(i, i+1)
		switch {
		case len(text) == 0:
			end = i
		case byLines && i+1 < len(c.lines) && c.lines[i+1] != c.lines[i]+bytes.Count(text, []byte{'\n'}):
			end = i + 1
		}
		c.runs[i] = int32(end)
	}
}

// keep records chunk b, number k, of the read under way (next, made by
// the first call), copied unless it is the last read's chunk k.
func (m *chunkMemo[T]) keep(next **chunkMemo[T], k int, keys []string, form string, byLines bool, width int, b *batch[T]) {
	if m == nil {
		return
	}
	if *next == nil {
		*next = &chunkMemo[T]{keys: slices.Clone(keys), form: form}
	}
	n := *next
	rows := len(b.lines)
	if n.rows += rows; n.rows > memoRows {
		n.chunks = nil
		return
	}
	if len(n.chunks) != k {
		return // an earlier chunk went over the bound
	}
	c := decodedChunk[T]{ok: b.ok}
	switch {
	case b.same == rows && b.reused:
		c = m.chunks[k] // every row read as it was, where it was
	case b.reused:
		c.cells, c.recs = m.chunks[k].cells, m.chunks[k].recs
	case b.ok:
		c.cells, c.recs = slices.Clone(b.cells[:rows*width]), slices.Clone(b.recs)
	}
	if c.raw == nil && c.cells != nil && form != "" {
		c.raw, c.rawEnd = bytes.Clone(b.raw), slices.Clone(b.rawEnd)
		c.at, c.lines = slices.Clone(b.at[:len(b.at)/chunk*rows]), slices.Clone(b.lines)
		c.findRuns(byLines)
	}
	n.chunks = append(n.chunks, c)
}
