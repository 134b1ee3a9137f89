package content

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/diag"
)

// TestNameLengths: a slug too long to name a folder, and a picture whose
// path below the output folder would be too long, are errors at their
// lines, so check finds what mkdir would fail on.
func TestNameLengths(t *testing.T) {
	src := t.TempDir()
	deep := filepath.Join(strings.Repeat("d", 200), strings.Repeat("e", 200), strings.Repeat("f", 200), strings.Repeat("g", 200), strings.Repeat("h", 200))
	dir := filepath.Join(src, "content", "cases", "x", deep)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, "p.png"))
	if err != nil {
		t.Fatal(err)
	}
	png.Encode(f, image.NewGray(image.Rect(0, 0, 1, 1)))
	f.Close()
	ps := NewParser(src, Options{})
	for _, tt := range []struct{ name, doc, want string }{
		{"slug of 255 bytes", "---\ntitle: t\ndate: 2022-06-01\nslug: " + strings.Repeat("s", 255) + "\n---\n", ""},
		{"slug of 256 bytes", "---\ntitle: t\ndate: 2022-06-01\nslug: " + strings.Repeat("s", 256) + "\n---\n",
			"content/cases/x/index.md:4: the slug is 256 bytes long, more than 255 (it names the page's folder): shorten it\n1 error(s), 0 warning(s)\n"},
		{"a picture deep down", "---\ntitle: t\ndate: 2022-06-01\n---\n\n![p](" + filepath.ToSlash(deep) + "/p.png)\n",
			"content/cases/x/index.md:6:1: image \"" + strings.Repeat("d", 60) + "…\" would be published under a path of 1018 bytes, more than 1000: shorten its folder and file names\n1 error(s), 0 warning(s)\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var l diag.List
			ps.Parse(Case, "content/cases/x/index.md", []byte(tt.doc), &l)
			var b strings.Builder
			l.Print(&b, "en")
			if b.String() != tt.want {
				t.Errorf("got\n%s\nwant\n%s", b.String(), tt.want)
			}
		})
	}
}
