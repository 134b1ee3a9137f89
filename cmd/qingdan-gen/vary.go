package main

import (
	"math/rand/v2"
	"strings"
)

// The varied scale's articles are the articles scale's with the Han
// characters of their bodies drawn from a synthetic vocabulary of the
// variety of real writing. The articles' own sentences come from a few
// hundred templates: 10,000 of them use 953 characters and 18,000 pairs
// of characters, and the pairs stop growing after a million characters.
// Real writing keeps bringing new ones: 1.7 million characters of
// Debian's Chinese manual pages (manpages-zh) hold 2,538 characters and
// 103,000 pairs, and grew from 15,600 pairs at 100,000 characters to
// 79,500 at a million. A search index grows with its terms, which Hugo
// has no part in; markup, pictures, front matter, headings' places and
// lengths stay as they are, so the rest of a build does the same work.
//
// The vocabulary: words of one to four characters (most of two), each
// character drawn by a Zipf law from 4,000 of the CJK block, and a text is
// words drawn by a Zipf law from 150,000. 10,000 articles then hold 4,402
// characters and 499,000 pairs, 97,000 in their first million characters:
// the text means nothing, but an index meets the terms an archive of real
// articles gives it.
const (
	varyChars = 4000
	varyWords = 150000
	varyZipf  = 1.15 // the words' law; the characters' is as near 1 as Zipf allows
)

// streamVary is the stream the vocabulary and each article's words draw from.
const streamVary = 7 << 40

// vocabulary is the varied scale's words.
type vocabulary struct{ words [][]rune }

func newVocabulary(seed uint64) *vocabulary {
	r := newRNG(seed, streamVary).Rand
	perm := r.Perm(0x9FA6 - 0x4E00) // a character's rank to its code point
	chars := rand.NewZipf(r, 1+1e-9, 1, varyChars-1)
	v := &vocabulary{words: make([][]rune, varyWords)}
	for i := range v.words {
		n := 2
		switch x := r.IntN(100); {
		case x < 10:
			n = 1
		case x < 75: // two
		case x < 90:
			n = 3
		default:
			n = 4
		}
		w := make([]rune, n)
		for j := range w {
			w[j] = rune(0x4E00 + perm[chars.Uint64()])
		}
		v.words[i] = w
	}
	return v
}

// vary gives the Han characters of an article's body, outside its
// pictures' lines, from words of the vocabulary drawn for article i.
func (v *vocabulary) vary(body string, seed uint64, i int) string {
	r := newRNG(seed, streamVary|1<<39|uint64(i)).Rand
	words := rand.NewZipf(r, varyZipf, 1, varyWords-1)
	var next []rune
	char := func() rune {
		for len(next) == 0 {
			next = v.words[words.Uint64()]
		}
		c := next[0]
		next = next[1:]
		return c
	}
	var b strings.Builder
	b.Grow(len(body))
	for line := range strings.SplitAfterSeq(body, "\n") {
		if strings.HasPrefix(line, "![") { // a picture's alt text and title are kept
			b.WriteString(line)
			continue
		}
		for _, c := range line {
			if isBasicHan(c) {
				c = char()
			}
			b.WriteRune(c)
		}
	}
	return b.String()
}

// isBasicHan reports whether c is in the CJK block the vocabulary draws
// from (U+4E00 to U+9FFF), the characters vary gives anew.
func isBasicHan(c rune) bool { return c >= 0x4E00 && c <= 0x9FFF }
