// Package lint warns editors about typographic slips and personal data in
// Chinese Markdown before an article is published.
//
// The linter reads the goldmark syntax tree of the article: text nodes are
// prose; code spans, code blocks, raw HTML, autolinks and link destinations
// are not. The tree only decides which bytes of the source are prose, which
// are markup the reader never sees (emphasis delimiters, link brackets and
// destinations, HTML tags, escaping backslashes) and which are opaque (code,
// URLs, comments); the rules then look at each source line with that
// classification, so findings carry the line and column of the source and
// quote it as written. Invisible characters are looked for in the raw source
// lines, code included. Every pass is linear in the size of the input.
//
// Precision matters more than recall: when a construct is ambiguous the
// linter stays silent.
package lint

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/qingdan/qingdan/internal/cjk"
	"github.com/qingdan/qingdan/internal/value"
)

// Finding is one problem in a Markdown text.
type Finding struct {
	Line, Col int    // 1-based; Line counted from firstLine; Col counts characters (runes) of that line
	Rule      string // one of the Rule* constants
	Text      string // the offending snippet as it stands in the source (for the message), at most ~20 runes
}

const (
	RuleHalfWidthPunct = "half-width-punct" // , . : ; ! ? ( ) inside Chinese text, e.g. "我们,你们" or "完成了.下一步" or "目标:"
	RuleSpaceInChinese = "space-in-chinese" // a space (ASCII or U+3000 or several) between two Chinese characters: "中 文"
	RuleEmptyHeading   = "empty-heading"    // an ATX heading with no text: "## " or "###"
	RulePhone          = "phone"            // a mainland mobile number (1[3-9] + 9 digits, optionally written 138-1234-5678 or 138 1234 5678) or a landline with area code (0871-12345678)
	RuleInvisible      = "invisible"        // an invisible or control character pasted in: zero-width space U+200B, bidi controls U+202A–U+202E and U+2066–U+2069, U+FEFF, soft hyphen, C0/C1 controls but tab; Text is its code point, "U+200B"
	RuleIDCard         = "id-card"          // an 18-character resident ID number (17 digits + digit or X) whose ISO 7064 MOD 11-2 checksum is valid and whose birth date (chars 7–14) is a real date
)

// maxSnippet is the longest Finding.Text in runes.
const maxSnippet = 20

// markdown is a goldmark configured like the site's (see newMarkdown in
// internal/content): GFM, footnotes, goldmark's CJK extension and ours. Only
// the parser is used; goldmark parsers are safe for concurrent use.
var markdown = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.CJK, cjk.Extension))
})

// Markdown lints src, a Markdown body whose first line is line firstLine of its file,
// and returns the findings ordered by line, column, rule. It parses src
// like the site does; a caller that already has the tree should call
// Document.
func Markdown(src []byte, firstLine int) []Finding {
	root := markdown().Parser().Parse(text.NewReader(src))
	return Document(root, src, firstLine)
}

// Document lints the goldmark tree root parsed from source, whose first line
// is line firstLine of its file, and returns the findings ordered by line,
// column, rule. Nodes without a position in source (ast.String, say) are
// not looked at.
func Document(root ast.Node, source []byte, firstLine int) []Finding {
	return new(Scratch).Document(root, source, firstLine)
}

// Scratch is the memory linting a document works in, which a caller that
// lints many keeps for the next (made anew for each, the kinds of 10,000
// articles' bytes were 72 MB of garbage). The zero Scratch is ready; one
// is used by one goroutine at a time.
type Scratch struct {
	kinds []uint8
	r     []rune
	k     []uint8
}

// Document is the package's Document, in s's memory.
func (s *Scratch) Document(root ast.Node, source []byte, firstLine int) []Finding {
	return s.document(root, source, firstLine, true)
}

// document is Document; skip passes over the lines quiet finds nothing on
// (FuzzQuiet holds the two ways to the same findings).
func (s *Scratch) document(root ast.Node, source []byte, firstLine int, skip bool) []Finding {
	if cap(s.kinds) < len(source) {
		s.kinds = make([]uint8, len(source))
	}
	m := marker{src: source, kinds: s.kinds[:len(source)]}
	clear(m.kinds)
	m.mark(root)
	l := linter{r: s.r[:0], k: s.k[:0]}
	defer func() { s.r, s.k = l.r, l.k }()
	heads := m.headings
	for idx, start := 0, 0; ; idx++ {
		end := bytes.IndexByte(source[start:], '\n')
		line := source[start:]
		if end >= 0 {
			line = source[start : start+end]
		}
		line = bytes.TrimSuffix(line, []byte{'\r'})
		headed := len(heads) > 0 && heads[0] <= start+len(line)
		if !skip || headed || !quiet(line) {
			l.lineNo = firstLine + idx
			prose := l.decode(line, m.kinds[start:start+len(line)])
			l.invisible() // anywhere, code included: nobody can see it to fix it
			for len(heads) > 0 && heads[0] <= start+len(line) {
				if heads[0] >= start {
					l.emptyHeading(line, heads[0]-start)
				}
				heads = heads[1:]
			}
			if prose {
				l.maskText()
				l.punct()
				l.spaces()
				l.digits()
			}
		}
		if end < 0 {
			break
		}
		start += end + 1
	}
	slices.SortStableFunc(l.out, func(a, b Finding) int {
		if c := cmp.Compare(a.Line, b.Line); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Col, b.Col); c != 0 {
			return c
		}
		return strings.Compare(a.Rule, b.Rule)
	})
	return l.out
}

// Kinds of source bytes, as the tree marks them, and of runes of a line.
const (
	kOut    = iota // outside inline content: block markup, code and HTML blocks (bytes only)
	kNormal        // prose: the rules look at it
	kOpaque        // code span, URL, autolink, comment: not prose, and not Chinese either
	kTrans         // Markdown or HTML markup the reader never sees: emphasis, link destinations, tags
)

// linter runs the rules on one source line at a time, with scratch buffers
// reused for every line.
type linter struct {
	lineNo int
	out    []Finding

	r []rune  // runes of the current line
	k []uint8 // kind of each rune
}

func (l *linter) add(col int, rule string, snippet []rune) {
	if len(snippet) > maxSnippet {
		snippet = snippet[:maxSnippet]
	}
	l.out = append(l.out, Finding{Line: l.lineNo, Col: col, Rule: rule, Text: string(snippet)})
}

// decode fills l.r and l.k for line b, whose bytes have the kinds kinds, and
// reports whether the line holds inline content. An invalid byte becomes one
// U+FFFD, so columns agree with utf8.RuneCount and []rune conversion. A rune
// outside inline content is opaque, or a blank (as the rules see blanks)
// if it is one.
func (l *linter) decode(b []byte, kinds []uint8) (prose bool) {
	l.r, l.k = l.r[:0], l.k[:0]
	for i := 0; i < len(b); {
		c, size := value.DecodeRune(b, i)
		k := kinds[i]
		switch {
		case k != kOut:
			prose = true
		case isBlank(c):
			k = kNormal
		default:
			k = kOpaque
		}
		l.r = append(l.r, c)
		l.k = append(l.k, k)
		i += size
	}
	return prose
}

// emptyHeading reports the empty ATX heading whose first '#' is at byte off
// of line: the snippet runs to the end of the line, trailing blanks left out.
func (l *linter) emptyHeading(line []byte, off int) {
	h := utf8.RuneCount(line[:off])
	end := len(l.r)
	for end > h && isBlank(l.r[end-1]) {
		end--
	}
	if end > h {
		l.add(h+1, RuleEmptyHeading, l.r[h:end])
	}
}

// invisible reports each run of invisible characters on the current line,
// at its first one.
func (l *linter) invisible() {
	for i := 0; i < len(l.r); i++ {
		if !isInvisible(l.r[i]) || (i > 0 && isInvisible(l.r[i-1])) {
			continue
		}
		l.add(i+1, RuleInvisible, []rune(fmt.Sprintf("U+%04X", l.r[i])))
	}
}

// isInvisible: characters that show as nothing, or as a box, and that
// copying from web pages, WeChat or Word leaves in a text. The joiners
// U+200C and U+200D are left alone: emoji sequences and some scripts use them.
func isInvisible(c rune) bool {
	switch {
	case c < 0x20 && c != '\t', c >= 0x7F && c <= 0x9F:
		return true
	case c == 0xAD, c == 0x180E, c == 0x200B, c == 0x200E, c == 0x200F, c == 0xFEFF:
		return true
	case c >= 0x202A && c <= 0x202E, c >= 0x2060 && c <= 0x2064, c >= 0x2066 && c <= 0x2069:
		return true
	}
	return false
}

// maskText marks what reads as markup in literal text. Bare URLs are
// opaque: goldmark links most of them (GFM linkify, and ours for URLs glued
// to Chinese), but not inside link text or after other punctuation, and a
// URL is never prose. The destination of a link goldmark did not take
// ("[文件](中 文.md)", a space in it) is markup, as in a link.
func (l *linter) maskText() {
	r, k := l.r, l.k
	for i := 0; i < len(r); i++ {
		if k[i] != kNormal {
			continue
		}
		switch c := r[i]; {
		case c == ']' && i+1 < len(r) && r[i+1] == '(' && k[i+1] == kNormal && (i == 0 || k[i-1] != kTrans || r[i-1] != '\\'):
			if j := linkDestEnd(r, i+1); j > 0 {
				fill(k, i+1, j+1, kTrans)
				i = j
			}
		case (c == 'h' || c == 'H' || c == 'f' || c == 'F' || c == 'w' || c == 'W') && (i == 0 || !isASCIIAlnum(r[i-1])):
			if j := urlEnd(r, i); j > i {
				fill(k, i, j, kOpaque)
				i = j - 1
			}
		}
	}
}

// maxDest bounds the search for the end of a link destination, so that a
// line full of "](" stays linear.
const maxDest = 2000

// linkDestEnd returns the index of the ')' closing the link destination (and
// optional title) that opens at r[p] == '(', or -1.
func linkDestEnd(r []rune, p int) int {
	depth := 0
	for j := p; j < len(r) && j-p < maxDest; j++ {
		switch r[j] {
		case '\\':
			j++
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// fill sets k[from:to] to kind, eight at a time: the marker fills every
// line of each block, then each text in it, and a byte at a time that was
// a tenth of checking an article.
func fill(k []uint8, from, to int, kind uint8) {
	if from >= to {
		return
	}
	b := k[from:to]
	w := uint64(kind) * value.Low
	i := 0
	for ; i+8 <= len(b); i += 8 {
		binary.LittleEndian.PutUint64(b[i:], w)
	}
	for ; i < len(b); i++ {
		b[i] = kind
	}
}

// urlEnd returns the end of a bare URL starting at r[i] (http://, https://,
// ftp:// or www.), or i if there is none. A URL ends at a blank, a non-ASCII
// character (Chinese text around it), or a character that cannot be in one.
func urlEnd(r []rune, i int) int {
	var j int
	switch {
	case hasPrefixFold(r[i:], "http://"):
		j = i + 7
	case hasPrefixFold(r[i:], "https://"):
		j = i + 8
	case hasPrefixFold(r[i:], "ftp://"):
		j = i + 6
	case hasPrefixFold(r[i:], "www.") && i+4 < len(r) && isASCIIAlnum(r[i+4]):
		j = i + 4
	default:
		return i
	}
	for j < len(r) {
		c := r[j]
		if c <= ' ' || c >= 0x80 || c == '<' || c == '>' || c == '"' || c == '`' {
			break
		}
		j++
	}
	return j
}

// hasPrefixFold reports whether r starts with the ASCII string s, ignoring
// ASCII case.
func hasPrefixFold(r []rune, s string) bool {
	if len(r) < len(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := r[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != rune(s[i]) {
			return false
		}
	}
	return true
}
