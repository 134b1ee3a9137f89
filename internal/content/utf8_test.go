package content

import (
	"strings"
	"testing"
	"unicode/utf8"

	fastutf8 "github.com/segmentio/asm/utf8"

	"github.com/qingdan/qingdan/internal/diag"
)

// FuzzValidUTF8: the validation Parse (and the sheet readers) use, which
// takes 32 bytes a step where the processor can, agrees with
// unicode/utf8 on every input: overlong forms, surrogates, runes past
// U+10FFFF, sequences cut short, at every place in a long text.
func FuzzValidUTF8(f *testing.F) {
	long := strings.Repeat("党支部把微心愿认领列入清单，", 8)
	for _, bad := range []string{"", "\xc0\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe4\xb8", "\x80", "\xff", "\xf0\x9f\x98\x80"} {
		f.Add([]byte(bad))
		f.Add([]byte(long + bad))
		f.Add([]byte(long[:31] + bad + long))
		f.Add([]byte(strings.Repeat("a", 33) + bad))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := fastutf8.Valid(b), utf8.Valid(b); got != want {
			t.Fatalf("Valid(%q) = %v, unicode/utf8 says %v", b, got, want)
		}
	})
}

// TestParseEncoding: a document whose text goes bad far into it, past the
// bytes the validation looks at in one step, is refused.
func TestParseEncoding(t *testing.T) {
	body := strings.Repeat("支部把微心愿认领列入项目清单。\n", 20)
	for _, bad := range []string{"\xe4\xb8", "\xed\xa0\x80", "\xc0\x80", "\xff"} {
		for _, at := range []int{0, 31, 32, 33, len(body)} {
			doc := "---\ntitle: 标题\ndate: 2022-06-01\n---\n" + body[:at] + bad + body[at:]
			var l diag.List
			d := NewParser(t.TempDir(), Options{}).Parse(Case, "content/cases/x.md", []byte(doc), &l)
			if got := keys(&l); d != nil || got != "doc.encoding" {
				t.Errorf("bad bytes %q at %d: doc %v, problems %q", bad, at, d != nil, got)
			}
		}
	}
	var l diag.List
	if d := NewParser(t.TempDir(), Options{}).Parse(Case, "content/cases/x.md", []byte("---\ntitle: 标题\ndate: 2022-06-01\n---\n"+body), &l); d == nil {
		t.Errorf("a good document was refused: %s", keys(&l))
	}
}

// keys is the message keys of l's problems, in order, joined by spaces.
func keys(l *diag.List) string {
	var ks []string
	for _, d := range l.Sorted() {
		ks = append(ks, d.Msg.Key)
	}
	return strings.Join(ks, " ")
}
