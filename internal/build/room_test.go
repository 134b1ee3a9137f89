package build

import (
	"maps"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"
)

// TestRoom: a build and a check tell Options.Room once, as the documents
// are listed and before the data is read, of room for what every build
// takes and the data's records (every data file but the progress file,
// roomPerRecordByte each byte) or for the documents (roomPerDocumentByte
// each byte of every document, not of its pictures), whichever is more;
// nothing else. Told apart, the second room was made on the pages the
// first had let go, and cleared by the runtime.
func TestRoom(t *testing.T) {
	s := maps.Clone(plain)
	s["content/cases/a.md"] = "---\ntitle: 甲\ndate: 2022-01-01\n---\n正文。\n"
	s["content/cases/b/index.md"] = "---\ntitle: 乙\ndate: 2022-01-02\n---\n正文更长一些。\n"
	s["content/cases/b/photo.txt"] = "not a document"
	s["content/pages/c.md"] = "---\ntitle: 丙\n---\n页面。\n"
	var records, docs int64
	for name, text := range s {
		switch {
		case filepath.Ext(name) == ".md":
			docs += int64(len(text))
		case filepath.Dir(name) == "data" && name != "data/progress.csv":
			records += int64(len(text))
		}
	}
	want := []int64{max(baseRoom+records*roomPerRecordByte, docs*roomPerDocumentByte)}
	var told []int64
	var mu sync.Mutex
	var order []string // room told, data read (Loading), in the order they came
	note := func(what string) {
		mu.Lock()
		order = append(order, what)
		mu.Unlock()
	}
	o := Options{Src: s.write(t), Room: func(n int64) {
		time.Sleep(20 * time.Millisecond) // a room takes a while to make: the data waits for it
		told = append(told, n)
		note("room")
	}, Loading: func() func() {
		note("load")
		return func() {}
	}}
	if r := Check(o); r.Site == nil || r.Diags.Errors() > 0 {
		t.Fatalf("check: %v", r.Diags)
	}
	if !slices.Equal(told, want) {
		t.Errorf("check: room for %v, want %v", told, want)
	}
	if len(order) == 0 || order[0] != "room" {
		t.Errorf("check: %v, want the room made before the data is read", order)
	}
	told = nil
	o.Out = filepath.Join(t.TempDir(), "public")
	if r, err := Run(o); err != nil || r.Diags.Errors() > 0 {
		t.Fatalf("%v %v", err, r.Diags)
	}
	if !slices.Equal(told, want) {
		t.Errorf("build: room for %v, want %v", told, want)
	}
}

// TestOneRoom: the room told is the documents' (roomPerDocumentByte each
// byte) or the base, whichever is more, told once however often the
// documents' bytes are; without a function to tell, no room and no wait.
func TestOneRoom(t *testing.T) {
	for _, c := range []struct {
		base  int64
		sizes []int64
		want  int64
	}{
		{100, []int64{10}, 100},       // the base is more
		{100, []int64{30}, 150},       // the documents are more
		{100, []int64{30, 1000}, 150}, // only the first counts
		{0, []int64{0}, 0},
	} {
		var told []int64
		r := newRoom(func(n int64) { told = append(told, n) }, c.base)
		for _, n := range c.sizes {
			r.sized()(n)
		}
		r.wait() // made: returns
		if !slices.Equal(told, []int64{c.want}) {
			t.Errorf("base %d, documents %v: told %v, want [%d]", c.base, c.sizes, told, c.want)
		}
	}
	r := newRoom(nil, 100)
	if r.sized() != nil {
		t.Error("no function to tell: sized is not nil")
	}
	r.wait() // nothing to wait for: returns
}
