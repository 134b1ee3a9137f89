package page

import (
	"fmt"
	"html/template"
	"maps"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"

	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/routes"
	"github.com/qingdan/qingdan/internal/value"
)

// html/template writes every value through one or more escaper functions,
// {{date .Due}} runs as {{date .Due | _html_template_htmlescaper}}, and
// text/template calls each by reflection (a microsecond a call; a county's
// pages make two million of them). For a layout function whose result
// goes through the escapers of an element's text, a quoted attribute, a
// title or a link (href, src), the layouts call a fused function instead,
// which calls the function and escapes its result itself: a string an
// escaper would leave as it is (nearly all: dates, numbers, links between
// pages) comes out as it is, any other value goes through a small template
// with that very escaping, so the bytes are html/template's.

// escaping is the escaping html/template gives a value in one context.
type escaping struct {
	name   string
	chain  []string // the escapers it puts after a value there
	probe  *template.Template
	before string            // what the probe writes before the value
	after  string            // and after it
	keeps  func(string) bool // whether the escapers leave a string as it is
	// passes is, for a value of a type the escapers let through as it
	// is (template.JS in a script), its text; nil for none.
	passes func(any) (string, bool)
}

// escapings are the contexts whose escaping fused functions do.
func escapings() ([]*escaping, error) {
	var es []*escaping
	for _, c := range []struct {
		name, before, after string
		keeps               func(string) bool
		passes              func(any) (string, bool)
	}{
		{"html", "<p>", "</p>", plainKept, htmlPasses},
		{"attr", `<p title="`, `">`, plainKept, nil},
		{"rcdata", "<title>", "</title>", plainKept, nil},
		{"href", `<a href="`, `">`, hrefKept, nil},
		{"query", `<a href="?q=`, `">`, queryKept, nil},
		{"css", `<p style="width:`, `">`, cssKept, nil},
		{"json", `<script type="application/json">`, `</script>`, func(string) bool { return false }, jsPasses},
	} {
		t, err := template.New(c.name).Parse(c.before + "{{.}}" + c.after)
		if err != nil {
			return nil, err
		}
		escape(t, c.name)
		e := &escaping{name: c.name, probe: t, before: c.before, after: c.after, keeps: c.keeps, passes: c.passes}
		visit(t.Tree.Root, func(n parse.Node) {
			if a, ok := n.(*parse.ActionNode); ok {
				for _, cmd := range a.Pipe.Cmds[1:] {
					e.chain = append(e.chain, cmd.Args[0].String())
				}
			}
		})
		es = append(es, e)
	}
	return es, nil
}

// plainKept: the escapers of text, attributes and titles change only the
// characters in specialText, all below 64. It looks at eight bytes at a
// time and passes over a word with no byte below 64 (a Chinese character's
// bytes are all 0x80 and above), and looks at each byte of the others with
// a bit of a mask (strings.ContainsAny, which makes a set of specialText
// at each call, cost articles 10000 some 0.2 s; a byte at a time, 0.1 to
// 0.16 s of their 1.1 million calls, averaging 28 bytes).
func plainKept(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		// A byte below 64 has its two top bits clear: both set in ^w.
		if w := ^value.Word(s, i); w&(w<<1)&value.High == 0 {
			continue
		}
		if !plainBytes(s[i : i+8]) {
			return false
		}
	}
	return plainBytes(s[i:])
}

// plainBytes is plainKept a byte at a time.
func plainBytes(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 64 && specialMask>>c&1 != 0 {
			return false
		}
	}
	return true
}

// specialMask has bit c set for each byte c of specialText.
const specialMask = 1<<0 | 1<<'"' | 1<<'&' | 1<<'\'' | 1<<'+' | 1<<'<' | 1<<'>'

// hrefKept: a relative link made of these characters is left as it is by
// the escapers of a link (no scheme to filter, nothing to percent-encode,
// no & or + for the attribute).
func hrefKept(s string) bool {
	for i := 0; i < len(s); i++ {
		if !hrefBytes[s[i]] {
			return false
		}
	}
	return true
}

// hrefBytes are the bytes hrefKept keeps: a table, as most links are
// made of "../" and names (with strings.IndexByte for each point and
// slash, the county's pages spent 174 million instructions in hrefKept;
// with the table 86 million).
var hrefBytes = func() (t [256]bool) {
	for c := range 256 {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~/#?=", byte(c)) >= 0
	}
	return t
}()

// queryKept: a value in a link's query (?org={{.ID}}) made of these
// characters is left as it is by the escapers there, which percent-encode
// every other byte. Before it was fused, each such value went through
// html/template's own escapers (a county's org pages spent a tenth of
// their time there).
func queryKept(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
			return false
		}
	}
	return true
}

// cssKept: a number (digits and points, a percent sign) is left as it is
// by the escapers of a CSS value in an attribute (style="width:…").
func cssKept(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || c == '.' || c == '%') {
			return false
		}
	}
	return true
}

// htmlPasses: HTML (template.HTML, a partial's output) comes out of the
// escaper of an element's text as it is.
func htmlPasses(v any) (string, bool) {
	h, ok := v.(template.HTML)
	return string(h), ok
}

// jsPasses: JavaScript (template.JS) comes out of a script's escaper as
// it is.
func jsPasses(v any) (string, bool) {
	js, ok := v.(template.JS)
	return string(js), ok
}

// apply escapes v as html/template does in e's context. A number is
// escaped as its digits are (html/template prints it first).
func (e *escaping) apply(v any) string {
	switch x := v.(type) {
	case string:
		if e.keeps(x) {
			return x
		}
	case int:
		if s := strconv.Itoa(x); e.keeps(s) {
			return s
		}
	case float64:
		if s := fmt.Sprint(x); e.keeps(s) { // as html/template prints it
			return s
		}
	}
	if e.passes != nil {
		if s, ok := e.passes(v); ok {
			return s
		}
	}
	var b strings.Builder
	if err := e.probe.Execute(&b, v); err != nil {
		return "" // a value always prints
	}
	out := b.String()
	return out[len(e.before) : len(out)-len(e.after)]
}

// fusedName is the name of function name fused with e's escaping.
func fusedName(name string, e *escaping) string { return "_qingdan_" + e.name + "_" + name }

// fusedNames matches the names fused functions are called by in the
// escaped layouts.
var fusedNames = regexp.MustCompile(`_qingdan_[a-z]+_`)

// unfused is a template error's text with fused functions called by the
// names the layout gives them: "error calling url", not
// "_qingdan_href_url".
func unfused(msg string) string { return fusedNames.ReplaceAllString(msg, "") }

// escaperName is the name of e's escaping as one function.
func escaperName(e *escaping) string { return "_qingdan_" + e.name }

// fused is function f with its result escaped by esc, or nil for a
// function of another shape.
func fused(f any, esc func(any) string) any {
	switch f := f.(type) {
	case func(model.Date) string:
		return func(a model.Date) string { return esc(f(a)) }
	case func(float64) string:
		return func(a float64) string { return esc(f(a)) }
	case func(*float64) string:
		return func(a *float64) string { return esc(f(a)) }
	case func(int) string:
		return func(a int) string { return esc(f(a)) }
	case func(string) string:
		return func(a string) string { return esc(f(a)) }
	case func(model.Status) string:
		return func(a model.Status) string { return esc(f(a)) }
	case func(*model.Org) string:
		return func(a *model.Org) string { return esc(f(a)) }
	case func(*Page, any, ...any) (any, error): // url
		var kept sync.Map // depthLink → the link escaped
		return func(p *Page, to any, args ...any) (string, error) {
			k, keep := depthLinkOf(p, to, args)
			if keep {
				if s, ok := kept.Load(k); ok {
					return s.(string), nil
				}
			}
			v, err := f(p, to, args...)
			if err != nil {
				return "", err
			}
			s := esc(v)
			if keep {
				kept.Store(k, s)
			}
			return s, nil
		}
	}
	return nil
}

// depthLink is a link that the linking page's depth alone decides: to a
// page without an id ({{url . "projects"}}) or to a theme asset or an
// open-data file ({{url . "asset" "qingdan.css"}}). Every page writes some
// of these (its stylesheet, scripts, feed, icon and the sections), each
// page of a folder depth the same: kept escaped, one lookup instead of
// making the link and escaping it again (a county's 35,000 pages). Links
// to a page with an id (an org, a case) are made each time: there are as
// many as pages.
type depthLink struct {
	style routes.Style
	depth int
	to    string
	id    string
}

// depthLinkOf is the depthLink of url(p, to, args...), and whether it is one.
func depthLinkOf(p *Page, to any, args []any) (depthLink, bool) {
	name, ok := to.(string)
	if !ok || p == nil || len(args) > 1 {
		return depthLink{}, false
	}
	k := depthLink{style: p.Site.Style, depth: p.depth, to: name}
	if len(args) == 0 {
		return k, true
	}
	if id, ok := args[0].(string); ok && (name == "asset" || name == "data") {
		k.id = id
		return k, true
	}
	return depthLink{}, false
}

// fuseFuncs adds to funcs the fused form of each function in it, for each
// escaping, and returns the names of the functions fused.
func fuseFuncs(funcs template.FuncMap, es []*escaping) map[string]bool {
	names, more := map[string]bool{}, template.FuncMap{}
	for name, f := range funcs {
		for _, e := range es {
			if g := fused(f, e.apply); g != nil {
				more[fusedName(name, e)] = g
				names[name] = true
			}
		}
	}
	for _, e := range es {
		more[escaperName(e)] = e.apply
	}
	maps.Copy(funcs, more)
	return names
}

// fuseCalls makes every action under n (an escaped tree) that calls one of
// the functions in names, then only escapes its result in one of es's
// contexts, call the fused function instead; any other action escaped so
// calls e.apply once instead of html/template's escapers.
func fuseCalls(n parse.Node, names map[string]bool, es []*escaping) {
	visit(n, func(n parse.Node) {
		a, ok := n.(*parse.ActionNode)
		if !ok || a.Pipe == nil || len(a.Pipe.Decl) > 0 || len(a.Pipe.Cmds) < 2 {
			return
		}
		cmds := a.Pipe.Cmds
		for _, e := range es {
			if !sameChain(cmds[1:], e.chain) {
				continue
			}
			if id, ok := cmds[0].Args[0].(*parse.IdentifierNode); ok && names[id.Ident] {
				cmds[0].Args[0] = parse.NewIdentifier(fusedName(id.Ident, e)).SetPos(id.Pos).SetTree(nil)
				a.Pipe.Cmds = cmds[:1]
				return
			}
			// Any other value ({{.Title}}): its escapers become one call
			// of one argument (html/template's take any number).
			last := cmds[len(cmds)-1]
			last.Args = []parse.Node{parse.NewIdentifier(escaperName(e)).SetPos(last.Position()).SetTree(nil)}
			a.Pipe.Cmds = append(cmds[:1], last)
			return
		}
	})
}

// sameChain reports whether cmds are the escapers of chain, in order.
func sameChain(cmds []*parse.CommandNode, chain []string) bool {
	if len(cmds) != len(chain) {
		return false
	}
	for i, c := range cmds {
		id, ok := c.Args[0].(*parse.IdentifierNode)
		if len(c.Args) != 1 || !ok || id.Ident != chain[i] {
			return false
		}
	}
	return true
}
