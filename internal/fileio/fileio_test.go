package fileio

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestReadWrite(t *testing.T) {
	dir := t.TempDir()
	var kept bytes.Buffer // one buffer for every file, as a build reads documents
	kept.WriteString("前")
	for _, n := range []int{0, 1, 4095, 4096, 1 << 16, 1<<16 + 1, 3 << 20, 5, 0} {
		data := bytes.Repeat([]byte("清单0123456789"), n/16+1)[:n]
		p := filepath.Join(dir, "f")
		if err := WriteFile(p, data, 0o644, nil); err != nil {
			t.Fatal(err)
		}
		if got, err := os.ReadFile(p); err != nil || !bytes.Equal(got, data) {
			t.Fatalf("%d bytes written: read back %d, %v", n, len(got), err)
		}
		got, size, err := ReadFile(p, -1)
		if err != nil || size != int64(n) || !bytes.Equal(got, data) {
			t.Errorf("%d bytes: ReadFile %d bytes, size %d, %v", n, len(got), size, err)
		}
		got, size, err = ReadFile(p, int64(n))
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%d bytes at limit %d: %d bytes, size %d, %v", n, n, len(got), size, err)
		}
		if n > 0 {
			got, size, err = ReadFile(p, int64(n-1))
			if !errors.Is(err, ErrTooLarge) || got != nil || size != int64(n) {
				t.Errorf("%d bytes over limit %d: %d bytes, size %d, %v", n, n-1, len(got), size, err)
			}
		}
		if size, err := ReadFileInto(&kept, p, int64(n)); err != nil || size != int64(n) || !bytes.Equal(kept.Bytes(), data) {
			t.Errorf("%d bytes: ReadFileInto a buffer read into before: %d bytes, size %d, %v", n, kept.Len(), size, err)
		}
		// The size given is what the file held when last looked at: it
		// may have grown or shrunk since, and is read whole all the same.
		for _, size := range []int64{-1, int64(n), int64(n / 2), int64(n) + 100, 0} {
			b := bytes.NewBufferString("前")
			if err := ReadInto(b, p, size); err != nil || b.String() != "前"+string(data) {
				t.Errorf("%d bytes, read as %d: ReadInto %d bytes, %v", n, size, b.Len(), err)
			}
		}
	}
	// WriteFile empties a longer file first.
	p := filepath.Join(dir, "g")
	if err := WriteFile(p, []byte("long long"), 0o644, nil); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("short"), 0o644, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(p); string(got) != "short" {
		t.Errorf("rewritten: %q", got)
	}
	// WriteFileAt gives the file a time (to the 100 ns Windows keeps).
	mod := time.Date(2019, 8, 31, 12, 0, 0, 300, time.UTC)
	if err := WriteFileAt(p, []byte("dated"), 0o644, mod, nil); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(p); err != nil {
		t.Fatal(err)
	} else if !fi.ModTime().Equal(mod) {
		t.Errorf("time %v, want %v", fi.ModTime(), mod)
	}
	if got, _ := os.ReadFile(p); string(got) != "dated" {
		t.Errorf("written with a time: %q", got)
	}
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing")
	if _, _, err := ReadFile(missing, -1); !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), missing) {
		t.Errorf("missing file: %v", err)
	}
	if err := ReadInto(new(bytes.Buffer), missing, -1); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	if err := WriteFile(filepath.Join(missing, "x"), nil, 0o644, nil); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("file in a missing folder: %v", err)
	}
	if _, _, err := ReadFile(dir, -1); err == nil {
		t.Errorf("a folder read as a file")
	}
}

func TestFileSeek(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, []byte("0123456789"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	head := make([]byte, 4)
	if _, err := io.ReadFull(f, head); err != nil {
		t.Fatal(err)
	}
	for _, at := range []int64{4, 2, 9} {
		if _, err := f.Seek(at, io.SeekStart); err != nil {
			t.Fatal(err)
		}
		rest, err := io.ReadAll(f)
		if err != nil || string(rest) != "0123456789"[at:] {
			t.Errorf("from %d: %q, %v", at, rest, err)
		}
	}
}

func TestRegular(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "l")
	linked := os.Symlink(file, link) == nil
	for _, c := range []struct {
		name string
		want bool
	}{{file, true}, {dir, false}, {filepath.Join(dir, "missing"), false}, {link, false}} {
		if c.name == link && !linked {
			continue
		}
		fi, ok := Regular(c.name)
		if ok != c.want || ok && fi.Size() != 1 {
			t.Errorf("Regular(%s) = %v, %v; want %v", c.name, fi, ok, c.want)
		}
	}
}

// checkLock is a lock that records whether the file p existed when it
// was taken and when it was let go.
type checkLock struct {
	p             string
	before, after bool
}

func (l *checkLock) Lock()   { _, err := os.Stat(l.p); l.before = err == nil }
func (l *checkLock) Unlock() { _, err := os.Stat(l.p); l.after = err == nil }

// TestWriteFileMade: the lock given is held while the file is made, and
// let go after.
func TestWriteFileMade(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	l := &checkLock{p: p}
	if err := WriteFile(p, []byte("data"), 0o644, l); err != nil {
		t.Fatal(err)
	}
	if l.before || !l.after {
		t.Errorf("the file existed when the lock was taken: %v, when it was let go: %v; want false, true", l.before, l.after)
	}
	if b, err := os.ReadFile(p); err != nil || string(b) != "data" {
		t.Errorf("read back %q, %v", b, err)
	}
}
