package content

import (
	"bytes"
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"

	"github.com/qingdan/qingdan/internal/diag"
)

// rawText is the text of a raw HTML node as it stands in the source.
func rawText(n ast.Node, src []byte) []byte {
	var b bytes.Buffer
	switch n := n.(type) {
	case *ast.RawHTML:
		for i := range n.Segments.Len() {
			seg := n.Segments.At(i)
			b.Write(seg.Value(src))
		}
	case *ast.HTMLBlock:
		for i := range n.Lines().Len() {
			seg := n.Lines().At(i)
			b.Write(seg.Value(src))
		}
		if n.HasClosure() {
			b.Write(n.ClosureLine.Value(src))
		}
	}
	return b.Bytes()
}

// rawStart is the offset of a raw HTML node in the body.
func rawStart(n ast.Node) int {
	switch n := n.(type) {
	case *ast.RawHTML:
		if n.Segments.Len() > 0 {
			return n.Segments.At(0).Start
		}
	case *ast.HTMLBlock:
		if n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
	}
	return offsetOf(n)
}

// resourceAttrs are the attributes through which a page loads something.
func resourceAttr(tag, attr string) bool {
	switch attr {
	case "src", "srcset", "poster", "data", "background":
		return true
	case "href":
		return tag == "link" || tag == "image" || tag == "use"
	}
	return false
}

// raw checks a node of raw HTML. Where the site allows raw HTML, a tag that
// would load something from another host is an error at its line (the
// sanitiser drops what remains dangerous). Where it does not, the tags are
// dropped and their text kept, with a warning once a document: text pasted
// from 秀米 or the WeChat editor must not vanish silently.
func (st *docState) raw(n ast.Node, src []byte, unsafe bool) {
	text := rawText(n, src)
	pos := st.pos(rawStart(n))
	if !unsafe {
		if !st.rawWarned && len(bytes.TrimSpace(text)) > 0 {
			st.rawWarned = true
			st.l.Warn(pos, "html.dropped")
		}
		return
	}
	z := html.NewTokenizer(bytes.NewReader(text))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		t := z.Token()
		for _, a := range t.Attr {
			if !resourceAttr(t.Data, strings.ToLower(a.Key)) {
				continue
			}
			for _, ref := range strings.Split(a.Val, ",") {
				ref = strings.TrimSpace(ref)
				if f := strings.Fields(ref); len(f) > 0 {
					ref = f[0]
				}
				u, err := url.Parse(strings.TrimSpace(ref))
				if err != nil || u.Host != "" || u.Scheme != "" || strings.HasPrefix(ref, "//") {
					st.l.Error(pos, "html.remote", diag.Quote("<"+t.Data+" "+a.Key+"="+a.Val+">"))
					continue
				}
				st.rawFile(pos, t.Data, u.Path)
			}
		}
	}
}

// rawFile checks a file the raw HTML of a document loads (an <img src>),
// by its path from the document's page: beside the document it is
// published with it, as a Markdown picture is; else it must be one of the
// site's static files (see localFile). A path from the host's root, one
// that leaves the site, and a file that is not there are errors at the line.
func (st *docState) rawFile(pos diag.Pos, tag, ref string) {
	if ref == "" {
		return // a place in the page (#top) or nothing
	}
	quoted := diag.Quote("<" + tag + "> " + ref)
	target := path.Clean(st.pageDir + ref)
	if strings.HasPrefix(ref, "/") || target == ".." || strings.HasPrefix(target, "../") {
		st.l.Error(pos, "html.outside", quoted)
		return
	}
	beside, ok := strings.CutPrefix(target, st.pageDir)
	if !ok || st.pageDir == "" {
		beside = ""
	}
	st.localFile(pos, fileRef{addr: ref, quoted: quoted, beside: beside, static: target,
		picture: tag == "img" || tag == "source", missing: "html.missing"})
}

// rawBlockText renders a block of raw HTML, where the site does not allow
// it, as its text: one paragraph per block of the HTML, tags dropped.
func rawBlockText(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	var para strings.Builder
	flush := func() {
		if t := strings.TrimSpace(para.String()); t != "" {
			w.WriteString("<p>")
			w.Write(util.EscapeHTML([]byte(t)))
			w.WriteString("</p>\n")
		}
		para.Reset()
	}
	z := html.NewTokenizer(bytes.NewReader(rawText(n, source)))
	skip := ""
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		name, _ := z.TagName()
		tag := string(name)
		switch tt {
		case html.TextToken:
			if skip == "" {
				para.WriteString(strings.Join(strings.Fields(string(z.Text())), " "))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			switch tag {
			case "script", "style", "template":
				if tt == html.StartTagToken {
					skip = tag
				}
			case "br", "p", "div", "section", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "table":
				flush()
			}
		case html.EndTagToken:
			if tag == skip {
				skip = ""
			}
			switch tag {
			case "p", "div", "section", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "table":
				flush()
			}
		}
	}
	flush()
	return ast.WalkSkipChildren, nil
}

// registerRaw makes blocks of raw HTML show their text where the site does
// not allow raw HTML.
func registerRaw(reg renderer.NodeRendererFuncRegisterer, unsafe bool) {
	if !unsafe {
		reg.Register(ast.KindHTMLBlock, rawBlockText)
	}
}
