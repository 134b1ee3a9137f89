package cjk

import (
	"strings"
	"testing"
)

var benchDoc = strings.Repeat("这是**“重要”**内容，详见https://example.org/a?b=1了解更多。网址：www.example.org，欢迎~~“旧说法”~~新说法。English text with *emphasis* and a.b:c.d too.\n\n", 200)

func BenchmarkRender(b *testing.B) {
	for _, c := range []struct {
		name string
		ext  bool
	}{{"goldmark", false}, {"cjk", true}} {
		md := siteMarkdown()
		if c.ext {
			md = siteMarkdown(Extension)
		}
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				convert(b, md, benchDoc)
			}
		})
	}
}
