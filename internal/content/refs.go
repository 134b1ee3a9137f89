package content

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/fileio"
	"github.com/qingdan/qingdan/internal/routes"
	"github.com/qingdan/qingdan/internal/svg"
)

// Ref is a link from a document to an org, a project or a case, written
// [文苑社区](org:wenyuan), (project:ID) or (case:slug).
type Ref struct {
	Kind, ID  string // "org", "project" or "case"
	Line, Col int
}

// Embed is a live chart placed in a document by a fenced block:
//
//	```chart
//	org: wenyuan
//	```
type Embed struct {
	Kind, ID string // "org" or "project"
	Line     int
}

// Asset is a file a document uses that the build copies: an image next to
// the article.
type Asset struct {
	From string      // path on disk
	To   string      // site-relative output path
	Info os.FileInfo // From's Lstat as the document was read
}

// String is the asset without its Info (which holds times), as a
// document's sums take it.
func (a Asset) String() string { return a.From + " " + a.To }

// docState is what the AST transformer knows and finds about one document.
type docState struct {
	d       *Doc
	src     string // the site folder
	dir     string // the document's folder on disk
	pageDir string // the document's page folder in OUT ("cases/x/")
	unsafe  bool   // the site allows raw HTML
	pics    *pictures

	rawWarned bool // the document was told its raw HTML is dropped
	body      []byte
	bodyLine  int
	l         *diag.List
}

var stateKey = parser.NewContextKey()

// line turns a byte offset of the body into a line of the file.
func (s *docState) line(off int) int {
	if off < 0 || off > len(s.body) {
		return s.bodyLine
	}
	return s.bodyLine + bytes.Count(s.body[:off], []byte("\n"))
}

// pos is the place of a byte offset of the body: its line and its column
// in characters.
func (s *docState) pos(off int) diag.Pos {
	p := diag.Pos{File: s.d.File, Line: s.line(off)}
	if off >= 0 && off <= len(s.body) {
		start := bytes.LastIndexByte(s.body[:off], '\n') + 1
		p.Col = utf8.RuneCount(s.body[start:off]) + 1
	}
	return p
}

// transformer resolves qingdan's own link schemes, chart blocks and images.
type transformer struct{}

func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*docState)
	if st == nil {
		return
	}
	src := reader.Source()
	var figures []*ast.Paragraph
	var charts []*ast.FencedCodeBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			st.link(n, src)
		case *ast.Image:
			st.image(n, src)
			if p, ok := n.Parent().(*ast.Paragraph); ok && p.ChildCount() == 1 && n.Title != nil {
				figures = append(figures, p)
			}
		case *ast.FencedCodeBlock:
			if lang := string(n.Language(src)); lang == "chart" {
				charts = append(charts, n)
			}
		case *ast.RawHTML, *ast.HTMLBlock:
			st.raw(n, src, st.unsafe)
		}
		return ast.WalkContinue, nil
	})
	// Replace nodes only after the walk, which a replacement would cut short.
	for _, n := range charts {
		st.embed(n, src)
	}
	for _, p := range figures {
		f := &figure{}
		img := p.FirstChild()
		p.RemoveChild(p, img)
		f.AppendChild(f, img)
		p.Parent().ReplaceChild(p.Parent(), p, f)
	}
}

func offsetOf(n ast.Node) int {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	if p := n.Parent(); p != nil && p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
		return p.Lines().At(0).Start
	}
	return -1
}

// linkStart is the offset of a link's "[": its text's start, less one.
func linkStart(n ast.Node) int {
	if off := offsetOf(n); off > 0 {
		return off - 1
	}
	return offsetOf(n)
}

// refKind is the kind of page a link scheme (org:ID) points to.
func refKind(scheme string) (routes.Kind, bool) {
	switch scheme {
	case "org":
		return routes.Org, true
	case "project":
		return routes.Project, true
	case "case":
		return routes.Case, true
	}
	return 0, false
}

// link leaves a link to an org, a project or a case open, as a typed
// reference the render resolves.
func (st *docState) link(n *ast.Link, src []byte) {
	dest := string(n.Destination)
	scheme, id, ok := strings.Cut(dest, ":")
	kind, known := refKind(scheme)
	if !ok || !known {
		return
	}
	id, frag, _ := strings.Cut(id, "#")
	pos := st.pos(linkStart(n))
	st.d.Refs = append(st.d.Refs, Ref{Kind: scheme, ID: id, Line: pos.Line, Col: pos.Col})
	n.Destination = nil
	n.SetAttributeString(markKey, Mark{To: routes.To(kind, id), Frag: frag})
}

func (st *docState) embed(n *ast.FencedCodeBlock, src []byte) {
	line := st.line(n.Info.Segment.Start)
	var kind, id string
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		k, v, ok := strings.Cut(strings.TrimSpace(string(seg.Value(src))), ":")
		if !ok {
			continue
		}
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if k == "org" || k == "project" {
			kind, id = k, v
		}
	}
	if kind == "" || id == "" {
		st.l.Error(diag.Pos{File: st.d.File, Line: line}, "doc.embed")
		return
	}
	e := &embedNode{index: len(st.d.Embeds)}
	st.d.Embeds = append(st.d.Embeds, Embed{Kind: kind, ID: id, Line: line})
	n.Parent().ReplaceChild(n.Parent(), n, e)
}

// image resolves an image's path: next to the document first, then under
// static/; never outside the site, never on another host.
func (st *docState) image(n *ast.Image, src []byte) {
	dest := string(n.Destination)
	pos := st.pos(imageStart(n))
	if n.ChildCount() == 0 || len(bytes.TrimSpace(nodeText(n, src))) == 0 {
		st.l.Warn(pos, "img.alt", diag.Quote(dest))
	}
	if strings.Contains(dest, "://") || strings.HasPrefix(dest, "//") || strings.HasPrefix(dest, "data:") {
		st.l.Error(pos, "img.remote", diag.Quote(dest))
		return
	}
	clean := path.Clean("/" + strings.ReplaceAll(dest, `\`, "/"))
	if strings.HasPrefix(path.Clean(strings.ReplaceAll(dest, `\`, "/")), "../") || dest == "" {
		st.l.Error(pos, "img.outside", diag.Quote(dest))
		return
	}
	file, target, fi, ok := st.localFile(pos, fileRef{addr: dest, quoted: diag.Quote(dest), beside: clean[1:],
		rooted: strings.HasPrefix(dest, "/"), static: clean[1:], picture: true, missing: "img.missing"})
	if !ok {
		return
	}
	// The page's first picture (the cover, else the body's first) loads at
	// once; the others as the reader scrolls to them.
	first := len(st.d.Pictures) == 0
	pic := st.pics.picture(file, fi, target, string(nodeText(n, src)))
	st.d.Pictures = append(st.d.Pictures, pic)
	n.Destination = nil
	n.SetAttributeString(markKey, Mark{To: routes.To(routes.File, pic.Src())})
	if w, h := pic.SrcW(), pic.SrcH(); w > 0 && h > 0 {
		n.SetAttributeString("width", []byte(strconv.Itoa(w)))
		n.SetAttributeString("height", []byte(strconv.Itoa(h)))
	}
	if !first {
		n.SetAttributeString("loading", []byte("lazy"))
	}
	n.SetAttributeString("decoding", []byte("async"))
	if c := pic.Candidates(); c != nil {
		n.SetAttributeString(srcsetKey, c)
	}
}

// fileRef is a file a document loads (a picture in Markdown, a file its raw
// HTML names), as localFile looks for it.
type fileRef struct {
	addr    string // the address as written
	quoted  any    // the address as messages show it
	beside  string // its path from the document's folder, "" when it cannot lead there
	rooted  bool   // it starts at the site's root: not read beside the document (that path is still checked for links)
	static  string // its path from the site's root, read under static/
	picture bool   // only a picture may be published there
	missing string // the message when neither place has the file
}

// localFile finds a file a document loads: beside the document, published
// beside its page (an asset of the document), else under static/. Never
// through a link; where a picture belongs, only a picture; an SVG only when
// it is safe. Each refusal is an error at pos, and ok is false.
func (st *docState) localFile(pos diag.Pos, f fileRef) (file, target string, fi os.FileInfo, ok bool) {
	var besidePath string
	if f.beside != "" {
		besidePath = filepath.Join(st.dir, filepath.FromSlash(f.beside))
	}
	staticPath := filepath.Join(st.src, "static", filepath.FromSlash(f.static))
	var found [2]os.FileInfo // each place's file, when a regular one is there
	for i, p := range []string{besidePath, staticPath} {
		if p == "" || i == 1 && found[0] != nil && !f.rooted {
			continue // the file beside the document is the one shown: static/ is not looked at
		}
		if info, err := os.Lstat(p); err == nil && info.Mode()&os.ModeSymlink != 0 {
			st.l.Error(pos, "file.link")
			return "", "", nil, false
		} else if err == nil && info.Mode().IsRegular() {
			found[i] = info
		}
	}
	asset := false
	switch {
	case found[0] != nil && !f.rooted:
		file, target, fi, asset = besidePath, st.pageDir+f.beside, found[0], true
		if st.pathTooLong(pos, f.addr, target) {
			return "", "", nil, false
		}
	case found[1] != nil:
		file, target, fi = staticPath, f.static, found[1]
	default:
		st.l.Error(pos, f.missing, f.quoted)
		return "", "", nil, false
	}
	if f.picture && !imageType(file) {
		// Only pictures are published as pictures: ![x](draft.md) must not
		// publish a draft, front matter and all.
		st.l.Error(pos, "img.type", f.quoted)
		return "", "", nil, false
	}
	if strings.EqualFold(filepath.Ext(file), ".svg") {
		if data, err := os.ReadFile(file); err == nil {
			if why, broken := svg.Check(data); broken {
				st.l.Error(pos, "img.svg.broken", f.quoted, why)
				return "", "", nil, false
			} else if why != "" {
				st.l.Error(pos, "img.svg", f.quoted, why)
				return "", "", nil, false
			}
		}
	}
	if asset {
		st.d.Assets = append(st.d.Assets, Asset{From: file, To: target, Info: fi})
	}
	return file, target, fi, true
}

// imageStart is the offset of an image's "![", found from its alt text, or
// from its paragraph when it has none.
func imageStart(n *ast.Image) int {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return max(t.Segment.Start-2, 0)
		}
	}
	return offsetOf(n)
}

// isFile reports whether p is a regular file, not a link to one: nothing
// outside the site folder is read.
func isFile(p string) bool {
	_, ok := fileio.Regular(p)
	return ok
}

// imageType reports whether p is named as a picture a browser shows.
func imageType(p string) bool {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg":
		return true
	}
	return false
}

// isLink reports whether p is a symbolic link.
func isLink(p string) bool {
	fi, err := os.Lstat(p)
	return err == nil && fi.Mode()&os.ModeSymlink != 0
}

// svgSize reads an SVG's pixel size from its width and height (or its
// viewBox). Other pictures' sizes come from pictures.read, which also turns
// a photo as its EXIF says.
func svgSize(p string) (int, int, bool) {
	f, err := os.Open(p)
	if err != nil {
		return 0, 0, false
	}
	defer f.Close()
	dec := xml.NewDecoder(f)
	for {
		tok, err := dec.Token()
		if err != nil {
			return 0, 0, false
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		var w, h float64
		var vb string
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "width":
				w, _ = strconv.ParseFloat(strings.TrimSuffix(a.Value, "px"), 64)
			case "height":
				h, _ = strconv.ParseFloat(strings.TrimSuffix(a.Value, "px"), 64)
			case "viewBox":
				vb = a.Value
			}
		}
		if (w == 0 || h == 0) && vb != "" {
			if f := strings.Fields(strings.ReplaceAll(vb, ",", " ")); len(f) == 4 {
				w, _ = strconv.ParseFloat(f[2], 64)
				h, _ = strconv.ParseFloat(f[3], 64)
			}
		}
		return int(w), int(h), w > 0 && h > 0
	}
}

// figure is an image alone in its paragraph with a title: it becomes a
// figure with the title as its caption.
type figure struct{ ast.BaseBlock }

var kindFigure = ast.NewNodeKind("QingdanFigure")

func (n *figure) Kind() ast.NodeKind            { return kindFigure }
func (n *figure) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }
func (n *figure) IsRaw() bool                   { return false }
func (n *figure) HasBlankPreviousLines() bool   { return true }
func (n *figure) SetBlankPreviousLines(v bool)  {}

// embedNode is where an embedded chart goes.
type embedNode struct {
	ast.BaseBlock
	index int
}

var kindEmbed = ast.NewNodeKind("QingdanEmbed")

func (n *embedNode) Kind() ast.NodeKind            { return kindEmbed }
func (n *embedNode) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// nodeRenderer renders qingdan's nodes, and links and images whose address
// the render fills in: goldmark's own renderer writes them, with an empty
// address, and the place of the address is noted.
type nodeRenderer struct {
	link, image, cell renderer.NodeRendererFunc // goldmark's own
	unsafe            bool                      // raw HTML allowed
}

// funcs records the node renderer functions a NodeRenderer registers.
type funcs map[ast.NodeKind]renderer.NodeRendererFunc

func (f funcs) Register(k ast.NodeKind, fn renderer.NodeRendererFunc) { f[k] = fn }

func newNodeRenderer(unsafe bool, opts ...html.Option) nodeRenderer {
	def := funcs{}
	html.NewRenderer(opts...).RegisterFuncs(def)
	extension.NewTableHTMLRenderer(extension.WithTableHTMLOptions(opts...)).RegisterFuncs(def)
	return nodeRenderer{link: def[ast.KindLink], image: def[ast.KindImage], cell: tableCell(def[east.KindTableCell]), unsafe: unsafe}
}

// open renders a link or an image with def and notes where its address
// goes: goldmark writes it right after the element's opening prefix.
func open(def renderer.NodeRendererFunc, prefix string) renderer.NodeRendererFunc {
	return func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		m, ok := markOf(n)
		mw, isMW := w.(*markWriter)
		if !ok || !entering || !isMW {
			return def(w, source, n, entering)
		}
		at := mw.Len()
		s, err := def(w, source, n, entering)
		if !bytes.HasPrefix(mw.Bytes()[at:], []byte(prefix)) {
			return s, fmt.Errorf("goldmark wrote %q where %q was expected", mw.Bytes()[at:], prefix)
		}
		m.At = at + len(prefix)
		mw.marks = append(mw.marks, m)
		return s, err
	}
}

func (r nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, open(r.link, `<a href="`))
	reg.Register(ast.KindImage, withSrcset(open(r.image, `<img src="`)))
	reg.Register(east.KindTableCell, r.cell)
	registerRaw(reg, r.unsafe)

	reg.Register(kindFigure, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.WriteString(`<figure class="img">`)
			return ast.WalkContinue, nil
		}
		if img, ok := n.FirstChild().(*ast.Image); ok && img.Title != nil {
			w.WriteString("<figcaption>")
			w.Write(util.EscapeHTML(img.Title))
			w.WriteString("</figcaption>")
		}
		w.WriteString("</figure>\n")
		return ast.WalkContinue, nil
	})
	reg.Register(kindEmbed, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if mw, ok := w.(*markWriter); ok && entering {
			mw.marks = append(mw.marks, Mark{At: mw.Len(), Embed: n.(*embedNode).index + 1})
			mw.WriteByte('\n')
		}
		return ast.WalkSkipChildren, nil
	})
}
