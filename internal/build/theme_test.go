package build

import (
	"io/fs"
	"strconv"

	"github.com/qingdan/qingdan/internal/diag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestThemeMissing: a theme qingdan.toml names but the site lacks is an
// error at its line, and nothing is built.
func TestThemeMissing(t *testing.T) {
	src := fromTxtar(t, "testdata/golden/small.txtar")
	cfg := filepath.Join(src, "qingdan.toml")
	b, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, append(b, []byte("\ntheme = \"nope\"\n")...), 0o644)
	line := strings.Count(string(b), "\n") + 2
	r, err := Run(Options{Src: src, Out: filepath.Join(t.TempDir(), "out")})
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	r.Diags.Print(&out, "en")
	want := "qingdan.toml:" + strconv.Itoa(line) + ": theme folder themes/nope/ not found"
	if !strings.Contains(out.String(), want) || r.Files != nil {
		t.Fatalf("want %q, got:\n%s", want, out.String())
	}
}

// TestThemeOverlay: a theme's files hide the built-in theme's, and its
// folders list the built-in's files too.
func TestThemeOverlay(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "themes", "mine", "layouts", "partials"), 0o755)
	os.WriteFile(filepath.Join(dir, "themes", "mine", "layouts", "partials", "footer.html"), []byte(`{{define "footer"}}mine{{end}}`), 0o644)
	os.WriteFile(filepath.Join(dir, "themes", "mine", "layouts", "partials", "extra.html"), []byte(`{{define "extra"}}{{end}}`), 0o644)
	fsys := theme(dir, "mine", diag.Pos{}, nil)
	got, err := fs.ReadFile(fsys, "layouts/partials/footer.html")
	if err != nil || string(got) != `{{define "footer"}}mine{{end}}` {
		t.Fatalf("footer: %q %v", got, err)
	}
	if _, err := fs.ReadFile(fsys, "layouts/base.html"); err != nil {
		t.Fatal("the built-in base.html is hidden")
	}
	names, _ := fs.Glob(fsys, "layouts/partials/*.html")
	for _, want := range []string{"layouts/partials/extra.html", "layouts/partials/footer.html", "layouts/partials/head.html", "layouts/partials/chart.html"} {
		if !strings.Contains(strings.Join(names, " "), want) {
			t.Errorf("%s not listed: %v", want, names)
		}
	}
}
