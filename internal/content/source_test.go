package content

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/qingdan/qingdan/internal/diag"
)

// TestParseKeepsNoSource: a document parsed from bytes that are then
// overwritten is the document parsed from bytes that are not, in every
// field, with every problem reported, for every case of testdata/md: the
// build reads document after document into one buffer (Parser.read).
func TestParseKeepsNoSource(t *testing.T) {
	files, _ := filepath.Glob("testdata/md/*.txtar")
	if len(files) < 10 {
		t.Fatalf("only %d case files", len(files))
	}
	parsed := 0
	for _, file := range files {
		a, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		src := t.TempDir()
		var in []byte
		for _, f := range a.Files {
			switch f.Name {
			case "in.md":
				in = f.Data
			case "want.html", "want.txt", "want.fields":
			default:
				p := filepath.Join(src, filepath.FromSlash(f.Name))
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		ps := NewParser(src, Options{UnsafeHTML: strings.Contains(string(a.Comment), "unsafe")})
		var l1, l2 diag.List
		scratch := bytes.Clone(in)
		d1 := ps.Parse(Case, "content/cases/x.md", scratch, &l1)
		for i := range scratch {
			scratch[i] = '#'
		}
		d2 := ps.Parse(Case, "content/cases/x.md", bytes.Clone(in), &l2)
		if d2 != nil {
			parsed++
			d1.Sums() // both made, so that they compare
			d2.Sums()
		}
		for _, d := range []*Doc{d1, d2} {
			if d == nil {
				continue
			}
			for i := range d.Assets {
				d.Assets[i].Info = nil // a stat of its own each parse (access times differ)
			}
		}
		if !reflect.DeepEqual(d1, d2) {
			t.Errorf("%s: the document changed with the bytes it was parsed from:\n%+v\n%+v", file, d1, d2)
		}
		var b1, b2 strings.Builder
		l1.Print(&b1, "en")
		l2.Print(&b2, "en")
		if b1.String() != b2.String() {
			t.Errorf("%s: the problems changed with the bytes:\n%s\n%s", file, b1.String(), b2.String())
		}
	}
	if parsed < 10 {
		t.Fatalf("only %d documents parsed", parsed)
	}
}
