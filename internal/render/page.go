package render

import (
	"html/template"
	"path"
	"strings"

	"github.com/qingdan/qingdan/internal/chart"
	"github.com/qingdan/qingdan/internal/content"
	"github.com/qingdan/qingdan/internal/model"
)

// Page is what a layout is executed with.
type Page struct {
	Kind  string // home, projects, project, orgs, org, sites, tasks, cases, case, tags, tag, search, page, 404
	Path  string // the page's folder in OUT: "" for the home page, "projects/p1/"
	Title string
	Site  *View

	Charts  []chart.Chart
	Org     *model.Org
	Project *model.Project
	Doc     *content.Doc
	Docs    []*content.Doc
	Tag     *Tag
	Column  *Tag // a column's listing, with the column as its name
	Pager   *Pager

	Body    []BodyPart     // the document's body, with its embedded charts
	Prev    *content.Doc   // the older case
	Next    *content.Doc   // the newer case
	Related []*content.Doc // cases about the same orgs, then with the same tags

	file    string      // the output file, when not Path + "index.html"
	dep     int         // what, besides the model and config, the page shows (depGlobal, …)
	docFile string      // with depDoc, the document whose body it shows
	prepare func(*Page) // fills in what is costly to make, only for pages rendered
}

// URL returns the link from this page to target, a site-relative path
// ("projects/p1/", "assets/qingdan.css", "" for the home page). Links are
// relative, so the site works under any sub-path; with files links, folder
// links end in index.html so the site also works opened from disk.
func (p *Page) URL(target string) string {
	return p.Site.rel(p.dir(), target)
}

func (p *Page) dir() string {
	if p.file != "" {
		d := path.Dir(p.file)
		if d == "." {
			return ""
		}
		return d + "/"
	}
	return p.Path
}

// Root is the link to the site's root folder.
func (p *Page) Root() string { return p.URL("") }

// HasCharts reports whether the page needs ECharts.
func (p *Page) HasCharts() bool { return len(p.Charts) > 0 }

// Out is the file the page is written to.
func (p *Page) Out() string {
	if p.file != "" {
		return p.file
	}
	return p.Path + "index.html"
}

// rel computes the relative link from folder from (ending in / or "") to target.
func rel(from, target string, files bool) string {
	isDir := target == "" || strings.HasSuffix(target, "/")
	up := strings.Count(from, "/")
	var b strings.Builder
	for range up {
		b.WriteString("../")
	}
	b.WriteString(target)
	s := b.String()
	if isDir && files {
		s += "index.html"
	}
	if s == "" {
		s = "./"
	}
	return s
}

// Pager links the pages of a long list.
type Pager struct {
	Number, Total int
	Prev, Next    string // site-relative, "" at the ends
	First         int    // index of the first item on this page
}

// BodyPart is a piece of a document's HTML, or a chart it embeds.
type BodyPart struct {
	HTML  template.HTML
	Chart *chart.Chart
}

// Tag is a tag (or a column) with its URL slug and its cases.
type Tag struct {
	Name  string
	Slug  string
	Cases []*content.Doc
}
