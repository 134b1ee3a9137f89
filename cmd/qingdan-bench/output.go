package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// largest is the biggest HTML page of a built site and its size.
func largest(out string) (string, int64, error) {
	var name string
	var size int64
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		info, err := d.Info()
		if err == nil && info.Size() > size {
			rel, _ := filepath.Rel(out, p)
			name, size = filepath.ToSlash(rel), info.Size()
		}
		return err
	})
	return name, size, err
}

// loads matches what a page loads by itself: stylesheets and scripts.
var loads = regexp.MustCompile(`<(?:link rel="stylesheet" href|script src)="([^"]+)"`)

// homeWeight is what the home page costs a reader, gzip-compressed: its
// HTML with the stylesheets and scripts it loads, and apart from them
// ECharts (assets/vendor/), which only pages with a chart load.
func homeWeight(out string) (own, vendor int, err error) {
	page, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		return 0, 0, err
	}
	own = gzipped(page)
	for _, m := range loads.FindAllSubmatch(page, -1) {
		ref := string(m[1])
		if strings.Contains(ref, "://") || strings.HasPrefix(ref, "/") {
			return 0, 0, fmt.Errorf("the home page loads %s from elsewhere", ref)
		}
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(strings.SplitN(ref, "?", 2)[0])))
		if err != nil {
			return 0, 0, err
		}
		if strings.Contains(ref, "vendor/") {
			vendor += gzipped(b)
		} else {
			own += gzipped(b)
		}
	}
	return own, vendor, nil
}

func gzipped(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

// sitemapURLs is the most URLs one sitemap file of a built site lists.
func sitemapURLs(out string) (int, error) {
	files, err := filepath.Glob(filepath.Join(out, "sitemap*.xml"))
	if err != nil {
		return 0, err
	}
	most := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return 0, err
		}
		most = max(most, bytes.Count(b, []byte("<url>")))
	}
	return most, nil
}

// shape is what a build wrote: its files, folders and bytes. On this
// machine a build's system time goes mostly to making files and folders
// (ext4 allocating inodes), so the counts explain much of a wall time.
type shape struct {
	files, dirs int
	bytes       int64
}

func (s shape) String() string {
	return fmt.Sprintf("%d files, %d folders, %.0f MB", s.files, s.dirs, float64(s.bytes)/1e6)
}

// shapeOf walks a built site.
func shapeOf(out string) (shape, error) {
	var s shape
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			s.dirs++
			return nil
		}
		info, err := d.Info()
		if err == nil {
			s.files++
			s.bytes += info.Size()
		}
		return err
	})
	return s, err
}
