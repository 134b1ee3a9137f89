package view

import (
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
	Prev    *content.Doc // the older case
	Next    *content.Doc // the newer case
}

// Out is the file the page is written to.
func (p *Page) Out() string { return p.Route.File() }

// Related lists the cases about the same orgs, then with the same tags.
func (p *Page) Related() []*content.Doc {
	if p.Kind != "case" {
		return nil
	}
	return p.Site.Related(p.Doc, 4)
}

// Pager links the pages of a long list.
type Pager struct {
	Number, Total int
	Prev, Next    *routes.Route // nil at the ends
	First         int           // index of the first item on this page
}

// Pages lists every HTML page of the view in a fixed order.
func (v *View) Pages() []*Page {
	m := v.Model
	lang := v.Lang
	var ps []*Page
	add := func(p *Page) { p.Site = v; ps = append(ps, p) }
	add(&Page{Kind: "home", Route: routes.To(routes.Home, ""), Title: v.Title})
	for _, pg := range pagers(routes.Projects, "", len(m.Projects), v.perPage) {
		add(&Page{Kind: "projects", Route: routes.Paged(routes.Projects, "", pg.Number), Title: format.Pick(lang, "党建项目", "Projects"), Pager: pg})
	}
	for _, pr := range m.Projects {
		add(&Page{Kind: "project", Route: routes.To(routes.Project, pr.ID), Title: pr.Title, Project: pr})
	}
	add(&Page{Kind: "orgs", Route: routes.To(routes.Orgs, ""), Title: format.Pick(lang, "组织与排名", "Organizations")})
	for _, o := range m.Orgs {
		add(&Page{Kind: "org", Route: routes.To(routes.Org, o.ID), Title: o.Name, Org: o, Doc: v.SiteDoc[o.ID], Docs: v.CasesByOrg[o.ID]})
	}
	add(&Page{Kind: "sites", Route: routes.To(routes.Sites, ""), Title: format.Pick(lang, "示范点", "Demonstration sites")})
	add(&Page{Kind: "tasks", Route: routes.To(routes.Tasks, ""), Title: format.Pick(lang, "差异化任务清单", "Task menu")})
	for _, p := range v.listing(routes.Cases, "", v.Docs.Cases) {
		p.Kind, p.Title = "cases", format.Pick(lang, "典型案例", "Cases")
		add(p)
	}
	for _, c := range v.Columns {
		for _, p := range v.listing(routes.Column, c.Slug, c.Cases) {
			p.Kind, p.Title, p.Column = "cases", c.Name, c
			add(p)
		}
	}
	cases := v.Docs.Cases
	for i, d := range cases {
		p := &Page{Kind: "case", Route: d.Route(), Title: d.Title, Doc: d}
		if i+1 < len(cases) {
			p.Prev = cases[i+1]
		}
		if i > 0 {
			p.Next = cases[i-1]
		}
		add(p)
	}
	add(&Page{Kind: "tags", Route: routes.To(routes.Tags, ""), Title: format.Pick(lang, "标签", "Tags")})
	for _, tg := range v.Tags {
		for _, p := range v.listing(routes.Tag, tg.Slug, tg.Cases) {
			p.Kind, p.Title, p.Tag = "tag", tg.Name, tg
			add(p)
		}
	}
	for _, d := range v.Docs.Pages {
		add(&Page{Kind: "page", Route: d.Route(), Title: d.Title, Doc: d})
	}
	add(&Page{Kind: "search", Route: routes.To(routes.Search, ""), Title: format.Pick(lang, "搜索", "Search")})
	add(&Page{Kind: "404", Route: routes.To(routes.NotFound, ""), Title: format.Pick(lang, "页面不存在", "Page not found")})
	return ps
}

// listing splits a list of cases into the pages of a paged route.
func (v *View) listing(k routes.Kind, id string, docs []*content.Doc) []*Page {
	var ps []*Page
	for _, pg := range pagers(k, id, len(docs), v.casesPer) {
		ps = append(ps, &Page{Route: routes.Paged(k, id, pg.Number), Pager: pg,
			Docs: docs[min(pg.First, len(docs)):min(pg.First+v.casesPer, len(docs))]})
	}
	return ps
}

// pagers are the pagers of a list of n items, per to a page: always one.
func pagers(k routes.Kind, id string, n, per int) []*Pager {
	total := max((n+per-1)/per, 1)
	ps := make([]*Pager, total)
	for i := range ps {
		ps[i] = &Pager{Number: i + 1, Total: total, First: i * per}
		if i > 0 {
			r := routes.Paged(k, id, i)
			ps[i].Prev = &r
		}
		if i+1 < total {
			r := routes.Paged(k, id, i+2)
			ps[i].Next = &r
		}
	}
	return ps
}
