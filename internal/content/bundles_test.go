package content

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
)

// TestBundles: of a folder's entries, only the folders (not hidden, not
// links) are asked whether they hold a document, each once, and each
// answer stays at its entry's place, for more entries than one goroutine
// takes.
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
	got := bundles(entries, func(name string) bool {
		mu.Lock()
		asked[name]++
		mu.Unlock()
		n, _ := strconv.Atoi(name[1:])
		return n%3 == 0
	})
	for i, e := range entries {
		name := e.Name()
		n, err := strconv.Atoi(name[1:])
		folder := name[0] == 'd' && err == nil
		if want := folder && n%3 == 0; got[i] != want {
			t.Errorf("%s: %v, want %v", name, got[i], want)
		}
		if want := map[bool]int{true: 1}[folder]; asked[name] != want {
			t.Errorf("%s asked %d times, want %d", name, asked[name], want)
		}
	}
	if !slices.Contains(got, true) || len(got) != len(entries) {
		t.Errorf("%d answers for %d entries", len(got), len(entries))
	}
}
