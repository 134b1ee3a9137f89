package slug

import (
	"regexp"
	"testing"
)

var valid = regexp.MustCompile(`^([a-z0-9]+(-[a-z0-9]+)*)?$`)

// FuzzOf: any title gives an ASCII slug usable as a URL folder, and a slug
// is its own slug.
func FuzzOf(f *testing.F) {
	for _, s := range []string{"红色物业", "党建+产业", "2022年 Top 10！", "绿色", "女儿", "〇一二", "\xff\xfe", "a--b", "-x-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Of(s)
		if !valid.MatchString(got) {
			t.Fatalf("Of(%q) = %q, not a slug", s, got)
		}
		if again := Of(got); again != got {
			t.Fatalf("Of(%q) = %q, but Of(%q) = %q", s, got, got, again)
		}
	})
}
