//go:build !linux

package fileio

import (
	"errors"
	"io"
	"os"
	"sync"
	"time"
)

// File is a file open for reading.
type File struct{ *os.File }

// Open opens the file name for reading.
func Open(name string) (*File, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	return &File{f}, nil
}

// Size is the file's size as it is now.
func (f *File) Size() (int64, error) {
	fi, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return fi.Size(), nil
}

// WriteFile writes data to the file name, made or emptied first; made,
// when not nil, is held while the file is made.
func WriteFile(name string, data []byte, perm os.FileMode, made sync.Locker) error {
	return WriteFileAt(name, data, perm, time.Time{}, made)
}

// WriteFileAt is WriteFile, and gives the file the time mod when not zero,
// best effort.
func WriteFileAt(name string, data []byte, perm os.FileMode, mod time.Time, made sync.Locker) error {
	f, err := create(name, perm, made)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && !mod.IsZero() {
		os.Chtimes(name, mod, mod)
	}
	return err
}

// CopyFile copies the file from (expected to hold size bytes) to the file
// to, made or emptied first with perm, and returns how many bytes it
// copied (size at most, fewer when from ends before, as on Linux) and what
// Stat said of from after the copy. A time mod not zero is given to the
// copy, best effort.
func CopyFile(to, from string, size int64, perm os.FileMode, mod time.Time, made sync.Locker) (n int64, after os.FileInfo, err error) {
	in, err := os.Open(from)
	if err != nil {
		return 0, nil, err
	}
	defer in.Close()
	out, err := create(to, perm, made)
	if err != nil {
		return 0, nil, err
	}
	n, err = io.CopyN(out, in, size)
	if err == io.EOF {
		err = nil // from was shorter than expected: n says so
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return n, nil, err
	}
	if !mod.IsZero() {
		os.Chtimes(to, mod, mod)
	}
	after, err = in.Stat()
	return n, after, err
}

// CloneFile would make to share from's blocks; here it cannot (see
// fileio_linux.go), and the caller writes the bytes.
func CloneFile(to, from string, perm os.FileMode, mod time.Time, made sync.Locker) (os.FileInfo, error) {
	return nil, &os.PathError{Op: "clone", Path: to, Err: errors.ErrUnsupported}
}

// create makes or empties the file name for writing, holding made (when
// not nil) while it does.
func create(name string, perm os.FileMode, made sync.Locker) (*os.File, error) {
	if made != nil {
		made.Lock()
		defer made.Unlock()
	}
	return os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, perm)
}
