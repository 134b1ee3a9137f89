package format

import (
	"strconv"
	"testing"
)

// TestPercentPinned pins how the site writes the percentages of
// internal/model's TestFiguresPinned and of values on a rounding edge, so
// that make cross, which runs this under qemu for arm64 and loong64, finds
// any CPU that writes them otherwise. The product p*100 is rounded before
// it is written (Round takes it as an argument); no sum follows it that a
// fused multiply-add could join.
func TestPercentPinned(t *testing.T) {
	for in, want := range map[string]string{
		"0x1.691bba5b91169p-02": "35.3%", // tea
		"0x1.8cccccccccccdp-01": "77.5%", // grid: 0.775
		"0x1.5555555555555p-02": "33.3%", // a third
		"0x1.e9bd37a6f4deap-03": "23.9%",
		"0x1.d2f1a9fbe76c9p-06": "2.9%",  // 0.0285: 2.85 after ×100, a hair above
		"0x1.11eb851eb851ep-02": "26.7%", // 0.26749999999999996: 26.749999999999996
		"0x1.7ad106774ef3ep-02": "37.0%", // the county's roll-up
		"0x1.28f5c28f5c28fp-03": "14.5%", // 0.145: 14.499999999999998
		"0x1p-01":               "50.0%",
	} {
		p, err := strconv.ParseFloat(in, 64)
		if err != nil {
			t.Fatal(err)
		}
		if got := Percent(p); got != want {
			t.Errorf("Percent(%s = %v) = %q, want %q", in, p, got, want)
		}
	}
}
