package content

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/value"
)

// known lists the front matter keys each kind of document takes.
var known = map[string][]string{
	Case: {"title", "subtitle", "date", "column", "authors", "orgs", "projects", "tags", "cover", "caption", "summary", "draft", "featured", "figures", "review", "slug", "toc"},
	Site: {"org", "title", "cover", "caption", "summary", "figures", "draft", "toc"},
	Page: {"title", "slug", "summary", "draft", "date", "toc"},
}

// reviewSteps are the three review steps, with the English keys also accepted.
var reviewSteps = []struct{ zh, en string }{{"初审", "first"}, {"复审", "second"}, {"终审", "final"}}

// apply sets the document's fields, reporting unknown keys (warnings) and
// values of the wrong type (errors) at their lines.
func (d *Doc) apply(fields []field, l *diag.List) {
	keys := known[d.Kind]
	for _, f := range fields {
		d.lines[f.key] = f.line
		at := diag.Pos{File: d.File, Line: f.line}
		if !slices.Contains(keys, f.key) {
			l.Warn(at, "front.unknown", diag.Quote(f.key), diag.Names(keys))
			continue
		}
		bad := func(want string) {
			l.Error(at, "front.type", f.key, diag.M("kind."+want), diag.Quote(fmt.Sprint(f.value)))
		}
		str := func(p *string) {
			if s, ok := f.value.(string); ok {
				*p = strings.TrimSpace(s)
			} else if f.value != nil {
				bad("text")
			}
		}
		list := func(p *[]string) {
			switch v := f.value.(type) {
			case string:
				*p = splitTags(v)
			case []any:
				for _, x := range v {
					s, ok := x.(string)
					if !ok {
						bad("list")
						return
					}
					if s = strings.TrimSpace(s); s != "" {
						*p = append(*p, s)
					}
				}
			case nil:
			default:
				bad("list")
			}
		}
		boolean := func(p *bool) {
			if b, ok := f.value.(bool); ok {
				*p = b
			} else {
				bad("bool")
			}
		}
		switch f.key {
		case "title":
			str(&d.Title)
		case "subtitle":
			str(&d.Subtitle)
		case "column":
			str(&d.Column)
		case "cover":
			str(&d.Cover)
			d.Cover = coverPath(d.Cover)
		case "caption":
			str(&d.Caption)
		case "summary":
			str(&d.Summary)
		case "org":
			str(&d.Org)
		case "slug":
			str(&d.Slug)
			if d.Slug != "" && !slugRe.MatchString(d.Slug) {
				l.Error(at, "doc.badSlug", diag.Quote(d.Slug))
				d.Slug = ""
			}
		case "authors":
			list(&d.Authors)
		case "orgs":
			list(&d.Orgs)
		case "projects":
			list(&d.Projects)
		case "tags":
			list(&d.Tags)
		case "draft":
			boolean(&d.Draft)
		case "featured":
			boolean(&d.Featured)
		case "toc":
			boolean(&d.TOC)
		case "date":
			s, ok := asDate(f.value)
			if !ok {
				bad("date")
				continue
			}
			date, why := value.ParseDate(s)
			if why != nil {
				l.Error(at, "front.date", diag.Quote(s), *why)
				continue
			}
			d.Date = date
		case "figures":
			d.figures(f, at, l)
		case "review":
			d.review(f, at, l)
		}
	}
}

// coverPath is the front matter's cover, a path under static/, with the
// separators a Windows user types (images\photo.jpg) made slashes and the
// path cleaned, as picture paths in a body are. An address with a scheme, a
// host or a drive letter (https://…, //host/…, \\server\…, C:\…) stays as
// written, for the message that refuses it.
func coverPath(s string) string {
	if s == "" || strings.Contains(s, ":") || strings.HasPrefix(s, "//") || strings.HasPrefix(s, `\\`) {
		return s
	}
	return path.Clean(strings.ReplaceAll(s, `\`, "/"))
}

// splitTags accepts "a, b、c" as well as a list.
func splitTags(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' || r == '|' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func (d *Doc) figures(f field, at diag.Pos, l *diag.List) {
	items, ok := f.value.([]any)
	if !ok {
		l.Error(at, "front.type", f.key, diag.M("kind.figures"), diag.Quote(fmt.Sprint(f.value)))
		return
	}
	for _, it := range items {
		m, ok := it.(map[string]any)
		if !ok {
			l.Error(at, "front.figure")
			continue
		}
		fig := Figure{}
		fig.Label, _ = m["label"].(string)
		fig.Unit, _ = m["unit"].(string)
		switch v := m["value"].(type) {
		case int:
			fig.Value = float64(v)
		case int64:
			fig.Value = float64(v)
		case uint64:
			fig.Value = float64(v)
		case float64:
			fig.Value = v
		case string:
			n, why := value.ParseNumber(v)
			if why != nil {
				l.Error(at, "front.figure")
				continue
			}
			fig.Value = n
		default:
			l.Error(at, "front.figure")
			continue
		}
		if fig.Label == "" {
			l.Error(at, "front.figure")
			continue
		}
		d.Figures = append(d.Figures, fig)
	}
}

func (d *Doc) review(f field, at diag.Pos, l *diag.List) {
	m, ok := f.value.(map[string]any)
	if !ok {
		l.Error(at, "front.type", f.key, diag.M("kind.table"), diag.Quote(fmt.Sprint(f.value)))
		return
	}
	for k := range m {
		found := false
		for _, s := range reviewSteps {
			found = found || k == s.zh || k == s.en
		}
		if !found {
			l.Warn(at, "front.reviewStep", diag.Quote(k))
		}
	}
	for _, s := range reviewSteps {
		v, ok := m[s.zh]
		if !ok {
			v, ok = m[s.en]
		}
		if !ok {
			continue
		}
		step, ok := v.(map[string]any)
		if !ok {
			l.Error(at, "front.review", s.zh)
			continue
		}
		r := Review{Step: s.zh, Date: value.NoDate}
		r.Reviewer, _ = step["reviewer"].(string)
		if ds, ok := asDate(step["date"]); ok {
			if date, why := value.ParseDate(ds); why == nil {
				r.Date = date
			} else {
				l.Error(at, "front.date", diag.Quote(ds), *why)
			}
		}
		if r.Reviewer == "" {
			l.Error(at, "front.review", s.zh)
			continue
		}
		d.Reviews = append(d.Reviews, r)
	}
}
