package cjk

import (
	"golang.org/x/text/width"

	"github.com/yuin/goldmark/util"
)

// IsCJK reports whether r is an East Asian Wide or Fullwidth character: Han
// ideographs, kana, Hangul, CJK and full-width punctuation (and, as Unicode
// classifies them, most emoji). Curly quotes “” ‘’ are Ambiguous, not Wide,
// so they are not CJK characters by this test; they are punctuation.
func IsCJK(r rune) bool {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return true
	}
	return false
}

// flanking decides whether a run of delimiter c ('*', '_' or '~') between the
// characters before and after can open and can close a span.
//
// CommonMark: a run is left-flanking if it is not followed by whitespace and
// either not followed by punctuation or preceded by whitespace or
// punctuation; right-flanking is the mirror image. The amendment adds a CJK
// character to "whitespace or punctuation" on the outer side: **“重要”**内容
// closes because ” (inner) is punctuation and 内 (outer) is CJK.
//
// '*' and '~' open when left-flanking and close when right-flanking. '_' has
// CommonMark's intraword restriction: a run that is both left- and
// right-flanking opens only if preceded by punctuation, and closes only if
// followed by punctuation. The amendment applies there too: a CJK character
// outside counts as punctuation when the character inside is punctuation.
// Read literally instead ("the same formula with amended flanking"), the
// amendment could never change the result for '_', because a CJK letter on
// the outer side makes the run flanking on both sides.
//
// Whitespace and punctuation are tested exactly as goldmark tests them, so
// without CJK characters the result equals goldmark's parser.ScanDelimiter.
func flanking(c byte, before, after rune) (canOpen, canClose bool) {
	beforeSpace := util.IsSpaceRune(before)
	beforePunct := util.IsPunctRune(before)
	afterSpace := util.IsSpaceRune(after)
	afterPunct := util.IsPunctRune(after)
	// A CJK character on the outer side, next to punctuation on the inner
	// side: the situation CommonMark gets wrong.
	openCJK := afterPunct && !beforeSpace && !beforePunct && IsCJK(before)
	closeCJK := beforePunct && !afterSpace && !afterPunct && IsCJK(after)

	left := !afterSpace && (!afterPunct || beforeSpace || beforePunct || openCJK)
	right := !beforeSpace && (!beforePunct || afterSpace || afterPunct || closeCJK)
	if c == '_' {
		return left && (!right || beforePunct || openCJK),
			right && (!left || afterPunct || closeCJK)
	}
	return left, right
}
