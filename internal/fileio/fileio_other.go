//go:build !linux

package fileio

import "os"

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

// WriteFile writes data to the file name, made or emptied first.
func WriteFile(name string, data []byte, perm os.FileMode) error {
	return os.WriteFile(name, data, perm)
}
