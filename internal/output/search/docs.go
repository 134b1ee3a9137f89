package search

import (
	"strings"

	"github.com/qingdan/qingdan/internal/content"
	"github.com/qingdan/qingdan/internal/format"
	"github.com/qingdan/qingdan/internal/routes"
	"github.com/qingdan/qingdan/internal/value"
	"github.com/qingdan/qingdan/internal/view"
)

// The kinds of result, in the order of their ids; results are grouped by
// kind.
const (
	kindCase = iota
	kindOrg
	kindProject
	kindSite
	kindPage
	kindTask
	numKinds
)

// kindNames are each kind's key and its name in Chinese and English.
func kindNames() [numKinds][3]string {
	return [numKinds][3]string{
		{"case", "案例", "Cases"}, {"org", "党组织", "Organizations"}, {"project", "项目", "Projects"},
		{"site", "示范点", "Demonstration sites"}, {"page", "页面", "Pages"}, {"task", "清单事项", "Tasks"},
	}
}

// The fields of a document, weighted for ranking: its title over its
// headings (and the other short fields: subtitle, tags, names) over its
// body.
const (
	fieldTitle = iota
	fieldHead
	fieldBody
	numFields
)

// Doc is one result the search can give: a page, or a place in one.
type Doc struct {
	Kind   int
	Route  routes.Route
	Title  string
	Meta   string              // the line under the title: date, names
	Fields [numFields][]string // what is indexed, by field: its parts, as if joined by line breaks (a page's text is not copied)
	Text   []string            // what a snippet is cut from, in parts
}

// maxText is the most characters of a document's text a snippet is cut
// from; the index holds all of it.
const maxText = 12000

// maxPages is the most pages the index holds: search.js packs a page's id
// into 21 bits of its sort key (a province has about 1.1 million pages).
const maxPages = 1 << 21

// collect lists what the view shows, by kind: cases, orgs, projects,
// demonstration sites (an org with a write-up or a level: the write-up
// and the org are one page), free pages, tasks.
func collect(v *view.View) []Doc {
	lang := v.Lang
	pick := func(zh, en string) string { return format.Pick(lang, zh, en) }
	m := v.Model
	var byKind [numKinds][]Doc
	byKind[kindCase] = made(len(v.Docs.Cases), func(i int) Doc {
		d := v.Docs.Cases[i]
		head := parts(d.Subtitle, d.Caption, d.Column, strings.Join(d.Tags, " "), strings.Join(d.Authors, " "), headings(d))
		capts := captions(d)
		return Doc{
			Kind: kindCase, Route: d.Route(), Title: d.Title,
			Meta:   joinWith(" · ", format.Date(d.Date, lang), d.Column, strings.Join(d.Authors, " ")),
			Fields: [numFields][]string{parts(d.Title), head, parts(d.Summary, d.Text, capts)},
			Text:   parts(d.Subtitle, d.Summary, d.Text, d.Caption, capts, strings.Join(d.Tags, " · ")),
		}
	})
	orgs := made(len(m.Orgs), func(i int) Doc {
		o := m.Orgs[i]
		k := kindOrg
		w := v.SiteDoc[o.ID]
		if w != nil || o.Demo != "" {
			k = kindSite
		}
		typ := value.Label(v.Model.Types, o.Type)
		level := ""
		if o.Demo != "" {
			level = value.Label(value.DemoLevels(), o.Demo) + pick("示范点", " demonstration site")
		}
		secretary := ""
		if o.Secretary != "" {
			secretary = pick("书记 ", "Secretary ") + o.Secretary
		}
		parent := ""
		if o.Parent != nil {
			parent = o.Parent.Name
		}
		doc := Doc{
			Kind: k, Route: routes.To(routes.Org, o.ID), Title: o.Name,
			Meta:   joinWith(" · ", typ, secretary, o.Area, level),
			Fields: [numFields][]string{parts(o.Name), parts(o.Secretary, o.Area, typ, level, parent), parts(o.Summary)},
			Text:   parts(o.Summary),
		}
		if w != nil {
			doc.Fields[fieldHead] = append(doc.Fields[fieldHead], parts(w.Title, w.Subtitle, w.Caption, strings.Join(w.Tags, " "), headings(w))...)
			capts := captions(w)
			doc.Fields[fieldBody] = parts(o.Summary, w.Summary, w.Text, capts)
			doc.Text = parts(w.Title, w.Summary, o.Summary, w.Text, capts)
		}
		return doc
	})
	for _, doc := range orgs {
		byKind[doc.Kind] = append(byKind[doc.Kind], doc)
	}
	byKind[kindProject] = made(len(m.Projects), func(i int) Doc {
		p := m.Projects[i]
		org, task := "", ""
		if p.Org != nil {
			org = p.Org.Name
		}
		if p.Task != nil {
			task = p.Task.Title
		}
		return Doc{
			Kind: kindProject, Route: routes.To(routes.Project, p.ID), Title: p.Title,
			Meta:   joinWith(" · ", org, pick("责任人 ", "Owner ")+p.Owner, format.Status(p.Status, lang)),
			Fields: [numFields][]string{parts(p.Title), parts(p.Indicator, p.Owner, p.Category, org, task), parts(p.Summary)},
			Text:   parts(p.Summary, pick("指标：", "Indicator: ")+p.Indicator, joinWith(" · ", p.Category, task)),
		}
	})
	byKind[kindPage] = made(len(v.Docs.Pages), func(i int) Doc {
		d := v.Docs.Pages[i]
		capts := captions(d)
		return Doc{
			Kind: kindPage, Route: d.Route(), Title: d.Title, Meta: d.Subtitle,
			Fields: [numFields][]string{parts(d.Title), parts(d.Subtitle, headings(d)), parts(d.Summary, d.Text, capts)},
			Text:   parts(d.Summary, d.Text, capts),
		}
	})
	byKind[kindTask] = made(len(m.Tasks), func(i int) Doc {
		tk := m.Tasks[i]
		kind := value.Label(value.TaskKinds(), tk.Kind)
		return Doc{
			Kind: kindTask, Route: routes.To(routes.Task, tk.ID), Title: tk.Title,
			Meta:   joinWith(" · ", tk.Category, kind),
			Fields: [numFields][]string{parts(tk.Title), parts(tk.Category, kind), parts(tk.Description)},
			Text:   parts(tk.Description),
		}
	})
	docs := make([]Doc, 0, len(v.Docs.Cases)+len(m.Orgs)+len(m.Projects)+len(v.Docs.Pages)+len(m.Tasks))
	for _, ds := range byKind {
		docs = append(docs, ds...)
	}
	return docs[:min(len(docs), maxPages)]
}

// made is the n documents doc makes, in order, made on all cores (see
// inRanges): a case's captions are read from its whole body, and a
// province has a million projects. A build lists the index's files
// before any is written, so this was a core's work while the other waited.
func made(n int, doc func(i int) Doc) []Doc {
	out := make([]Doc, n)
	inRanges(n, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			out[i] = doc(i)
		}
	})
	return out
}

func headings(d *content.Doc) string {
	var hs []string
	for _, h := range d.Headings {
		hs = append(hs, h.Text)
	}
	return strings.Join(hs, "\n")
}

// fieldLen is the length of a field's parts joined by line breaks, in
// bytes, or in runes with count.
func fieldLen(ps []string, count func(string) int) int {
	n := max(len(ps)-1, 0)
	for _, p := range ps {
		n += count(p)
	}
	return n
}

func byteLen(s string) int { return len(s) }

func joinWith(sep string, parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			if b.Len() > 0 {
				b.WriteString(sep)
			}
			b.WriteString(p)
		}
	}
	return b.String()
}

// parts lists the parts that are not empty.
func parts(ps ...string) []string {
	var out []string
	for _, p := range ps {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// cut is the parts up to n runes in all.
func cut(ps []string, n int) []string {
	if len(ps) > 0 && fieldLen(ps, byteLen) <= n { // no more runes than bytes: all of it (most articles)
		return ps
	}
	var out []string
	for _, p := range ps {
		if n == 0 {
			break
		}
		for i := range p {
			if n == 0 {
				return append(out, p[:i])
			}
			n--
		}
		out = append(out, p)
	}
	return out
}
