package render_test

import (
	"errors"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/qingdan/qingdan/internal/build"
	"github.com/qingdan/qingdan/internal/output"
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

func (n *names) written() []string { return n.seen }

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// putNames is names that also takes whole files (as publish.Tx does), so
// that Write stores the pages behind its writers; Put fails on fail.
type putNames struct {
	names
	fail string
}

func (p *putNames) Put(name string, data []byte) error {
	if name == p.fail {
		return errors.New("disk full: " + name)
	}
	return p.Write(name, data)
}

// TestWriteEachOnce: Write hands out the files marked Early while the list
// of the rest is made, and then the rest: every file of the demo is
// written, once, by a writer that takes whole files too.
func TestWriteEachOnce(t *testing.T) {
	site := demoSite(t)
	for _, w := range []interface {
		output.Writer
		written() []string
	}{&names{}, &putNames{}} {
		if err := site.Write(w); err != nil {
			t.Fatal(err)
		}
		seen := w.written()
		slices.Sort(seen)
		if want := site.Names(); !slices.Equal(seen, want) {
			t.Errorf("%T wrote %d files, want %d (each once)", w, len(seen), len(want))
		}
	}
}

// TestWriteStoreFails: a page that cannot be stored behind the writers
// fails Write.
func TestWriteStoreFails(t *testing.T) {
	w := &putNames{fail: "cases/index.html"}
	err := demoSite(t).Write(w)
	if err == nil || !strings.Contains(err.Error(), w.fail) {
		t.Fatalf("Write: %v, want %s's error", err, w.fail)
	}
}
