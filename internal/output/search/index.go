package search

import (
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/qingdan/qingdan/internal/value"
)

// Ranking is BM25F: a term's weighted count in a page's fields, each
// count scaled by the field's length against the average of that kind of
// page (an article is long beside other articles, not beside a project),
// saturated, times the term's rarity. The build computes each term's share
// of each page's score, its impact; the script adds them up.
const (
	k1 = 1.2
	// impactUnit is the score of one impact unit.
	impactUnit = 1.0 / 16
	// satUnit is the resolution of a saturated count.
	satUnit = 1.0 / 128
	// maxSat is the largest saturated count in satUnits: a saturated
	// count is below k1 + 1 (2.2 / (1/128) = 281.6).
	maxSat = 282
)

// weights and norms are each field's weight and length normalisation (b).
func weights() [numFields]float64 { return [numFields]float64{6, 3, 1} }
func norms() [numFields]float64   { return [numFields]float64{0.5, 0.5, 0.75} }

// Index is the search index of a site: its terms and their posting lists.
type Index struct {
	Terms []string // sorted
	Lists []string // Lists[i]: the pages with Terms[i], encoded (see encodeList)
}

// Posting is a page that holds a term, and the term's share of the page's
// score in impact units.
type Posting struct {
	Doc    int32
	Impact int32
}

// list is a posting list as the build collects it, before the rarity of
// its term is known: each page's distance from the one before and the
// term's saturated count in it (see putPair), the first page's distance
// from page -1, in a chain of blocks (see blocks).
type list struct {
	df          int32
	doc         int32  // the last page
	at          int32  // 1 + its place in the counts of the page at hand, 0 when not in it
	first, last uint32 // its first and last blocks' addresses, 0 when empty
	size, used  uint16 // the last block's size and the bytes used of it (at most maxBlock)
}

// listOf is a list and the blocks that hold it.
type listOf struct {
	*list
	in *blocks
}

// bmp is the size of part.chars: the characters of the Basic Multilingual
// Plane, which are nearly all a text has, are looked up by code point.
const bmp = 0x10000

// part is the lists of a range of pages.
type part struct {
	lists []list
	pairs blocks
	chars []int32 // a BMP character's list, by code point: its index in lists + 1
	cjk   table   // the other CJK terms' lists
	words map[string]int32
}

// table is a hash table of CJK tokens and their lists, open addressing:
// a page has thousands of tokens, each looked up, and a map spends more
// on each than this does. A slot is one word, the token packed (see
// packed) above its list's index, 0 when empty: a text of real variety
// has hundreds of thousands of pairs, and a table half the size is half
// the misses of the processor's cache.
type table struct {
	slots []slot // a power of two, at most half used
	used  int
}

type slot uint64

// listBits is how many of a slot's bits hold its list: a part has fewer
// than 2^27 lists, and a packed token has 64 - listBits bits.
const listBits = 27

// packed is CJK token k (aloneBit clear; a pair, or a character beyond
// the Basic Multilingual Plane) in 37 bits: a CJK character's code point
// is below 2^18 (isCJK), a pair two of them under a bit of its own. Never
// 0.
func packed(k uint64) uint64 {
	if k&pairBit == 0 {
		return k
	}
	return 1<<36 | (k>>21&runeMask)<<18 | k&runeMask
}

// key is the token in a slot not empty.
func (s slot) key() uint64 {
	c := uint64(s) >> listBits
	if c&(1<<36) == 0 {
		return c
	}
	return pairBit | (c>>18&(1<<18-1))<<21 | c&(1<<18-1)
}

func (s slot) list() int32 { return int32(s & (1<<listBits - 1)) }

// find is the slot of packed token c: the one holding it, or the empty
// one where it belongs.
func (t *table) find(c uint64) *slot {
	mask := uint64(len(t.slots) - 1)
	for i := (c * 0x9E3779B97F4A7C15) >> 32 & mask; ; i = (i + 1) & mask {
		if s := &t.slots[i]; uint64(*s)>>listBits == c || *s == 0 {
			return s
		}
	}
}

// add puts packed token c in the empty slot s that find gave, with its
// list.
func (t *table) add(s *slot, c uint64, list int32) {
	*s = slot(c<<listBits | uint64(list))
	if t.used++; 2*t.used > len(t.slots) {
		old := t.slots
		t.slots = make([]slot, 2*len(old))
		for _, o := range old {
			if o != 0 {
				*t.find(uint64(o) >> listBits) = o
			}
		}
	}
}

// known is the list of token k when it is a BMP character met before,
// as of gives it, else -1: the most frequent case, small enough to be
// inlined where of, with its call, is not.
func (p *part) known(k uint64) int32 {
	if c := k &^ aloneBit; c < bmp {
		return p.chars[c] - 1
	}
	return -1
}

// of is the list of token k, made when it is new; w holds the words.
func (p *part) of(k uint64, w []byte) int32 {
	if k&wordBit != 0 {
		word := wordOf(k, w)
		i, ok := p.words[string(word)]
		if !ok {
			i = p.fresh()
			p.words[string(word)] = i
		}
		return i
	}
	k &^= aloneBit
	if k < bmp {
		if p.chars[k] == 0 {
			p.chars[k] = p.fresh() + 1
		}
		return p.chars[k] - 1
	}
	c := packed(k)
	s := p.cjk.find(c)
	if *s == 0 {
		i := p.fresh()
		p.cjk.add(s, c, i)
		return i
	}
	return s.list()
}

// minRange is the fewest documents Build gives a core: a site of a few
// hundred pages is indexed on all cores too (a 200-article site's writers
// waited on its index, made on one).
const minRange = 64

// fresh adds an empty list and returns its index.
func (p *part) fresh() int32 {
	p.lists = append(p.lists, list{doc: -1})
	return int32(len(p.lists) - 1)
}

// ranges is how many ranges inRanges cuts n items into: one per core, of
// at least minRange items.
func ranges(n int) int { return min(runtime.GOMAXPROCS(0), max(1, n/minRange)) }

// balanced cuts the pages into k ranges of about the same text (by their
// fields' lengths), not the same count: the pages come by kind, and a
// county's first half holds its long articles, its second short project
// pages, which one core indexed alone while the other waited (0.2 s).
// It returns the k+1 bounds, from 0 to len(lens).
func balanced(lens [][numFields]int32, k int) []int {
	var total int64
	for _, l := range lens {
		total += weight(l)
	}
	cut := make([]int, 1, k+1)
	var sum int64 // of the pages before id, times k
	for id, l := range lens {
		if len(cut) == k {
			break
		}
		w, target := weight(l)*int64(k), total*int64(len(cut))
		if sum+w >= target {
			// The range ends before this page or after it, whichever
			// is nearer its share.
			if target-sum < sum+w-target && id > cut[len(cut)-1] {
				cut = append(cut, id)
			} else {
				cut = append(cut, id+1)
			}
		}
		sum += w
	}
	for len(cut) <= k {
		cut = append(cut, len(lens))
	}
	return cut
}

// weight is a page's work for the index: its text, and a little for the
// page itself.
func weight(l [numFields]int32) int64 {
	w := int64(16)
	for _, n := range l {
		w += int64(n)
	}
	return w
}

// inRanges calls each with every range of the n items, all at once: i is
// the range's number, lo and hi its first item and the one after its last.
func inRanges(n int, each func(i, lo, hi int)) {
	k := ranges(n)
	cut := make([]int, k+1)
	for i := range cut {
		cut[i] = i * n / k
	}
	inCuts(cut, each)
}

// inCuts calls each with every range between bounds next to each other
// in cut, all at once.
func inCuts(cut []int, each func(i, lo, hi int)) {
	var wg sync.WaitGroup
	for i := range len(cut) - 1 {
		wg.Go(func() { each(i, cut[i], cut[i+1]) })
	}
	wg.Wait()
}

// Build indexes the documents, several ranges of them at a time, one per
// core, cut by balanced. The index is the same however many ranges there
// are and wherever they are cut.
func Build(docs []Doc) *Index {
	// Each page's fields' lengths in characters, and their average by
	// kind of page.
	lens := make([][numFields]int32, len(docs))
	inRanges(len(docs), func(_, lo, hi int) {
		for id := lo; id < hi; id++ {
			for f, ps := range docs[id].Fields {
				lens[id][f] = int32(fieldLen(ps, value.RuneCount))
			}
		}
	})
	var avg [numKinds][numFields]float64
	var count [numKinds]float64
	for id, d := range docs {
		count[d.Kind]++
		for f, l := range lens[id] {
			avg[d.Kind][f] += float64(l)
		}
	}
	for k := range avg {
		for f := range avg[k] {
			avg[k][f] = max(avg[k][f]/max(count[k], 1), 1)
		}
	}
	cut := balanced(lens, ranges(len(docs)))
	parts := make([]*part, len(cut)-1)
	inCuts(cut, func(i, lo, hi int) { parts[i] = indexRange(docs, lens, lo, hi, &avg) })

	// Every term, with its lists in page order.
	terms := merge(parts)

	ix := &Index{Terms: make([]string, terms.len()), Lists: make([]string, terms.len())}
	total := float64(len(docs))
	// Each core takes every n-th term, so that each has long lists and
	// short ones alike.
	n := len(parts)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			var enc []byte      // the list at hand, encoded
			var scratch [8]byte // a list's pair it holds itself
			// The impact of each saturated count met in the term at hand,
			// made once a term: of its t+1 when imp[s] is for term t. A
			// common term is in most pages with a few counts.
			var imp [maxSat + 1]struct{ t, v int32 }
			for t := i; t < terms.len(); t += n {
				enc = enc[:0]
				prev := int32(-1) // the last page of the parts before
				df := int32(0)
				for _, l := range terms.listsOf(t) {
					df += l.df
				}
				idf := math.Log(1 + (total-float64(df)+0.5)/(float64(df)+0.5))
				for _, l := range terms.listsOf(t) {
					first := true // the part's first page: its distance from page -1
					l.in.pairsOf(l.list, &scratch, func(b []byte) {
						for len(b) > 0 {
							if first {
								d, k := readNumber(b)
								enc, b, first = appendNumber(enc, uint32(int32(d)-1-prev)), b[k:], false
							} else {
								// The distance's digits as they are, up to the
								// one that ends it (most often the first).
								for {
									c := b[0]
									enc, b = append(enc, c), b[1:]
									if c >= endDigit {
										break
									}
								}
							}
							s, k := readCount(b)
							b = b[k:]
							var v int32
							if s < uint16(len(imp)) && imp[s].t == int32(t+1) {
								v = imp[s].v
							} else {
								v = int32(max(1, math.Round(idf*float64(s)*(satUnit/impactUnit))))
								if s < uint16(len(imp)) {
									imp[s].t, imp[s].v = int32(t+1), v
								}
							}
							enc = appendNumber(enc, uint32(v))
						}
					})
					prev = l.doc
				}
				ix.Terms[t], ix.Lists[t] = terms.name(t), string(enc)
			}
		})
	}
	wg.Wait()
	return ix
}

// indexRange collects the lists of the pages from lo to hi (lens: each
// page's fields' lengths).
func indexRange(docs []Doc, lens [][numFields]int32, lo, hi int, avg *[numKinds][numFields]float64) *part {
	p := &part{chars: make([]int32, bmp), cjk: table{slots: make([]slot, 1<<12)}, words: map[string]int32{}}
	w, bn := weights(), norms()
	// The page's terms, in the order met, and their counts by field; a
	// list's buffer is written once a page, at its end.
	var touched []int32
	var counts [][numFields]int32
	var toks []uint64
	var ids []int32
	var words []byte
	// sat[f][c] is the saturated count of a term met c times in field f
	// of the page at hand and in no other field, as most are: worked out
	// once a page, not once a term.
	var sat [numFields][smallCount + 1]uint64
	for id := lo; id < hi; id++ {
		d := &docs[id]
		for f, ps := range d.Fields {
			for _, s := range ps {
				toks, words = tokenize(toks[:0], words[:0], s)
				// The tokens' lists first, then their counts: apart, the
				// lists' places are looked up one after another, not each
				// after the last count.
				ids = slices.Grow(ids[:0], len(toks))[:len(toks)]
				for j, k := range toks {
					i := p.known(k)
					if i < 0 {
						i = p.of(k, words)
					}
					ids[j] = i
				}
				for _, i := range ids {
					l := &p.lists[i]
					if l.at == 0 {
						touched, counts = append(touched, i), append(counts, [numFields]int32{})
						l.at = int32(len(counts))
					}
					counts[l.at-1][f]++
				}
			}
		}
		var norm [numFields]float64
		for f := range d.Fields {
			norm[f] = 1 - bn[f] + bn[f]*float64(lens[id][f])/avg[d.Kind][f]
			for c := 1; c <= smallCount; c++ {
				sat[f][c] = saturate(w[f] * float64(c) / norm[f])
			}
		}
		for t, i := range touched {
			l := &p.lists[i]
			l.at = 0
			cs := &counts[t]
			only, in := 0, 0 // the field it is in, and in how many
			for f, c := range cs {
				if c != 0 {
					only, in = f, in+1
				}
			}
			var s uint64
			if c := cs[only]; in == 1 && c <= smallCount {
				s = sat[only][c]
			} else {
				x := 0.0
				for f, c := range cs {
					if c != 0 { // adding 0 would change nothing
						x += w[f] * float64(c) / norm[f]
					}
				}
				s = saturate(x)
			}
			p.pairs.put(l, uint64(int32(id)-l.doc), s)
			l.doc = int32(id)
			l.df++
		}
		touched, counts = touched[:0], counts[:0]
	}
	for i := range p.lists {
		p.pairs.seal(&p.lists[i])
	}
	return p
}

// smallCount is the most times a term may be met in a page's field for
// indexRange to take its saturated count from the page's table.
const smallCount = 8

// saturate is the saturated count of weighted count x, in satUnits.
func saturate(x float64) uint64 {
	return uint64(max(1, math.Round(x*(k1+1)/(x+k1)/satUnit)))
}

// putPair appends the pair of a page a pages after the one before (a >= 1)
// and a term's saturated count c in it (at most maxCount), as the blocks
// hold them: a-1 as the index does (see appendNumber), which Build copies
// as it is, then c in a byte, or 0xFF and c-0xFF in another, which Build
// makes the term's impact once it knows the term's rarity.
func putPair(b []byte, a, c uint64) []byte {
	b = appendNumber(b, uint32(a-1))
	if c < 0xFF {
		return append(b, byte(c))
	}
	return append(b, 0xFF, byte(c-0xFF))
}

// readCount reads the count putPair wrote at the start of b, and how many
// bytes it took.
func readCount(b []byte) (uint16, int) {
	if b[0] < 0xFF {
		return uint16(b[0]), 1
	}
	return 0xFF + uint16(b[1]), 2
}

// maxCount is the largest count putPair takes.
const maxCount = 2*0xFF - 1
