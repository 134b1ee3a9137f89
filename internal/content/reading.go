package content

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/qingdan/qingdan/internal/value"
)

// Excerpt is the first paragraph of text, cut at the last Chinese (or
// Latin) sentence end within max characters, or at max with an ellipsis.
// A paragraph within max is the text itself, not a copy: every page's
// description is one (a project's summary), 3 % of a project page's time
// when each was made into runes and back.
func Excerpt(text string, max int) string {
	para := firstParagraph(text)
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

// firstParagraph is the first line of text with text's and the line's
// spaces trimmed.
func firstParagraph(text string) string {
	para, _, _ := strings.Cut(strings.TrimSpace(text), "\n")
	return strings.TrimSpace(para)
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

// letters counts the characters of s that are not spaces (as
// strings.Fields has them): what a reader reads. s is valid UTF-8, as all
// of a document's text is (Parse refuses other documents). It counts the
// characters eight bytes at a time (value.RuneCount), less the spaces,
// found by their first bytes, passing over eight bytes at once where none
// is one: a rune at a time, it was a twentieth of checking an article.
func letters(s string) int {
	spaces := 0
	for i := 0; i < len(s); i++ {
		for i+8 <= len(s) && !mayBeSpace(value.Word(s, i)) {
			i += 8
		}
		if i == len(s) {
			break
		}
		switch c := s[i]; {
		case c <= ' ':
			if c == ' ' || c >= '\t' && c <= '\r' {
				spaces++
			}
		case c == 0xC2 || c >= 0xE1 && c <= 0xE3: // the first byte of U+0085, U+00A0, U+1680 and U+2000 to U+3000
			r, size := value.DecodeRune(s, i)
			if unicode.IsSpace(r) {
				spaces++
			}
			i += size - 1
		}
	}
	return value.RuneCount(s) - spaces
}

// mayBeSpace reports whether word w (eight bytes of a text) holds a byte
// that may begin a space: one up to ' ', 0xC2, or 0xE0 to 0xE3.
func mayBeSpace(w uint64) bool {
	below := func(x uint64, n uint64) bool { return (x-n*value.Low)&^x&value.High != 0 } // a byte of x below n
	return below(w, ' '+1) || below(w^(0xE0*value.Low), 4) || below(w^(0xC2*value.Low), 1)
}
