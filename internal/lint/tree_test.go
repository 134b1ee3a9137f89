package lint

import (
	"slices"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/qingdan/qingdan/internal/cjk"
)

// Markdown the old line scanner got wrong or could not see: the tree knows.

func TestEmphasis(t *testing.T) {
	run(t, []tcase{
		{"strong", "**重要**,文", []string{"1:4 " + hw + " 要**,文"}},
		{"emphasis around the punctuation", "目标**,**完成", []string{"1:2 " + hw + " 标**,**完"}},
		{"next to Chinese punctuation", "这是**“重要”**,内容", []string{"1:8 " + hw + " ”**,内"}},
		{"underscore", "_重要_,文", []string{"1:3 " + hw + " 要_,文"}},
		{"strikethrough", "~~删除~~,文", []string{"1:4 " + hw + " 除~~,文"}},
		{"literal asterisk is visible", "中*,文", nil},
		{"escaped comma", `中\,文`, []string{"1:1 " + hw + ` 中\,文`}},
		{"escaped asterisk is visible", `中\*,文`, nil},
		{"hard break by backslash", "目标:\\\n下一行", []string{"1:2 " + hw + " 标:"}},
		{"hard break by spaces", "目标:  \n下一行", []string{"1:2 " + hw + " 标:"}},
		{"space credit before a closing tag", "图为活动现场。张三 摄</b>", nil},
	})
}

func TestLinks(t *testing.T) {
	run(t, []tcase{
		{"reference link", "见[通知][1],按要求办理。\n\n[1]: n.md", []string{"1:4 " + hw + " 知][1],按"}},
		{"collapsed reference", "见[通知][],按要求办理。\n\n[通知]: n.md", []string{"1:4 " + hw + " 知][],按"}},
		{"image alt text", "![图,片](a.png)", []string{"1:3 " + hw + " 图,片"}},
		{"inline tag", "<b>重要</b>,文", []string{"1:5 " + hw + " 要</b>,文"}},
		{"url with a phone number glued to Chinese", "详见https://x.cn/a?tel=13812345678。", nil},
		{"url in link text", "[见https://x.cn/13812345678](a.md)", nil},
		{"email autolink", "联系<a13812345678@x.cn>,文", nil},
		{"reference definition with title", "[1]: https://x.cn \"中,文\"", nil},
		{"broken link with escaped bracket", `中\](13812345678)`, []string{"1:5 " + ph + " 13812345678"}},
	})
}

func TestBlocks(t *testing.T) {
	run(t, []tcase{
		{"nested list", "- 第一项\n  - 嵌套,项", []string{"2:6 " + hw + " 套,项"}},
		{"task list", "- [ ] 完成,提交", []string{"1:8 " + hw + " 成,提"}},
		{"empty heading in a nested list", "- - ##", []string{"1:5 " + eh + " ##"}},
		{"code in a list item", "1.     目标:", nil},
		{"lazy blockquote continuation", "> 引用,文\n继续,文", []string{"1:4 " + hw + " 用,文", "2:2 " + hw + " 续,文"}},
		{"nested blockquote", "> > 中,文", []string{"1:5 " + hw + " 中,文"}},
		{"code in a blockquote", ">     中,文", nil},
		{"setext heading", "标题,文\n---", []string{"1:2 " + hw + " 题,文"}},
		{"hash in a paragraph continuation", "正文\n    #", nil},
		{"indented fence is text", "正文\n    ```\n中,文", []string{"3:1 " + hw + " 中,文"}},
		{"html block", "<div>\n中,文\n</div>", nil},
		{"text after a one-line comment", "<!-- 注 -->正文,", []string{"1:12 " + hw + " 文,"}},
		{"unclosed comment is text", "正文<!--中,文", []string{"1:7 " + hw + " 中,文"}},
	})
}

func TestTables(t *testing.T) {
	run(t, []tcase{
		{"header and body cells", "| 项目 | 说明,备注 |\n|---|---|\n| 一 | 中 文，好 |",
			[]string{"1:9 " + hw + " 明,备", "3:7 " + sp + " 中 文"}},
		{"cells are not joined", "| 中 | 文，好 |\n|---|---|", nil},
		{"code span with a pipe", "| `a\\|b`,中 | 文 |\n|---|---|", nil},
		{"phone in a cell", "| 电话 | 13812345678 |\n|---|---|", []string{"1:8 " + ph + " 13812345678"}},
	})
}

func TestFootnotes(t *testing.T) {
	run(t, []tcase{
		{"reference behind text", "中[^1],文\n\n[^1]: 注释。", []string{"1:1 " + hw + " 中[^1],文"}},
		{"definition text", "正文[^1]。\n\n[^1]: 注,释", []string{"3:7 " + hw + " 注,释"}},
		{"indented second paragraph", "正文[^1]。\n\n[^1]: 注释。\n\n    第二段,文", []string{"5:7 " + hw + " 段,文"}},
		{"unreferenced definition is not published", "[^1]: 注,释", nil},
	})
}

func TestCodeSpans(t *testing.T) {
	run(t, []tcase{
		{"before Chinese", "`代码`后,文", []string{"1:5 " + hw + " 后,文"}},
		{"glued on both sides", "中`x`,文", nil},
		{"Chinese code", "使用`中`,文", nil},
		{"punctuation before the span", "中,`code`文", nil},
		{"stripped spaces", "中` a `,文", nil},
		{"across lines", "`中\n,文`", nil},
		{"phone next to code", "`x`13812345678", []string{"1:4 " + ph + " 13812345678"}},
	})
}

// siteMarkdown is configured like internal/content's newMarkdown, parser
// options included.
func siteMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.CJK, cjk.Extension),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
}

func TestDocument(t *testing.T) {
	src := []byte("# 标题\n\n这是第一段,包含错误。\n\n##\n\n> 电话13812345678\n")
	root := siteMarkdown().Parser().Parse(text.NewReader(src))
	got := Document(root, src, 5)
	want := []Finding{
		{7, 5, hw, "段,包"},
		{9, 1, eh, "##"},
		{11, 5, ph, "13812345678"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}
	if m := Markdown(src, 5); !slices.Equal(m, got) {
		t.Errorf("Markdown %v, Document %v", m, got)
	}
}

// TestDocumentOtherTrees: Document copes with trees from other goldmark
// configurations, such as the typographer's ast.String nodes, which have no
// position.
func TestDocumentOtherTrees(t *testing.T) {
	src := []byte("他说\"你好\"--然后,离开...\n\n中 文，好。")
	want := []Finding{{1, 10, hw, "后,离"}, {3, 1, sp, "中 文"}}
	for _, md := range []goldmark.Markdown{goldmark.New(), goldmark.New(goldmark.WithExtensions(extension.Typographer))} {
		root := md.Parser().Parse(text.NewReader(src))
		if got := Document(root, src, 1); !slices.Equal(got, want) {
			t.Errorf("got  %v\nwant %v", got, want)
		}
	}
}

// figure stands for a block that a transformer puts in place of a
// paragraph, as internal/content does for an image with a title.
type figure struct{ ast.BaseBlock }

func (f *figure) Kind() ast.NodeKind         { return kindFigure }
func (f *figure) Dump(src []byte, level int) { ast.DumpHelper(f, src, level, nil, nil) }

var kindFigure = ast.NewNodeKind("LintTestFigure")

// TestDocumentTransformedTree: a tree rearranged after parsing still gives
// the positions of its text in the source.
func TestDocumentTransformedTree(t *testing.T) {
	src := []byte("正文。\n\n![图,片](a.png \"题\")\n")
	root := siteMarkdown().Parser().Parse(text.NewReader(src))
	p := root.LastChild()
	img := p.FirstChild()
	p.RemoveChild(p, img)
	f := &figure{}
	f.AppendChild(f, img)
	root.ReplaceChild(root, p, f)
	want := []Finding{{3, 3, hw, "图,片"}}
	if got := Document(root, src, 1); !slices.Equal(got, want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}
}

// BenchmarkDocument lints a parsed tree: the cost the content package pays,
// having parsed the article to render it.
func BenchmarkDocument(b *testing.B) {
	src := article()
	root := siteMarkdown().Parser().Parse(text.NewReader(src))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		Document(root, src, 1)
	}
}

// textBefore is marker.text as it was: a byte at a time.
func textBefore(m *marker, s text.Segment) {
	from, to := max(s.Start, 0), min(s.Stop, len(m.src))
	for i := from; i < to; i++ {
		if m.src[i] == '\\' && i+1 < to && isASCIIPunct(rune(m.src[i+1])) {
			m.kinds[i] = kTrans
			i++
			m.kinds[i] = kNormal
			continue
		}
		m.kinds[i] = kNormal
	}
}

// FuzzMarkerText holds marker.text (fill eight bytes at a time, the
// escapes found with IndexByte) to what it did a byte at a time, on any
// source and segment, over kinds set before.
func FuzzMarkerText(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, 0, len(s))
	}
	f.Add(`a\*b\\c\`, 1, 9)
	f.Add(`\\\\\*中文\x`, -3, 40)
	f.Fuzz(func(t *testing.T, src string, start, stop int) {
		start, stop = start%(len(src)+8), stop%(len(src)+8)
		got := &marker{src: []byte(src), kinds: make([]uint8, len(src))}
		want := &marker{src: []byte(src), kinds: make([]uint8, len(src))}
		for i := range src {
			got.kinds[i], want.kinds[i] = uint8(i%4), uint8(i%4)
		}
		seg := text.NewSegment(start, stop)
		got.text(seg)
		textBefore(want, seg)
		if !slices.Equal(got.kinds, want.kinds) {
			t.Fatalf("%q [%d, %d): kinds %v, before %v", src, start, stop, got.kinds, want.kinds)
		}
	})
}
