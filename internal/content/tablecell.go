package content

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// tableCell renders a table cell as goldmark's table renderer (def) does,
// with its alignment as a style, without what that costs it per cell: a
// formatted string, a copy of it set as the cell's attribute, and the
// attribute written back out (a tenth of what a build of articles with
// tables allocated in rendering them). A cell that has attributes of its
// own is left to def.
func tableCell(def renderer.NodeRendererFunc) renderer.NodeRendererFunc {
	return func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		c, ok := n.(*east.TableCell)
		if !ok || c.Attributes() != nil {
			return def(w, source, n, entering)
		}
		if !entering {
			if c.Parent() != nil && c.Parent().Kind() == east.KindTableHeader {
				w.WriteString("</th>\n")
			} else {
				w.WriteString("</td>\n")
			}
			return ast.WalkContinue, nil
		}
		if c.Parent() != nil && c.Parent().Kind() == east.KindTableHeader {
			w.WriteString("<th")
		} else {
			w.WriteString("<td")
		}
		if c.Alignment != east.AlignNone {
			w.WriteString(` style="text-align:`)
			w.WriteString(c.Alignment.String())
			w.WriteByte('"')
		}
		w.WriteByte('>')
		return ast.WalkContinue, nil
	}
}
