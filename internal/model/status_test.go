package model

import (
	"math"
	"testing"

	"github.com/qingdan/qingdan/internal/load"
	"github.com/qingdan/qingdan/internal/value"
)

func d(s string) Date {
	v, why := value.ParseDate(s)
	if why != nil {
		panic(s)
	}
	return v
}

func TestPercent(t *testing.T) {
	tests := []struct {
		name                    string
		value, baseline, target float64
		want                    float64
	}{
		{"at baseline", 10, 10, 20, 0},
		{"half way", 15, 10, 20, 0.5},
		{"at target", 20, 10, 20, 1},
		{"past target clamps to 1", 25, 10, 20, 1},
		{"below baseline clamps to 0", 5, 10, 20, 0},
		{"reduce: half way down", 30, 40, 20, 0.5},
		{"reduce: reached", 20, 40, 20, 1},
		{"reduce: below target clamps", 10, 40, 20, 1},
		{"reduce: went up clamps to 0", 45, 40, 20, 0},
		{"seed tea garden", 2257, 0, 4747, 2257.0 / 4747},
		{"target equals baseline is 0, never NaN", 5, 5, 5, 0},
		{"NaN value is 0", math.NaN(), 0, 10, 0},
	}
	for _, tt := range tests {
		if got := Percent(tt.value, tt.baseline, tt.target); got != tt.want {
			t.Errorf("%s: Percent(%v, %v, %v) = %v, want %v", tt.name, tt.value, tt.baseline, tt.target, got, tt.want)
		}
	}
}

func TestElapsed(t *testing.T) {
	tests := []struct {
		start, due, asOf string
		want             float64
	}{
		{"2022-01-01", "2022-01-11", "2021-12-31", 0},
		{"2022-01-01", "2022-01-11", "2022-01-01", 0},
		{"2022-01-01", "2022-01-11", "2022-01-06", 0.5},
		{"2022-01-01", "2022-01-11", "2022-01-11", 1},
		{"2022-01-01", "2022-01-11", "2022-03-01", 1},
		{"2022-01-01", "2022-01-01", "2022-01-01", 1}, // due equals start: 1 from that day on
		{"2022-01-01", "2022-01-01", "2021-12-31", 0},
	}
	for _, tt := range tests {
		if got := Elapsed(d(tt.start), d(tt.due), d(tt.asOf)); got != tt.want {
			t.Errorf("Elapsed(%s, %s, %s) = %v, want %v", tt.start, tt.due, tt.asOf, got, tt.want)
		}
	}
}

func TestJudge(t *testing.T) {
	// start 2022-01-01, due 2022-01-11 (10 days); as_of 2022-01-08 → elapsed 0.7
	tests := []struct {
		name       string
		percent    float64
		start, due string
		asOf       string
		gap        float64
		want       Status
	}{
		{"done wins over everything", 1, "2022-01-01", "2022-01-11", "2022-03-01", 0.2, Done},
		{"done before start", 1, "2022-05-01", "2022-06-01", "2022-01-01", 0.2, Done},
		{"not started", 0, "2022-05-01", "2022-06-01", "2022-04-30", 0.2, NotStarted},
		{"starts on as_of is running", 0, "2022-05-01", "2022-06-01", "2022-05-01", 0.2, OnTrack},
		{"overdue the day after due", 0.9, "2022-01-01", "2022-01-11", "2022-01-12", 0.2, Overdue},
		{"due day itself is not overdue", 0.9, "2022-01-01", "2022-01-11", "2022-01-11", 0.2, OnTrack},
		{"due day, far behind", 0.5, "2022-01-01", "2022-01-11", "2022-01-11", 0.2, Behind},
		{"behind", 0.49, "2022-01-01", "2022-01-11", "2022-01-08", 0.2, Behind},
		{"exactly on the warning line is on track", 0.5, "2022-01-01", "2022-01-11", "2022-01-08", 0.2, OnTrack},
		{"on track", 0.6, "2022-01-01", "2022-01-11", "2022-01-08", 0.2, OnTrack},
		{"gap 0 makes any lag behind", 0.69, "2022-01-01", "2022-01-11", "2022-01-08", 0, Behind},
		{"due equals start, on that day, not done", 0.5, "2022-01-01", "2022-01-01", "2022-01-01", 0.2, Behind},
		{"due equals start, the day after", 0.5, "2022-01-01", "2022-01-01", "2022-01-02", 0.2, Overdue},
		{"first day, nothing done", 0, "2022-01-01", "2022-12-31", "2022-01-01", 0.2, OnTrack},
	}
	for _, tt := range tests {
		got := Judge(tt.percent, d(tt.start), d(tt.due), d(tt.asOf), tt.gap)
		if got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestValueAt(t *testing.T) {
	rs := []Reading{{Date: d("2022-01-31"), Value: 5}, {Date: d("2022-02-28"), Value: 8}, {Date: d("2022-03-31"), Value: 3}}
	tests := []struct {
		asOf string
		want float64
		ok   bool
	}{
		{"2022-01-30", 0, false},
		{"2022-01-31", 5, true},
		{"2022-02-27", 5, true},
		{"2022-02-28", 8, true},
		{"2022-03-31", 3, true}, // the latest counts, not the largest or the sum
		{"2023-01-01", 3, true},
	}
	for _, tt := range tests {
		v, ok := ValueAt(rs, d(tt.asOf))
		if v != tt.want || ok != tt.ok {
			t.Errorf("ValueAt(%s) = %v, %v; want %v, %v", tt.asOf, v, ok, tt.want, tt.ok)
		}
	}
	if _, ok := ValueAt(nil, d("2022-01-01")); ok {
		t.Error("no readings must give no value")
	}
}

func TestProjectEvaluate(t *testing.T) {
	asOf := d("2022-06-30")
	tests := []struct {
		name     string
		p        load.Project
		value    float64
		measured bool
		status   Status
	}{
		{"no readings: value is the baseline", load.Project{Start: d("2022-06-01"), Due: d("2023-06-01"), Baseline: 3, Target: 9}, 3, false, OnTrack},
		{"readings after as_of are ignored", load.Project{Start: d("2022-01-01"), Due: d("2022-12-31"), Baseline: 0, Target: 10,
			Readings: []Reading{{Date: d("2022-05-31"), Value: 4}, {Date: d("2022-07-31"), Value: 10}}}, 4, true, OnTrack},
		{"only a reading after as_of", load.Project{Start: d("2022-01-01"), Due: d("2022-06-01"), Baseline: 0, Target: 10,
			Readings: []Reading{{Date: d("2022-07-31"), Value: 10}}}, 0, false, Overdue},
		{"reduce project reached", load.Project{Start: d("2022-01-01"), Due: d("2022-12-31"), Baseline: 12, Target: 2,
			Readings: []Reading{{Date: d("2022-06-30"), Value: 1}}}, 1, true, Done},
		{"reading on as_of counts", load.Project{Start: d("2022-01-01"), Due: d("2022-06-30"), Baseline: 0, Target: 10,
			Readings: []Reading{{Date: d("2022-06-30"), Value: 10}}}, 10, true, Done},
	}
	for _, tt := range tests {
		p := projectOf(tt.p)
		p.evaluate(asOf, value.DefaultWarnGap)
		if p.Value != tt.value || p.Measured != tt.measured || p.Status != tt.status {
			t.Errorf("%s: got value %v measured %v status %s; want %v %v %s", tt.name, p.Value, p.Measured, p.Status, tt.value, tt.measured, tt.status)
		}
	}
}
