package content

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"

	"github.com/qingdan/qingdan/internal/diag"
)

// TestBundles: of a folder's entries, only the folders (not hidden, not
// links) are asked whether they hold a document, each once, and each
// answer stays at its entry's place, for more entries than one goroutine
// takes, with the size it gave.
func TestBundles(t *testing.T) {
	dir := t.TempDir()
	mk := func(name string, folder bool) {
		p := filepath.Join(dir, name)
		if folder {
			if err := os.Mkdir(p, 0o755); err != nil {
				t.Fatal(err)
			}
			return
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 300 {
		mk("d"+strconv.Itoa(i), true)
	}
	mk(".hidden", true)
	mk("a.md", false)
	if err := os.Symlink(filepath.Join(dir, "d1"), filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	asked := map[string]int{}
	got, sizes := bundles(entries, func(name string) (int64, bool) {
		mu.Lock()
		asked[name]++
		mu.Unlock()
		n, _ := strconv.Atoi(name[1:])
		if n%3 != 0 {
			return 0, false
		}
		return int64(n) + 1, true
	})
	for i, e := range entries {
		name := e.Name()
		n, err := strconv.Atoi(name[1:])
		folder := name[0] == 'd' && err == nil
		if want := folder && n%3 == 0; got[i] != want {
			t.Errorf("%s: %v, want %v", name, got[i], want)
		} else if want && sizes[i] != int64(n)+1 || !want && sizes[i] != 0 {
			t.Errorf("%s: size %d", name, sizes[i])
		}
		if want := map[bool]int{true: 1}[folder]; asked[name] != want {
			t.Errorf("%s asked %d times, want %d", name, asked[name], want)
		}
	}
	if !slices.Contains(got, true) || len(got) != len(entries) {
		t.Errorf("%d answers for %d entries", len(got), len(entries))
	}
}

// TestLoadSized: a load tells sized, once, how many bytes the documents
// it listed hold (plain files and bundles, of every kind; not their
// pictures or other files), and a reload the cache was told changed only
// a document it had listed does not (it lists nothing).
func TestLoadSized(t *testing.T) {
	src := t.TempDir()
	want := int64(0)
	write := func(rel string, body string, doc bool) {
		p := filepath.Join(src, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if doc {
			want += int64(len(body))
		}
	}
	doc := func(title, text string) string {
		return "---\ntitle: " + title + "\ndate: 2022-01-01\n---\n" + text + "\n"
	}
	write("content/cases/a.md", doc("甲", "正文。"), true)
	write("content/cases/b/index.md", doc("乙", "正文更长一些。"), true)
	write("content/cases/b/photo.png", "not read here", false)
	write("content/sites/c.md", doc("丙", "示范点。"), true)
	write("content/pages/d/index.md", doc("丁", "页面。"), true)
	write("content/cases/notes.txt", "not a document", false)
	c := NewCache()
	var told []int64
	sized := func(n int64) { told = append(told, n) }
	var l diag.List
	if s := LoadCached(src, Options{}, &l, c, sized); len(s.Cases) != 2 {
		t.Fatalf("%d cases: %v", len(s.Cases), &l)
	}
	if !slices.Equal(told, []int64{want}) {
		t.Errorf("told %v, want [%d]", told, want)
	}
	c.Changed(map[string]bool{"content/cases/a.md": true})
	LoadCached(src, Options{}, &l, c, sized)
	if len(told) != 1 {
		t.Errorf("a reload of one listed document told %v", told)
	}
	told = nil
	Load(src, Options{}, &l) // no sized: nothing to tell
	if LoadCached(src, Options{}, &l, nil, sized); !slices.Equal(told, []int64{want}) {
		t.Errorf("without a cache: told %v, want [%d]", told, want)
	}
}
