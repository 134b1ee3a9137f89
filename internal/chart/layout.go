package chart

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"strings"

	"golang.org/x/text/width"

	"github.com/qingdan/qingdan/internal/format"
)

// obj is an object of the options as plain JSON values (objects, arrays,
// strings, json.Number, bools), the way the page script gets them.
type obj = map[string]any

// arr is an array of the options.
type arr = []any

// responsive is a chart's two layouts: narrow while the chart is at most
// maxWidth pixels wide, else wide. They become ECharts media rules, which
// ECharts checks again whenever the chart resizes: narrow under a maxWidth
// query, wide as the rule without a query, which ECharts applies when no
// other matches. Without that rule a chart drawn narrow (a phone turned
// sideways, a window widened) would keep its narrow layout: ECharts does not
// undo a rule that stops matching. So wide must set every option narrow
// sets; the base options get wide's values too.
type responsive struct {
	maxWidth     int
	narrow, wide obj
}

// options marshals a go-echarts chart's options, changed by tweak (nil for
// none), which gets them as plain JSON values, with the layouts of r, if
// any ({"baseOption": …, "media": […]}). encoding/json writes <, >, &,
// U+2028 and U+2029 as \u escapes, so the text is safe inside a script
// element; numbers keep their text. Without tweak and r the chart's options
// are written as go-echarts gives them (a project page's chart, made once per
// project: the round trip through plain values took a third of its time);
// else objects come out with sorted keys.
func options(c interface{ JSON() map[string]any }, tweak func(obj), r *responsive) template.JS {
	m := c.JSON()
	delete(m, "toolbox")
	m["animation"] = false // drawn once and complete, also for screenshots and print
	m["color"] = palette
	b, err := json.Marshal(m)
	if err != nil {
		panic(fmt.Sprintf("chart options do not marshal: %v", err)) // our own values only
	}
	if tweak == nil && r == nil {
		return template.JS(b) // nothing to change: no need for plain values (a project page's chart)
	}
	var o obj
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(&o); err != nil {
		panic(fmt.Sprintf("chart options do not decode: %v", err))
	}
	if tweak != nil {
		tweak(o)
	}
	var out any = o
	if r != nil {
		merge(o, r.wide)
		out = obj{"baseOption": o, "media": arr{
			obj{"query": obj{"maxWidth": r.maxWidth}, "option": r.narrow},
			obj{"option": r.wide},
		}}
	}
	if b, err = json.Marshal(out); err != nil {
		panic(fmt.Sprintf("chart options do not marshal: %v", err))
	}
	return template.JS(b)
}

// item is the i-th object of o's array key (go-echarts writes axes, grids
// and series as arrays), or o's object key itself; a missing key is made
// an object.
func item(o obj, key string, i int) obj {
	switch v := o[key].(type) {
	case obj:
		return v
	case arr:
		for len(v) <= i {
			v = append(v, obj{})
		}
		o[key] = v
		if x, ok := v[i].(obj); ok {
			return x
		}
		x := obj{}
		v[i] = x
		return x
	}
	x := obj{}
	o[key] = x
	return x
}

// merge sets src's values in dst, object by object and array element by
// array element, as ECharts merges options.
func merge(dst, src obj) {
	for k, v := range src {
		switch v := v.(type) {
		case obj:
			if d, ok := dst[k].(obj); ok {
				merge(d, v)
				continue
			}
		case arr:
			if d, ok := dst[k].(arr); ok && len(d) == len(v) && objects(d) && objects(v) {
				for i := range v {
					merge(d[i].(obj), v[i].(obj))
				}
				continue
			}
		}
		dst[k] = v
	}
}

// objects reports whether every element of a is an object.
func objects(a arr) bool {
	for _, x := range a {
		if _, ok := x.(obj); !ok {
			return false
		}
	}
	return true
}

// set sets keys of o: set(o, "min", 0, "minInterval", 1).
func set(o obj, kv ...any) obj {
	for i := 0; i+1 < len(kv); i += 2 {
		o[kv[i].(string)] = kv[i+1]
	}
	return o
}

// pctValue is a share as the value a chart plots: the percentage with one
// decimal, as text ("73.0"), the very digits format.Percent writes in the
// tables and the page. ECharts plots it as the number and gives the text
// itself to the {c} of labels and tooltips, so a chart shows 73.0% where a
// table does, never 73%.
func pctValue(p float64) string { return strings.TrimSuffix(format.Percent(p), "%") }

// Label sizes, in pixels, at ECharts' 12 px labels.
const (
	labelLine   = 16  // the height of a line of a label
	labelWide   = 200 // the width of a bar's name left of the bars, wrapped beyond
	labelNarrow = 250 // the width of a bar's name above its bar on a narrow chart
	narrowBars  = 559 // a bar chart at most this wide puts each name above its bar
	narrowPie   = 420 // a donut at most this wide is smaller, to leave its labels room
)

// textWidth estimates the width of s in a 12 px label: wide (Chinese,
// full-width) characters 12 px, the others 7.
func textWidth(s string) int {
	w := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			w += 12
		default:
			w += 7
		}
	}
	return w
}

// lines is how many lines the longest of names wraps to at w pixels.
func lines(names []string, w int) int {
	n := 1
	for _, s := range names {
		n = max(n, (textWidth(s)+w-1)/w)
	}
	return n
}

// barRow is the height of one bar's row: room for the longest name, wrapped,
// above a bar on a narrow chart and beside it on a wide one.
func barRow(names []string) int {
	return max(28+labelLine*lines(names, labelNarrow), 12+labelLine*lines(names, labelWide))
}

// integral reports whether every value is a whole number, so that the axis
// that plots them should not show 0.2 and 0.4.
func integral(vs ...float64) bool {
	for _, v := range vs {
		if v != float64(int64(v)) {
			return false
		}
	}
	return true
}
