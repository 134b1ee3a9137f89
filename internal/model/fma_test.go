package model

import (
	"math"
	"strconv"
	"testing"

	"github.com/qingdan/qingdan/internal/load"
	"github.com/qingdan/qingdan/internal/value"
)

// The same data must give the same bytes on every CPU. Go may compute
// x*y + z in one fused multiply-add, with one rounding instead of two, on
// arm64, loong64, ppc64 and s390x (not on amd64), unless the product is
// converted explicitly: float64(x*y) + z. The figures' code has no product
// that feeds a sum today (make cross disassembles the arm64 and loong64
// builds and fails on any fused multiply-add in qingdan's code); these tests
// pin the figures to the last bit, and make cross runs them under qemu.

//go:noinline
func mulAdd(x, y, z float64) float64 { return x*y + z }

//go:noinline
func mulAddRounded(x, y, z float64) float64 { return float64(x*y) + z }

// TestFusedMultiplyAdd shows values whose fused and unfused results differ,
// and that the explicit conversion gives the unfused one on every CPU.
func TestFusedMultiplyAdd(t *testing.T) {
	x := 1 + math.Ldexp(1, -30) // x*x = 1 + 2⁻²⁹ + 2⁻⁶⁰, rounded: 1 + 2⁻²⁹
	z := -(1 + math.Ldexp(1, -29))
	if got := mulAddRounded(x, x, z); got != 0 {
		t.Errorf("float64(x*y) + z = %v, want 0: the conversion did not round the product", got)
	}
	if got := math.FMA(x, x, z); got != math.Ldexp(1, -60) {
		t.Errorf("math.FMA = %v, want 2⁻⁶⁰", got)
	}
	if mulAdd(x, x, z) != 0 {
		t.Logf("this CPU fuses x*y + z (%v): code that computes figures must round products explicitly", mulAdd(x, x, z))
	}
}

// TestFiguresPinned: percents, elapsed shares, statuses and roll-ups of a
// small site, to the last bit, as amd64 computes them (written as hex
// floats: 0x1.8p-01 is 0.75).
func TestFiguresPinned(t *testing.T) {
	d := func(s string) value.Date {
		v, _ := value.ParseDate(s)
		return v
	}
	r := func(date string, v float64) []Reading { return []Reading{{Date: d(date), Value: v}} }
	orgs := []*load.Org{
		{ID: "county", Name: "县委", Type: "committee"},
		{ID: "a", Name: "甲镇党委", Type: "committee", ParentID: "county"},
		{ID: "b", Name: "乙村党支部", Type: "rural", ParentID: "a"},
	}
	type pin struct {
		org                     string
		value, baseline, target float64
		start, due              string
		percent, elapsed        string // hex floats
		status                  Status
	}
	pins := map[string]pin{
		"tea":    {"b", 2000, 1860, 2257, "2021-07-01", "2022-12-31", "0x1.691bba5b91169p-02", "0x1.54166c612afa6p-01", Behind},
		"grid":   {"b", 31, 0, 40, "2021-03-01", "2022-03-31", "0x1.8cccccccccccdp-01", "0x1p+00", Overdue},
		"reduce": {"a", 7, 12, 2, "2022-01-01", "2022-12-31", "0x1p-01", "0x1.fa5fa5fa5fa6p-02", OnTrack},
		"tenths": {"a", 0.3, 0.1, 0.7, "2022-01-01", "2022-12-30", "0x1.5555555555555p-02", "0x1.fbc4c2a50658ep-02", OnTrack},
		"halves": {"county", 1239.5, 1000.25, 2000.75, "2022-02-28", "2023-02-28", "0x1.e9bd37a6f4deap-03", "0x1.5644bbf795645p-02", OnTrack},
		"third":  {"b", 1, 0, 3, "2022-03-01", "2022-09-01", "0x1.5555555555555p-02", "0x1.50b21642c8591p-01", Behind},
		"edge":   {"b", 0.0285, 0, 1, "2022-01-01", "2022-07-01", "0x1.d2f1a9fbe76c9p-06", "0x1.fd2bd865d591bp-01", Behind},
		"round":  {"a", 2.675, 0, 10, "2021-12-31", "2022-06-29", "0x1.11eb851eb851ep-02", "0x1p+00", Overdue},
		// On the warning line: percent 0.5 at elapsed 0.7 is not behind,
		// though 0.7 − 0.2 is 0.49999999999999994 in floating point.
		"line": {"county", 5, 0, 10, "2022-06-23", "2022-07-03", "0x1p-01", "0x1.6666666666666p-01", OnTrack},
	}
	// Roll-ups: the mean percent of an org's and its descendants' projects.
	rollups := map[string]string{"a": "0x1.7aecf20d78976p-02", "b": "0x1.7d4e70fa8f9f1p-02", "county": "0x1.7ad106774ef3ep-02"}
	var projects []*load.Project
	for id, p := range pins {
		projects = append(projects, &load.Project{ID: id, OrgID: p.org, Title: id, Start: d(p.start), Due: d(p.due),
			Baseline: p.baseline, Target: p.target, Readings: r("2022-06-30", p.value)})
	}
	s := New(Input{AsOf: d("2022-06-30"), WarnGap: value.DefaultWarnGap, Orgs: orgs, Projects: projects})
	hex := func(f float64) string { return strconv.FormatFloat(f, 'x', -1, 64) }
	for _, p := range s.Projects {
		want := pins[p.ID]
		if got := hex(p.Percent); got != want.percent {
			t.Errorf("%s: percent %s, want %s", p.ID, got, want.percent)
		}
		if got := hex(p.Elapsed); got != want.elapsed {
			t.Errorf("%s: elapsed %s, want %s", p.ID, got, want.elapsed)
		}
		if p.Status != want.status {
			t.Errorf("%s: %v, want %v", p.ID, p.Status, want.status)
		}
	}
	for id, want := range rollups {
		if got := hex(*s.OrgByID[id].Roll.Percent()); got != want {
			t.Errorf("%s: roll-up %s, want %s", id, got, want)
		}
	}
}
