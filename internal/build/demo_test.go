package build

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// The demo site is the repository root.
const demo = "../.."

// TestDemoSummaryGolden pins the demo's summary.json; -update rewrites it.
func TestDemoSummaryGolden(t *testing.T) {
	files := buildOK(t, demo, Options{})
	golden := filepath.Join("testdata", "demo-summary.json")
	if *update {
		if err := os.WriteFile(golden, files["data/summary.json"], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != string(files["data/summary.json"]) {
		t.Errorf("data/summary.json differs from %s (run go test -update and read the diff)", golden)
	}
}

// TestDemoHandComputed recomputes every project's figures and every org's
// roll-up straight from the demo CSVs, by SPEC's definitions and with none of
// qingdan's code, and compares them with the open data.
func TestDemoHandComputed(t *testing.T) {
	files := buildOK(t, demo, Options{})
	read := func(name string) []map[string]string {
		f, err := os.Open(filepath.Join(demo, "data", name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var out []map[string]string
		for _, r := range rows[1:] {
			m := map[string]string{}
			for i, h := range rows[0] {
				m[h] = r[i]
			}
			out = append(out, m)
		}
		return out
	}
	day := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatalf("demo date %q: %v", s, err)
		}
		return d
	}
	num := func(s string) float64 {
		var f float64
		if _, err := fmt.Sscanf(s, "%g", &f); err != nil {
			t.Fatalf("demo number %q: %v", s, err)
		}
		return f
	}
	asOf := day("2022-06-30") // qingdan.toml

	type reading struct {
		date  time.Time
		value float64
	}
	readings := map[string][]reading{}
	for _, r := range read("progress.csv") {
		readings[r["project"]] = append(readings[r["project"]], reading{day(r["date"]), num(r["value"])})
	}
	type fig struct {
		percent float64
		status  string
		value   float64
	}
	want := map[string]fig{}
	projectOrg := map[string]string{}
	for _, p := range read("projects.csv") {
		base, target := num(p["baseline"]), num(p["target"])
		value, latest := base, time.Time{}
		for _, r := range readings[p["id"]] {
			if !r.date.After(asOf) && r.date.After(latest) {
				value, latest = r.value, r.date
			}
		}
		pct := math.Max(0, math.Min(1, (value-base)/(target-base)))
		start, due := day(p["start"]), day(p["due"])
		var status string
		switch {
		case pct == 1:
			status = "done"
		case asOf.Before(start):
			status = "not_started"
		case asOf.After(due):
			status = "overdue"
		default:
			elapsed := 1.0
			if due.After(start) {
				elapsed = asOf.Sub(start).Hours() / due.Sub(start).Hours()
			}
			if pct < elapsed-0.2-1e-9 {
				status = "behind"
			} else {
				status = "on_track"
			}
		}
		want[p["id"]] = fig{pct, status, value}
		projectOrg[p["id"]] = p["org"]
	}

	var projects []struct {
		ID      string  `json:"id"`
		Percent float64 `json:"percent"`
		Status  string  `json:"status"`
		Value   float64 `json:"value"`
	}
	if err := json.Unmarshal(files["data/projects.json"], &projects); err != nil {
		t.Fatal(err)
	}
	if len(projects) != len(want) {
		t.Fatalf("%d projects in projects.json, %d in projects.csv", len(projects), len(want))
	}
	statuses := map[string]int{}
	for _, p := range projects {
		w := want[p.ID]
		if math.Abs(p.Percent-w.percent) > 1e-12 || p.Status != w.status || p.Value != w.value {
			t.Errorf("project %s: got %v %s %v, hand computed %v %s %v", p.ID, p.Percent, p.Status, p.Value, w.percent, w.status, w.value)
		}
		statuses[p.Status]++
	}
	for _, st := range []string{"done", "on_track", "behind", "overdue", "not_started"} {
		if statuses[st] == 0 {
			t.Errorf("the demo has no %s project", st)
		}
	}

	// Roll-ups: every project counts for its org and every ancestor.
	parent := map[string]string{}
	for _, o := range read("orgs.csv") {
		parent[o["id"]] = o["parent"]
	}
	type roll struct {
		n, done, overdue int
		sum              float64
	}
	rolls := map[string]*roll{}
	for id := range parent {
		rolls[id] = &roll{}
	}
	for pid, org := range projectOrg {
		for o := org; o != ""; o = parent[o] {
			r := rolls[o]
			r.n++
			r.sum += want[pid].percent
			if want[pid].status == "done" {
				r.done++
			}
			if want[pid].status == "overdue" {
				r.overdue++
			}
		}
	}
	var summary struct {
		AsOf     string `json:"as_of"`
		Orgs     int    `json:"orgs"`
		Projects int    `json:"projects"`
		Status   map[string]int
		OrgsByID map[string]struct {
			Projects, Done, Overdue int
			Percent                 *float64
		} `json:"orgs_by_id"`
	}
	if err := json.Unmarshal(files["data/summary.json"], &summary); err != nil {
		t.Fatal(err)
	}
	if summary.AsOf != "2022-06-30" || summary.Orgs != len(parent) || summary.Projects != len(want) {
		t.Errorf("summary header %+v", summary)
	}
	for st, n := range statuses {
		if summary.Status[st] != n {
			t.Errorf("summary status %s = %d, hand count %d", st, summary.Status[st], n)
		}
	}
	for id, r := range rolls {
		got, ok := summary.OrgsByID[id]
		if !ok {
			t.Errorf("org %s missing from orgs_by_id", id)
			continue
		}
		if got.Projects != r.n || got.Done != r.done || got.Overdue != r.overdue {
			t.Errorf("org %s: got %+v, hand %+v", id, got, *r)
		}
		switch {
		case r.n == 0 && got.Percent != nil:
			t.Errorf("org %s without projects has percent %v", id, *got.Percent)
		case r.n > 0 && (got.Percent == nil || math.Abs(*got.Percent-r.sum/float64(r.n)) > 1e-12):
			t.Errorf("org %s percent %v, hand %v", id, got.Percent, r.sum/float64(r.n))
		}
	}
}
