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
