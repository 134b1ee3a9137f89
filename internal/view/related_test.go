package view

import (
	"fmt"
	"slices"
	"testing"

	"github.com/qingdan/qingdan/internal/content"
)

// exact is the related cases by a scan of every case: the definition.
func exact(all []*content.Doc, d *content.Doc, n int) []*content.Doc {
	type score struct{ i, orgs, tags int }
	var ss []score
	for i, c := range all {
		if c == d {
			continue
		}
		s := score{i: i}
		for _, o := range uniq(d.Orgs) {
			if slices.Contains(c.Orgs, o) {
				s.orgs++
			}
		}
		for _, t := range uniq(d.Tags) {
			if slices.Contains(c.Tags, t) {
				s.tags++
			}
		}
		if s.orgs+s.tags > 0 {
			ss = append(ss, s)
		}
	}
	slices.SortFunc(ss, func(a, b score) int {
		if a.orgs != b.orgs {
			return b.orgs - a.orgs
		}
		if a.tags != b.tags {
			return b.tags - a.tags
		}
		return a.i - b.i
	})
	var out []*content.Doc
	for _, s := range ss[:min(n, len(ss))] {
		out = append(out, all[s.i])
	}
	return out
}

func cases(n, tags, orgs int) []*content.Doc {
	var all []*content.Doc
	for i := range n {
		d := &content.Doc{Slug: fmt.Sprint("c", i)}
		for k := range 1 + i%4 {
			d.Tags = append(d.Tags, fmt.Sprint("t", (i*7+k*3)%tags))
		}
		d.Orgs = []string{fmt.Sprint("o", (i*13)%orgs)}
		all = append(all, d)
	}
	return all
}

// On lists shorter than the window the index is exact; on longer ones
// every case it picks shares as much as the best of its neighbours.
func TestRelated(t *testing.T) {
	all := cases(2*window, 5, 7)
	x := newRelatedIndex(all)
	for _, d := range all {
		if got, want := x.related(d, 4), exact(all, d, 4); !slices.Equal(got, want) {
			t.Fatalf("%s: related %v, want %v", d.Slug, slugs(got), slugs(want))
		}
	}
	big := cases(5000, 30, 200)
	x = newRelatedIndex(big)
	for _, d := range big[:200] {
		got := x.related(d, 4)
		if len(got) != 4 {
			t.Fatalf("%s: %d related cases", d.Slug, len(got))
		}
		for _, c := range got {
			if c == d || (!shares(c.Tags, d.Tags) && !shares(c.Orgs, d.Orgs)) {
				t.Fatalf("%s: %s is not related", d.Slug, c.Slug)
			}
		}
	}
}

func shares(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

func slugs(ds []*content.Doc) []string {
	var s []string
	for _, d := range ds {
		s = append(s, d.Slug)
	}
	return s
}

// BenchmarkRelated finds every case's related cases on a site of 10,000
// cases with 2–5 of 30 tags: linear, not quadratic.
func BenchmarkRelated(b *testing.B) {
	all := cases(10000, 30, 300)
	for b.Loop() {
		x := newRelatedIndex(all)
		for _, d := range all {
			x.related(d, 4)
		}
	}
}

// BenchmarkRelatedIndex makes the index alone, as serve does on every
// rebuild of a site of 10,000 cases before the first case page it shows.
func BenchmarkRelatedIndex(b *testing.B) {
	all := cases(10000, 30, 300)
	b.ReportAllocs()
	for b.Loop() {
		newRelatedIndex(all)
	}
}

// Without the index, Related finds what the index finds: for every case of
// sites with lists shorter and longer than the window, cases naming an org
// or a tag twice, cases with none, and a case the site does not hold.
func TestScanRelated(t *testing.T) {
	for _, size := range []struct{ n, tags, orgs int }{{0, 1, 1}, {1, 1, 1}, {7, 3, 2}, {2 * window, 5, 7}, {700, 4, 3}, {3000, 30, 200}} {
		all := cases(size.n, size.tags, size.orgs)
		for i, d := range all {
			switch i % 5 {
			case 1:
				d.Tags = append(d.Tags, d.Tags[0]) // named twice
			case 2:
				d.Orgs = append(d.Orgs, d.Orgs[0], fmt.Sprint("o", i%3))
			case 3:
				if i%15 == 3 {
					d.Orgs, d.Tags = nil, nil
				}
			}
		}
		x := newRelatedIndex(all)
		stranger := &content.Doc{Slug: "x", Orgs: []string{"o1"}, Tags: []string{"t0", "t2"}}
		for _, d := range append(slices.Clone(all), stranger) {
			for _, n := range []int{4, 1000} { // 1000: every candidate, in order
				if got, want := scanRelated(all, d, n), x.related(d, n); !slices.Equal(got, want) {
					t.Fatalf("%d cases, %s, best %d: scanned %v, indexed %v", size.n, d.Slug, n, slugs(got), slugs(want))
				}
			}
		}
	}
}

// BenchmarkScanRelated is one case's related cases without the index, as
// serve finds them for the page a browser asks for, at 10,000 cases.
func BenchmarkScanRelated(b *testing.B) {
	all := cases(10000, 30, 300)
	for i := 0; b.Loop(); i++ {
		scanRelated(all, all[i%len(all)], 4)
	}
}
