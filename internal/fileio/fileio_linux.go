package fileio

import (
	"io"
	"os"
	"sync"
	"syscall"
)

// File is a file open for reading, by its descriptor alone.
type File struct {
	fd   int
	name string
	off  int64 // where the next read starts
}

// Open opens the file name for reading.
func Open(name string) (*File, error) {
	var fd int
	err := retry(func() (err error) {
		fd, err = syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		return err
	})
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: name, Err: err}
	}
	return &File{fd: fd, name: name}, nil
}

// Size is the file's size as it is now.
func (f *File) Size() (int64, error) {
	var st syscall.Stat_t
	if err := retry(func() error { return syscall.Fstat(f.fd, &st) }); err != nil {
		return 0, &os.PathError{Op: "stat", Path: f.name, Err: err}
	}
	return st.Size, nil
}

// Read reads up to len(p) bytes; at the file's end it returns io.EOF.
func (f *File) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	var n int
	err := retry(func() (err error) {
		n, err = syscall.Read(f.fd, p)
		return err
	})
	if err != nil {
		return 0, &os.PathError{Op: "read", Path: f.name, Err: err}
	}
	if n == 0 {
		return 0, io.EOF
	}
	f.off += int64(n)
	return n, nil
}

// Seek moves where the next read starts; moving to where it already is
// costs no system call.
func (f *File) Seek(offset int64, whence int) (int64, error) {
	if whence == io.SeekStart && offset == f.off {
		return offset, nil
	}
	var at int64
	err := retry(func() (err error) {
		at, err = syscall.Seek(f.fd, offset, whence)
		return err
	})
	if err != nil {
		return 0, &os.PathError{Op: "seek", Path: f.name, Err: err}
	}
	f.off = at
	return at, nil
}

// Close closes the file.
func (f *File) Close() error {
	if f.fd < 0 {
		return os.ErrClosed
	}
	err := syscall.Close(f.fd)
	f.fd = -1
	if err != nil {
		return &os.PathError{Op: "close", Path: f.name, Err: err}
	}
	return nil
}

// WriteFile writes data to the file name, made or emptied first, as
// os.WriteFile does; made, when not nil, is held while the file is made
// (see publish: one file made at a time in a folder).
func WriteFile(name string, data []byte, perm os.FileMode, made sync.Locker) error {
	var fd int
	if made != nil {
		made.Lock()
	}
	err := retry(func() (err error) {
		fd, err = syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, uint32(perm.Perm()))
		return err
	})
	if made != nil {
		made.Unlock()
	}
	if err != nil {
		return &os.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 && err == nil {
		var n int
		err = retry(func() (err error) {
			n, err = syscall.Write(fd, data)
			return err
		})
		if err == nil && n == 0 {
			err = io.ErrShortWrite
		}
		data = data[n:]
	}
	if cerr := syscall.Close(fd); err == nil {
		err = cerr
	}
	if err != nil {
		return &os.PathError{Op: "write", Path: name, Err: err}
	}
	return nil
}

// retry calls a system call again while a signal interrupts it.
func retry(call func() error) error {
	for {
		if err := call(); err != syscall.EINTR {
			return err
		}
	}
}
