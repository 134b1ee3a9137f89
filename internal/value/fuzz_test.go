package value

import (
	"testing"
	"unicode/utf8"
)

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2022-03-01", "2022/3/1", "2022年3月1日", "２０２２－０３－０１", "2022-02-30", "2022/3/1 0:00", "", "年月日"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, why := ParseDate(s)
		if why != nil {
			if d != NoDate {
				t.Fatalf("error with a date: %v", d)
			}
			if why.Local("zh-CN") == "" || why.Local("en") == "" {
				t.Fatal("empty reason")
			}
			return
		}
		// A parsed date round-trips through its ISO form.
		again, why := ParseDate(d.String())
		if why != nil || again != d {
			t.Fatalf("%q → %s does not round-trip", s, d)
		}
		y, _, _ := d.YMD()
		if y < MinYear || y > MaxYear {
			t.Fatalf("year %d out of range from %q", y, s)
		}
	})
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"1,239", "12.5", "-3", "44.65%", "１２３", "NaN", "1e3", ".5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, why := ParseNumber(s)
		if why != nil {
			return
		}
		if v != v || v > MaxNumber || v < -MaxNumber {
			t.Fatalf("%q gave %v", s, v)
		}
		if !utf8.ValidString(s) {
			return
		}
		if c, why := ParseCount(s); why == nil && float64(c) != v {
			t.Fatalf("count %d != number %v for %q", c, v, s)
		}
	})
}
