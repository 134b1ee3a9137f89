package content

import (
	"bytes"
	"errors"
	"slices"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/fileio"
)

// The defaults of Options' limits.
const (
	DefaultMaxDocument = 4 << 20  // bytes of a document's file
	DefaultMaxValue    = 64 << 10 // bytes of the text of a front matter value
)

func (o Options) maxDocument() int64 {
	if o.MaxDocument > 0 {
		return o.MaxDocument
	}
	return DefaultMaxDocument
}

func (o Options) maxValue() int64 {
	if o.MaxValue > 0 {
		return o.MaxValue
	}
	return DefaultMaxValue
}

// tooLarge reports a document of size bytes over the limit, and says
// whether it is.
func (ps *Parser) tooLarge(shown string, size int64, l *diag.List) bool {
	max := ps.o.maxDocument()
	if size <= max {
		return false
	}
	l.Error(diag.Pos{File: shown, Line: 1}, "doc.tooLarge", diag.Size(size), diag.Size(max))
	return true
}

// read reads the document at p, unless its size, known before it is read,
// is over the limit, into a buffer of the parser's, which release gives
// back: Parse keeps nothing of the bytes it is given (TestParseKeepsNoSource),
// and a build reading into a buffer of its own for every document cleared
// and collected memory as large as all its documents.
func (ps *Parser) read(p, shown string, l *diag.List) (data []byte, release func(), ok bool) {
	b, _ := ps.srcs.Get().(*bytes.Buffer)
	if b == nil {
		b = new(bytes.Buffer)
	}
	release = func() {
		if b.Cap() <= maxRenderBuf {
			ps.srcs.Put(b)
		}
	}
	size, err := fileio.ReadFileInto(b, p, ps.o.maxDocument())
	if errors.Is(err, fileio.ErrTooLarge) {
		ps.tooLarge(shown, size, l)
		release()
		return nil, nil, false
	}
	if err != nil {
		l.Error(diag.Pos{File: shown}, "file.read", err)
		release()
		return nil, nil, false
	}
	return b.Bytes(), release, true
}

// bounded drops the front matter fields whose text (key and value, every
// item of a list or table counted) is over the limit, each reported at its
// line: such a value would be repeated on every page that lists the
// document.
func (ps *Parser) bounded(fields []field, shown string, l *diag.List) []field {
	max := ps.o.maxValue()
	return slices.DeleteFunc(fields, func(f field) bool {
		n := int64(len(f.key)) + textSize(f.value)
		if n <= max {
			return false
		}
		l.Error(diag.Pos{File: shown, Line: f.line}, "front.tooLarge", diag.Quote(f.key), diag.Size(n), diag.Size(max))
		return true
	})
}

// textSize adds up the bytes of the strings in v: its keys and items too.
func textSize(v any) int64 {
	var n int64
	switch v := v.(type) {
	case string:
		n = int64(len(v))
	case []any:
		for _, e := range v {
			n += textSize(e)
		}
	case map[string]any:
		for k, e := range v {
			n += int64(len(k)) + textSize(e)
		}
	}
	return n
}
