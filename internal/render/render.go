// Package render puts the output producers together into one site: every
// file, by name, each made when it is written. build writes them all; serve
// makes the one a browser asks for.
package render

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"maps"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/qingdan/qingdan/internal/filecache"
	"github.com/qingdan/qingdan/internal/fileio"
	"github.com/qingdan/qingdan/internal/load"
	"github.com/qingdan/qingdan/internal/output"
	"github.com/qingdan/qingdan/internal/output/feed"
	"github.com/qingdan/qingdan/internal/output/opendata"
	"github.com/qingdan/qingdan/internal/output/page"
	"github.com/qingdan/qingdan/internal/output/picture"
	"github.com/qingdan/qingdan/internal/output/search"
	"github.com/qingdan/qingdan/internal/output/sitemap"
	"github.com/qingdan/qingdan/internal/output/static"
	"github.com/qingdan/qingdan/internal/routes"
	"github.com/qingdan/qingdan/internal/view"
)

// Site is every file of a site. Pages are found by their names through
// the route table and made when asked for; nothing lists them all unless
// every file is wanted (a build, the manifest).
type Site struct {
	v      *view.View
	pages  *page.Bound
	listed []load.File

	// Peak, when set, is called as Write begins to make the files marked
	// Early, and what it returns once the last of those marked Peak is
	// written (not called when none is).
	Peak func() (done func())
	// Pictures, when set, is where the smaller copies of wide pictures are
	// kept between builds (in the site folder).
	Pictures *picture.Cache
	// Known, when set, is what earlier builds read of the site's files
	// copied as they are (their SHA-256), and notes what this one reads.
	Known *filecache.Record

	genOnce sync.Once
	gen     []output.File // the generated files that are not pages
	once    sync.Once
	named   map[string]output.File // the other files: generated, then static
	// copies are the names of the pictures' smaller copies among them, in
	// the order the picture producer gives (the order to make them in).
	copies []string
	// shadowed lists the site's static files (paths below static/) left
	// out because the site generates a file of the same name.
	shadowed []string
}

// New is the site of the view: its pages through the layouts, its open
// data, search index, feed and sitemap, and the static files whose names
// nothing generates (a static file never replaces a generated one).
func New(v *view.View, pages *page.Bound, listed []load.File) *Site {
	return &Site{v: v, pages: pages, listed: listed}
}

// generated lists, once, the files made that are not pages: open data,
// search index, feed, sitemap.
func (s *Site) generated() []output.File {
	s.genOnce.Do(func() {
		s.gen = slices.Concat(opendata.Files(s.v), search.Files(s.v), feed.Files(s.v), sitemap.Files(s.v))
	})
	return s.gen
}

// others lists, once, the files that are not pages.
func (s *Site) others() map[string]output.File {
	s.once.Do(func() {
		made := s.generated()
		pics := slices.Concat(static.Images(s.v.Docs), picture.Files(s.v.Docs, s.Pictures, s.Known))
		// Made to its size: 50,000 articles have some 130,000 names here.
		s.named = make(map[string]output.File, len(made)+len(pics)+len(s.listed))
		for _, f := range made {
			s.named[f.Name] = f
		}
		for _, f := range pics {
			if _, gen := s.named[f.Name]; !gen && !s.isPage(f.Name) {
				s.named[f.Name] = f
				if f.Reuse {
					s.copies = append(s.copies, f.Name)
				}
			}
		}
		var kept []load.File
		theme := map[string]bool{}
		// A site without search has no use for the theme's search script.
		searchJS := routes.To(routes.Asset, "search.js").File()
		for _, f := range s.listed {
			if f.Theme && f.Name == searchJS && !s.v.Search {
				continue
			}
			_, gen := s.named[f.Name]
			if (gen && !theme[f.Name]) || s.isPage(f.Name) {
				if !f.Theme {
					s.shadowed = append(s.shadowed, f.Name)
				}
				continue
			}
			theme[f.Name] = f.Theme
			kept = append(kept, f)
		}
		for _, f := range static.Files(kept) { // a site's file replaces the theme's of the same name
			s.named[f.Name] = f
		}
	})
	return s.named
}

// isPage reports whether the view has a page written to name.
func (s *Site) isPage(name string) bool {
	_, ok := s.page(name)
	return ok
}

func (s *Site) page(name string) (*view.Page, bool) {
	r := routes.Match(name)
	if r.Kind == routes.File {
		return nil, false
	}
	return s.v.Page(r)
}

// File is the file of that name.
func (s *Site) File(name string) (output.File, bool) {
	if p, ok := s.page(name); ok {
		return page.File(s.pages, p), true
	}
	f, ok := s.others()[name]
	return f, ok
}

// Files lists every file of the site: the pages, then the others by name,
// then the pictures' copies in the order they are best made in.
func (s *Site) Files() []output.File {
	fs := page.Files(s.pages, s.v)
	others := s.others()
	fs = slices.Grow(fs, len(others))
	for _, n := range slices.Sorted(maps.Keys(others)) {
		if f := others[n]; !f.Reuse {
			fs = append(fs, f)
		}
	}
	for _, n := range s.copies {
		fs = append(fs, others[n])
	}
	return fs
}

// Shadowed lists the site's static files (paths below static/) left out
// because the site generates a file of the same name.
func (s *Site) Shadowed() []string {
	s.others()
	return s.shadowed
}

// Names lists every file, sorted.
func (s *Site) Names() []string {
	var names []string
	for _, f := range s.Files() {
		names = append(names, f.Name)
	}
	slices.Sort(names)
	return names
}

// Write writes every file into w, several at a time: writing many small
// files waits on the file system more than on the CPU. Each file is its
// own, so the order they finish in changes nothing.
func (s *Site) Write(w output.Writer) error {
	work := make(chan output.File)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	writers := max(4, 2*runtime.GOMAXPROCS(0))
	var a *ahead
	if p, ok := w.(putter); ok {
		a = newAhead(p, writers, errs)
	}
	for range writers {
		wg.Go(func() {
			var buf bytes.Buffer
			for f := range work {
				var err error
				if a.takes(f) {
					err = a.put(f)
				} else {
					err = write(w, f, &buf, s.Known)
				}
				if err != nil {
					report(errs, err)
				}
				if buf.Cap() > keepBuffer {
					buf = bytes.Buffer{}
				}
			}
		})
	}
	var err error
	send := func(files []output.File) bool {
		for _, f := range files {
			select {
			case err = <-errs:
				return false
			case work <- f:
			}
		}
		return true
	}
	// The files marked Early (the search index and its shards, the
	// workbook; all of them generated) are handed out while the list of
	// the rest is made: that is one core's work (at 50,000 articles 0.8 s:
	// 210,000 files named, sorted and ordered), done before, with the
	// other core idle, and now beside the index, which takes every core.
	var first []output.File
	for _, f := range s.generated() {
		if f.Early {
			first = append(first, f)
		}
	}
	slices.SortFunc(first, func(a, b output.File) int { return strings.Compare(a.Name, b.Name) }) // as Files and writeOrder have them
	rest, n := make(chan []output.File, 1), len(first)
	go func() { rest <- writeOrder(s.Files())[n:] }()
	first, finish := s.early(first)
	defer finish()
	if send(first) {
		send(<-rest)
	}
	close(work)
	wg.Wait()
	if a != nil {
		a.close()
	}
	if err == nil {
		select {
		case err = <-errs:
		default:
		}
	}
	return err
}

// early has the files marked Early, which come first, tell s.Peak when
// the last of them marked Peak is written; finish tells it if Write stops
// before.
func (s *Site) early(files []output.File) (out []output.File, finish func()) {
	n, peaks := 0, 0
	for n < len(files) && files[n].Early {
		if files[n].Peak {
			peaks++
		}
		n++
	}
	if s.Peak == nil || peaks == 0 {
		return files, func() {}
	}
	done := sync.OnceFunc(s.Peak())
	var left atomic.Int64
	left.Store(int64(peaks))
	out = slices.Clone(files)
	for i := range n {
		if !files[i].Peak {
			continue
		}
		was := files[i].Done
		out[i].Done = func() {
			if was != nil {
				was()
			}
			if left.Add(-1) == 0 {
				done()
			}
		}
	}
	return out, done
}

// keepBuffer is the largest buffer a writer keeps for its next file: one
// grown by a large file (a province's orgs.json, 64 MB) is let go, else
// every writer would hold the largest file it met to the end of the build.
const keepBuffer = 4 << 20

// write makes one file into w, then tells the file it is written (Done).
func write(w output.Writer, f output.File, buf *bytes.Buffer, known *filecache.Record) error {
	err := produce(w, f, buf, known)
	if err == nil && f.Done != nil {
		f.Done()
	}
	return err
}

// produce makes one file into w. A file of ordinary size is made in memory
// and handed over whole, so that a writer that can (publish) links it from
// the output it replaces when the bytes are the same; a large one streams.
// known is what earlier builds read of the site's files (nil: nothing).
func produce(w output.Writer, f output.File, buf *bytes.Buffer, known *filecache.Record) error {
	c, copies := w.(copier)
	copies = copies && f.From != "" && !f.Stream
	// A kept copy of a picture the record knows is copied unread, or
	// linked from the output replaced by its size and time, before Keep
	// reads the one there to check it; copyFile makes no such file.
	if copies && f.Reuse {
		if done, err := copyFile(c, f, buf, known); done {
			return err
		}
	}
	if k, ok := w.(keeper); ok && f.Reuse && k.Keep(f.Name) {
		return nil
	}
	if copies && !f.Reuse {
		if done, err := copyFile(c, f, buf, known); done {
			return err
		}
	}
	if p, ok := w.(putter); ok && !f.Stream {
		buf.Reset()
		if err := f.Write(buf); err != nil {
			return err
		}
		return p.Put(f.Name, buf.Bytes())
	}
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

// copyFile makes f, a copy of a file on disk, into c, and reports whether
// it did (or failed: err). In a rebuild the copy is kept from the output
// being replaced when the file has the same size and time as then, else
// stored with its time for the next build. A file known makes the kernel
// copy it, unread here. What it reads, it notes in known. Every copy but
// a picture's kept smaller copy (see below) is stored with its source's
// time, a build into an empty folder's too (the stamps cost articles
// 10000 some 0.05 s of CPU; without them its first rebuild copied the
// 20,000 pictures again: 0.35 s on the memory disk, 840 MB written). With
// no record and nothing to replace (a writer of a test's), nothing is done
// here at all.
func copyFile(c copier, f output.File, buf *bytes.Buffer, known *filecache.Record) (bool, error) {
	replacing := c.Replacing()
	if !replacing && known == nil {
		return false, nil
	}
	src := f.FromInfo
	if src == nil {
		var ok bool
		if src, ok = fileio.Regular(f.From); !ok {
			return false, nil // f.Write says what is wrong
		}
	}
	sum, isKnown := known.Sum(f.From, src) // which also keeps what the record knows of it for the next build
	// The copy in the output being replaced has src's size and time; the
	// record also knows the change time, which cp -p and touch -r cannot
	// give back: a file it has seen otherwise is read again.
	if replacing && !known.Changed(f.From, src) && c.Copied(f.Name, src) {
		return true, nil
	}
	mod := src.ModTime()
	// A kept copy of a picture is named by its bytes, and its maker wrote
	// it unstamped: the output replaced holds it when its manifest gives
	// the sum the record knows, whatever its time (without this the first
	// rebuild after it was made copied it again). Such a copy is linked or
	// copied unstamped: its name, not its time, tells whether it changed.
	linkBy := mod
	if f.Reuse {
		linkBy = time.Time{}
	}
	if isKnown && c.CopyKnown(f.Name, f.From, src, sum, linkBy) {
		return true, nil
	}
	if f.Reuse {
		return false, nil // a kept copy not known as it is now: made, or read by its maker, as any other file
	}
	buf.Reset()
	if err := f.Write(buf); err != nil {
		return true, err
	}
	sum = sha256.Sum256(buf.Bytes())
	known.NoteSum(f.From, src, sum) // src was before the read: a change meanwhile is seen next time
	return true, c.PutCopy(f.Name, f.From, src, buf.Bytes(), sum, mod)
}

// copier keeps a copy of a file on disk, or stores it with its time
// (publish.Tx).
type copier interface {
	Replacing() bool
	Copied(name string, src os.FileInfo) bool
	CopyKnown(name, from string, src os.FileInfo, sum [32]byte, mod time.Time) bool
	PutCopy(name, from string, src os.FileInfo, data []byte, sum [32]byte, mod time.Time) error
}

// keeper keeps a file of the output it replaces (publish.Tx).
type keeper interface {
	Keep(name string) bool
}

// putter takes whole files (publish.Tx).
type putter interface {
	Put(name string, data []byte) error
}

// Sums makes every file and returns its SHA-256, for the manifest.
func (s *Site) Sums() (map[string][32]byte, error) {
	sums := map[string][32]byte{}
	for _, f := range s.Files() {
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
