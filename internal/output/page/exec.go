package page

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"text/template/parse"

	"github.com/qingdan/qingdan/internal/chart"
	"github.com/qingdan/qingdan/internal/content"
	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/routes"
	"github.com/qingdan/qingdan/internal/tmplexec"
	"github.com/qingdan/qingdan/internal/view"
)

// Pages are executed by tmplexec, which runs the escaped layouts as
// text/template does with far less reflection; whatever it leaves
// (an error, above all) is executed by text/template itself, which then
// reports it in its own words.
//
// The escaped layouts call html/template's escapers by names only
// html/template can call. For each, every copy of the layouts has a probe:
// a template of one action, {{. | escaper}}, escaped first (as HTML text)
// and then rewritten, which tmplexec calls as a function.

// htmlEscapers are the escapers html/template may put into a layout.
var htmlEscapers = []string{
	"_html_template_attrescaper", "_html_template_commentescaper", "_html_template_cssescaper",
	"_html_template_cssvaluefilter", "_html_template_htmlnamefilter", "_html_template_htmlescaper",
	"_html_template_jsregexpescaper", "_html_template_jsstrescaper", "_html_template_jstmpllitescaper",
	"_html_template_jsvalescaper", "_html_template_nospaceescaper", "_html_template_rcdataescaper",
	"_html_template_srcsetescaper", "_html_template_urlescaper", "_html_template_urlfilter",
	"_html_template_urlnormalizer", "_eval_args_",
}

func probeName(escaper string) string { return "_qingdan_probe" + escaper }

// addProbes adds the probes, still plain {{.}}, to a set being parsed.
func addProbes(t *template.Template) error {
	for _, e := range htmlEscapers {
		if _, err := t.New(probeName(e)).Parse("{{.}}"); err != nil {
			return err
		}
	}
	return nil
}

// probes escapes the probes of a copy of the layouts, rewrites each to
// call its escaper, and returns the escapers as functions.
func probes(c *template.Template) (map[string]any, error) {
	fs := map[string]any{}
	for _, e := range htmlEscapers {
		pt := c.Lookup(probeName(e))
		if pt == nil {
			return nil, fmt.Errorf("no probe for %s", e)
		}
		escape(c, probeName(e))
		trees, err := parse.Parse("probe", "{{. | "+e+"}}", "", "", map[string]any{e: true})
		if err != nil {
			return nil, err
		}
		pt.Tree.Root.Nodes = trees["probe"].Root.Nodes
		fs[e] = func(args ...any) (string, error) {
			if len(args) != 1 {
				return "", fmt.Errorf("%s: %d arguments", e, len(args))
			}
			if _, ok := args[0].(reflect.Value); ok {
				return "", fmt.Errorf("%s: a reflect.Value", e)
			}
			var b strings.Builder
			err := pt.Execute(&b, args[0])
			return b.String(), err
		}
	}
	return fs, nil
}

// program compiles the layouts of one kind (the trees of an escaped,
// folded copy) for tmplexec with the binding's functions, and the escapers
// the copy's probes give.
func (b *Bound) program(trees map[string]*parse.Tree, escapers map[string]any) *tmplexec.Program {
	funcs := make(map[string]any, len(b.funcs)+len(escapers))
	for name, f := range b.funcs {
		funcs[name] = f
	}
	for name, f := range escapers {
		funcs[name] = f
	}
	es := map[string]*escaping{}
	for _, e := range b.es {
		es[escaperName(e)] = e
	}
	return tmplexec.Compile(trees, tmplexec.Options{Funcs: funcs, Direct: func(name string, f any) tmplexec.Direct {
		if e := es[name]; e != nil {
			return escaperDirect(e)
		}
		return direct(f)
	}, Reflected: func() { b.reflected.Add(1) }, Writes: func(name string) tmplexec.Write {
		if e := es[name]; e != nil {
			return escaperWrite(e)
		}
		return nil
	}})
}

// escaperWrite writes a string that one escaping keeps as it is, as
// printing the escaper's result would.
func escaperWrite(e *escaping) tmplexec.Write {
	return func(w *bytes.Buffer, v reflect.Value) bool {
		str, ok := e.keptValue(v)
		if ok {
			w.WriteString(str)
		}
		return ok
	}
}

var stringType = reflect.TypeFor[string]()

// keptValue is v's text when v is a string (not a named string type) that
// e leaves as it is.
func (e *escaping) keptValue(v reflect.Value) (string, bool) {
	if v.Kind() != reflect.String || v.Type() != stringType {
		return "", false
	}
	str := v.String()
	return str, e.keeps(str)
}

// escaperDirect calls one escaping as a function: a string it keeps is its
// own result.
func escaperDirect(e *escaping) tmplexec.Direct {
	return func(args []reflect.Value, box *tmplexec.Box) (reflect.Value, error, bool) {
		v := args[0]
		if _, ok := e.keptValue(v); ok {
			return v, nil, true
		}
		return box.String(e.apply(v.Interface())), nil, true
	}
}

// direct calls the layouts' functions of the shapes they have, and the
// methods they call (as method expressions, (*Page).Description), without
// reflection.
func direct(f any) tmplexec.Direct {
	switch f := f.(type) {
	case func(*Page) string:
		return tmplexec.Func1(f)
	case func(*Page) bool:
		return tmplexec.Func1(f)
	case func(*Page) []*content.Doc:
		return tmplexec.Func1(f)
	case func(*Page) []view.OrgPage:
		return tmplexec.Func1(f)
	case func(*Page, *model.Org) []view.Chip:
		return tmplexec.Func2(f)
	case func(*Page, *model.Org) routes.Route:
		return tmplexec.Func2(f)
	case func(*Page, string) string:
		return tmplexec.Func2(f)
	case func(*Page, int) routes.Route:
		return tmplexec.Func2(f)
	case func(*content.Doc) []content.Byline:
		return tmplexec.Func1(f)
	case func(*content.Doc) *content.Picture:
		return tmplexec.Func1(f)
	case func(*content.Doc) routes.Route:
		return tmplexec.Func1(f)
	case func(*content.Picture) string:
		return tmplexec.Func1(f)
	case func(*content.Picture) int:
		return tmplexec.Func1(f)
	case func(*content.Picture) []content.Variant:
		return tmplexec.Func1(f)
	case func(chart.Row) string:
		return tmplexec.Func1(f)
	case func(chart.Row) []string:
		return tmplexec.Func1(f)
	case func(*chart.Row) string:
		return tmplexec.Func1(f)
	case func(*chart.Row) []string:
		return tmplexec.Func1(f)
	case func(model.Date) string:
		return tmplexec.Func1(f)
	case func(float64) string:
		return tmplexec.Func1(f)
	case func(*float64) string:
		return tmplexec.Func1(f)
	case func(int) string:
		return tmplexec.Func1(f)
	case func(string) string:
		return tmplexec.Func1(f)
	case func(model.Status) string:
		return tmplexec.Func1(f)
	case func(*model.Status) string: // .Status.Key
		return tmplexec.Func1(f)
	case func(*model.Rollup) *float64:
		return tmplexec.Func1(f)
	case func(*model.Date) bool: // .Founded.IsZero
		return tmplexec.Func1(f)
	case func(*view.View) int:
		return tmplexec.Func1(f)
	case func(*view.View) bool:
		return tmplexec.Func1(f)
	case func(*view.View) []string:
		return tmplexec.Func1(f)
	case func(*view.View, model.Coverage) view.Gap:
		return tmplexec.Func2(f)
	case func(*model.Org) string:
		return tmplexec.Func1(f)
	case func(string, string) string:
		return tmplexec.Func2(f)
	case func(*Page, any, ...any) (string, error):
		return tmplexec.Var2E(f)
	case func(*Page, any, ...any) (any, error):
		return tmplexec.Var2E(f)
	case func(string, any, ...any) (template.HTML, error):
		return tmplexec.Var2E(f)
	case func(...any) (map[string]any, error):
		return tmplexec.VarE(f)
	case func(*Page, *content.Doc, bool) *Card:
		return tmplexec.Func3(f)
	case func(*Page, *content.Picture) *Pic:
		return tmplexec.Func2(f)
	case func(...any) (string, error):
		return tmplexec.VarE(f)
	case func(string) *model.Org:
		return tmplexec.Func1(f)
	case func(string) *model.Project:
		return tmplexec.Func1(f)
	case func(string) *view.Tag:
		return tmplexec.Func1(f)
	case func(*model.Org) []*model.Org:
		return tmplexec.Func1(f)
	case func([]*model.Org) []*model.Org:
		return tmplexec.Func1(f)
	case func(*model.Task, string) *model.Coverage:
		return tmplexec.Func2(f)
	case func(*model.Task) bool:
		return tmplexec.Func1(f)
	case func(model.Rollup, model.Status) int:
		return tmplexec.Func2(f)
	case func(int) int:
		return tmplexec.Func1(f)
	case func(int, int) int:
		return tmplexec.Func2(f)
	case func(int) []int:
		return tmplexec.Func1(f)
	case func([]*model.Project, int, int) []*model.Project:
		return tmplexec.Func3(f)
	}
	return nil
}
