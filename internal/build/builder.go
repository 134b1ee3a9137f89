package build

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/qingdan/qingdan/internal/content"
	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/filecache"
	"github.com/qingdan/qingdan/internal/fileio"
	"github.com/qingdan/qingdan/internal/load"
	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/output/page"
	"github.com/qingdan/qingdan/internal/sheet"
)

// Builder checks a site again and again (qingdan serve) with the semantics
// of a full check and the cost of what changed: the data files are loaded
// again only when one of them changed, each Markdown file is parsed again
// only when it changed, and the layouts are parsed again only when one of
// them changed. Each cache is keyed by the content of what it was made
// from, never by a guess of what an edit touches. A Builder is safe for one
// check at a time.
//
// Told which files changed since the last check (Changed, from file
// events), it looks only at those: a data file, a layout or a static file
// that did not change is not read or listed again.
type Builder struct {
	changed   map[string]bool // slash paths below the site; nil: unknown
	docs      *content.Cache
	known     *filecache.Record // what the last build recorded of the site's files, and what checks learnt since
	recKey    string            // the data files but progress, as records was read from
	records   *load.Records     // the orgs, tasks and projects, kept for the next reading
	progress  string            // the one progress file records' key was made beside (slash path below the site), or ""
	readings  int               // how many times only the progress file was read again
	dataKey   string
	dataTypes string // the org types and limits the data was loaded with
	data      *load.Data
	dataL     *diag.List
	siteKey   string
	site      *model.Site
	keys      model.Keys // the names' sort keys, for the next model
	layKey    string
	lay       *page.Set
	layL      *diag.List
	layLang   string
	statKey   string // the theme the static listing was made for
	stat      []load.File
	statL     *diag.List
	winKey    [32]byte // the names the last check of names found clean
	winClean  names    // what that check was given, to know it again without the hash
	longClean names    // what the last check of long names found clean
	resolved  names    // what the last check of references found clean
	checked   [3]int   // how many times the names were checked (Windows names, long names), how many documents' references (for tests)
}

// names is what a check of names was given: the documents (the names
// they give: see sameNames), and for the Windows names the model, the
// static files and the theme; for long names the columns.
type names struct {
	ok      bool
	docs    [3][]*content.Doc
	site    *model.Site
	static  []load.File
	theme   string
	columns []string
}

func namesOf(docs *content.Set, site *model.Site, static []load.File, theme string, columns []string) names {
	return names{ok: true, docs: [3][]*content.Doc{slices.Clone(docs.Cases), slices.Clone(docs.Sites), slices.Clone(docs.Pages)},
		site: site, static: static, theme: theme, columns: slices.Clone(columns)}
}

// same reports whether n was given what m was: the very model and static
// listing (the builder keeps them while nothing they come from changed),
// and documents that are the same or give the same names, in the same
// order. One pass over the documents, comparing pointers but for the few
// parsed again: a save in serve changes a document's text far more often
// than a name it gives.
func (n names) same(m names) bool {
	if !n.sameSources(m) || n.theme != m.theme || !slices.Equal(n.columns, m.columns) {
		return false
	}
	for i := range n.docs {
		if len(n.docs[i]) != len(m.docs[i]) {
			return false
		}
		for j, d := range n.docs[i] {
			if e := m.docs[i][j]; d != e && !sameNames(d, e) {
				return false
			}
		}
	}
	return true
}

// sameSources reports whether both were given (ok), with the very model
// and static listing.
func (n names) sameSources(m names) bool {
	return n.ok && m.ok && n.site == m.site &&
		len(n.static) == len(m.static) && (len(n.static) == 0 || &n.static[0] == &m.static[0])
}

// changedSince is the documents of n that m did not have, when the others
// are m's, with the same model, static listing and case slugs: the ones
// whose references must be checked again when those of m's were found
// good. ok is false when everything must be.
func (n names) changedSince(m names) (changed *content.Set, ok bool) {
	if !n.sameSources(m) {
		return nil, false
	}
	var lists [3][]*content.Doc
	for i := range n.docs {
		if len(n.docs[i]) != len(m.docs[i]) {
			return nil, false
		}
		for j, d := range n.docs[i] {
			if e := m.docs[i][j]; d != e {
				if d.Kind != e.Kind || d.Slug != e.Slug {
					return nil, false // a reference to a case may now find it, or not
				}
				lists[i] = append(lists[i], d)
			}
		}
	}
	return &content.Set{Cases: lists[0], Sites: lists[1], Pages: lists[2]}, true
}

// resolve checks the documents' references: only those of the documents
// parsed again since the last check found all good, when nothing they
// refer to can have changed.
func (b *Builder) resolve(docs *content.Set, site *model.Site, static []load.File, src string, l *diag.List) {
	if b == nil {
		resolve(docs, site, src, l)
		return
	}
	given := namesOf(docs, site, static, "", nil)
	check := docs
	if changed, ok := given.changedSince(b.resolved); ok {
		check = changed
	}
	n := l.Len()
	resolveSome(docs, check, site, src, l)
	b.checked[2] += len(check.Cases) + len(check.Sites) + len(check.Pages)
	b.resolved = names{}
	if l.Len() == n {
		b.resolved = given
	}
}

// sameNames reports whether two parses of a document give the same of
// what the checks of names read (but the lines their messages name: a
// check is skipped only when it found nothing).
func sameNames(a, b *content.Doc) bool {
	return a.Kind == b.Kind && a.File == b.File && a.Slug == b.Slug && a.Column == b.Column &&
		a.Route() == b.Route() && slices.Equal(a.Tags, b.Tags) &&
		slices.EqualFunc(a.Assets, b.Assets, func(x, y content.Asset) bool { return x.From == y.From && x.To == y.To })
}

// Changed tells the builder which files changed since its last check:
// paths inside the site folder src (absolute, or relative to src), as file
// events report them. Without it (or with unknown set) the next check looks
// at every file. It holds for the next check only.
func (b *Builder) Changed(src string, paths []string, unknown bool) {
	if unknown {
		b.changed = nil
		return
	}
	b.changed = map[string]bool{}
	abs, _ := filepath.Abs(src)
	for _, p := range paths {
		if filepath.IsAbs(p) {
			if r, err := filepath.Rel(abs, p); err == nil {
				p = r
			}
		}
		b.changed[filepath.ToSlash(filepath.Clean(p))] = true
	}
}

// dirty reports whether a file below one of the folders (slash paths
// relative to the site) may have changed since the last check.
func (b *Builder) dirty(dirs ...string) bool {
	if b == nil || b.changed == nil {
		return true
	}
	for p := range b.changed {
		for _, d := range dirs {
			if p == d || strings.HasPrefix(p, d+"/") {
				return true
			}
		}
	}
	return false
}

// onlyProgress reports whether file events say that of the data files
// only the progress file the records were read beside changed, and it is
// still there.
func (b *Builder) onlyProgress(src string) bool {
	if b.changed == nil || b.progress == "" || !b.dirty("data") {
		return false
	}
	for p := range b.changed {
		if (p == "data" || strings.HasPrefix(p, "data/")) && p != b.progress {
			return false
		}
	}
	_, ok := fileio.Regular(filepath.Join(src, filepath.FromSlash(b.progress)))
	return ok
}

// static lists the files published as they are, or keeps the last list
// when no static file or theme file changed.
func (b *Builder) static(src string, theme fs.FS, name string, l *diag.List) ([]load.File, error) {
	if b == nil {
		return load.Static(theme, src, l)
	}
	if b.stat != nil && b.statKey == name && !b.dirty("static", "themes") {
		l.Merge(b.statL)
		return b.stat, nil
	}
	sl := &diag.List{}
	files, err := load.Static(theme, src, sl)
	if err == nil {
		b.stat, b.statKey, b.statL = files, name, sl
	}
	l.Merge(sl)
	return files, err
}

// NewBuilder makes a builder with empty caches.
func NewBuilder() *Builder { return &Builder{docs: content.NewCache()} }

// winNames checks the names a Windows copy of the site could not hold,
// unless they are the very names the last check found clean: a save in
// serve changes text far more often than a name, and at 10,000 articles
// with their pictures the check took a third of a rebuild.
func (b *Builder) winNames(src, theme string, site *model.Site, docs *content.Set, static []load.File, l *diag.List) {
	if b == nil {
		winNames(src, theme, site, docs, static, l)
		return
	}
	given := namesOf(docs, site, static, theme, nil)
	if given.same(b.winClean) {
		return
	}
	key := winKey(site, docs, static)
	if key == b.winKey {
		b.winClean = given
		return
	}
	n := l.Len()
	winNames(src, theme, site, docs, static, l)
	b.checked[0]++
	b.winKey, b.winClean = [32]byte{}, names{}
	if l.Len() == n {
		b.winKey, b.winClean = key, given
	}
}

// longNames checks the tags' and columns' folder names, unless the
// documents name the very tags and columns the last check found clean.
func (b *Builder) longNames(docs *content.Set, columns []string, l *diag.List) {
	if b == nil {
		longNames(docs, columns, l)
		return
	}
	given := namesOf(docs, nil, nil, "", columns)
	if given.same(b.longClean) {
		return
	}
	n := l.Len()
	longNames(docs, columns, l)
	b.checked[1]++
	b.longClean = names{}
	if l.Len() == n {
		b.longClean = given
	}
}

// loadData loads the data files, or returns the last load when no data file
// changed (its problems reported again). When only the progress file
// changed, only the readings are read again, onto the records kept.
func (b *Builder) loadData(src string, types []model.OrgType, lim sheet.Limits, l *diag.List) *load.Data {
	if b == nil {
		return load.Dir(src, types, lim, l)
	}
	rec, prog := sha256.New(), sha256.New()
	fmt.Fprintf(rec, "%v %v\n", types, lim)
	settings := fmt.Sprint(types, lim)
	if b.data != nil && !b.dirty("data") && b.dataTypes == settings {
		l.Merge(b.dataL)
		return b.data
	}
	if b.records != nil && b.dataTypes == settings && b.onlyProgress(src) {
		// Told that of the data files only the progress file changed, the
		// others are not summed again: their records are kept, and only the
		// readings are read.
		b.readings++
		dl := &diag.List{}
		b.data = b.records.Load(lim, dl)
		b.dataL, b.dataKey = dl, fmt.Sprintf("%s readings %d", b.recKey, b.readings)
		l.Merge(dl)
		return b.data
	}
	b.dataTypes = settings
	var progress []string
	fingerprint(filepath.Join(src, "data"), func(p string) hash.Hash {
		if base := filepath.Base(p); strings.TrimSuffix(base, filepath.Ext(base)) == "progress" {
			// Which progress file there is, is the records' to find.
			fmt.Fprintf(rec, "%s\n", p)
			if r, err := filepath.Rel(src, p); err == nil {
				progress = append(progress, filepath.ToSlash(r))
			}
			return prog
		}
		return rec
	})
	b.progress = ""
	if len(progress) == 1 {
		b.progress = progress[0]
	}
	recKey := hex.EncodeToString(rec.Sum(nil))
	key := recKey + hex.EncodeToString(prog.Sum(nil))
	if recKey != b.recKey || b.records == nil {
		b.records, b.recKey = load.ReadRecords(src, types, lim), recKey
	}
	if key != b.dataKey || b.data == nil {
		dl := &diag.List{}
		b.data = b.records.Load(lim, dl)
		b.dataL, b.dataKey = dl, key
	}
	l.Merge(b.dataL)
	return b.data
}

// model derives the site, or returns the last one when its inputs are the
// same records with the same settings: New is a pure function of them.
func (b *Builder) model(in model.Input) *model.Site {
	if b == nil {
		return model.New(in)
	}
	key := fmt.Sprintf("%s %v %v %v", b.dataKey, in.AsOf, in.WarnGap, in.Types)
	if key != b.siteKey || b.site == nil {
		in.Keys = &b.keys
		b.site, b.siteKey = model.New(in), key
	}
	return b.site
}

// layouts parses the layouts, the site's over the theme's, and reports a
// broken one at its line; the result is kept until a layout changes.
func (b *Builder) layouts(src string, theme fs.FS, name, lang string, l *diag.List) *page.Set {
	key := ""
	if b != nil && b.lay != nil && b.layL != nil && !b.dirty("layouts", "themes") && b.layLang == name+" "+lang {
		l.Merge(b.layL)
		return b.lay
	}
	if b != nil {
		b.layLang = name + " " + lang
		h := sha256.New()
		fmt.Fprintf(h, "%s\n", lang)
		fingerprint(filepath.Join(src, "layouts"), func(string) hash.Hash { return h })
		fingerprintFS(h, theme, "layouts")
		key = hex.EncodeToString(h.Sum(nil))
		if key == b.layKey && b.layL != nil {
			l.Merge(b.layL)
			return b.lay
		}
	}
	ll := &diag.List{}
	var site fs.FS
	if dir := filepath.Join(src, "layouts"); isDir(dir) {
		site = os.DirFS(dir)
	}
	set, err := page.Load(theme, site, lang)
	if err != nil {
		layoutError(ll, err)
	}
	if b != nil {
		b.layKey, b.lay, b.layL = key, set, ll
	}
	l.Merge(ll)
	return set
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// fingerprint sums the files under dir: each one's name, size, time and
// bytes into pick(its path).
func fingerprint(dir string, pick func(string) hash.Hash) {
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return nil
		}
		fi, err := e.Info()
		if err != nil {
			return nil
		}
		h := pick(p)
		fmt.Fprintf(h, "%s %d %d\n", p, fi.Size(), fi.ModTime().UnixNano())
		if b, err := os.ReadFile(p); err == nil {
			h.Write(b)
		}
		return nil
	})
}

// fingerprintFS sums the bytes of the files under dir in fsys.
func fingerprintFS(h hash.Hash, fsys fs.FS, dir string) {
	fs.WalkDir(fsys, dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return nil
		}
		if b, err := fs.ReadFile(fsys, p); err == nil {
			fmt.Fprintf(h, "%s %d\n", p, len(b))
			h.Write(b)
		}
		return nil
	})
}

// layoutError reports an error in the layouts: at its file and line when
// it has them.
func layoutError(l *diag.List, err error) {
	var le *page.Error
	if errors.As(err, &le) {
		l.Error(le.Pos, "layout.error", le.Msg)
	} else {
		l.Error(diag.Pos{File: "layouts"}, "layout.error", err.Error())
	}
}
