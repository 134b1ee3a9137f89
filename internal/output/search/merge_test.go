package search

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestCJKOrder: CJK terms sort by cjkOrder as by their strings, characters
// alone and pairs, in the Basic Multilingual Plane and beyond it; and every
// word sorts before every CJK term (merge puts the words first).
func TestCJKOrder(t *testing.T) {
	ranges := [][2]rune{{0x3005, 0x3007}, {0x3041, 0x3096}, {0x30A1, 0x30FA}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0x20000, 0x323AF}}
	rng := rand.New(rand.NewPCG(1, 2))
	char := func() rune {
		r := ranges[rng.IntN(len(ranges))]
		c := r[0] + rng.Int32N(r[1]-r[0]+1)
		if !isCJK(c) {
			t.Fatalf("%U is not CJK", c)
		}
		return c
	}
	key := func() uint64 {
		a, b := char(), char()
		switch rng.IntN(3) {
		case 0:
			return uint64(b)
		case 1: // pairs that share their first character
			a = 0x8336
		}
		return pairBit | uint64(a)<<21 | uint64(b)
	}
	name := func(k uint64) string {
		if k&pairBit == 0 {
			return cjkTerm(-1, rune(k))
		}
		return cjkTerm(rune(k>>21&runeMask), rune(k&runeMask))
	}
	for range 100000 {
		a, b := key(), key()
		if rng.IntN(8) == 0 { // a character and a pair it starts
			a = b >> 21 & runeMask
			if b&pairBit == 0 {
				a = b
			}
		}
		if got, want := cmp.Compare(cjkOrder(a), cjkOrder(b)), strings.Compare(name(a), name(b)); got != want {
			t.Fatalf("%q against %q: cjkOrder says %d, the strings %d", name(a), name(b), got, want)
		}
	}
	// The last word character and the first CJK one, as UTF-8.
	lastWord, firstCJK := rune(-1), rune(-1)
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if isWord(r) {
			lastWord = r
		}
		if isCJK(r) && firstCJK < 0 {
			firstCJK = r
		}
	}
	if string(lastWord) >= string(firstCJK) {
		t.Errorf("word character %U sorts after CJK %U", lastWord, firstCJK)
	}
}

// TestMergeSorted: the index's terms are in order, each once, from one
// range of pages and from several (the parts merged).
func TestMergeSorted(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := []string{"茶", "园", "〇", "カ", "한", "𠀀", "a", "é", "Ж", "7", "z", " ", "𠀁", "林", "ab", "zz"}
	for _, n := range []int{3, 2000} {
		docs := make([]Doc, n)
		for i := range docs {
			var b strings.Builder
			for range 40 {
				b.WriteString(alphabet[rng.IntN(len(alphabet))])
			}
			docs[i] = doc(i%numKinds, "", "", b.String())
		}
		ix := Build(docs)
		if !slices.IsSortedFunc(ix.Terms, strings.Compare) || len(slices.Compact(slices.Clone(ix.Terms))) != len(ix.Terms) {
			t.Errorf("%d pages: the terms are not in order, each once: %q", n, ix.Terms[:min(40, len(ix.Terms))])
		}
	}
}

// TestPacked: a slot gives back the token and the list put into it, for
// pairs and characters beyond the Basic Multilingual Plane at the ends of
// the CJK ranges, and lists up to the largest a slot holds.
func TestPacked(t *testing.T) {
	ends := []rune{0x3005, 0x3007, 0x4E00, 0x9FFF, 0xAC00, 0xD7A3, 0xFAFF, 0x20000, 0x2A6DF, 0x323AF}
	for _, a := range ends {
		for _, b := range ends {
			for _, k := range []uint64{pairBit | uint64(a)<<21 | uint64(b), uint64(b)} {
				if k < bmp {
					continue // BMP characters are looked up by code point, not in the table
				}
				for _, l := range []int32{0, 1, 1<<listBits - 1} {
					s := slot(packed(k)<<listBits | uint64(l))
					if s == 0 || s.key() != k || s.list() != l {
						t.Errorf("token %x, list %d: slot %x gives %x, %d", k, l, uint64(s), s.key(), s.list())
					}
				}
			}
		}
	}
}
