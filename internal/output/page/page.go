package page

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/qingdan/qingdan/internal/chart"
	"github.com/qingdan/qingdan/internal/content"
	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/output"
	"github.com/qingdan/qingdan/internal/routes"
	"github.com/qingdan/qingdan/internal/view"
)

// Page is what a layout is executed with: a page of the view, with its
// charts and the body of the document it shows.
//
// The view's page is copied, not embedded: text/template looks a field up
// by name on every use, and a field promoted from an embedded struct is
// found only by reflect's breadth-first search, which costs more than the
// rest of the lookup (a county build made a million such lookups).
// TestPageMirrorsView keeps the copy in step with view.Page.
type Page struct {
	Route     routes.Route
	Kind      string
	Title     string
	Site      *view.View
	Org       *model.Org
	Project   *model.Project
	Doc       *content.Doc
	Docs      []*content.Doc
	Tag       *view.Tag
	Column    *view.Tag
	Pager     *view.Pager
	Sites     []*model.Org
	List      *view.List
	Prev      *content.Doc
	Next      *content.Doc
	CaseCount int
	AllCases  *routes.Route

	Charts []chart.Chart
	Body   []BodyPart // the document's body, with its embedded charts

	v     *view.Page
	depth int // the route's Depth, worked out once: a page has dozens of links
}

func newPage(v *view.Page) *Page {
	return &Page{
		Route: v.Route, Kind: v.Kind, Title: v.Title, Site: v.Site,
		Org: v.Org, Project: v.Project, Doc: v.Doc, Docs: v.Docs,
		Tag: v.Tag, Column: v.Column, Pager: v.Pager, Sites: v.Sites, List: v.List,
		Prev: v.Prev, Next: v.Next, CaseCount: v.CaseCount, AllCases: v.AllCases,
		v: v, depth: v.Route.Depth(),
	}
}

// The view's page's methods, for layouts.

func (p *Page) Out() string                           { return p.v.Out() }
func (p *Page) Related() []*content.Doc               { return p.v.Related() }
func (p *Page) Description() string                   { return p.v.Description() }
func (p *Page) Image() string                         { return p.v.Image() }
func (p *Page) Permalink() string                     { return p.v.Permalink() }
func (p *Page) Notice() string                        { return p.v.Notice() }
func (p *Page) Chips(o *model.Org) []view.Chip        { return p.v.Chips(o) }
func (p *Page) AllProjects(o *model.Org) routes.Route { return p.v.AllProjects(o) }
func (p *Page) OrgPages() []view.OrgPage              { return p.v.OrgPages() }
func (p *Page) Paged(n int) routes.Route              { return p.v.Paged(n) }

// BodyPart is a piece of a document's HTML, or a chart it embeds.
type BodyPart struct {
	HTML  template.HTML
	Chart *chart.Chart
}

// URL is the link from this page to a site-relative path ("projects/p1/",
// "images/a.jpg"); layouts name pages with the url function instead.
func (p *Page) URL(target string) string { return p.Site.Style.Rel(p.Route.Dir(), target) }

// Root is the link to the site's home page.
func (p *Page) Root() string { return p.Site.Style.LinkAt(p.depth, routes.To(routes.Home, "")) }

// HasCharts reports whether the page needs ECharts.
func (p *Page) HasCharts() bool { return len(p.Charts) > 0 }

// Render writes the page through its layout.
func (s *Bound) Render(w io.Writer, vp *view.Page) error {
	p := newPage(vp)
	p.prepare(&s.projects, &s.statuses)
	return s.execute(w, p)
}

// RenderBytes renders the page into a new slice.
func (s *Bound) RenderBytes(vp *view.Page) ([]byte, error) {
	var buf bytes.Buffer
	err := s.Render(&buf, vp)
	return buf.Bytes(), err
}

// prepare makes the page's charts and body.
func (p *Page) prepare(projects *chart.Projects, statuses *chart.Statuses) {
	v := p.Site
	m, lang := v.Model, v.Lang
	switch p.Kind {
	case "home":
		p.Charts = []chart.Chart{
			statuses.Chart("chart-status", m.Total, lang),
			chart.Committees("chart-committees", v.Committees, lang),
			chart.Trend("chart-trend", m, lang),
		}
	case "project":
		p.Charts = []chart.Chart{projects.Chart("chart-project", p.Project, m.AsOf, v.Notes, lang)}
	case "orgs":
		p.Charts = []chart.Chart{chart.Committees("chart-committees", v.Committees, lang)}
	case "org":
		if p.Doc != nil {
			p.Body, p.Charts = body(p.Doc, p.depth, v, projects)
		}
		if p.Org.Roll.Projects > 0 {
			p.Charts = append(p.Charts, statuses.Chart("chart-status", p.Org.Roll, lang), chart.Org("chart-org", p.Org, lang))
		}
	case "case", "page":
		p.Body, p.Charts = body(p.Doc, p.depth, v, projects)
	}
}

// body resolves a document's body for a page depth folders below the
// site's root: its links through the route table, its embedded charts built
// from the model.
func body(d *content.Doc, depth int, v *view.View, projects *chart.Projects) ([]BodyPart, []chart.Chart) {
	m, lang := v.Model, v.Lang
	var parts []BodyPart
	var charts []chart.Chart
	// The page's text, made once: resolved links are a little longer.
	var buf strings.Builder
	buf.Grow(len(d.Body.HTML) + len(d.Body.HTML)/8)
	link := func(to routes.Route, frag string) string {
		u := v.Style.LinkAt(depth, to)
		if frag != "" {
			u += "#" + frag
		}
		return u
	}
	d.Body.Resolve(&buf, link, func(i int) {
		e := d.Embeds[i]
		id := fmt.Sprintf("chart-embed-%d", i+1)
		var c chart.Chart
		switch e.Kind {
		case "org":
			o := m.OrgByID[e.ID]
			if o == nil {
				return
			}
			c = chart.Org(id, o, lang)
			c.Title = o.Name + " · " + c.Title
		case "project":
			pr := m.ProjectByID[e.ID]
			if pr == nil {
				return
			}
			c = projects.Chart(id, pr, m.AsOf, v.Notes, lang)
			c.Title = pr.Title + " · " + c.Title
			c.Visible = false
		default:
			return
		}
		parts = append(parts, BodyPart{HTML: template.HTML(buf.String())}, BodyPart{Chart: &c})
		charts = append(charts, c)
		buf = strings.Builder{} // the part keeps what was written
	})
	parts = append(parts, BodyPart{HTML: template.HTML(buf.String())})
	return parts, charts
}

// Files are the view's pages, each made and rendered when written.
func Files(b *Bound, v *view.View) []output.File {
	rs := v.Routes()
	fs := make([]output.File, len(rs))
	for i, r := range rs {
		fs[i] = output.File{Name: r.File(), Write: func(w io.Writer) error {
			p, ok := v.Page(r)
			if !ok {
				return fmt.Errorf("no page at %s", r.Path())
			}
			return b.Render(w, p)
		}}
	}
	return fs
}

// File is one page, rendered when written.
func File(b *Bound, p *view.Page) output.File {
	return output.File{Name: p.Out(), Write: func(w io.Writer) error { return b.Render(w, p) }}
}
