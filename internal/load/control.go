package load

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// control finds the invisible control characters of a cell that no page
// should show: C0 controls other than tab and line feed, DEL, C1 controls,
// the line and paragraph separators (U+2028, U+2029) and the bidi controls
// (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), which reorder
// the text around them (a name could read backwards). It returns the cell
// without them, how many there were, and the first, as U+XXXX. A carriage
// return is a line end: it becomes a line feed, silently.
func control(s string) (clean string, n int, first string) {
	if !hasControl(s) {
		return s, 0, ""
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var b strings.Builder
	for _, r := range s {
		if isControl(r) {
			if n == 0 {
				first = fmt.Sprintf("U+%04X", r)
			}
			n++
			continue
		}
		b.WriteRune(r)
	}
	return b.String(), n, first
}

// hasControl is a quick look for what control removes: most cells are
// plain text, and most bytes rule a control character out at once.
func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < 0x20:
			if c != '\t' && c != '\n' {
				return true
			}
		case c == 0x7f:
			return true
		case c == 0xc2, c == 0xd8, c == 0xe2: // the lead bytes of C1 controls, U+061C, U+2028–U+2069
			if r, _ := utf8.DecodeRuneInString(s[i:]); isControl(r) {
				return true
			}
		}
	}
	return false
}

func isControl(r rune) bool {
	if r == '\t' || r == '\n' {
		return false
	}
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Bidi_Control, r)
}
