package render

import (
	"bytes"
	"encoding/json"
	"encoding/xml"

	"github.com/qingdan/qingdan/internal/content"
	"github.com/qingdan/qingdan/internal/format"
	"github.com/qingdan/qingdan/internal/model"
)

// searchIndex writes search/index.js: a classic script that sets
// window.QD_SEARCH, so search works from file:// where nothing can be fetched.
func searchIndex(w Writer, v *View) error {
	type entry struct {
		T string `json:"t"` // title
		U string `json:"u"` // site-relative URL
		K string `json:"k"` // kind
		S string `json:"s"` // snippet
	}
	var es []entry
	lang := v.Lang
	for _, d := range v.Docs.Cases {
		es = append(es, entry{d.Title, "cases/" + d.Slug + "/", format.Pick(lang, "案例", "case"), d.Summary})
	}
	for _, o := range v.Model.Orgs {
		es = append(es, entry{o.Name, "orgs/" + o.ID + "/", format.Pick(lang, "组织", "org"), o.Area})
	}
	for _, p := range v.Model.Projects {
		org := ""
		if p.Org != nil {
			org = p.Org.Name
		}
		es = append(es, entry{p.Title, "projects/" + p.ID + "/", format.Pick(lang, "项目", "project"), org + " · " + p.Indicator})
	}
	for _, tk := range v.Model.Tasks {
		es = append(es, entry{tk.Title, "tasks/#task-" + tk.ID, format.Pick(lang, "清单事项", "task"), tk.Category})
	}
	b, err := json.Marshal(es)
	if err != nil {
		return err
	}
	var out bytes.Buffer
	out.WriteString("window.QD_SEARCH=")
	out.Write(b)
	out.WriteString(";\n")
	return w.Write("search/index.js", out.Bytes())
}

// abs is the public URL of a site-relative path, or the path itself
// without a base_url.
func (v *View) abs(p string) string {
	if v.BaseURL == "" {
		return p
	}
	return v.BaseURL + p
}

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

// FeedEntries is how many of the newest cases feed.xml carries.
const FeedEntries = 50

// feed writes feed.xml: Atom, the newest cases with their full text.
func feed(w Writer, v *View) error {
	f := atomFeed{Lang: v.Lang, Title: v.Title, ID: v.idFor("", "feed"), Updated: stamp(v.Model.AsOf)}
	f.Links = []atomLink{{Rel: "self", Href: v.abs("feed.xml")}, {Href: v.abs("")}}
	if len(v.Docs.Cases) > 0 {
		f.Updated = stamp(v.Docs.Cases[0].Date)
	}
	for _, d := range v.Docs.Cases[:min(len(v.Docs.Cases), FeedEntries)] {
		e := atomEntry{
			Title: d.Title, ID: v.idFor("cases/"+d.Slug+"/", "cases:"+d.Slug),
			Updated: stamp(d.Date), Published: stamp(d.Date),
			Link:    atomLink{Href: v.abs("cases/" + d.Slug + "/")},
			Summary: d.Summary, Content: atomContent{Type: "html", Body: string(d.Body)},
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
	return writeXML(w, "feed.xml", f)
}

// feedBodies lists the documents whose bodies feed.xml carries.
func feedBodies(s *content.Set) []*content.Doc { return s.Cases[:min(len(s.Cases), FeedEntries)] }

// sitemap writes sitemap.xml, and robots.txt when the site has a base_url.
func sitemap(w Writer, v *View) error {
	type url struct {
		Loc string `xml:"loc"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []url    `xml:"url"`
	}
	var sm urlset
	for _, p := range sitemapPaths(v) {
		sm.URLs = append(sm.URLs, url{v.abs(p)})
	}
	if err := writeXML(w, "sitemap.xml", sm); err != nil {
		return err
	}
	if v.BaseURL != "" {
		return w.Write("robots.txt", []byte("User-agent: *\nAllow: /\nSitemap: "+v.BaseURL+"sitemap.xml\n"))
	}
	return nil
}

// idFor is an entry's permanent id: its URL with a base_url, else a URN.
func (v *View) idFor(p, urn string) string {
	if v.BaseURL != "" {
		return v.BaseURL + p
	}
	return "urn:qingdan:" + urn
}

func sitemapPaths(v *View) []string {
	ps := []string{"", "projects/", "orgs/", "sites/", "tasks/", "cases/", "tags/", "search/"}
	for _, p := range v.Model.Projects {
		ps = append(ps, "projects/"+p.ID+"/")
	}
	for _, o := range v.Model.Orgs {
		ps = append(ps, "orgs/"+o.ID+"/")
	}
	for _, d := range v.Docs.Cases {
		ps = append(ps, "cases/"+d.Slug+"/")
	}
	for _, tg := range v.Tags {
		ps = append(ps, "tags/"+tg.Slug+"/")
	}
	for _, d := range v.Docs.Pages {
		ps = append(ps, d.Slug+"/")
	}
	return ps
}

func writeXML(w Writer, name string, v any) error {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", " ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	b.WriteString("\n")
	return w.Write(name, b.Bytes())
}
