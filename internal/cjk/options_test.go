package cjk

import (
	"regexp"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

func TestOptions(t *testing.T) {
	for _, c := range []struct {
		name string
		md   goldmark.Markdown
		src  string
		want string
	}{
		{"without strikethrough, no GFM", commonMark(New(WithoutStrikethrough(), WithoutLinkify())),
			"~~“旧”~~新 ~~old~~ 详见https://example.org了解",
			"<p>~~“旧”~~新 ~~old~~ 详见https://example.org了解</p>\n"},
		{"without GFM, strikethrough is enabled and rendered", commonMark(Extension),
			"~~“旧”~~新 ~~old~~", "<p><del>“旧”</del>新 <del>old</del></p>\n"},
		{"without linkify, emphasis still amended", siteMarkdown(New(WithoutLinkify())),
			"**重点：**详见https://example.org了解",
			"<p><strong>重点：</strong>详见https://example.org了解</p>\n"},
		{"linkify parser options apply to glued URLs", goldmark.New(
			goldmark.WithExtensions(extension.GFM, Extension),
			goldmark.WithParserOptions(
				extension.WithLinkifyAllowedProtocols([]string{"https:"}),
				extension.WithLinkifyURLRegexp(regexp.MustCompile(`^https://[a-z.]+`)),
			)),
			"见https://example.org/x，和http://example.org",
			"<p>见<a href=\"https://example.org\">https://example.org</a>/x，和http://example.org</p>\n"},
		{"a link regexp that admits non-ASCII still stops at Chinese", goldmark.New(
			goldmark.WithExtensions(extension.GFM, Extension),
			goldmark.WithParserOptions(parser.WithOption("LinkifyURLRegexp", regexp.MustCompile(`^https?://\S+`)))),
			"见https://example.org/路径",
			"<p>见<a href=\"https://example.org/\">https://example.org/</a>路径</p>\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := convert(t, c.md, c.src); got != c.want {
				t.Errorf("%q:\nwant %q\ngot  %q", c.src, c.want, got)
			}
		})
	}
}

func TestIsCJK(t *testing.T) {
	for _, r := range "中文字かなカナ한글，。：；！？（）【】「」《》　ＡＢ１" {
		if !IsCJK(r) {
			t.Errorf("IsCJK(%q) = false", r)
		}
	}
	for _, r := range "aZ9 *_~.,“”‘’—…é" {
		if IsCJK(r) {
			t.Errorf("IsCJK(%q) = true", r)
		}
	}
}
