package search

import (
	"slices"
	"testing"

	"github.com/qingdan/qingdan/internal/content"
)

func TestCaptions(t *testing.T) {
	for _, c := range []struct {
		name, text, html, want string
	}{
		{"none", "正文。", "<p>正文。</p>", ""},
		{"markdown figure: its title is the caption, its alt is in the text",
			"正文。茶园风光",
			`<p>正文。</p><figure class="img"><img src="a.png" alt="茶园风光" title="东勐茶园远眺"><figcaption>东勐茶园远眺</figcaption></figure>`,
			"东勐茶园远眺"},
		{"an inline picture's title",
			"行内采茶女图。",
			`<p>行内<img src="a.png" alt="采茶女" title="图注：采茶 &amp; 制茶" loading="lazy">图。</p>`,
			"图注：采茶 & 制茶"},
		{"HTML figure: alt and caption, spaces collapsed",
			"正文。",
			"<FIGURE><IMG SRC=a.png ALT=\"湿地\n白鹭\"><figcaption>湖边的<b>白鹭</b>\n群</figcaption></FIGURE>",
			"湿地 白鹭\n湖边的白鹭 群"},
		{"each once",
			"",
			`<img alt="同一张" title="同一张"><img alt="同一张"><figure><img alt=""><figcaption>同一张</figcaption></figure>`,
			"同一张"},
		{"not other tags", "", `<imgx alt="不是"><p title="段落">字</p><figcaptions>也不是</figcaptions>`, ""},
		{"an unclosed caption at the end", "", `<figcaption>没有结尾`, "没有结尾"},
		{"text that looks like a tag is text", "a < b", `<p>a &lt;img alt="x"&gt; b</p>`, ""},
	} {
		d := &content.Doc{Text: c.text, Body: content.Body{HTML: []byte(c.html)}}
		if got := captions(d); got != c.want {
			t.Errorf("%s: captions = %q, want %q", c.name, got, c.want)
		}
	}
}

// TestCut: a document's text is cut after n characters in all, whatever
// its parts; text short enough in bytes is kept whole without counting.
func TestCut(t *testing.T) {
	for _, c := range []struct {
		ps   []string
		n    int
		want []string
	}{
		{nil, 5, nil},
		{[]string{"党建引领"}, 4, []string{"党建引领"}},
		{[]string{"党建引领"}, 3, []string{"党建引"}},
		{[]string{"党建", "引领"}, 2, []string{"党建"}},
		{[]string{"党建", "引领"}, 3, []string{"党建", "引"}},
		{[]string{"ab", "cd"}, 5, []string{"ab", "cd"}},
		{[]string{"ab", "cd"}, 4, []string{"ab", "cd"}},
		{[]string{"ab", "cd"}, 3, []string{"ab", "c"}},
		{[]string{"茶园", "ab"}, 12, []string{"茶园", "ab"}},
		{[]string{"\xff\xfe茶"}, 2, []string{"\xff\xfe"}},
	} {
		if got := cut(c.ps, c.n); !slices.Equal(got, c.want) || (got == nil) != (c.want == nil) {
			t.Errorf("cut(%q, %d) = %q, want %q", c.ps, c.n, got, c.want)
		}
	}
}
