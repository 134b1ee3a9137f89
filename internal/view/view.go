// Package view is what one publication target shows of a site: which
// pages exist, which items and fields they hold, and how they link. Every
// output reads the site through a view. Today's only target shows
// everything; a target that hides items is a set of rules here, not a
// change to the outputs.
package view

import (
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/qingdan/qingdan/internal/content"
	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/routes"
	"github.com/qingdan/qingdan/internal/slug"
	"github.com/qingdan/qingdan/internal/value"
)

// Input is what a view is made from: the model, the documents and the
// site's settings.
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
	Style    routes.Style // how links are written
	PerPage  int          // rows per page of the project list
	CasesPer int          // cases per page of case listings
	Columns  []string     // the configured columns, in order
	Now      value.Date   // the day scheduled cases are published up to; NoDate: all
	Preview  bool         // serve: drafts and cases not yet due are shown, marked
	NoSearch bool         // no search page, index or search boxes (search = false)
}

// MenuItem is an entry of the navigation: {{url $p "file" .URL}} links it,
// relatively inside the site, as it is outside.
type MenuItem struct {
	Name string
	URL  routes.Href
}

// View is the site as one publication target shows it, and as layouts see
// it (.Site).
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
	Demo       []*model.Org              // demonstration sites, highest level first
	SiteDoc    map[string]*content.Doc   // write-up by org id
	CasesByOrg map[string][]*content.Doc // the cases that name an org: in front matter or linking to it
	// CasesByProject lists the cases that name a project, likewise.
	CasesByProject map[string][]*content.Doc
	Tags           []*Tag
	TagOf          map[string]*Tag
	Columns        []*Tag // columns in use, in the configured order
	ColumnOf       map[string]*Tag
	Featured       []*content.Doc // the home page's cases: featured first, then newest
	Notes          *model.Notes   // reading notes by progress line
	Style          routes.Style
	// Search reports whether the site has its search: the search page,
	// its index and the search boxes that lead there.
	Search bool

	now               value.Date
	preview           bool
	perPage, casesPer int
	relScans          atomic.Int32 // Related's calls: the first scans are done without the index
	relOnce           sync.Once    // the related index is made when a case page first asks after them
	rel               *relatedIndex
	listOnce          sync.Once // the project lists are made when a page first asks
	list              *lists
	treeOnce          sync.Once
	treeDepth         int            // see TreeDepth
	treeCut           bool           // levels below treeDepth exist
	caseAt            map[string]int // case slug → index in Docs.Cases
	pageBySlug        map[string]*content.Doc
	tagBySlug         map[string]*Tag
	columnBySlug      map[string]*Tag
}

// Tag is a tag (or a column) with its URL slug and its cases.
type Tag struct {
	Name  string
	Slug  string
	Cases []*content.Doc
	kind  routes.Kind // routes.Tag or routes.Column
}

// Route is the tag's (or column's) first listing page.
func (t *Tag) Route() routes.Route { return routes.To(t.kind, t.Slug) }

// FileLinks reports whether links end in index.html (--links=files): the
// site is read from disk, where no server answers with the 404 page.
func (v *View) FileLinks() bool { return v.Style == routes.Files }

// Sections are the site's section folders, for the 404 page's script.
func (v *View) Sections() []string { return routes.Sections() }

// Abs is the public address of a route, or its site-relative path without
// a base_url.
func (v *View) Abs(r routes.Route) string {
	if v.BaseURL == "" {
		return r.Path()
	}
	return routes.Abs(v.BaseURL, r)
}

// New makes the view that shows everything.
func New(in Input) *View {
	m := in.Model
	v := &View{
		Title: in.Title, Description: in.Desc, Lang: in.Lang, BaseURL: in.BaseURL, Menu: in.Menu, Params: in.Params,
		Model: m, Docs: in.Docs, Notes: model.IndexNotes(in.Notes), Style: in.Style,
		SiteDoc: map[string]*content.Doc{}, CasesByOrg: make(map[string][]*content.Doc, len(m.Orgs)), CasesByProject: map[string][]*content.Doc{}, TagOf: map[string]*Tag{},
		ColumnOf: map[string]*Tag{}, perPage: in.PerPage, casesPer: max(in.CasesPer, 1), now: in.Now, preview: in.Preview,
		Search: !in.NoSearch,
	}
	if v.perPage <= 0 {
		v.perPage = 1000
	}
	if u, err := url.Parse(in.BaseURL); err == nil && in.BaseURL != "" && in.Style != routes.Files {
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
	// One pass over the cases (a rebuild in serve makes a view of 10,000
	// in a few milliseconds).
	colAt := map[string]int{}
	for i, name := range in.Columns {
		if _, dup := colAt[name]; !dup {
			colAt[name] = i
		}
	}
	inColumn := make([][]*content.Doc, len(in.Columns))
	var seen []string
	for _, d := range in.Docs.Cases {
		seen = file(v.CasesByOrg, d, d.Orgs, "org", seen)
		seen = file(v.CasesByProject, d, d.Projects, "project", seen)
		for _, t := range d.Tags {
			tag := v.TagOf[t]
			if tag == nil {
				tag = &Tag{Name: t, kind: routes.Tag}
				v.TagOf[t] = tag
				v.Tags = append(v.Tags, tag)
			}
			tag.Cases = append(tag.Cases, d)
		}
		if i, ok := colAt[d.Column]; ok {
			inColumn[i] = append(inColumn[i], d)
		}
	}
	for _, name := range in.Columns {
		if cs := inColumn[colAt[name]]; cs != nil {
			c := &Tag{Name: name, Cases: cs, kind: routes.Column}
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
	v.caseAt = make(map[string]int, len(in.Docs.Cases))
	for i, d := range in.Docs.Cases {
		v.caseAt[d.Slug] = i
	}
	v.pageBySlug = map[string]*content.Doc{}
	for _, d := range in.Docs.Pages {
		v.pageBySlug[d.Slug] = d
	}
	v.tagBySlug, v.columnBySlug = map[string]*Tag{}, map[string]*Tag{}
	for _, t := range v.Tags {
		v.tagBySlug[t.Slug] = t
	}
	for _, c := range v.Columns {
		v.columnBySlug[c.Slug] = c
	}
	return v
}

// file adds case d to the list in by of each of ids and of the ids of its
// links of kind ref, once each; seen is a buffer, returned for reuse.
func file(by map[string][]*content.Doc, d *content.Doc, ids []string, ref string, seen []string) []string {
	seen = seen[:0]
	add := func(id string) {
		if !slices.Contains(seen, id) {
			seen = append(seen, id)
			by[id] = append(by[id], d)
		}
	}
	for _, id := range ids {
		add(id)
	}
	for _, r := range d.Refs {
		if r.Kind == ref {
			add(r.ID)
		}
	}
	return seen
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

// scans is how many calls of Related a view answers by scanning before it
// makes the related index: serve shows a case page or two of each view.
const scans = 8

// Related lists up to n other cases about the same orgs, then with the same
// tags.
func (v *View) Related(d *content.Doc, n int) []*content.Doc {
	if v.relScans.Add(1) <= scans {
		return scanRelated(v.Docs.Cases, d, n)
	}
	v.relOnce.Do(func() { v.rel = newRelatedIndex(v.Docs.Cases) })
	return v.rel.related(d, n)
}
