package page

import (
	"html/template"
	"io"
	"strings"
	"text/template/parse"
	"unicode/utf8"

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
// stops at the first thing it looks up, and writes nowhere). An error
// comes again when a page is rendered, which reports it.
func escape(t *template.Template, name string) {
	t.ExecuteTemplate(io.Discard, name, nil)
}

// foldWords replaces every {{t "中文" "English"}} that starts a pipeline
// by the string literal lang picks. A t elsewhere in a pipeline would be
// given the value piped in as a third argument, an error the layout must
// still report, so it is left.
func foldWords(n parse.Node, lang string) {
	walk(n, func(p *parse.PipeNode) {
		if len(p.Cmds) == 0 {
			return
		}
		c := p.Cmds[0]
		if len(c.Args) != 3 {
			return
		}
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
// characters in specialText (and invalid UTF-8): in an element's text, a
// quoted attribute and RCDATA (title, textarea). Any other (URLs, script,
// style, unquoted attributes) keeps its action.
var plainEscapers = map[string]bool{
	"_html_template_htmlescaper":   true,
	"_html_template_attrescaper":   true,
	"_html_template_rcdataescaper": true,
}

const specialText = "\x00\"&'+<>"

// foldText turns the actions of the escaped tree under n that write a
// string literal, untouched by their escapers, into text.
func foldText(n parse.Node) {
	list, ok := n.(*parse.ListNode)
	if !ok || list == nil {
		walkLists(n, foldText)
		return
	}
	for i, c := range list.Nodes {
		a, ok := c.(*parse.ActionNode)
		if !ok {
			walkLists(c, foldText)
			continue
		}
		if s, ok := plainLiteral(a.Pipe); ok {
			list.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: a.Pos, Text: []byte(s)}
		}
	}
}

// plainLiteral is the text an action's pipeline writes when it is a
// string literal passed only through escapers that leave it as it is.
func plainLiteral(p *parse.PipeNode) (string, bool) {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) < 2 || len(p.Cmds[0].Args) != 1 {
		return "", false
	}
	s, ok := p.Cmds[0].Args[0].(*parse.StringNode)
	if !ok || strings.ContainsAny(s.Text, specialText) || !utf8.ValidString(s.Text) {
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

// walk calls f on every pipeline under n, parenthesised ones included.
func walk(n parse.Node, f func(*parse.PipeNode)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				walk(c, f)
			}
		}
	case *parse.ActionNode:
		walk(n.Pipe, f)
	case *parse.IfNode:
		walkBranch(&n.BranchNode, f)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, f)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, f)
	case *parse.TemplateNode:
		walk(n.Pipe, f)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		f(n)
		for _, c := range n.Cmds {
			for _, a := range c.Args {
				walk(a, f)
			}
		}
	case *parse.ChainNode:
		walk(n.Node, f)
	}
}

func walkBranch(b *parse.BranchNode, f func(*parse.PipeNode)) {
	walk(b.Pipe, f)
	walk(b.List, f)
	walk(b.ElseList, f)
}

// walkLists calls f on the lists directly inside n (a branch's body and
// else).
func walkLists(n parse.Node, f func(parse.Node)) {
	var b *parse.BranchNode
	switch n := n.(type) {
	case *parse.IfNode:
		b = &n.BranchNode
	case *parse.RangeNode:
		b = &n.BranchNode
	case *parse.WithNode:
		b = &n.BranchNode
	default:
		return
	}
	if b.List != nil {
		f(b.List)
	}
	if b.ElseList != nil {
		f(b.ElseList)
	}
}
