package main

import (
	"math"
	"testing"
	"time"
)

// TestCopyRatios: the county's verdict takes each build against the copy
// made right after it (the first pass of the fifty-fourth session's runs:
// 1.990, 1.535, 1.655, the median 1.655), where the ratio of the medians
// (3.90 / 2.54) said 1.535.
func TestCopyRatios(t *testing.T) {
	ms := func(secs ...float64) []measure {
		var out []measure
		for _, v := range secs {
			out = append(out, measure{wall: time.Duration(v * float64(time.Second))})
		}
		return out
	}
	pairs, medians := copyRatios(ms(6.07, 3.90, 3.84), ms(3.05, 2.54, 2.32))
	if math.Abs(pairs-3.84/2.32) > 1e-9 || math.Abs(medians-3.90/2.54) > 1e-9 {
		t.Errorf("copyRatios = %.4f, %.4f; want %.4f (pairs), %.4f (medians)", pairs, medians, 3.84/2.32, 3.90/2.54)
	}
}
