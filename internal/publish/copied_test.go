//go:build unix

package publish

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
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
		tx, err := Begin(out, nil)
		if err != nil {
			t.Fatal(err)
		}
		fi := stat()
		kept := tx.Copied("images/photo.jpg", fi)
		if !kept {
			b, _ := os.ReadFile(src)
			if err := tx.PutCopy("images/photo.jpg", src, fi, b, sha256.Sum256(b), fi.ModTime()); err != nil {
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
	tx, err := Begin(out, nil)
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
	tx, err = Begin(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.PutCopy("a.jpg", "", nil, []byte("picture"), sha256.Sum256([]byte("picture")), mod); err != nil {
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

// TestPutCopyClones: where the file system shares blocks, a copy is
// cloned from its source instead of written (stamped and summed all the
// same); when the source changed since its Lstat the clone is written
// over with the bytes read; the first clone that fails ends the tries,
// and every copy then holds the bytes written.
func TestPutCopyClones(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	mod := time.Date(2022, 6, 1, 8, 0, 0, 0, time.UTC)
	source := func(name, body string) (string, os.FileInfo) {
		t.Helper()
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(body), 0o644)
		os.Chtimes(p, mod, mod)
		fi, err := os.Lstat(p)
		if err != nil {
			t.Fatal(err)
		}
		return p, fi
	}
	tx, err := Begin(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	var tried []string
	fail := false
	tx.clone = func(to, from string, _ os.FileMode, mod time.Time, _ sync.Locker) (os.FileInfo, error) {
		tried = append(tried, filepath.Base(from))
		if fail {
			return nil, errors.New("no clones here")
		}
		b, _ := os.ReadFile(from)
		os.WriteFile(to, append([]byte("shared:"), b...), 0o644) // what the copy shares, marked
		if !mod.IsZero() {
			os.Chtimes(to, mod, mod) // as fileio.CloneFile gives the time it is given
		}
		return os.Lstat(from)
	}
	a, afi := source("a.jpg", "picture a")
	if err := tx.PutCopy("a.jpg", a, afi, []byte("picture a"), sha256.Sum256([]byte("picture a")), mod); err != nil {
		t.Fatal(err)
	}
	b, bfi := source("b.jpg", "picture b")
	os.WriteFile(b, []byte("picture b, changed"), 0o644) // after its Lstat
	if err := tx.PutCopy("b.jpg", b, bfi, []byte("picture b"), sha256.Sum256([]byte("picture b")), mod); err != nil {
		t.Fatal(err)
	}
	fail = true
	for _, name := range []string{"c.jpg", "d.jpg"} {
		p, fi := source(name, "picture "+name)
		if err := tx.PutCopy(name, p, fi, []byte("picture "+name), sha256.Sum256([]byte("picture "+name)), mod); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if want := []string{"a.jpg", "b.jpg", "c.jpg"}; !slices.Equal(tried, want) {
		t.Errorf("clones tried %q, want %q (none after the first that failed)", tried, want)
	}
	for name, want := range map[string]string{"a.jpg": "shared:picture a", "b.jpg": "picture b", "c.jpg": "picture c.jpg", "d.jpg": "picture d.jpg"} {
		p := filepath.Join(out, name)
		if got := read(t, p); got != want {
			t.Errorf("%s holds %q, want %q", name, got, want)
		}
		if fi, _ := os.Stat(p); !fi.ModTime().Equal(mod) {
			t.Errorf("%s has the time %v, want its source's %v", name, fi.ModTime(), mod)
		}
	}
	if m := read(t, filepath.Join(out, Marker)); !strings.Contains(m, fmt.Sprintf("%x  a.jpg", sha256.Sum256([]byte("picture a")))) {
		t.Errorf("manifest without the clone's sum:\n%s", m)
	}
}
