package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/build"
)

// TestVaried: the varied scale's site is the articles scale's, file for
// file and byte for byte, but for the Han characters of its articles'
// text: their front matter and their pictures' lines are kept, and each
// other line keeps its length and every character that is not Han. Its
// Hugo site has the same articles, two runs give the same bytes, it
// checks clean, and its text holds several times the pairs of
// characters.
func TestVaried(t *testing.T) {
	a, _ := generate(t, false, 1, "articles", "40")
	v, vh := generate(t, true, 1, "varied", "40")
	again, _ := generate(t, false, 1, "varied", "40")
	ta, tv, tagain, th := tree(t, a), tree(t, v), tree(t, again), tree(t, vh)
	if len(ta) != len(tv) {
		t.Errorf("%d files, the articles scale %d", len(tv), len(ta))
	}
	changed := 0
	for name, want := range ta {
		got := tv[name]
		if !bytes.Equal(got, tagain[name]) {
			t.Errorf("%s differs between two runs", name)
		}
		if !strings.HasSuffix(name, "/index.md") {
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the articles scale's", name)
			}
			continue
		}
		if hugo, ok := th[name]; !ok || !bytes.Equal(hugo, got) {
			t.Errorf("%s: the Hugo site's differs", name)
		}
		wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
		if len(wl) != len(gl) {
			t.Fatalf("%s: %d lines, want %d", name, len(gl), len(wl))
		}
		fence := 0
		for i, w := range wl {
			g := gl[i]
			if fence < 2 || strings.HasPrefix(w, "![") {
				if g != w {
					t.Errorf("%s:%d: %q, want it kept: %q", name, i+1, g, w)
				}
				if w == "---" {
					fence++
				}
				continue
			}
			wr, gr := []rune(w), []rune(g)
			if len(wr) != len(gr) {
				t.Fatalf("%s:%d: %d characters, want %d", name, i+1, len(gr), len(wr))
			}
			for k, c := range wr {
				if !isBasicHan(c) && gr[k] != c || isBasicHan(c) && !isBasicHan(gr[k]) {
					t.Fatalf("%s:%d: %q in place of %q", name, i+1, g, w)
				}
			}
			if g != w {
				changed++
			}
		}
	}
	if changed == 0 {
		t.Error("no line of text was varied")
	}
	pairs := func(files map[string][]byte) int {
		seen := map[[2]rune]bool{}
		for name, b := range files {
			if strings.HasSuffix(name, "/index.md") {
				prev := rune(0)
				for _, c := range string(b) {
					if isBasicHan(c) && isBasicHan(prev) {
						seen[[2]rune{prev, c}] = true
					}
					prev = c
				}
			}
		}
		return len(seen)
	}
	if pv, pa := pairs(tv), pairs(ta); pv < 3*pa {
		t.Errorf("%d pairs of characters, the articles scale %d: want at least three times as many", pv, pa)
	}
	if r := build.Check(build.Options{Src: v}); r.Diags.Len() > 0 {
		var b strings.Builder
		r.Diags.Print(&b, "en")
		t.Errorf("the varied site has problems:\n%s", b.String())
	}
}
