package search

import (
	"bytes"
	"slices"
	"strings"

	"golang.org/x/net/html"

	"github.com/qingdan/qingdan/internal/content"
	"github.com/qingdan/qingdan/internal/value"
)

// captions is the text of a document's pictures that its plain text does
// not hold already, one a line: the captions of its figures (a picture's
// title in Markdown, a <figcaption> in its HTML), the title attributes and
// alt text of its pictures (the plain text leaves alt text out, so that it
// does not run into the sentences around it). Readers search for what a photo shows:
// 采茶 finds the article whose picture is captioned 村民在来龙茶山采茶.
func captions(d *content.Doc) string {
	b := d.Body.HTML
	var out []string
	add := func(s string) {
		s = strings.Join(strings.Fields(s), " ")
		// A figure's caption is most often its picture's title too: the
		// list is looked through before the text.
		if s != "" && !slices.Contains(out, s) && !value.Contains(d.Text, s) {
			out = append(out, s)
		}
	}
	// Only the tags that matter are read: a body is mostly text.
	for i := 0; i < len(b); {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			break
		}
		i += j
		rest := b[i:]
		switch {
		case hasTag(rest, "img"):
			if attrs, ok := plainAttrs(rest[len("<img"):], "title", "alt"); ok {
				for _, a := range attrs {
					add(a[1])
				}
				break
			}
			z := html.NewTokenizer(bytes.NewReader(rest))
			z.Next()
			for _, a := range z.Token().Attr {
				if a.Key == "title" || a.Key == "alt" {
					add(a.Val)
				}
			}
		case hasTag(rest, "figcaption"):
			if text, ok := plainCaption(rest); ok {
				add(text)
				break
			}
			z := html.NewTokenizer(bytes.NewReader(rest))
			z.Next()
			var text strings.Builder
			for depth := 1; depth > 0; {
				switch z.Next() {
				case html.ErrorToken:
					depth = 0
				case html.TextToken:
					text.Write(z.Text())
				case html.StartTagToken:
					if name, _ := z.TagName(); string(name) == "figcaption" {
						depth++
					}
				case html.EndTagToken:
					if name, _ := z.TagName(); string(name) == "figcaption" {
						depth--
					}
				}
			}
			add(text.String())
		}
		i++
	}
	return strings.Join(out, "\n")
}

// hasTag reports whether b starts with the start tag name (any case).
func hasTag(b []byte, name string) bool {
	// name is in lower case: most tags (<p>, <li>) fail at their first letter.
	if len(b) < len(name)+2 || b[1]|0x20 != name[0] || !bytes.EqualFold(b[1:1+len(name)], []byte(name)) {
		return false
	}
	switch b[1+len(name)] {
	case ' ', '\t', '\n', '\r', '\f', '/', '>':
		return true
	}
	return false
}

// Most tags are as goldmark writes them, and are read without a tokenizer
// (each costs a 4 KB buffer): plainAttrs reads the attributes of a start
// tag whose name b follows, when every one is a plain name, alone or with
// a double-quoted value that holds no character reference (&), no NUL and
// no line break; keys in lower case and each once (the first), as the
// tokenizer gives them; given keys (in lower case), only those. ok is false
// for anything else, which the tokenizer then reads.
func plainAttrs(b []byte, only ...string) (attrs [][2]string, ok bool) {
	put := func(name, val []byte) {
		var key string
		if only == nil {
			key = strings.ToLower(string(name))
		} else if i := slices.IndexFunc(only, func(k string) bool { return bytes.EqualFold(name, []byte(k)) }); i >= 0 {
			key = only[i] // a name is ASCII (isNameByte): folded as the tokenizer lowers it
		} else {
			return // its value is not made a string: most are a picture's src, width, height
		}
		for _, a := range attrs {
			if a[0] == key {
				return
			}
		}
		attrs = append(attrs, [2]string{key, string(val)})
	}
	i := 0
	for {
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		switch {
		case i == len(b):
			return nil, false
		case b[i] == '>':
			return attrs, true
		case b[i] == '/' && i+1 < len(b) && b[i+1] == '>':
			return attrs, true
		}
		start := i
		for i < len(b) && isNameByte(b[i]) {
			i++
		}
		if i == start || i == len(b) {
			return nil, false
		}
		name := b[start:i]
		switch {
		case isSpace(b[i]) || b[i] == '>' || b[i] == '/':
			if b[i] == '/' && (i+1 == len(b) || b[i+1] != '>') {
				return nil, false
			}
			put(name, nil)
		case b[i] == '=' && i+1 < len(b) && b[i+1] == '"':
			end := bytes.IndexByte(b[i+2:], '"')
			if end < 0 {
				return nil, false
			}
			val := b[i+2 : i+2+end]
			if bytes.ContainsAny(val, "&\x00\r\n") {
				return nil, false
			}
			put(name, val)
			i += 2 + end + 1
			if i < len(b) && !isSpace(b[i]) && b[i] != '>' && b[i] != '/' {
				return nil, false
			}
		default:
			return nil, false
		}
	}
}

// plainCaption is the text of a <figcaption> as goldmark writes it: the
// tag with no attributes, text without tags, character references, NUL or
// carriage returns, and its end tag.
func plainCaption(b []byte) (string, bool) {
	const open, end = "<figcaption>", "</figcaption>"
	if !bytes.HasPrefix(b, []byte(open)) {
		return "", false
	}
	b = b[len(open):]
	n := bytes.IndexByte(b, '<')
	if n < 0 || !bytes.HasPrefix(b[n:], []byte(end)) || bytes.ContainsAny(b[:n], "&\x00\r") {
		return "", false
	}
	return string(b[:n]), true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// isNameByte is a byte of an attribute name this quick path accepts.
func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == ':'
}
