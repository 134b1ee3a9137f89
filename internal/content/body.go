package content

import (
	"bytes"
	"io"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"github.com/qingdan/qingdan/internal/routes"
)

// Body is a document's HTML with the places where it links to the rest of
// the site left open: a link or an image's address, or an embedded chart.
// The render fills them in through the route table, for the page, the link
// style and the publication target at hand; the document itself knows no
// URL.
type Body struct {
	HTML  []byte
	Marks []Mark // in the order of At

	policy *bluemonday.Policy // raw HTML allowed: what the resolved body keeps
}

// Mark is an open place of a body.
type Mark struct {
	At    int          // byte offset in HTML
	To    routes.Route // where a link or image points
	Frag  string       // the link's #fragment, without the #
	Embed int          // 1 + the index in Doc.Embeds of a chart placed here; 0 for a link
}

// Resolve writes the body to w with each link or image address as link
// gives it (escaped here), and calls embed, when not nil, at each chart.
// Where the site allows raw HTML, each run between charts is sanitised
// once its addresses are in, and balanced (see balance), so that it closes
// every element it opens and none of the page's.
func (b *Body) Resolve(w io.Writer, link func(to routes.Route, frag string) string, embed func(i int)) {
	out := w
	var run bytes.Buffer
	flush := func() {}
	if b.policy != nil {
		out = &run
		flush = func() {
			w.Write(balance(b.policy.SanitizeBytes(run.Bytes())))
			run.Reset()
		}
	}
	at := 0
	for _, m := range b.Marks {
		out.Write(b.HTML[at:m.At])
		at = m.At
		if m.Embed > 0 {
			flush()
			if embed != nil {
				embed(m.Embed - 1)
			}
			continue
		}
		out.Write(util.EscapeHTML(util.URLEscape([]byte(link(m.To, m.Frag)), true)))
	}
	out.Write(b.HTML[at:])
	flush()
}

// String is the body as it shows on the document's own page in style,
// each chart as an HTML comment: for tests and tools.
func (d *Doc) String(style routes.Style) string {
	var buf bytes.Buffer
	from := d.Route()
	d.Body.Resolve(&buf, func(to routes.Route, frag string) string {
		u := style.Link(from, to)
		if frag != "" {
			u += "#" + frag
		}
		return u
	}, func(i int) { buf.WriteString("<!-- chart " + d.Embeds[i].Kind + ":" + d.Embeds[i].ID + " -->") })
	return buf.String()
}

// Route is the document's own page.
func (d *Doc) Route() routes.Route {
	switch d.Kind {
	case Case:
		return routes.To(routes.Case, d.Slug)
	case Site:
		return routes.To(routes.Org, d.Org)
	}
	return routes.To(routes.Page, d.Slug)
}

// markWriter is the writer goldmark renders a body into: it notes the open
// places as the node renderers reach them.
type markWriter struct {
	bytes.Buffer
	marks []Mark
}

func (w *markWriter) Available() int { return 1 << 16 }
func (w *markWriter) Buffered() int  { return 0 }
func (w *markWriter) Flush() error   { return nil }

// markKey is the attribute a link or image node carries its target in; no
// HTML attribute filter lets it through to the page.
const markKey = "qdmark"

// markOf is the open place a node carries, if any.
func markOf(n ast.Node) (Mark, bool) {
	v, ok := n.AttributeString(markKey)
	if !ok {
		return Mark{}, false
	}
	m, ok := v.(Mark)
	return m, ok
}
