package page

import (
	"strings"
	"testing"
	"text/template/parse"
)

// TestFold: a layout folded (its words picked when parsed, constant
// actions made text once escaped) writes what it writes unfolded, in every
// context; only the actions whose escaper would leave a word as it is
// become text.
func TestFold(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		actions    int // actions left after folding
	}{
		{"text", `<p>{{t "项目" "Projects"}}</p>`, 0},
		{"attribute", `<a title="{{t "位置" "Place"}}" aria-label='{{t "一" "one"}}'>`, 0},
		{"title", `<title>{{t "标题" "Title"}}</title>`, 0},
		{"textarea", `<textarea>{{t "说" "say"}}</textarea>`, 0},
		{"url", `<a href="/x?q={{t "搜索 一下" "search it"}}">`, 1},
		{"url whole", `<a href="{{t "页/" "page/"}}">`, 1},
		{"script", `<script>var s = {{t "中" "en"}};</script>`, 1},
		{"style", `<p style="color: {{t "red" "blue"}}">`, 1},
		{"unquoted", `<a title={{t "无引号" "bare"}}>`, 1},
		{"special", `<p>{{t "甲<乙" "a<b"}} {{t "甲&乙" "a&b"}} {{t "1+1" "1+1"}} {{t "'" "\""}}</p>`, 4},
		{"branches", `{{if .}}{{t "是" "yes"}}{{else}}{{t "否" "no"}}{{end}}{{range .}}{{t "行" "row"}}{{end}}{{with .}}{{t "有" "some"}}{{end}}`, 0},
		{"argument", `<p>{{printf "%s!" (t "嗨" "hi")}}</p>`, 1},
		{"piped", `<p>{{t "嗨" "hi" | printf "%s!"}}</p>`, 1},
		{"data", `<p>{{index . 0}}{{t "字" "word"}}</p>`, 1},
		{"literal", `<p>{{"直接"}}</p>`, 0},
	} {
		for _, lang := range []string{"zh-CN", "en"} {
			want := run(t, tc.text, lang, false)
			got := run(t, tc.text, lang, true)
			if got.out != want.out || got.err != want.err {
				t.Errorf("%s %s: folded %q (%v), unfolded %q (%v)", tc.name, lang, got.out, got.err, want.out, want.err)
			}
			if got.actions != tc.actions {
				t.Errorf("%s %s: %d actions left, want %d", tc.name, lang, got.actions, tc.actions)
			}
			if got.calls != 0 {
				t.Errorf("%s %s: %d calls of t left", tc.name, lang, got.calls)
			}
		}
	}

	// A t that is not the first command of its pipeline would be given the
	// piped value too: the error stays.
	for _, fold := range []bool{false, true} {
		r := run(t, `<p>{{"x" | t "甲" "a"}}</p>`, "zh-CN", fold)
		if !strings.Contains(r.err, "wrong number of args for t") || r.calls != 1 {
			t.Errorf("fold %v: %+v, want the wrong number of arguments", fold, r)
		}
	}
}

type result struct {
	out, err              string
	actions, calls, fused int
}

// run executes text on []string{"a"} in lang, folded as Load and For fold
// a layout or not.
func run(t *testing.T, text, lang string, fold bool) result {
	return runOn(t, text, lang, fold, []string{"a"})
}

// runOn executes text on data in lang, folded and fused as Load and For
// make a layout or not.
func runOn(t *testing.T, text, lang string, fold bool, data any) result {
	t.Helper()
	tmpl, err := layoutOf(text, lang, fold)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var r result
	if err := tmpl.Execute(&b, data); err != nil {
		r.err = err.Error()
	}
	r.out = b.String()
	visit(tmpl.Tree.Root, func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ActionNode:
			r.actions++
		case *parse.IdentifierNode:
			if n.Ident == "t" {
				r.calls++
			}
			if strings.HasPrefix(n.Ident, "_qingdan_") {
				r.fused++
			}
		}
	})
	return r
}
