package lint

import "testing"

// TestASCIILoud: the ASCII bytes quiet stops at are those the rules look
// for: the invisible ones, the spaces, the half-width punctuation.
func TestASCIILoud(t *testing.T) {
	for c := range 0x80 {
		want := isInvisible(rune(c)) || isSpace(rune(c)) || isBlank(rune(c)) || isHalfPunct(rune(c))
		if got := asciiLoud(byte(c)); got != want {
			t.Errorf("byte %#x: loud %v, want %v", c, got, want)
		}
	}
}
