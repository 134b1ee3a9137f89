package view

import (
	"sync"

	"github.com/qingdan/qingdan/internal/format"
	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/routes"
)

// allList is the index of the list of every project among a view's
// project lists; 0 to model.NumStatus-1 are the lists of one status.
const allList = model.NumStatus

// lists are the project lists: every project, and those of each status, in
// the order the lists show them. That order follows the org tree, depth
// first (an org's own projects, then each sub-organization's in turn), so
// that the projects of any org and its sub-organizations stand together in
// every list, and a link can open the page where they begin.
type lists struct {
	rows  [allList + 1][]*model.Project
	start map[string]*[allList + 1]int32 // by org id: where its subtree's projects begin in each list
	orgs  [allList + 1]struct {          // each list's org filter, made when a page first asks
		once sync.Once
		v    []OrgPage
	}
}

// orgLimit is how many orgs a list's org filter offers at most.
const orgLimit = 300

func newLists(m *model.Site) *lists {
	l := &lists{start: make(map[string]*[allList + 1]int32, len(m.Orgs))}
	l.rows[allList] = make([]*model.Project, 0, len(m.Projects))
	var walk func(o *model.Org)
	walk = func(o *model.Org) {
		var at [allList + 1]int32
		for i := range at {
			at[i] = int32(len(l.rows[i]))
		}
		l.start[o.ID] = &at
		for _, pr := range o.Projects {
			l.rows[allList] = append(l.rows[allList], pr)
			l.rows[pr.Status] = append(l.rows[pr.Status], pr)
		}
		for _, c := range o.Children {
			walk(c)
		}
	}
	for _, r := range m.Roots {
		walk(r)
	}
	return l
}

// List is a project list: every project (Status nil) or those of one
// status. Its pages are routes.Projects or routes.StatusList.
type List struct {
	Status *model.Status
	Rows   []*model.Project // this page's
	Count  int              // on every page
}

// Chip is one status figure above a project list or on an org page: how
// many projects have the status and where the list of them begins.
type Chip struct {
	Status  model.Status
	Count   int
	Route   *routes.Route // nil without projects to show
	Org     string        // the org the list is to show, in the link's ?org=
	Current bool          // the list shown is this one
}

// Chips are the status figures of the project list (o nil) or of org o:
// each leads to the list of that status, at the page where the org's
// projects begin; the current status's figure leads back to every status.
func (p *Page) Chips(o *model.Org) []Chip {
	v := p.Site
	roll := v.Model.Total
	if o != nil {
		roll = o.Roll
	}
	chips := make([]Chip, model.NumStatus)
	for s := range model.Status(model.NumStatus) {
		c := Chip{Status: s, Count: roll.Status[s]}
		c.Current = p.List != nil && p.List.Status != nil && *p.List.Status == s
		list := int(s)
		if c.Current {
			list = allList
		}
		if c.Count > 0 || c.Current {
			r := v.listPage(list, o)
			c.Route = &r
		}
		if o != nil {
			c.Org = o.ID
		}
		chips[s] = c
	}
	return chips
}

// AllProjects is the project list's page where org o's projects begin.
func (p *Page) AllProjects(o *model.Org) routes.Route { return p.Site.listPage(allList, o) }

// listPage is the page of list i where org o's projects begin (its first
// page for o nil or an org without any there).
func (v *View) listPage(i int, o *model.Org) routes.Route {
	n := 1
	if o != nil {
		if at := v.lists().start[o.ID]; at != nil {
			n = int(at[i])/v.perPage + 1
		}
	}
	if i == allList {
		return routes.Paged(routes.Projects, "", n)
	}
	return routes.Paged(routes.StatusList, model.Status(i).Key(), n)
}

// OrgPages are, for the org filter of a project list page, the orgs with
// projects in the list and the page of the list where each begins, in the
// tree's order; past orgLimit orgs, the deepest levels are left out (the
// text filter and the org pages reach those).
func (p *Page) OrgPages() []OrgPage {
	v, l := p.Site, p.List
	if l == nil {
		return nil
	}
	i := allList
	if l.Status != nil {
		i = int(*l.Status)
	}
	f := &v.lists().orgs[i]
	f.once.Do(func() { f.v = v.orgPages(i, orgLimit) })
	return f.v
}

func (v *View) orgPages(i, limit int) []OrgPage {
	count := func(o *model.Org) int {
		if i == allList {
			return o.Roll.Projects
		}
		return o.Roll.Status[i]
	}
	var out []OrgPage
	for depth := 0; ; depth++ {
		var level []OrgPage
		deeper := false
		var walk func(o *model.Org)
		walk = func(o *model.Org) {
			if count(o) == 0 || (out != nil && len(level) > limit) {
				return
			}
			level = append(level, OrgPage{Org: o, Page: v.listPage(i, o).N})
			if o.Depth < depth {
				for _, c := range o.Children {
					walk(c)
				}
			} else if len(o.Children) > 0 {
				deeper = true
			}
		}
		for _, r := range v.Model.Roots {
			walk(r)
		}
		if len(level) > limit && out != nil {
			return out
		}
		out = level
		if !deeper {
			return out
		}
	}
}

// OrgPage is an org of a list's filter and the page where its projects
// begin.
type OrgPage struct {
	Org  *model.Org
	Page int
}

func (v *View) lists() *lists {
	v.listOnce.Do(func() { v.list = newLists(v.Model) })
	return v.list
}

// projectList fills in page r of a project list: every project, or those of
// one status (r.ID its key), titled by it.
func (v *View) projectList(p *Page, r routes.Route) (*Page, bool) {
	l := &List{}
	rows := v.lists().rows[allList]
	if r.Kind == routes.StatusList {
		s, ok := model.ParseStatus(r.ID)
		if !ok {
			return nil, false
		}
		l.Status = &s
		rows = v.lists().rows[s]
		name := format.Status(s, v.Lang)
		p.Title = format.Pick(v.Lang, name+"的项目", "Projects: "+name)
	}
	if p.Pager, l.Rows = pageOf(r, rows, v.perPage); p.Pager == nil {
		return nil, false
	}
	l.Count = len(rows)
	p.List = l
	return p, true
}

// Paged is page n of the list the page is a page of.
func (p *Page) Paged(n int) routes.Route { return routes.Paged(p.Route.Kind, p.Route.ID, n) }
