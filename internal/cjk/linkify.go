package cjk

import (
	"bytes"
	"regexp"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Character classes of an autolinked URL. They are ASCII only, so a URL ends
// at the first Chinese character or full-width punctuation mark. They accept
// what goldmark's linkify accepts, so a URL links the same whether or not a
// space separates it from the text before it.
const (
	hostChars   = `\-0-9A-Za-z@:%._+~#=`
	wwwPathChar = `\-0-9A-Za-z@:%_+.~#!?&/=();,'">^{}\[\]` + "`"
	urlPathChar = wwwPathChar + `$`
)

var (
	// scheme://host.tld[:port][path, query or fragment]
	defaultURLRegexp = regexp.MustCompile(
		`^(?:https?|ftp)://[` + hostChars + `]{1,256}\.[a-z]+(?::[0-9]+)?(?:[/#?][` + urlPathChar + `]*)?`)
	// www.host.tld[path, query or fragment]
	defaultWWWRegexp = regexp.MustCompile(
		`^www\.[` + hostChars + `]{1,256}\.[a-z]+(?:[/#?][` + wwwPathChar + `]*)?`)
	defaultProtocols = [][]byte{[]byte("http:"), []byte("https:"), []byte("ftp:")}
)

// Names of goldmark's linkify parser options (extension.WithLinkifyURLRegexp
// and friends, when given as parser options). The glued-URL parser honours
// them so that both kinds of autolink follow one configuration.
const (
	optAllowedProtocols parser.OptionName = "LinkifyAllowedProtocols"
	optURLRegexp        parser.OptionName = "LinkifyURLRegexp"
	optWWWRegexp        parser.OptionName = "LinkifyWWWRegexp"
)

// linkifyParser links a URL that directly follows a CJK character.
//
// GFM's linkify runs only at the start of a line, after whitespace and after
// * _ ~ (. Inline parsers in goldmark are triggered by ASCII punctuation,
// whitespace and line starts only, so nothing runs at the h of
// 详见https://…. This parser triggers on the first punctuation of a URL
// instead: the ':' after the scheme or the '.' after "www". At that point the
// scheme ("https") or "www" is already the tail of the preceding text node;
// if the character before it is a CJK character, the parser takes it back
// from the text node and returns an autolink for the whole URL.
type linkifyParser struct {
	protocols [][]byte
	urlRegexp *regexp.Regexp
	wwwRegexp *regexp.Regexp
}

func newLinkifyParser() *linkifyParser {
	return &linkifyParser{protocols: defaultProtocols, urlRegexp: defaultURLRegexp, wwwRegexp: defaultWWWRegexp}
}

// SetOption implements parser.SetOptioner.
func (p *linkifyParser) SetOption(name parser.OptionName, value any) {
	switch name {
	case optAllowedProtocols:
		if v, ok := value.([][]byte); ok && v != nil {
			p.protocols = v
		}
	case optURLRegexp:
		if v, ok := value.(*regexp.Regexp); ok && v != nil {
			p.urlRegexp = v
		}
	case optWWWRegexp:
		if v, ok := value.(*regexp.Regexp); ok && v != nil {
			p.wwwRegexp = v
		}
	}
}

func (p *linkifyParser) Trigger() []byte { return []byte{':', '.'} }

func (p *linkifyParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if pc.IsInLinkLabel() {
		return nil
	}
	prev, ok := parent.LastChild().(*ast.Text)
	if !ok || prev.IsRaw() || prev.Segment.Padding != 0 {
		return nil
	}
	line, seg := block.PeekLine()
	if len(line) == 0 || seg.Padding != 0 || prev.Segment.Stop != seg.Start {
		return nil
	}
	source := block.Source()
	head := source[prev.Segment.Start:prev.Segment.Stop]

	var re *regexp.Regexp
	var protocol []byte
	start := -1 // where the URL begins in source
	switch line[0] {
	case ':':
		for _, proto := range p.protocols {
			name, found := bytes.CutSuffix(proto, []byte(":"))
			if !found || len(name) == 0 || !bytes.HasSuffix(head, name) {
				continue
			}
			if cjkBefore(head[:len(head)-len(name)]) {
				start = prev.Segment.Stop - len(name)
				re = p.urlRegexp
				break
			}
		}
	case '.':
		if bytes.HasSuffix(head, []byte("www")) && cjkBefore(head[:len(head)-3]) {
			start = prev.Segment.Stop - 3
			re = p.wwwRegexp
			protocol = []byte("http")
		}
	}
	if start < 0 {
		return nil
	}
	candidate := source[start:seg.Stop]
	m := re.FindIndex(candidate)
	if m == nil || m[0] != 0 {
		return nil
	}
	end := urlEnd(candidate[:asciiPrefix(candidate[:m[1]])])
	taken := prev.Segment.Stop - start // scheme or "www", already in the text node
	if end <= taken {
		return nil
	}
	block.Advance(end - taken)
	prev.Segment = prev.Segment.WithStop(start)
	link := ast.NewAutoLink(ast.AutoLinkURL, ast.NewTextSegment(text.NewSegment(start, start+end)))
	link.Protocol = protocol
	link.SetPos(start)
	return link
}

// cjkBefore reports whether b ends with a CJK character.
func cjkBefore(b []byte) bool {
	r, size := utf8.DecodeLastRune(b)
	return size > 0 && r != utf8.RuneError && IsCJK(r)
}

// asciiPrefix returns the length of the ASCII prefix of b.
func asciiPrefix(b []byte) int {
	for i, c := range b {
		if c >= utf8.RuneSelf {
			return i
		}
	}
	return len(b)
}

// urlEnd returns where the URL u ends once trailing punctuation that more
// likely belongs to the sentence is dropped, following GFM's extended
// autolink rules: ? ! . , : * _ ~ are dropped; a ) is dropped while the URL
// has more ) than (; a ; is dropped together with an entity-like &name before
// it.
func urlEnd(u []byte) int {
	opening := bytes.Count(u, []byte("("))
	closing := bytes.Count(u, []byte(")"))
	end := len(u)
	for end > 1 {
		switch u[end-1] {
		case '?', '!', '.', ',', ':', '*', '_', '~':
			end--
		case ')':
			if closing <= opening {
				return end
			}
			closing--
			end--
		case ';':
			j := end - 2
			for j > 0 && isAlnum(u[j]) {
				j--
			}
			if j == end-2 || u[j] != '&' {
				return end
			}
			end = j
		default:
			return end
		}
	}
	return end
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
