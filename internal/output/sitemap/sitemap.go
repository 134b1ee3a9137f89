// Package sitemap is the sitemap producer: sitemap.xml and robots.txt,
// when the site has a base_url.
package sitemap

import (
	"encoding/xml"
	"io"

	"github.com/qingdan/qingdan/internal/output"
	"github.com/qingdan/qingdan/internal/routes"
	"github.com/qingdan/qingdan/internal/view"
)

// PerFile is how many addresses one sitemap file holds at most, as the
// sitemap protocol allows.
const PerFile = 50000

// Files are the sitemap and robots.txt, with a base_url only: the sitemap
// protocol wants absolute addresses. Over PerFile addresses, sitemap.xml is
// an index of sitemap-1.xml, sitemap-2.xml, ….
func Files(v *view.View) []output.File {
	if v.BaseURL == "" {
		return nil
	}
	rs := Routes(v)
	index := routes.To(routes.Sitemap, "")
	fs := []output.File{output.Bytes(routes.To(routes.Robots, "").File(),
		[]byte("User-agent: *\nAllow: /\nSitemap: "+v.Abs(index)+"\n"))}
	if len(rs) <= PerFile {
		return append(fs, output.File{Name: index.File(), Write: func(w io.Writer) error { return urls(w, v, rs) }})
	}
	var parts []routes.Route
	for i := 0; i*PerFile < len(rs); i++ {
		part := routes.Paged(routes.Sitemap, "", i+1)
		chunk := rs[i*PerFile : min((i+1)*PerFile, len(rs))]
		parts = append(parts, part)
		fs = append(fs, output.File{Name: part.File(), Write: func(w io.Writer) error { return urls(w, v, chunk) }})
	}
	return append(fs, output.File{Name: index.File(), Write: func(w io.Writer) error {
		type loc struct {
			Loc string `xml:"loc"`
		}
		type sitemapindex struct {
			XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
			Sitemaps []loc    `xml:"sitemap"`
		}
		var si sitemapindex
		for _, p := range parts {
			si.Sitemaps = append(si.Sitemaps, loc{v.Abs(p)})
		}
		return output.XML(w, si)
	}})
}

// urls writes a sitemap of the routes.
func urls(w io.Writer, v *view.View, rs []routes.Route) error {
	type url struct {
		Loc string `xml:"loc"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []url    `xml:"url"`
	}
	sm := urlset{URLs: make([]url, len(rs))}
	for i, r := range rs {
		sm.URLs[i] = url{v.Abs(r)}
	}
	return output.XML(w, sm)
}

// Routes are the pages a sitemap lists: every page but the further pages
// of lists and the 404 page. Which of the single pages a site has is the
// view's to say (a site with search = false has no search page).
func Routes(v *view.View) []routes.Route {
	var rs []routes.Route
	for _, k := range []routes.Kind{routes.Home, routes.Projects, routes.Orgs, routes.Sites, routes.Tasks, routes.Cases, routes.Tags, routes.Search} {
		if _, ok := v.Page(routes.To(k, "")); ok {
			rs = append(rs, routes.To(k, ""))
		}
	}
	for _, p := range v.Model.Projects {
		rs = append(rs, routes.To(routes.Project, p.ID))
	}
	for _, o := range v.Model.Orgs {
		rs = append(rs, routes.To(routes.Org, o.ID))
	}
	for _, d := range v.Docs.Cases {
		rs = append(rs, d.Route())
	}
	for _, tg := range v.Tags {
		rs = append(rs, tg.Route())
	}
	for _, d := range v.Docs.Pages {
		rs = append(rs, d.Route())
	}
	return rs
}
