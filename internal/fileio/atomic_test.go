package fileio

import (
	"os"
	"path/filepath"
	"testing"
)

// TestWriteAtomic: the file is made with its folder, replaced whole, given
// the mode asked for, and no temporary file is left beside it.
func TestWriteAtomic(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a", "b", "f")
	for _, data := range []string{"first, the longer one", "second"} {
		if err := WriteAtomic(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		if b, err := os.ReadFile(p); err != nil || string(b) != data {
			t.Fatalf("read %q, %v; want %q", b, err, data)
		}
	}
	if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v (%v), want 0644", fi.Mode().Perm(), err)
	}
	if es, _ := os.ReadDir(filepath.Dir(p)); len(es) != 1 {
		t.Errorf("%d files beside it, want it alone", len(es))
	}
	if err := WriteAtomic(filepath.Join(p, "under-a-file"), nil, 0o644); err == nil {
		t.Error("a file under a file was written")
	}
}
