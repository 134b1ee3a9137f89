// Package publish writes a build's files to the output folder atomically: all
// into a temporary sibling folder, which then replaces the old output in two
// renames. A build that fails, or is interrupted, leaves the old output as it was.
package publish

import (
	"crypto/sha256"
	"fmt"
	"hash"
	"hash/maphash"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/qingdan/qingdan/internal/fileio"
)

// Tx is an output folder being written.
// Its Write and Create are safe for concurrent use.
type Tx struct {
	out, tmp string
	done     bool
	pend     *Pending // where tmp is listed for Interrupted

	mu     sync.Mutex
	files  []string        // each file's name as local noted it, in that order
	sums   []fileSum       // by file, as files: its SHA-256, for the manifest
	sorted []string        // files sorted, each once, made by Commit
	dirs   map[string]bool // folders already made

	prev     map[string][32]byte // the output's files as its manifest lists them
	prevTime time.Time           // when that manifest was written

	// in are the folders' locks, each held while a file or folder is made
	// in a folder, by the folder's name's hash (see folder).
	in   [folderLocks]sync.Mutex
	seed maphash.Seed

	// noClone is set once a copy could not share its source's blocks
	// (see PutCopy): the output's file system cannot, and the rest are
	// written without trying. clone is fileio.CloneFile (a test's stand-in).
	noClone atomic.Bool
	clone   func(to, from string, perm os.FileMode, mod time.Time, made sync.Locker) (os.FileInfo, error)
}

// folderLocks is how many locks the folders share. A folder takes its
// lock while a file or folder is made in it: the file system holds the
// folder's own lock meanwhile, and a writer waiting for that lock spins on
// its core (on ext4 on this project's 2-core machines, 100,000 folders
// made in one folder by two writers took 3.1-3.6 s and 1.6-1.9 times the
// CPU of one writer's 2.4-3.2 s; a writer waiting here yields its core to
// a page being made).
const folderLocks = 256

// folder is the lock of the slash-separated folder dir.
func (t *Tx) folder(dir string) *sync.Mutex {
	return &t.in[maphash.String(t.seed, dir)%folderLocks]
}

// Marker is the file every output folder has at its root. A folder is only
// ever replaced when it is empty or has this file: one that does not was not
// written by qingdan (a mistyped -o naming the site's content, a home folder)
// and its files are the user's.
const Marker = "manifest.sha256"

// ForeignError is returned by Begin for an output folder that exists, is not
// empty and has no Marker.
type ForeignError struct{ Dir string }

func (e *ForeignError) Error() string {
	return fmt.Sprintf("%s exists and was not written by qingdan (it has no %s); it is left alone", e.Dir, Marker)
}

// Begin starts writing a new version of the folder out. Its temporary
// folder is listed in p for Interrupted (nil: in a list of its own).
func Begin(out string, p *Pending) (*Tx, error) {
	if p == nil {
		p = NewPending()
	}
	out = filepath.Clean(out)
	if fi, err := os.Stat(out); err == nil {
		if !fi.IsDir() {
			return nil, fmt.Errorf("%s exists and is not a folder", out)
		}
		if err := ours(out); err != nil {
			return nil, err
		}
	}
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	recoverKilled(out)
	tmp, err := p.makeTemp(parent, "."+filepath.Base(out)+".new-")
	if err != nil {
		return nil, err
	}
	// The folder names its writer, so that a later build tells a killed
	// build's leftovers from a running one's.
	err = os.Chmod(tmp, 0o755)
	if err == nil {
		err = os.WriteFile(filepath.Join(tmp, ownerFile), []byte(strconv.Itoa(os.Getpid())), 0o644)
	}
	if err != nil {
		os.RemoveAll(tmp)
		p.track(tmp, false)
		return nil, err
	}
	t := &Tx{out: out, tmp: tmp, pend: p, dirs: map[string]bool{".": true}, seed: maphash.MakeSeed(), clone: fileio.CloneFile}
	t.prev, t.prevTime = readManifest(filepath.Join(out, Marker))
	return t, nil
}

// ours returns a *ForeignError unless the folder dir is empty or has Marker.
func ours(dir string) error {
	if _, err := os.Stat(filepath.Join(dir, Marker)); err == nil {
		return nil
	}
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if names, _ := f.Readdirnames(1); len(names) > 0 {
		return &ForeignError{Dir: dir}
	}
	return nil
}

// Files lists the slash-separated paths written so far, sorted.
func (t *Tx) Files() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.sorted != nil {
		return slices.Clone(t.sorted)
	}
	names, _ := t.summed()
	return names
}

// local is the file name's path in the folder being written, its folder
// made; dir is that folder's slash-separated name, and at its number
// among the files noted, which sum takes.
func (t *Tx) local(name string) (p, dir string, at int, err error) {
	clean := path.Clean("/" + name)[1:]
	if clean == "" || clean != name || strings.Contains(name, "\\") {
		return "", "", 0, fmt.Errorf("invalid output path %q", name)
	}
	p = filepath.Join(t.tmp, filepath.FromSlash(clean))
	dir = path.Dir(clean)
	// The folders missing, deepest first: most often none, or the one
	// folder of a page.
	var buf [2]string
	missing := buf[:0]
	t.mu.Lock()
	for d := dir; d != "." && !t.dirs[d]; d = path.Dir(d) {
		missing = append(missing, d)
	}
	at = len(t.files)
	t.files = append(t.files, clean)
	t.sums = append(t.sums, fileSum{})
	t.mu.Unlock()
	if err := t.mkdirs(missing); err != nil {
		return "", "", 0, err
	}
	return p, dir, at, nil
}

// mkdirs makes the folders missing, deepest first, in the folder being
// written but never that folder itself: once Interrupted has removed it,
// a writer still running fails instead of making it again. Each folder
// made is noted, the folders between too (a paged list's tags/x/page/2 is
// below tags/x/page, where no file is): only those not yet noted are
// made (MkdirAll would first look at the folder and its parent: three
// calls for each page's folder). Making a folder twice from two
// goroutines is harmless.
func (t *Tx) mkdirs(missing []string) error {
	for i := len(missing) - 1; i >= 0; i-- {
		d := missing[i]
		lk := t.folder(path.Dir(d))
		lk.Lock()
		err := os.Mkdir(filepath.Join(t.tmp, filepath.FromSlash(d)), 0o755)
		lk.Unlock()
		if err != nil && !os.IsExist(err) {
			return err
		}
		t.mu.Lock()
		t.dirs[d] = true
		t.mu.Unlock()
	}
	return nil
}

// Write stores a whole file at the slash-separated path name.
func (t *Tx) Write(name string, data []byte) error {
	p, dir, at, err := t.local(name)
	if err != nil {
		return err
	}
	t.sum(at, sha256.Sum256(data))
	return fileio.WriteFile(p, data, 0o644, t.folder(dir))
}

// Put stores a whole file like Write; when the output being replaced holds
// the very same bytes under that name (by its manifest, and untouched since
// it was written), the file is linked from there instead of written again:
// a rebuild that changes little writes little.
func (t *Tx) Put(name string, data []byte) error {
	return t.put(name, data, sha256.Sum256(data), time.Time{}, nil)
}

// put is Put of data whose SHA-256 is sum, and PutCopy when mod is not
// zero: the file is given that time, and the old one is linked only when
// it has it already. clone, when not nil, is tried before data is written
// (see PutCopy).
func (t *Tx) put(name string, data []byte, sum [32]byte, mod time.Time, clone func(p, dir string) bool) error {
	p, dir, at, err := t.local(name)
	if err != nil {
		return err
	}
	t.sum(at, sum)
	if t.same(name, p, dir, sum, int64(len(data)), mod) {
		return nil
	}
	// The file is given the time (best effort) by what makes it: without
	// it the next build reads the file.
	if clone == nil || !clone(p, dir) {
		return fileio.WriteFileAt(p, data, 0o644, mod, t.folder(dir))
	}
	return nil
}

// link links the file from to p, in the folder dir.
func (t *Tx) link(from, p, dir string) error {
	lk := t.folder(dir)
	lk.Lock()
	defer lk.Unlock()
	return os.Link(from, p)
}

// previous is the file name in the output being replaced, what Lstat says
// of it and the sum its manifest gives, when the manifest lists it and it
// is a regular file untouched since the manifest was written.
func (t *Tx) previous(name string) (from string, fi os.FileInfo, sum [32]byte, ok bool) {
	sum, ok = t.prev[name]
	if !ok {
		return "", nil, sum, false
	}
	from = filepath.Join(t.out, filepath.FromSlash(name))
	fi, err := os.Lstat(from)
	if err != nil || !fi.Mode().IsRegular() || fi.ModTime().After(t.prevTime) {
		return "", nil, sum, false
	}
	return from, fi, sum, true
}

// Keep links the file name from the output being replaced, as it is, and
// reports whether it could: the old output's manifest must list the name,
// and the file there must still have the bytes the manifest gives (read
// and summed, which costs little next to making a file that may be kept:
// a picture's smaller copy, named by the picture's bytes).
func (t *Tx) Keep(name string) bool {
	from, _, old, ok := t.previous(name)
	if !ok {
		return false
	}
	b, err := os.ReadFile(from)
	if err != nil || sha256.Sum256(b) != old {
		return false
	}
	p, dir, at, err := t.local(name)
	if err != nil {
		return false
	}
	if t.link(from, p, dir) != nil && fileio.WriteFile(p, b, 0o644, t.folder(dir)) != nil {
		return false
	}
	t.sum(at, old)
	return true
}

// Create opens the file name for streaming writes; the caller closes it.
func (t *Tx) Create(name string) (io.WriteCloser, error) {
	p, dir, at, err := t.local(name)
	if err != nil {
		return nil, err
	}
	lk := t.folder(dir)
	lk.Lock()
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	lk.Unlock()
	if err != nil {
		return nil, err
	}
	return &hashFile{f: f, h: sha256.New(), at: at, t: t}, nil
}

// hashFile sums a file as it is written.
type hashFile struct {
	f  *os.File
	h  hash.Hash
	at int // the file's number (see local)
	t  *Tx
}

func (f *hashFile) Write(p []byte) (int, error) {
	f.h.Write(p)
	return f.f.Write(p)
}

func (f *hashFile) Close() error {
	var s [32]byte
	f.h.Sum(s[:0])
	f.t.sum(f.at, s)
	return f.f.Close()
}

// Commit writes the manifest of what was written, then replaces the
// output folder with it.
func (t *Tx) Commit() error {
	if t.done {
		return fmt.Errorf("publish: transaction already finished")
	}
	if t.pend.halted() {
		return fmt.Errorf("publish: interrupted")
	}
	// The files' names are sorted once, for the manifest and for Files (a
	// province's 1.2 million took 0.3-0.5 s each time, on one core at the
	// end of the build).
	t.mu.Lock()
	names, sums := t.summed()
	t.mu.Unlock()
	b := make([]byte, 0, len(names)*100)
	for i, n := range names {
		if sums[i].known && n != Marker {
			b = appendSum(b, sums[i].sum, n)
		}
	}
	if err := t.Write(Marker, b); err != nil {
		return err
	}
	if i, found := slices.BinarySearch(names, Marker); !found {
		names = slices.Insert(names, i, Marker)
	}
	t.mu.Lock()
	t.sorted = names
	t.mu.Unlock()
	if err := os.Remove(filepath.Join(t.tmp, ownerFile)); err != nil {
		return err
	}
	t.done = true
	old, err := t.swap()
	if old != "" {
		defer t.pend.track(old, false)
		return removeTree(old)
	}
	return err
}

// removeTree removes dir and all it holds, many folders at a time: the
// output being replaced can hold tens of thousands of files, and a file
// system takes its time over each removal (on this project's test machine
// one by one took several times longer than eight at once).
func removeTree(dir string) error {
	work := make(chan string)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for p := range work {
				os.RemoveAll(p)
			}
		})
	}
	top, _ := os.ReadDir(dir)
	for _, e := range top {
		p := filepath.Join(dir, e.Name())
		if e.IsDir() {
			sub, _ := os.ReadDir(p)
			for _, s := range sub {
				work <- filepath.Join(p, s.Name())
			}
		}
	}
	close(work)
	wg.Wait()
	return os.RemoveAll(dir)
}

// swap renames the output folder out of the way and the new one into its
// place, and returns the old one's new name ("" if there was none).
func (t *Tx) swap() (old string, err error) {
	p := t.pend
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped {
		return "", fmt.Errorf("publish: interrupted")
	}
	delete(p.dirs, t.tmp)
	defer func() {
		if err != nil {
			os.RemoveAll(t.tmp)
		}
	}()
	if _, err := os.Stat(t.out); err == nil {
		// One atomic exchange where the system has it: the output folder is
		// never missing, however the process is killed.
		if exchange(t.tmp, t.out) == nil {
			old = t.tmp
			p.dirs[old] = true
			return old, nil
		}
		o, err := os.MkdirTemp(filepath.Dir(t.out), "."+filepath.Base(t.out)+".old-")
		if err != nil {
			return "", err
		}
		os.Remove(o) // only the unique name is wanted
		if err := os.Rename(t.out, o); err != nil {
			return "", err
		}
		old = o
	}
	if err := os.Rename(t.tmp, t.out); err != nil {
		if old != "" {
			os.Rename(old, t.out)
		}
		return "", err
	}
	if old != "" {
		p.dirs[old] = true // to be removed, by Commit or Interrupted
	}
	return old, nil
}

// Abort throws away what was written; the output folder is untouched.
func (t *Tx) Abort() {
	if !t.done {
		t.done = true
		os.RemoveAll(t.tmp)
		t.pend.track(t.tmp, false)
	}
}
