package main

import (
	"fmt"
	"path/filepath"
)

// varied measures qingdan-gen's varied scale: the articles scale's site
// with its articles' text drawn from a vocabulary of real writing's
// variety (half a million pairs of characters at 10,000 articles, where
// the articles scale's template sentences give 18,000). A search index
// grows with its terms; Hugo makes none, and its work is the same. Each
// round runs Hugo, then a first build of qingdan, then one with search =
// false. No targets: the are for the articles scale; the figures
// show how far real text moves them.
func (b *bench) varied(n string) error {
	src, hugo, err := b.site("varied", n)
	if err != nil {
		return err
	}
	ns, err := b.noSearch(src)
	if err != nil {
		return err
	}
	out, nout, hout := filepath.Join(b.dir, "out-varied-"+n), filepath.Join(b.dir, "out-varied-nosearch-"+n), filepath.Join(b.dir, "out-varied-hugo-"+n)
	var qs, qn, hs []measure
	for range b.runs { // alternately, so all meet the same machine
		h, err := b.hugoBuild(hugo, hout)
		if err != nil {
			return err
		}
		b.clear(out)
		q, err := b.build(src, out, true)
		if err != nil {
			return err
		}
		b.clear(nout)
		s, err := b.build(ns, nout, true)
		if err != nil {
			return err
		}
		qs, qn, hs = append(qs, q), append(qn, s), append(hs, h)
	}
	fmt.Fprintf(b.out, "varied %s (the articles' text of real writing's variety; %d runs, alternating; medians; %s)\n", n, b.runs, hugoVersion(b.hugo))
	b.row("qingdan build", median(qs))
	b.row("qingdan, search = false", median(qn))
	b.row("hugo", median(hs))
	fmt.Fprintf(b.out, "  %-26s %s\n", "each run, qingdan/hugo s", eachRun(qs, hs))
	for _, o := range []struct{ who, dir string }{{"qingdan", out}, {"hugo", hout}} {
		s, err := shapeOf(o.dir)
		if err != nil {
			return err
		}
		fmt.Fprintf(b.out, "  %-26s %s\n", o.who+" wrote", s)
	}
	rss := func(m measure) float64 { return float64(m.rss) }
	fmt.Fprintln(b.out, contextNote("wall, qingdan ÷ hugo", medianRatio(qs, hs, wallOf), "articles: ≤ 0.40"))
	fmt.Fprintln(b.out, contextNote("peak RSS, qingdan ÷ hugo", medianRatio(qs, hs, rss), "articles: ≤ 0.30"))
	fmt.Fprintln(b.out, contextLine("cpu, qingdan ÷ hugo", medianRatio(qs, hs, cpuOf)))
	fmt.Fprintln(b.out, contextNote("wall, qingdan, search = false ÷ hugo", medianRatio(qn, hs, wallOf), "Hugo makes no search index"))
	return nil
}
