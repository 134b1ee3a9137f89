package slug

import "testing"

func TestOf(t *testing.T) {
	for in, want := range map[string]string{
		"红色物业":          "hong-se-wu-ye",
		"党建+产业":         "dang-jian-chan-ye",
		"本期聚焦":          "ben-qi-ju-jiao",
		"2022年 Top 10！": "2022-nian-top-10",
		"ABC-def":       "abc-def",
		"！？":            "",
		"":              "",
	} {
		if got := Of(in); got != want {
			t.Errorf("Of(%q) = %q, want %q", in, got, want)
		}
	}
}
