package content

import (
	"bytes"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// balance makes sanitised HTML well formed, so that it cannot close or
// leave open the page's own elements around it: it is parsed as a browser
// parses the inside of a <div> (stray end tags such as </div></article>
// are dropped, open elements closed, misnested inline tags and table parts
// repaired, as the HTML standard's parser does) and written out again.
// The same input gives the same bytes.
func balance(b []byte) []byte {
	if len(b) == 0 {
		return b
	}
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(bytes.NewReader(b), ctx)
	if err != nil { // x/net/html fails only on a failing reader
		return []byte(html.EscapeString(string(b)))
	}
	var out bytes.Buffer
	out.Grow(len(b))
	for _, n := range nodes {
		if err := html.Render(&out, n); err != nil {
			return []byte(html.EscapeString(string(b)))
		}
	}
	return out.Bytes()
}
