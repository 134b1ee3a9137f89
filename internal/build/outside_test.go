package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNothingOutside: links that lead outside the site folder are refused
// with their place, whatever reads them (static files, images next to an
// article, documents), and hidden folders (.git) are never published.
func TestNothingOutside(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(secret, []byte("root:x:0:0"), 0o644)
	src := fromTxtar(t, "testdata/golden/small.txtar")
	mk := func(name, body string) {
		p := filepath.Join(src, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(body), 0o644)
	}
	mk("static/.git/config", "[remote] url = https://user:token@example.org/x.git")
	mk("static/.env", "TOKEN=x")
	out := filepath.Join(t.TempDir(), "public")
	r, err := Run(Options{Src: src, Out: out})
	if err != nil || r.Diags.Errors() > 0 {
		t.Fatal(err, r.Diags.Errors())
	}
	for _, name := range []string{".git/config", ".env"} {
		if _, err := os.Stat(filepath.Join(out, name)); err == nil {
			t.Errorf("%s is published", name)
		}
	}
	for _, link := range []string{"static/passwd", "content/cases/linked.md", "content/cases/pic.png"} {
		p := filepath.Join(src, filepath.FromSlash(link))
		if err := os.Symlink(secret, p); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	mk("content/cases/with-pic.md", "---\ntitle: 有图\ndate: 2022-06-01\n---\n![图](pic.png)\n")
	r, err = Run(Options{Src: src, Out: filepath.Join(t.TempDir(), "public")})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	r.Diags.Print(&b, "en")
	for _, want := range []string{"static/passwd: this is a symbolic link", "content/cases/linked.md: this is a symbolic link", "content/cases/with-pic.md:5:1: this is a symbolic link"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("no %q in:\n%s", want, b.String())
		}
	}
	if r.Files != nil {
		t.Error("a site with links was built")
	}
}

// TestUnsafeStaticSVG: an SVG under static/ that would run script when
// opened is refused at its place; a plain one is published.
func TestUnsafeStaticSVG(t *testing.T) {
	src := fromTxtar(t, "testdata/golden/small.txtar")
	os.MkdirAll(filepath.Join(src, "static", "images"), 0o755)
	os.WriteFile(filepath.Join(src, "static", "images", "evil.svg"), []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`), 0o644)
	// Cut short (a copy that stopped half way): said to be broken, not unsafe.
	os.WriteFile(filepath.Join(src, "static", "images", "cut.svg"), []byte(`<svg xmlns="http://www.w3.org/2000/svg"><rect fill="#f6f1`), 0o644)
	r, err := Run(Options{Src: src, Out: filepath.Join(t.TempDir(), "public")})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	r.Diags.Print(&b, "en")
	for _, want := range []string{
		"static/images/evil.svg: unsafe SVG file (onload=) is not published",
		"static/images/cut.svg: SVG file cannot be read (XML syntax error on line 1: unexpected EOF) and is not published: it is cut short or not an SVG",
	} {
		if !strings.Contains(b.String(), want) || r.Files != nil {
			t.Errorf("want %q, got:\n%s", want, b.String())
		}
	}
	if strings.Contains(b.String(), "cut.svg: unsafe") {
		t.Errorf("a broken SVG said to be unsafe:\n%s", b.String())
	}
}
