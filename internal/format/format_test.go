package format

import (
	"math"
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
