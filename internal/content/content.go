// Package content reads a site's Markdown: case articles (content/cases),
// demonstration-site write-ups (content/sites) and free pages
// (content/pages). Front matter is YAML (---) or TOML (+++), split and
// parsed here with real parsers so every problem has its line; bodies go
// through one goldmark instance.
package content

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/microcosm-cc/bluemonday"
	fastutf8 "github.com/segmentio/asm/utf8"
	"github.com/yuin/goldmark"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/filecache"
	"github.com/qingdan/qingdan/internal/lint"
	"github.com/qingdan/qingdan/internal/routes"
	"github.com/qingdan/qingdan/internal/value"
)

// Kinds of document, by folder under content/.
const (
	Case = "cases"
	Site = "sites"
	Page = "pages"
)

// Figure is a key number shown in a highlight box.
type Figure struct {
	Label string
	Value float64
	Unit  string
}

// Review is one step of the three-step review (三审).
type Review struct {
	Step     string // 初审, 复审 or 终审
	Reviewer string
	Date     value.Date
}

// Doc is one Markdown document.
type Doc struct {
	Kind     string
	File     string // as shown to users, e.g. content/cases/x.md
	Slug     string
	Title    string
	Subtitle string
	Date     value.Date
	Column   string
	Authors  []string
	Orgs     []string
	Projects []string
	Tags     []string
	Cover    string
	Caption  string
	Summary  string
	Draft    bool
	Featured bool
	Figures  []Figure
	Reviews  []Review
	Org      string // a site write-up's org
	TOC      bool   // show a table of contents

	Refs   []Ref   // links to orgs, projects and cases
	Embeds []Embed // charts placed in the body
	Assets []Asset // images next to the document, copied next to its page
	// Pictures are the pictures it shows: its cover first, then its
	// body's in order.
	Pictures []Picture

	Body     Body
	Headings []Heading
	Text     string // the body as plain text
	Runes    int    // characters of text, for reading time
	lines    map[string]int

	summed           sync.Once
	metaSum, bodySum [32]byte
}

// Sums are a sum of what listings show of the document (everything but
// the body) and one of what only its own page shows: serve compares them
// between builds. Made when first asked for (a build never asks); a
// document does not change after parsing.
func (d *Doc) Sums() (meta, body [32]byte) {
	d.summed.Do(d.sums)
	return d.metaSum, d.bodySum
}

func (d *Doc) sums() {
	h := sha256.New()
	fmt.Fprintf(h, "%q %q %q %q %q %v %q %q %v %v %v %q %q %q %v %v %v %v %q %v %v",
		d.Kind, d.File, d.Slug, d.Title, d.Subtitle, d.Date, d.Column, d.Org, d.Authors, d.Orgs, d.Projects,
		d.Cover, d.Caption, d.Summary, d.Featured, d.Figures, d.Reviews, d.Assets, d.Route().Path(), d.Tags, d.Pictures)
	copy(d.metaSum[:], h.Sum(nil))
	h.Reset()
	h.Write(d.Body.HTML)
	fmt.Fprintf(h, "\x00%v %v %v %v %v", d.Body.Marks, d.Headings, d.Runes, d.TOC, d.Embeds)
	copy(d.bodySum[:], h.Sum(nil))
}

// Line is the line of front matter key in the document's file, or 0.
func (d *Doc) Line(key string) int { return d.lines[key] }

// Set is every document of a site.
type Set struct {
	Cases []*Doc // newest first, then by slug
	Sites []*Doc // by org id
	Pages []*Doc // by slug

	// Around sums the site's other files that documents may show (images
	// under content/ and static/); set by LoadCached with a cache.
	Around [32]byte
}

// DropDrafts removes drafts, as a build without --drafts publishes none.
func (s *Set) DropDrafts() {
	draft := func(d *Doc) bool { return d.Draft }
	s.Cases = slices.DeleteFunc(s.Cases, draft)
	s.Sites = slices.DeleteFunc(s.Sites, draft)
	s.Pages = slices.DeleteFunc(s.Pages, draft)
}

// Options are the site settings content depends on.
type Options struct {
	UnsafeHTML bool
	// MaxDocument bounds a document's file and MaxValue the text of one
	// front matter value, in bytes (0: DefaultMaxDocument, DefaultMaxValue).
	MaxDocument, MaxValue int64
	// Known is what earlier builds read of the site's pictures (nil:
	// nothing); a picture it knows unchanged is not opened.
	Known *filecache.Record
}

// Parser turns documents into HTML. One serves a whole build.
type Parser struct {
	md     goldmark.Markdown
	src    string
	o      Options
	policy *bluemonday.Policy // with raw HTML allowed, what bodies keep of it
	pics   *pictures          // each picture file read once
	bufs   sync.Pool          // *renderBuf: where documents are rendered
	srcs   sync.Pool          // *bytes.Buffer: where documents are read
}

// NewParser makes the parser of the site in src.
func NewParser(src string, o Options) *Parser {
	p := &Parser{md: newMarkdown(o.UnsafeHTML), src: src, o: o, pics: newPictures(o.Known)}
	if o.UnsafeHTML {
		p.policy = sanitizer()
	}
	return p
}

// Load reads every document under src/content.
func Load(src string, o Options, l *diag.List) *Set { return LoadCached(src, o, l, nil, nil) }

// LoadCached is Load with a cache (nil for none). sized, when not nil, is
// told how many bytes the documents hold once they are listed, before any
// is parsed, when they are listed afresh (a build; not a reload the cache
// was told which documents changed): the command makes room for their
// parse then (see cli.prefault).
func LoadCached(src string, o Options, l *diag.List, c *Cache, sized func(bytes int64)) *Set {
	ps := NewParser(src, o)
	if c != nil {
		if c.pics.known == nil {
			c.pics.known = o.Known // set once: the site folder is the same each load
		}
		ps.pics = c.pics // a picture that did not change is not read again
	}
	s := &Set{}
	// One pass over the folders finds the documents and, with a cache,
	// sums the other files (images) that a document's parse depends on.
	var docs []listed
	h := sha256.New()
	fmt.Fprintf(h, "%v %d %d\n", o.UnsafeHTML, o.maxDocument(), o.maxValue())
	// Told that no other file changed, the cache keeps the last sum.
	if c != nil && c.opts != o {
		c.changed = nil // other options (qingdan.toml changed): look at everything
	}
	sumOthers := c != nil && c.othersChanged()
	note := func(p string, e fs.DirEntry) {
		if !sumOthers {
			return
		}
		if fi, err := e.Info(); err == nil {
			fmt.Fprintf(h, "%s %d %d\n", p, fi.Size(), fi.ModTime().UnixNano())
		}
	}
	noteTree := func(root string) {
		if !sumOthers {
			return
		}
		filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() && !strings.HasSuffix(p, ".md") {
				note(p, e)
			}
			return nil
		})
	}
	// Told that only documents it listed changed (and are still there), the
	// cache keeps the last listing: its folders need not be read again.
	relist := sumOthers || !c.sameListing(src)
	listL := &diag.List{}
	var listedBytes int64
	for _, kind := range []string{Case, Site, Page} {
		if !relist {
			break
		}
		dir := filepath.Join(src, "content", kind)
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		bundle, sizes := bundles(entries, func(name string) (int64, bool) {
			return c.isBundle(filepath.Join(dir, name, "index.md"), "content/"+kind+"/"+name+"/index.md")
		})
		for _, n := range sizes {
			listedBytes += n
		}
		for i, e := range entries {
			name := e.Name()
			switch {
			case strings.HasPrefix(name, "."):
			case e.Type()&fs.ModeSymlink != 0:
				listL.Error(diag.Pos{File: "content/" + kind + "/" + name}, "file.link")
			case e.IsDir():
				noteTree(filepath.Join(dir, name))
				// A folder holding index.md is a bundle: the article and its images.
				if bundle[i] {
					docs = append(docs, newListed(kind, dir, name+"/index.md"))
				}
			case strings.HasSuffix(strings.ToLower(name), ".md"):
				docs = append(docs, newListed(kind, dir, name))
				if sized != nil {
					if fi, err := e.Info(); err == nil {
						listedBytes += fi.Size()
					}
				}
			default:
				note(filepath.Join(dir, name), e)
			}
		}
	}
	if relist {
		if sized != nil {
			sized(listedBytes)
		}
		c.keepListing(docs, listL)
	} else {
		docs, listL = c.listing, c.listL
	}
	l.Merge(listL)
	noteTree(filepath.Join(src, "static"))
	copy(s.Around[:], h.Sum(nil))
	if c != nil && !sumOthers {
		s.Around = c.around
	}
	one := func(f listed) *Doc {
		if c != nil {
			d, _ := c.get(f.path, f.shown, f.kind, s.Around, ps, l)
			return d
		}
		data, release, ok := ps.read(f.path, f.shown, l)
		if !ok {
			return nil
		}
		defer release()
		return ps.Parse(f.kind, f.shown, data, l)
	}
	// Several at a time: a cold build parses every document, and a rebuild
	// stats every one, which waits on the kernel more than on the CPU. The
	// results keep the order found; the problems are sorted when printed.
	// Told what changed, the cache gives the others at once.
	got, todo := c.unchanged(docs, s.Around, l)
	atOnce(len(todo), func(i int) { got[todo[i]] = one(docs[todo[i]]) })
	if c != nil {
		c.around, c.loaded, c.changed, c.opts = s.Around, true, nil, o
	}
	for i, f := range docs {
		d := got[i]
		if d == nil {
			continue
		}
		switch f.kind {
		case Case:
			s.Cases = append(s.Cases, d)
		case Site:
			s.Sites = append(s.Sites, d)
		case Page:
			s.Pages = append(s.Pages, d)
		}
	}
	s.sort()
	s.unique(l)
	return s
}

// bundles reports, for each entry that is a folder (not hidden; a link is
// not a folder here), whether it holds a document (as is says), asking for
// several folders at once: each answer is a stat, and 10,000 of them, one
// after another, kept a core busy and the other waiting at the start of a
// build. It gives the sizes of the documents found too (0 where is, told
// by a cache, did not stat).
func bundles(entries []fs.DirEntry, is func(name string) (int64, bool)) ([]bool, []int64) {
	out, sizes := make([]bool, len(entries)), make([]int64, len(entries))
	atOnce(len(entries), func(i int) {
		if e := entries[i]; e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			sizes[i], out[i] = is(e.Name())
		}
	})
	return out, sizes
}

// atOnce calls do with every i below n, several at a time (twice as many
// as there are cores: reading files waits on the kernel more than on the
// CPU), each i once.
func atOnce(n int, do func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(n, 2*runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				do(i)
			}
		})
	}
	wg.Wait()
}

func (s *Set) sort() {
	slices.SortFunc(s.Cases, func(a, b *Doc) int {
		if a.Date != b.Date {
			return int(b.Date) - int(a.Date)
		}
		return strings.Compare(a.Slug, b.Slug)
	})
	slices.SortFunc(s.Sites, func(a, b *Doc) int { return strings.Compare(a.Org, b.Org) })
	slices.SortFunc(s.Pages, func(a, b *Doc) int { return strings.Compare(a.Slug, b.Slug) })
}

// unique reports two documents that would be written to the same place.
func (s *Set) unique(l *diag.List) {
	check := func(docs []*Doc, key func(*Doc) string, what string) {
		seen := map[string]*Doc{}
		for _, d := range docs {
			k := key(d)
			if k == "" {
				continue
			}
			if first, dup := seen[k]; dup {
				l.Error(diag.Pos{File: d.File, Line: d.Line(what)}, "doc.dup", diag.Quote(k), first.File)
				continue
			}
			seen[k] = d
		}
	}
	for _, d := range s.Cases {
		if slices.Contains(routes.ReservedCase(), d.Slug) {
			l.Error(diag.Pos{File: d.File, Line: d.Line("slug")}, "doc.reserved", diag.Quote(d.Slug))
		}
	}
	for _, d := range s.Pages {
		if slices.Contains(routes.Reserved(), d.Slug) {
			l.Error(diag.Pos{File: d.File, Line: d.Line("slug")}, "doc.reserved", diag.Quote(d.Slug))
		}
	}
	check(s.Cases, func(d *Doc) string { return d.Slug }, "slug")
	check(s.Sites, func(d *Doc) string { return d.Org }, "org")
	check(s.Pages, func(d *Doc) string { return d.Slug }, "slug")
}

// lintKeys are the messages of the editor's lint rules.
var lintKeys = map[string]string{
	lint.RuleHalfWidthPunct: "lint.punct",
	lint.RuleSpaceInChinese: "lint.space",
	lint.RuleEmptyHeading:   "lint.heading",
	lint.RulePhone:          "lint.phone",
	lint.RuleIDCard:         "lint.idCard",
	lint.RuleInvisible:      "lint.invisible",
}

var slugRe = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// Parse reads one document, shown to users as shown (content/cases/x.md).
// It returns nil when the document cannot be used.
func (ps *Parser) Parse(kind, shown string, data []byte, l *diag.List) *Doc {
	pos := diag.Pos{File: shown}
	if ps.tooLarge(shown, int64(len(data)), l) {
		return nil
	}
	if !fastutf8.Valid(data) {
		l.Error(diag.Pos{File: shown, Line: 1}, "doc.encoding")
		return nil
	}
	format, front, body, bodyLine, err := split(data)
	if err != nil {
		l.Error(diag.Pos{File: shown, Line: 1}, "front.unclosed")
		return nil
	}
	fields, ok := parseFront(format, front, pos, l)
	if !ok {
		return nil
	}
	fields = ps.bounded(fields, shown, l)
	d := &Doc{Kind: kind, File: shown, Date: value.NoDate, lines: map[string]int{}}
	d.apply(fields, l)
	if d.Slug == "" && kind != Site {
		base := strings.TrimSuffix(filepath.Base(shown), filepath.Ext(shown))
		if base == "index" { // a bundle: the folder names the page
			base = filepath.Base(filepath.Dir(shown))
		}
		if slugRe.MatchString(base) {
			d.Slug = base
		} else {
			l.Error(diag.Pos{File: shown, Line: 1}, "doc.slug", diag.Quote(base))
		}
	}
	d.checkSlug(l)
	if kind == Site && d.Org == "" {
		d.Org = strings.TrimSuffix(filepath.Base(shown), filepath.Ext(shown))
		if d.Org == "index" {
			d.Org = filepath.Base(filepath.Dir(shown))
		}
	}
	if d.Title == "" && kind != Site {
		l.Error(diag.Pos{File: shown, Line: 1}, "doc.noTitle")
	}
	if kind == Case && d.Date.IsZero() && d.Line("date") == 0 { // a bad date was reported at its line
		l.Error(diag.Pos{File: shown, Line: 1}, "doc.noDate")
	}
	if overLimits(shown, body, bodyLine, l) {
		return nil
	}
	ps.cover(d)
	st := &docState{d: d, src: ps.src, dir: filepath.Join(ps.src, filepath.FromSlash(path.Dir(shown))),
		pageDir: d.Route().Dir(), unsafe: ps.o.UnsafeHTML, pics: ps.pics, body: body, bodyLine: bodyLine, l: l}
	html, headings, plain, findings, err := render(ps.md, &ps.bufs, body, st)
	if err != nil {
		l.Error(diag.Pos{File: shown, Line: bodyLine}, "doc.markdown", err)
		return nil
	}
	for _, f := range findings {
		l.Warn(diag.Pos{File: shown, Line: f.Line, Col: f.Col}, lintKeys[f.Rule], diag.Quote(f.Text))
	}
	d.Body = html
	d.Body.policy = ps.policy
	d.Headings = headings
	d.Text = plain
	d.Runes = letters(plain)
	if d.Summary == "" {
		d.Summary = Excerpt(plain, 110)
	}
	return d
}
