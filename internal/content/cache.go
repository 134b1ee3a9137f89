package content

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/fileio"
)

// Cache keeps parsed documents between builds (qingdan serve): a file whose
// bytes, and the site's other files, are unchanged is not parsed again, and
// the problems it had are reported again as they were.
//
// Told which files changed (Changed, from file events), the next load
// looks only at those: the others are taken as they were, without a stat.
type Cache struct {
	mu    sync.Mutex
	files map[string]cached

	changed map[string]bool // slash paths below the site; nil: unknown, look at every file
	around  [32]byte        // the last load's sum of the other files
	loaded  bool            // around holds a load's sum
	opts    Options         // the options of the last load
	bundles map[string]bool // the folders that held index.md at the last load
	pics    *pictures       // the picture files read, by path, size and time

	listing []listed        // the documents the last load found, in its order
	listL   *diag.List      // the problems finding them (links)
	listed  map[string]bool // their slash paths below the site
}

// listed is a document file a load found: its kind, its path, and its
// slash path below the site as messages show it.
type listed struct{ kind, path, shown string }

// newListed is the document name (a.md, or x/index.md for a bundle) in the
// folder dir of its kind.
func newListed(kind, dir, name string) listed {
	return listed{kind, filepath.Join(dir, filepath.FromSlash(name)), "content/" + kind + "/" + name}
}

// unchanged gives, in order, the documents of docs that the cache knows
// did not change (and their problems, merged into l), and the places in
// docs of the others, to be loaded. Without a cache, or not told what
// changed, every document is to be loaded.
func (c *Cache) unchanged(docs []listed, around [32]byte, l *diag.List) (got []*Doc, todo []int) {
	got = make([]*Doc, len(docs))
	if !c.trusted() {
		todo = make([]int, len(docs))
		for i := range todo {
			todo[i] = i
		}
		return got, todo
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, f := range docs {
		if e, ok := c.files[f.shown]; ok && !c.changed[f.shown] && e.around == around {
			l.Merge(e.diags)
			got[i] = e.doc
		} else {
			todo = append(todo, i)
		}
	}
	return got, todo
}

// keepListing keeps the documents a load found, and the problems finding
// them, for the next load.
func (c *Cache) keepListing(docs []listed, l *diag.List) {
	if c == nil {
		return
	}
	c.listing, c.listL = docs, l
	c.listed, c.bundles = map[string]bool{}, map[string]bool{}
	for _, f := range docs {
		c.listed[f.shown] = true
		if strings.HasSuffix(f.shown, "/index.md") {
			c.bundles[f.shown] = true
		}
	}
}

// sameListing reports whether the documents below src/content are those
// the last load found: every file that changed there is one of them, and
// still a regular file (a document added, removed or renamed, a folder
// made, changes the listing).
func (c *Cache) sameListing(src string) bool {
	if !c.trusted() || c.listed == nil {
		return false
	}
	for p := range c.changed {
		if !strings.HasPrefix(p, "content/") {
			continue
		}
		if !c.listed[p] || !isFile(filepath.Join(src, filepath.FromSlash(p))) {
			return false
		}
	}
	return true
}

// Changed tells the cache which files (slash paths below the site folder)
// changed since the last load; nil when that is not known.
func (c *Cache) Changed(paths map[string]bool) { c.changed = paths }

// trusted reports whether the cache knows which files changed.
func (c *Cache) trusted() bool { return c != nil && c.changed != nil && c.loaded }

// othersChanged reports whether a file that is not a document changed
// under content/ or static/ (an image a document shows), or is not known.
func (c *Cache) othersChanged() bool {
	if !c.trusted() {
		return true
	}
	for p := range c.changed {
		if (strings.HasPrefix(p, "content/") || strings.HasPrefix(p, "static/")) && !strings.HasSuffix(p, ".md") {
			return true
		}
	}
	return false
}

type cached struct {
	size   int64
	mtime  int64
	around [32]byte
	key    [32]byte
	doc    *Doc
	diags  *diag.List
}

// NewCache makes an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]cached{}, pics: newPictures(nil)} }

// isBundle reports whether the file p (shown as shown) exists, trusting
// the last load when the file did not change.
func (c *Cache) isBundle(p, shown string) (size int64, ok bool) {
	if c.trusted() && !c.changed[shown] && c.bundles != nil {
		return 0, c.bundles[shown]
	}
	fi, ok := fileio.Regular(p)
	if !ok {
		return 0, false
	}
	return fi.Size(), true
}

// get parses the file at p through the cache: unchanged size, time and
// surroundings reuse the last parse without reading; otherwise a file whose
// bytes hash the same still does. (A document the cache was told did not
// change never comes here: unchanged gives it.)
func (c *Cache) get(p, shown, kind string, around [32]byte, ps *Parser, l *diag.List) (*Doc, bool) {
	fi, err := os.Stat(p)
	if err != nil {
		l.Error(diag.Pos{File: shown}, "file.read", err)
		return nil, false
	}
	if ps.tooLarge(shown, fi.Size(), l) {
		return nil, false
	}
	c.mu.Lock()
	e, ok := c.files[shown]
	c.mu.Unlock()
	recent := time.Since(fi.ModTime()) < 2*time.Second // a second save within the clock's tick
	if !ok || recent || e.size != fi.Size() || e.mtime != fi.ModTime().UnixNano() || e.around != around {
		data, release, read := ps.read(p, shown, l)
		if !read {
			return nil, false
		}
		key := sha256.Sum256(data)
		if !ok || e.key != key || e.around != around {
			fl := &diag.List{}
			e = cached{key: key, doc: ps.Parse(kind, shown, data, fl), diags: fl}
		}
		release()
		e.size, e.mtime, e.around = fi.Size(), fi.ModTime().UnixNano(), around
		c.mu.Lock()
		c.files[shown] = e
		c.mu.Unlock()
	}
	l.Merge(e.diags)
	return e.doc, true
}
