package page

import (
	"errors"
	"html/template"
	"io"
	"maps"
	"slices"
	"text/template/parse"

	"github.com/qingdan/qingdan/internal/format"
)

// A layout's words in both languages, {{t "项目" "Projects"}}, are the
// same on every page of a build: the site's language is known when the
// layouts are parsed. Executing a template calls each function by
// reflection (about a microsecond a call, half a million calls for a
// county site), so the layouts are folded once instead:
//
//  1. foldWords, before html/template escapes: the call becomes the word
//     it gives, {{"项目"}}.
//  2. foldText, after escaping: an action that writes a constant word
//     through an escaper that would leave it as it is (HTML text, a quoted
//     attribute) becomes plain text, so not even the escaper is called.
//
// Both keep the bytes a page comes out with; the layouts' files are not
// changed, and an error still names the line of the layout.

// foldTrees calls fold on the tree of every template of t's set.
func foldTrees(t *template.Template, fold func(parse.Node)) {
	for _, each := range t.Templates() {
		if each.Tree != nil {
			fold(each.Tree.Root)
		}
	}
}

// escape makes html/template escape the template name and those it calls,
// which it does only when a template first runs: it is run on no page (it
// stops at the first thing it looks up, and writes nowhere). It returns
// html/template's escaping error, if any; the error of running on no page
// is not one.
//
// html/template can panic escaping a template that calls one whose own
// escaping failed before; the panic is left to come again where that
// template is executed, as it would have.
func escape(t *template.Template, name string) (err error) {
	defer func() { recover() }()
	var esc *template.Error // html/template's own: the escaping failed
	if e := t.ExecuteTemplate(io.Discard, name, nil); errors.As(e, &esc) {
		err = e
	}
	return err
}

// escapeAll escapes base.html, then each template a layout renders
// apart ({{partialCached "header" .}}), by itself, as executing it by name
// would when it first ran. It returns the first escaping error: an action
// html/template cannot escape, which a page would otherwise meet only
// when it is rendered (and check never).
func escapeAll(t *template.Template) error {
	err := escape(t, "base.html")
	names := map[string]bool{}
	foldTrees(t, func(n parse.Node) {
		visit(n, func(n parse.Node) {
			c, ok := n.(*parse.CommandNode)
			if !ok || len(c.Args) < 2 {
				return
			}
			id, ok := c.Args[0].(*parse.IdentifierNode)
			name, ok2 := c.Args[1].(*parse.StringNode)
			if ok && ok2 && id.Ident == "partialCached" {
				names[name.Text] = true
			}
		})
	})
	for _, n := range slices.Sorted(maps.Keys(names)) {
		if e := escape(t, n); err == nil {
			err = e
		}
	}
	return err
}

// foldWords replaces every {{t "中文" "English"}} that starts a pipeline
// by the string literal lang picks. A t elsewhere in a pipeline would be
// given the value piped in as a third argument, an error the layout must
// still report, so it is left.
func foldWords(n parse.Node, lang string) {
	visit(n, func(n parse.Node) {
		p, ok := n.(*parse.PipeNode)
		if !ok || len(p.Cmds) == 0 || len(p.Cmds[0].Args) != 3 {
			return
		}
		c := p.Cmds[0]
		id, ok := c.Args[0].(*parse.IdentifierNode)
		zh, ok1 := c.Args[1].(*parse.StringNode)
		en, ok2 := c.Args[2].(*parse.StringNode)
		if !ok || !ok1 || !ok2 || id.Ident != "t" {
			return
		}
		if format.Pick(lang, "zh", "en") == "zh" {
			c.Args = []parse.Node{zh}
		} else {
			c.Args = []parse.Node{en}
		}
	})
}

// plainEscapers are html/template's escapers that change only the
// characters in specialText (plainKept): in an element's text, a quoted
// attribute and RCDATA (title, textarea). Any other (URLs, script, style,
// unquoted attributes) keeps its action.
var plainEscapers = map[string]bool{
	"_html_template_htmlescaper":   true,
	"_html_template_attrescaper":   true,
	"_html_template_rcdataescaper": true,
}

const specialText = "\x00\"&'+<>"

// foldText turns the actions of the escaped tree under n that write a
// string literal, untouched by their escapers, into text.
func foldText(n parse.Node) {
	visit(n, func(n parse.Node) {
		list, ok := n.(*parse.ListNode)
		if !ok {
			return
		}
		for i, c := range list.Nodes {
			if a, ok := c.(*parse.ActionNode); ok {
				if s, ok := plainLiteral(a.Pipe); ok {
					list.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: a.Pos, Text: []byte(s)}
				}
			}
		}
	})
}

// plainLiteral is the text an action's pipeline writes when it is a
// string literal passed only through escapers that leave it as it is.
func plainLiteral(p *parse.PipeNode) (string, bool) {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) < 2 || len(p.Cmds[0].Args) != 1 {
		return "", false
	}
	s, ok := p.Cmds[0].Args[0].(*parse.StringNode)
	if !ok || !plainKept(s.Text) {
		return "", false
	}
	for _, c := range p.Cmds[1:] {
		id, ok := c.Args[0].(*parse.IdentifierNode)
		if len(c.Args) != 1 || !ok || !plainEscapers[id.Ident] {
			return "", false
		}
	}
	return s.Text, true
}

// visit calls f on n and every node under it, parents first (a list
// before its nodes); nil nodes are skipped.
func visit(n parse.Node, f func(parse.Node)) {
	var kids []parse.Node
	switch n := n.(type) {
	case nil:
		return
	case *parse.ListNode:
		if n == nil {
			return
		}
		kids = n.Nodes
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			kids = append(kids, c)
		}
	case *parse.CommandNode:
		kids = n.Args
	case *parse.ActionNode:
		kids = []parse.Node{n.Pipe}
	case *parse.TemplateNode:
		kids = []parse.Node{n.Pipe}
	case *parse.ChainNode:
		kids = []parse.Node{n.Node}
	case *parse.IfNode:
		kids = branch(&n.BranchNode)
	case *parse.RangeNode:
		kids = branch(&n.BranchNode)
	case *parse.WithNode:
		kids = branch(&n.BranchNode)
	}
	f(n)
	for _, k := range kids {
		visit(k, f)
	}
}

func branch(b *parse.BranchNode) []parse.Node {
	return []parse.Node{b.Pipe, b.List, b.ElseList}
}
