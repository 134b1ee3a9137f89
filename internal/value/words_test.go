package value

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestRuneCount: the count of utf8.RuneCountInString for valid UTF-8 of
// any length, characters of one to four bytes at every place of a word.
func TestRuneCount(t *testing.T) {
	chars := []string{"a", " ", "é", "党", "建", "𠀀", "\u00a0", "\x7f"}
	for _, a := range chars {
		for _, b := range chars {
			for n := range 20 {
				s := strings.Repeat(a, n%7) + b + strings.Repeat(a+b, n/3)
				if got, want := RuneCount(s), utf8.RuneCountInString(s); got != want {
					t.Fatalf("RuneCount(%q) = %d, want %d", s, got, want)
				}
			}
		}
	}
	if RuneCount("") != 0 || RuneCount("清单化管理，2018年") != 11 {
		t.Error("RuneCount of the empty string or a short text")
	}
}

// FuzzRuneCount: for valid UTF-8 RuneCount is RuneCountInString's; for
// any input it never exceeds it (stray bytes are left out, not added).
func FuzzRuneCount(f *testing.F) {
	for _, s := range []string{"", "隆中村围绕古茶园推行清单化管理", "ab\xffcd\x80\x80党"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, want := RuneCount(s), utf8.RuneCountInString(s)
		if utf8.ValidString(s) && got != want || got > want {
			t.Fatalf("RuneCount(%q) = %d, RuneCountInString %d", s, got, want)
		}
	})
}

func BenchmarkRuneCount(b *testing.B) {
	s := strings.Repeat("隆中村围绕古茶园推行清单化管理，党员带头采摘春茶。2019年", 100)
	b.Run("swar", func(b *testing.B) {
		for b.Loop() {
			RuneCount(s)
		}
	})
	b.Run("utf8", func(b *testing.B) {
		for b.Loop() {
			utf8.RuneCountInString(s)
		}
	})
}

// TestContains: strings.Contains's answer for every piece of a text, and
// for what is not in it, at its ends and past them.
func TestContains(t *testing.T) {
	text := "隆中村围绕古茶园推行清单化管理，2018年起茶农 120 户；茶园、茶园"
	subs := []string{"", "隆", "理", "茶园", "茶园、茶园", "管理，2018", "2019", "茶山", text, text + "年", "年" + text, "\xe5", "\x86"}
	for i := range len(text) {
		for j := i; j <= len(text) && j <= i+20; j++ {
			subs = append(subs, text[i:j])
		}
	}
	for _, s := range []string{text, "", "a", text[:5]} {
		for _, sub := range subs {
			if got, want := Contains(s, sub), strings.Contains(s, sub); got != want {
				t.Fatalf("Contains(%q, %q) = %v, want %v", s, sub, got, want)
			}
		}
	}
}

// FuzzContains: always strings.Contains's answer.
func FuzzContains(f *testing.F) {
	f.Add("村民在来龙茶山采茶", "采茶")
	f.Add("aaaab", "aab")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, s, sub string) {
		if got, want := Contains(s, sub), strings.Contains(s, sub); got != want {
			t.Fatalf("Contains(%q, %q) = %v, want %v", s, sub, got, want)
		}
	})
}

// BenchmarkContains: a picture's caption, not in the text, against an
// article of 6 KB (Chinese), as the search's captions look for it.
func BenchmarkContains(b *testing.B) {
	text := strings.Repeat("隆中村围绕古茶园推行清单化管理，党员带头领办项目，茶叶产值逐年提高。", 60)
	for _, f := range []struct {
		name string
		fn   func(s, sub string) bool
	}{{"strings", strings.Contains}, {"value", Contains}} {
		b.Run(f.name, func(b *testing.B) {
			for b.Loop() {
				f.fn(text, "村民在来龙茶山采茶的照片")
			}
		})
	}
}
