//go:build unix

package publish

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCopied: a copy stamped with its source's time is kept by the next
// build while the source has that size and time (linked, its sum carried
// into the manifest, the source not read), and not when either changed,
// nor when the copy in the output was changed since.
func TestCopied(t *testing.T) {
	dir := t.TempDir()
	src, out := filepath.Join(dir, "photo.jpg"), filepath.Join(dir, "public")
	then := time.Date(2022, 6, 1, 8, 0, 0, 123456789, time.UTC)
	put := func(body string, mod time.Time) {
		t.Helper()
		os.WriteFile(src, []byte(body), 0o644)
		os.Chtimes(src, mod, mod)
	}
	stat := func() os.FileInfo {
		t.Helper()
		fi, err := os.Stat(src)
		if err != nil {
			t.Fatal(err)
		}
		return fi
	}
	// build copies the source unless Copied keeps it, and reports which.
	build := func() bool {
		t.Helper()
		tx, err := Begin(out)
		if err != nil {
			t.Fatal(err)
		}
		fi := stat()
		kept := tx.Copied("images/photo.jpg", fi)
		if !kept {
			b, _ := os.ReadFile(src)
			if err := tx.PutCopy("images/photo.jpg", b, sha256.Sum256(b), fi.ModTime()); err != nil {
				t.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		return kept
	}
	copyPath := filepath.Join(out, "images", "photo.jpg")
	manifest := func() string { return read(t, filepath.Join(out, Marker)) }

	put("first", then)
	if build() {
		t.Fatal("kept from an output that did not exist")
	}
	if fi, _ := os.Stat(copyPath); !fi.ModTime().Equal(then) {
		t.Errorf("the copy's time is %v, want the source's %v", fi.ModTime(), then)
	}
	before, sums := inode(t, copyPath), manifest()
	if !build() {
		t.Fatal("an unchanged source was copied again")
	}
	if inode(t, copyPath) != before || manifest() != sums {
		t.Errorf("the kept copy is not the same file, or the manifest changed:\n%s", manifest())
	}

	for _, c := range []struct {
		what, body string
		mod        time.Time
	}{
		{"a new time, the same size", "fresh", then.Add(time.Second)},
		{"a new size, the same time", "changed", then.Add(time.Second)},
	} {
		put(c.body, c.mod)
		if build() {
			t.Errorf("%s: kept", c.what)
		}
		if got := read(t, copyPath); got != c.body {
			t.Errorf("%s: the output holds %q", c.what, got)
		}
	}

	// A copy changed in the output by hand has a later time than the
	// manifest: it is not kept, though the source is as it was.
	time.Sleep(10 * time.Millisecond)
	os.WriteFile(copyPath, []byte("CHANGED"), 0o644)
	os.Chtimes(copyPath, time.Now(), time.Now())
	if build() {
		t.Error("a copy changed by hand was kept")
	}
	if got := read(t, copyPath); got != "changed" {
		t.Errorf("the output holds %q", got)
	}
	if !strings.Contains(manifest(), "images/photo.jpg") {
		t.Errorf("manifest without the copy:\n%s", manifest())
	}
}

// TestPutCopyLeavesOldAlone: a copy whose old one has another time (a
// build into an empty folder gave none) is written afresh with its
// source's time, not linked and stamped: a build that fails leaves the old
// output exactly as it was, times included.
func TestPutCopyLeavesOldAlone(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	tx, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	tx.Put("a.jpg", []byte("picture"))
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(out, "a.jpg")
	was, _ := os.Stat(p)
	mod := time.Date(2022, 6, 1, 8, 0, 0, 0, time.UTC)
	tx, err = Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.PutCopy("a.jpg", []byte("picture"), sha256.Sum256([]byte("picture")), mod); err != nil {
		t.Fatal(err)
	}
	made, _ := os.Stat(filepath.Join(tx.tmp, "a.jpg"))
	tx.Abort()
	now, _ := os.Stat(p)
	if !now.ModTime().Equal(was.ModTime()) || os.SameFile(now, made) || !made.ModTime().Equal(mod) {
		t.Errorf("old %v -> %v (same file as the new copy: %v); the new copy's time %v, want %v",
			was.ModTime(), now.ModTime(), os.SameFile(now, made), made.ModTime(), mod)
	}
}
