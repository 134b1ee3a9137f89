package fileio

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// TestCopyFile: the copy has the bytes, and what CopyFile says of the
// source after copying is what Lstat says of it, so that a caller can see
// a change meanwhile.
func TestCopyFile(t *testing.T) {
	dir := t.TempDir()
	var mu sync.Mutex
	for _, n := range []int{0, 1, 4096, 1<<16 + 3, 3 << 20} {
		data := bytes.Repeat([]byte("示范点0123456789"), n/19+1)[:n]
		from, to := filepath.Join(dir, "from"), filepath.Join(dir, "to")
		if err := os.WriteFile(from, data, 0o600); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(to, []byte("an older and longer file, emptied first"), 0o600)
		c, after, err := CopyFile(to, from, int64(n), 0o644, time.Time{}, &mu)
		if err != nil || c != int64(n) {
			t.Fatalf("%d bytes: copied %d, %v", n, c, err)
		}
		if got, _ := os.ReadFile(to); !bytes.Equal(got, data) {
			t.Errorf("%d bytes: the copy has %d bytes, not the same", n, len(got))
		}
		fi, _ := os.Lstat(from)
		if after.Size() != fi.Size() || !after.ModTime().Equal(fi.ModTime()) || after.Mode() != fi.Mode() || after.IsDir() {
			t.Errorf("%d bytes: after the copy %v %v %v, Lstat %v %v %v", n, after.Size(), after.ModTime(), after.Mode(), fi.Size(), fi.ModTime(), fi.Mode())
		}
		if ChangeTime(after) != ChangeTime(fi) {
			t.Errorf("%d bytes: change time %d, Lstat's %d", n, ChangeTime(after), ChangeTime(fi))
		}
	}
}

// TestCopyFileChanged: a file that shrank since it was looked at copies
// fewer bytes than expected; one that grew copies the bytes expected and
// no more, and says its new size. Either way the caller sees it.
func TestCopyFileChanged(t *testing.T) {
	dir := t.TempDir()
	from, to := filepath.Join(dir, "from"), filepath.Join(dir, "to")
	os.WriteFile(from, []byte("0123456789"), 0o644)
	if c, after, err := CopyFile(to, from, 20, 0o644, time.Time{}, nil); err != nil || c != 10 || after.Size() != 10 {
		t.Errorf("shrunk: copied %d, %v", c, err)
	}
	if c, after, err := CopyFile(to, from, 4, 0o644, time.Time{}, nil); err != nil || c != 4 || after.Size() != 10 {
		t.Errorf("grown: copied %d, size %d, %v", c, after.Size(), err)
	}
	if got, _ := os.ReadFile(to); string(got) != "0123" {
		t.Errorf("grown: the copy holds %q", got)
	}
	if _, _, err := CopyFile(to, filepath.Join(dir, "none"), 1, 0o644, time.Time{}, nil); err == nil {
		t.Error("no source: no error")
	}
	if _, _, err := CopyFile(filepath.Join(dir, "no", "to"), from, 10, 0o644, time.Time{}, nil); err == nil {
		t.Error("no folder for the copy: no error")
	}
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	os.Chtimes(from, old, old)
	if _, after, _ := CopyFile(to, from, 10, 0o644, time.Time{}, nil); !after.ModTime().Equal(old) {
		t.Errorf("modification time %v, want %v", after.ModTime(), old)
	}
	// A time given is the copy's (to the 100 ns Windows keeps), not
	// from's, which is left as it was.
	mod := time.Date(2021, 3, 4, 5, 6, 7, 800, time.UTC)
	if _, _, err := CopyFile(to, from, 10, 0o644, mod, nil); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(to); err != nil {
		t.Fatal(err)
	} else if !fi.ModTime().Equal(mod) {
		t.Errorf("the copy's time %v, want %v", fi.ModTime(), mod)
	}
	if fi, err := os.Stat(from); err != nil {
		t.Fatal(err)
	} else if !fi.ModTime().Equal(old) {
		t.Errorf("from's time %v, want %v as it was", fi.ModTime(), old)
	}
	if _, _, err := CopyFile(filepath.Join(dir, "no", "to"), from, 10, 0o644, mod, nil); err == nil {
		t.Error("no folder for a copy with a time: no error")
	}
}

// TestPlainFolders: folders on the way that are there must be plain
// folders; a symbolic link or a file among them fails, wherever it is;
// folders not there yet do not.
func TestPlainFolders(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "a", "b"), 0o755)
	os.WriteFile(filepath.Join(root, "f"), nil, 0o644)
	outside := t.TempDir()
	os.Symlink(outside, filepath.Join(root, "link"))
	os.Symlink(outside, filepath.Join(root, "a", "link"))
	for _, c := range []struct {
		dir  string
		want bool
	}{
		{"a/b", true},
		{"a/b/c/d", true}, // not there yet
		{"none/c", true},
		{".", true},
		{"link", false},
		{"link/x", false},
		{"a/link/y", false},
		{"f/x", false},
	} {
		if got := PlainFolders(root, filepath.Join(root, filepath.FromSlash(c.dir))); got != c.want {
			t.Errorf("%s: %v, want %v", c.dir, got, c.want)
		}
	}
	if !PlainFolders("", "/") {
		t.Error("the root folder: not plain")
	}
}
