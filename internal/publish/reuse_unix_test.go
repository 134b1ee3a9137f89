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
		tx, err := Begin(out, nil)
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

// TestKeep: a rebuild keeps a file named by its bytes (a picture's copy)
// from the output it replaces without its being made: linked, and summed
// in the new manifest as before; a name the old output lacks, or a file
// there whose bytes no longer match its manifest, is not kept.
func TestKeep(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	tx, err := Begin(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	for n, b := range map[string]string{"p.640w.aa.jpg": "small", "q.640w.bb.jpg": "other"} {
		if err := tx.Put(n, []byte(b)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	first := read(t, filepath.Join(out, Marker))
	p := inode(t, filepath.Join(out, "p.640w.aa.jpg"))
	os.WriteFile(filepath.Join(out, "q.640w.bb.jpg"), []byte("OTHER"), 0o644) // spoilt, keeping its time
	old := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(out, "q.640w.bb.jpg"), old, old)

	tx, err = Begin(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !tx.Keep("p.640w.aa.jpg") {
		t.Error("an unchanged copy was not kept")
	}
	if tx.Keep("q.640w.bb.jpg") {
		t.Error("a copy whose bytes no longer match the manifest was kept")
	}
	if tx.Keep("r.640w.cc.jpg") {
		t.Error("a name the old output lacks was kept")
	}
	if err := tx.Put("q.640w.bb.jpg", []byte("other")); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if inode(t, filepath.Join(out, "p.640w.aa.jpg")) != p || read(t, filepath.Join(out, "p.640w.aa.jpg")) != "small" {
		t.Error("the kept copy is not the old file")
	}
	if got := read(t, filepath.Join(out, Marker)); got != first {
		t.Errorf("manifest %q, want %q", got, first)
	}
}
