package content

import (
	"bytes"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/qingdan/qingdan/internal/cjk"
	"github.com/qingdan/qingdan/internal/lint"
)

// newMarkdown builds the one goldmark instance a build uses: GFM, footnotes,
// goldmark's CJK extension and ours (emphasis next to Chinese punctuation,
// URLs glued to Chinese text), heading IDs that keep Chinese, and raw HTML
// dropped unless the site allows it.
// Where raw HTML is allowed, the body is sanitised when it is resolved.
// The text writer has quickWriter's quick path (quickText).
func newMarkdown(unsafeHTML bool) goldmark.Markdown { return markdownWith(unsafeHTML, quickText{}) }

// markdownWith is newMarkdown with the given extension (or none) between
// goldmark's CJK and ours.
func markdownWith(unsafeHTML bool, more ...goldmark.Extender) goldmark.Markdown {
	var opts []html.Option
	rendererOpts := []renderer.Option{}
	if unsafeHTML {
		opts = append(opts, html.WithUnsafe())
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	rendererOpts = append(rendererOpts, renderer.WithNodeRenderers(util.Prioritized(newNodeRenderer(unsafeHTML, opts...), 100)))
	return goldmark.New(
		goldmark.WithExtensions(slices.Concat([]goldmark.Extender{extension.GFM, extension.Footnote, extension.CJK}, more, []goldmark.Extender{cjk.Extension})...),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithASTTransformers(util.Prioritized(transformer{}, 100))),
		goldmark.WithRendererOptions(rendererOpts...),
	)
}

// sanitizer cleans the HTML of a site that allows raw HTML in Markdown: no
// script, no on* attributes, no javascript: URLs; the markup Markdown makes
// (ids, classes, image sizes, figures, task lists) stays.
func sanitizer() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowAttrs("class").Globally()
	// Ids only where Markdown makes them (headings, footnotes): an id in an
	// article's own HTML could take one the page uses.
	p.AllowAttrs("id").Matching(regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N}:_-]*$`)).OnElements("h1", "h2", "h3", "h4", "h5", "h6", "li", "sup")
	p.AllowAttrs("loading", "width", "height", "decoding").OnElements("img")
	// The smaller copies of a picture: relative addresses (no scheme, so
	// no colon) each with its width, and the sizes they are chosen by.
	p.AllowAttrs("srcset").Matching(regexp.MustCompile(`^[^\s,:]+ \d+w(?:, [^\s,:]+ \d+w)*$`)).OnElements("img")
	p.AllowAttrs("sizes").Matching(regexp.MustCompile(`^[a-z0-9 ().,:+-]+$`)).OnElements("img")
	p.AllowAttrs("type", "checked", "disabled").OnElements("input")
	p.AllowElements("figure", "figcaption", "input", "section")
	return p
}

// Heading is an entry of a document's table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// render converts a Markdown body to HTML with its open places and collects
// its headings and plain text.
// The editor's lint walks the same tree.
func render(md goldmark.Markdown, bufs *sync.Pool, body []byte, st *docState) (out Body, headings []Heading, plain string, findings []lint.Finding, err error) {
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	ctx.Set(stateKey, st)
	doc := md.Parser().Parse(text.NewReader(body), parser.WithContext(ctx))
	buf, _ := bufs.Get().(*renderBuf)
	if buf == nil {
		buf = new(renderBuf)
	}
	defer func() {
		if buf.html.Cap() <= maxRenderBuf {
			bufs.Put(buf)
		}
	}()
	findings = buf.lint.Document(doc, body, st.bodyLine)
	txt, w := &buf.txt, &buf.html
	txt.Reset()
	w.Reset()
	w.marks = w.marks[:0]
	err = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		// Each block (a paragraph, a heading, a list item, a table cell, a
		// picture with its caption) starts a line of the plain text, so
		// that none runs into the one before it.
		if n.Type() == ast.TypeBlock && txt.Len() > 0 && txt.Bytes()[txt.Len()-1] != '\n' {
			txt.WriteByte('\n')
		}
		switch n := n.(type) {
		case *ast.Heading:
			id, _ := n.AttributeString("id")
			idb, _ := id.([]byte)
			headings = append(headings, Heading{n.Level, string(idb), string(nodeText(n, body))})
		case *ast.Image:
			// A picture's alt text describes the picture, not a sentence of
			// the text: glued into it, it would read as one ("…停车。投票的
			// 业主"). The search index takes it as a caption instead.
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			txt.Write(n.Segment.Value(body))
			if n.SoftLineBreak() || n.HardLineBreak() {
				txt.WriteByte('\n')
			}
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		return Body{}, nil, "", nil, err
	}
	if err := md.Renderer().Render(w, body, doc); err != nil {
		return Body{}, nil, "", nil, err
	}
	// A body is kept for the whole build: its bytes are copied out of the
	// buffer, which the next document renders into.
	html := append([]byte{}, w.Bytes()...)
	var marks []Mark
	if len(w.marks) > 0 {
		marks = slices.Clone(w.marks)
	}
	return Body{HTML: html, Marks: marks}, headings, txt.String(), findings, nil
}

// renderBuf is where a document's HTML and plain text are made; one is
// reused document after document (the HTML of a long one grows a buffer
// through several sizes: making it afresh took a third of what a build
// allocates in reading documents).
type renderBuf struct {
	txt  bytes.Buffer
	html markWriter
	lint lint.Scratch
}

// maxRenderBuf is the largest buffer kept for the next document: one grown
// by a very large document is let go.
const maxRenderBuf = 4 << 20

func nodeText(n ast.Node, src []byte) []byte {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			b.Write(t.Segment.Value(src))
		}
		return ast.WalkContinue, nil
	})
	return b.Bytes()
}

// ids generates heading IDs that keep Chinese characters (goldmark's own
// drop every non-ASCII character, so Chinese headings all become heading-1,
// heading-2 …): letters and digits of any script are kept, lower-cased;
// spaces and punctuation become single hyphens; a repeated ID gets -1, -2.
// next remembers, per ID, the suffix to try first, so a document of many
// equal headings takes time in proportion to their number, not its square.
type ids struct {
	used map[string]bool
	next map[string]int
}

func newIDs() *ids { return &ids{used: map[string]bool{}, next: map[string]int{}} }

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	var b []byte
	dash := false
	for len(value) > 0 {
		r, size := utf8.DecodeRune(value)
		value = value[size:]
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && len(b) > 0 {
				b = append(b, '-')
			}
			dash = false
			b = utf8.AppendRune(b, unicode.ToLower(r))
		default:
			dash = true
		}
	}
	if len(b) == 0 {
		b = []byte("section")
	}
	if pageID(string(b)) {
		b = append([]byte("h-"), b...) // the page's own ids stay its own
	}
	base := string(b)
	id := base
	i := max(s.next[base], 1)
	for ; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.next[base] = i
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }

// pageID reports whether a heading's id could be one the page itself uses:
// its charts (chart-…), the task rows (task-…), and the theme's landmarks.
func pageID(id string) bool {
	switch id {
	case "main", "q", "search-results", "project-table", "toc":
		return true
	}
	return strings.HasPrefix(id, "chart-") || strings.HasPrefix(id, "task-") || strings.HasPrefix(id, "qingdan-")
}
