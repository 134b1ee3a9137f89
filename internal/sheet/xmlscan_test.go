package sheet

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// scanAll lists the tokens xmlScanner reads from doc, its buffer starting
// at size bytes, or the error it stops at; adjacent text is joined.
func scanAll(doc []byte, size int, oneByte bool) ([]string, error) {
	var r io.Reader = bytes.NewReader(doc)
	if oneByte {
		r = iotest.OneByteReader(r)
	}
	x, err := newXMLScannerSize(r, size)
	if err != nil {
		return nil, err
	}
	var out []string
	for n := 0; ; n++ {
		if n > 10*len(doc)+10 {
			return out, fmt.Errorf("no end after %d tokens", n)
		}
		err := x.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		switch x.kind {
		case tokStart:
			s := "<" + string(x.name)
			for _, a := range x.attrs {
				s += fmt.Sprintf(" %s=%q", a.name, a.value)
			}
			out = append(out, s+">")
		case tokEnd:
			out = append(out, "</"+string(x.name)+">")
		case tokText:
			out = appendText(out, string(x.text))
		}
	}
}

// appendText adds text to the tokens, joined to text just before.
func appendText(out []string, text string) []string {
	if n := len(out); n > 0 && strings.HasPrefix(out[n-1], "text ") {
		out[n-1] += text
		return out
	}
	return append(out, "text "+text)
}

// stdTokens lists the tokens encoding/xml reads, as scanAll does, and
// whether it reads doc as well-formed (with elements closed in order).
func stdTokens(doc []byte) ([]string, bool) {
	strict := xml.NewDecoder(bytes.NewReader(doc))
	for {
		tok, err := strict.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, false
		}
		if _, ok := tok.(xml.Directive); ok {
			return nil, false // refused on purpose
		}
	}
	d := xml.NewDecoder(bytes.NewReader(doc))
	var out []string
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return out, true
		}
		if err != nil {
			return nil, false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			s := "<" + t.Name.Local
			for _, a := range t.Attr {
				s += fmt.Sprintf(" %s=%q", a.Name.Local, a.Value)
			}
			out = append(out, s+">")
		case xml.EndElement:
			out = append(out, "</"+t.Name.Local+">")
		case xml.CharData:
			out = appendText(out, string(t))
		}
	}
}

func TestXMLScanner(t *testing.T) {
	for _, tt := range []struct{ doc, want string }{
		{`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n<a/>", "text \n|<a>|</a>"},
		{"\ufeff<a x='1' y = \"2\">t</a>", `<a x="1" y="2">|text t|</a>`},
		{`<x:row r="2"><x:c t="s"/></x:row >`, `<row r="2">|<c t="s">|</c>|</row>`},
		{`<a:b:c/><:d/>`, `<a:b:c>|</a:b:c>|<:d>|</:d>`},
		{"<v>a&lt;b&amp;c&#x4e2d;&#25991;&quot;&apos;&gt;</v>", `<v>|text a<b&c中文"'>|</v>`},
		{"<v>1\r\n2\r3\n</v>", "<v>|text 1\n2\n3\n|</v>"},
		{"<v a='x&#10;y'/>", "<v a=\"x\\ny\">|</v>"},
		{"<v><![CDATA[<&amp;>]]>x<!-- <c> -->y<?pi <c>?></v>", "<v>|text <&amp;>xy|</v>"},
		{"<a>\n  <b>1</b>\n</a>", "<a>|text \n  |<b>|text 1|</b>|text \n|</a>"},
		{"<a b='>'>", `<a b=">">`},
		// Refused.
		{"<!DOCTYPE a><a/>", "error"},
		{"<a b=c/>", "error"},
		{"<a b/>", "error"},
		{"<a b='<'/>", "error"},
		{"<v>&nbsp;</v>", "<v>|error"},
		{"<v>&#0;</v>", "<v>|error"},
		{"<v>& </v>", "<v>|error"},
		{"<v>\xff</v>", "<v>|error"},
		{"< a/>", "error"},
		{"<a/ >", "error"},
		{"</>", "error"},
		{"<a><!-- never closed", "<a>|error"},
		{"<a x='1", "error"},
	} {
		for _, size := range []int{1, 3, 64 << 10} {
			for _, one := range []bool{false, true} {
				toks, err := scanAll([]byte(tt.doc), size, one)
				if err != nil {
					toks = append(toks, "error")
				}
				if got := strings.Join(toks, "|"); got != tt.want {
					t.Errorf("%q (buffer %d, one byte %v):\ngot  %s\nwant %s", tt.doc, size, one, got, tt.want)
				}
			}
		}
	}
}

// Tokens longer than the buffer are read as it grows, up to the longest a
// scanner takes; comments one after another are passed over.
func TestXMLScannerLong(t *testing.T) {
	long := strings.Repeat("长文本", 100_000)
	doc := "<a><!--" + strings.Repeat("-", 300_000) + "-->" + strings.Repeat("<!---->", 100_000) + "<v>" + long + "</v></a>"
	toks, err := scanAll([]byte(doc), 1024, false)
	if got := strings.Join(toks, "|"); err != nil || got != "<a>|<v>|text "+long+"|</v>|</a>" {
		t.Errorf("got %d bytes, %v", len(got), err)
	}
	x, err := newXMLScannerSize(strings.NewReader(doc), 1024)
	if err != nil {
		t.Fatal(err)
	}
	x.max = 4096
	if err := x.next(); err != nil || x.kind != tokStart {
		t.Fatalf("first token: %v", err)
	}
	if err := x.next(); err == nil || !strings.Contains(err.Error(), "more than 4096 bytes") {
		t.Errorf("a comment over the longest token: %v", err)
	}
}

// A declaration naming another encoding is read in that encoding.
func TestXMLScannerEncoding(t *testing.T) {
	doc, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(`<?xml version="1.0" encoding="GBK"?><t>名称</t>`))
	if err != nil {
		t.Fatal(err)
	}
	toks, err := scanAll(doc, 64<<10, false)
	if got := strings.Join(toks, "|"); err != nil || got != "<t>|text 名称|</t>" {
		t.Errorf("got %s, %v", got, err)
	}
}

// FuzzXMLScanner holds xmlScanner to encoding/xml's RawToken on every
// document encoding/xml reads as well-formed, whatever the size of the
// buffer and of the reads; on any other, it must stop.
func FuzzXMLScanner(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0"?><worksheet xmlns:x="u"><x:sheetData><row r="1"><c r="A1" s="2" t="s"><v>3</v></c></row></x:sheetData></worksheet>`), uint16(5))
	f.Add([]byte("<a b='&lt;&#x20;'>\r\n<![CDATA[x]]]]><!--c--><b/>&amp;</a>"), uint16(1))
	f.Add([]byte(`<si><r><t xml:space="preserve">a </t></r><rPh><t>b</t></rPh></si>`), uint16(300))
	f.Fuzz(func(t *testing.T, doc []byte, size uint16) {
		want, ok := stdTokens(doc)
		got, err := scanAll(doc, int(size), size%2 == 1)
		if !ok {
			return
		}
		if err != nil {
			t.Fatalf("%q: %v after %q", doc, err, got)
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Fatalf("%q:\ngot  %q\nwant %q", doc, got, want)
		}
	})
}
