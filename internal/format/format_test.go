package format

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/value"
)

func TestNumber(t *testing.T) {
	tests := []struct {
		in     float64
		zh, en string
	}{
		{0, "0", "0"}, {1239, "1,239", "1,239"}, {9999, "9,999", "9,999"}, {14290, "1.43万", "14,290"},
		{10000, "1万", "10,000"}, {4747, "4,747", "4,747"}, {1.429, "1.429", "1.429"}, {44.65, "44.65", "44.65"},
		{123456789, "1.23亿", "123,456,789"}, {-2500, "-2,500", "-2,500"}, {0.1 + 0.2, "0.3", "0.3"},
	}
	for _, tt := range tests {
		if got := Number(tt.in, "zh-CN"); got != tt.zh {
			t.Errorf("Number(%v) zh = %q, want %q", tt.in, got, tt.zh)
		}
		if got := Number(tt.in, "en"); got != tt.en {
			t.Errorf("Number(%v) en = %q, want %q", tt.in, got, tt.en)
		}
	}
}

func TestPercentAndDate(t *testing.T) {
	for in, want := range map[float64]string{0: "0.0%", 1: "100.0%", 0.6400356: "64.0%", 0.12345: "12.3%", 0.99951: "100.0%", 0.475: "47.5%"} {
		if got := Percent(in); got != want {
			t.Errorf("Percent(%v) = %q, want %q", in, got, want)
		}
	}
	d := value.DateOf(2022, 6, 30)
	if Date(d, "zh-CN") != "2022年6月30日" || Date(d, "en") != "June 30, 2022" || Month(d, "zh-CN") != "2022年6月" {
		t.Error(Date(d, "zh-CN"), Date(d, "en"))
	}
	if Date(model.NoDate, "zh-CN") != "" {
		t.Error("no date")
	}
}

// TestExact: numbers in tables keep every digit and group thousands, as the
// open data's workbook shows them (its number format has Decimals zeros).
func TestExact(t *testing.T) {
	for _, tt := range []struct {
		in   float64
		want string
		dec  int
	}{
		{2257, "2,257", 0}, {14290, "14,290", 0}, {123456789, "123,456,789", 0}, {44.65, "44.65", 2},
		{0, "0", 0}, {-2500, "-2,500", 0}, {-0.5, "-0.5", 1}, {0.1 + 0.2, "0.3", 1}, {1.23456789, "1.234568", 6},
		{1e-9, "0", 0}, {-1e-9, "0", 0}, {999.5, "999.5", 1}, {1234.5678, "1,234.5678", 4},
	} {
		if got := Exact(tt.in); got != tt.want {
			t.Errorf("Exact(%v) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Decimals(tt.in); got != tt.dec {
			t.Errorf("Decimals(%v) = %d, want %d", tt.in, got, tt.dec)
		}
	}
}

// Whole numbers, written without strconv's float formatting, come out as
// any value does: small and large, negative, minus zero, at the edge of
// the quick path and past it.
func TestExactWhole(t *testing.T) {
	for _, f := range []float64{0, math.Copysign(0, -1), 1, -1, 7, 12, 999, 1000, -1000, 2257, 123456789, -987654321,
		1e15 - 1, -(1e15 - 1), 1e15, -1e15, 1e16, 4503599627370496, 44.65, -0.5} {
		if got, want := Exact(f), exact(f); got != want {
			t.Errorf("Exact(%v) = %q, want %q", f, got, want)
		}
	}
}

// TestAppendAsBefore: the append forms write what the string forms wrote
// before they were made of them (Percent through Round, Exact and Date
// through string concatenation), for values on rounding edges, whole and
// fractional, huge, negative, and a spread of random ones.
func TestAppendAsBefore(t *testing.T) {
	before := struct {
		percent func(float64) string
		exact   func(float64) string
		date    func(model.Date, string) string
	}{
		percent: func(p float64) string { return strconv.FormatFloat(Round(p*100, 1), 'f', 1, 64) + "%" },
		exact: func(f float64) string {
			if f == math.Trunc(f) && math.Abs(f) < 1e15 {
				n := int64(f)
				if n < 0 {
					return "-" + groupRunes(strconv.FormatInt(-n, 10))
				}
				return groupRunes(strconv.FormatInt(n, 10))
			}
			return exact(f)
		},
		date: func(d model.Date, lang string) string {
			y, m, day := d.YMD()
			if lang == "en" {
				return monthsEn[m-1] + " " + strconv.Itoa(day) + ", " + strconv.Itoa(y)
			}
			return strconv.Itoa(y) + "年" + strconv.Itoa(m) + "月" + strconv.Itoa(day) + "日"
		},
	}
	rng := rand.New(rand.NewPCG(3, 4))
	values := []float64{0, math.Copysign(0, -1), 0.0005, -0.0005, 0.00049999999999999, 0.775, 0.145, 0.0285, 1, -1,
		999.95, 1e15 - 1, 1e15, -1e15, 1e21, 123456789.125, -0.04, 2.5e-7, math.MaxFloat64 / 1e10}
	for range 20000 {
		values = append(values, rng.Float64(), (rng.Float64()-0.5)*1e7, float64(rng.IntN(2e9)-1e9), math.Round(rng.Float64()*1e4)/1e3)
	}
	for _, f := range values {
		if got, want := Percent(f), before.percent(f); got != want {
			t.Fatalf("Percent(%v) = %q, before %q", f, got, want)
		}
		if got, want := Exact(f), before.exact(f); got != want {
			t.Fatalf("Exact(%v) = %q, before %q", f, got, want)
		}
		if got, want := string(AppendExact([]byte("x"), f)), "x"+before.exact(f); got != want {
			t.Fatalf("AppendExact(%v) = %q, want %q", f, got, want)
		}
	}
	for d := value.DateOf(1, 1, 1); d < value.DateOf(9999, 12, 31); d += model.Date(1 + rng.IntN(300)) {
		for _, lang := range []string{"zh-CN", "en"} {
			if got, want := Date(d, lang), before.date(d, lang); got != want {
				t.Fatalf("Date(%v, %s) = %q, before %q", d, lang, got, want)
			}
		}
	}
}

// TestWhole: Number, Percent and Plain write whole numbers without
// strconv's float formatting (see Whole), exactly as they wrote them with
// it: at the edges of the quick paths (10,000 in Chinese, 10^15), minus
// zero, negative numbers, and random whole and fractional values.
func TestWhole(t *testing.T) {
	before := struct {
		number  func(float64, string) string
		percent func(float64) string
		plain   func(float64) string
	}{
		number: func(f float64, lang string) string {
			if f < 0 {
				return "-" + scaled(-f, lang == "en")
			}
			return scaled(f, lang == "en")
		},
		percent: func(p float64) string { return strconv.FormatFloat(p*100, 'f', 1, 64) + "%" },
		plain:   func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) },
	}
	values := []float64{0, math.Copysign(0, -1), 1, -1, 7, 9999, 10000, -9999, -10000, 12345, 99999999, 1e8, 123456789,
		1e15 - 1, -(1e15 - 1), 1e15, -1e15, 1e15 + 2, 1e16, 4503599627370496, 0.5, -0.5, 0.01, 0.125, 1e21, 1e-9}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		values = append(values, float64(rng.IntN(20000)-10000), float64(rng.Int64N(2e15)-1e15), float64(rng.IntN(1001))/1000,
			rng.Float64(), (rng.Float64()-0.5)*1e9)
	}
	for _, f := range values {
		for _, lang := range []string{"zh-CN", "en"} {
			if got, want := Number(f, lang), before.number(f, lang); got != want {
				t.Fatalf("Number(%v, %s) = %q, before %q", f, lang, got, want)
			}
		}
		if got, want := Percent(f), before.percent(f); got != want {
			t.Fatalf("Percent(%v) = %q, before %q", f, got, want)
		}
		if got, want := Plain(f), before.plain(f); got != want {
			t.Fatalf("Plain(%v) = %q, before %q", f, got, want)
		}
	}
	if Whole(math.Copysign(0, -1)) || Whole(1e15) || Whole(0.5) || Whole(math.Inf(1)) || Whole(math.NaN()) || !Whole(-(1e15 - 1)) || !Whole(0) {
		t.Error("Whole takes minus zero, 10^15, fractions, infinities or NaN, or refuses a whole number")
	}
}

// groupRunes is group as it was: a rune at a time.
func groupRunes(s string) string {
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		b.WriteString("." + frac)
	}
	return b.String()
}
