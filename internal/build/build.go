// Package build runs a site's stages in order — config, load, model, render,
// publish — collecting every problem on the way. Nothing is written unless
// every stage before publishing succeeded.
package build

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/qingdan/qingdan/internal/config"
	"github.com/qingdan/qingdan/internal/content"
	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/filecache"
	"github.com/qingdan/qingdan/internal/load"
	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/output/page"
	"github.com/qingdan/qingdan/internal/output/picture"
	"github.com/qingdan/qingdan/internal/publish"
	"github.com/qingdan/qingdan/internal/render"
	"github.com/qingdan/qingdan/internal/routes"
	"github.com/qingdan/qingdan/internal/sheet"
	"github.com/qingdan/qingdan/internal/value"
	"github.com/qingdan/qingdan/internal/view"
)

// Options are a build's inputs besides the site's own files.
type Options struct {
	Src     string // the site folder
	Out     string // the output folder; "" means Src/public
	AsOf    string // --as-of, "" when not given
	BaseURL string // --base-url, "" when not given
	Drafts  bool
	Files   bool // links end in index.html, for opening the site from disk
	Publish bool // leave out cases without a final review (终审)
	// Now is --now (YYYY-MM-DD), the day a site that schedules its cases
	// publishes up to; without it SOURCE_DATE_EPOCH, else as_of. Never the
	// clock: the same input gives the same site.
	Now string
	// Preview shows drafts and cases not yet due, not yet reviewed, each
	// page saying so (serve).
	Preview bool
	// IgnoreCache reads nothing kept in the site's resources/_gen (the
	// pictures' copies, the record of files read): everything is made and
	// read again, and kept there afresh (Hugo's --ignoreCache).
	IgnoreCache bool
	// Loading, when set, is called as the data begins to be read and
	// as the model begins to be made, and what it returns when each is
	// done: the command lets the heap grow further meanwhile, when nearly
	// all that is allocated stays.
	Loading func() (done func())
	// Peak, when set, is called as the files marked Early begin to be
	// written, and what it returns once those marked Peak (the search
	// index's) are: they are made from the pages' text beside every
	// document's HTML, the most a build holds at once, and the command
	// lets the heap grow less far past it meanwhile.
	Peak func() (done func())
	// Room, when set, is told once, as the documents are listed and
	// before the data is read, how much heap to make room for: what the
	// data's records or the documents (their parse and what is made from
	// it) are about to take, whichever is more (see oneRoom). The command
	// makes that memory present at once, not a page fault at a time
	// (cli's prefault).
	Room func(bytes int64)
	// Pending, when set, lists the output's temporary folder while it is
	// written, for the command's Ctrl-C to remove (publish.Pending).
	Pending *publish.Pending
}

// Result is what a build or check found and made.
type Result struct {
	Diags  *diag.List
	Config *config.Config
	Site   *model.Site // nil when the data or content had errors
	Docs   *content.Set
	Notes  map[int32]string
	Files  []string // the files written, when a build succeeded
	// Stages lists how long each stage took, in order.
	Stages []Stage
	now    value.Date  // the day scheduled cases are published up to; NoDate: all
	Pages  *page.Set   // the layouts, parsed
	Static []load.File // the files published as they are
	// known is what earlier builds read of the site's files copied as they
	// are, and what this one reads.
	known *filecache.Record
}

// Lang is the language messages are printed in.
func (r *Result) Lang() string {
	if r.Config == nil {
		return "zh-CN"
	}
	return r.Config.Language
}

// Stage is how long one stage of a build took.
type Stage struct {
	Name string
	Took time.Duration
}

// lap ends the stage name begun at *since.
func (r *Result) lap(name string, since *time.Time) {
	now := time.Now()
	r.Stages = append(r.Stages, Stage{name, now.Sub(*since)})
	*since = now
}

// Check runs every stage up to the model and reports what it found.
func Check(o Options) *Result { return (*Builder)(nil).Check(o) }

// Check is the package's Check with the builder's caches.
func (b *Builder) Check(o Options) *Result {
	r := &Result{Diags: &diag.List{}}
	l := r.Diags
	t := time.Now()
	cfg := config.Load(filepath.Join(o.Src, config.File), config.File, l)
	r.Config = cfg
	if o.BaseURL != "" {
		if u, why := config.BaseURL(o.BaseURL); why == nil {
			cfg.BaseURL = u
		} else {
			config.BaseURLError(l, diag.Pos{}, o.BaseURL, *why, true)
		}
	}
	asOf := cfg.AsOf
	if o.AsOf != "" {
		d, why := value.ParseDate(o.AsOf)
		if why != nil {
			l.Error(diag.Pos{}, "flag.asOf", diag.Quote(o.AsOf), *why)
		}
		asOf = d
	}
	r.lap("config", &t)
	lim := cfg.Limits
	var cache *content.Cache
	if b != nil {
		cache = b.docs
		cache.Changed(b.changed)
		if b.known == nil {
			// serve reads what the last build recorded (a photo site's
			// first preview reads no photo) and keeps what it learns in
			// memory: it never writes the record.
			b.known = filecache.Open(o.Src, content.RecordVersion)
		}
		r.known = b.known
	} else if o.IgnoreCache {
		r.known = filecache.Fresh(o.Src, content.RecordVersion)
	} else {
		r.known = filecache.Open(o.Src, content.RecordVersion)
	}
	var base int64
	if o.Room != nil {
		base = baseRoom + recordBytes(o.Src)*roomPerRecordByte
	}
	rm := newRoom(o.Room, base)
	// The documents are read while the data is: neither needs the other
	// (a province's data files keep the disk busy while its articles are
	// parsed); the data once the documents are listed, when there is room
	// to make (oneRoom). Each reports into a list of its own, merged in
	// the order the stages have.
	dataL, docsL := &diag.List{}, &diag.List{}
	var docs *content.Set
	read := make(chan struct{})
	sized := rm.sized()
	if sized != nil && cache != nil {
		// A cache may keep its last listing and not tell the documents'
		// bytes: the room is made for the rest now.
		sized(0)
		sized = nil
	}
	go func() {
		defer close(read)
		if sized != nil {
			defer sized(0) // a listing that did not tell: the data waits on it
		}
		docs = content.LoadCached(o.Src, content.Options{
			UnsafeHTML: cfg.UnsafeHTML, MaxDocument: lim.DocumentSize, MaxValue: lim.FrontValueSize,
			Known: r.known,
		}, docsL, cache, sized)
	}()
	// So are the layouts and the static files, and the layouts are
	// prepared for binding meanwhile (page.Set.Prepare).
	layL := &diag.List{}
	var layouts *page.Set
	var static []load.File
	laid := make(chan struct{})
	go func() {
		defer close(laid)
		th := theme(o.Src, cfg.Theme, cfg.ThemePos, layL)
		layouts = b.layouts(o.Src, th, cfg.Theme, cfg.Language, layL)
		var err error
		if static, err = b.static(o.Src, th, cfg.Theme, layL); err != nil {
			layL.Error(diag.Pos{File: "static"}, "file.read", err)
		}
		if layouts != nil && layL.Errors() == 0 {
			// What only escaping finds (an action html/template cannot
			// escape) is reported by check too, not first by a build.
			layouts.Prepare()
			for _, err := range layouts.Problems() {
				layoutError(layL, err)
			}
		}
	}()
	loading := func() (done func()) { return func() {} }
	if o.Loading != nil {
		loading = o.Loading
	}
	rm.wait() // the documents listed, and room made for them and the data
	loaded := loading()
	data := b.loadData(o.Src, cfg.OrgTypes, sheet.Limits{
		TextSize: lim.CSVSize, WorkbookSize: lim.XLSXSize, CellSize: lim.CellSize, Rows: lim.Rows,
	}, dataL)
	loaded() // not while the documents are read: their parsing leaves garbage
	l.Merge(dataL)
	r.lap("data", &t)
	if asOf.IsZero() {
		asOf = data.Latest
	}
	data.Late(asOf, o.AsOf != "", l)
	if asOf.IsZero() && len(data.Projects) > 0 {
		l.Error(diag.Pos{}, "asof.none")
	}
	<-read
	l.Merge(docsL)
	r.now = b.now(o, cfg.Scheduled, asOf, l)
	docs.Gate(content.Gating{Now: r.now, Drafts: o.Drafts, Publish: o.Publish || cfg.Publish, Preview: o.Preview}, cfg.Columns, l)
	b.longNames(docs, cfg.Columns, l)
	r.lap("content", &t)
	<-laid
	l.Merge(layL)
	r.lap("layouts", &t)
	if l.Errors() > 0 {
		return r
	}
	loaded = loading()
	site := b.model(model.Input{
		AsOf: asOf, WarnGap: cfg.WarnGap, Types: cfg.OrgTypes,
		Orgs: data.Orgs, Projects: data.Projects, Tasks: data.Tasks,
	})
	loaded()
	r.lap("model", &t)
	// The names a Windows copy of the site could not hold, checked beside
	// the references (each alone is a core's work).
	winL := &diag.List{}
	named := make(chan struct{})
	go func() {
		defer close(named)
		b.winNames(o.Src, cfg.Theme, site, docs, static, winL)
	}()
	b.resolve(docs, site, static, o.Src, l)
	<-named
	l.Merge(winL)
	r.lap("references", &t)
	if l.Errors() > 0 {
		return r
	}
	r.Site, r.Docs, r.Notes, r.Pages, r.Static = site, docs, data.Notes, layouts, static
	if b != nil {
		b.changed = nil // known for this check only
	}
	return r
}

// now is the day a site that schedules its cases publishes up to: --now,
// else SOURCE_DATE_EPOCH (as reproducible builds set it), else as_of.
func (*Builder) now(o Options, scheduled bool, asOf value.Date, l *diag.List) value.Date {
	if !scheduled {
		return value.NoDate
	}
	if o.Now != "" {
		d, why := value.ParseDate(o.Now)
		if why != nil {
			l.Error(diag.Pos{}, "flag.now", diag.Quote(o.Now), *why)
		}
		return d
	}
	if e := os.Getenv("SOURCE_DATE_EPOCH"); e != "" {
		if sec, err := strconv.ParseInt(e, 10, 64); err == nil {
			return value.Date(sec / 86400)
		}
		l.Error(diag.Pos{}, "env.epoch", diag.Quote(e))
	}
	return asOf
}

// Output lists the files of the site r checked, in the link style o asks
// for: the view that shows everything, through the layouts.
func (r *Result) Output(o Options) (*render.Site, error) {
	cfg := r.Config
	menu := make([]view.MenuItem, len(cfg.Menu))
	for i, m := range cfg.Menu {
		menu[i] = view.MenuItem{Name: m.Name, URL: routes.Href(m.URL)}
	}
	style := routes.Dirs
	if o.Files {
		style = routes.Files
	}
	v := view.New(view.Input{
		Model: r.Site, Docs: r.Docs, Notes: r.Notes,
		Title: cfg.Title, Desc: cfg.Description, Lang: cfg.Language, BaseURL: cfg.BaseURL,
		Menu: menu, Params: cfg.Params, Style: style, PerPage: cfg.PerPage,
		CasesPer: cfg.CasesPer, Columns: cfg.Columns, Now: r.now, Preview: o.Preview, NoSearch: cfg.NoSearch,
	})
	pages, err := r.Pages.For(v)
	if err != nil {
		return nil, err
	}
	site := render.New(v, pages, r.Static)
	site.Pictures = picture.NewCache(o.Src)
	if o.IgnoreCache {
		site.Pictures.Ignore()
	}
	site.Known = r.known
	return site, nil
}

// Run checks the site and, when it has no errors, writes it to the output
// folder in one atomic step.
func Run(o Options) (*Result, error) {
	r := Check(o)
	if r.Site == nil {
		return r, nil
	}
	out := o.Out
	if out == "" {
		out = filepath.Join(o.Src, "public")
	}
	if key, args := outPlace(o.Src, out); key != "" {
		r.Diags.Error(diag.Pos{}, key, args...)
		return r, nil
	}
	tx, err := publish.Begin(out, o.Pending)
	var fe *publish.ForeignError
	if errors.As(err, &fe) {
		r.Diags.Error(diag.Pos{}, "out.foreign", out, publish.Marker)
		return r, nil
	}
	if err != nil {
		return r, err
	}
	defer tx.Abort()
	t := time.Now()
	site, err := r.Output(o)
	if err != nil {
		return r, err
	}
	site.Peak = o.Peak
	if err := site.Write(tx); err != nil {
		return r, err
	}
	r.lap("render", &t)
	if r.Config.BaseURL == "" {
		// Said once a build: a build to publish (--publish) is where it matters.
		if o.Publish || r.Config.Publish {
			r.Diags.Warn(diag.Pos{File: config.File}, "baseurl.none")
		} else {
			r.Diags.Info(diag.Pos{File: config.File}, "baseurl.none")
		}
	}
	for _, name := range site.Shadowed() {
		r.Diags.Warn(diag.Pos{File: "static/" + name}, "static.shadowed", name)
	}
	// The record of the files read is saved while the manifest is made and
	// the output put in place: each is a core's work (at 50,000 articles
	// 0.3 s and 0.2 s), and the record holds what was read, whether or not
	// the output is then put in place.
	saved := make(chan struct{})
	go func() {
		defer close(saved)
		r.known.Save()
	}()
	defer func() { <-saved }()
	if err := tx.Commit(); err != nil {
		return r, err
	}
	<-saved // before Prune, which removes resources/_gen when it holds nothing
	site.Pictures.Prune()
	r.lap("publish", &t)
	r.Files = tx.Files()
	return r, nil
}
