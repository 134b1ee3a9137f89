package cjk

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// hasCJK reports whether s contains a CJK character (IsCJK) anywhere.
func hasCJK(s string) bool {
	for _, r := range s {
		if IsCJK(r) {
			return true
		}
	}
	return false
}

func addSeeds(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	for _, file := range files {
		for _, c := range readCases(f, file) {
			f.Add(c.Markdown)
		}
	}
	for _, s := range []string{
		"", "*", "**", "_a_", "__init__", "2*3*4", "5 * 6", "*a **b** c*", "***a***", "~~a~~", "~a~",
		"x https://example.org/a_(b)?c=1&amp; y", "www.example.org.", "[https://x.org](y)", "`a*b*`",
		"**a:**b", "a**\"b\"**c", "中", "**中：**文", "见https://a.org", "见www.a.org。", "\t*\ta*",
		"> **a**\n> b", "- _a_\n- b", "a\\*b*", "*a\nb*", "**\xff**", "\xe4\xb8**\xad**",
	} {
		f.Add(s)
	}
}

// FuzzRender: rendering with the extension never panics, and input without
// CJK characters renders exactly as goldmark renders it without the
// extension.
func FuzzRender(f *testing.F) {
	addSeeds(f)
	site, siteBase := siteMarkdown(Extension), siteMarkdown()
	// Extension enables strikethrough on a goldmark without GFM; compare
	// that configuration without it.
	cm, cmBase := commonMark(New(WithoutStrikethrough())), commonMark()
	convert(f, commonMark(Extension), "~~a~~ ~b~") // must not panic
	f.Fuzz(func(t *testing.T, data string) {
		gotCM := convert(t, cm, data)
		if !hasCJK(data) {
			if want := convert(t, cmBase, data); gotCM != want {
				t.Errorf("commonmark, %q:\nwithout extension: %q\nwith extension:    %q", data, want, gotCM)
			}
		}
		// goldmark's extension.CJK renderer panics on some invalid UTF-8
		// (util.ToRune reads before a text that holds only continuation
		// bytes, "\x9a\n0"), with or without this extension. qingdan rejects
		// documents that are not valid UTF-8 before rendering them, so the
		// site stack is only fed valid UTF-8.
		if !utf8.ValidString(data) {
			return
		}
		got := convert(t, site, data)
		// The same structure with Chinese in it, to drive the amended rules:
		// only "does not panic" is checked.
		convert(t, site, cjkify(data))
		if !hasCJK(data) {
			if want := convert(t, siteBase, data); got != want {
				t.Errorf("site stack, %q:\nwithout extension: %q\nwith extension:    %q", data, want, got)
			}
		}
	})
}

// FuzzGluedURL: a URL glued to a Chinese character links the same as when a
// space separates them (the space handled by GFM's own linkify).
func FuzzGluedURL(f *testing.F) {
	for _, s := range []string{
		"https://example.org/a?b=1了解更多", "www.example.org。", "https://example.org，欢迎",
		"http://a.b/c_(d))", "ftp://x.y/z.", "www.a.b/c&amp;", "https://a.b:80/x#y**", "www.x.y/$",
	} {
		f.Add(s)
	}
	md := siteMarkdown(Extension)
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsAny(s, "\r\n") ||
			!(strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") ||
				strings.HasPrefix(s, "ftp://") || strings.HasPrefix(s, "www.")) {
			return
		}
		spaced := convert(t, md, "中 "+s)
		if strings.Contains(spaced, "mailto:") || !strings.HasPrefix(spaced, "<p>中 <a ") {
			return // GFM fell back to an e-mail address, or there is no URL
		}
		glued := convert(t, md, "中"+s)
		if want := strings.Replace(spaced, "中 ", "中", 1); glued != want {
			t.Errorf("%q:\nspaced: %q\nglued:  %q", s, spaced, glued)
		}
	})
}

// cjkify replaces some ASCII letters with CJK letters and punctuation and
// curly quotes.
func cjkify(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case 'a':
			return '中'
		case 'b':
			return '，'
		case 'c':
			return '：'
		case 'd':
			return '“'
		case 'e':
			return '”'
		case 'f':
			return '（'
		case 'g':
			return '）'
		case 'i':
			return '。'
		}
		return r
	}, s)
}
