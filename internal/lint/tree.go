package lint

import (
	"bytes"
	"slices"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// marker classifies the bytes of a Markdown source from its goldmark tree.
// Every byte starts as kOut. The lines of a block with inline content
// (paragraph, heading, table cell, tight list item) become kTrans: whatever
// of them no inline node claims is markup the reader does not see. Text
// nodes then mark their bytes kNormal; code spans, autolinks, comments and
// other non-tag raw HTML mark theirs kOpaque. A parent is visited before its
// children, so the innermost node decides.
type marker struct {
	src      []byte
	kinds    []uint8
	headings []int          // offsets of the '#' of empty ATX headings, sorted by mark
	unlint   []text.Segment // lines that look like link reference definitions
}

// mark classifies m.src from the tree root.
func (m *marker) mark(root ast.Node) {
	if root == nil {
		return
	}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		return m.visit(n), nil
	})
	for _, s := range m.unlint {
		m.fill(s.Start, s.Stop, kOut)
	}
	slices.Sort(m.headings)
}

func (m *marker) visit(n ast.Node) ast.WalkStatus {
	switch n := n.(type) {
	case *ast.Text:
		m.text(n.Segment)
		return ast.WalkSkipChildren
	case *ast.CodeSpan:
		m.codeSpan(n)
		return ast.WalkSkipChildren
	case *ast.AutoLink:
		m.autoLink(n)
		return ast.WalkSkipChildren
	case *ast.RawHTML:
		m.rawHTML(n)
		return ast.WalkSkipChildren
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		return ast.WalkSkipChildren
	case *ast.HTMLBlock:
		m.htmlBlock(n)
		return ast.WalkSkipChildren
	case *ast.Heading:
		if p := n.Pos(); n.ChildCount() == 0 && p >= 0 && p < len(m.src) && m.src[p] == '#' {
			m.headings = append(m.headings, p)
		}
	}
	if n.Type() != ast.TypeBlock {
		return ast.WalkContinue
	}
	_, para := n.(*ast.Paragraph)
	_, tight := n.(*ast.TextBlock)
	lines := n.Lines()
	for i := range lines.Len() {
		s := lines.At(i)
		m.fill(s.Start, s.Stop, kTrans)
		if (para || tight) && m.refDef(s.Start, s.Stop) {
			m.unlint = append(m.unlint, s)
		}
	}
	return ast.WalkContinue
}

// fill sets the kind of the bytes [from, to), clipped to the source.
func (m *marker) fill(from, to int, kind uint8) {
	fill(m.kinds, max(from, 0), min(to, len(m.src)), kind)
}

// text marks a text segment as prose. goldmark keeps backslash escapes in
// text segments; an escaping backslash is markup.
func (m *marker) text(s text.Segment) {
	from, to := max(s.Start, 0), min(s.Stop, len(m.src))
	for from < to {
		i := bytes.IndexByte(m.src[from:to], '\\')
		if i < 0 {
			fill(m.kinds, from, to, kNormal)
			return
		}
		i += from
		fill(m.kinds, from, i, kNormal)
		if i+1 < to && isASCIIPunct(rune(m.src[i+1])) {
			m.kinds[i], m.kinds[i+1] = kTrans, kNormal
			from = i + 2
		} else {
			m.kinds[i] = kNormal
			from = i + 1
		}
	}
}

// codeSpan marks a code span opaque, backticks included.
func (m *marker) codeSpan(n *ast.CodeSpan) {
	src := m.src
	s := n.Pos()
	if s < 0 || s >= len(src) || src[s] != '`' {
		// No position: mark what the children say.
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				m.fill(t.Segment.Start, t.Segment.Stop, kOpaque)
			}
		}
		return
	}
	ticks := 0
	for s+ticks < len(src) && src[s+ticks] == '`' {
		ticks++
	}
	e := s + ticks
	if t, ok := n.LastChild().(*ast.Text); ok {
		e = max(e, min(t.Segment.Stop, len(src)))
	}
	// The closing run, after the one space or line ending goldmark strips.
	if e+1 < len(src) && (src[e] == ' ' || src[e] == '\n') && src[e+1] == '`' {
		e++
	} else if e+2 < len(src) && src[e] == '\r' && src[e+1] == '\n' && src[e+2] == '`' {
		e += 2
	}
	for i := 0; i < ticks && e < len(src) && src[e] == '`'; i++ {
		e++
	}
	m.fill(s, e, kOpaque)
}

// autoLink marks an autolink opaque, with its angle brackets if it has them.
func (m *marker) autoLink(n *ast.AutoLink) {
	label := n.Label(m.src)
	s := offsetIn(m.src, label)
	if s < 0 {
		// Not a slice of the source: look for the label where the node
		// starts (its position may be the character that triggered it).
		p := max(n.Pos(), 0)
		if p >= len(m.src) || len(label) == 0 {
			return
		}
		i := bytes.Index(m.src[p:min(len(m.src), p+len(label)+4)], label)
		if i < 0 {
			return
		}
		s = p + i
	}
	e := s + len(label)
	if s > 0 && m.src[s-1] == '<' && e < len(m.src) && m.src[e] == '>' {
		s, e = s-1, e+1
	}
	m.fill(s, e, kOpaque)
}

// offsetIn returns where sub starts in src if sub is a slice of src's
// array within src, else -1.
func offsetIn(src, sub []byte) int {
	if len(sub) == 0 {
		return -1
	}
	a := cap(src) - cap(sub)
	if a < 0 || a+len(sub) > len(src) || &src[a] != &sub[0] {
		return -1
	}
	return a
}

// rawHTML marks comments, declarations, processing instructions and CDATA
// opaque. Tags stay markup the reader does not see.
func (m *marker) rawHTML(n *ast.RawHTML) {
	if n.Segments == nil || n.Segments.Len() == 0 {
		return
	}
	s := n.Segments.At(0)
	if s.Start < 0 || s.Start+1 >= len(m.src) || m.src[s.Start] != '<' {
		return
	}
	if c := m.src[s.Start+1]; c != '!' && c != '?' {
		return
	}
	for i := range n.Segments.Len() {
		s := n.Segments.At(i)
		m.fill(s.Start, s.Stop, kOpaque)
	}
}

// htmlBlock handles an HTML block. Its content is raw HTML, not prose,
// except after the end of a comment on the comment's last line: that text
// is shown ("-->正文").
func (m *marker) htmlBlock(n *ast.HTMLBlock) {
	if n.HTMLBlockType != ast.HTMLBlockType2 {
		return
	}
	lines := n.Lines()
	segs := make([]text.Segment, 0, lines.Len()+1)
	for i := range lines.Len() {
		segs = append(segs, lines.At(i))
	}
	if n.HasClosure() {
		segs = append(segs, n.ClosureLine)
	}
	for i, s := range segs {
		from, to := max(s.Start, 0), min(s.Stop, len(m.src))
		if from >= to {
			continue
		}
		line := m.src[from:to]
		skip := 0
		if i == 0 {
			if skip = bytes.Index(line, []byte("<!--")); skip < 0 {
				return
			}
			skip += 2 // "<!-->" is a whole comment
		}
		if bytes.Contains(line[skip:], []byte("-->")) {
			tail := from + bytes.LastIndex(line, []byte("-->")) + 3
			end := to
			for end > tail && (m.src[end-1] == '\n' || m.src[end-1] == '\r') {
				end--
			}
			m.fill(tail, end, kNormal)
			return
		}
	}
}

// refDef reports whether the line [from, to) starts with "[label]:", the
// opening of a link reference definition; goldmark takes a malformed one
// ("[1]: https://x.cn 说明") for a paragraph, but it is not prose. A footnote
// label "[^1]:" does not count.
func (m *marker) refDef(from, to int) bool {
	from, to = max(from, 0), min(to, len(m.src))
	r := m.src[from:to]
	if len(r) < 3 || r[0] != '[' || r[1] == '^' {
		return false
	}
	for i := 1; i+1 < len(r); i++ {
		switch r[i] {
		case '\\':
			i++
		case '[':
			return false
		case ']':
			return i > 1 && r[i+1] == ':'
		}
	}
	return false
}
