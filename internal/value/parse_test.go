package value

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/qingdan/qingdan/internal/diag"
)

func TestParseDate(t *testing.T) {
	ok := []struct{ in, want string }{
		{"2022-03-01", "2022-03-01"},
		{"2022/3/1", "2022-03-01"},
		{"2022.3.1", "2022-03-01"},
		{"2022年3月1日", "2022-03-01"},
		{"  2022-3-1 ", "2022-03-01"},
		{"２０２２－０３－０１", "2022-03-01"},
		{"２０２２年３月１日", "2022-03-01"},
		{"2022/3/1 0:00", "2022-03-01"},
		{"2022-03-01 08:30:00", "2022-03-01"},
		{"2024-02-29", "2024-02-29"},
		{"2000-02-29", "2000-02-29"},
		{"2022-12-31", "2022-12-31"},
	}
	for _, tt := range ok {
		got, why := ParseDate(tt.in)
		if why != nil || got.String() != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", tt.in, got, why, tt.want)
		}
	}
	bad := []struct{ in, key, en string }{
		{"", "date.format", ""},
		{"2022-13-01", "date.month", "the month 13 must be 1 to 12"},
		{"2022-00-10", "date.month", ""},
		{"2022-02-30", "date.day", "February 2022 has 28 days"},
		{"2023-02-29", "date.day", "February 2023 has 28 days"},
		{"1900-02-29", "date.day", ""},
		{"2022-04-31", "date.day", "April 2022 has 30 days"},
		{"2022-03-00", "date.day", ""},
		{"22-03-01", "date.format", ""},
		{"2022-3/1", "date.format", ""},
		{"2022年3月1", "date.format", ""},
		{"2022年3-1", "date.format", ""},
		{"2022-03-01x", "date.format", ""},
		{"2022-003-01", "date.format", ""},
		{"20220301", "date.format", ""},
		{"0099-03-01", "date.year", ""},
		{"9999-03-01", "date.year", ""},
		{"03/01/2022", "date.format", ""},
		{"2022-03-01 25", "date.format", ""},
		{"明天", "date.format", ""},
	}
	for _, tt := range bad {
		_, why := ParseDate(tt.in)
		if why == nil || why.Key != tt.key {
			t.Errorf("ParseDate(%q): got %v, want error %s", tt.in, why, tt.key)
			continue
		}
		if tt.en != "" && why.Local("en") != tt.en {
			t.Errorf("ParseDate(%q) says %q, want %q", tt.in, why.Local("en"), tt.en)
		}
	}
	_, why := ParseDate("2022-02-30")
	if got := why.Local("zh-CN"); got != "2022年2月只有28天" {
		t.Errorf("Chinese reason = %q", got)
	}
}

func TestParseNumber(t *testing.T) {
	ok := []struct {
		in   string
		want float64
	}{
		{"0", 0}, {"1239", 1239}, {"1,239", 1239}, {"1,239,000", 1239000}, {"12.5", 12.5},
		{"-3", -3}, {"+3", 3}, {".5", 0.5}, {"44.65%", 44.65}, {"１２３", 123}, {"１，２３９", 1239},
		{"４４．６５％", 44.65}, {" 7 ", 7}, {"−2", -2}, {"0.1", 0.1},
		{"1,000,000,000,000,000", 1e15}, {"-1000000000000000", -1e15},
	}
	for _, tt := range ok {
		got, why := ParseNumber(tt.in)
		if why != nil || got != tt.want {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v", tt.in, got, why, tt.want)
		}
	}
	for _, in := range []string{"", "abc", "1,23", "12,3456", ",123", "1.2.3", "NaN", "Inf", "-Inf", "0x10", "1e3", "1_000", "12.", "--1", "1 000", "1.43万", "%", "+",
		"1000000000000001", "-1,000,000,000,000,001", "1" + strings.Repeat("0", 308)} {
		if v, why := ParseNumber(in); why == nil {
			t.Errorf("ParseNumber(%q) = %v, want an error", in, v)
		}
	}
}

func TestParseCount(t *testing.T) {
	for in, want := range map[string]int{"0": 0, "102": 102, "1,600": 1600, "５７２５": 5725} {
		if got, why := ParseCount(in); why != nil || got != want {
			t.Errorf("ParseCount(%q) = %v, %v", in, got, why)
		}
	}
	for _, in := range []string{"-1", "1.5", "12%", "x", ""} {
		if _, why := ParseCount(in); why == nil {
			t.Errorf("ParseCount(%q) should fail", in)
		}
	}
}

var _ = diag.M

// Whole numbers of ASCII digits (read without strconv) read as
// strconv.ParseFloat reads them, up to and past MaxNumber's length.
func TestParseNumberDigits(t *testing.T) {
	for n := 1; n <= 17; n++ {
		for _, d := range "0123456789" {
			for _, s := range []string{strings.Repeat(string(d), n), "1" + strings.Repeat(string(d), n-1), strings.Repeat("0", n-1) + string(d)} {
				want, err := strconv.ParseFloat(s, 64)
				got, why := ParseNumber(s)
				if tooBig := err != nil || want > MaxNumber; tooBig != (why != nil) || !tooBig && got != want {
					t.Fatalf("ParseNumber(%q) = %v, %v; strconv: %v, %v", s, got, why, want, err)
				}
			}
		}
	}
}

// A date is written as fmt writes its year, month and day, across years of
// one to five digits.
func TestDateString(t *testing.T) {
	for d := DateOf(-20, 1, 1); d < DateOf(10100, 1, 1); d += 997 {
		y, m, day := d.YMD()
		if got, want := d.String(), fmt.Sprintf("%04d-%02d-%02d", y, m, day); got != want {
			t.Fatalf("day %d: %q, want %q", int(d), got, want)
		}
	}
	for _, d := range []Date{DateOf(1, 1, 1), DateOf(999, 12, 31), DateOf(2024, 2, 29), DateOf(9999, 12, 31), DateOf(10000, 1, 1)} {
		y, m, day := d.YMD()
		if got, want := d.String(), fmt.Sprintf("%04d-%02d-%02d", y, m, day); got != want {
			t.Errorf("%q, want %q", got, want)
		}
	}
}

// TestYMD: days split into year, month and day as package time splits
// them, every day from year -2000 to 4000 and days spread over all of
// int32, NoDate included (a Date is never shown without a check, but
// splitting it must still agree).
func TestYMD(t *testing.T) {
	check := func(d Date) {
		tm := time.Unix(int64(d)*86400, 0).UTC()
		if y, m, day := d.YMD(); y != tm.Year() || m != int(tm.Month()) || day != tm.Day() {
			t.Fatalf("Date(%d).YMD() = %d-%d-%d, time says %d-%d-%d", d, y, m, day, tm.Year(), tm.Month(), tm.Day())
		}
	}
	for d := DateOf(-2000, 1, 1); d <= DateOf(4000, 12, 31); d++ {
		check(d)
	}
	for d := int64(math.MinInt32); d <= math.MaxInt32; d += 9973 {
		check(Date(d))
	}
	check(NoDate)
	check(Date(math.MaxInt32))
}

// TestDecodeRune: DecodeRune gives what utf8.DecodeRuneInString gives for every
// sequence of up to three bytes that starts a three-byte form, cut short
// or not, and for the other first bytes.
func TestDecodeRune(t *testing.T) {
	check := func(s string) {
		t.Helper()
		for i := range len(s) {
			r, n := DecodeRune(s, i)
			if wr, wn := utf8.DecodeRuneInString(s[i:]); r != wr || n != wn {
				t.Fatalf("DecodeRune(%q, %d) = %U, %d; want %U, %d", s, i, r, n, wr, wn)
			}
		}
	}
	for c := range 256 {
		check(string([]byte{byte(c)}))
		check(string([]byte{byte(c), 0x80}))
	}
	for c := 0xE0; c <= 0xEF; c++ {
		for c1 := range 256 {
			for c2 := range 256 {
				check(string([]byte{byte(c), byte(c1), byte(c2)}))
				check(string([]byte{'x', byte(c), byte(c1), byte(c2), 'y'}))
			}
			check(string([]byte{byte(c), byte(c1)}))
		}
	}
}
