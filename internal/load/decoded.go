package load

import "slices"

// chunkMemo keeps what gocsv made of each chunk of a data file, with the
// cells it was made from, for the next read of the same file: a chunk
// whose header and cells are the same is not decoded again. serve reads a
// county's progress file (360,000 rows) again on every saved reading, and
// a correction changes one chunk of them.
type chunkMemo[T any] struct {
	keys   []string // the header the chunks were decoded under
	chunks []decodedChunk[T]
	rows   int
}

type decodedChunk[T any] struct {
	cells []string // rows × header width, as gocsv was given them
	recs  []T      // what it made of them
	ok    bool     // decoded without error
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

// keep records chunk k of the read under way (next, made by the first
// call): its cells and records, copied unless they are the last read's.
func (m *chunkMemo[T]) keep(next **chunkMemo[T], k int, keys, cells []string, recs []T, ok, reused bool) {
	if m == nil {
		return
	}
	if *next == nil {
		*next = &chunkMemo[T]{keys: slices.Clone(keys)}
	}
	n := *next
	if n.rows += len(recs); n.rows > memoRows {
		n.chunks = nil
		return
	}
	if len(n.chunks) != k {
		return // an earlier chunk went over the bound
	}
	c := decodedChunk[T]{ok: ok}
	switch {
	case reused:
		c.cells, c.recs = m.chunks[k].cells, m.chunks[k].recs
	case ok:
		c.cells, c.recs = slices.Clone(cells), slices.Clone(recs)
	}
	n.chunks = append(n.chunks, c)
}
