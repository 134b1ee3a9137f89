package content

import (
	"bufio"
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/renderer/html"
)

// written is what Write (or RawWrite, raw) of w writes of s.
func written(w html.Writer, s []byte, raw bool) string {
	var b bytes.Buffer
	bw := bufio.NewWriter(&b)
	if raw {
		w.RawWrite(bw, s)
	} else {
		w.Write(bw, s)
	}
	bw.Flush()
	return b.String()
}

// quickCases are texts for quickWriter: Chinese text, every byte it acts
// on at either end of an eight-byte word and between, entities, escapes.
func quickCases() []string {
	cases := []string{"", "党建", "支部把微心愿认领列入项目清单，定责任人。", "a", "abcdefgh", "abcdefghi",
		"&amp;", "&#x4E00;", "&#19968;", "&nbsp;x", "& alone", `\*`, `\ space`, "a\\", "\x00", "\xff\xfe", `"quoted"`,
		"<b>", "x>y", "数值 < 10 且 > 2", "全角＆与&半角", strings.Repeat("清单", 20) + "&lt;"}
	for _, c := range []string{"\x00", `"`, "&", "<", ">", `\`, "'"} {
		for at := range 17 {
			cases = append(cases, strings.Repeat("党", at/3)+strings.Repeat("x", at%3)+c+"建设")
		}
	}
	return cases
}

// TestQuickWriter: quickWriter writes what the writer it wraps writes, in
// Write and RawWrite, with escaped spaces dropped or kept.
func TestQuickWriter(t *testing.T) {
	for _, w := range []html.Writer{html.NewWriter(html.WithEscapedSpace()), html.NewWriter()} {
		q := newQuickWriter(w)
		if q.high {
			t.Error("goldmark's writer acts on a byte of 0x80 or above: the quick path no longer passes over eight at once")
		}
		for _, s := range quickCases() {
			for _, raw := range []bool{false, true} {
				if got, want := written(q, []byte(s), raw), written(w, []byte(s), raw); got != want {
					t.Errorf("raw %v %q: %q, want %q", raw, s, got, want)
				}
			}
		}
	}
}

// FuzzQuickWriter holds quickWriter to the writer it wraps for any text.
func FuzzQuickWriter(f *testing.F) {
	for _, s := range quickCases() {
		f.Add([]byte(s))
	}
	w := html.NewWriter(html.WithEscapedSpace())
	q := newQuickWriter(w)
	f.Fuzz(func(t *testing.T, s []byte) {
		for _, raw := range []bool{false, true} {
			if got, want := written(q, s, raw), written(w, s, raw); got != want {
				t.Errorf("raw %v %q: %q, want %q", raw, s, got, want)
			}
		}
	})
}

// TestQuickText: the Markdown instance a build uses renders what it
// rendered without quickText, escaped spaces, entities, escapes, tables,
// code and raw HTML among it: quickText gives the renderers the writer
// CJK gave them (one that drops an escaped space), with the quick path.
func TestQuickText(t *testing.T) {
	docs := append(quickCases(), "# 标题\n\n支部把**微心愿**认领列入项目清单，目前已有 23 名党员认领\\ 任务。\n\n| 项目 | 说明 |\n|---|---|\n| a&amp;b | `<x>` |\n",
		"> 引用 &copy; 2022\n\n- 一\n- 二 \\* 三\n\n```\n<code> & \"x\"\n```\n\n<b>粗</b> &#x4E00; &#19968; &nosuch; a\\ b",
		"[链接](https://x.cn/a?b=1&c=2 \"题 & 目\") ![图](p.png \"说&明\")\n\n脚注[^1]\n\n[^1]: 注 <i>释</i> \\ \n")
	for _, unsafe := range []bool{false, true} {
		with, without := newMarkdown(unsafe), markdownWith(unsafe)
		for _, d := range docs {
			if a, b := converted(t, with, d), converted(t, without, d); a != b {
				t.Errorf("unsafe %v %q:\n%s\nwithout quickText:\n%s", unsafe, d, a, b)
			}
		}
	}
}

// converted is the HTML md makes of Markdown src.
func converted(t *testing.T, md goldmark.Markdown, src string) string {
	t.Helper()
	var b bytes.Buffer
	if err := md.Convert([]byte(src), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
