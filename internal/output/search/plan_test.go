package search

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestPlanShardSize: the term shards of a site much larger than the
// sample the plan is made from hold about termShardBytes each. The
// pages' words are drawn as a language's are, a few often and most
// rarely, so that the site has fewer terms a page the more pages it has.
func TestPlanShardSize(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var chars []rune
	for c := rune(0x4E00); len(chars) < 3000; c += 7 {
		chars = append(chars, c)
	}
	zipf := rand.NewZipf(r, 1.1, 1, uint64(len(chars)-1))
	var docs []Doc
	for i := range 2000 {
		var b strings.Builder
		for range 1000 + r.IntN(1000) {
			b.WriteRune(chars[zipf.Uint64()])
		}
		docs = append(docs, doc(kindCase, "第"+string(chars[i%len(chars)])+"期", "", b.String()))
	}
	p := newPlan(docs, make([]string, len(docs)))
	ix := Build(docs)
	bytes := 0
	for i := range ix.Terms {
		bytes += len(ix.Terms[i]) + len(ix.Lists[i]) + 4
	}
	each := float64(bytes) / float64(p.terms)
	t.Logf("%d term shards of %.1f KB", p.terms, each/1024)
	if each < 0.75*termShardBytes || each > 1.33*termShardBytes {
		t.Errorf("%d term shards of %.1f KB each, want about %d KB", p.terms, each/1024, termShardBytes>>10)
	}
}

func TestVocabulary(t *testing.T) {
	for _, c := range []struct {
		v, hv, n, h, size int
		want              float64
	}{
		{1000, 500, 100, 50, 800, 8000},    // doubling the text doubled the terms: as many more again
		{1000, 1000, 100, 50, 800, 1000},   // no new terms
		{1000, 800, 100, 50, 400, 1562.5},  // 1.25 a doubling, twice
		{1000, 800, 100, 50, 300, 1406.25}, // and half a doubling more: 1250 · (1 + 0.25/2)
		{1000, 100, 100, 50, 400, 4000},    // never more than doubled
		{1000, 800, 100, 50, 100, 1000},    // the sample is the text
		{1000, 0, 100, 0, 400, 4000},       // nothing to grow by: as the text
		{0, 0, 0, 0, 400, 0},               // no terms
	} {
		if got := vocabulary(c.v, c.hv, c.n, c.h, c.size); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("vocabulary(%d, %d, %d, %d, %d) = %g, want %g", c.v, c.hv, c.n, c.h, c.size, got, c.want)
		}
	}
}
