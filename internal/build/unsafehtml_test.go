package build

import (
	"bytes"
	"maps"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestUnsafeHTMLLayout: with raw HTML allowed, an article whose HTML closes
// the page's elements (</div></article></main>) and leaves its own open
// does not change the page around it: <main> holds the article and its
// aside, the footer follows <main>, and the article's text stays in its
// prose block.
func TestUnsafeHTMLLayout(t *testing.T) {
	s := maps.Clone(plain)
	s["qingdan.toml"] = "title = \"测试\"\nunsafe_html = true\n"
	s["content/cases/x.md"] = "---\ntitle: 标题\ndate: 2022-06-01\norgs: [wenyuan]\n---\n正文。\n\n</div></article></main></body>\n\n" +
		"<div class=\"box\"><p>框里<b>粗<i>斜</b>\n\n<table><tr><td>表格\n\n尾声。\n"
	out := buildOK(t, s.write(t), Options{})
	doc, err := html.Parse(bytes.NewReader(out["cases/x/index.html"]))
	if err != nil {
		t.Fatal(err)
	}
	path := func(n *html.Node) string {
		var p []string
		for ; n != nil && n.Type == html.ElementNode; n = n.Parent {
			el := n.Data
			for _, a := range n.Attr {
				if a.Key == "class" {
					el += "." + strings.Fields(a.Val)[0]
				}
			}
			p = append([]string{el}, p...)
		}
		return strings.Join(p, ">")
	}
	found := map[string]string{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if a.Key == "class" && (a.Val == "article" || a.Val == "prose" || a.Val == "article-aside" || a.Val == "footer") {
					found[a.Val] = path(n)
				}
			}
		}
		if n.Type == html.TextNode && strings.Contains(n.Data, "尾声") {
			found["text"] = path(n.Parent)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for k, want := range map[string]string{
		"article":       "html>body.kind-case>main.wrap>div.article-layout>article.article",
		"prose":         "html>body.kind-case>main.wrap>div.article-layout>article.article>div.prose",
		"article-aside": "html>body.kind-case>main.wrap>div.article-layout>aside.article-aside",
		"footer":        "html>body.kind-case>footer.footer",
		"text":          "html>body.kind-case>main.wrap>div.article-layout>article.article>div.prose>div.box>table>tbody>tr>td>p",
	} {
		if found[k] != want {
			t.Errorf("%s at %s, want %s", k, found[k], want)
		}
	}
}
