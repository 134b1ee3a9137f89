package render

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/qingdan/qingdan/internal/output"
)

// gatedPutter stores a file only when its gate lets one through, and
// records what it stored and in what order things happened.
type gatedPutter struct {
	gate chan struct{}
	mu   sync.Mutex
	put  map[string]string
	log  []string
	fail string // the name Put fails on
}

func (g *gatedPutter) Put(name string, b []byte) error {
	<-g.gate
	g.mu.Lock()
	defer g.mu.Unlock()
	if name == g.fail {
		return errors.New("disk full: " + name)
	}
	g.put[name] = string(b)
	g.log = append(g.log, "put "+name)
	return nil
}

// TestAhead: the files handed over are stored whole, each Done called
// after its file is stored; the maker waits while the bytes held would
// pass the limit (without the wait, all 40 files were held at once); an
// error goes to errs, and that file's Done is not called.
func TestAhead(t *testing.T) {
	g := &gatedPutter{gate: make(chan struct{}), put: map[string]string{}, fail: "f07"}
	errs := make(chan error, 1)
	a := newAhead(g, 2, errs)
	a.limit = 4 << 10
	const n, size = 40, 1 << 10
	go func() {
		for range n {
			g.gate <- struct{}{}
		}
	}()
	for i := range n {
		name := fmt.Sprintf("f%02d", i)
		body := strings.Repeat(string(rune('a'+i%26)), size)
		f := output.File{Name: name, Write: func(w io.Writer) error { _, err := io.WriteString(w, body); return err },
			Done: func() {
				g.mu.Lock()
				defer g.mu.Unlock()
				g.log = append(g.log, "done "+name)
			}}
		if !a.takes(f) {
			t.Fatalf("%s not taken", name)
		}
		if err := a.put(f); err != nil {
			t.Fatal(err)
		}
	}
	a.close()
	if a.most > a.limit || a.most < a.limit-size {
		t.Errorf("at most %d bytes held at once, want between %d and %d", a.most, a.limit-size, a.limit)
	}
	for i := range n {
		name := fmt.Sprintf("f%02d", i)
		want := strings.Repeat(string(rune('a'+i%26)), size)
		if name == g.fail {
			want = ""
		}
		if g.put[name] != want {
			t.Errorf("%s: stored %d bytes, want %d", name, len(g.put[name]), len(want))
		}
	}
	stored := map[string]bool{}
	for _, l := range g.log {
		if name, ok := strings.CutPrefix(l, "done "); ok && !stored[name] {
			t.Errorf("%s done before it was stored", name)
		}
		if name, ok := strings.CutPrefix(l, "put "); ok {
			stored[name] = true
		}
		if l == "done "+g.fail {
			t.Errorf("Done called for the file that failed")
		}
	}
	select {
	case err := <-errs:
		if !strings.Contains(err.Error(), g.fail) {
			t.Errorf("error %v, want the failed file's", err)
		}
	default:
		t.Error("the failed store was not reported")
	}
	// Copies of files on disk, streams, pictures' kept copies and the
	// files marked Early are made by the writer itself.
	for _, f := range []output.File{{From: "static/a.css"}, {Stream: true}, {Reuse: true}, {Early: true, Peak: true}} {
		if a.takes(f) {
			t.Errorf("%+v taken", f)
		}
	}
	var none *ahead
	if none.takes(output.File{Name: "a.html"}) {
		t.Error("taken without an ahead")
	}
}

// TestAheadLimit: a sixteenth of the live heap, within its bounds.
func TestAheadLimit(t *testing.T) {
	for _, c := range []struct {
		live uint64
		want int
	}{{0, minAhead}, {8 << 20, minAhead}, {160 << 20, 10 << 20}, {1600 << 20, 100 << 20}, {8 << 30, maxAhead}} {
		if got := aheadLimit(c.live); got != c.want {
			t.Errorf("aheadLimit(%d) = %d, want %d", c.live, got, c.want)
		}
	}
}
