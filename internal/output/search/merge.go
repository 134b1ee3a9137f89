package search

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// merged is every term of the parts, in the order of their strings, and
// each term's lists in page order (the parts' order): term t's name is
// names[at[t]:at[t+1]], its lists lists[from[t]:from[t+1]].
//
// The terms are put in order by number, not by string: on text of real
// writing's variety (10,000 articles, half a million different pairs of
// characters) a map of every term, a string for each and a sort of the
// strings were a serial second of the index's time and 63 MB of what it
// allocated.
type merged struct {
	names string
	at    []int32
	lists []listOf
	from  []int32
}

func (m *merged) len() int               { return len(m.from) - 1 }
func (m *merged) name(t int) string      { return m.names[m.at[t]:m.at[t+1]] }
func (m *merged) listsOf(t int) []listOf { return m.lists[m.from[t]:m.from[t+1]] }

// cjkOrder is the number a CJK term (a token's key, aloneBit clear) sorts
// by among the others as its string does: UTF-8 orders strings as their
// code points, character by character, and a character alone comes
// before every pair it starts.
func cjkOrder(k uint64) uint64 {
	if k&pairBit == 0 {
		return k << 22
	}
	return (k>>21&runeMask)<<22 | (k&runeMask + 1)
}

// A word (letters of Latin, Greek or Cyrillic and digits: see isWord)
// starts with a byte below 0xE0, a CJK term (from U+3005) with 0xE3 or
// above: every word sorts before every CJK term.

type cjkEntry struct {
	order uint64
	key   uint64
	list  int32
}

type wordEntry struct {
	word string
	list int32
}

func byOrder(a, b cjkEntry) int { return cmp.Compare(a.order, b.order) }
func byWord(a, b wordEntry) int { return strings.Compare(a.word, b.word) }

// merge collects the terms of the parts.
func merge(parts []*part) merged {
	words := make([][]wordEntry, len(parts))
	cjks := make([][]cjkEntry, len(parts))
	each := make([]int, len(parts)+1) // a range a part
	for i := range each {
		each[i] = i
	}
	inCuts(each, func(i, _, _ int) {
		p := parts[i]
		ws := make([]wordEntry, 0, len(p.words))
		for w, l := range p.words {
			ws = append(ws, wordEntry{w, l})
		}
		slices.SortFunc(ws, byWord)
		words[i] = ws
		cs := make([]cjkEntry, 0, p.cjk.used+len(p.chars)/16)
		for c, l := range p.chars {
			if l > 0 {
				cs = append(cs, cjkEntry{cjkOrder(uint64(c)), uint64(c), l - 1})
			}
		}
		for _, s := range p.cjk.slots {
			if s != 0 {
				k := s.key()
				cs = append(cs, cjkEntry{cjkOrder(k), k, s.list()})
			}
		}
		slices.SortFunc(cs, byOrder)
		cjks[i] = cs
	})
	n, size := 0, 0 // the parts' terms, and their names' bytes at most
	for i := range parts {
		n += len(words[i]) + len(cjks[i])
		size += 2 * utf8.UTFMax * len(cjks[i])
		for _, w := range words[i] {
			size += len(w.word)
		}
	}
	m := merged{at: make([]int32, 0, n+1), from: make([]int32, 0, n+1), lists: make([]listOf, 0, n)}
	names := make([]byte, 0, size)
	start := func() { m.at, m.from = append(m.at, int32(len(names))), append(m.from, int32(len(m.lists))) }
	put := func(i int, l int32) { m.lists = append(m.lists, listOf{&parts[i].lists[l], &parts[i].pairs}) }
	kway(words, byWord, func(e wordEntry) {
		start()
		names = append(names, e.word...)
	}, func(i int, e wordEntry) { put(i, e.list) })
	kway(cjks, byOrder, func(e cjkEntry) {
		start()
		if e.key&pairBit != 0 {
			names = utf8.AppendRune(names, rune(e.key>>21&runeMask))
		}
		names = utf8.AppendRune(names, rune(e.key&runeMask))
	}, func(i int, e cjkEntry) { put(i, e.list) })
	start() // the end of the last
	m.names = string(names)
	return m
}

// kway merges runs, each in order by compare: it calls term with each
// entry that is least at the runs' heads, then list with each run's entry
// equal to it, in the runs' order, and moves past those.
func kway[E any](runs [][]E, compare func(a, b E) int, term func(e E), list func(run int, e E)) {
	heads := make([]int, len(runs))
	for {
		least := -1
		for i, r := range runs {
			if heads[i] < len(r) && (least < 0 || compare(r[heads[i]], runs[least][heads[least]]) < 0) {
				least = i
			}
		}
		if least < 0 {
			return
		}
		e := runs[least][heads[least]]
		term(e)
		for i, r := range runs {
			if heads[i] < len(r) && compare(r[heads[i]], e) == 0 {
				list(i, r[heads[i]])
				heads[i]++
			}
		}
	}
}
