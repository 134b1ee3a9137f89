package fileio

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestCopyBuffered: where the kernel cannot copy (fallBack's errors), read
// and write copy every byte.
func TestCopyBuffered(t *testing.T) {
	dir := t.TempDir()
	data := bytes.Repeat([]byte("党建清单"), 70000) // more than one buffer
	from, to := filepath.Join(dir, "from"), filepath.Join(dir, "to")
	os.WriteFile(from, data, 0o644)
	in, _ := os.Open(from)
	defer in.Close()
	out, _ := os.Create(to)
	n, err := copyBuffered(int(out.Fd()), int(in.Fd()))
	out.Close()
	if got, _ := os.ReadFile(to); err != nil || n != int64(len(data)) || !bytes.Equal(got, data) {
		t.Errorf("copied %d of %d, %v", n, len(data), err)
	}
	for _, e := range []error{syscall.EXDEV, syscall.ENOSYS, syscall.EINVAL, syscall.EOPNOTSUPP} {
		if !fallBack(e) {
			t.Errorf("%v: no fall-back", e)
		}
	}
	if fallBack(syscall.ENOSPC) {
		t.Error("a full disk is an error, not a reason to copy another way")
	}
}

// TestSetTimes: setTimes gives an open file both its times, to the
// nanosecond, without its name (the file is renamed first).
func TestSetTimes(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f")
	os.WriteFile(p, []byte("x"), 0o644)
	f, err := os.OpenFile(p, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	moved := filepath.Join(dir, "g")
	os.Rename(p, moved)
	mod := time.Date(2020, 2, 29, 23, 59, 58, 123456789, time.UTC)
	setTimes(int(f.Fd()), mod)
	var st syscall.Stat_t
	if err := syscall.Stat(moved, &st); err != nil {
		t.Fatal(err)
	}
	if a, m := time.Unix(st.Atim.Unix()), time.Unix(st.Mtim.Unix()); !a.Equal(mod) || !m.Equal(mod) {
		t.Errorf("access %v, modification %v, want both %v", a, m, mod)
	}
}

// TestStatMode: the modes statInfo gives are os.Lstat's.
func TestStatMode(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f")
	os.WriteFile(p, nil, 0o640)
	for _, name := range []string{p, dir} {
		f, err := Open(name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.Stat()
		f.Close()
		want, _ := os.Lstat(name)
		if err != nil || got.Mode() != want.Mode() || got.IsDir() != want.IsDir() || got.Name() != name {
			t.Errorf("%s: %v %v, Lstat %v", name, got.Mode(), err, want.Mode())
		}
	}
}

// TestFullDisk: a write to a full disk (/dev/full says so to every write)
// is an error naming the file, for WriteFile and for a copy through
// read and write, never a panic (WriteFile sliced its data by the -1 a
// failed write returns).
func TestFullDisk(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Fatalf("no /dev/full on this Linux: %v", err)
	}
	err := WriteFile("/dev/full", bytes.Repeat([]byte("示范点"), 1000), 0o644, nil)
	if !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), "/dev/full") {
		t.Errorf("WriteFile to a full disk: %v", err)
	}
	from := filepath.Join(t.TempDir(), "from")
	os.WriteFile(from, []byte("picture"), 0o644)
	in, _ := os.Open(from)
	defer in.Close()
	out, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if _, err := copyBuffered(int(out.Fd()), int(in.Fd())); !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("copy to a full disk: %v", err)
	}
}

// TestCloneFile: on a file system that shares blocks (XFS, Btrfs) the
// clone holds the source's bytes and says what fstat says of the source;
// on another (ext4, tmpfs: $TMPDIR's decides) it fails with a clone error
// naming the file, for the caller to write the bytes. Each way, a missing
// source is an error.
func TestCloneFile(t *testing.T) {
	dir := t.TempDir()
	from, to := filepath.Join(dir, "from"), filepath.Join(dir, "to")
	data := bytes.Repeat([]byte("示范点"), 5000)
	os.WriteFile(from, data, 0o644)
	after, err := CloneFile(to, from, 0o644, time.Time{}, nil)
	if err == nil {
		t.Log("cloned")
		fi, _ := os.Lstat(from)
		if got, _ := os.ReadFile(to); !bytes.Equal(got, data) || after.Size() != fi.Size() || !after.ModTime().Equal(fi.ModTime()) {
			t.Errorf("cloned: %d bytes (want %d), after %v %v", len(got), len(data), after.Size(), after.ModTime())
		}
	} else {
		t.Log(err)
		var pe *os.PathError
		if !errors.As(err, &pe) || pe.Op != "clone" || pe.Path != to {
			t.Errorf("no clone here, but the error is %v", err)
		}
	}
	if _, err := CloneFile(to, filepath.Join(dir, "none"), 0o644, time.Time{}, nil); err == nil {
		t.Error("no source: no error")
	}
}
