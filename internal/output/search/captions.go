package search

import (
	"bytes"
	"slices"
	"strings"

	"golang.org/x/net/html"

	"github.com/qingdan/qingdan/internal/content"
)

// captions is the text of a document's pictures that its plain text does
// not hold already, one a line: the captions of its figures (a picture's
// title in Markdown, a <figcaption> in its HTML), the title attributes and
// alt text of its pictures (the plain text leaves alt text out, so that it
// does not run into the sentences around it). Readers search for what a photo shows:
// 采茶 finds the article whose picture is captioned 村民在来龙茶山采茶.
func captions(d *content.Doc) string {
	b := d.Body.HTML
	var out []string
	add := func(s string) {
		s = strings.Join(strings.Fields(s), " ")
		if s != "" && !strings.Contains(d.Text, s) && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	// Only the tags that matter are read: a body is mostly text.
	for i := 0; i < len(b); {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			break
		}
		i += j
		rest := b[i:]
		switch {
		case hasTag(rest, "img"):
			z := html.NewTokenizer(bytes.NewReader(rest))
			z.Next()
			for _, a := range z.Token().Attr {
				if a.Key == "title" || a.Key == "alt" {
					add(a.Val)
				}
			}
		case hasTag(rest, "figcaption"):
			z := html.NewTokenizer(bytes.NewReader(rest))
			z.Next()
			var text strings.Builder
			for depth := 1; depth > 0; {
				switch z.Next() {
				case html.ErrorToken:
					depth = 0
				case html.TextToken:
					text.Write(z.Text())
				case html.StartTagToken:
					if name, _ := z.TagName(); string(name) == "figcaption" {
						depth++
					}
				case html.EndTagToken:
					if name, _ := z.TagName(); string(name) == "figcaption" {
						depth--
					}
				}
			}
			add(text.String())
		}
		i++
	}
	return strings.Join(out, "\n")
}

// hasTag reports whether b starts with the start tag name (any case).
func hasTag(b []byte, name string) bool {
	if len(b) < len(name)+2 || !bytes.EqualFold(b[1:1+len(name)], []byte(name)) {
		return false
	}
	switch b[1+len(name)] {
	case ' ', '\t', '\n', '\r', '\f', '/', '>':
		return true
	}
	return false
}
