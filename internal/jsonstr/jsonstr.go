// Package jsonstr appends strings as encoding/json writes them, without
// its reflection and allocation: the search index writes every page's text
// so (a county's 46 MB of shards), the charts every name of a bar.
package jsonstr

import (
	"unicode/utf8"

	"github.com/qingdan/qingdan/internal/value"
)

// Append appends s quoted as encoding/json writes a string: a quote, a
// backslash and the control characters escaped (\b \f \n \r \t, else
// \u00XX); U+2028 and U+2029 as \u2028 and \u2029; each byte of invalid
// UTF-8 as \ufffd; with html, <, > and & as \u003c, \u003e and \u0026 (as
// json.Marshal writes them; an Encoder told SetEscapeHTML(false) does
// not); all else as it is.
func Append(b []byte, s string, html bool) []byte {
	b = append(b, '"')
	start := 0 // the first byte not yet appended
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf && (!html || c != '<' && c != '>' && c != '&') {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, `\b`...)
			case '\f':
				b = append(b, `\f`...)
			case '\n':
				b = append(b, `\n`...)
			case '\r':
				b = append(b, `\r`...)
			case '\t':
				b = append(b, `\t`...)
			default: // another control character, or <, > or &
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		// Three bytes that are a character (most of a Chinese text), as
		// long as the first leaves no bad second byte (E0, ED) and they
		// are not U+2028 or U+2029 (E2 80 A8, E2 80 A9): as they are.
		if c >= 0xE1 && c <= 0xEF && c != 0xED && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 &&
			(c != 0xE2 || s[i+1] != 0x80 || s[i+2]&0xFE != 0xA8) {
			i += 3
			continue
		}
		r, size := value.DecodeRune(s, i)
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(append(b, s[start:i]...), `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(append(b, s[start:i]...), '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(append(b, s[start:]...), '"')
}

const hexDigits = "0123456789abcdef"
