package lint

// quiet reports a line no rule but the empty heading's can find anything
// on, from its bytes alone, without decoding it: no byte of a character
// the rules look for (a half-width punctuation mark, a space of any kind,
// an invisible character) and fewer ASCII digits than the shortest
// personal number (a landline: a 3-digit area code and 7 digits). Most
// lines of Chinese prose are such: their punctuation is full-width and
// their numbers short (a year, a count), and linting them was a tenth of
// reading 10,000 articles.
func quiet(line []byte) bool {
	digits := 0
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c >= 0xC2: // a character's first byte
			if (c == 0xC2 || c >= 0xE1 && c <= 0xE3 || c == 0xEF) && loud(line, i) {
				return false
			}
		case c >= 0x80: // the rest of one, or an invalid byte
		case c >= '0' && c <= '9':
			if digits++; digits >= minPersonal {
				return false
			}
		case asciiLoud(c):
			return false
		}
	}
	return true
}

// loudLow and loudHigh have bit c (c-64) set for each ASCII byte c a rule
// looks for: the controls (tab is a space), the space, the half-width
// punctuation , . : ; ! ? ( ), DEL (TestASCIILoud derives them from the
// rules).
const (
	loudLow  uint64 = 0xFFFFFFFF | 1<<' ' | 1<<'!' | 1<<'(' | 1<<')' | 1<<',' | 1<<'.' | 1<<':' | 1<<';' | 1<<'?'
	loudHigh uint64 = 1 << (0x7F - 64)
)

// asciiLoud reports whether the ASCII byte c is one a rule looks for.
func asciiLoud(c byte) bool {
	if c < 64 {
		return loudLow>>c&1 != 0
	}
	return loudHigh>>(c-64)&1 != 0
}

// minPersonal is the fewest ASCII digits a phone or ID number has.
const minPersonal = 10

// loud reports whether the character whose first byte is line[i] (0x80 or
// more) may be one the rules look for: anything encoded with a lead byte
// of 0xC2 (U+0080-U+00BF: C1 controls, the no-break space, the soft
// hyphen), U+180E, U+2000-U+200F, U+202A-U+202F, U+205F-U+206F, U+3000,
// U+FEFF. Every byte of 0x80 or more is asked, so such a character is
// found after any invalid bytes too (which decode as U+FFFD, a character
// no rule looks for).
func loud(line []byte, i int) bool {
	if line[i] == 0xC2 {
		return true
	}
	if i+2 >= len(line) {
		return false // too short to be one of the others
	}
	c1, c2 := line[i+1], line[i+2]
	switch line[i] {
	case 0xE1:
		return c1 == 0xA0 && c2 == 0x8E
	case 0xE2:
		switch c1 {
		case 0x80:
			return c2 <= 0x8F || c2 >= 0xAA && c2 <= 0xAF
		case 0x81:
			return c2 >= 0x9F && c2 <= 0xAF
		}
	case 0xE3:
		return c1 == 0x80 && c2 == 0x80
	case 0xEF:
		return c1 == 0xBB && c2 == 0xBF
	}
	return false
}
