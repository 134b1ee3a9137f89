package content

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// cellStyler gives every third cell a style of its own, as an extension
// might: such a cell is left to goldmark's renderer.
type cellStyler struct{}

func (cellStyler) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	i := 0
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := n.(*east.TableCell); ok && entering {
			if i%3 == 0 {
				n.SetAttributeString("style", []byte("color:red"))
			}
			i++
		}
		return ast.WalkContinue, nil
	})
}

// cellOnly registers tableCell alone, over goldmark's table renderer.
type cellOnly struct{}

func (cellOnly) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	def := funcs{}
	extension.NewTableHTMLRenderer().RegisterFuncs(def)
	reg.Register(east.KindTableCell, tableCell(def[east.KindTableCell]))
}

// TestTableCell: tables render to the same bytes with tableCell as with
// goldmark's own renderer, in every alignment, in the header and the body,
// with cells of attributes of their own and without.
func TestTableCell(t *testing.T) {
	docs := []string{
		"| 名称 | 数量 | 完成率 | 说明 |\n|:---|---:|:---:|---|\n| 安坝 | 71 | 100% | 入户 |\n| 龙中 | 3 | 4.4% | |\n",
		"| a |\n|---|\n| b |\n| c |\n",
		"| 左 | 右 |\n|:--|--:|\n",
		"| x | y |\n|---|:-:|\n| `code` | **粗** [链接](https://example.org/) |\n| 1 | 2 | 3 |\n",
		"段落\n\n| a | b |\n| - | - |\n| <b>x</b> | &amp; |\n",
	}
	for _, withAttrs := range []bool{false, true} {
		popts := []parser.Option{}
		if withAttrs {
			popts = append(popts, parser.WithASTTransformers(util.Prioritized(cellStyler{}, 999)))
		}
		def := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithParserOptions(popts...))
		ours := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithParserOptions(popts...),
			goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(cellOnly{}, 100))))
		for _, d := range docs {
			want, got := converted(t, def, d), converted(t, ours, d)
			if !strings.Contains(want, "<td") && !strings.Contains(want, "<th") {
				t.Fatalf("%q: no table in %q", d, want)
			}
			if got != want {
				t.Errorf("attributes %v, %q:\n got %q\nwant %q", withAttrs, d, got, want)
			}
		}
	}
}
