package view

import (
	"slices"

	"github.com/qingdan/qingdan/internal/content"
)

// relatedIndex finds, for a case, the other cases about the same orgs or
// with the same tags, without looking at every case.
type relatedIndex struct {
	all   []*content.Doc
	at    map[*content.Doc]int
	byOrg map[string][]int
	byTag map[string][]int
}

func newRelatedIndex(all []*content.Doc) *relatedIndex {
	x := &relatedIndex{all: all, at: map[*content.Doc]int{}, byOrg: map[string][]int{}, byTag: map[string][]int{}}
	for i, d := range all {
		x.at[d] = i
		for _, o := range uniq(d.Orgs) {
			x.byOrg[o] = append(x.byOrg[o], i)
		}
		for _, t := range uniq(d.Tags) {
			x.byTag[t] = append(x.byTag[t], i)
		}
	}
	return x
}

func uniq(xs []string) []string {
	var out []string
	for _, x := range xs {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// related picks up to n other cases: most shared orgs first, then most
// shared tags, then in list order (newest first).
func (x *relatedIndex) related(d *content.Doc, n int) []*content.Doc {
	type score struct{ orgs, tags int }
	scores := map[int]*score{}
	get := func(i int) *score {
		s := scores[i]
		if s == nil {
			s = &score{}
			scores[i] = s
		}
		return s
	}
	self := x.at[d]
	for _, o := range uniq(d.Orgs) {
		for _, i := range x.byOrg[o] {
			if i != self {
				get(i).orgs++
			}
		}
	}
	for _, t := range uniq(d.Tags) {
		for _, i := range x.byTag[t] {
			if i != self {
				get(i).tags++
			}
		}
	}
	ids := make([]int, 0, len(scores))
	for i := range scores {
		ids = append(ids, i)
	}
	slices.SortFunc(ids, func(a, b int) int {
		sa, sb := scores[a], scores[b]
		if sa.orgs != sb.orgs {
			return sb.orgs - sa.orgs
		}
		if sa.tags != sb.tags {
			return sb.tags - sa.tags
		}
		return a - b
	})
	var out []*content.Doc
	for _, i := range ids[:min(n, len(ids))] {
		out = append(out, x.all[i])
	}
	return out
}
