package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// An entry is one file of an archive.
type entry struct {
	name string // slash path inside the archive's top folder
	data []byte
	exec bool // a program: mode 0755
}

// layout sorts the files and lists every folder before what it holds, so
// that an archive of the same files is the same bytes.
func layout(files []entry) (dirs []string, sorted []entry) {
	sorted = slices.Clone(files)
	slices.SortFunc(sorted, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	seen := map[string]bool{}
	for _, f := range sorted {
		for d := path.Dir(f.name); d != "." && !seen[d]; d = path.Dir(d) {
			seen[d] = true
			dirs = append(dirs, d)
		}
	}
	slices.Sort(dirs)
	return dirs, sorted
}

func mode(f entry) int64 {
	if f.exec {
		return 0o755
	}
	return 0o644
}

// writeTarGz packs files under top/ into a gzipped tar whose every entry
// has the time mtime, owner root and no user or group names: the same
// files give the same bytes.
func writeTarGz(top string, files []entry, mtime time.Time) ([]byte, error) {
	var buf bytes.Buffer
	gz, err := gzip.NewWriterLevel(&buf, gzip.BestCompression) // no name, no time in the header
	if err != nil {
		return nil, err
	}
	tw := tar.NewWriter(gz)
	dirs, sorted := layout(files)
	hdr := func(name string, typ byte, mode, size int64) *tar.Header {
		return &tar.Header{Typeflag: typ, Name: name, Mode: mode, Size: size, ModTime: mtime, Format: tar.FormatPAX}
	}
	for _, d := range append([]string{""}, dirs...) {
		if err := tw.WriteHeader(hdr(path.Join(top, d)+"/", tar.TypeDir, 0o755, 0)); err != nil {
			return nil, err
		}
	}
	for _, f := range sorted {
		if err := tw.WriteHeader(hdr(path.Join(top, f.name), tar.TypeReg, mode(f), int64(len(f.data)))); err != nil {
			return nil, err
		}
		if _, err := tw.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := gz.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeZip packs files under top/ into a zip whose every entry has the
// time mtime (the DOS time Explorer shows, and the exact time in an
// extended field) and Unix modes for unzip.
func writeZip(top string, files []entry, mtime time.Time) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	dirs, sorted := layout(files)
	for _, d := range append([]string{""}, dirs...) {
		h := &zip.FileHeader{Name: path.Join(top, d) + "/", Method: zip.Store, Modified: mtime}
		h.SetMode(fs.ModeDir | 0o755)
		if _, err := zw.CreateHeader(h); err != nil {
			return nil, err
		}
	}
	for _, f := range sorted {
		h := &zip.FileHeader{Name: path.Join(top, f.name), Method: zip.Deflate, Modified: mtime}
		h.SetMode(fs.FileMode(mode(f)))
		w, err := zw.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
