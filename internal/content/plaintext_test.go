package content

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/qingdan/qingdan/internal/diag"
)

// TestPlainText: a document's plain text (search snippets, descriptions)
// holds its sentences, a paragraph a line, and leaves a picture's alt
// text out, which would otherwise run into the sentences around it.
func TestPlainText(t *testing.T) {
	src := t.TempDir()
	if err := os.MkdirAll(filepath.Join(src, "content", "cases"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "content", "cases", "a.svg"), []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>`), 0o644); err != nil {
		t.Fatal(err)
	}
	ps := NewParser(src, Options{})
	for md, want := range map[string]string{
		"停车。\n\n![投票的业主](a.svg)\n\n后文。\n":        "停车。\n后文。",
		"停车。\n\n![投票的业主](a.svg \"图说\")\n\n后文。\n": "停车。\n后文。",
		"停车。![投票的业主](a.svg)后文。\n":                "停车。后文。",
		"一段。\n\n## 小标题\n\n二段**加粗**。\n":           "一段。\n小标题\n二段加粗。",
	} {
		var l diag.List
		d := ps.Parse(Case, "content/cases/x.md", []byte("---\ntitle: 标题\ndate: 2022-06-01\n---\n"+md), &l)
		if d == nil {
			t.Fatalf("%q: no document", md)
		}
		if d.Text != want {
			t.Errorf("%q: plain text %q, want %q", md, d.Text, want)
		}
	}
}
