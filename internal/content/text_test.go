package content

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/qingdan/qingdan/internal/diag"
)

// Plain text and raw HTML: what a document says besides its rendered body.

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

// TestRawHTMLFiles: with raw HTML allowed, a picture the HTML loads by a
// path from the article's page is published next to the page when it is
// next to the article, found among the static files when the path leads
// there, and an error at its line when it is missing, starts at the host's
// root or leaves the site; an unsafe SVG is refused as a Markdown picture
// is.
func TestRawHTMLFiles(t *testing.T) {
	src := t.TempDir()
	for name, data := range map[string]string{
		"content/cases/a.svg":    `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>`,
		"content/cases/notes.md": "# 草稿",
		"content/cases/bad.svg":  `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`,
		"content/cases/cut.svg":  `<svg xmlns="http://www.w3.org/2000/svg"><rect fill="#f6f1`,
		"static/images/logo.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>`,
	} {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ps := NewParser(src, Options{UnsafeHTML: true})
	for _, c := range []struct {
		html   string
		assets []string // where the pictures next to the article are published
		msg    string   // the error's key, "" for none
	}{
		{`<img src="a.svg" alt="图">`, []string{"cases/x/a.svg"}, ""},
		{`<p><img src="./a.svg#top" alt="图"></p>`, []string{"cases/x/a.svg"}, ""},
		{`<img src="../../images/logo.svg" alt="标志">`, nil, ""},
		{`<a href="#top">回到顶部</a>`, nil, ""},
		{`<img src="gone.jpg" alt="图">`, nil, "html.missing"},
		{`<img src="/images/logo.svg" alt="标志">`, nil, "html.outside"},
		{`<img src="../../../etc/passwd" alt="">`, nil, "html.outside"},
		{`<img src="notes.md" alt="">`, nil, "img.type"},
		{`<img src="bad.svg" alt="">`, nil, "img.svg"},
		{`<img src="cut.svg" alt="">`, nil, "img.svg.broken"},
	} {
		var l diag.List
		d := ps.Parse(Case, "content/cases/x.md", []byte("---\ntitle: 标题\ndate: 2022-06-01\n---\n正文。\n\n"+c.html+"\n"), &l)
		if d == nil {
			t.Fatalf("%s: no document", c.html)
		}
		var got []string
		for _, a := range d.Assets {
			got = append(got, a.To)
		}
		if !slices.Equal(got, c.assets) {
			t.Errorf("%s: published %v, want %v", c.html, got, c.assets)
		}
		var keys []string
		for _, m := range l.Sorted() {
			if m.Sev == diag.Error {
				keys = append(keys, m.Msg.Key)
				if m.Pos.Line != 7 {
					t.Errorf("%s: %s at line %d, want 7", c.html, m.Msg.Key, m.Pos.Line)
				}
			}
		}
		if want := []string{c.msg}; c.msg == "" && len(keys) > 0 || c.msg != "" && !slices.Equal(keys, want) {
			t.Errorf("%s: errors %v, want %q", c.html, keys, c.msg)
		}
	}
}

// TestLetters: what a reader reads is the characters less every space
// strings.Fields splits on, invalid bytes counted one each; and every
// character past the ideographic space is one (letters' quick path).
func TestLetters(t *testing.T) {
	for r := rune(0x3001); r <= unicode.MaxRune; r++ {
		if unicode.IsSpace(r) {
			t.Fatalf("%U is a space", r)
		}
	}
	for _, s := range []string{"", " ", "党建 引领\t产业\n", "a b\u3000c\u00a0d\u0085e", "\xff\xfe 茶", "  x  ", "\u2028\u2029\u200b",
		"\u1680\u2000\u200a\u202f\u205f\u3000\u3001\ufeff\U0001F600"} {
		if got, want := letters(s), utf8.RuneCountInString(strings.Join(strings.Fields(s), "")); got != want {
			t.Errorf("letters(%q) = %d, want %d", s, got, want)
		}
	}
}
