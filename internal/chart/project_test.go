package chart

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/qingdan/qingdan/internal/model"
)

// TestProjectsSplice: a project chart made from the kept options, with its
// data written in, is byte for byte the options go-echarts and
// encoding/json give for the chart built whole, for any unit (text a
// script must not run), whole or fractional values, tiny and huge ones,
// readings after as_of, and none; many goroutines share one Projects.
func TestProjectsSplice(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	units := []string{"", "户", "人", "项", "</script><b>&", "\u2028", `"q"`}
	values := []float64{0, 1, -3, 0.5, 12.25, 1e-7, -2.5e-9, 1e21, 3e22, 123456789, 0.1 + 0.2, math.SmallestNonzeroFloat64, math.MaxFloat64}
	asOf := day("2022-09-30")
	var projects []*model.Project
	for i := range 400 {
		p := &model.Project{Title: "项目", Indicator: "指标", Unit: units[i%len(units)],
			Start: day("2022-01-01"), Due: day("2022-12-31"),
			Baseline: values[rng.IntN(len(values))], Target: values[rng.IntN(len(values))]}
		if i%3 == 0 {
			p.Baseline, p.Target = float64(rng.IntN(10)), float64(10+rng.IntN(10))
		}
		n := rng.IntN(8) // none, some, some after as_of
		for j := range n {
			v := float64(rng.IntN(30))
			if rng.IntN(4) == 0 {
				v = values[rng.IntN(len(values))]
			}
			p.Readings = append(p.Readings, rd("2022-"+[]string{"02-01", "03-15", "05-01", "06-30", "08-08", "09-30", "10-01", "12-01"}[j], v, int32(j+2)))
		}
		projects = append(projects, p)
	}
	var ps Projects
	var wg sync.WaitGroup
	got := make([]Chart, len(projects))
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < len(projects); i += 4 {
				got[i] = ps.Chart("c", projects[i], asOf, nil, []string{"zh-CN", "en"}[i%2])
			}
		})
	}
	wg.Wait()
	for i, p := range projects {
		lang := []string{"zh-CN", "en"}[i%2]
		want := string(options(wholeLine(p, asOf, lang), nil, nil))
		if string(got[i].Options) != want {
			t.Fatalf("project %d (unit %q, readings %v):\n got %s\nwant %s", i, p.Unit, p.Readings, got[i].Options, want)
		}
		var v any
		if err := json.Unmarshal([]byte(got[i].Options), &v); err != nil {
			t.Fatalf("project %d: not JSON: %v", i, err)
		}
	}
	if len(ps.parts) > 2*2*len(units) {
		t.Errorf("%d kept options, want one per language, unit and whole", len(ps.parts))
	}
}

// wholeLine is p's chart built by go-echarts with its data in place.
func wholeLine(p *model.Project, asOf model.Date, lang string) *charts.Line {
	var readings []opts.LineData
	whole := integral(p.Baseline, p.Target)
	for _, r := range p.Readings {
		if r.Date > asOf {
			continue
		}
		whole = whole && integral(r.Value)
		readings = append(readings, opts.LineData{Value: []any{r.Date.String(), r.Value}})
	}
	plan := []opts.LineData{{Value: []any{p.Start.String(), p.Baseline}}, {Value: []any{p.Due.String(), p.Target}}}
	target := []opts.LineData{{Value: []any{p.Start.String(), p.Target}}, {Value: []any{p.Due.String(), p.Target}}}
	return projectLine(p.Unit, whole, readings, plan, target, lang)
}

// TestJSONFloat: jsonFloat writes what encoding/json writes.
func TestJSONFloat(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	fs := []float64{0, math.Copysign(0, -1), 1, -1, 1e-6, 9.99e-7, 1e20, 1e21, -1e21, 1e-9, 5e-324, math.MaxFloat64, 0.1, 123.456,
		12, 1e14, 1e15 - 1, -(1e15 - 1), 1e15, -1e15, 1e15 + 2, 4503599627370496, 9007199254740993}
	for range 2000 {
		// Any bits, and whole numbers (most readings are), which jsonFloat
		// writes without strconv's float formatting.
		fs = append(fs, math.Float64frombits(rng.Uint64()), float64(rng.Int64N(2e15)-1e15), float64(rng.IntN(1000)))
	}
	for _, f := range fs {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			continue
		}
		want, _ := json.Marshal(f)
		if got := jsonFloat(nil, f); string(got) != string(want) {
			t.Errorf("%v: %s, want %s", f, got, want)
		}
	}
}
