// Package page is the pages producer: it parses the layouts (the site's
// over the theme's) once, and renders each page of a view through them.
package page

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/template/parse"

	"github.com/qingdan/qingdan/internal/chart"
	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/tmplexec"
	"github.com/qingdan/qingdan/internal/view"
)

// Kinds are the page kinds, each with a layout of the same name.
func Kinds() []string {
	return []string{"home", "projects", "project", "orgs", "org", "org-cases", "sites", "tasks", "cases", "case", "tags", "tag", "search", "page", "404"}
}

// Set holds one template set per page kind: base.html, the partials and
// the kind's own layout. A file of the same name in the site's layouts/
// folder replaces the theme's.
type Set struct {
	sets   map[string]*template.Template
	origin map[string]string // layout name → the file it came from, as shown
	lang   string
	// bound is set once the layouts have been bound to a view, every
	// kind of them: binding them to the next view (serve's next build)
	// makes each kind when a page first needs it.
	bound atomic.Bool
	// prepared holds each kind's layouts escaped, folded and probed, made
	// at the first binding: that work depends only on the layouts' text
	// and the functions' names and types, which every view has alike, so
	// a later binding (a new copy for another goroutine, serve's next
	// build) only compiles them with its own functions.
	prepared map[string]*prepared
}

// prepared is one kind's layouts as every binding compiles them.
type prepared struct {
	once     sync.Once
	trees    map[string]*parse.Tree // escaped and folded; read, never changed
	escapers map[string]any         // html/template's escapers, by their probes
	err      error
}

// templateErr matches the place at the start of a text/template error.
var templateErr = regexp.MustCompile(`^(?:html/)?template: ?([^:]+):(\d+)(:\d+)?: `)

// Error is an error in a layout, at its file and line.
type Error struct {
	Pos     diag.Pos // File "layouts/home.html" or "theme layouts/home.html"; Col 0 when unknown
	Msg     string   // text/template's words
	Context string   // "layout home.html", "page index.html"
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s (%s)", e.Pos, e.Msg, e.Context) }

// where turns a template error into an *Error at the layout file's place,
// file:line[:col], as every other error is.
func (s *Set) where(err error, context string) error {
	var inner *Error
	if errors.As(err, &inner) {
		return inner // from a part rendered apart (partialCached): its own place
	}
	msg := unfused(err.Error())
	m := templateErr.FindStringSubmatch(msg)
	if m == nil {
		return fmt.Errorf("%s: %w", context, err)
	}
	file := s.origin[m[1]]
	if file == "" {
		file = m[1]
	}
	e := &Error{Pos: diag.Pos{File: file}, Msg: msg[len(m[0]):], Context: context}
	e.Pos.Line, _ = strconv.Atoi(m[2])
	if m[3] != "" {
		e.Pos.Col, _ = strconv.Atoi(m[3][1:])
	}
	return e
}

// Load parses the theme's layouts (theme holds layouts/) with the site's
// (site holds the files of the site's layouts/ folder; nil for none) over
// them, for a site in lang.
func Load(theme, site fs.FS, lang string) (*Set, error) {
	s := &Set{sets: map[string]*template.Template{}, origin: map[string]string{}, lang: lang, prepared: map[string]*prepared{}}
	texts := map[string]string{} // base.html and the partials serve every kind: read once
	read := func(name string) (string, error) {
		if t, ok := texts[name]; ok {
			return t, nil
		}
		if site != nil {
			if b, err := fs.ReadFile(site, name); err == nil {
				s.origin[name], texts[name] = "layouts/"+name, string(b)
				return texts[name], nil
			}
		}
		b, err := fs.ReadFile(theme, path.Join("layouts", name))
		if err != nil {
			return "", fmt.Errorf("theme layout %s: %w", name, err)
		}
		s.origin[name], texts[name] = "theme layouts/"+name, string(b)
		return texts[name], nil
	}
	var partials []string
	if names, _ := fs.Glob(theme, "layouts/partials/*.html"); names != nil {
		for _, n := range names {
			partials = append(partials, strings.TrimPrefix(n, "layouts/"))
		}
	}
	if site != nil {
		local, _ := fs.Glob(site, "partials/*.html")
		for _, n := range local {
			if !slices.Contains(partials, n) {
				partials = append(partials, n)
			}
		}
	}
	funcs := funcMap(lang, nil)
	for _, kind := range Kinds() {
		t := template.New(kind).Funcs(funcs)
		names := append(append([]string{"base.html"}, partials...), kind+".html")
		for _, n := range names {
			text, err := read(n)
			if err != nil {
				return nil, err
			}
			if _, err := t.New(n).Parse(text); err != nil {
				return nil, s.where(err, "layout "+n)
			}
		}
		if err := addProbes(t); err != nil {
			return nil, err
		}
		foldTrees(t, func(n parse.Node) { foldWords(n, lang) })
		s.sets[kind] = t
		s.prepared[kind] = &prepared{}
	}
	return s, nil
}

// For binds the layouts to the view their pages come from: the lookup
// functions (org, project, tag …) read it. The set itself stays unexecuted,
// so it can be bound to the next view.
func (s *Set) For(v *view.View) (*Bound, error) {
	b, err := s.newBound(v)
	if err != nil {
		return nil, err
	}
	// The first binding makes every kind, so that an error in any layout
	// is reported now; the layouts bind the same way to any view.
	first, err := b.layouts(!s.bound.Load())
	if err != nil {
		return nil, err
	}
	s.bound.Store(true)
	b.sets = make(chan *layouts, max(4, 2*runtime.GOMAXPROCS(0)))
	b.sets <- first
	return b, nil
}

// newBound is the layouts with the functions bound to v (nil: functions
// of the same names and types, for preparing), their escapings and which
// functions fuse with them.
func (s *Set) newBound(v *view.View) (*Bound, error) {
	b := &Bound{s: s, funcs: funcMap(s.lang, v)}
	b.funcs["partialCached"] = b.partialCached
	var err error
	if b.es, err = escapings(); err != nil {
		return nil, err
	}
	b.fusable = fuseFuncs(b.funcs, b.es)
	return b, nil
}

// layouts is a copy of the layouts, kind by kind compiled for tmplexec
// with the binding's functions. A copy is used by one goroutine at a time.
type layouts struct {
	progs map[string]*tmplexec.Program
	sets  map[string]*template.Template // for text/template, made when first needed
}

// layouts makes a copy of the layouts: with all, of every kind now; else
// of each kind when a page first needs it (see kind).
func (b *Bound) layouts(all bool) (*layouts, error) {
	ls := &layouts{progs: map[string]*tmplexec.Program{}, sets: map[string]*template.Template{}}
	if all {
		for _, kind := range slices.Sorted(maps.Keys(b.s.sets)) {
			if _, err := b.kind(ls, kind); err != nil {
				return nil, err
			}
		}
	}
	return ls, nil
}

// kind is the copy's program for one kind of page, made when first asked
// for.
func (b *Bound) kind(ls *layouts, kind string) (*tmplexec.Program, error) {
	if prog := ls.progs[kind]; prog != nil {
		return prog, nil
	}
	p := b.s.prepared[kind]
	if p == nil {
		return nil, fmt.Errorf("no layout for page kind %q", kind)
	}
	p.once.Do(func() { b.prepare(kind, p) })
	if p.err != nil {
		return nil, p.err
	}
	prog := b.program(p.trees, p.escapers)
	ls.progs[kind] = prog
	return prog, nil
}

// prepare escapes, folds and probes one kind's layouts into p.
func (b *Bound) prepare(kind string, p *prepared) {
	c, err := b.bind(kind)
	if err != nil {
		p.err = err
		return
	}
	if p.escapers, p.err = probes(c); p.err != nil {
		return
	}
	p.trees = map[string]*parse.Tree{}
	for _, t := range c.Templates() {
		p.trees[t.Name()] = t.Tree
	}
}

// Prepare escapes, folds and probes every kind's layouts now, several
// kinds at once, with functions of the same names and types as a view's:
// a build calls it while it reads its data and documents, so that binding
// the layouts to the view only compiles them (on a small site, preparing
// them was a sixth of the build, on one core). An error is kept for the
// binding to report, as if found there.
func (s *Set) Prepare() {
	b, err := s.newBound(nil)
	if err != nil {
		return // For reports it
	}
	kinds := make(chan string)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for kind := range kinds {
				p := s.prepared[kind]
				p.once.Do(func() { b.prepare(kind, p) })
			}
		})
	}
	for _, kind := range slices.Sorted(maps.Keys(s.prepared)) {
		kinds <- kind
	}
	close(kinds)
	wg.Wait()
}

// Problems is what preparing found wrong with the layouts (Prepare must
// have run), kind by kind, each an *Error at its layout's file and line
// where the template's words give one: an action html/template cannot
// escape, say, which parsing does not see. A problem every kind meets
// (in base.html) is given once. check reports them, as a build would when
// it binds the layouts.
func (s *Set) Problems() []error {
	var errs []error
	seen := map[string]bool{}
	for _, kind := range slices.Sorted(maps.Keys(s.prepared)) {
		p := s.prepared[kind]
		if p.err == nil {
			continue
		}
		err := s.where(p.err, "layout "+kind)
		key := err.Error()
		if e, ok := err.(*Error); ok {
			key = e.Pos.String() + " " + e.Msg // not the kind it was met in
		}
		if !seen[key] {
			seen[key] = true
			errs = append(errs, err)
		}
	}
	return errs
}

// bind is a copy of one kind's layouts bound to the binding's functions,
// escaped and folded: what html/template executes.
func (b *Bound) bind(kind string) (*template.Template, error) {
	c, err := b.s.sets[kind].Clone()
	if err != nil {
		return nil, err
	}
	c.Funcs(b.funcs)
	if err := escapeAll(c); err != nil {
		return nil, err
	}
	foldTrees(c, func(n parse.Node) {
		foldText(n)
		fuseCalls(n, b.fusable, b.es)
	})
	return c, nil
}

// Bound is a set of layouts bound to one view; safe for concurrent use.
//
// Each goroutine rendering a page takes a copy of the layouts of its own
// from sets, made when none is free and kept for the next (as many as a
// build renders pages at once): text/template takes a lock for every
// function it calls, and two cores taking the same one pass its cache line
// back and forth (3 % of a county build's time). A sync.Pool would drop
// them at every garbage collection, and each copy takes milliseconds.
type Bound struct {
	s       *Set
	funcs   template.FuncMap
	es      []*escaping
	fusable map[string]bool
	sets    chan *layouts // free copies
	cached  sync.Map      // partialCached's parts: key → cachedPart
	// fallbacks counts the templates text/template executed (tmplexec
	// did not).
	fallbacks atomic.Int64
	// reflected counts the calls tmplexec made through reflection: a
	// function or method of a shape direct does not know.
	reflected atomic.Int64
	// projects keeps the options of project charts per unit, statuses
	// the status charts of few projects
	projects chart.Projects
	statuses chart.Statuses
}

// run executes template name of the layouts of p's kind, with p.
func (b *Bound) run(w io.Writer, name string, p *Page) error { return b.runWith(w, name, p, p) }

// runWith executes template name of the layouts of p's kind, with data.
func (b *Bound) runWith(w io.Writer, name string, p *Page, data any) error {
	var ls *layouts
	select {
	case ls = <-b.sets:
	default:
		var err error
		if ls, err = b.layouts(false); err != nil {
			return err
		}
	}
	defer func() {
		select {
		case b.sets <- ls:
		default: // as many as are kept
		}
	}()
	prog, err := b.kind(ls, p.Kind)
	if err != nil {
		return err
	}
	if buf, ok := w.(*bytes.Buffer); ok {
		if prog.Execute(buf, name, data) {
			return nil
		}
	} else {
		var buf bytes.Buffer
		if prog.Execute(&buf, name, data) {
			_, err := w.Write(buf.Bytes())
			return err
		}
	}
	b.fallbacks.Add(1)
	t := ls.sets[p.Kind]
	if t == nil {
		if t, err = b.bind(p.Kind); err != nil {
			return err
		}
		ls.sets[p.Kind] = t
	}
	if err := t.ExecuteTemplate(w, name, data); err != nil {
		return b.s.where(err, "page "+p.Out())
	}
	return nil
}

// Fallbacks is how many times text/template executed a layout because
// tmplexec did not.
func (b *Bound) Fallbacks() int64 { return b.fallbacks.Load() }

// Reflected is how many calls the layouts made through reflection.
func (b *Bound) Reflected() int64 { return b.reflected.Load() }

// execute runs the page's layout.
func (b *Bound) execute(w io.Writer, p *Page) error { return b.run(w, "base.html", p) }
