package cjk

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// strikethroughParser wraps GFM's strikethrough parser: the wrapped parser
// decides whether there is a ~ or ~~ delimiter at all and creates it (so the
// matched pair still becomes GFM's Strikethrough node); the wrapper then
// recomputes whether the delimiter can open or close with the CJK amendment.
// It runs before GFM's own parser; when it declines, so does GFM's.
type strikethroughParser struct {
	inner parser.InlineParser
}

func (p *strikethroughParser) Trigger() []byte { return p.inner.Trigger() }

func (p *strikethroughParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	line, _ := block.PeekLine()
	n := p.inner.Parse(parent, block, pc)
	if d, ok := n.(*parser.Delimiter); ok {
		d.CanOpen, d.CanClose = flanking(d.Char, before, runeAfter(line, d.OriginalLength))
	}
	return n
}
