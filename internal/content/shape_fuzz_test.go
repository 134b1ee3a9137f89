package content

import (
	"slices"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/qingdan/qingdan/internal/cjk"
)

// FuzzShape checks shape against goldmark itself: with small limits, any
// body whose parse holds a paragraph (a heading, a table cell) with more
// marks than the limit, containers nested deeper, or more table cells, is
// refused by shape. shape guesses goldmark's blocks from lines alone; a
// guess that splits a paragraph goldmark reads whole would let through the
// inputs the limits are for.
func FuzzShape(f *testing.F) {
	for _, s := range []string{
		"x\n* \n* \n* \n* \n* \n", "x\n*\n*\n*\n*\n*\n", "a *b* _c_ ~d~ `e` [f](g)\n",
		"- a\n  - b\n    - c\n      - d\n", "> > > > x\n", "1. 2. 3. 4. x\n",
		"|a|b|\n|-|-|\n|*x*|*y*|\n|*x*|*y*|\n", "<!--\n\n|a|\n|-|\n|-->\n|*a_\n|*a_\n",
		"x\n2. *a_\n3. *a_\n", "x\n===\n|-|\n*a*b*c*\n", "a | b\n--|--\nx\ny\nz\n",
		"> |a|b|c|\n> |-|-|-|\n> x\n> y\n", "[^1]: *a* *b*\n*c* *d*\n", "```\n*a*\n```\n*b*\n",
		"- x\n\n  ```\n*a*\n*b*\n*c*\n", "\t- a\n\t\t- b\n\t\t\t- c\n",
	} {
		f.Add([]byte(s))
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.CJK, cjk.Extension))
	lim := shapeLimits{nesting: 3, marks: 4, open: 1 << 30, docMarks: 1 << 30, lines: 1 << 30, scan: 1 << 62, cells: 12}
	f.Fuzz(func(t *testing.T, body []byte) {
		if len(body) > 4096 {
			return
		}
		var keys []string
		for _, p := range shapeWith(body, lim) {
			keys = append(keys, p.key)
		}
		doc := md.Parser().Parse(text.NewReader(body))
		var marks, depth, cells int
		ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering || n.Type() != ast.TypeBlock {
				return ast.WalkContinue, nil
			}
			switch n.(type) {
			case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
				return ast.WalkSkipChildren, nil
			case *east.TableCell:
				cells++
			}
			d := 0
			for p := n.Parent(); p != nil; p = p.Parent() {
				switch p.(type) {
				case *ast.ListItem, *ast.Blockquote:
					d++
				}
			}
			depth = max(depth, d)
			var buf []byte
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				buf = append(buf, seg.Value(body)...)
				buf = append(buf, '\n')
			}
			marks = max(marks, countMarks(buf))
			return ast.WalkContinue, nil
		})
		for _, c := range []struct {
			got, limit int
			key        string
		}{{marks, lim.marks, "doc.marks"}, {depth, lim.nesting, "doc.nesting"}, {cells, lim.cells, "doc.tableCells"}} {
			if c.got > c.limit && !slices.Contains(keys, c.key) {
				t.Errorf("goldmark finds %d (limit %d) but shape reports %v, not %s, for\n%q", c.got, c.limit, keys, c.key, body)
			}
		}
	})
}

// countMarks counts marks as goldmark sees them in a block's text: [, and
// runs of *, _, ~ and `, not escaped.
func countMarks(b []byte) int {
	n := 0
	for i := 0; i < len(b); i++ {
		switch c := b[i]; c {
		case '\\':
			i++
		case '[':
			n++
		case '*', '_', '~', '`':
			n++
			for i+1 < len(b) && b[i+1] == c {
				i++
			}
		}
	}
	return n
}
