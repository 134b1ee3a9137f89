package model

// Notes are the readings' notes, by their line in progress.csv. Most
// readings have none, and at a province's scale the map of those that do
// holds a million: a lookup in it for each of twelve million readings was
// a quarter of the project charts' time. A bit per line says first whether
// there is a note to look up. Read-only once made; a nil *Notes has none.
type Notes struct {
	m   map[int32]string
	has []uint64 // bit l: line l has a note; nil: look every line up
}

// maxNoteLine bounds the lines the bits cover (a bit each: 32 MB at most).
const maxNoteLine = 1 << 28

// IndexNotes makes the Notes of m (line → note), which it keeps.
func IndexNotes(m map[int32]string) *Notes {
	n := &Notes{m: m}
	top := int32(-1)
	for l := range m {
		if l < 0 || l >= maxNoteLine {
			return n // lines no progress file has: no bits, look up each
		}
		top = max(top, l)
	}
	n.has = make([]uint64, top/64+1)
	for l := range m {
		n.has[l/64] |= 1 << (l % 64)
	}
	return n
}

// Note is the note of the reading on line l, or "".
func (n *Notes) Note(l int32) string {
	if n == nil || len(n.m) == 0 {
		return ""
	}
	if n.has != nil {
		if l < 0 || int64(l) >= int64(len(n.has))*64 || n.has[l/64]&(1<<(l%64)) == 0 {
			return ""
		}
	}
	return n.m[l]
}

// Len is how many notes there are.
func (n *Notes) Len() int {
	if n == nil {
		return 0
	}
	return len(n.m)
}
