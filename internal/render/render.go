// Package render puts the output producers together into one site: every
// file, by name, each made when it is written. build writes them all; serve
// makes the one a browser asks for.
package render

import (
	"bufio"
	"crypto/sha256"
	"maps"
	"runtime"
	"slices"
	"sync"

	"github.com/qingdan/qingdan/internal/load"
	"github.com/qingdan/qingdan/internal/output"
	"github.com/qingdan/qingdan/internal/output/feed"
	"github.com/qingdan/qingdan/internal/output/opendata"
	"github.com/qingdan/qingdan/internal/output/page"
	"github.com/qingdan/qingdan/internal/output/search"
	"github.com/qingdan/qingdan/internal/output/sitemap"
	"github.com/qingdan/qingdan/internal/output/static"
	"github.com/qingdan/qingdan/internal/view"
)

// Site is every file of a site.
type Site struct {
	files  []output.File
	byName map[string]int
	// Shadowed lists the site's static files (paths below static/) left
	// out because the site generates a file of the same name.
	Shadowed []string
}

// New lists the files of the view: pages, open data, the search index, the
// feed, the sitemap, then the static files whose names nothing generates
// (a static file never replaces a generated one).
func New(v *view.View, pages *page.Bound, listed []load.File) *Site {
	s := &Site{byName: map[string]int{}}
	add := func(fs []output.File) {
		for _, f := range fs {
			if i, dup := s.byName[f.Name]; dup {
				s.files[i] = f // a later file of the same name replaces it
				continue
			}
			s.byName[f.Name] = len(s.files)
			s.files = append(s.files, f)
		}
	}
	add(opendata.Files(v.Model, v.Lang))
	add(page.Files(pages, v))
	add(search.Files(v))
	add(feed.Files(v))
	add(sitemap.Files(v))
	add(static.Images(v.Docs))
	generated := maps.Clone(s.byName)
	var kept []load.File
	for _, f := range listed {
		if _, gen := generated[f.Name]; gen {
			if !f.Theme {
				s.Shadowed = append(s.Shadowed, f.Name)
			}
			continue
		}
		kept = append(kept, f)
	}
	add(static.Files(kept))
	return s
}

// Names lists every file, sorted.
func (s *Site) Names() []string { return slices.Sorted(maps.Keys(s.byName)) }

// File is the file of that name.
func (s *Site) File(name string) (output.File, bool) {
	i, ok := s.byName[name]
	if !ok {
		return output.File{}, false
	}
	return s.files[i], true
}

// Write writes every file into w, several at a time: writing many small
// files waits on the file system more than on the CPU. Each file is its
// own, so the order they finish in changes nothing.
func (s *Site) Write(w output.Writer) error {
	work := make(chan output.File)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range max(4, 2*runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for f := range work {
				if err := write(w, f); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		})
	}
	var err error
loop:
	for _, f := range s.files {
		select {
		case err = <-errs:
			break loop
		case work <- f:
		}
	}
	close(work)
	wg.Wait()
	if err == nil {
		select {
		case err = <-errs:
		default:
		}
	}
	return err
}

// write makes one file into w, buffered.
func write(w output.Writer, f output.File) error {
	out, err := w.Create(f.Name)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(out, 1<<15)
	err = f.Write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

// Sums makes every file and returns its SHA-256, for the manifest.
func (s *Site) Sums() (map[string][32]byte, error) {
	sums := map[string][32]byte{}
	for _, f := range s.files {
		h := sha256.New()
		if err := f.Write(h); err != nil {
			return nil, err
		}
		var sum [32]byte
		h.Sum(sum[:0])
		sums[f.Name] = sum
	}
	return sums, nil
}
