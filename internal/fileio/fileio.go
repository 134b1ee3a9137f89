// Package fileio reads and writes whole files with as few system calls as
// the system allows. A build reads and writes tens of thousands of small
// files (articles, their pictures, pages); on Linux os.Open and os.Create
// spend five system calls beyond open, read or write and close on making a
// file ready for the network poller, which a regular file never uses, and
// a system call costs microseconds on a virtual machine.
package fileio

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
)

// ErrTooLarge is the error of a file larger than the limit it is read with.
var ErrTooLarge = errors.New("fileio: file over the limit")

// ReadFile reads the file name whole, unless it is larger than limit bytes
// (limit < 0: no limit): then the error is ErrTooLarge and size is how
// large the file is (or has grown to while being read).
func ReadFile(name string, limit int64) (data []byte, size int64, err error) {
	var b bytes.Buffer
	size, err = ReadFileInto(&b, name, limit)
	if err != nil {
		return nil, size, err
	}
	return b.Bytes(), size, nil
}

// ReadFileInto is ReadFile into b, which it empties first: a caller that
// reads many files one after another keeps one buffer for them all.
func ReadFileInto(b *bytes.Buffer, name string, limit int64) (size int64, err error) {
	b.Reset()
	f, err := Open(name)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	size, err = f.Size()
	if err != nil {
		return 0, err
	}
	if limit >= 0 && size > limit {
		return size, ErrTooLarge
	}
	err = f.readAll(b, size, limit)
	if err == nil && limit >= 0 && int64(b.Len()) > limit { // it grew meanwhile
		return int64(b.Len()), ErrTooLarge
	}
	return size, err
}

// ReadInto appends the file name whole to b, reading it in one read where
// the file is no larger than size, what it held when last looked at (its
// Lstat); size < 0: unknown, then it is asked for once the file is open.
// A file grown since is read on to its end, one shrunk to its end.
func ReadInto(b *bytes.Buffer, name string, size int64) error {
	f, err := Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	if size < 0 {
		if size, err = f.Size(); err != nil {
			return err
		}
	}
	return f.readAll(b, size, -1)
}

// readAll appends what is left of the file to b: the file is expected to
// hold size bytes, and no more than limit are read (limit < 0: no limit;
// reading stops after limit+1, to show the file is over it). A read of a
// regular file that returns less than it was asked for has reached the
// file's end, so a file as large as it was when opened takes one read.
func (f *File) readAll(b *bytes.Buffer, size, limit int64) error {
	want := int(size) + 1
	if size >= 1<<30 || size < 0 {
		want = 1 << 16
	}
	for {
		if limit >= 0 && int64(b.Len()) > limit {
			return nil
		}
		b.Grow(want)
		buf := b.AvailableBuffer()[:want]
		n, err := f.Read(buf)
		b.Write(buf[:n])
		if err == io.EOF || (err == nil && n > 0 && n < want) {
			return nil
		}
		if err != nil {
			return err
		}
		want = max(want, 1<<16)
	}
}

// Regular is the file name as Lstat sees it, and whether it is a regular
// file, not a link to one (nothing outside a site folder is read through a
// link).
func Regular(name string) (os.FileInfo, bool) {
	fi, err := os.Lstat(name)
	return fi, err == nil && fi.Mode().IsRegular()
}

// PlainFolders reports whether each folder from below root down to dir
// (a folder below root) that is there is a plain folder, not a symbolic
// link or anything else, so that a path through them stays inside root.
// One not there yet is made a plain folder by whoever needs it.
func PlainFolders(root, dir string) bool {
	for d := filepath.Clean(dir); len(d) > len(root) && d != filepath.Dir(d); d = filepath.Dir(d) {
		if fi, err := os.Lstat(d); err == nil && !fi.IsDir() {
			return false
		}
	}
	return true
}

// TempPrefix starts the name of the temporary file WriteAtomic writes
// beside its place; one left there by a program stopped half way is the
// caller's to remove.
const TempPrefix = ".tmp-"

// WriteAtomic writes the file name whole, its folder made if need be:
// beside it under a temporary name, then renamed into place, so that a
// program stopped half way leaves no half a file under that name, and one
// reading it meanwhile finds the old file or the new. The file gets perm
// (a temporary file is made 0600).
func WriteAtomic(name string, data []byte, perm os.FileMode) error {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, TempPrefix+"*")
	if err != nil {
		return err
	}
	err = f.Chmod(perm)
	if err == nil {
		_, err = f.Write(data)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
