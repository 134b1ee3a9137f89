// Package lint warns editors about typographic slips and personal data in
// Chinese Markdown before an article is published.
//
// The linter works line by line with a small block-level state machine
// (fenced and indented code, raw HTML blocks, comments) and masks inline
// constructs that are not prose (code spans, URLs, autolinks, HTML tags,
// link destinations) before the rules look at a line. Every pass is linear in
// the size of the input.
//
// Precision matters more than recall: when a construct is ambiguous the
// linter stays silent.
package lint

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
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

// Markdown lints src, a Markdown body whose first line is line firstLine of its file,
// and returns the findings ordered by line, column, rule.
func Markdown(src []byte, firstLine int) []Finding {
	l := linter{firstLine: firstLine, listCol: -1}
	for idx, start := 0, 0; ; idx++ {
		end := bytes.IndexByte(src[start:], '\n')
		line := src[start:]
		if end >= 0 {
			line = src[start : start+end]
		}
		line = bytes.TrimSuffix(line, []byte{'\r'})
		l.lineNo = firstLine + idx
		l.doLine(line)
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

// Rune kinds after inline masking.
const (
	kNormal = iota // prose: the rules look at it
	kOpaque        // code span, URL, autolink, comment: not prose, and not Chinese either
	kTrans         // Markdown or HTML markup the reader never sees: link destinations, tags
)

// linter holds the block state carried from line to line and scratch
// buffers reused for every line.
type linter struct {
	firstLine int
	lineNo    int
	out       []Finding

	r []rune  // runes of the current line
	k []uint8 // kind of each rune

	fence     rune   // '`' or '~' while inside a fenced code block, else 0
	fenceLen  int    // length of the opening fence
	rawClose  string // closing tag of an open <script>/<pre>/<style>/<textarea> block
	inComment bool   // inside an HTML comment that spans lines
	prevPara  bool   // the previous line was paragraph text (indented code cannot interrupt it)
	prevBlank bool   // the previous line was blank
	listCol   int    // content column of the open list item, or -1

	ticks  map[int][]int // backtick runs of the current line by length (lazily built)
	tickAt map[int]int   // cursor into ticks per length
}

func (l *linter) add(col int, rule string, snippet []rune) {
	if len(snippet) > maxSnippet {
		snippet = snippet[:maxSnippet]
	}
	l.out = append(l.out, Finding{Line: l.lineNo, Col: col, Rule: rule, Text: string(snippet)})
}

// decode fills l.r and l.k for line. An invalid byte becomes one U+FFFD, so
// columns agree with utf8.RuneCount and []rune conversion.
func (l *linter) decode(b []byte) {
	l.r = l.r[:0]
	for len(b) > 0 {
		c, size := utf8.DecodeRune(b)
		l.r = append(l.r, c)
		b = b[size:]
	}
	if cap(l.k) < len(l.r) {
		l.k = make([]uint8, len(l.r), cap(l.r))
	}
	l.k = l.k[:len(l.r)]
	clear(l.k)
}

func (l *linter) doLine(b []byte) {
	l.decode(b)
	l.invisible() // anywhere, code included: nobody can see it to fix it
	r := l.r
	if l.fence != 0 {
		if isFenceClose(r, l.fence, l.fenceLen) {
			l.fence = 0
		}
		l.prevPara, l.prevBlank = false, false
		return
	}
	if l.rawClose != "" {
		if containsFold(b, l.rawClose) {
			l.rawClose = ""
		}
		l.prevPara, l.prevBlank = false, false
		return
	}
	if l.inComment {
		end := index(r, 0, "-->")
		if end < 0 {
			return
		}
		for i := 0; i < end+3; i++ {
			l.k[i] = kOpaque
		}
		l.inComment = false
		l.prose()
		return
	}

	indent, first := leading(r)
	if first == len(r) {
		l.prevBlank, l.prevPara = true, false
		return
	}
	prevBlank := l.prevBlank
	l.prevBlank = false

	// Indented code block: four columns beyond the enclosing list item's
	// content, and not a continuation of a paragraph.
	base := 0
	if l.listCol >= 0 && indent >= l.listCol {
		base = l.listCol
	}
	if indent >= base+4 && !l.prevPara {
		return
	}

	c, listCol := containers(r)
	if listCol >= 0 {
		l.listCol = listCol
	} else if prevBlank && indent < l.listCol {
		l.listCol = -1
	}

	if ch, n := fenceOpen(r, c); n > 0 {
		l.fence, l.fenceLen = ch, n
		l.prevPara = false
		return
	}
	if tag := rawHTMLOpen(r, c); tag != "" {
		if !containsFold(b, "</"+tag+">") {
			l.rawClose = "</" + tag + ">"
		}
		l.prevPara = false
		return
	}
	if h, empty := atxHeading(r, c); h >= 0 {
		if empty {
			end := len(r)
			for end > h && isBlank(r[end-1]) {
				end--
			}
			l.add(h+1, RuleEmptyHeading, r[h:end])
		} else {
			l.prose()
		}
		l.prevPara = false
		return
	}
	if c < len(r) && r[c] == '[' {
		if end := refDefLabelEnd(r, c); end > 0 {
			if r[c+1] != '^' {
				// A link reference definition: label, URL and title are
				// not shown as prose.
				return
			}
			// A footnote definition: its label is markup, its text is prose.
			for i := c; i <= end; i++ {
				l.k[i] = kTrans
			}
		}
	}
	l.prose()
	l.prevPara = true
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

// prose masks the inline constructs of the current line and runs the rules.
func (l *linter) prose() {
	l.mask()
	l.punct()
	l.spaces()
	l.digits()
}

// leading returns the indentation of r in columns (tabs to multiples of 4)
// and the index of its first non-blank rune.
func leading(r []rune) (cols, i int) {
	for ; i < len(r); i++ {
		switch r[i] {
		case ' ':
			cols++
		case '\t':
			cols += 4 - cols%4
		default:
			return cols, i
		}
	}
	return cols, i
}

func isBlank(c rune) bool { return c == ' ' || c == '\t' }

// containers skips block quote markers and one list marker at the start of r
// and returns the index where the block content starts, and the content
// column of the list item if the line opens one (else -1).
func containers(r []rune) (c, listCol int) {
	listCol = -1
	for {
		_, i := leading(r[c:])
		if c+i < len(r) && r[c+i] == '>' {
			c += i + 1
			if c < len(r) && r[c] == ' ' {
				c++
			}
			continue
		}
		break
	}
	_, i := leading(r[c:])
	c += i
	m := c
	switch {
	case m < len(r) && (r[m] == '-' || r[m] == '+' || r[m] == '*'):
		m++
	default:
		d := m
		for d < len(r) && d-m < 9 && r[d] >= '0' && r[d] <= '9' {
			d++
		}
		if d == m || d >= len(r) || (r[d] != '.' && r[d] != ')') {
			return c, -1
		}
		m = d + 1
	}
	if m < len(r) && !isBlank(r[m]) {
		return c, -1
	}
	sp := 0
	for m+sp < len(r) && isBlank(r[m+sp]) {
		sp++
	}
	if sp > 4 {
		sp = 1
	}
	return m + sp, m + max(sp, 1)
}

// fenceOpen reports a code fence opening at r[c:]: its character and length.
func fenceOpen(r []rune, c int) (rune, int) {
	if c >= len(r) || (r[c] != '`' && r[c] != '~') {
		return 0, 0
	}
	ch := r[c]
	n := 0
	for c+n < len(r) && r[c+n] == ch {
		n++
	}
	if n < 3 {
		return 0, 0
	}
	if ch == '`' && slices.Contains(r[c+n:], '`') {
		return 0, 0 // an inline code span such as ```a```
	}
	return ch, n
}

// isFenceClose reports whether r closes a fence of ch repeated n times.
// Block quote markers before the fence are ignored.
func isFenceClose(r []rune, ch rune, n int) bool {
	i := 0
	for i < len(r) && (isBlank(r[i]) || r[i] == '>') {
		i++
	}
	m := 0
	for i+m < len(r) && r[i+m] == ch {
		m++
	}
	if m < n {
		return false
	}
	for _, c := range r[i+m:] {
		if !isBlank(c) {
			return false
		}
	}
	return true
}

// rawHTMLOpen reports the tag name if r[c:] opens an HTML block whose
// content is never prose (CommonMark HTML block type 1).
func rawHTMLOpen(r []rune, c int) string {
	if c >= len(r) || r[c] != '<' {
		return ""
	}
	for _, tag := range [...]string{"script", "pre", "style", "textarea"} {
		if !hasPrefixFold(r[c+1:], tag) {
			continue
		}
		e := c + 1 + len(tag)
		if e == len(r) || r[e] == '>' || isBlank(r[e]) {
			return tag
		}
	}
	return ""
}

// atxHeading reports the index of the first '#' if r[c:] is an ATX heading,
// else -1, and whether the heading has no text. Only a closing sequence
// ("## ##") counts as no text; "## # #" has the text "#".
func atxHeading(r []rune, c int) (int, bool) {
	n := 0
	for c+n < len(r) && r[c+n] == '#' {
		n++
	}
	if n == 0 || n > 6 || (c+n < len(r) && !isBlank(r[c+n])) {
		return -1, false
	}
	rest := r[c+n:]
	_, i := leading(rest)
	j := len(rest)
	for j > i && isBlank(rest[j-1]) {
		j--
	}
	for _, ch := range rest[i:j] {
		if ch != '#' {
			return c, false
		}
	}
	return c, true
}

// refDefLabelEnd returns the index of the ':' if r[c:] starts with "[label]:",
// else -1.
func refDefLabelEnd(r []rune, c int) int {
	for i := c + 1; i+1 < len(r); i++ {
		switch r[i] {
		case '\\':
			i++
		case '[':
			return -1
		case ']':
			if i > c+1 && r[i+1] == ':' {
				return i + 1
			}
			return -1
		}
	}
	return -1
}

// index returns the first index >= from where r spells s, or -1.
func index(r []rune, from int, s string) int {
	first, _ := utf8.DecodeRuneInString(s)
	for i := from; i < len(r); i++ {
		if r[i] == first && hasPrefix(r[i:], s) {
			return i
		}
	}
	return -1
}

func hasPrefix(r []rune, s string) bool {
	i := 0
	for _, c := range s {
		if i >= len(r) || r[i] != c {
			return false
		}
		i++
	}
	return true
}

// hasPrefixFold is hasPrefix for an ASCII s, ignoring ASCII case.
func hasPrefixFold(r []rune, s string) bool {
	if len(r) < len(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if lower(r[i]) != rune(s[i]) {
			return false
		}
	}
	return true
}

func lower(c rune) rune {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// containsFold reports whether b contains the ASCII string s, which starts
// with '<' (a closing tag), ignoring case.
func containsFold(b []byte, s string) bool {
	for i := 0; i+len(s) <= len(b); i++ {
		if b[i] == '<' && bytes.EqualFold(b[i:i+len(s)], []byte(s)) {
			return true
		}
	}
	return false
}
