// Package slug makes ASCII URL names from Chinese text: 红色物业 becomes
// hong-se-wu-ye. The result is stable: the same text gives the same slug.
package slug

import (
	"strings"
	"unicode"

	"github.com/mozillazg/go-pinyin"
)

// Of returns the lower-case ASCII slug of s: Chinese characters as pinyin
// syllables, letters and digits kept, everything else a single hyphen. It
// returns "" when nothing is left.
func Of(s string) string {
	args := pinyin.NewArgs()
	var parts []string
	var word strings.Builder
	flush := func() {
		if word.Len() > 0 {
			parts = append(parts, word.String())
			word.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			word.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			word.WriteRune(r + 'a' - 'A')
		case unicode.Is(unicode.Han, r):
			flush()
			if py := pinyin.SinglePinyin(r, args); len(py) > 0 && py[0] != "" {
				parts = append(parts, py[0])
			}
		default:
			flush()
		}
	}
	flush()
	return strings.Join(parts, "-")
}
