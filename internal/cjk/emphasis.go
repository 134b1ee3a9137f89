package cjk

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// emphasisDelimiters pairs '*' with '*' and '_' with '_' and turns a match
// into an ast.Emphasis of the matched level, as goldmark's own does.
type emphasisDelimiters struct{}

func (emphasisDelimiters) IsDelimiter(b byte) bool { return b == '*' || b == '_' }

func (emphasisDelimiters) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (emphasisDelimiters) OnMatch(consumes int) ast.Node { return ast.NewEmphasis(consumes) }

// emphasisParser replaces goldmark's emphasis parser (it runs first and never
// declines a '*' or '_'). It scans the delimiter run with goldmark and then
// recomputes whether the run can open or close with the CJK amendment.
type emphasisParser struct{}

func (*emphasisParser) Trigger() []byte { return []byte{'*', '_'} }

func (*emphasisParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	line, segment := block.PeekLine()
	d := parser.ScanDelimiter(line, before, 1, emphasisDelimiters{})
	if d == nil {
		return nil
	}
	d.CanOpen, d.CanClose = flanking(d.Char, before, runeAfter(line, d.OriginalLength))
	d.Segment = segment.WithStop(segment.Start + d.OriginalLength)
	block.Advance(d.OriginalLength)
	pc.PushDelimiter(d)
	return d
}

// runeAfter returns the character after a delimiter run of length n at the
// start of line, decoded the way parser.ScanDelimiter decodes it (a line end
// counts as a space).
func runeAfter(line []byte, n int) rune {
	if n >= len(line) {
		return ' '
	}
	return util.ToRune(line, n)
}
