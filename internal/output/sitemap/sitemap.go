// Package sitemap is the sitemap producer: sitemap.xml, and robots.txt
// when the site has a base_url.
package sitemap

import (
	"encoding/xml"
	"io"

	"github.com/qingdan/qingdan/internal/output"
	"github.com/qingdan/qingdan/internal/routes"
	"github.com/qingdan/qingdan/internal/view"
)

// Files are the sitemap and, with a base_url, robots.txt.
func Files(v *view.View) []output.File {
	fs := []output.File{{Name: routes.To(routes.Sitemap, "").File(), Write: func(w io.Writer) error { return write(w, v) }}}
	if v.BaseURL != "" {
		fs = append(fs, output.Bytes(routes.To(routes.Robots, "").File(),
			[]byte("User-agent: *\nAllow: /\nSitemap: "+v.Abs(routes.To(routes.Sitemap, ""))+"\n")))
	}
	return fs
}

func write(w io.Writer, v *view.View) error {
	type url struct {
		Loc string `xml:"loc"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []url    `xml:"url"`
	}
	var sm urlset
	for _, r := range Routes(v) {
		sm.URLs = append(sm.URLs, url{v.Abs(r)})
	}
	return output.XML(w, sm)
}

// Routes are the pages a sitemap lists: every page but the further pages
// of lists and the 404 page.
func Routes(v *view.View) []routes.Route {
	var rs []routes.Route
	for _, k := range []routes.Kind{routes.Home, routes.Projects, routes.Orgs, routes.Sites, routes.Tasks, routes.Cases, routes.Tags, routes.Search} {
		rs = append(rs, routes.To(k, ""))
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
