package search

import (
	"slices"
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/value"
)

func TestTerms(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string // the terms, space-separated
	}{
		{"", ""},
		{"茶", "茶"},
		{"东勐茶园", "东 东勐 勐 勐茶 茶 茶园 园"},
		// Punctuation, full-width or not, ends a run.
		{"党建+产业，茶园。", "党 党建 建 产 产业 业 茶 茶园 园"},
		{"“红色物业”", "红 红色 色 色物 物 物业 业"},
		// Mixed scripts: a word, then CJK; digits are words.
		{"WeChat公众号2022年", "wechat 公 公众 众 众号 号 2022 年"},
		{"建有1239套住房", "建 建有 有 1239 套 套住 住 住房 房"},
		{"5G基站", "5g 基 基站 站"},
		// Full-width letters and digits are ASCII; the ideographic space separates.
		{"１２３９ＡＢＣ", "1239abc"},
		{"Ｉ　ＬＯＶＥ党建", "i love 党 党建 建"},
		// Thousands separators: a comma between a digit and exactly three digits.
		{"1,239套", "1239 套"},
		{"1，239", "1239"},
		{"12,345,678", "12345678"},
		{"1,2345", "1 2345"},
		{"a,123", "a 123"},
		{",123", "123"},
		{"1.429万元", "1 429 万 万元 元"},
		// Letters of other alphabets, lower-cased.
		{"Straße ÉCOLE МОСКВА Αθήνα", "straße école москва αθήνα"},
		{"İstanbul", "İstanbul"}, // JavaScript lowers İ to two units: kept as it is
		// Separators that are not ASCII.
		{"a\u2028b\u00a0c×d", "a b c d"},
		// Characters beyond the BMP.
		{"𠀀𠀁", "𠀀 𠀀𠀁 𠀁"},
		{"二〇二二年", "二 二〇 〇 〇二 二 二二 二 二年 年"},
		{"カタカナ 한국", "カ カタ タ タカ カ カナ ナ 한 한국 국"},
	} {
		if got := strings.Join(Terms(c.in), " "); got != c.want {
			t.Errorf("Terms(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestFolded(t *testing.T) {
	for in, want := range map[string]string{
		"ＡＢＣ，１２３！": "abc,123!",
		"茶园　Tea":   "茶园 tea",
		"ÀÉÎ":      "àéî",
		"𠀀A":       "𠀀a",
	} {
		if got := Folded(in); got != want {
			t.Errorf("Folded(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseQuery(t *testing.T) {
	type phrase struct {
		text   string
		quoted bool
	}
	for _, c := range []struct {
		in      string
		terms   string
		phrases []phrase
	}{
		{"", "", nil},
		{"，。！ ", "", nil},
		{"茶", "茶", []phrase{{"茶", false}}},
		{"茶园", "茶园", []phrase{{"茶园", false}}},
		{"东勐茶园", "东勐 勐茶 茶园", []phrase{{"东勐茶园", false}}},
		{"东勐 茶园", "东勐 茶园", []phrase{{"东勐", false}, {"茶园", false}}},
		{"茶 园", "茶 园", []phrase{{"茶", false}, {"园", false}}},
		{"茶园 茶园", "茶园", []phrase{{"茶园", false}, {"茶园", false}}},
		{`"东勐茶园" 岩那`, "东勐 勐茶 茶园 岩那", []phrase{{"东勐茶园", true}, {"岩那", false}}},
		{"“红色物业”", "红色 色物 物业", []phrase{{"红色物业", true}}},
		{"「党建」引领", "党建 引领", []phrase{{"党建", true}, {"引领", false}}},
		{`"茶 园`, "茶 园", []phrase{{"茶 园", true}}}, // an unclosed quote runs to the end
		{"1,239", "1239", []phrase{{"1,239", false}}},
		{"ＷｅＣｈａｔ公众号", "wechat 公众 众号", []phrase{{"wechat公众号", false}}},
		{"（茶园）", "茶园", []phrase{{"茶园", false}}},
	} {
		q := ParseQuery(c.in)
		if got := strings.Join(q.Terms, " "); got != c.terms {
			t.Errorf("ParseQuery(%q).Terms = %q, want %q", c.in, got, c.terms)
		}
		var got []phrase
		for _, p := range q.Phrases {
			got = append(got, phrase{p.Text, p.Quoted})
			for _, term := range p.Terms {
				if !slices.Contains(q.Terms, term) {
					t.Errorf("ParseQuery(%q): phrase %q has %q, not among the terms", c.in, p.Text, term)
				}
			}
		}
		if !slices.Equal(got, c.phrases) {
			t.Errorf("ParseQuery(%q).Phrases = %v, want %v", c.in, got, c.phrases)
		}
	}
	long := ParseQuery("县委把基层党建从口号变成可操作的项目：组织部梳理责任清单、编制差异化任务菜单")
	if len(long.Terms) != maxTerms {
		t.Errorf("a long query looks up %d terms, want %d", len(long.Terms), maxTerms)
	}
}

// FuzzWideAt holds wideAt to value.DecodeRune: where it decodes a
// character, the same character in three bytes.
func FuzzWideAt(f *testing.F) {
	for _, s := range []string{"党建", "\u4000\u9fff\ua000\u3fff", "\xe4\xb8", "\xe9\xbf\xbfx", "\xe4\x80\x80", "\xe4\xc0\x80", "a中", "\xed\xa0\x80"} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, s string, i int) {
		if len(s) == 0 {
			return
		}
		i = (i%len(s) + len(s)) % len(s)
		r, ok := wideAt(s, i)
		want, size := value.DecodeRune(s, i)
		if ok && (r != want || size != 3 || r < 0x4000 || r > 0x9FFF) {
			t.Fatalf("wideAt(%q, %d) = %U, DecodeRune %U in %d bytes", s, i, r, want, size)
		}
		if !ok && size == 3 && want >= 0x4000 && want <= 0x9FFF {
			t.Fatalf("wideAt(%q, %d) passes over %U", s, i, want)
		}
	})
}
