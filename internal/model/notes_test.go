package model

import (
	"math"
	"testing"
)

// TestNotes: a note is found on its line and nowhere else, whatever the
// lines: near a word of bits' edges, past the last noted line, negative
// ones and lines beyond what the bits cover (looked up one by one).
func TestNotes(t *testing.T) {
	for _, m := range []map[int32]string{
		{2: "春茶", 63: "a", 64: "b", 65: "c", 1000: "d"},
		{0: "zero"},
		{-5: "neg", 7: "x"},
		{maxNoteLine + 3: "far", 9: "y"},
		{math.MaxInt32: "max"},
		{},
		nil,
	} {
		n := IndexNotes(m)
		if n.Len() != len(m) {
			t.Errorf("%v: Len %d", m, n.Len())
		}
		for _, l := range []int32{-6, -5, -1, 0, 1, 2, 3, 7, 9, 62, 63, 64, 65, 66, 127, 128, 999, 1000, 1001, 1 << 20, maxNoteLine + 3, math.MaxInt32, math.MinInt32} {
			if got, want := n.Note(l), m[l]; got != want {
				t.Errorf("%v: Note(%d) = %q, want %q", m, l, got, want)
			}
		}
	}
	var none *Notes
	if none.Note(2) != "" || none.Len() != 0 {
		t.Error("a nil Notes has notes")
	}
}

// BenchmarkNotes looks up the note of each reading of a province's scale
// (twelve million lines, one in twelve noted, as qingdan-gen writes them)
// in order, as the project pages do: through Notes, and in the map alone.
func BenchmarkNotes(b *testing.B) {
	const lines = 12_000_000
	m := map[int32]string{}
	for l := int32(2); l < lines; l += 12 {
		m[l+l%7] = "回访"
	}
	n := IndexNotes(m)
	b.Run("bits", func(b *testing.B) {
		for b.Loop() {
			for l := int32(0); l < lines; l += 97 {
				_ = n.Note(l)
			}
		}
	})
	b.Run("map", func(b *testing.B) {
		for b.Loop() {
			for l := int32(0); l < lines; l += 97 {
				_ = m[l]
			}
		}
	})
}
