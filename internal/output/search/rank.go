package search

import (
	"cmp"
	"math/bits"
	"slices"
)

// maxScore caps a page's summed impacts, as search.js packs them into its
// sort key.
const maxScore = 16383

// Rank is the order search.js gives the pages that hold any term of q, by
// id: pages with more of its terms first (with all of them, a page as good
// as holds the whole query), then by the sum of the terms' impacts, then
// in the index's order. A page must hold every term of a quoted phrase.
// list gives a term's encoded posting list, "" for none. For tests and
// tools: the search page ranks in the browser.
func Rank(q Query, list func(term string) string) []int32 {
	type hit struct {
		mask  uint32
		score int32
	}
	hits := map[int32]*hit{}
	var req uint32
	for _, p := range q.Phrases {
		for _, t := range p.Terms {
			if i := slices.Index(q.Terms, t); p.Quoted && i >= 0 {
				req |= 1 << i
			}
		}
	}
	for i, t := range q.Terms {
		for _, p := range decodeList(list(t)) {
			h := hits[p.Doc]
			if h == nil {
				h = &hit{}
				hits[p.Doc] = h
			}
			h.mask |= 1 << i
			h.score += p.Impact
		}
	}
	var ids []int32
	for id, h := range hits {
		if h.mask&req == req {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, func(a, b int32) int {
		ha, hb := hits[a], hits[b]
		return cmp.Or(
			cmp.Compare(bits.OnesCount32(hb.mask), bits.OnesCount32(ha.mask)),
			cmp.Compare(min(hb.score, maxScore), min(ha.score, maxScore)),
			cmp.Compare(a, b))
	})
	return ids
}

// Lookup is the posting list of term in the index, encoded; "" for none.
func (ix *Index) Lookup(term string) string {
	i, ok := slices.BinarySearch(ix.Terms, term)
	if !ok {
		return ""
	}
	return ix.Lists[i]
}
