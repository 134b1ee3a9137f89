package page

import (
	"fmt"
	"html/template"

	"github.com/qingdan/qingdan/internal/content"
	"github.com/qingdan/qingdan/internal/format"
	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/routes"
	"github.com/qingdan/qingdan/internal/value"
	"github.com/qingdan/qingdan/internal/view"
)

// url is the layouts' one way to link: {{url $p "org" .ID}},
// {{url $p "projects"}}, {{url $p "cases" "" 2}} (page 2),
// {{url $p "asset" "qingdan.css"}}, {{url $p "file" .Cover}}, or
// {{url $p .}} for a route, a document or a tag. $p is the page linking.
// A menu entry's address ({{url $p "file" .URL}}) that leads out of the
// site (http, https, mailto, tel, as config allows) is written as it is.
func url(from *Page, to any, args ...any) (any, error) {
	if h, ok := firstArg(args).(routes.Href); ok && to == "file" && h.External() {
		return template.URL(h), nil // config allowed only these schemes
	}
	return link(from, to, args...)
}

func firstArg(args []any) any {
	if len(args) == 0 {
		return nil
	}
	return args[0]
}

func link(from *Page, to any, args ...any) (string, error) {
	if from == nil {
		return "", fmt.Errorf("url: no page to link from")
	}
	var r routes.Route
	switch t := to.(type) {
	case routes.Route:
		r = t
	case *routes.Route:
		if t == nil {
			return "", fmt.Errorf("url: no route")
		}
		r = *t
	case interface{ Route() routes.Route }:
		r = t.Route()
	case string:
		k, ok := routes.Parse(t)
		if !ok {
			return "", fmt.Errorf("url: no kind of page %q", t)
		}
		r.Kind = k
		if len(args) > 0 {
			if id, ok := args[0].(string); ok { // most often, and without fmt
				r.ID = id
			} else {
				r.ID = fmt.Sprint(args[0])
			}
		}
		if len(args) > 1 {
			n, ok := args[1].(int)
			if !ok {
				return "", fmt.Errorf("url: page number %v is not a number", args[1])
			}
			r.N = n
		}
	default:
		return "", fmt.Errorf("url: cannot link to %T", to)
	}
	return from.Site.Style.LinkAt(from.depth, r), nil
}

// Card is what the partial "case-item" shows: a case (Doc) in a list on
// Page, its title a heading of the second level (H2) or the third.
type Card struct {
	Page *Page
	Doc  *content.Doc
	H2   bool
}

// Pic is what the partials "picture" and "thumb" show: a picture on Page,
// loaded when near the screen (Lazy) or at once; pic leaves Lazy false,
// and a layout that wants it passes a dict instead.
type Pic struct {
	Page *Page
	Pic  *content.Picture
	Lazy bool
}

// funcMap is the layouts' functions; those that look things up read v (nil
// while layouts are only parsed).
func funcMap(lang string, v *view.View) template.FuncMap {
	site := func() *model.Site {
		if v == nil {
			return &model.Site{}
		}
		return v.Model
	}
	return template.FuncMap{
		"url": url,
		// bound to the layouts in Set.For; here for parsing
		"partialCached": func(string, any, ...any) (template.HTML, error) {
			return "", fmt.Errorf("partialCached: layouts not bound")
		},
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fmt.Errorf("dict needs key value pairs")
			}
			d := map[string]any{}
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict key %v is not a string", kv[i])
				}
				d[k] = kv[i+1]
			}
			return d, nil
		},
		// card and pic give the partials "case-item" and "thumb" (or
		// "picture") what dict would, as a struct: a list of 10,000
		// articles shows some 140,000 of them, and a map each (with its
		// keys looked up by hash at every .Page and .Doc) was 100 MB.
		"card":    func(p *Page, d *content.Doc, h2 bool) *Card { return &Card{Page: p, Doc: d, H2: h2} },
		"pic":     func(p *Page, pic *content.Picture) *Pic { return &Pic{Page: p, Pic: pic} },
		"org":     func(id string) *model.Org { return site().OrgByID[id] },
		"project": func(id string) *model.Project { return site().ProjectByID[id] },
		"tag": func(name string) *view.Tag {
			if v == nil {
				return nil
			}
			return v.TagOf[name]
		},
		"column": func(name string) *view.Tag {
			if v == nil {
				return nil
			}
			return v.ColumnOf[name]
		},
		"typeLabel": func(key string) string { return site().TypeLabel(key) },
		"ranked":    model.Ranked,
		// lineage is the ids of an org's ancestors and its own, "a b c": a
		// row's data-orgs, which the org filter reads.
		"lineage": func(o *model.Org) string {
			if o == nil {
				return ""
			}
			n := len(o.ID)
			for a := o.Parent; a != nil; a = a.Parent {
				n += len(a.ID) + 1
			}
			b := make([]byte, n)
			for a := o; a != nil; a = a.Parent {
				n -= len(a.ID)
				copy(b[n:], a.ID)
				if n > 0 {
					n--
					b[n] = ' '
				}
			}
			return string(b)
		},
		"ancestors": func(o *model.Org) []*model.Org {
			var as []*model.Org
			for a := o.Parent; a != nil; a = a.Parent {
				as = append([]*model.Org{a}, as...)
			}
			return as
		},
		"coverage": func(tk *model.Task, typ string) *model.Coverage {
			for i := range tk.Coverage {
				if tk.Coverage[i].Type == typ {
					return &tk.Coverage[i]
				}
			}
			return nil
		},
		"allCovered": func(tk *model.Task) bool {
			for _, c := range tk.Coverage {
				if len(c.Missing) > 0 {
					return false
				}
			}
			return true
		},
		"t":        func(zh, en string) string { return format.Pick(lang, zh, en) },
		"pct":      format.Percent,
		"pctp":     format.PercentPtr,
		"pct100":   func(p float64) string { return format.Plain(format.Round(p*100, 1)) },
		"num":      func(f float64) string { return format.Number(f, lang) },
		"int":      func(n int) string { return format.Number(float64(n), lang) },
		"plain":    format.Plain,
		"date":     func(d model.Date) string { return format.Date(d, lang) },
		"iso":      func(d model.Date) string { return d.String() },
		"status":   func(s model.Status) string { return format.Status(s, lang) },
		"statuses": format.Statuses,
		"count":    func(r model.Rollup, s model.Status) int { return r.Status[s] },
		"demo":     func(key string) string { return labelOf(value.DemoLevels(), key, lang) },
		"kind":     func(key string) string { return labelOf(value.TaskKinds(), key, lang) },
		"minutes":  func(runes int) int { return max(1, (runes+399)/400) },
		"add":      func(a, b int) int { return a + b },
		"seq": func(n int) []int {
			s := make([]int, n)
			for i := range s {
				s[i] = i
			}
			return s
		},
		"slice": func(xs []*model.Project, from, n int) []*model.Project {
			return xs[min(from, len(xs)):min(from+n, len(xs))]
		},
	}
}

func labelOf(opts []model.OrgType, key, lang string) string {
	return format.Pick(lang, value.Label(opts, key), key)
}
