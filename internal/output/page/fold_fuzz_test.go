package page

import (
	"errors"
	"html/template"
	"strings"
	"testing"
	"text/template/parse"
)

// FuzzFoldFuse: any layout, folded and fused as For prepares it, writes
// what it writes as it is, and fails where it fails.
func FuzzFoldFuse(f *testing.F) {
	for _, s := range []string{
		`<p>{{t "项目" "Projects"}}</p>`, `<a title="{{t "位置" "Place"}}">`, `<a href="/x?q={{t "搜索" "s"}}">`,
		`<script>var s = {{t "中" "en"}};</script>`, `<p>{{t "甲<乙" "a<b"}}</p>`, `{{if .}}{{t "是" "yes"}}{{end}}`,
		`<p>{{pct .f}} {{int .i}}</p>`, `<a href="{{demo .u}}">{{demo .s}}</a>`, `<a href="{{demo .j}}">`,
		`<title>{{.s}}</title><p title='{{.s}}'>{{.u}}</p>`, `<p>{{"x" | t "a" "b"}}</p>`, `{{define "a"}}<b>{{.}}</b>{{end}}{{template "a" .s}}`,
	} {
		f.Add(s)
	}
	data := map[string]any{"s": "a<b&'\"+ 项", "f": 0.25, "i": 3, "u": "../x/#y", "j": "javascript:x"}
	f.Fuzz(func(t *testing.T, text string) {
		for _, lang := range []string{"zh-CN", "en"} {
			plain, err := layoutOf(text, lang, false)
			if err != nil {
				return
			}
			folded, err := layoutOf(text, lang, true)
			if err != nil {
				t.Fatalf("%q: folding failed: %v", text, err)
			}
			var a, b limited
			errA := plain.Execute(&a, data)
			errB := folded.Execute(&b, data)
			if errors.Is(errA, errTooLong) || errors.Is(errB, errTooLong) {
				return
			}
			if (errA == nil) != (errB == nil) || a.String() != b.String() {
				t.Fatalf("%q in %s:\nfolded   %q (%v)\nunfolded %q (%v)", text, lang, b.String(), errB, a.String(), errA)
			}
		}
	})
}

// layoutOf parses text as a layout, folded and fused or not; nil for text
// that does not parse or that would run too long (a range over a large
// number).
func layoutOf(text, lang string, fold bool) (*template.Template, error) {
	funcs := funcMap(lang, nil)
	es, err := escapings()
	if err != nil {
		return nil, err
	}
	names := fuseFuncs(funcs, es)
	tmpl, err := template.New("x").Funcs(funcs).Parse(text)
	if err != nil {
		return nil, err
	}
	long := false
	foldTrees(tmpl, func(n parse.Node) {
		visit(n, func(n parse.Node) {
			if num, ok := n.(*parse.NumberNode); ok && (!num.IsInt || num.Int64 > 100 || num.Int64 < -100) {
				long = true
			}
		})
	})
	if long {
		return nil, errTooLong
	}
	if fold {
		foldTrees(tmpl, func(n parse.Node) { foldWords(n, lang) })
		escape(tmpl, "x")
		foldTrees(tmpl, func(n parse.Node) {
			foldText(n)
			fuseCalls(n, names, es)
		})
	}
	return tmpl, nil
}

var errTooLong = errors.New("too long")

// limited is a buffer that takes at most 1 MB.
type limited struct{ strings.Builder }

func (l *limited) Write(p []byte) (int, error) {
	if l.Len()+len(p) > 1<<20 {
		return 0, errTooLong
	}
	return l.Builder.Write(p)
}
