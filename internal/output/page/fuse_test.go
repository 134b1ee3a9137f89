package page

import (
	"bytes"
	"html/template"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/routes"
	"github.com/qingdan/qingdan/internal/view"
)

// TestFuse: a layout function whose result is only escaped, in text, an
// attribute, a title, a link or a link's query, is called fused, and any
// other value so escaped goes through one fused escaper (a CSS value in an
// attribute and a script's value too); the page reads the same as
// unfused, for results any escaper keeps and results it changes; a call
// whose result is piped on keeps its escapers.
func TestFuse(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		data       any
		fused      int
	}{
		{"text", `<p>{{pct .}} {{int 3}}</p>`, 0.5, 2},
		{"attribute", `<p title="{{pct .}}" data-x='{{plain .}}'>`, 0.25, 2},
		{"title", `<title>{{pct .}}</title>`, 1.0, 1},
		{"link kept", `<a href="{{demo .}}">`, "../../orgs/a-1/#x", 1},
		{"link escaped", `<a href="{{demo .}}">`, "页面/a b&c+d%zz\"'", 1},
		{"link with a scheme", `<a href="{{demo .}}">`, "javascript:alert(1)", 1},
		{"link percent", `<img src="{{pct .}}">`, 0.5, 1},
		{"text escaped", `<p>{{demo .}}</p><p title="{{demo .}}">`, "<b>&'\"+\x00\ufdd0", 2},
		{"script", `<script>var x = {{pct .}};</script>`, 0.5, 1},
		{"json", `<script type="application/json">{{.}}</script>`, template.JS(`{"a":"</script>"}`), 1},
		{"json string", `<script type="application/json">{{.}}</script>`, `"</script>`, 1},
		{"css", `<p style="width:{{pct100 .}}%">`, 0.255, 1},
		{"css int", `<p style="height:{{.}}px">`, 240, 1},
		{"css escaped", `<p style="width:{{.}}">`, "expression(alert(1))", 1},
		{"query", `<a href="/x?q={{demo .}}">`, "a b", 1},
		{"query kept", `<a href="/x?q={{demo .}}&r={{.}}">`, "wen-yuan_1.x~", 2},
		{"query in text", `<p>?q={{.}}</p>`, "a b", 1},
		{"piped", `<p>{{pct . | printf "%s!"}}</p>`, 0.5, 0},
		{"field", `<p>{{.}}</p><a href="{{.}}">`, "a", 2},
		{"field escaped", `<p>{{.}}</p><a href="{{.}}">`, "<b>&'\" javascript:x", 2},
		{"field in a script", `<script>{{.}}</script>`, "a", 1},
	} {
		want := runOn(t, tc.text, "zh-CN", false, tc.data)
		got := runOn(t, tc.text, "zh-CN", true, tc.data)
		if got.out != want.out || got.err != want.err {
			t.Errorf("%s: fused %q (%v), unfused %q (%v)", tc.name, got.out, got.err, want.out, want.err)
		}
		if got.fused != tc.fused {
			t.Errorf("%s: %d calls fused, want %d", tc.name, got.fused, tc.fused)
		}
	}
}

// TestEscapingKeeps: what an escaping says its escapers keep, they keep
// (random strings of every ASCII byte, CJK, the runes html/template treats
// apart and invalid UTF-8); and any value comes out as html/template
// writes it in that context.
func TestEscapingKeeps(t *testing.T) {
	es, err := escapings()
	if err != nil {
		t.Fatal(err)
	}
	chains := map[string][]string{}
	for _, e := range es {
		chains[e.name] = e.chain
	}
	if !slices.Contains(chains["href"], "_html_template_urlnormalizer") || !slices.Contains(chains["html"], "_html_template_htmlescaper") ||
		!slices.Equal(chains["query"], []string{"_html_template_urlescaper", "_html_template_attrescaper"}) {
		t.Fatalf("escapers: %v", chains)
	}
	var alphabet []string
	for c := range 128 {
		alphabet = append(alphabet, string(rune(c)))
	}
	alphabet = append(alphabet, "项", "目", "\ufdd0", "\ufffe", "\u2028", "\xff", "%2F", "%zz")
	rng := rand.New(rand.NewPCG(5, 6))
	kept := map[string]int{}
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		s := b.String()
		switch rng.IntN(3) {
		case 0: // numbers, which CSS keeps
			s = strings.Map(func(r rune) rune {
				if r < '0' || r > '9' {
					return []rune(".%1")[rng.IntN(3)]
				}
				return r
			}, s)
		case 1: // many that are kept
			s = strings.Map(func(r rune) rune {
				if strings.ContainsRune("<>&'\"+\x00 :%", r) {
					return 'a'
				}
				return r
			}, s)
		}
		for _, e := range es {
			if probe(t, e, s) != e.apply(s) {
				t.Fatalf("%s: %q comes out %q, html/template writes %q", e.name, s, e.apply(s), probe(t, e, s))
			}
			if e.keeps(s) {
				kept[e.name]++
			}
			// An action that prints the escaper's result writes it the same.
			var w bytes.Buffer
			if escaperWrite(e)(&w, reflect.ValueOf(s)) != e.keeps(s) || e.keeps(s) && w.String() != probe(t, e, s) {
				t.Fatalf("%s: %q written as %q", e.name, s, w.String())
			}
		}
	}
	for _, e := range es {
		if kept[e.name] < 1000 && e.name != "json" {
			t.Errorf("%s: only %d strings kept", e.name, kept[e.name])
		}
		for _, v := range []any{template.HTML("<b>x</b>"), template.URL("javascript:x"), template.URL("a b"), 3, -12, 0, nil,
			template.JS(`{"a":"</script>\u2028"}`), template.CSS("red"), 1.5, 0.943089430894309, -2.5e-7, 1e21, 3e+06,
			template.HTML("<p>\"a\" & 'b'</p>"), template.HTMLAttr("x=1")} {
			if got, want := e.apply(v), probe(t, e, v); got != want {
				t.Errorf("%s: %#v comes out %q, html/template writes %q", e.name, v, got, want)
			}
		}
	}
}

// probe is v written by html/template in e's context.
func probe(t *testing.T, e *escaping, v any) string {
	t.Helper()
	tmpl := template.Must(template.New("p").Parse(e.before + "{{.}}" + e.after))
	var b strings.Builder
	if err := tmpl.Execute(&b, v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(strings.TrimPrefix(b.String(), e.before), e.after)
}

// TestPlainKept: plainKept passes a string just when it has no byte of
// specialText, whatever byte it has, wherever it is: in each of the eight
// places of a word and in the bytes after the last whole word, among the
// bytes of Chinese characters (cut anywhere) and among ASCII ones.
func TestPlainKept(t *testing.T) {
	for c := range 256 {
		for _, fill := range []string{"项目清单党建", "ab 12;cd:ef?gh=x_y"} {
			for n := 0; n <= len(fill); n++ {
				for at := 0; at <= n; at++ {
					s := fill[:at] + string([]byte{byte(c)}) + fill[at:n]
					if got, want := plainKept(s), !strings.ContainsAny(s, specialText); got != want {
						t.Fatalf("plainKept(%q) = %v, want %v", s, got, want)
					}
				}
			}
		}
	}
	if !plainKept("") || !plainKept("党建引领 2022") || plainKept("甲<乙") {
		t.Error("plainKept on plain text and a tag")
	}
}

// TestDepthLinks: the links url keeps by folder depth are those to a page
// without an id and to a theme asset or an open-data file; a link to a
// page with an id, to a file given as an address, or with a page number
// is made each time; the key holds the depth and the link style.
func TestDepthLinks(t *testing.T) {
	p := &Page{Site: &view.View{Style: routes.Files}, depth: 2}
	for _, c := range []struct {
		to   any
		args []any
		keep bool
	}{
		{"projects", nil, true},
		{"home", nil, true},
		{"asset", []any{"qingdan.css"}, true},
		{"data", []any{"summary.json"}, true},
		{"org", []any{"o1"}, false},
		{"case", []any{"a"}, false},
		{"file", []any{routes.Href("https://example.org/")}, false},
		{"projects", []any{"", 2}, false},
		{routes.To(routes.Home, ""), nil, false},
	} {
		k, keep := depthLinkOf(p, c.to, c.args)
		if keep != c.keep {
			t.Errorf("url %v %v: kept %v, want %v", c.to, c.args, keep, c.keep)
		}
		if keep && (k.depth != 2 || k.style != routes.Files || k.to != c.to) {
			t.Errorf("url %v %v: key %+v", c.to, c.args, k)
		}
	}
	if _, keep := depthLinkOf(nil, "projects", nil); keep {
		t.Error("kept a link from no page")
	}
}
