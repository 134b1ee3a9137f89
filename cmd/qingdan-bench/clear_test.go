package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestClear: clear moves an output into the trash, unread and not removed
// (a removal just before a timed run slows it); when the disk is short of
// space it empties the trash first, and says so beside the figures.
func TestClear(t *testing.T) {
	var out strings.Builder
	b := &bench{dir: t.TempDir(), out: &out, lowDisk: 0}
	for _, name := range []string{"a", "b"} {
		dir := filepath.Join(b.dir, "out-"+name)
		os.MkdirAll(filepath.Join(dir, "cases"), 0o755)
		os.WriteFile(filepath.Join(dir, "cases", "index.html"), []byte(name), 0o644)
		b.clear(dir)
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Fatalf("%s is still there", dir)
		}
	}
	if trash, _ := os.ReadDir(filepath.Join(b.dir, ".trash")); len(trash) != 2 || out.Len() != 0 {
		t.Fatalf("trash %v, said %q; want both outputs, nothing said", trash, out.String())
	}
	b.lowDisk = 1 << 62 // no disk has that much free
	b.clear(filepath.Join(b.dir, "out-c"))
	if _, err := os.Stat(filepath.Join(b.dir, ".trash")); !os.IsNotExist(err) {
		t.Error("the trash was not emptied when the disk was short")
	}
	if !strings.Contains(out.String(), "note: less than") || !strings.Contains(out.String(), "earlier outputs removed before a timed run") {
		t.Errorf("said %q, want a note of the removal", out.String())
	}
	out.Reset()
	os.MkdirAll(filepath.Join(b.dir, "out-e"), 0o755)
	b.clear(filepath.Join(b.dir, "out-e")) // into the trash,
	b.clear(filepath.Join(b.dir, "out-f")) // which is emptied again, but said only once
	if _, err := os.Stat(filepath.Join(b.dir, ".trash")); !os.IsNotExist(err) || out.Len() != 0 {
		t.Errorf("trash left, or said %q again", out.String())
	}
	b.clear(filepath.Join(b.dir, "out-d")) // the trash is empty: nothing removed, nothing said
	if out.Len() != 0 {
		t.Errorf("said %q with nothing to remove", out.String())
	}
}

// TestTidy: the outputs an earlier bench left (out-*, copy-*, its trash)
// are removed before the runs, and nothing else in the folder.
func TestTidy(t *testing.T) {
	b := &bench{dir: t.TempDir()}
	for _, p := range []string{"out-articles-10000/cases", "out-hugo-10000", "copy-county/orgs", ".trash/1-1/cases", "articles-10000/content"} {
		os.MkdirAll(filepath.Join(b.dir, p), 0o755)
	}
	if n := b.tidy(); n != 4 {
		t.Errorf("removed %d, want 4", n)
	}
	left, _ := os.ReadDir(b.dir)
	if len(left) != 1 || left[0].Name() != "articles-10000" {
		t.Errorf("left %v, want only the site", left)
	}
	if n := b.tidy(); n != 0 {
		t.Errorf("removed %d from a tidy folder", n)
	}
}
