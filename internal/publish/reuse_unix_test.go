//go:build unix

package publish

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func inode(t *testing.T, p string) uint64 {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Sys().(*syscall.Stat_t).Ino
}

// TestPutReuses: a rebuild links each file whose bytes did not change from
// the output it replaces, and writes the others; a file changed by hand
// since the last build is written afresh, never carried over.
func TestPutReuses(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	build := func(files map[string]string) {
		t.Helper()
		tx, err := Begin(out)
		if err != nil {
			t.Fatal(err)
		}
		for n, b := range files {
			if err := tx.Put(n, []byte(b)); err != nil {
				t.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	build(map[string]string{"a.html": "A", "b/c.html": "C", "d.html": "D"})
	a, c, d := inode(t, filepath.Join(out, "a.html")), inode(t, filepath.Join(out, "b/c.html")), inode(t, filepath.Join(out, "d.html"))
	later := time.Now().Add(time.Hour)
	os.WriteFile(filepath.Join(out, "d.html"), []byte("E"), 0o644) // edited by hand: same size, other bytes
	os.Chtimes(filepath.Join(out, "d.html"), later, later)
	build(map[string]string{"a.html": "A", "b/c.html": "C2", "d.html": "D"})
	if inode(t, filepath.Join(out, "a.html")) != a {
		t.Error("an unchanged file was written again")
	}
	if inode(t, filepath.Join(out, "b/c.html")) == c || read(t, filepath.Join(out, "b/c.html")) != "C2" {
		t.Error("a changed file was not written")
	}
	if inode(t, filepath.Join(out, "d.html")) == d || read(t, filepath.Join(out, "d.html")) != "D" {
		t.Error("a file edited by hand after the build was carried over")
	}
}
