package content

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/diag"
)

// TestCachedListing: told which files changed, a load keeps the last
// listing of the documents while only documents it listed changed and are
// still there (a document the events did not name stays unseen, which
// shows the folders were not read again), and reads the folders again for
// any other change: a document added, removed, a picture. A link found in
// a folder is reported on every load.
func TestCachedListing(t *testing.T) {
	src := t.TempDir()
	write := func(rel, title string) {
		p := filepath.Join(src, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("---\ntitle: "+title+"\ndate: 2022-01-01\n---\n正文。\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/cases/a.md", "甲")
	write("content/cases/b/index.md", "乙")
	if err := os.Symlink(filepath.Join(src, "content", "cases", "a.md"), filepath.Join(src, "content", "cases", "link.md")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	c := NewCache()
	load := func(changed ...string) string {
		t.Helper()
		if changed != nil {
			m := map[string]bool{}
			for _, p := range changed {
				m[p] = true
			}
			c.Changed(m)
		}
		var l diag.List
		s := LoadCached(src, Options{}, &l, c, nil)
		var titles []string
		for _, d := range s.Cases {
			titles = append(titles, d.Title)
		}
		slices.Sort(titles)
		var b strings.Builder
		l.Print(&b, "en")
		if !strings.Contains(b.String(), "content/cases/link.md") {
			t.Errorf("the link is not reported: %q", b.String())
		}
		return strings.Join(titles, " ")
	}
	steps := []struct {
		do      func()
		changed []string
		want    string
	}{
		{func() {}, nil, "乙 甲"},
		{func() { write("content/cases/a.md", "甲二"); write("content/cases/c.md", "丙") }, []string{"content/cases/a.md"}, "乙 甲二"},
		{func() {}, []string{"content/cases/c.md"}, "丙 乙 甲二"},
		{func() { write("content/cases/b/index.md", "乙二") }, []string{"content/cases/b/index.md"}, "丙 乙二 甲二"},
		{func() { os.Remove(filepath.Join(src, "content", "cases", "a.md")) }, []string{"content/cases/a.md"}, "丙 乙二"},
		{func() { write("content/cases/d/index.md", "丁") }, []string{"content/cases/d", "content/cases/d/index.md"}, "丁 丙 乙二"},
		{func() {
			write("content/cases/e.md", "戊")
			os.WriteFile(filepath.Join(src, "content", "cases", "d", "x.png"), nil, 0o644)
		}, []string{"content/cases/d/x.png"}, "丁 丙 乙二 戊"},
		{func() { write("content/cases/f.md", "己") }, nil, "丁 丙 乙二 己 戊"},
	}
	for i, s := range steps {
		s.do()
		if got := load(s.changed...); got != s.want {
			t.Errorf("step %d (changed %v): cases %q, want %q", i, s.changed, got, s.want)
		}
	}
}
