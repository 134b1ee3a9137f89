package publish

import (
	"os"
	"time"
)

// Replacing reports whether the folder being written replaces an output
// with a manifest, which Copied can keep files from.
func (t *Tx) Replacing() bool { return len(t.prev) > 0 }

// Copied links the file name, a copy of a file on disk that Stat described
// as src, from the output being replaced, and reports whether it could:
// that output's manifest must list it, and its copy there must have src's
// size and modification time, which PutCopy gave it. The file is not read
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

// PutCopy stores a whole file like Put, a copy of a file on disk whose
// modification time was mod before it was read, and gives it that time
// (as cp -p and Hugo do), so that the next build can keep it unread
// (Copied); a file changed while it was read has a later time, and is
// copied again next time. It links the copy of the output being replaced
// only when that one already has the time: the output being replaced is
// never touched, even by a stamp, in case this build fails.
func (t *Tx) PutCopy(name string, data []byte, mod time.Time) error { return t.put(name, data, mod) }
