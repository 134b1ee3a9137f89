package tmplexec

import (
	"bytes"
	"regexp"
	"testing"
	"text/template"
	"text/template/parse"
)

// FuzzExecute: whatever template text/template parses, the program either
// leaves to it (and writes nothing) or writes exactly its output, never an
// output where text/template reports an error.
func FuzzExecute(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		tt, err := template.New("main").Funcs(funcs()).Parse(src)
		if err != nil || slow(src, tt) {
			return
		}
		d := data()
		var w bytes.Buffer
		wantErr := tt.Execute(&w, d)
		p := compileSet(tt)
		var g bytes.Buffer
		fast := p.Execute(&g, "main", d)
		switch {
		case !fast && g.Len() > 0:
			t.Fatalf("%q: fell back after writing %q", src, g.String())
		case fast && wantErr != nil:
			t.Fatalf("%q: wrote %q where text/template fails: %v", src, g.String(), wantErr)
		case fast && g.String() != w.String():
			t.Fatalf("%q:\n got %q\nwant %q", src, g.String(), w.String())
		}
	})
}

// bigNumber matches what may be a large number: text/template would
// range over it for long.
var bigNumber = regexp.MustCompile(`[0-9]{4}|[0-9][xXoObBeEpP_]|'`)

// slow reports a template that would take text/template long to run: a
// range over a large number, or a template calling itself (to a depth of
// 100,000).
func slow(src string, t *template.Template) bool {
	if bigNumber.MatchString(src) {
		return true
	}
	calls := map[string][]string{}
	for _, each := range t.Templates() {
		if each.Tree == nil {
			continue
		}
		var walk func(n parse.Node)
		walk = func(n parse.Node) {
			switch n := n.(type) {
			case *parse.ListNode:
				if n != nil {
					for _, k := range n.Nodes {
						walk(k)
					}
				}
			case *parse.TemplateNode:
				calls[each.Name()] = append(calls[each.Name()], n.Name)
			case *parse.IfNode:
				walk(n.List)
				walk(n.ElseList)
			case *parse.WithNode:
				walk(n.List)
				walk(n.ElseList)
			case *parse.RangeNode:
				walk(n.List)
				walk(n.ElseList)
			}
		}
		walk(each.Tree.Root)
	}
	seen := map[string]int{} // 1 visiting, 2 done
	var cyclic func(string) bool
	cyclic = func(name string) bool {
		switch seen[name] {
		case 1:
			return true
		case 2:
			return false
		}
		seen[name] = 1
		for _, c := range calls[name] {
			if cyclic(c) {
				return true
			}
		}
		seen[name] = 2
		return false
	}
	for name := range calls {
		if cyclic(name) {
			return true
		}
	}
	return false
}
