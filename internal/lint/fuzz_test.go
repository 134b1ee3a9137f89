package lint

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzMarkdown(f *testing.F) {
	seeds := []string{
		"",
		"我们,你们\n完成了.下一步\n目标:",
		"中 文，讲好中国故事。\n\n## \n###",
		"联系电话：138-1234-5678，0871-12345678，+86 138 1234 5678。",
		"身份证号：11010519491231002X。",
		"```go\n中,文\n```\n    code\n~~~\n",
		"[链接](https://x.cn/(a)),<b>中</b>,<!-- 注\n释 -->,`code`",
		"\xff\xfe中,\x80文\r\n中\u3000文。",
		"> - ```\n> 中,文",
		"<script>\n中,文",
		"``` `\n`` ` ``,中,文",
	}
	for _, s := range seeds {
		f.Add(s, int16(1))
	}
	f.Fuzz(func(t *testing.T, src string, first int16) {
		firstLine := int(first)
		lines := strings.Split(src, "\n")
		prev := Finding{Line: firstLine - 1}
		for _, x := range Markdown([]byte(src), firstLine) {
			i := x.Line - firstLine
			if i < 0 || i >= len(lines) {
				t.Fatalf("%+v: line outside [%d, %d)", x, firstLine, firstLine+len(lines))
			}
			if n := utf8.RuneCountInString(lines[i]); x.Col < 1 || x.Col > n {
				t.Fatalf("%+v: column outside [1, %d] of line %q", x, n, lines[i])
			}
			if x.Text == "" || utf8.RuneCountInString(x.Text) > maxSnippet {
				t.Fatalf("%+v: bad snippet", x)
			}
			if x.Line < prev.Line || x.Line == prev.Line && (x.Col < prev.Col || x.Col == prev.Col && x.Rule < prev.Rule) {
				t.Fatalf("%+v after %+v: not ordered", x, prev)
			}
			prev = x
		}
	})
}
