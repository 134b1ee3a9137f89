package main

import (
	"strings"
	"testing"
	"time"
)

func TestCalibrate(t *testing.T) {
	if d := calibrate(2); d <= 0 || d > time.Minute {
		t.Errorf("calibrate(2) = %v", d)
	}
}

func TestCalibrationLine(t *testing.T) {
	for _, c := range []struct {
		start, end time.Duration
		want       string
		note       bool
	}{
		{100 * time.Millisecond, 0, "machine: fixed work on one core 100.0 ms (the best of 5)", false},
		{100 * time.Millisecond, 105 * time.Millisecond, "machine: fixed work on one core 100.0 ms at the start, 105.0 ms at the end (+5 %)", false},
		{100 * time.Millisecond, 114 * time.Millisecond, "machine: fixed work on one core 100.0 ms at the start, 114.0 ms at the end (+14 %)", true},
		{120 * time.Millisecond, 96 * time.Millisecond, "machine: fixed work on one core 120.0 ms at the start, 96.0 ms at the end (-20 %)", true},
	} {
		got := calibrationLine(c.start, c.end)
		first, rest, _ := strings.Cut(got, "\n")
		if first != c.want {
			t.Errorf("calibrationLine(%v, %v) = %q, want %q", c.start, c.end, first, c.want)
		}
		if note := strings.Contains(rest, "note: the machine's speed changed"); note != c.note {
			t.Errorf("calibrationLine(%v, %v): note %v, want %v (%q)", c.start, c.end, note, c.note, got)
		}
	}
}

// TestLinearLine: 50,000 articles against 10,000 is judged only when the
// machine ran at about the same speed for both; otherwise it is not
// comparable, and not met.
func TestLinearLine(t *testing.T) {
	ms := time.Millisecond
	for _, c := range []struct {
		ratio         float64
		before, after time.Duration
		mark          string
		met           bool
	}{
		{5.2, 120 * ms, 125 * ms, "ok", true},
		{5.2, 0, 125 * ms, "ok", true}, // a speed not known: judged as before
		{6.1, 120 * ms, 118 * ms, "OVER", false},
		{3.52, 218 * ms, 136 * ms, "not comparable: the machine's fixed work took 218.0 ms as 10000 began, 136.0 ms as 50000 began", false},
		{6.1, 100 * ms, 115 * ms, "not comparable", false},
	} {
		line, met := linearLine(c.ratio, 5.5, c.before, c.after)
		if met != c.met || !strings.Contains(line, "(target ≤ 5.50)  "+c.mark) || !strings.Contains(line, "wall, 50000 ÷ 10000") {
			t.Errorf("linearLine(%v, %v, %v) = %q, %v; want %q, %v", c.ratio, c.before, c.after, line, met, c.mark, c.met)
		}
	}
}

// TestPairLine: 50,000 articles against 10,000 built just before is the
// median over the pairs of the one's wall over the other's (medianRatio),
// judged as linearLine judges a ratio when the machine's speed is not
// known, whatever the machine did between pairs.
func TestPairLine(t *testing.T) {
	s := time.Second
	mk := func(walls ...time.Duration) (big, small []measure) {
		for i := 0; i+1 < len(walls); i += 2 {
			small, big = append(small, measure{wall: walls[i]}), append(big, measure{wall: walls[i+1]})
		}
		return big, small
	}
	for _, c := range []struct {
		walls []time.Duration
		ratio string
		met   bool
	}{
		// The machine twice as slow in the second pair: 5.0 and 5.2, and
		// 7.0 in the third; the median is 5.2.
		{[]time.Duration{5 * s, 25 * s, 10 * s, 52 * s, 4 * s, 28 * s}, " 5.200  (target ≤ 5.50)  ok", true},
		{[]time.Duration{5 * s, 29 * s}, " 5.800  (target ≤ 5.50)  OVER", false},
		{[]time.Duration{4 * s, 22 * s, 5 * s, 30 * s}, " 6.000  (target ≤ 5.50)  OVER", false}, // of two, the larger
	} {
		big, small := mk(c.walls...)
		line, met := linearLine(medianRatio(big, small, wallOf), 5.5, 0, 0)
		if met != c.met || !strings.HasSuffix(line, c.ratio) || !strings.Contains(line, "wall, 50000 ÷ 10000") {
			t.Errorf("pairs %v: %q, %v; want …%q, %v", c.walls, line, met, c.ratio, c.met)
		}
	}
	if got, want := eachRun(mk(5*s, 25*s, 10*s, 52*s)), "25.00/5.00  52.00/10.00"; got != want {
		t.Errorf("each pair = %q, want %q", got, want)
	}
}
