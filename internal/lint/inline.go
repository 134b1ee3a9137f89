package lint

// mask marks the runes of the current line that are not prose. Constructs
// are recognised left to right, so whichever opens first wins, as in
// CommonMark: a backtick inside a URL does not open a code span, and a URL
// inside a code span is part of the code.
func (l *linter) mask() {
	r, k := l.r, l.k
	l.ticks = nil
	n := len(r)
	for i := 0; i < n; {
		if k[i] != kNormal {
			i++
			continue
		}
		c := r[i]
		switch {
		case c == '\\' && i+1 < n && isASCIIPunct(r[i+1]):
			// An escaped character is literal text; the backslash is markup.
			k[i] = kTrans
			i += 2
		case c == '`':
			i = l.codeSpan(i)
		case c == '<':
			i = l.angle(i)
		case c == ']' && i+1 < n && r[i+1] == '(':
			if j := linkDestEnd(r, i+1); j > 0 {
				fill(k, i+1, j+1, kTrans)
				i = j + 1
			} else {
				i++
			}
		case (c == 'h' || c == 'H' || c == 'f' || c == 'F' || c == 'w' || c == 'W') &&
			(i == 0 || !isASCIIAlnum(r[i-1])):
			if j := urlEnd(r, i); j > i {
				fill(k, i, j, kOpaque)
				i = j
			} else {
				i++
			}
		default:
			i++
		}
	}
}

func fill(k []uint8, from, to int, kind uint8) {
	for i := from; i < to; i++ {
		k[i] = kind
	}
}

// codeSpan handles the backtick run at i: if a run of the same length follows
// on the line, everything from the opener to the closer is code. It returns
// where scanning continues.
func (l *linter) codeSpan(i int) int {
	r := l.r
	m := 0
	for i+m < len(r) && r[i+m] == '`' {
		m++
	}
	if l.ticks == nil {
		l.indexTicks()
	}
	// Closers are maximal runs of exactly m backticks after the opener.
	// Scanning only moves forward, so each length keeps a cursor.
	starts := l.ticks[m]
	p := l.tickAt[m]
	for p < len(starts) && starts[p] < i+m {
		p++
	}
	l.tickAt[m] = p
	if p == len(starts) {
		return i + m // no closer: the backticks are literal
	}
	end := starts[p] + m
	fill(l.k, i, end, kOpaque)
	return end
}

// indexTicks records the start of every maximal backtick run by its length.
func (l *linter) indexTicks() {
	if l.tickAt == nil {
		l.tickAt = map[int]int{}
	}
	clear(l.tickAt)
	l.ticks = map[int][]int{}
	r := l.r
	for i := 0; i < len(r); {
		if r[i] != '`' {
			i++
			continue
		}
		j := i
		for j < len(r) && r[j] == '`' {
			j++
		}
		l.ticks[j-i] = append(l.ticks[j-i], i)
		i = j
	}
}

// angle handles '<' at i: an HTML comment, an autolink, an HTML tag or a
// declaration. It returns where scanning continues.
func (l *linter) angle(i int) int {
	r, k := l.r, l.k
	n := len(r)
	if hasPrefix(r[i:], "<!--") {
		if e := index(r, i+4, "-->"); e >= 0 {
			fill(k, i, e+3, kOpaque)
			return e + 3
		}
		fill(k, i, n, kOpaque)
		l.inComment = true
		return n
	}
	if i+1 >= n {
		return i + 1
	}
	switch c := r[i+1]; {
	case isASCIILetter(c):
		if e := autolinkEnd(r, i); e > 0 {
			fill(k, i, e+1, kOpaque)
			return e + 1
		}
		if e := tagEnd(r, i+1); e > 0 {
			fill(k, i, e+1, kTrans)
			return e + 1
		}
	case c == '/':
		j := i + 2
		if j < n && isASCIILetter(r[j]) {
			for j < n && (isASCIIAlnum(r[j]) || r[j] == '-') {
				j++
			}
			for j < n && isBlank(r[j]) {
				j++
			}
			if j < n && r[j] == '>' {
				fill(k, i, j+1, kTrans)
				return j + 1
			}
		}
	case c == '!' || c == '?':
		if i+2 < n && (c == '?' || isASCIILetter(r[i+2])) {
			for j := i + 2; j < n; j++ {
				if r[j] == '>' {
					fill(k, i, j+1, kOpaque)
					return j + 1
				}
				if r[j] >= 0x80 || r[j] == '<' {
					break
				}
			}
		}
	}
	return i + 1
}

// autolinkEnd returns the index of the '>' closing an autolink that starts
// at r[i] == '<' (<scheme:...> or <user@host>), or -1.
func autolinkEnd(r []rune, i int) int {
	j := i + 1
	for j < len(r) && j-i-1 <= 32 && (isASCIIAlnum(r[j]) || r[j] == '+' || r[j] == '.' || r[j] == '-') {
		j++
	}
	scheme := j < len(r) && r[j] == ':' && j-i-1 >= 2
	at := false
	for ; j < len(r); j++ {
		c := r[j]
		switch {
		case c == '>':
			if scheme || at {
				return j
			}
			return -1
		case c == '@':
			at = true
		case c <= ' ' || c == '<' || c >= 0x80:
			return -1
		}
	}
	return -1
}

// tagEnd returns the index of the '>' closing an HTML open tag whose name
// starts at r[j], or -1. Outside quoted attribute values a tag holds only
// ASCII, so "<b 中文>" is text, not a tag.
func tagEnd(r []rune, j int) int {
	for j < len(r) && (isASCIIAlnum(r[j]) || r[j] == '-') {
		j++
	}
	if j < len(r) && !isBlank(r[j]) && r[j] != '/' && r[j] != '>' {
		return -1
	}
	var quote rune
	for ; j < len(r); j++ {
		c := r[j]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return j
		case c == '<' || c >= 0x80:
			return -1
		}
	}
	return -1
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

func isASCIILetter(c rune) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isASCIIDigit(c rune) bool  { return c >= '0' && c <= '9' }
func isASCIIAlnum(c rune) bool  { return isASCIILetter(c) || isASCIIDigit(c) }

func isASCIIPunct(c rune) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}
