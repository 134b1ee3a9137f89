package render_test

import (
	"io"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/qingdan/qingdan/internal/build"
	"github.com/qingdan/qingdan/internal/render"
)

// TestEarlyFiles: of the demo's files, those that take long to make are
// marked to be made first: the open-data workbook and the search index's
// files (index.js builds the whole index its shards are cut from; once
// they are all written, the index is let go before the pages are made).
func TestEarlyFiles(t *testing.T) {
	site := demoSite(t)
	var early, search []string
	for _, f := range site.Files() {
		if f.Early {
			early = append(early, f.Name)
		}
		if strings.HasPrefix(f.Name, "search/") && strings.HasSuffix(f.Name, ".js") {
			search = append(search, f.Name)
		}
	}
	slices.Sort(early)
	if want := append([]string{"data/projects.xlsx"}, search...); len(search) < 3 || !slices.Equal(early, want) {
		t.Errorf("early files %v, want %v", early, want)
	}
}

// demoSite is the demo's site, ready to write.
func demoSite(t *testing.T) *render.Site {
	t.Helper()
	o := build.Options{Src: "../.."}
	r := build.Check(o)
	if r.Site == nil {
		t.Fatal("the demo has errors")
	}
	site, err := r.Output(o)
	if err != nil {
		t.Fatal(err)
	}
	return site
}

// names records the files written into it (output.Writer).
type names struct {
	mu   sync.Mutex
	seen []string
}

func (n *names) Write(name string, data []byte) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.seen = append(n.seen, name)
	return nil
}

func (n *names) Create(name string) (io.WriteCloser, error) {
	n.Write(name, nil)
	return nopCloser{io.Discard}, nil
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// TestWriteEachOnce: Write hands out the files marked Early while the list
// of the rest is made, and then the rest: every file of the demo is
// written, once.
func TestWriteEachOnce(t *testing.T) {
	site := demoSite(t)
	var w names
	if err := site.Write(&w); err != nil {
		t.Fatal(err)
	}
	slices.Sort(w.seen)
	if want := site.Names(); !slices.Equal(w.seen, want) {
		t.Errorf("wrote %d files, want %d (each once)", len(w.seen), len(want))
	}
}
