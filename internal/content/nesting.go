package content

import (
	"bytes"
	"regexp"

	"github.com/yuin/goldmark/util"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/value"
)

// Limits on the shape of a body, checked in one pass before goldmark sees
// it. Past them goldmark's time grows with the square (or worse) of what a
// line or paragraph holds, or its output with the product of a table's
// columns and rows: on 1 MB bodies, 1,000 nested list levels took 9 s,
// 100,000 > on one line (100 KB) 3 s, [[[…]]] 25 s, "[a](" repeated and
// "*a_" repeated over a minute (64 KB: 2 s and 6 s), a 1,000-column table
// with short rows 18 s and gigabytes for 36 KB (3,000 nested list levels:
// 22 s and 650 MB, issue 11). At the limits, 1 MB bodies made of the
// costliest shapes parse in 0.05 to 1.1 s (BenchmarkAtLimits, on two
// cores), and no article a person writes comes near them.
const (
	// maxNesting bounds the containers on one line: block quote markers,
	// list markers, and its indentation counted at two columns a level.
	maxNesting = 100
	// maxMarks bounds the link, emphasis and code marks ([, and runs of *,
	// _, ~ and `) of one paragraph, whose delimiters goldmark pairs by
	// trying every earlier one (a code span's by scanning the rest of the
	// paragraph), and maxOpen the brackets open at once in it (each ] walks
	// everything since its [).
	maxMarks = 1000
	maxOpen  = 32
	// maxDocMarks bounds the marks of a whole body, and maxLines its lines
	// that are not blank: each costs goldmark an AST node or more and a few
	// microseconds (a heading about ten).
	maxDocMarks = 100_000
	maxLines    = 50_000
	// maxScan bounds the bytes goldmark may scan looking for the ends of
	// links that never end: each [ may scan to the end of its line.
	maxScan = 200_000_000
	// maxCells bounds the table cells of a body, counting the empty cells a
	// short row is padded with to the width of its header.
	maxCells = 200_000
)

// shapeProblem is a limit a body goes past, at a line counted from the
// body's first line (1).
type shapeProblem struct {
	line int
	key  string
	args []any
}

// overLimits reports, at its line of the file, each limit the body goes past,
// and says whether it went past any; goldmark must not then see the body.
func overLimits(shown string, body []byte, bodyLine int, l *diag.List) bool {
	probs := shape(body)
	for _, p := range probs {
		l.Error(diag.Pos{File: shown, Line: bodyLine + p.line - 1}, p.key, p.args...)
	}
	return len(probs) > 0
}

// shape measures a body line by line and returns the first place it goes
// past each limit.
//
// Paragraphs are told apart from the lines alone, never splitting one that
// goldmark reads whole: a paragraph ends at a blank line, an ATX heading, a
// setext underline or thematic break, and at a bullet or "1." list item
// with text (the lines goldmark lets interrupt a paragraph). Other block
// starts (quotes, HTML, fences) are not looked for, so two of goldmark's
// paragraphs may be counted as one: an over-count, never an under-count an
// attacker could use. The rows of a table are paragraphs of their own, but
// only where that is sure (see isRow).
func shape(body []byte) []shapeProblem {
	return shapeWith(body, shapeLimits{maxNesting, maxMarks, maxOpen, maxDocMarks, maxLines, maxScan, maxCells})
}

// shapeLimits are the limits shape checks (tests make them small).
type shapeLimits struct{ nesting, marks, open, docMarks, lines, scan, cells int }

// shapeWith is shape with other limits.
func shapeWith(body []byte, lim shapeLimits) []shapeProblem {
	s := shaper{lim: lim}
	n := 0
	for len(body) > 0 {
		line, rest, _ := bytes.Cut(body, []byte("\n"))
		body = rest
		n++
		s.line(n, line)
	}
	s.endUnit()
	return s.probs
}

// shaper is the state of shape's pass.
type shaper struct {
	lim   shapeLimits
	probs []shapeProblem
	seen  map[string]bool // the keys reported

	// The paragraph being read: its first line, its lines so far, its
	// marks, the brackets open in it.
	unitLine, unitLines, unitMarks, open int
	// Where it is a table (its first line a header as wide as the
	// delimiter row under it), each row is a paragraph of its own to
	// goldmark: head is the first line when it may be a header (nil when
	// it cannot be one; its width is counted only under a delimiter row,
	// not for every paragraph), rows says the table's rows are being read.
	head []byte
	rows bool
	// cols is the widest delimiter row in it, 0 before one; tableLine the
	// first one's line.
	cols, tableLine int

	docMarks, cells, scan, lines int // the body's so far
}

func (s *shaper) report(line int, key string, args ...any) {
	if s.seen[key] {
		return
	}
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	s.seen[key] = true
	s.probs = append(s.probs, shapeProblem{line, key, args})
}

// endUnit closes the paragraph being read.
func (s *shaper) endUnit() {
	if s.unitMarks > s.lim.marks {
		s.report(s.unitLine, "doc.marks", s.unitMarks, s.lim.marks)
	}
	s.unitLine, s.unitLines, s.unitMarks, s.open, s.head, s.rows, s.cols = 0, 0, 0, 0, nil, false, 0
}

func (s *shaper) line(n int, line []byte) {
	depth, end := lead(line)
	if depth > s.lim.nesting {
		s.report(n, "doc.nesting", depth, s.lim.nesting)
	}
	kind := breaks(line)
	if kind != blank {
		if s.lines++; s.lines > s.lim.lines {
			s.report(n, "doc.lines", s.lim.lines)
		}
	}
	switch kind {
	case blank:
		s.endUnit()
		return
	case alone:
		s.endUnit()
		s.add(n, s.marks(n, line))
		s.endUnit()
		return
	case starts:
		s.endUnit()
	}
	spaces := leadingSpaces(line)
	switch {
	case s.rows && isRow(line):
		s.open = 0 // a row is a paragraph of its own
		if m := s.marks(n, line); m > s.lim.marks {
			s.report(n, "doc.marks", m, s.lim.marks)
		}
		s.open = 0
	case s.unitLines == 1 && s.head != nil && spaces <= 3 && end == spaces && isHead(s.head, delimiterRow(line[spaces:])):
		s.rows = true
		s.endHeader()
	default:
		s.rows = false
		s.add(n, s.marks(n, line))
	}
	if s.unitLines == 0 && spaces <= 3 && end == spaces {
		s.head = line[:len(line):len(line)]
	}
	s.unitLines++
	s.table(n, line[end:])
}

// endHeader ends a table's header row, a paragraph of its own to goldmark.
func (s *shaper) endHeader() {
	if s.unitMarks > s.lim.marks {
		s.report(s.unitLine, "doc.marks", s.unitMarks, s.lim.marks)
	}
	s.unitLine, s.unitMarks, s.open = 0, 0, 0
}

// add counts marks in the paragraph being read, whose line n is.
func (s *shaper) add(n, marks int) {
	if s.unitLine == 0 {
		s.unitLine = n
	}
	s.unitMarks += marks
}

// marks counts the marks of line n, and follows the brackets open in its
// paragraph. A * that marks a list item counts too: the same line with
// nothing after the * ("*") is a paragraph's text.
func (s *shaper) marks(n int, line []byte) int {
	marks := 0
	for i := 0; i < len(line); i++ {
		// Eight bytes past every mark (a Chinese text's) at once.
		for i+8 <= len(line) && value.Word(line, i)&value.High == value.High {
			i += 8
		}
		if i < len(line) && isMark(line[i]) {
			i = s.mark(n, line, i, &marks)
		}
	}
	return s.endMarks(n, marks)
}

// isMark reports whether c is a byte mark acts on.
func isMark(c byte) bool {
	return c == '\\' || c == '[' || c == ']' || c == '*' || c == '_' || c == '~' || c == '`'
}

// mark counts the mark at line[i], if there is one, and returns the index
// of the last byte it took.
func (s *shaper) mark(n int, line []byte, i int, marks *int) int {
	switch c := line[i]; c {
	case '\\':
		i++
	case '[':
		*marks++
		s.scan += len(line) - i
		if s.open++; s.open > s.lim.open {
			s.report(n, "doc.brackets", s.lim.open)
		}
	case ']':
		s.open = max(s.open-1, 0)
	case '*', '_', '~', '`':
		*marks++
		for i+1 < len(line) && line[i+1] == c {
			i++
		}
	}
	return i
}

// endMarks checks the limits after line n's marks are counted, and
// returns their number.
func (s *shaper) endMarks(n, marks int) int {
	if s.scan > s.lim.scan {
		s.report(n, "doc.longLines")
	}
	if s.docMarks += marks; s.docMarks > s.lim.docMarks {
		s.report(n, "doc.marksTotal", s.lim.docMarks)
	}
	return marks
}

// table counts the cells of a table: after a delimiter row, every line of
// the paragraph is a row as wide as the widest delimiter row so far. (The
// delimiter row is looked for after the line's quote and list markers, so
// a table in a quote or a list item counts too.)
func (s *shaper) table(n int, text []byte) {
	if c := delimiterRow(text); c > s.cols {
		if s.cols == 0 {
			s.tableLine = n
		}
		s.cols = c
	}
	s.cells += s.cols
	if s.cells > s.lim.cells {
		s.report(s.tableLine, "doc.tableCells", s.cells, s.lim.cells)
	}
}

// leadingSpaces counts the spaces a line starts with.
func leadingSpaces(line []byte) int {
	i := 0
	for i < len(line) && line[i] == ' ' {
		i++
	}
	return i
}

// isRow reports whether a line is surely a row of the table above it: it
// starts with | (so it starts no other block) and holds no > (so it ends
// no HTML block that may have begun above the table, unseen here).
func isRow(line []byte) bool {
	t := bytes.TrimLeft(line, " \t")
	return len(t) > 0 && t[0] == '|' && bytes.IndexByte(t, '>') < 0
}

// isHead reports whether line is the header of a table whose delimiter
// row has cols cells (0: the row under it is none).
func isHead(line []byte, cols int) bool { return cols > 0 && headerCells(line) == cols }

// headerCells is the number of cells of a table's header row, as goldmark
// splits one: at each | not escaped, leaving out a | at either end.
func headerCells(line []byte) int {
	line = bytes.Trim(line, " \t\n\v\f\r")
	pos, limit := 0, len(line)
	if limit > 0 && line[0] == '|' {
		pos++
	}
	if limit > 0 && line[limit-1] == '|' {
		limit--
	}
	n := 0
	for pos < limit {
		end := pos
		for end < limit && (line[end] != '|' || end > 0 && line[end-1] == '\\') {
			end++
		}
		n++
		pos = end + 1
	}
	return n
}

// Kinds of line, by what they do to the paragraph being read.
const (
	within = iota // continues it (or may)
	blank         // ends it
	alone         // ends it and is a block of its own: a heading, a rule
	starts        // ends it and starts the next: a list item
)

// breaks tells what a line does to the paragraph being read. It answers
// blank, alone or starts only where goldmark surely ends a paragraph.
func breaks(line []byte) int {
	i := 0
	for i < len(line) && line[i] == ' ' {
		i++
	}
	if onlySpace(line[i:]) {
		return blank
	}
	if i > 3 || line[i] == '\t' {
		return within // indented four columns or more
	}
	rest := line[i:]
	c := rest[0]
	run := 1
	for run < len(rest) && rest[run] == c {
		run++
	}
	switch {
	case c == '#' && run <= 6 && (run == len(rest) || rest[run] == ' ' || rest[run] == '\t'):
		return alone // an ATX heading
	case (c == '=' || c == '-') && onlySpace(rest[run:]):
		return alone // a setext underline, or a rule
	case (c == '*' || c == '-' || c == '_') && isRule(rest, c):
		return alone
	case (c == '-' || c == '+' || c == '*') && run == 1 && hasText(rest[1:]):
		return starts // a bullet list item
	}
	j := 0
	for j < len(rest) && j < 9 && rest[j] >= '0' && rest[j] <= '9' {
		j++
	}
	if j > 0 && bytes.Count(rest[:j-1], []byte("0")) == j-1 && rest[j-1] == '1' &&
		j < len(rest) && (rest[j] == '.' || rest[j] == ')') && hasText(rest[j+1:]) {
		return starts // an ordered list item numbered 1
	}
	return within
}

// onlySpace reports whether b holds nothing but what goldmark counts as
// space: spaces, tabs, and the line-ending and feed characters (a line
// ending in "\r" is blank after its text as goldmark reads it).
func onlySpace(b []byte) bool {
	for _, c := range b {
		if !util.IsSpace(c) {
			return false
		}
	}
	return true
}

// hasText reports whether b is spaces or tabs, at least one, then text:
// what follows a list marker that starts an item with text.
func hasText(b []byte) bool {
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	return i > 0 && !onlySpace(b[i:])
}

// isRule reports whether b is a thematic break made of c: three or more,
// spaces and tabs between.
func isRule(b []byte, c byte) bool {
	n := 0
	for _, x := range b {
		switch x {
		case c:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// lead measures a line's leading run of indentation, block quote markers
// and list markers: the containers the line may be nested in (the space
// after a marker is part of it; other indentation counts a level per two
// columns, the least a nested list item needs). end is where the run ends.
func lead(line []byte) (depth, end int) {
	col, indent, marks := 0, 0, 0
	after := false // just after a marker, whose one space is its own
	i := 0
	for i < len(line) {
		switch c := line[i]; {
		case c == ' ' || c == '\t':
			w := 1
			if c == '\t' {
				w = 4 - col%4
			}
			col += w
			if after {
				w--
				after = false
			}
			indent += w
			i++
			continue
		case c == '>':
			i++
		case c == '-' || c == '+' || c == '*':
			if i+1 < len(line) && line[i+1] != ' ' && line[i+1] != '\t' {
				return marks + indent/2, i
			}
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j == len(line) || line[j] != '.' && line[j] != ')' ||
				j+1 < len(line) && line[j+1] != ' ' && line[j+1] != '\t' {
				return marks + indent/2, i
			}
			col += j - i
			i = j + 1
		default:
			return marks + indent/2, i
		}
		col++
		marks++
		after = true
	}
	return marks + indent/2, i
}

// delimiterRow is the number of columns of a table's delimiter row, as
// goldmark's table extension reads one (|---|:-:|), or 0. Spaces are
// goldmark's: space, tab, newline, vertical tab, form feed, carriage return.
func delimiterRow(text []byte) int {
	dash, other := false, false
	for _, c := range text {
		switch c {
		case '-':
			dash = true
		case '|', ':', ' ', '\t', '\n', '\v', '\f', '\r':
			other = true
		default:
			return 0
		}
	}
	if !dash || !other {
		return 0
	}
	cols := bytes.Split(text, []byte("|"))
	if isBlank(cols[0]) {
		cols = cols[1:]
	}
	if len(cols) > 0 && isBlank(cols[len(cols)-1]) {
		cols = cols[:len(cols)-1]
	}
	for _, c := range cols {
		if !delimiterCell.Match(c) {
			return 0
		}
	}
	return len(cols)
}

// delimiterCell is a cell of a delimiter row, as goldmark matches one.
var delimiterCell = regexp.MustCompile(`^\s*:?-+:?\s*$`)

// isBlank is goldmark's util.IsBlank.
func isBlank(b []byte) bool {
	return len(bytes.Trim(b, " \t\n\v\f\r")) == 0
}
