package chart

import (
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
)

// TestBarsSplice: a bar chart made from the kept options, with its bars and
// names written in, is byte for byte what go-echarts and encoding/json
// give for the chart built whole: one bar or fifty, names a script must
// not run, quotes, line separators, empty names, any percentage, both
// languages, many goroutines at once.
func TestBarsSplice(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	words := []string{"文苑社区党总支", "</script><b>&", "\u2028\u2029", `"q"\`, "", "茶叶 😀", barMark, "a\x00b", "\xff"}
	values := []float64{0, 1, 0.5, 0.125, 1 / 3.0, 2.5, -0.25, 1e-9, math.MaxFloat64, 0.999999}
	colors := []string{"#b71c1c", "#1565c0", accent, `"><`, ""}
	type input struct {
		names, colors []string
		values        []float64
		lang          string
	}
	var ins []input
	for i := range 300 {
		n := 1 + rng.IntN(50)
		if i%10 == 0 {
			n = 1
		}
		in := input{lang: []string{"zh-CN", "en"}[i%2]}
		for range n {
			in.names = append(in.names, words[rng.IntN(len(words))]+strings.Repeat("支部", rng.IntN(3)))
			in.values = append(in.values, values[rng.IntN(len(values))])
			in.colors = append(in.colors, colors[rng.IntN(len(colors))])
		}
		ins = append(ins, in)
	}
	ins = append(ins, input{lang: "zh-CN"}) // no bars at all
	got := make([]string, len(ins))
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < len(ins); i += 4 {
				got[i] = string(barOptions(ins[i].names, ins[i].values, ins[i].colors, ins[i].lang))
			}
		})
	}
	wg.Wait()
	for i, in := range ins {
		if want := string(barChart(in.names, in.values, in.colors, in.lang)); got[i] != want {
			t.Fatalf("chart %d (%q):\n got %s\nwant %s", i, in.names, got[i], want)
		}
	}
}
