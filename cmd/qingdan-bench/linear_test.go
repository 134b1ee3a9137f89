package main

import (
	"slices"
	"testing"
	"time"
)

// TestLinearContext: beside the verdict on 50,000 articles against 10,000
// come the pairs' median CPU ratio (pair by pair, as the wall's), split
// into user and system CPU, and Hugo's medians' ratio, each left out when
// not measured.
func TestLinearContext(t *testing.T) {
	s := time.Second
	// Each run's CPU and its system part: the small runs' system CPU is
	// 2 s, the big ones' 16, 30 and 12 s (8, 15, 6: the median 8); their
	// user CPU 8, 8 and 6 s against 36, 30 and 28 (4.5, 3.75, 4.667: the
	// median 4.5).
	pair := func(cpus ...time.Duration) (big, small []measure) {
		for i := 0; i+3 < len(cpus); i += 4 {
			small = append(small, measure{cpu: cpus[i], sys: cpus[i+1], wall: 9 * s})
			big = append(big, measure{cpu: cpus[i+2], sys: cpus[i+3], wall: s})
		}
		return big, small
	}
	big, small := pair(10*s, 2*s, 52*s, 16*s, 10*s, 2*s, 60*s, 30*s, 8*s, 2*s, 40*s, 12*s) // 5.2, 6.0, 5.0: the median 5.2
	for _, c := range []struct {
		name       string
		big, small []measure
		h10, h50   time.Duration
		want       []string
	}{
		{"both", big, small, 13 * s, 65 * s, []string{
			"  cpu, 50000 ÷ 10000 (pairs)                5.200  (no target)",
			"    user cpu (pairs)                        4.500  (no target)",
			"    system cpu (pairs)                      8.000  (no target)",
			"  hugo wall, 50000 ÷ 10000 (medians)        5.000  (no target)",
		}},
		{"no pairs", nil, nil, 10 * s, 51 * s, []string{
			"  hugo wall, 50000 ÷ 10000 (medians)        5.100  (no target)",
		}},
		{"no hugo at 50000", big, small, 13 * s, 0, []string{
			"  cpu, 50000 ÷ 10000 (pairs)                5.200  (no target)",
			"    user cpu (pairs)                        4.500  (no target)",
			"    system cpu (pairs)                      8.000  (no target)",
		}},
		{"pairs cut short", big, small[:1], 0, 0, nil},
	} {
		if got := linearContext(c.big, c.small, c.h10, c.h50); !slices.Equal(got, c.want) {
			t.Errorf("%s: linearContext = %q, want %q", c.name, got, c.want)
		}
	}
}
