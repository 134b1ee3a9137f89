package render

import (
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/format"
	"github.com/qingdan/qingdan/internal/model"
)

// The page kinds, each with a layout of the same name.
var kinds = []string{"home", "projects", "project", "orgs", "org", "sites", "tasks", "cases", "case", "tags", "tag", "search", "page", "404"}

// templates holds one template set per page kind: base.html, the partials
// and the kind's own layout. A file of the same name in the site's layouts/
// folder replaces the theme's.
type templates struct {
	sets   map[string]*template.Template
	origin map[string]string // layout name → the file it came from, as shown
}

// templateErr matches the place at the start of a text/template error.
var templateErr = regexp.MustCompile(`^template: ([^:]+):(\d+)(:\d+)?: `)

// LayoutError is an error in a layout, at its file and line.
type LayoutError struct {
	Pos     diag.Pos // File "layouts/home.html" or "theme layouts/home.html"; Col 0 when unknown
	Msg     string   // text/template's words
	Context string   // "layout home.html", "page index.html"
}

func (e *LayoutError) Error() string { return fmt.Sprintf("%s: %s (%s)", e.Pos, e.Msg, e.Context) }

// where turns a template error into a *LayoutError at the layout file's
// place, file:line[:col], as every other error is.
func (ts *templates) where(err error, context string) error {
	msg := err.Error()
	m := templateErr.FindStringSubmatch(msg)
	if m == nil {
		return fmt.Errorf("%s: %w", context, err)
	}
	file := ts.origin[m[1]]
	if file == "" {
		file = m[1]
	}
	e := &LayoutError{Pos: diag.Pos{File: file}, Msg: msg[len(m[0]):], Context: context}
	e.Pos.Line, _ = strconv.Atoi(m[2])
	if m[3] != "" {
		e.Pos.Col, _ = strconv.Atoi(m[3][1:])
	}
	return e
}

// ParseLayouts parses the theme's layouts with the site's in src over them,
// as a build does, and returns the first error: check finds a broken layout
// without rendering anything.
func ParseLayouts(theme fs.FS, src, lang string) error {
	_, err := loadTemplates(theme, src, &viewRef{v: &View{Lang: lang}})
	return err
}

func loadTemplates(theme fs.FS, src string, ref *viewRef) (*templates, error) {
	ts := &templates{sets: map[string]*template.Template{}, origin: map[string]string{}}
	texts := map[string]string{} // base.html and the partials serve every kind: read once
	read := func(name string) (string, error) {
		if t, ok := texts[name]; ok {
			return t, nil
		}
		local := filepath.Join(src, "layouts", filepath.FromSlash(name))
		if b, err := os.ReadFile(local); err == nil {
			ts.origin[name], texts[name] = "layouts/"+name, string(b)
			return texts[name], nil
		}
		b, err := fs.ReadFile(theme, path.Join("layouts", name))
		if err != nil {
			return "", fmt.Errorf("theme layout %s: %w", name, err)
		}
		ts.origin[name], texts[name] = "theme layouts/"+name, string(b)
		return texts[name], nil
	}
	partials, _ := fs.Glob(theme, "layouts/partials/*.html")
	if local, _ := filepath.Glob(filepath.Join(src, "layouts", "partials", "*.html")); local != nil {
		for _, l := range local {
			name := "layouts/partials/" + filepath.Base(l)
			if !slices.Contains(partials, name) {
				partials = append(partials, name)
			}
		}
	}
	funcs := funcMap(ref)
	for _, kind := range kinds {
		t := template.New(kind).Funcs(funcs)
		names := []string{"base.html"}
		for _, p := range partials {
			names = append(names, strings.TrimPrefix(p, "layouts/"))
		}
		names = append(names, kind+".html")
		for _, n := range names {
			text, err := read(n)
			if err != nil {
				return nil, err
			}
			if _, err := t.New(n).Parse(text); err != nil {
				return nil, ts.where(err, "layout "+n)
			}
		}
		ts.sets[kind] = t
	}
	return ts, nil
}

func (ts *templates) execute(w io.Writer, p *Page) error {
	t := ts.sets[p.Kind]
	if err := t.ExecuteTemplate(w, "base.html", p); err != nil {
		return ts.where(err, "page "+p.Out())
	}
	return nil
}

// viewRef is the view the template functions read: templates are parsed
// once and reused while the layouts stay the same, with a new view each render.
type viewRef struct{ v *View }

func funcMap(ref *viewRef) template.FuncMap {
	lang := ref.v.Lang // part of the configuration, so constant while templates are reused
	return template.FuncMap{
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
		"org":       func(id string) *model.Org { return ref.v.Model.OrgByID[id] },
		"project":   func(id string) *model.Project { return ref.v.Model.ProjectByID[id] },
		"tag":       func(name string) *Tag { return ref.v.TagOf[name] },
		"column":    func(name string) *Tag { return ref.v.ColumnOf[name] },
		"typeLabel": func(key string) string { return ref.v.Model.TypeLabel(key) },
		"ranked":    model.Ranked,
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
		"demo":     func(key string) string { return labelOf(model.DemoLevels, key, lang) },
		"kind":     func(key string) string { return labelOf(model.TaskKinds, key, lang) },
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
	return format.Pick(lang, model.Label(opts, key), key)
}
