// Package filecache remembers, between builds, what was learnt by reading
// the site's files that are published as they are (the pictures beside
// the articles, static/): each file's SHA-256 for manifest.sha256, and
// what the content stage read of a picture (its size in pixels, the sum
// its smaller copies are named by). A file is known by its size and its
// modification and change times, as git's index and rsync know one: a
// build into an empty output folder then copies a known picture without
// reading it (the kernel copies it, or shares its blocks where the file
// system can) and the content stage does not open it at all.
//
// The record is resources/_gen/files, beside the copies of wide pictures
// (Hugo's folder for what it makes from a site's files). It is safe to
// delete; a record that cannot be read, or was written by another version,
// is not used; one reached through a symbolic link is neither read nor
// written.
package filecache

import (
	"bytes"
	"encoding/hex"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/qingdan/qingdan/internal/fileio"
)

// File is where in a site's folder the record is kept.
const File = "resources/_gen/files"

// format names the record's format in its first line.
const format = "qingdan-files 1"

// settle is how long before a build began a file must have last changed
// for the build to record it: a file changed again within the same tick
// of the file system's clock as it was read would keep its times, so one
// changed just before or during a build is read again next time (git
// calls such entries racily clean).
const settle = 2 * time.Second

// Record is what is known of the site's files. A nil *Record knows
// nothing and notes nothing. Safe for concurrent use.
type Record struct {
	root    string // the site folder
	path    string // the record's file; "" when it is not to be read or written
	version string // what the content stage's notes mean (see Open)
	since   int64  // files changed since then (ns) are not recorded

	mu    sync.Mutex
	old   map[string]Entry // as read
	now   map[string]Entry // as this build found them
	dirty bool             // now differs from old
	fresh bool             // old was not read: the record is saved whatever now holds
}

// Entry is what is known of one file.
type Entry struct {
	Size, Mod, Change int64 // bytes, modification and change time (ns; Change 0 where there is none)

	Sum    [32]byte // its SHA-256, when HasSum
	HasSum bool
	Info   string // what the content stage read of it ("" when nothing)
}

// Open reads the record of the site in root. version names what the
// content stage's notes mean (their format, the recipe of the pictures'
// copies): a record written under another is not used.
func Open(root, version string) *Record {
	r := Fresh(root, version)
	r.fresh = false
	if r.path != "" {
		if b, err := os.ReadFile(r.path); err == nil {
			r.old = parse(b, r.header())
		}
	}
	return r
}

// Fresh is the record of the site in root as Open finds it, but knowing
// nothing: what is noted is saved in place of what was recorded.
func Fresh(root, version string) *Record {
	r := &Record{fresh: true, root: filepath.Clean(root), version: version, old: map[string]Entry{}, now: map[string]Entry{},
		since: time.Now().Add(-settle).UnixNano()}
	p := filepath.Join(r.root, filepath.FromSlash(File))
	if !fileio.PlainFolders(r.root, filepath.Dir(p)) {
		return r
	}
	if fi, err := os.Lstat(p); err == nil && !fi.Mode().IsRegular() {
		return r // what is not there yet is made a plain file
	}
	r.path = p
	return r
}

func (r *Record) header() string { return format + " " + strconv.Quote(r.version) }

// parse reads a record: nothing when its first line is not header; a line
// it cannot read is skipped.
func parse(b []byte, header string) map[string]Entry {
	m := map[string]Entry{}
	line, rest, _ := bytes.Cut(b, []byte("\n"))
	if string(line) != header {
		return m
	}
	for len(rest) > 0 {
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		if name, e, ok := parseLine(string(line)); ok {
			m[name] = e
		}
	}
	return m
}

// parseLine reads name, size, times, sum ("-": none) and info, tab-separated,
// the name and info quoted.
func parseLine(s string) (name string, e Entry, ok bool) {
	f := strings.Split(s, "\t")
	if len(f) != 6 {
		return "", e, false
	}
	var err error
	if name, err = strconv.Unquote(f[0]); err != nil || !filepath.IsLocal(filepath.FromSlash(name)) {
		return "", e, false
	}
	for i, p := range []*int64{&e.Size, &e.Mod, &e.Change} {
		if *p, err = strconv.ParseInt(f[1+i], 10, 64); err != nil {
			return "", e, false
		}
	}
	if f[4] != "-" {
		if len(f[4]) != 2*len(e.Sum) { // hex.Decode writes past a shorter destination
			return "", e, false
		}
		if _, err := hex.Decode(e.Sum[:], []byte(f[4])); err != nil {
			return "", e, false
		}
		e.HasSum = true
	}
	if e.Info, err = strconv.Unquote(f[5]); err != nil {
		return "", e, false
	}
	return name, e, true
}

// name is the file p's name in the site, slash-separated, or "" when it is
// not in the site folder.
func (r *Record) name(p string) string {
	if rel, ok := strings.CutPrefix(p, r.root); ok && rel != "" && os.IsPathSeparator(rel[0]) {
		return local(rel[1:]) // the paths a build has are joined to the site's: no need of Rel
	}
	rel, err := filepath.Rel(r.root, p)
	if err != nil {
		return ""
	}
	return local(rel)
}

// local is rel, slash-separated, when it is a clean path below the site;
// else "".
func local(rel string) string {
	if rel == "." || !filepath.IsLocal(rel) || filepath.Clean(rel) != rel {
		return ""
	}
	return filepath.ToSlash(rel)
}

// entry is fi as an entry, nothing known yet.
func entry(fi os.FileInfo) Entry {
	return Entry{Size: fi.Size(), Mod: fi.ModTime().UnixNano(), Change: fileio.ChangeTime(fi)}
}

// Same reports whether a and b, two looks at one file, found it unchanged:
// the same size, modification and change times.
func Same(a, b os.FileInfo) bool { return entry(a).same(entry(b)) }

func (e Entry) same(o Entry) bool { return e.Size == o.Size && e.Mod == o.Mod && e.Change == o.Change }

// Get is what is known of the file p, which Stat or Lstat described as fi,
// when it has not changed since.
func (r *Record) Get(p string, fi os.FileInfo) (Entry, bool) {
	if r == nil {
		return Entry{}, false
	}
	name, at := r.name(p), entry(fi)
	if name == "" {
		return Entry{}, false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if e, ok := r.now[name]; ok && e.same(at) {
		return e, true
	}
	if e, ok := r.old[name]; ok && e.same(at) {
		r.now[name] = e // still true: kept
		return e, true
	}
	return Entry{}, false
}

// Sum is the SHA-256 of the file p (fi), when known.
func (r *Record) Sum(p string, fi os.FileInfo) ([32]byte, bool) {
	e, ok := r.Get(p, fi)
	return e.Sum, ok && e.HasSum
}

// HasSum reports whether the record holds a SHA-256 of the file p, as it
// was or as this build found it, whatever it is now (Sum says whether
// that is the file's); a lookup without a look at the file.
func (r *Record) HasSum(p string) bool {
	now, old, inNow, inOld := r.entries(p)
	if inNow {
		return now.HasSum
	}
	return inOld && old.HasSum
}

// Changed reports whether the file p has changed since the record was
// written: it recorded a size, modification or change time other than
// fi's. A file it has no entry for is not known to have changed. A file
// put in another's place with that one's size and modification time (cp
// -p, touch -r) has changed by its change time, which no program sets.
// What this build noted does not count: the content stage notes a file
// it has just read.
func (r *Record) Changed(p string, fi os.FileInfo) bool {
	_, old, _, ok := r.entries(p)
	return ok && !old.same(entry(fi))
}

// entries is what the record holds of the file p: as this build found it
// and as it was read, each when there is one.
func (r *Record) entries(p string) (now, old Entry, inNow, inOld bool) {
	if r == nil {
		return
	}
	name := r.name(p)
	if name == "" {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	now, inNow = r.now[name]
	old, inOld = r.old[name]
	return
}

// Info is what the content stage noted of the file p (fi), when known.
func (r *Record) Info(p string, fi os.FileInfo) (string, bool) {
	e, ok := r.Get(p, fi)
	return e.Info, ok && e.Info != ""
}

// NoteSum notes the SHA-256 of the file p, which fi described before it was read.
func (r *Record) NoteSum(p string, fi os.FileInfo, sum [32]byte) {
	r.note(p, fi, func(e *Entry) { e.Sum, e.HasSum = sum, true })
}

// NoteInfo notes what the content stage read of the file p (fi as before it
// was read); info is one line.
func (r *Record) NoteInfo(p string, fi os.FileInfo, info string) {
	r.note(p, fi, func(e *Entry) { e.Info = info })
}

func (r *Record) note(p string, fi os.FileInfo, set func(*Entry)) {
	if r == nil {
		return
	}
	name, at := r.name(p), entry(fi)
	if name == "" || at.Mod >= r.since || at.Change >= r.since {
		return // changed lately: it may change again unseen
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	e, ok := r.now[name]
	if !ok || !e.same(at) {
		e = at
	}
	set(&e)
	r.now[name] = e
	r.dirty = true
}

// Save writes the record of the files this build looked up or noted, when
// that differs from the one read. A build calls it once its output is in
// place; it is best effort (a read-only site folder only makes every
// build read its files).
func (r *Record) Save() {
	if r == nil || r.path == "" {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.dirty && len(r.now) == len(r.old) && !r.fresh {
		return // every entry read was met again, unchanged, and nothing new
	}
	var b bytes.Buffer
	b.WriteString(r.header())
	b.WriteByte('\n')
	for _, name := range slices.Sorted(maps.Keys(r.now)) {
		e := r.now[name]
		sum := "-"
		if e.HasSum {
			sum = hex.EncodeToString(e.Sum[:])
		}
		b.WriteString(strconv.Quote(name))
		for _, v := range []int64{e.Size, e.Mod, e.Change} {
			b.WriteByte('\t')
			b.WriteString(strconv.FormatInt(v, 10))
		}
		b.WriteString("\t" + sum + "\t" + strconv.Quote(e.Info) + "\n")
	}
	if fileio.WriteAtomic(r.path, b.Bytes(), 0o644) == nil { // best effort: see above
		removeLeftovers(filepath.Dir(r.path))
	}
}

// removeLeftovers removes the temporary files in dir (resources/_gen) that
// an earlier Save stopped half way left (fileio.WriteAtomic's TempPrefix):
// nothing else would. Another build's Save at this very moment may lose its
// file to it, and keeps no record this time, which costs that build nothing.
func removeLeftovers(dir string) {
	es, _ := os.ReadDir(dir)
	for _, e := range es {
		if strings.HasPrefix(e.Name(), fileio.TempPrefix) && e.Type().IsRegular() {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
