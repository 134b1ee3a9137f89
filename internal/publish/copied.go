package publish

import (
	"os"
	"path"
	"path/filepath"
	"time"
)

// Replacing reports whether the folder being written replaces an output
// with a manifest, which Copied can keep files from.
func (t *Tx) Replacing() bool { return len(t.prev) > 0 }

// Copied links the file name, a copy of a file on disk that Stat described
// as src, from the output being replaced, and reports whether it could:
// that output's manifest must list it, and its copy there must have src's
// size and modification time, which Stamp gave it. The file is not read
// (as rsync and make do, a file of the same size and time is taken to be
// the same): a rebuild of a site with gigabytes of photos reads none of
// them again.
func (t *Tx) Copied(name string, src os.FileInfo) bool {
	from, fi, sum, ok := t.previous(name)
	if !ok || fi.Size() != src.Size() || !fi.ModTime().Equal(src.ModTime()) {
		return false
	}
	p, dir, err := t.local(name)
	if err != nil || t.link(from, p, dir) != nil {
		return false
	}
	t.sum(name, sum)
	return true
}

// Stamp gives the file name, just written as a copy of a file on disk, the
// modification time that file had before it was read (as cp -p and Hugo
// do), so that the next build can keep it (Copied). A file changed while
// it was read has a later time, and is copied again.
func (t *Tx) Stamp(name string, mod time.Time) {
	clean := path.Clean("/" + name)[1:]
	if clean == name {
		os.Chtimes(filepath.Join(t.tmp, filepath.FromSlash(clean)), mod, mod)
	}
}
