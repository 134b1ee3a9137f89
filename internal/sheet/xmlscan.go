package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	fastutf8 "github.com/segmentio/asm/utf8"
	"golang.org/x/net/html/charset"
)

// xmlScanner pulls the tokens of an XML document, the way encoding/xml's
// RawToken does (elements' local names, attribute values and text with
// entities decoded, line ends normalised, no checking that elements
// close in order), at a fraction of the cost: the tokens are slices of
// its buffer, valid until the next call, and nothing is allocated per
// token. A worksheet is tens of megabytes of <c><v> elements; reading it
// with encoding/xml took most of the time a workbook took to read
// (BenchmarkXLSX). It is lenient where encoding/xml is strict about what a
// worksheet never holds (names' characters, undeclared prefixes, control
// characters), and refuses a document type declaration.
type xmlScanner struct {
	r   io.Reader
	buf []byte
	pos int   // the next byte to read
	end int   // the end of what buf holds
	err error // what the last read returned, once there is nothing more
	max int   // the longest token it reads (maxXMLToken)

	kind  tokenKind
	name  []byte // the local name of a start or end tag
	attrs []xmlAttr
	text  []byte // the text of a text token
	self  bool   // the start tag just read closes itself: an end follows
	dec   []byte // decoded text and attribute values

	// The text read since keepFrom (see keptText): mark is where it starts
	// in buf, or -1 when none is kept; kept holds what of it fill moved
	// out of buf.
	mark int
	kept []byte
}

type tokenKind uint8

const (
	tokStart tokenKind = iota + 1
	tokEnd
	tokText
)

type xmlAttr struct {
	name, value []byte
	from, to    int // where value lies in dec, while the tag is read
}

var errMore = errors.New("more input needed")

// newXMLScanner reads r, transcoding it to UTF-8 when its declaration
// names another encoding.
func newXMLScanner(r io.Reader) (*xmlScanner, error) { return newXMLScannerSize(r, 64<<10) }

// newXMLScannerSize is newXMLScanner with a buffer of size bytes to start
// with (tests make it small, to read tokens across refills).
func newXMLScannerSize(r io.Reader, size int) (*xmlScanner, error) {
	head := make([]byte, 512)
	n, err := io.ReadFull(r, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, err
	}
	head = bytes.TrimPrefix(head[:n], []byte("\xef\xbb\xbf"))
	r = io.MultiReader(bytes.NewReader(head), r)
	if enc := declared(head); enc != "" && !strings.EqualFold(enc, "utf-8") && !strings.EqualFold(enc, "utf8") {
		if r, err = charset.NewReaderLabel(enc, r); err != nil {
			return nil, err
		}
	}
	return &xmlScanner{r: r, buf: make([]byte, max(size, 1)), max: maxXMLToken, mark: -1}, nil
}

// declared is the encoding an XML declaration at the start of head names.
func declared(head []byte) string {
	if !bytes.HasPrefix(head, []byte("<?xml")) {
		return ""
	}
	decl, _, ok := bytes.Cut(head, []byte("?>"))
	if !ok {
		return ""
	}
	_, v, ok := bytes.Cut(decl, []byte("encoding"))
	if !ok {
		return ""
	}
	v = bytes.TrimLeft(v, " \t\r\n=")
	if len(v) == 0 || (v[0] != '"' && v[0] != '\'') {
		return ""
	}
	enc, _, _ := bytes.Cut(v[1:], v[:1])
	return string(enc)
}

// fill reads into buf until it is full, keeping what is unread, after
// making room: the unread bytes are moved to its start, or, when they fill
// it (one token longer than buf), buf doubles, up to s.max. A token
// that did not fit is scanned again from its start once buf holds more,
// which, as buf at least doubles each time, costs at most twice its length.
func (s *xmlScanner) fill() {
	if s.err != nil {
		return
	}
	switch {
	case s.pos == s.end:
		s.save()
		s.pos, s.end = 0, 0
	case s.pos > 0:
		s.save()
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.pos = 0
	case s.end == len(s.buf) && len(s.buf) >= s.max:
		s.err = fmt.Errorf("XML: a token of more than %d bytes", s.max)
		return
	case s.end == len(s.buf):
		s.buf = append(s.buf, make([]byte, len(s.buf))...)
	}
	for s.end < len(s.buf) && s.err == nil {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		s.err = err
	}
}

// save keeps the text being kept that was read, before fill moves it out
// of buf; past maxKept it keeps none (a run of thousands of blank rows
// before a row, say), and keptText gives nil.
func (s *xmlScanner) save() {
	if s.mark >= 0 {
		s.kept = append(s.kept, s.buf[s.mark:s.pos]...)
		s.mark = 0
		if len(s.kept) > maxKept {
			s.kept, s.mark = s.kept[:0], -1
		}
	}
}

// maxKept is the most text keepFrom keeps.
const maxKept = 1 << 20

// keepFrom starts keeping the text read from here on.
func (s *xmlScanner) keepFrom() { s.kept, s.mark = s.kept[:0], s.pos }

// keptText is the text read since keepFrom, as it is (nil when it was never
// called, or the text grew past maxKept); it is valid until keepFrom is
// called again.
func (s *xmlScanner) keptText() []byte {
	if s.mark >= 0 && len(s.kept)+s.pos-s.mark > maxKept {
		s.kept, s.mark = s.kept[:0], -1
	}
	if s.mark < 0 {
		return nil
	}
	s.kept = append(s.kept, s.buf[s.mark:s.pos]...)
	s.mark = s.pos
	return s.kept
}

// maxXMLToken bounds a token (a tag, a text, a comment), in bytes: a cell
// may hold 64 KB by default (Limits.CellSize), a workbook's part unzip to
// hundreds of megabytes.
const maxXMLToken = 64 << 20

// next reads the next token: io.EOF at the end of the document.
func (s *xmlScanner) next() error {
	if s.self {
		s.self, s.kind = false, tokEnd
		return nil
	}
	for {
		err := s.token()
		if err != errMore {
			return err
		}
		if s.err != nil {
			if s.pos == s.end && s.err == io.EOF {
				return io.EOF
			}
			if s.err == io.EOF {
				return io.ErrUnexpectedEOF
			}
			return s.err
		}
		s.fill()
	}
}

// within reads the next token inside an element whose start was read:
// the document may not end there.
func (s *xmlScanner) within() error {
	err := s.next()
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return err
}

// token reads a token whole from buf[pos:end], or returns errMore and
// leaves pos where it was. Declarations and processing instructions (<?…?>)
// and comments are passed over.
func (s *xmlScanner) token() error {
	for {
		b := s.buf[s.pos:s.end]
		if len(b) == 0 {
			return errMore
		}
		if b[0] != '<' {
			i := bytes.IndexByte(b, '<')
			if i < 0 {
				if s.err == nil {
					return errMore
				}
				i = len(b) // the document's trailing text
			}
			t, err := s.decode(b[:i], false)
			if err != nil {
				return err
			}
			s.kind, s.text = tokText, t
			s.pos += i
			return nil
		}
		if len(b) < 2 {
			return errMore
		}
		switch b[1] {
		case '/':
			i := bytes.IndexByte(b, '>')
			if i < 0 {
				return errMore
			}
			s.kind, s.name = tokEnd, local(bytes.TrimRight(b[2:i], " \t\r\n"))
			if len(s.name) == 0 {
				return errors.New("XML: end tag without a name")
			}
			s.pos += i + 1
			return nil
		case '?':
			i := bytes.Index(b, []byte("?>"))
			if i < 0 {
				return errMore
			}
			s.pos += i + 2
		case '!':
			skip, err := s.bang(b)
			if skip == 0 {
				return err
			}
			s.pos += skip
		default:
			return s.start(b)
		}
	}
}

// bang reads a CDATA section (text as it is), or returns the length of a
// comment, to pass over; anything else, such as a document type, is
// refused.
func (s *xmlScanner) bang(b []byte) (skip int, err error) {
	switch {
	case bytes.HasPrefix(b, []byte("<!--")):
		i := bytes.Index(b[4:], []byte("-->"))
		if i < 0 {
			return 0, errMore
		}
		return 4 + i + 3, nil
	case bytes.HasPrefix(b, []byte("<![CDATA[")):
		i := bytes.Index(b[9:], []byte("]]>"))
		if i < 0 {
			return 0, errMore
		}
		t, err := s.decode(b[9:9+i], true)
		if err != nil {
			return 0, err
		}
		s.kind, s.text = tokText, t
		s.pos += 9 + i + 3
		return 0, nil
	case len(b) < 9 && (bytes.HasPrefix([]byte("<![CDATA["), b) || bytes.HasPrefix([]byte("<!--"), b)):
		return 0, errMore
	}
	return 0, errors.New("XML: a declaration (<!…>) where none may be")
}

// start reads a start tag and its attributes.
func (s *xmlScanner) start(b []byte) error {
	i := 1
	for i < len(b) && !isSpace(b[i]) && b[i] != '>' && b[i] != '/' {
		i++
	}
	if i == len(b) {
		return errMore
	}
	if i == 1 {
		return errors.New("XML: a tag without a name")
	}
	name := b[1:i]
	s.attrs, s.dec = s.attrs[:0], s.dec[:0]
	for {
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i == len(b) {
			return errMore
		}
		if b[i] == '>' || b[i] == '/' {
			end := i + 1
			if b[i] == '/' {
				if i+1 == len(b) {
					return errMore
				}
				if b[i+1] != '>' {
					return errors.New("XML: '/' in a tag not before '>'")
				}
				end++
			}
			s.kind, s.name, s.self = tokStart, local(name), b[i] == '/'
			s.pos += end
			for k, a := range s.attrs { // dec is complete: it moves no more
				s.attrs[k].value = s.dec[a.from:a.to]
			}
			return nil
		}
		j := i
		for j < len(b) && !isSpace(b[j]) && b[j] != '=' && b[j] != '>' && b[j] != '/' {
			j++
		}
		an := b[i:j]
		for j < len(b) && isSpace(b[j]) {
			j++
		}
		if j == len(b) {
			return errMore
		}
		if b[j] != '=' || len(an) == 0 {
			return fmt.Errorf("XML: attribute %q without a value", an)
		}
		for j++; j < len(b) && isSpace(b[j]); j++ {
		}
		if j == len(b) {
			return errMore
		}
		q := b[j]
		if q != '"' && q != '\'' {
			return fmt.Errorf("XML: attribute %q's value not quoted", an)
		}
		k := bytes.IndexByte(b[j+1:], q)
		if k < 0 {
			return errMore
		}
		v := b[j+1 : j+1+k]
		if bytes.IndexByte(v, '<') >= 0 {
			return errors.New("XML: '<' in an attribute's value")
		}
		at := len(s.dec)
		if _, err := s.decodeInto(v, true); err != nil {
			return err
		}
		s.attrs = append(s.attrs, xmlAttr{name: local(an), from: at, to: len(s.dec)})
		i = j + 1 + k + 1
	}
}

// attr is the value of the attribute named local (in any name space).
func (s *xmlScanner) attr(name string) ([]byte, bool) {
	for _, a := range s.attrs {
		if string(a.name) == name {
			return a.value, true
		}
	}
	return nil, false
}

// value is the value of the attribute named local, "" when it has none.
func (s *xmlScanner) value(name string) string {
	v, _ := s.attr(name)
	return string(v)
}

// decode returns text with its entities decoded and its line ends made
// \n: b itself when there is nothing to decode.
func (s *xmlScanner) decode(b []byte, cdata bool) ([]byte, error) {
	if bytes.IndexByte(b, '\r') < 0 && (cdata || bytes.IndexByte(b, '&') < 0) {
		if !fastutf8.Valid(b) {
			return nil, errors.New("XML: invalid UTF-8")
		}
		return b, nil
	}
	s.dec = s.dec[:0]
	return s.decodeInto(b, !cdata)
}

// decodeInto appends b to dec, decoded, and returns what it appended.
func (s *xmlScanner) decodeInto(b []byte, entities bool) ([]byte, error) {
	at := len(s.dec)
	if !fastutf8.Valid(b) {
		return nil, errors.New("XML: invalid UTF-8")
	}
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '\r':
			s.dec = append(s.dec, '\n')
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
		case c == '&' && entities:
			j := bytes.IndexByte(b[i:], ';')
			if j < 0 {
				return nil, errors.New("XML: '&' without ';'")
			}
			r, ok := entity(b[i+1 : i+j])
			if !ok {
				return nil, fmt.Errorf("XML: invalid character entity %q", b[i:i+j+1])
			}
			s.dec = utf8.AppendRune(s.dec, r)
			i += j
		default:
			s.dec = append(s.dec, c)
		}
	}
	return s.dec[at:], nil
}

// entity is the character an entity or a character reference stands for.
func entity(name []byte) (rune, bool) {
	switch string(name) {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "apos":
		return '\'', true
	case "quot":
		return '"', true
	}
	if len(name) < 2 || name[0] != '#' {
		return 0, false
	}
	base, digits := 10, name[1:]
	if digits[0] == 'x' {
		base, digits = 16, digits[1:]
	}
	if len(digits) == 0 || digits[0] == '+' || digits[0] == '-' {
		return 0, false
	}
	n, err := strconv.ParseUint(string(digits), base, 32)
	if err != nil || !IsXMLChar(rune(n)) {
		return 0, false
	}
	return rune(n), true
}

// IsXMLChar reports whether XML 1.0 allows r (the open data's workbook
// writes U+FFFD for any other).
func IsXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// local is a name's local part: what follows its one colon, when it has
// exactly one with something on either side (as encoding/xml splits).
func local(name []byte) []byte {
	i := bytes.IndexByte(name, ':')
	if i > 0 && i < len(name)-1 && bytes.IndexByte(name[i+1:], ':') < 0 {
		return name[i+1:]
	}
	return name
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
