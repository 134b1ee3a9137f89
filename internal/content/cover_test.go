package content

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/qingdan/qingdan/internal/diag"
)

// A cover is a path under static/; Windows users type it with backslashes.
func TestCoverPath(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"images/photo.jpg", "images/photo.jpg"},
		{`images\photo.jpg`, "images/photo.jpg"},
		{`images\cases\photo.jpg`, "images/cases/photo.jpg"},
		{`.\images\photo.jpg`, "images/photo.jpg"},
		{`/images\photo.jpg`, "/images/photo.jpg"},
		{`images\\photo.jpg`, "images/photo.jpg"},
		{`images\..\photo.jpg`, "photo.jpg"},
		// Left as written, for the message that refuses them.
		{"https://example.org/a.jpg", "https://example.org/a.jpg"},
		{`C:\Users\li\photo.jpg`, `C:\Users\li\photo.jpg`},
		{`\\server\share\photo.jpg`, `\\server\share\photo.jpg`},
		{"//example.org/a.jpg", "//example.org/a.jpg"},
	} {
		if got := coverPath(c.in); got != c.want {
			t.Errorf("coverPath(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestCoverBackslash: a case whose cover is written images\photo.png gets
// the picture at images/photo.png, as a picture in its body would.
func TestCoverBackslash(t *testing.T) {
	src := t.TempDir()
	pic := filepath.Join(src, "static", "images", "photo.png")
	if err := os.MkdirAll(filepath.Dir(pic), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pic, []byte("\x89PNG\r\n\x1a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var l diag.List
	in := "---\ntitle: 封面\ndate: 2022-06-01\ncover: images\\photo.png\ncaption: 题图\n---\n正文。\n"
	d := NewParser(src, Options{}).Parse(Case, "content/cases/x.md", []byte(in), &l)
	if l.Len() > 0 || d == nil {
		t.Fatalf("Parse: %d problems, doc %v", l.Len(), d)
	}
	if d.Cover != "images/photo.png" {
		t.Errorf("Cover = %q, want images/photo.png", d.Cover)
	}
	if p := d.CoverPicture(); p == nil {
		t.Error("no cover picture")
	}
}
