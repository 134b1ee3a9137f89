package content

import (
	"strings"
	"unicode/utf8"
)

// Excerpt is the first paragraph of text, cut at the last Chinese (or
// Latin) sentence end within max characters, or at max with an ellipsis.
// A paragraph within max is the text itself, not a copy: every page's
// description is one (a project's summary), 3 % of a project page's time
// when each was made into runes and back.
func Excerpt(text string, max int) string {
	para, _, _ := strings.Cut(strings.TrimSpace(text), "\n")
	para = strings.TrimSpace(para)
	if !utf8.ValidString(para) {
		return excerptRunes(para, max) // each bad byte becomes U+FFFD, as ever
	}
	// cut is the first max characters, n how many it holds.
	cut, n := para, 0
	for i := range para {
		if n == max {
			cut = para[:i]
			break
		}
		n++
	}
	if len(cut) == len(para) {
		return para
	}
	// The sentence ends from character max-1 back to max/3.
	for s, i := cut, max; i > max/3; i-- {
		r, size := utf8.DecodeLastRuneInString(s)
		switch r {
		case '。', '！', '？', '；', '.', '!', '?':
			return s
		}
		s = s[:len(s)-size]
	}
	return cut + "…"
}

// excerptRunes is Excerpt of a paragraph that is not valid UTF-8, as a
// list of characters.
func excerptRunes(para string, max int) string {
	r := []rune(para)
	if len(r) <= max {
		return string(r)
	}
	for i := max - 1; i >= max/3; i-- {
		switch r[i] {
		case '。', '！', '？', '；', '.', '!', '?':
			return string(r[:i+1])
		}
	}
	return string(r[:max]) + "…"
}
