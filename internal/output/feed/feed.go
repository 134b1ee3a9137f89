// Package feed is the Atom feed producer: feed.xml, the newest cases with
// their full text.
package feed

import (
	"bytes"
	"encoding/xml"
	"io"

	"github.com/qingdan/qingdan/internal/content"
	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/output"
	"github.com/qingdan/qingdan/internal/routes"
	"github.com/qingdan/qingdan/internal/view"
)

// Entries is how many of the newest cases feed.xml carries.
const Entries = 50

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	Title     string      `xml:"title"`
	ID        string      `xml:"id"`
	Updated   string      `xml:"updated"`
	Published string      `xml:"published"`
	Link      atomLink    `xml:"link"`
	Authors   []atomName  `xml:"author"`
	Category  []atomCat   `xml:"category"`
	Summary   string      `xml:"summary"`
	Content   atomContent `xml:"content"`
}

type atomName struct {
	Name string `xml:"name"`
}

type atomCat struct {
	Term string `xml:"term,attr"`
}

type atomContent struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

func stamp(d model.Date) string { return d.String() + "T00:00:00Z" }

// Files is the feed.
func Files(v *view.View) []output.File {
	return []output.File{{Name: routes.To(routes.Feed, "").File(), Write: func(w io.Writer) error { return write(w, v) }}}
}

// id is an entry's permanent id: its URL with a base_url, else a URN.
func id(v *view.View, r routes.Route, urn string) string {
	if v.BaseURL != "" {
		return v.Abs(r)
	}
	return "urn:qingdan:" + urn
}

// body is a case's text for a feed reader: links are absolute with a
// base_url (a reader resolves relative ones against the feed, not the
// page), else relative to the case's page; charts are left out.
func body(v *view.View, d *content.Doc) string {
	var b bytes.Buffer
	from := d.Route()
	d.Body.Resolve(&b, func(to routes.Route, frag string) string {
		u := v.Style.Link(from, to)
		if v.BaseURL != "" {
			u = v.BaseURL + to.Path()
		}
		if frag != "" {
			u += "#" + frag
		}
		return u
	}, nil)
	return b.String()
}

func write(w io.Writer, v *view.View) error {
	cases := v.Docs.Cases
	f := atomFeed{Lang: v.Lang, Title: v.Title, ID: id(v, routes.To(routes.Home, ""), "feed"), Updated: stamp(v.Model.AsOf)}
	f.Links = []atomLink{{Rel: "self", Href: v.Abs(routes.To(routes.Feed, ""))}, {Href: v.Abs(routes.To(routes.Home, ""))}}
	if len(cases) > 0 {
		f.Updated = stamp(cases[0].Date)
	}
	for _, d := range cases[:min(len(cases), Entries)] {
		e := atomEntry{
			Title: d.Title, ID: id(v, d.Route(), "cases:"+d.Slug),
			Updated: stamp(d.Date), Published: stamp(d.Date),
			Link:    atomLink{Href: v.Abs(d.Route())},
			Summary: d.Summary, Content: atomContent{Type: "html", Body: body(v, d)},
		}
		for _, a := range d.Authors {
			e.Authors = append(e.Authors, atomName{a})
		}
		if len(e.Authors) == 0 {
			e.Authors = []atomName{{v.Title}}
		}
		for _, tg := range d.Tags {
			e.Category = append(e.Category, atomCat{tg})
		}
		f.Entries = append(f.Entries, e)
	}
	return output.XML(w, f)
}
