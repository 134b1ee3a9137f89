package content

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"github.com/qingdan/qingdan/internal/value"
)

// quickText is a goldmark extension, listed after extension.CJK, that
// gives the HTML renderers quickWriter around the text writer CJK gives
// them (one that drops a backslash-escaped space).
type quickText struct{}

func (quickText) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(html.WithWriter(newQuickWriter(html.NewWriter(html.WithEscapedSpace()))))
}

// quickWriter is goldmark's text writer with a quick path: a text holding
// none of the bytes the writer acts on (those it escapes, and for Write a
// backslash, an entity's & and NUL) is written as it is, as the writer
// would write it. goldmark's writer looks at a text a byte at a time, in
// two passes, and was a tenth of parsing an article; most of a Chinese
// text's bytes are 0x80 and above, and quiet passes over eight of them at
// once.
type quickWriter struct {
	html.Writer
	write, raw [256]bool // the bytes Write and RawWrite act on
	high       bool      // whether one of them is 0x80 or above (none is)
}

func newQuickWriter(w html.Writer) *quickWriter {
	q := &quickWriter{Writer: w}
	for c := range 256 {
		if util.EscapeHTMLByte(byte(c)) != nil {
			q.raw[c], q.write[c] = true, true
		}
	}
	q.write[0], q.write['&'], q.write['\\'] = true, true, true
	for c := 0x80; c < 256; c++ {
		q.high = q.high || q.write[c]
	}
	return q
}

func (q *quickWriter) Write(w util.BufWriter, s []byte) {
	if !q.quiet(s, &q.write) {
		q.Writer.Write(w, s)
	} else if len(s) > 0 {
		_, _ = w.Write(s)
	}
}

func (q *quickWriter) RawWrite(w util.BufWriter, s []byte) {
	if !q.quiet(s, &q.raw) {
		q.Writer.RawWrite(w, s)
	} else if len(s) > 0 {
		_, _ = w.Write(s)
	}
}

// quiet reports whether s holds none of the bytes acts marks.
func (q *quickWriter) quiet(s []byte, acts *[256]bool) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if !q.high && value.Word(s, i)&value.High == value.High {
			continue // eight bytes of 0x80 and above
		}
		for _, c := range s[i : i+8] {
			if acts[c] {
				return false
			}
		}
	}
	for _, c := range s[i:] {
		if acts[c] {
			return false
		}
	}
	return true
}
