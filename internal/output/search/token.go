package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/qingdan/qingdan/internal/value"
)

// The tokenizer, which themes/default/static/search.js repeats rune for
// rune (the browser test compares the two). Text is folded (full-width
// ASCII to ASCII, capitals to lower case), then cut into runs: a run of
// CJK characters gives every overlapping pair of characters (a bigram)
// and, in the index, every single character, so that any substring of two
// or more characters is found without a dictionary; a run of letters and
// digits is one word ("wechat", "1239"; "1,239" is "1239"). Everything
// else separates runs.

// fold is the searchable form of r: full-width ASCII as ASCII, the
// ideographic space as a space, capital letters in lower case. It maps one
// UTF-16 unit to one, so that the script finds a match in the folded text
// at the place it has in the original.
func fold(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		r -= 0xFEE0
	case r == 0x3000:
		return ' '
	}
	switch {
	case r >= 'A' && r <= 'Z':
		return r + 'a' - 'A'
	case r < 0x80 || r == 0x130 || !isWord(r):
		return r // U+0130 lowers to two units in JavaScript
	}
	if l := unicode.ToLower(r); l <= 0xFFFF && isWord(l) {
		return l
	}
	return r
}

// isCJK reports whether r is a character of a script written without
// spaces: Chinese (and kana, hangul), which is cut into bigrams.
func isCJK(r rune) bool {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3400 && r <= 0x4DBF, r >= 0x3005 && r <= 0x3007,
		r >= 0x3041 && r <= 0x3096, r >= 0x30A1 && r <= 0x30FA, r >= 0xAC00 && r <= 0xD7A3,
		r >= 0xF900 && r <= 0xFAFF, r >= 0x20000 && r <= 0x323AF:
		return true
	}
	return false
}

// isWord reports whether r belongs in a word: ASCII letters and digits,
// and the letters of Latin, Greek and Cyrillic.
func isWord(r rune) bool {
	switch {
	case r >= '0' && r <= '9', r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
	case r >= 0xC0 && r <= 0x24F && r != 0xD7 && r != 0xF7:
	case r >= 0x370 && r <= 0x3FF && r != 0x37E && r != 0x387:
	case r >= 0x400 && r <= 0x4FF && (r < 0x482 || r > 0x489):
	default:
		return false
	}
	return true
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// Folded is s folded rune by rune.
func Folded(s string) string { return strings.Map(fold, s) }

// A token is a term of a text as a number, so that the index looks it up
// without making a string: a CJK character is its code point (aloneBit
// set when it stands alone, a run of one), a CJK pair a, b is pairBit |
// a<<21 | b, and a word is wordBit | its offset in the words buffer<<32 |
// its length in bytes.
const (
	runeMask = 1<<21 - 1
	pairBit  = 1 << 42
	aloneBit = 1 << 43
	wordBit  = 1 << 63
)

// tokenize appends the tokens of s to toks, in order, and the folded
// bytes of its words to words, which the word tokens point into: every
// CJK pair (a bigram) and every CJK character, and every word.
func tokenize(toks []uint64, words []byte, s string) ([]uint64, []byte) {
	start := -1 // where the word at hand starts in words, or -1
	flush := func() {
		if start >= 0 {
			toks = append(toks, wordBit|uint64(start)<<32|uint64(len(words)-start))
			start = -1
		}
	}
	prev := rune(-1) // the CJK character before, or -1
	for i := 0; i < len(s); {
		r, ok := wideAt(s, i)
		size := 3
		if !ok {
			r, size = value.DecodeRune(s, i)
		}
		i += size
		if r < 0x4E00 || r > 0x9FFF { // the common CJK characters fold to themselves
			r = fold(r)
		}
		switch {
		case isCJK(r):
			flush()
			if prev >= 0 {
				toks = append(toks, pairBit|uint64(prev)<<21|uint64(r))
			}
			k := uint64(r)
			if prev < 0 {
				if next, _ := utf8.DecodeRuneInString(s[i:]); !isCJK(fold(next)) {
					k |= aloneBit
				}
			}
			toks = append(toks, k)
			prev = r
			continue
		case isWord(r):
			if start < 0 {
				start = len(words)
			}
			words = utf8.AppendRune(words, r)
		case r == ',' && start >= 0 && isDigit(rune(words[len(words)-1])) && thousands(s[i:]):
			// 1,239 is the number 1239
		default:
			flush()
		}
		prev = -1
	}
	flush()
	return toks, words
}

// wideAt is the character at s[i] when it is one of U+4000 to U+9FFF,
// most of a Chinese text, decoded as value.DecodeRune would in three
// bytes; small enough to be inlined, where DecodeRune's call for every
// character was a sixth of the index's time.
func wideAt(s string, i int) (rune, bool) {
	if i+2 < len(s) {
		if c, c1, c2 := s[i], s[i+1], s[i+2]; c-0xE4 <= 5 && c1&0xC0 == 0x80 && c2&0xC0 == 0x80 {
			return rune(c&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F), true
		}
	}
	return 0, false
}

// wordOf is the word of word token k, in the words buffer tokenize
// filled.
func wordOf(k uint64, words []byte) []byte {
	off := k >> 32 & (1<<31 - 1)
	return words[off : off+k&(1<<32-1)]
}

// scan calls cjk with every CJK bigram (a, b) of s and every CJK
// character (-1, b), saying whether it stands alone, and word with every
// word, in order.
func scan(s string, cjk func(a, b rune, alone bool), word func(w string)) {
	toks, words := tokenize(nil, nil, s)
	for _, k := range toks {
		switch {
		case k&wordBit != 0:
			word(string(wordOf(k, words)))
		case k&pairBit != 0:
			cjk(rune(k>>21&runeMask), rune(k&runeMask), false)
		default:
			cjk(-1, rune(k&runeMask), k&aloneBit != 0)
		}
	}
}

// thousands reports whether s, after a comma that follows a digit, starts
// with exactly three digits: the comma separates thousands.
func thousands(s string) bool {
	n := 0
	for _, r := range s {
		if !isDigit(fold(r)) {
			break
		}
		if n++; n > 3 {
			return false
		}
	}
	return n == 3
}

// Terms lists the terms of s as the index has them, bigrams and unigrams,
// in order, repeats included.
func Terms(s string) []string {
	var ts []string
	scan(s, func(a, b rune, _ bool) { ts = append(ts, cjkTerm(a, b)) }, func(w string) { ts = append(ts, w) })
	return ts
}

// cjkTerm is the term of a CJK bigram (a, b), or of the character b when a
// is -1.
func cjkTerm(a, b rune) string {
	if a < 0 {
		return string(b)
	}
	return string([]rune{a, b})
}

// maxTerms is the most terms a query looks up: a pasted paragraph asks
// for its first ones only, which keeps what it loads small.
const maxTerms = 16

// Query is what a reader typed.
type Query struct {
	Terms   []string // distinct, in order; at most maxTerms
	Phrases []Phrase
}

// Phrase is a part of a query between spaces, or between quotes.
type Phrase struct {
	Text   string   // folded, as a page that holds it holds it
	Quoted bool     // in quotes: a page must hold it as it is
	Terms  []string // its terms: CJK bigrams (a character alone), words
}

// quotes open and close a phrase: ASCII (and full-width, folded), and the
// Chinese ones an input method types.
func isQuote(r rune) bool {
	switch r {
	case '"', '“', '”', '「', '」', '『', '』':
		return true
	}
	return false
}

// ParseQuery reads a query: phrases between spaces, and between quotes
// (an unclosed quote runs to the end). A CJK run of one character looks up
// that character; a longer one, its bigrams.
func ParseQuery(s string) Query {
	var q Query
	seen := map[string]bool{}
	add := func(text string, quoted bool) {
		p := Phrase{Text: strings.TrimFunc(text, func(r rune) bool { return !isCJK(r) && !isWord(r) }), Quoted: quoted}
		term := func(t string) {
			if !seen[t] && len(q.Terms) < maxTerms {
				seen[t] = true
				q.Terms = append(q.Terms, t)
			}
			if seen[t] && !slices.Contains(p.Terms, t) {
				p.Terms = append(p.Terms, t)
			}
		}
		scan(p.Text, func(a, b rune, alone bool) {
			if a >= 0 || alone {
				term(cjkTerm(a, b))
			}
		}, term)
		if len(p.Terms) > 0 {
			q.Phrases = append(q.Phrases, p)
		}
	}
	quoted := false
	var part []rune
	end := func() {
		if quoted {
			add(string(part), true)
		} else {
			for _, f := range strings.Fields(string(part)) {
				add(f, false)
			}
		}
		part = part[:0]
	}
	for _, r := range Folded(s) {
		if isQuote(r) {
			end()
			quoted = !quoted
			continue
		}
		part = append(part, r)
	}
	end()
	return q
}
