package jsonstr

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// jsonOf is s as encoding/json writes it, escaping HTML or not.
func jsonOf(t testing.TB, s string, html bool) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(html)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

var cases = []string{
	"", "党建引领", `a "quoted" \ path`, "<b>&amp;</b>", "line\nbreak\ttab\rcr\bbs\fff",
	"\x00\x01\x1f\x7f", "sep\u2028para\u2029end", "bad \xff byte", "cut \xe4\xb8", "\xed\xa0\x80 surrogate",
	"four 𠀀 bytes", "overlong \xc0\xaf", "full-width ＡＢ１", "\u2027\u202a", "a<b>c&d",
	// about Append's way past three-byte characters
	"\u0800\xe0\x80\x80\ud7ff\ufffd\uffff", "\xe1\x80", "end \xef\xbf", "\xe2\x80\xa8\xe2\x81\xa8\xe3\x80\xa8",
}

func TestAppend(t *testing.T) {
	for _, s := range cases {
		for _, html := range []bool{false, true} {
			if got, want := string(Append([]byte("x"), s, html)), "x"+jsonOf(t, s, html); got != want {
				t.Errorf("Append(%q, html %v) = %s, want %s", s, html, got, want)
			}
		}
	}
}

// FuzzAppend holds Append to encoding/json on any text.
func FuzzAppend(f *testing.F) {
	for _, s := range cases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, html := range []bool{false, true} {
			if got, want := string(Append(nil, s, html)), jsonOf(t, s, html); got != want {
				t.Fatalf("Append(%q, html %v) = %s, want %s", s, html, got, want)
			}
		}
	})
}
