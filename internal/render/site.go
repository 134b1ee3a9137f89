package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/qingdan/qingdan/internal/chart"
	"github.com/qingdan/qingdan/internal/content"
	"github.com/qingdan/qingdan/internal/format"
	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/publish"
	"github.com/qingdan/qingdan/internal/slug"
)

// Input is everything the site is made from.
type Input struct {
	Model    *model.Site
	Docs     *content.Set
	Notes    map[int32]string // reading notes by progress line
	Title    string
	Desc     string
	Lang     string
	BaseURL  string
	Menu     []MenuItem
	Params   map[string]any
	Src      string // the site folder, for layouts/ and static/
	Files    bool   // links end in index.html (for file://)
	Theme    fs.FS  // the theme: layouts/ and static/
	PerPage  int    // rows per page of the project list
	CasesPer int    // cases per page of case listings
	Columns  []string
	Global   string // changes whenever anything but the documents and static files changes; "" renders all
	Static   string // changes whenever the static files (the site's or the theme's) change
}

// MenuItem is an entry of the navigation.
type MenuItem struct{ Name, URL string }

// View is the site as layouts see it.
type View struct {
	Title, Description, Lang, BaseURL string
	// RootPath is the path of BaseURL ("/dangjian/"), "" without one: the
	// 404 page, served for a missing page at any depth, finds the site's
	// root with it (same host, so still nothing from another host); without
	// it, from the section folder in the address (/x/projects/gone/ → /x/).
	RootPath   string
	Menu       []MenuItem
	Params     map[string]any
	Model      *model.Site
	Docs       *content.Set
	Committees []*model.Org
	Demo       []*model.Org            // demonstration sites, highest level first
	SiteDoc    map[string]*content.Doc // write-up by org id
	CasesByOrg map[string][]*content.Doc
	Tags       []*Tag
	TagOf      map[string]*Tag
	Columns    []*Tag // columns in use, in the configured order
	ColumnOf   map[string]*Tag
	Featured   []*content.Doc // the home page's cases: featured first, then newest
	Notes      map[int32]string
	files      bool
}

func (v *View) rel(from, target string) string { return rel(from, target, v.files) }

// Site writes every page, the open data, the assets and static files, then
// manifest.sha256 over all of it.
//
// With prev, the memo of the last render into the same w, it redoes only
// what changed: w must still hold every file that render wrote. in.Global
// must change whenever anything but the documents changes (config, data,
// theme, layouts, static files, options); the documents are compared here.
// The memo returned lists every file of the site, so the caller can drop
// files that are gone.
func Site(w Writer, in Input, prev *Memo) (*Memo, error) {
	memo := &Memo{global: in.Global, static: in.Static, meta: metaHash(in.Docs), bodies: bodyHashes(in.Docs)}
	full := prev == nil || prev.global != memo.global || in.Global == ""
	metaChanged := full || prev.meta != memo.meta
	// Which static files are shadowed by a page depends on the pages there
	// are, which depends on the documents' meta.
	staticChanged := full || prev.static != memo.static || metaChanged
	changed := func(file string) bool { return full || prev.bodies[file] != memo.bodies[file] }
	feedChanged := metaChanged
	for _, d := range feedBodies(in.Docs) {
		feedChanged = feedChanged || changed(d.File)
	}
	hw := &hashing{w: w, sums: map[string]string{}}
	if !full {
		hw.sums = prev.sums // the previous memo is spent: take its map over
	}
	v := newView(in)
	if !full && prev.ts != nil {
		memo.ts, memo.ref = prev.ts, prev.ref // the same layouts: parsed already
		memo.ref.v = v
	} else {
		memo.ref = &viewRef{v: v}
		ts, err := loadTemplates(in.Theme, in.Src, memo.ref)
		if err != nil {
			return nil, err
		}
		memo.ts = ts
	}
	ts := memo.ts
	if full {
		if err := OpenData(hw, in.Model, in.Lang); err != nil {
			return nil, err
		}
	}
	if metaChanged {
		if err := copyAssets(hw, in.Docs); err != nil {
			return nil, err
		}
	}
	all := pages(v, in)
	var todo []*Page
	for _, p := range all {
		switch {
		case full, p.dep == depMeta && metaChanged, p.dep == depDoc && (metaChanged || changed(p.docFile)):
			todo = append(todo, p)
		}
	}
	if err := renderPages(hw, ts, todo); err != nil {
		return nil, err
	}
	if metaChanged {
		if err := searchIndex(hw, v); err != nil {
			return nil, err
		}
	}
	if feedChanged {
		if err := feed(hw, v); err != nil {
			return nil, err
		}
	}
	if metaChanged {
		if err := sitemap(hw, v); err != nil {
			return nil, err
		}
	}
	if metaChanged { // which pages and images there are depends on the listings
		memo.pages = map[string]bool{}
		for _, p := range all {
			memo.pages[p.Out()] = true
		}
		memo.assets = map[string]bool{}
		for _, list := range [][]*content.Doc{in.Docs.Cases, in.Docs.Sites, in.Docs.Pages} {
			for _, d := range list {
				for _, a := range d.Assets {
					memo.assets[a.To] = true
				}
			}
		}
	} else {
		memo.pages, memo.assets = prev.pages, prev.assets
	}
	if !full { // forget pages and images that are gone
		for name := range prev.pages {
			if !memo.pages[name] {
				delete(hw.sums, name)
			}
		}
		for name := range prev.assets {
			if !memo.assets[name] {
				delete(hw.sums, name)
			}
		}
	}
	// Static files go last, so that what is generated is known: a static
	// file never replaces a generated one (in a full build or any rebuild).
	if staticChanged {
		if !full {
			for name := range prev.statics {
				delete(hw.sums, name)
			}
		}
		statics := &recording{w: hw, names: map[string]bool{}}
		generated := func(name string) bool {
			_, ok := hw.sums[name]
			return ok && !statics.names[name]
		}
		shadowed, err := copyStatic(statics, in, generated)
		if err != nil {
			return nil, err
		}
		memo.statics, memo.Shadowed = statics.names, shadowed
	} else {
		memo.statics, memo.Shadowed = prev.statics, prev.Shadowed
	}
	if !full && len(prev.order) == len(hw.sums) {
		memo.order = prev.order // the same files as before (no file was added without another going)
		for _, n := range memo.order {
			if _, ok := hw.sums[n]; !ok {
				memo.order = nil
				break
			}
		}
	}
	if memo.order == nil {
		memo.order = slices.Sorted(maps.Keys(hw.sums))
	}
	if err := hw.manifest(memo.order); err != nil {
		return nil, err
	}
	memo.sums = hw.sums
	return memo, nil
}

// Memo is what a render leaves for the next one.
type Memo struct {
	global, static, meta string
	statics              map[string]bool // the static files copied
	// Shadowed lists the site's static files (slash paths below static/)
	// left out because the site generates a file of the same name.
	Shadowed []string
	bodies   map[string][32]byte // document file → sum of what its page shows of it
	order    []string            // the files of sums, sorted
	sums     map[string]string   // output file → SHA-256
	pages    map[string]bool     // the output files of pages
	assets   map[string]bool     // the images documents keep next to themselves
	ts       *templates          // the parsed layouts
	ref      *viewRef            // the view their functions read
}

// Files lists every file of the site the render made.
func (m *Memo) Files() []string {
	return append(slices.Clip(m.order), publish.Marker)
}

// What a page depends on besides the model and configuration.
const (
	depGlobal = iota // nothing else: project pages, the task matrix, …
	depMeta          // the documents' titles, dates, tags, summaries, …
	depDoc           // that, and the body of one document
)

// metaHash sums what listings show of the documents: everything but bodies.
func metaHash(s *content.Set) string {
	h := sha256.New()
	for _, list := range [][]*content.Doc{s.Cases, s.Sites, s.Pages} {
		for _, d := range list {
			h.Write(d.MetaSum[:])
		}
		h.Write([]byte("--"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// bodyHashes lists, per document, the sum of what only its own page shows.
func bodyHashes(s *content.Set) map[string][32]byte {
	out := map[string][32]byte{}
	for _, list := range [][]*content.Doc{s.Cases, s.Sites, s.Pages} {
		for _, d := range list {
			out[d.File] = d.BodySum
		}
	}
	return out
}

// FileLinks reports whether links end in index.html (--links=files): the
// site is read from disk, where no server answers with the 404 page.
func (v *View) FileLinks() bool { return v.files }

func newView(in Input) *View {
	m := in.Model
	v := &View{
		Title: in.Title, Description: in.Desc, Lang: in.Lang, BaseURL: in.BaseURL, Menu: in.Menu, Params: in.Params,
		Model: m, Docs: in.Docs, Notes: in.Notes, files: in.Files,
		SiteDoc: map[string]*content.Doc{}, CasesByOrg: map[string][]*content.Doc{}, TagOf: map[string]*Tag{},
		ColumnOf: map[string]*Tag{},
	}
	if u, err := url.Parse(in.BaseURL); err == nil && in.BaseURL != "" && !in.Files {
		v.RootPath = u.EscapedPath()
		if !strings.HasSuffix(v.RootPath, "/") {
			v.RootPath += "/"
		}
	}
	for _, o := range m.Orgs {
		if o.Type == "committee" && o.Parent != nil {
			v.Committees = append(v.Committees, o)
		}
		if o.Demo != "" {
			v.Demo = append(v.Demo, o)
		}
	}
	if len(v.Committees) == 0 {
		for _, r := range m.Roots {
			v.Committees = append(v.Committees, r.Children...)
		}
	}
	levels := map[string]int{"province": 0, "city": 1, "county": 2}
	slices.SortStableFunc(v.Demo, func(a, b *model.Org) int { return levels[a.Demo] - levels[b.Demo] })
	for _, d := range in.Docs.Sites {
		v.SiteDoc[d.Org] = d
	}
	for _, d := range in.Docs.Cases {
		for _, id := range d.Orgs {
			v.CasesByOrg[id] = append(v.CasesByOrg[id], d)
		}
		for _, t := range d.Tags {
			tag := v.TagOf[t]
			if tag == nil {
				tag = &Tag{Name: t}
				v.TagOf[t] = tag
				v.Tags = append(v.Tags, tag)
			}
			tag.Cases = append(tag.Cases, d)
		}
	}
	for _, name := range in.Columns {
		var cs []*content.Doc
		for _, d := range in.Docs.Cases {
			if d.Column == name {
				cs = append(cs, d)
			}
		}
		if cs != nil {
			c := &Tag{Name: name, Cases: cs}
			v.Columns = append(v.Columns, c)
			v.ColumnOf[name] = c
		}
	}
	assignSlugs(v.Columns)
	for _, d := range in.Docs.Cases {
		if d.Featured {
			v.Featured = append(v.Featured, d)
		}
	}
	for _, d := range in.Docs.Cases {
		if !d.Featured {
			v.Featured = append(v.Featured, d)
		}
	}
	sort.SliceStable(v.Tags, func(i, j int) bool {
		if len(v.Tags[i].Cases) != len(v.Tags[j].Cases) {
			return len(v.Tags[i].Cases) > len(v.Tags[j].Cases)
		}
		return v.Tags[i].Name < v.Tags[j].Name
	})
	assignSlugs(v.Tags)
	return v
}

// assignSlugs gives each tag an ASCII slug: its pinyin (红色物业 →
// hong-se-wu-ye); a clash gets -2, -3 in name order.
func assignSlugs(tags []*Tag) {
	byName := slices.Clone(tags)
	slices.SortFunc(byName, func(a, b *Tag) int { return strings.Compare(a.Name, b.Name) })
	used := map[string]bool{}
	for _, t := range byName {
		base := slug.Of(t.Name)
		if base == "" {
			base = "tag"
		}
		s := base
		for i := 2; used[s]; i++ {
			s = fmt.Sprintf("%s-%d", base, i)
		}
		used[s] = true
		t.Slug = s
	}
}

// pages lists every HTML page of the site in a fixed order.
func pages(v *View, in Input) []*Page {
	m := v.Model
	lang := in.Lang
	var ps []*Page
	add := func(p *Page) { p.Site = v; ps = append(ps, p) }

	add(&Page{Kind: "home", Path: "", Title: v.Title, dep: depMeta, prepare: func(p *Page) {
		p.Charts = []chart.Chart{
			chart.Status("chart-status", m.Total, lang),
			chart.Committees("chart-committees", v.Committees, lang),
			chart.Trend("chart-trend", m, lang),
		}
	}})

	per := in.PerPage
	if per <= 0 {
		per = 1000
	}
	total := (len(m.Projects) + per - 1) / per
	for i := 0; i < max(total, 1); i++ {
		p := &Page{Kind: "projects", Path: "projects/", Title: format.Pick(lang, "党建项目", "Projects"), Pager: &Pager{Number: i + 1, Total: max(total, 1), First: i * per}}
		if i > 0 {
			p.Path = fmt.Sprintf("projects/page/%d/", i+1)
			p.Pager.Prev = "projects/"
			if i > 1 {
				p.Pager.Prev = fmt.Sprintf("projects/page/%d/", i)
			}
		}
		if i+1 < total {
			p.Pager.Next = fmt.Sprintf("projects/page/%d/", i+2)
		}
		add(p)
	}
	for _, pr := range m.Projects {
		add(&Page{Kind: "project", Path: "projects/" + pr.ID + "/", Title: pr.Title, Project: pr, prepare: func(p *Page) {
			p.Charts = []chart.Chart{chart.Project("chart-project", p.Project, m.AsOf, v.Notes, lang)}
		}})
	}
	add(&Page{Kind: "orgs", Path: "orgs/", Title: format.Pick(lang, "组织与排名", "Organizations"), prepare: func(p *Page) {
		p.Charts = []chart.Chart{chart.Committees("chart-committees", v.Committees, lang)}
	}})
	for _, o := range m.Orgs {
		p := &Page{Kind: "org", Path: "orgs/" + o.ID + "/", Title: o.Name, Org: o, Doc: v.SiteDoc[o.ID], Docs: v.CasesByOrg[o.ID], dep: depMeta}
		if p.Doc != nil {
			p.dep, p.docFile = depDoc, p.Doc.File
		}
		p.prepare = func(p *Page) {
			if p.Doc != nil {
				p.Body, p.Charts = body(p.Doc, m, v.Notes, lang)
			}
			if p.Org.Roll.Projects > 0 {
				p.Charts = append(p.Charts, chart.Status("chart-status", p.Org.Roll, lang), chart.Org("chart-org", p.Org, lang))
			}
		}
		add(p)
	}
	add(&Page{Kind: "sites", Path: "sites/", Title: format.Pick(lang, "示范点", "Demonstration sites"), dep: depMeta})
	add(&Page{Kind: "tasks", Path: "tasks/", Title: format.Pick(lang, "差异化任务清单", "Task menu")})
	cper := max(in.CasesPer, 1)
	for _, p := range paginate("cases/", v.Docs.Cases, cper) {
		p.Kind, p.Title, p.dep = "cases", format.Pick(lang, "典型案例", "Cases"), depMeta
		add(p)
	}
	for _, c := range v.Columns {
		for _, p := range paginate("cases/column/"+c.Slug+"/", c.Cases, cper) {
			p.Kind, p.Title, p.Column, p.dep = "cases", c.Name, c, depMeta
			add(p)
		}
	}
	cases := v.Docs.Cases
	var relOnce sync.Once // the index is made only when a case page is rendered
	var rel *relatedIndex
	for i, d := range cases {
		p := &Page{Kind: "case", Path: d.PageDir(), Title: d.Title, Doc: d, dep: depDoc, docFile: d.File}
		if i+1 < len(cases) {
			p.Prev = cases[i+1]
		}
		if i > 0 {
			p.Next = cases[i-1]
		}
		p.prepare = func(p *Page) {
			relOnce.Do(func() { rel = newRelatedIndex(cases) })
			p.Related = rel.related(p.Doc, 4)
			p.Body, p.Charts = body(p.Doc, m, v.Notes, lang)
		}
		add(p)
	}
	add(&Page{Kind: "tags", Path: "tags/", Title: format.Pick(lang, "标签", "Tags"), dep: depMeta})
	for _, tg := range v.Tags {
		for _, p := range paginate("tags/"+tg.Slug+"/", tg.Cases, cper) {
			p.Kind, p.Title, p.Tag, p.dep = "tag", tg.Name, tg, depMeta
			add(p)
		}
	}
	for _, d := range v.Docs.Pages {
		p := &Page{Kind: "page", Path: d.PageDir(), Title: d.Title, Doc: d, dep: depDoc, docFile: d.File}
		p.prepare = func(p *Page) { p.Body, p.Charts = body(p.Doc, m, v.Notes, lang) }
		add(p)
	}
	add(&Page{Kind: "search", Path: "search/", Title: format.Pick(lang, "搜索", "Search"), dep: depMeta})
	add(&Page{Kind: "404", file: "404.html", Title: format.Pick(lang, "页面不存在", "Page not found"), dep: depMeta})
	return ps
}

// paginate splits a list of cases into pages under dir: dir itself, then
// dir/page/2/ and on.
func paginate(dir string, docs []*content.Doc, per int) []*Page {
	total := max((len(docs)+per-1)/per, 1)
	var ps []*Page
	pageDir := func(i int) string {
		if i == 0 {
			return dir
		}
		return fmt.Sprintf("%spage/%d/", dir, i+1)
	}
	for i := 0; i < total; i++ {
		p := &Page{Path: pageDir(i), Docs: docs[min(i*per, len(docs)):min((i+1)*per, len(docs))],
			Pager: &Pager{Number: i + 1, Total: total, First: i * per}}
		if i > 0 {
			p.Pager.Prev = pageDir(i - 1)
		}
		if i+1 < total {
			p.Pager.Next = pageDir(i + 1)
		}
		ps = append(ps, p)
	}
	return ps
}

// relatedIndex finds, for a case, the other cases about the same orgs or
// with the same tags, without looking at every case.
type relatedIndex struct {
	all   []*content.Doc
	at    map[*content.Doc]int
	byOrg map[string][]int
	byTag map[string][]int
}

func newRelatedIndex(all []*content.Doc) *relatedIndex {
	x := &relatedIndex{all: all, at: map[*content.Doc]int{}, byOrg: map[string][]int{}, byTag: map[string][]int{}}
	for i, d := range all {
		x.at[d] = i
		for _, o := range uniq(d.Orgs) {
			x.byOrg[o] = append(x.byOrg[o], i)
		}
		for _, t := range uniq(d.Tags) {
			x.byTag[t] = append(x.byTag[t], i)
		}
	}
	return x
}

func uniq(xs []string) []string {
	var out []string
	for _, x := range xs {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// related picks up to n other cases: most shared orgs first, then most
// shared tags, then in list order (newest first).
func (x *relatedIndex) related(d *content.Doc, n int) []*content.Doc {
	type score struct{ orgs, tags int }
	scores := map[int]*score{}
	get := func(i int) *score {
		s := scores[i]
		if s == nil {
			s = &score{}
			scores[i] = s
		}
		return s
	}
	self := x.at[d]
	for _, o := range uniq(d.Orgs) {
		for _, i := range x.byOrg[o] {
			if i != self {
				get(i).orgs++
			}
		}
	}
	for _, t := range uniq(d.Tags) {
		for _, i := range x.byTag[t] {
			if i != self {
				get(i).tags++
			}
		}
	}
	ids := make([]int, 0, len(scores))
	for i := range scores {
		ids = append(ids, i)
	}
	slices.SortFunc(ids, func(a, b int) int {
		sa, sb := scores[a], scores[b]
		if sa.orgs != sb.orgs {
			return sb.orgs - sa.orgs
		}
		if sa.tags != sb.tags {
			return sb.tags - sa.tags
		}
		return a - b
	})
	var out []*content.Doc
	for _, i := range ids[:min(n, len(ids))] {
		out = append(out, x.all[i])
	}
	return out
}

// body splits a document's HTML at its embedded charts and builds them.
func body(d *content.Doc, m *model.Site, notes map[int32]string, lang string) ([]BodyPart, []chart.Chart) {
	html := string(d.Body)
	var parts []BodyPart
	var charts []chart.Chart
	for i, e := range d.Embeds {
		marker := content.EmbedMarker(i)
		before, after, ok := strings.Cut(html, marker)
		if !ok {
			continue
		}
		id := fmt.Sprintf("chart-embed-%d", i+1)
		var c chart.Chart
		switch e.Kind {
		case "org":
			o := m.OrgByID[e.ID]
			if o == nil {
				continue
			}
			c = chart.Org(id, o, lang)
			c.Title = o.Name + " · " + c.Title
		case "project":
			p := m.ProjectByID[e.ID]
			if p == nil {
				continue
			}
			c = chart.Project(id, p, m.AsOf, notes, lang)
			c.Title = p.Title + " · " + c.Title
			c.Visible = false
		}
		parts = append(parts, BodyPart{HTML: template.HTML(before)}, BodyPart{Chart: &c})
		charts = append(charts, c)
		html = after
	}
	parts = append(parts, BodyPart{HTML: template.HTML(html)})
	return parts, charts
}

// copyStatic copies the theme's static files to assets/ and the site's
// static/ folder to the root of OUT (a site's file replaces the theme's of
// the same name). Files whose name generated reports are left out; the
// site's are returned.
func copyStatic(w Writer, in Input, generated func(string) bool) (shadowed []string, err error) {
	err = fs.WalkDir(in.Theme, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := "assets/" + strings.TrimPrefix(p, "static/")
		if generated(name) {
			return nil
		}
		b, err := fs.ReadFile(in.Theme, p)
		if err != nil {
			return err
		}
		return w.Write(name, b)
	})
	if err != nil {
		return nil, err
	}
	if _, err := fs.Stat(in.Theme, "static/vendor/echarts.min.js"); err != nil {
		return nil, fmt.Errorf("this qingdan was built without ECharts: build it with make build")
	}
	root := filepath.Join(in.Src, "static")
	if _, err := os.Stat(root); err != nil {
		return nil, nil
	}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		r, _ := filepath.Rel(root, p)
		name := filepath.ToSlash(r)
		if strings.HasPrefix(filepath.Base(p), ".") {
			return nil
		}
		if generated(name) {
			shadowed = append(shadowed, name)
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return w.Write(name, b)
	})
	return shadowed, err
}

// renderPages executes and writes the pages on several goroutines: writing
// many small files waits on the file system more than on the CPU. Each page
// is a file of its own, so the order they finish in changes nothing.
func renderPages(w Writer, ts *templates, ps []*Page) error {
	work := make(chan *Page)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range max(4, 2*runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for p := range work {
				buf.Reset()
				saved := *p
				if p.prepare != nil {
					p.prepare(p)
				}
				err := ts.execute(&buf, p)
				if err == nil {
					err = w.Write(p.Out(), buf.Bytes())
				}
				// Drop what prepare made (charts, bodies): a province has a
				// million project pages, and only their output is needed.
				*p = saved
				if err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		}()
	}
	for _, p := range ps {
		select {
		case err := <-errs:
			close(work)
			wg.Wait()
			return err
		case work <- p:
		}
	}
	close(work)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

// copyAssets copies the images that documents keep next to themselves.
func copyAssets(w Writer, docs *content.Set) error {
	done := map[string]bool{}
	for _, list := range [][]*content.Doc{docs.Cases, docs.Sites, docs.Pages} {
		for _, d := range list {
			for _, a := range d.Assets {
				if done[a.To] {
					continue
				}
				done[a.To] = true
				b, err := os.ReadFile(a.From)
				if err != nil {
					return err
				}
				if err := w.Write(a.To, b); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// recording notes the names of the files written through it.
type recording struct {
	w     Writer
	names map[string]bool
}

func (r *recording) Write(name string, data []byte) error {
	r.names[name] = true
	return r.w.Write(name, data)
}

func (r *recording) Create(name string) (io.WriteCloser, error) {
	r.names[name] = true
	return r.w.Create(name)
}

// hashing records the SHA-256 of every file written through it. It is safe
// for concurrent use.
type hashing struct {
	w    Writer
	mu   sync.Mutex
	sums map[string]string
}

func (h *hashing) Write(name string, data []byte) error {
	s := sha256.Sum256(data)
	h.mu.Lock()
	h.sums[name] = hex.EncodeToString(s[:])
	h.mu.Unlock()
	return h.w.Write(name, data)
}

func (h *hashing) Create(name string) (io.WriteCloser, error) {
	f, err := h.w.Create(name)
	if err != nil {
		return nil, err
	}
	return &hashFile{f: f, h: sha256.New(), name: name, into: h}, nil
}

type hashFile struct {
	f io.WriteCloser
	h interface {
		io.Writer
		Sum([]byte) []byte
	}
	name string
	into *hashing
}

func (f *hashFile) Write(p []byte) (int, error) {
	f.h.Write(p)
	return f.f.Write(p)
}

func (f *hashFile) Close() error {
	f.into.mu.Lock()
	f.into.sums[f.name] = hex.EncodeToString(f.h.Sum(nil))
	f.into.mu.Unlock()
	return f.f.Close()
}

// manifest writes manifest.sha256 in the format sha256sum -c reads; names
// are the files of h.sums, sorted.
func (h *hashing) manifest(names []string) error {
	b := make([]byte, 0, len(names)*100)
	for _, n := range names {
		b = append(append(append(append(b, h.sums[n]...), "  "...), n...), '\n')
	}
	return h.w.Write(publish.Marker, b)
}

var _ = template.HTML("")
