package view

import (
	"slices"
	"sort"
	"sync"

	"github.com/qingdan/qingdan/internal/content"
)

// window is how many cases on each side of a case, in each list of cases
// sharing an org or a tag (newest first), are candidates for its related
// cases. It bounds the work per case, so finding every case's related cases
// grows with the number of cases, not its square; on a site whose lists are
// shorter than 2×window it is exact.
const window = 48

// relatedIndex finds, for a case, the other cases about the same orgs or
// with the same tags, looking only at the cases near it in each list.
type relatedIndex struct {
	all   []*content.Doc
	at    map[*content.Doc]int
	byOrg map[string][]int // case indexes, ascending (newest first)
	byTag map[string][]int
	orgs  [][]int32 // each case's orgs and tags, as small numbers, once each
	tags  [][]int32
	slots sync.Pool // *scratch: what related works in, kept for the next case
}

// scratch is what related works in: a slot per case (a candidate's place in
// scores, +1) and the scores (made for each case, they were 90 MB of
// garbage at 10,000 articles); and by org and tag number, 1 for those of
// the case at hand, 0 for the others, which count what a candidate shares
// with it in one look each (comparing the two lists was 44 % of related).
type scratch struct {
	slot   []int32
	scores []score
	mine   [2][]uint8 // orgs, tags
}

func newRelatedIndex(all []*content.Doc) *relatedIndex {
	x := &relatedIndex{all: all, at: make(map[*content.Doc]int, len(all)), byOrg: map[string][]int{}, byTag: map[string][]int{}}
	n := 0
	for _, d := range all {
		n += len(d.Orgs) + len(d.Tags)
	}
	// Made again on every rebuild in serve: one array holds every case's
	// numbers, and names are numbered without making a string.
	buf := make([]int32, 0, n)
	orgIDs, tagIDs := map[string]int32{}, map[string]int32{}
	x.orgs, x.tags = make([][]int32, len(all)), make([][]int32, len(all))
	for i, d := range all {
		x.at[d] = i
		x.orgs[i], buf = numbers(buf, d.Orgs, i, orgIDs, x.byOrg)
		x.tags[i], buf = numbers(buf, d.Tags, i, tagIDs, x.byTag)
	}
	nOrgs, nTags := len(orgIDs), len(tagIDs)
	x.slots.New = func() any {
		return &scratch{slot: make([]int32, len(all)), mine: [2][]uint8{make([]uint8, nOrgs), make([]uint8, nTags)}}
	}
	return x
}

// numbers appends to buf the small numbers of names (each name once, in
// the order first named; ids numbers them) and returns them, with buf;
// case i joins the list of each name in by.
func numbers(buf []int32, names []string, i int, ids map[string]int32, by map[string][]int) ([]int32, []int32) {
	start := len(buf)
	for _, s := range names {
		n, ok := ids[s]
		if !ok {
			n = int32(len(ids))
			ids[s] = n
		}
		if slices.Contains(buf[start:], n) {
			continue
		}
		buf = append(buf, n)
		by[s] = append(by[s], i)
	}
	return buf[start:len(buf):len(buf)], buf
}

// shared counts the members of a that b holds too.
func shared[T comparable](a, b []T) int {
	n := 0
	for _, v := range a {
		if slices.Contains(b, v) {
			n++
		}
	}
	return n
}

// eachOnce calls f with each of xs once, in order (uniq without making a
// slice: related runs for every case page).
func eachOnce(xs []string, f func(string)) {
	for i, x := range xs {
		if !slices.Contains(xs[:i], x) {
			f(x)
		}
	}
}

// uniq is xs, each once, in order.
func uniq(xs []string) []string {
	var out []string
	eachOnce(xs, func(x string) { out = append(out, x) })
	return out
}

// near is the indexes within window of self in list (which is ascending
// and holds self), self among them.
func near(list []int, self int) []int {
	p := sort.SearchInts(list, self)
	return list[max(p-window, 0):min(p+window+1, len(list))]
}

// related picks up to n other cases: most shared orgs first, then most
// shared tags, then in list order (newest first), from the cases near d in
// the lists of its orgs and tags.
func (x *relatedIndex) related(d *content.Doc, n int) []*content.Doc {
	self := x.at[d]
	most := 0 // candidates at most
	eachOnce(d.Orgs, func(o string) { most += min(len(x.byOrg[o]), 2*window) })
	eachOnce(d.Tags, func(t string) { most += min(len(x.byTag[t]), 2*window) })
	sc := x.slots.Get().(*scratch)
	scores := slices.Grow(sc.scores[:0], most)
	slot := sc.slot // case index → its place in scores + 1; zero when not a candidate
	defer func() {
		for _, s := range scores {
			slot[s.i] = 0
		}
		sc.scores = scores
		x.slots.Put(sc)
	}()
	// Each case near d in a list is a candidate, once.
	take := func(list []int) {
		for _, i := range near(list, self) {
			if i != self && slot[i] == 0 {
				scores = append(scores, score{i: i})
				slot[i] = int32(len(scores))
			}
		}
	}
	// A candidate near d in the lists of k of d's orgs shares those k, and
	// maybe more that it is farther from in other lists: count exactly.
	eachOnce(d.Orgs, func(o string) { take(x.byOrg[o]) })
	eachOnce(d.Tags, func(t string) { take(x.byTag[t]) })
	if len(scores) == 0 { // a site of no case has no numbers for self
		return best(x.all, scores, n)
	}
	mine := sc.mine
	mark(&mine, x.orgs[self], x.tags[self], 1)
	for k := range scores {
		c := scores[k].i
		scores[k].orgs, scores[k].tags = marked(mine[0], x.orgs[c]), marked(mine[1], x.tags[c])
	}
	mark(&mine, x.orgs[self], x.tags[self], 0)
	return best(x.all, scores, n)
}

// mark sets to v the marks of orgs and tags in mine (1 for the case at
// hand; 0 clears them before the scratch goes back to the pool).
func mark(mine *[2][]uint8, orgs, tags []int32, v uint8) {
	for _, o := range orgs {
		mine[0][o] = v
	}
	for _, t := range tags {
		mine[1][t] = v
	}
}

// marked counts the numbers in vs that are marked in mine: as shared does
// with the list mine marks, each of vs being there once.
func marked(mine []uint8, vs []int32) int {
	n := 0
	for _, v := range vs {
		n += int(mine[v])
	}
	return n
}

// score is a candidate for a case's related cases: its index, and how
// many of the case's orgs and tags it shares.
type score struct{ i, orgs, tags int }

// better reports whether a goes before b: more shared orgs, then more
// shared tags, then first in list order.
func (a score) better(b score) bool {
	if a.orgs != b.orgs {
		return a.orgs > b.orgs
	}
	if a.tags != b.tags {
		return a.tags > b.tags
	}
	return a.i < b.i
}

// best is the cases of the best n scores: most shared orgs first, then
// most shared tags, then in list order (newest first).
func best(all []*content.Doc, scores []score, n int) []*content.Doc {
	// The best n, kept in order as they are found.
	top := make([]score, 0, n+1)
	for _, s := range scores {
		if len(top) == n && !s.better(top[n-1]) {
			continue
		}
		k := len(top)
		for k > 0 && s.better(top[k-1]) {
			k--
		}
		top = slices.Insert(top, k, s)
		if len(top) > n {
			top = top[:n]
		}
	}
	out := make([]*content.Doc, len(top))
	for k, s := range top {
		out[k] = all[s.i]
	}
	return out
}

// scanRelated is what relatedIndex.related finds, without the index: two
// passes outward from the case, over the cases holding each of its orgs
// and tags. Making the index costs more than a dozen scans (13 ms against
// about 1 at 10,000 cases), and serve makes a new view on every rebuild,
// then shows one case page.
func scanRelated(all []*content.Doc, d *content.Doc, n int) []*content.Doc {
	if len(all) == 0 {
		return nil
	}
	self := max(slices.Index(all, d), 0) // where the index puts a case it does not hold
	type list struct {
		name string
		org  bool
		took int // cases taken on the side being scanned
	}
	var lists []list
	for _, o := range uniq(d.Orgs) {
		lists = append(lists, list{name: o, org: true})
	}
	for _, t := range uniq(d.Tags) {
		lists = append(lists, list{name: t})
	}
	holds := func(c *content.Doc, l *list) bool {
		if l.org {
			return slices.Contains(c.Orgs, l.name)
		}
		return slices.Contains(c.Tags, l.name)
	}
	var scores []score
	take := func(i int) {
		if i != self && !slices.ContainsFunc(scores, func(s score) bool { return s.i == i }) {
			scores = append(scores, score{i: i})
		}
	}
	// As near does: window cases before the case's place in each list, and
	// window+1 from it on (the case itself, when the list holds it, among them).
	for i, open := self-1, len(lists); i >= 0 && open > 0; i-- {
		for k := range lists {
			if l := &lists[k]; l.took < window && holds(all[i], l) {
				take(i)
				if l.took++; l.took == window {
					open--
				}
			}
		}
	}
	for k := range lists {
		lists[k].took = 0
	}
	for i, open := self, len(lists); i < len(all) && open > 0; i++ {
		for k := range lists {
			if l := &lists[k]; l.took <= window && holds(all[i], l) {
				take(i)
				if l.took++; l.took > window {
					open--
				}
			}
		}
	}
	myOrgs, myTags := uniq(all[self].Orgs), uniq(all[self].Tags)
	for k := range scores {
		c := all[scores[k].i]
		scores[k].orgs, scores[k].tags = shared(myOrgs, c.Orgs), shared(myTags, c.Tags)
	}
	return best(all, scores, n)
}
