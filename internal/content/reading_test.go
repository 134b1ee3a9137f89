package content

import (
	"strings"
	"testing"
	"unicode"

	"github.com/qingdan/qingdan/internal/value"
)

// excerptBefore is Excerpt as it was: the paragraph made into characters
// and back, whatever its length.
func excerptBefore(text string, max int) string { return excerptRunes(firstParagraph(text), max) }

func TestExcerpt(t *testing.T) {
	long := strings.Repeat("支部", 70) // 140 characters, no sentence end
	for _, tt := range []struct {
		text string
		max  int
		want string
	}{
		{"", 10, ""},
		{"  短句。  \n第二段", 10, "短句。"},
		{"一二三四五", 5, "一二三四五"},
		{"一二三四五六", 5, "一二三四五…"},
		{"一二。三四五六七八", 6, "一二。"},
		{"一。二三四五六七八九", 6, "一。二三四五…"}, // a sentence end before max/3 is not cut at
		{"abc. def ghi", 8, "abc."},
		{long, 120, strings.Repeat("支部", 60) + "…"},
		{"第一句。" + long, 120, "第一句。" + strings.Repeat("支部", 58) + "…"},
		{long[:150] + "。" + long, 120, long[:150] + "。"},
		{"x", 0, "…"},
		{"a\xffb\xfe", 3, "a\uFFFDb…"},
		{"a\xffb", 3, "a\uFFFDb"},
	} {
		if got := Excerpt(tt.text, tt.max); got != tt.want {
			t.Errorf("Excerpt(%q, %d) = %q, want %q", tt.text, tt.max, got, tt.want)
		}
		if got, was := Excerpt(tt.text, tt.max), excerptBefore(tt.text, tt.max); got != was {
			t.Errorf("Excerpt(%q, %d) = %q, before %q", tt.text, tt.max, got, was)
		}
	}
}

// FuzzExcerpt holds Excerpt to what it wrote before, for any text and
// length.
func FuzzExcerpt(f *testing.F) {
	for _, s := range []string{"", "支部把微心愿认领列入项目清单。目前已有23名党员认领任务！", "a.b!c?d", "一\n二", "\xff\xfe。", " ；；；"} {
		f.Add(s, 5)
	}
	f.Fuzz(func(t *testing.T, text string, max int) {
		max = max & 255
		if got, was := Excerpt(text, max), excerptBefore(text, max); got != was {
			t.Errorf("Excerpt(%q, %d) = %q, before %q", text, max, got, was)
		}
	})
}

// FuzzLetters holds letters (characters less spaces) to lettersRunes, a
// rune at a time, for any text made valid UTF-8 (as a document's is).
func FuzzLetters(f *testing.F) {
	for _, s := range []string{"", "党建 引领\u3000发展", "a\tb\nc\r\v\f d", "\u0085\u00a0\u1680\u2000\u200a\u200b\u2028\u2029\u202f\u205f\u3000\u3001",
		"\xe3\x80", "\xff党\xc2", "\xc2\xa0x", "全角　空格，半角 空格。"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = strings.ToValidUTF8(s, "\uFFFD")
		if got, want := letters(s), lettersRunes(s); got != want {
			t.Errorf("letters(%q) = %d, a rune at a time %d", s, got, want)
		}
	})
}

// lettersRunes is letters a rune at a time (the test's measure).
func lettersRunes(s string) int {
	n := 0
	for i := 0; i < len(s); {
		r, size := value.DecodeRune(s, i)
		i += size
		if r > '\u3000' || !unicode.IsSpace(r) { // no space comes after the ideographic one
			n++
		}
	}
	return n
}
