package search

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestBlocks appends pairs to many lists at once, enough to fill several
// chunks, and reads each list back as the bytes putPair would have made
// of it alone.
func TestBlocks(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var b blocks
	lists := make([]list, 3000)
	want := make([][]byte, len(lists))
	for range 1_000_000 {
		i := r.IntN(len(lists))
		if r.IntN(4) == 0 { // some lists much longer than others
			i %= 10
		}
		a := uint64(1 + r.Int32N(1<<7))
		if r.IntN(8) == 0 {
			a = uint64(1 + r.Int32N(1<<31-1)) // a far page: seven digits
		}
		c := uint64(r.IntN(maxCount + 1))
		b.put(&lists[i], a, c)
		want[i] = putPair(want[i], a, c)
	}
	if len(b.chunks) < 3 {
		t.Fatalf("%d chunks: the test should fill several", len(b.chunks))
	}
	// Lists of one pair, which a list holds itself up to inlineBytes; and
	// of two, the first held.
	for _, a := range []uint64{1, 1 << 10, 1<<15 - 1, 1 << 15, 1<<31 - 1} {
		for _, c := range []uint64{0, 0xFE, 0xFF, maxCount} {
			for n := range 2 {
				lists = append(lists, list{})
				want = append(want, nil)
				for range n + 1 {
					b.put(&lists[len(lists)-1], a, c)
					want[len(want)-1] = putPair(want[len(want)-1], a, c)
				}
			}
		}
	}
	held := 0
	for i := range lists {
		b.seal(&lists[i])
		if lists[i].size == 0 {
			held++
		}
	}
	if held == 0 {
		t.Error("no list holds its pair itself")
	}
	var scratch [8]byte
	for i := range lists {
		var got []byte
		b.pairsOf(&lists[i], &scratch, func(p []byte) { got = append(got, p...) })
		if !bytes.Equal(got, want[i]) {
			t.Fatalf("list %d: read back %d bytes, want %d", i, len(got), len(want[i]))
		}
	}
	var empty list
	b.pairsOf(&empty, &scratch, func([]byte) { t.Fatal("an empty list has pairs") })
}
