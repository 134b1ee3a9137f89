package view

import (
	"path"
	"strings"

	"github.com/qingdan/qingdan/internal/content"
	"github.com/qingdan/qingdan/internal/format"
	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/routes"
)

// Page is one HTML page of the view: where it goes, which layout shows it
// and what it shows.
type Page struct {
	Route routes.Route
	Kind  string // its layout: home, projects, project, orgs, org, sites, tasks, cases, case, tags, tag, search, page, 404
	Title string
	Site  *View

	Org     *model.Org
	Project *model.Project
	Doc     *content.Doc // the document it shows in full
	Docs    []*content.Doc
	Tag     *Tag
	Column  *Tag // a column's listing, with the column as its name
	Pager   *Pager
	Sites   []*model.Org // a page of the demonstration sites: the sites on it
	List    *List        // a project list's page: its status and rows
	Prev    *content.Doc // the older case
	Next    *content.Doc // the newer case
	// CaseCount is how many cases an org's page or list of cases is about;
	// AllCases, on an org's page that shows only the latest of them, the
	// list of them all.
	CaseCount int
	AllCases  *routes.Route

	related []*content.Doc // Related's answer, once asked
}

// Out is the file the page is written to.
func (p *Page) Out() string { return p.Route.File() }

// Related lists the cases about the same orgs, then with the same tags.
// A layout that asks twice (the default one does: {{if or … .Related}},
// then {{with .Related}}) gets the list found the first time.
func (p *Page) Related() []*content.Doc {
	if p.Kind != "case" {
		return nil
	}
	if p.related == nil {
		p.related = p.Site.Related(p.Doc, 4)
		if p.related == nil {
			p.related = []*content.Doc{}
		}
	}
	return p.related
}

// Description is what the page is about, in a sentence or two: for a
// search engine's snippet and a shared link's preview.
func (p *Page) Description() string {
	var d string
	switch {
	case p.Doc != nil && p.Kind != "org":
		d = p.Doc.Summary
	case p.Project != nil:
		d = p.Project.Summary
		if d == "" {
			d = p.Project.Indicator
		}
	case p.Org != nil:
		d = p.Org.Summary
		if d == "" && p.Doc != nil {
			d = p.Doc.Summary
		}
	}
	if d == "" {
		d = p.Site.Description
	}
	return content.Excerpt(d, 120)
}

// Image is the public address of the picture a shared link shows (a
// case's or a write-up's cover), or "" without one or without a base_url
// (a preview needs an absolute address).
func (p *Page) Image() string {
	if p.Doc == nil || p.Site.BaseURL == "" {
		return ""
	}
	pic := p.Doc.Thumb() // the cover, else the body's first picture
	if pic == nil || strings.EqualFold(path.Ext(pic.To), ".svg") {
		return "" // previews show no SVG
	}
	// A shared link's preview needs no more than about 1,200 pixels: the
	// largest copy up to that, not a phone's 4,000-pixel photo.
	to := pic.To
	for _, v := range pic.Variants {
		if v.W <= 1200 {
			to = v.To
		}
	}
	return p.Site.Abs(routes.To(routes.File, to))
}

// Permalink is the page's public address, or "" without a base_url.
func (p *Page) Permalink() string {
	if p.Site.BaseURL == "" {
		return ""
	}
	return p.Site.Abs(p.Route)
}

// Notice is what a preview (serve) says above a document that a build would
// not publish as it is: a draft, a case scheduled for a later day, a case
// without its final review when the site publishes only reviewed ones.
// Empty in a build.
func (p *Page) Notice() string {
	v, d := p.Site, p.Doc
	if !v.preview || d == nil || (p.Kind != "case" && p.Kind != "page" && p.Kind != "org") {
		return ""
	}
	var say []string
	if d.Draft {
		say = append(say, format.Pick(v.Lang, "草稿：生成网站时不会发布（去掉 draft: true 后发布）", "Draft: a build does not publish it (remove draft: true to publish)"))
	}
	if !v.now.IsZero() && d.Date > v.now {
		say = append(say, format.Pick(v.Lang, "定时发布：生成日期到 "+d.Date.String()+" 时才会发布", "Scheduled: published once the build's date reaches "+d.Date.String()))
	}
	return strings.Join(say, format.Pick(v.Lang, "；", "; "))
}

// Pager links the pages of a long list.
type Pager struct {
	Number, Total int
	Prev, Next    *routes.Route // nil at the ends
	First         int           // index of the first item on this page
}

// Pages lists every HTML page of the view in a fixed order.
func (v *View) Pages() []*Page {
	rs := v.Routes()
	ps := make([]*Page, len(rs))
	for i, r := range rs {
		ps[i], _ = v.Page(r)
	}
	return ps
}

// Routes lists the routes of every HTML page of the view, in the order of
// Pages: a build names its files from them and makes each page only as it
// writes it (a province's 1.1 million pages, made up front, held 184 MB).
func (v *View) Routes() []routes.Route {
	m := v.Model
	var rs []routes.Route
	one := func(k routes.Kind, id string) { rs = append(rs, routes.To(k, id)) }
	paged := func(k routes.Kind, id string, n, per int) {
		for i := range max((n+per-1)/per, 1) {
			rs = append(rs, routes.Paged(k, id, i+1))
		}
	}
	one(routes.Home, "")
	paged(routes.Projects, "", len(m.Projects), v.perPage)
	for s := range model.Status(model.NumStatus) {
		paged(routes.StatusList, s.Key(), m.Total.Status[s], v.perPage)
	}
	for _, pr := range m.Projects {
		one(routes.Project, pr.ID)
	}
	one(routes.Orgs, "")
	for _, o := range m.Orgs {
		one(routes.Org, o.ID)
	}
	for _, o := range m.Orgs {
		if n := len(v.CasesByOrg[o.ID]); n > OrgCases {
			paged(routes.OrgCases, o.ID, n, v.casesPer)
		}
	}
	paged(routes.Sites, "", len(v.Demo), SitesPer)
	one(routes.Tasks, "")
	paged(routes.Cases, "", len(v.Docs.Cases), v.casesPer)
	for _, c := range v.Columns {
		paged(routes.Column, c.Slug, len(c.Cases), v.casesPer)
	}
	for _, d := range v.Docs.Cases {
		rs = append(rs, d.Route())
	}
	one(routes.Tags, "")
	for _, tg := range v.Tags {
		paged(routes.Tag, tg.Slug, len(tg.Cases), v.casesPer)
	}
	for _, d := range v.Docs.Pages {
		rs = append(rs, d.Route())
	}
	one(routes.Search, "")
	one(routes.NotFound, "")
	out := rs[:0]
	for _, r := range rs {
		if p, ok := v.Page(r); ok {
			out = append(out, p.Route)
		}
	}
	return out
}

// Page is the page of the view at route r, if the view has one: a server
// makes the one page asked for without listing them all.
func (v *View) Page(r routes.Route) (*Page, bool) {
	m, lang := v.Model, v.Lang
	p := &Page{Route: r, Site: v}
	if r.N == 1 {
		p.Route.N = 0
	}
	single := func(kind, title string) (*Page, bool) {
		p.Kind, p.Title = kind, title
		return p, r.ID == "" && r.N <= 1
	}
	switch r.Kind {
	case routes.Home:
		return single("home", v.Title)
	case routes.Orgs:
		return single("orgs", format.Pick(lang, "组织与排名", "Organizations"))
	case routes.Sites:
		p.Kind, p.Title = "sites", format.Pick(lang, "示范点", "Demonstration sites")
		if p.Pager, p.Sites = pageOf(r, v.Demo, SitesPer); p.Pager == nil || r.ID != "" {
			return nil, false
		}
		return p, true
	case routes.Tasks:
		return single("tasks", format.Pick(lang, "差异化任务清单", "Task menu"))
	case routes.Tags:
		return single("tags", format.Pick(lang, "标签", "Tags"))
	case routes.Search:
		if !v.Search {
			return nil, false
		}
		return single("search", format.Pick(lang, "搜索", "Search"))
	case routes.NotFound:
		return single("404", format.Pick(lang, "页面不存在", "Page not found"))
	case routes.Projects, routes.StatusList:
		p.Kind, p.Title = "projects", format.Pick(lang, "党建项目", "Projects")
		if r.Kind == routes.Projects && r.ID != "" {
			return nil, false
		}
		return v.projectList(p, r)
	case routes.Project:
		p.Kind, p.Project = "project", m.ProjectByID[r.ID]
		if p.Project == nil || r.N > 1 {
			return nil, false
		}
		p.Title, p.Docs = p.Project.Title, v.CasesByProject[r.ID]
		return p, true
	case routes.Org:
		p.Kind, p.Org = "org", m.OrgByID[r.ID]
		if p.Org == nil || r.N > 1 {
			return nil, false
		}
		p.Title, p.Doc, p.Docs = p.Org.Name, v.SiteDoc[r.ID], v.CasesByOrg[r.ID]
		if p.CaseCount = len(p.Docs); p.CaseCount > OrgCases {
			all := routes.To(routes.OrgCases, r.ID)
			p.Docs, p.AllCases = p.Docs[:OrgCases], &all
		}
		return p, true
	case routes.OrgCases:
		p.Kind, p.Org = "org-cases", m.OrgByID[r.ID]
		if p.Org == nil || len(v.CasesByOrg[r.ID]) <= OrgCases {
			return nil, false
		}
		p.Title = format.Pick(lang, p.Org.Name+"的相关案例", "Cases about "+p.Org.Name)
		p.CaseCount = len(v.CasesByOrg[r.ID])
		return v.listing(p, r, v.CasesByOrg[r.ID])
	case routes.Cases:
		p.Kind, p.Title = "cases", format.Pick(lang, "典型案例", "Cases")
		return v.listing(p, r, v.Docs.Cases)
	case routes.Column:
		c := v.columnBySlug[r.ID]
		if c == nil {
			return nil, false
		}
		p.Kind, p.Title, p.Column = "cases", c.Name, c
		return v.listing(p, r, c.Cases)
	case routes.Tag:
		tg := v.tagBySlug[r.ID]
		if tg == nil {
			return nil, false
		}
		p.Kind, p.Title, p.Tag = "tag", tg.Name, tg
		return v.listing(p, r, tg.Cases)
	case routes.Case:
		i, ok := v.caseAt[r.ID]
		if !ok || r.N > 1 {
			return nil, false
		}
		cases := v.Docs.Cases
		d := cases[i]
		p.Kind, p.Title, p.Doc = "case", d.Title, d
		if i+1 < len(cases) {
			p.Prev = cases[i+1]
		}
		if i > 0 {
			p.Next = cases[i-1]
		}
		return p, true
	case routes.Page:
		d := v.pageBySlug[r.ID]
		if d == nil || r.N > 1 {
			return nil, false
		}
		p.Kind, p.Title, p.Doc = "page", d.Title, d
		return p, true
	}
	return nil, false
}

// listing fills in page r of a paged list of cases.
func (v *View) listing(p *Page, r routes.Route, docs []*content.Doc) (*Page, bool) {
	if p.Pager, p.Docs = pageOf(r, docs, v.casesPer); p.Pager == nil {
		return nil, false
	}
	return p, true
}

// pageOf is page r.N of items, per to a page: its pager and the items on
// it; a nil pager when the list has no such page.
func pageOf[T any](r routes.Route, items []T, per int) (*Pager, []T) {
	pg := pager(r, len(items), per)
	if pg == nil {
		return nil, nil
	}
	return pg, items[min(pg.First, len(items)):min(pg.First+per, len(items))]
}

// pager is the pager of page r.N of a list of n items, per to a page (a
// list always has a first page), or nil when the list has no such page.
func pager(r routes.Route, n, per int) *Pager {
	total := max((n+per-1)/per, 1)
	i := max(r.N, 1) - 1
	if i >= total {
		return nil
	}
	pg := &Pager{Number: i + 1, Total: total, First: i * per}
	if i > 0 {
		prev := routes.Paged(r.Kind, r.ID, i)
		pg.Prev = &prev
	}
	if i+1 < total {
		next := routes.Paged(r.Kind, r.ID, i+2)
		pg.Next = &next
	}
	return pg
}
