package picture

import (
	"bytes"
	"crypto/sha256"
	"image"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/qingdan/qingdan/internal/content"
	"github.com/qingdan/qingdan/internal/filecache"
	"github.com/qingdan/qingdan/internal/fileio"
)

// CacheDir is where in a site's folder the copies made are kept between
// builds, under their names in the site: the folder Hugo keeps its
// processed images in. A build into an empty output folder (a clean clone
// on a build server, public/ deleted, another -o) takes a copy from there
// instead of decoding its photo again, about a second of CPU for a
// 4000-pixel one. It is safe to delete, and worth committing.
const CacheDir = "resources/_gen/images"

// Cache is the copies kept in a site's CacheDir. Keeping one is best
// effort: a site folder that cannot be written to (a read-only checkout)
// only makes every build make its copies.
type Cache struct {
	dir  string // "" when the site's CacheDir is not a plain folder of its own
	site string // the site folder

	ignore bool // get finds nothing (Ignore)

	mu     sync.Mutex
	listed map[string]bool // the copies this build's pages name
}

// Ignore makes the cache take no copy from the site's CacheDir: every
// copy is made again (and kept there afresh).
func (c *Cache) Ignore() { c.ignore = true }

// NewCache is the cache in the site folder src. A cache reached through a
// symbolic link is not used: nothing outside the site folder is read or
// written.
func NewCache(src string) *Cache {
	c := &Cache{site: filepath.Clean(src), listed: map[string]bool{}}
	if dir := filepath.Join(c.site, filepath.FromSlash(CacheDir)); fileio.PlainFolders(c.site, dir) {
		c.dir = dir
	}
	return c
}

// path is where the copy of that site-relative name is kept, or "".
func (c *Cache) path(name string) string {
	if c == nil || c.dir == "" || !filepath.IsLocal(filepath.FromSlash(name)) {
		return ""
	}
	return filepath.Join(c.dir, filepath.FromSlash(name))
}

// list notes a copy that this build names.
func (c *Cache) list(name string) {
	if c != nil {
		c.mu.Lock()
		c.listed[name] = true
		c.mu.Unlock()
	}
}

// get is the kept copy v, when there is one of v's size: anything else
// found under its name (a file put there by hand, a symbolic link) is made
// again. One taken is noted in known with its sum, so that the next build
// copies it unread (see kept).
func (c *Cache) get(v content.Variant, known *filecache.Record) ([]byte, bool) {
	p := c.path(v.To)
	if p == "" || c.ignore || !fileio.PlainFolders(c.dir, filepath.Dir(p)) {
		return nil, false
	}
	fi, ok := fileio.Regular(p)
	if !ok {
		return nil, false
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, false
	}
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(b)); err != nil || cfg.Width != v.W || cfg.Height != v.H {
		return nil, false
	}
	known.NoteSum(p, fi, sha256.Sum256(b)) // fi was before the read: a change meanwhile is seen next time
	return b, true
}

// kept is the file the copy of that name is kept in, when known (the
// record of the site's files) holds its sum, which only get notes: a
// build then copies the file as it copies a picture beside an article,
// unread when it has the size and times recorded (see render's copyFile),
// and reads it through get, made again when it has to be, otherwise.
func (c *Cache) kept(name string, known *filecache.Record) string {
	p := c.path(name)
	if p == "" || c.ignore || !known.HasSum(p) {
		return ""
	}
	return p
}

// put keeps a copy just made, atomically: a build that stops half way
// leaves no half a copy under a copy's name (and Prune removes the
// temporary file it may leave).
func (c *Cache) put(name string, b []byte) {
	if p := c.path(name); p != "" && fileio.PlainFolders(c.dir, filepath.Dir(p)) {
		fileio.WriteAtomic(p, b, 0o644) // best effort, as the whole cache
	}
}

// Prune removes the kept copies this build's pages do not name (of
// pictures changed or gone, or a temporary file a stopped build left),
// and the folders that leaves empty. A build calls it once its output is
// in place; serve never does (a preview shows drafts, a build may not).
func (c *Cache) Prune() {
	if c == nil || c.dir == "" {
		return
	}
	var dirs []string
	filepath.WalkDir(c.dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if e.IsDir() {
			dirs = append(dirs, p)
			return nil
		}
		rel, err := filepath.Rel(c.dir, p)
		c.mu.Lock()
		keep := err == nil && c.listed[filepath.ToSlash(rel)] && e.Type().IsRegular()
		c.mu.Unlock()
		if !keep {
			os.Remove(p)
		}
		return nil
	})
	for _, d := range slices.Backward(dirs) {
		os.Remove(d) // only an empty one goes
	}
	for d := filepath.Dir(c.dir); d != c.site; d = filepath.Dir(d) {
		os.Remove(d) // resources/_gen, then resources, when nothing else is in them
	}
}
