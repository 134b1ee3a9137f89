package content

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/routes"
)

// pageShape wraps a body as a case page does and reports what a browser
// makes of the page's own structure: the path of elements to each of the
// page's marked elements, and how many <main> there are.
func pageShape(t *testing.T, body string) string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(`<!doctype html><html><body><main id="main"><div class="article-layout"><article class="article"><div class="prose">` +
		body + `</div><p id="after-prose">x</p></article><aside id="aside">a</aside></div></main><footer id="footer">f</footer></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	var shape []string
	counts := map[string]int{}
	var walk func(n *html.Node, path string)
	walk = func(n *html.Node, path string) {
		if n.Type == html.ElementNode {
			counts[n.Data]++
			path += "/" + n.Data
			for _, a := range n.Attr {
				if a.Key == "id" && (a.Val == "main" || a.Val == "after-prose" || a.Val == "aside" || a.Val == "footer") {
					shape = append(shape, a.Val+"@"+path)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, path)
		}
	}
	walk(doc, "")
	shape = append(shape, "mains="+string(rune('0'+counts["main"])))
	return strings.Join(shape, " ")
}

const intactShape = "main@/html/body/main after-prose@/html/body/main/div/article/p aside@/html/body/main/div/aside footer@/html/body/footer mains=1"

// TestBalance: with raw HTML allowed, an article's HTML is balanced: it
// closes what it opens and nothing of the page's, whatever it holds, so
// the page's <main>, <article>, aside and footer stay where the layout
// puts them; and balancing twice changes nothing.
func TestBalance(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"extra close tags", "<p>正文</p></div></article></main><p>后文</p>", "<p>正文</p><p>后文</p>"},
		{"unclosed tags", "<div><section><p>未闭合<blockquote>引文", "<div><section><p>未闭合</p><blockquote>引文</blockquote></section></div>"},
		{"misnested inline", "<p><b>粗<i>斜</b>体</i></p>", "<p><b>粗<i>斜</i></b><i>体</i></p>"},
		{"table fragment", "<table><tr><td>1<td>2</table>", "<table><tbody><tr><td>1</td><td>2</td></tr></tbody></table>"},
		{"bare cells", "<td>孤立的单元格</td></tr>", "孤立的单元格"},
		{"an article and a footer of its own", "<article><footer>作者</footer>", "<article><footer>作者</footer></article>"},
		{"a closing main in a list", "<ul><li>一</main></footer><li>二</ul>", "<ul><li>一</li><li>二</li></ul>"},
		{"stray html and body", "</body></html><p>尾</p>", "<p>尾</p>"},
		{"text only", "a &amp; b &lt; c", "a &amp; b &lt; c"},
		{"empty", "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := string(balance([]byte(tt.in)))
			if got != tt.want {
				t.Errorf("balance(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := string(balance([]byte(got))); again != got {
				t.Errorf("balancing again gives %q", again)
			}
			if shape := pageShape(t, got); shape != intactShape {
				t.Errorf("the page around %q is\n%s\nwant\n%s", got, shape, intactShape)
			}
		})
	}
}

// TestUnbalancedArticle: a whole article with raw HTML allowed, HTML that
// closes the page's elements and leaves its own open: the body as the page
// shows it leaves the page intact, and the same article gives the same bytes.
func TestUnbalancedArticle(t *testing.T) {
	src := t.TempDir()
	ps := NewParser(src, Options{UnsafeHTML: true})
	md := "---\ntitle: 标题\ndate: 2022-06-01\n---\n正文。\n\n</div></article></main>\n\n<div class=\"box\"><p>框里<b>粗\n\n```chart\norg: wenyuan\n```\n\n<table><tr><td>表格\n\n后文。\n"
	var l diag.List
	d := ps.Parse(Case, "content/cases/x.md", []byte(md), &l)
	if d == nil {
		t.Fatalf("no document: %s", printed(&l))
	}
	body := d.String(routes.Dirs)
	if shape := pageShape(t, body); shape != intactShape {
		t.Errorf("the page around\n%s\nis %s", body, shape)
	}
	for _, want := range []string{"<p>正文。</p>", "<div class=\"box\"><p>框里<b>粗\n</b></p></div><!-- chart org:wenyuan -->", "<td>表格", "<p>后文。</p>"} {
		if !strings.Contains(body, want) {
			t.Errorf("the body lacks %q:\n%s", want, body)
		}
	}
	d2 := NewParser(src, Options{UnsafeHTML: true}).Parse(Case, "content/cases/x.md", []byte(md), &diag.List{})
	if again := d2.String(routes.Dirs); !bytes.Equal([]byte(again), []byte(body)) {
		t.Errorf("two parses differ:\n%s\n%s", body, again)
	}
}

func printed(l *diag.List) string {
	var b strings.Builder
	l.Print(&b, "en")
	return b.String()
}

// FuzzBalance: whatever an article's raw HTML holds, once sanitised and
// balanced it leaves the page's structure intact, and balancing it again
// changes nothing.
func FuzzBalance(f *testing.F) {
	for _, s := range []string{"</div></article>", "<div><p>x", "<b><i>x</b></i>", "<table><tr><td>1", "<template><td>", "<svg><p>x</svg>",
		"<math><mi><p>x", "<select><option>a</select></main>", "<pre>\n\nx</pre>", "<textarea></div></textarea>", "<noscript></article></noscript>", "<frameset>", "<plaintext></div>"} {
		f.Add(s)
	}
	p := sanitizer()
	f.Fuzz(func(t *testing.T, s string) {
		out := balance(p.SanitizeBytes([]byte(s)))
		if again := balance(out); !bytes.Equal(again, out) {
			t.Fatalf("%q balances to %q, then to %q", s, out, again)
		}
		if shape := pageShape(t, string(out)); shape != intactShape {
			t.Fatalf("%q balances to %q, and the page around it is\n%s", s, out, shape)
		}
	})
}
