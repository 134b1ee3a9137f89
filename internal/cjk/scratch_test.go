package cjk

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

func TestScratch(t *testing.T) {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.CJK))
	for _, s := range []string{"这是**“重要”**内容", "**重点：**后面", "**（注）**说明", "**我们。**你们", "*强调*文字", "~~“旧说法”~~新说法",
		"详见https://example.org/a?b=1了解更多", "www.example.org。", "网址：https://example.org，欢迎", "详见 https://example.org/a?b=1了解更多", "网址： https://example.org，欢迎", "访问www.example.org。", "详见https://example.org/a_b_c了解", "x https://example.org/a_b_c了解"} {
		var b bytes.Buffer
		md.Convert([]byte(s), &b)
		fmt.Printf("%s\n  %s", s, b.String())
	}
}
