package search

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// FuzzQuery: the tokenizer and the query parser never panic, and what they
// give is made of the folded input: every CJK term is a run of it, every
// word a run of its letters and digits (less thousands separators); a
// query looks up at most maxTerms terms, and each phrase is a part of the
// folded query with terms among the query's.
func FuzzQuery(f *testing.F) {
	for _, s := range []string{
		"东勐茶园", "茶", `"东勐 茶园" 岩那`, "“红色物业”", "1,239套", "１２３９ＡＢＣ", "WeChat公众号", "「党建」",
		"\"", "\"\"\"", "a,", "1,23", "𠀀𠀁", "\xff\xfe茶", "İ", "Ｉ　ＬＯＶＥ", "党建+产业，茶园。", strings.Repeat("党建引领", 20),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		folded := Folded(s)
		if Folded(folded) != folded {
			t.Fatalf("Folded is not idempotent on %q", s)
		}
		if utf8.RuneCountInString(folded) != utf8.RuneCountInString(strings.ToValidUTF8(s, "\uFFFD")) && utf8.ValidString(s) {
			t.Fatalf("Folded(%q) = %q changes the number of characters", s, folded)
		}
		plain := strings.ReplaceAll(folded, ",", "")
		valid := func(term string) {
			t.Helper()
			rs := []rune(term)
			switch {
			case len(rs) == 0:
				t.Fatalf("%q: an empty term", s)
			case isCJK(rs[0]):
				if len(rs) > 2 || !isCJK(rs[len(rs)-1]) || !strings.Contains(folded, term) {
					t.Fatalf("%q: CJK term %q is not a run of %q", s, term, folded)
				}
			default:
				for _, r := range rs {
					if !isWord(r) || fold(r) != r {
						t.Fatalf("%q: word %q holds %q", s, term, r)
					}
				}
				if !strings.Contains(plain, term) {
					t.Fatalf("%q: word %q is not in %q", s, term, plain)
				}
			}
		}
		terms := Terms(s)
		for _, term := range terms {
			valid(term)
		}
		if again := Terms(folded); strings.Join(again, " ") != strings.Join(terms, " ") {
			t.Fatalf("%q: the terms of the folded text differ: %q, %q", s, again, terms)
		}
		q := ParseQuery(s)
		if len(q.Terms) > maxTerms {
			t.Fatalf("%q: %d terms", s, len(q.Terms))
		}
		seen := map[string]bool{}
		for _, term := range q.Terms {
			valid(term)
			if seen[term] {
				t.Fatalf("%q: %q twice", s, term)
			}
			seen[term] = true
		}
		for _, p := range q.Phrases {
			if p.Text == "" || !strings.Contains(folded, p.Text) || len(p.Terms) == 0 {
				t.Fatalf("%q: phrase %+v", s, p)
			}
			for _, term := range p.Terms {
				if !seen[term] {
					t.Fatalf("%q: phrase %q has %q, not among the terms", s, p.Text, term)
				}
			}
		}
	})
}

// FuzzCaptionTags: the quick readers of a picture's attributes and of a
// caption give exactly what the HTML tokenizer gives, whenever they take a
// tag at all.
func FuzzCaptionTags(f *testing.F) {
	for _, s := range []string{
		`<img src="a.png" alt="茶园风光" title="东勐茶园远眺">`, `<img alt="x"/>`, `<img alt = "x">`, `<img alt="a"title="b">`,
		`<IMG ALT="大写">`, `<img alt='单引号'>`, `<img alt=无引号>`, `<img alt="a &amp; b">`, `<img hidden alt="x">`,
		`<img alt="x" / >`, `<img alt="a>b">`, `<img alt="x`, `<figcaption>图注</figcaption>`, `<figcaption>a &lt; b</figcaption>`,
		`<figcaption class="c">x</figcaption>`, `<figcaption>没有结尾`, `<figcaption>a<b>b</b></figcaption>`, "<img alt=\"a\x00b\">",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := []byte(s)
		if !strings.HasPrefix(s, "<") {
			return // captions looks at tags only
		}
		if hasTag(b, "img") {
			got, ok := plainAttrs(b[len("<img"):])
			// Given keys, the same attributes less the others.
			some, ok2 := plainAttrs(b[len("<img"):], "title", "alt")
			if want := slices.DeleteFunc(slices.Clone(got), func(a [2]string) bool { return a[0] != "title" && a[0] != "alt" }); ok2 != ok || !slices.Equal(some, want) {
				t.Fatalf("%q: title and alt %q, %v; of all, %q, %v", s, some, ok2, want, ok)
			}
			if ok {
				z := html.NewTokenizer(bytes.NewReader(b))
				z.Next()
				var want [][2]string
				for _, a := range z.Token().Attr {
					want = append(want, [2]string{a.Key, a.Val})
				}
				if !slices.Equal(got, want) {
					t.Fatalf("%q: quick attributes %q, the tokenizer's %q", s, got, want)
				}
			}
		}
		if text, ok := plainCaption(b); ok {
			z := html.NewTokenizer(bytes.NewReader(b))
			z.Next()
			var want strings.Builder
			for z.Next() == html.TextToken {
				want.Write(z.Text())
			}
			if text != want.String() {
				t.Fatalf("%q: quick caption %q, the tokenizer's %q", s, text, want.String())
			}
		}
	})
}
