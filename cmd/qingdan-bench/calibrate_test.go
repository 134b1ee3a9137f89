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
