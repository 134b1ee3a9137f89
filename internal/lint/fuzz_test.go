package lint

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

var fuzzSeeds = []string{
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
	"| 项目 | 说明,备注 |\n|---|---|\n| `a\\|b` | 中 文，好 |",
	"中[^1],文\n\n[^1]: 注,释\n\n    第二段,文",
	"- [ ] 完成,提交\n  - **重要**,文\n\n<!-- 注 -->正文,",
	"详见https://x.cn/a?tel=13812345678。\\\n见[通知][1],按\n\n[1]: n.md",
}

// checkFindings fails unless every finding lies inside src (first line
// firstLine), has a snippet and comes in order.
func checkFindings(t *testing.T, src string, firstLine int, found []Finding) {
	t.Helper()
	lines := strings.Split(src, "\n")
	prev := Finding{Line: firstLine - 1}
	for _, x := range found {
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
}

// FuzzMarkdown parses like the site and lints the tree.
func FuzzMarkdown(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, int16(1))
	}
	f.Fuzz(func(t *testing.T, src string, first int16) {
		checkFindings(t, src, int(first), Markdown([]byte(src), int(first)))
	})
}

// FuzzDocument lints trees from other goldmark configurations: plain
// CommonMark, and with the typographer, whose nodes have no position.
func FuzzDocument(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, false)
	}
	plain := goldmark.New()
	typo := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Typographer, extension.DefinitionList))
	f.Fuzz(func(t *testing.T, src string, typographer bool) {
		md := plain
		if typographer {
			md = typo
		}
		b := []byte(src)
		root := md.Parser().Parse(text.NewReader(b))
		if string(b) != src {
			t.Fatal("parsing changed the source")
		}
		checkFindings(t, src, 1, Document(root, b, 1))
	})
}

// TestScratch lints the fuzz seeds one after another in one Scratch, the
// longest first, and finds in each what a fresh one finds.
func TestScratch(t *testing.T) {
	seeds := slices.Clone(fuzzSeeds)
	slices.SortStableFunc(seeds, func(a, b string) int { return len(b) - len(a) })
	var s Scratch
	found := 0
	for _, src := range append(seeds, seeds...) {
		b := []byte(src)
		root := markdown().Parser().Parse(text.NewReader(b))
		got, want := s.Document(root, b, 1), Document(root, b, 1)
		if !slices.Equal(got, want) {
			t.Fatalf("%q: with a used Scratch %v, fresh %v", src, got, want)
		}
		found += len(want)
	}
	if found == 0 {
		t.Fatal("the seeds have no findings: the test compares nothing")
	}
}

// FuzzQuiet: skipping the lines quiet passes changes no finding, whatever
// the text (its bytes, its markup, its numbers).
func FuzzQuiet(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	for _, s := range []string{
		"电话13812345678。", "区号（0871）1234567。", "号码0871１２３４５６７", "编号123456789，共9位。",
		"中\u200b文", "中\u00a0文，好。", "中\u00b7文", "中\u3000文，好。", "中\u205f文，好。", "\ufeff中文",
		"中\u180e文", "中\u2066文\u2069", "中\u202f文，好。", "中\xe2\x80文", "中\xe0\x80\xa0文，好。", "中\xc0\xa0文",
		"中,文", "中\t文，好。", "中\x7f文", "中\x01文", "“中文”——好…", "## 标题\n正文", "#\n正文",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		root := markdown().Parser().Parse(text.NewReader([]byte(src)))
		var a, b Scratch
		skipped := a.document(root, []byte(src), 1, true)
		full := b.document(root, []byte(src), 1, false)
		if !slices.Equal(skipped, full) {
			t.Fatalf("%q: with quiet lines skipped %+v, without %+v", src, skipped, full)
		}
	})
}
