package chart

import (
	"encoding/json"
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/format"
	"github.com/qingdan/qingdan/internal/model"
)

// Projects makes projects' charts. Every project's chart has the same
// options but for its unit, whether it counts whole units, and its data
// (readings, plan, target): go-echarts builds the options once per unit,
// with a mark where each series' data goes, and a project's chart is that
// text with its data written in (go-echarts' defaults, set by reflection,
// and the marshalling were two thirds of a county's chart time; a
// province has a million project pages). TestProjectsSplice holds it to
// the options go-echarts gives with the data in place. Safe for
// concurrent use; the zero value is ready.
type Projects struct {
	mu    sync.Mutex
	parts map[projectKey][4]string // the options before, between and after the three series' data
}

type projectKey struct {
	lang, unit string
	whole      bool
}

// Project is Projects' Chart, for a chart made once.
func Project(id string, p *model.Project, asOf model.Date, notes *model.Notes, lang string) Chart {
	var once Projects
	return once.Chart(id, p, asOf, notes, lang)
}

// dataMark stands for datum i (a series' data, a count) while the options
// are marshalled.
func dataMark(i int) string { return "\x00qingdan-data-" + strconv.Itoa(i) }

// cutAtMarks cuts text, options marshalled with dataMark(i) for each i < n
// where data go, at each mark: pieces are the text before the first mark,
// between marks and after the last, order[k] the mark that ends piece k.
// Each mark stands in the text once (our own options only).
func cutAtMarks(text string, n int) (pieces []string, order []int) {
	type found struct{ i, pos, end int }
	marks := make([]found, n)
	for i := range n {
		quoted, _ := json.Marshal(dataMark(i)) // as the options hold it: "\u0000qingdan-data-0"
		pos := strings.Index(text, string(quoted))
		if pos < 0 || strings.Count(text, string(quoted)) != 1 {
			panic("chart: the options hold mark " + strconv.Itoa(i) + " not once")
		}
		marks[i] = found{i, pos, pos + len(quoted)}
	}
	slices.SortFunc(marks, func(a, b found) int { return a.pos - b.pos })
	from := 0
	for _, m := range marks {
		pieces, order = append(pieces, text[from:m.pos]), append(order, m.i)
		from = m.end
	}
	return append(pieces, text[from:]), order
}

// Chart plots project p's readings against its target and the straight
// plan line from (start, baseline) to (due, target). Its options and its
// table's cells are each written into one buffer and made one string: a
// province makes a million of these.
func (ps *Projects) Chart(id string, p *model.Project, asOf model.Date, notes *model.Notes, lang string) Chart {
	// Counted in whole units (户, 人, 个), the axis shows no 0.2 and 0.4.
	whole := integral(p.Baseline, p.Target)
	n := 0
	for _, r := range p.Readings {
		if r.Date <= asOf {
			whole = whole && integral(r.Value)
			n++
		}
	}
	parts := ps.skeleton(projectKey{lang, p.Unit, whole})
	// The options and the table's text are written into builders, whose
	// strings are made without a copy (a province's million charts: 2.5 GB
	// of options allocated, 1.1 GB of it the copy into a string); small
	// pieces are appended to tmp first and written in from there.
	var tmp [128]byte
	var opt strings.Builder
	opt.Grow(len(parts[0]) + len(parts[1]) + len(parts[2]) + len(parts[3]) + n*40 + 160)
	opt.WriteString(parts[0])
	if n == 0 {
		opt.WriteString("null") // as go-echarts writes no readings
	} else {
		opt.WriteByte('[')
	}
	// The table's cells, four a row; the first three of each are written
	// into text one after another, ends[i] where cell i of them ends.
	cells := make([]string, 4*n)
	var text strings.Builder
	text.Grow(n * 40)
	var endsAt [3 * 16]int // on the stack for up to 16 readings (a year of monthly ones)
	ends := endsAt[:0]
	for _, r := range p.Readings {
		if r.Date > asOf {
			continue
		}
		if len(ends) > 0 {
			opt.WriteByte(',')
		}
		opt.Write(appendPoint(tmp[:0], r.Date, r.Value))
		text.Write(format.AppendDate(tmp[:0], r.Date, lang))
		ends = append(ends, text.Len())
		text.Write(format.AppendExact(tmp[:0], r.Value))
		ends = append(ends, text.Len())
		text.Write(format.AppendPercent(tmp[:0], model.Percent(r.Value, p.Baseline, p.Target)))
		ends = append(ends, text.Len())
		cells[4*(len(ends)/3-1)+3] = notes.Note(r.Line)
	}
	if n > 0 {
		opt.WriteByte(']')
	}
	opt.WriteString(parts[1])
	opt.Write(appendLine(tmp[:0], p.Start, p.Baseline, p.Due, p.Target))
	opt.WriteString(parts[2])
	opt.Write(appendLine(tmp[:0], p.Start, p.Target, p.Due, p.Target))
	opt.WriteString(parts[3])

	t := Table{Head: []string{format.Pick(lang, "日期", "Date"), format.Pick(lang, "数值", "Value"), format.Pick(lang, "完成率", "Completion"), format.Pick(lang, "说明", "Note")}}
	if n > 0 {
		all, from := text.String(), 0
		t.Rows = make([]Row, n)
		for k := range t.Rows {
			row := cells[4*k : 4*k+4 : 4*k+4]
			for c := range 3 {
				row[c], from = all[from:ends[3*k+c]], ends[3*k+c]
			}
			t.Rows[k] = row
		}
	}
	var summary string
	if diag.IsEnglish(lang) {
		summary = p.Indicator + ": baseline " + format.Exact(p.Baseline) + ", target " + format.Exact(p.Target) + ", latest " + format.Exact(p.Value) + "."
	} else {
		summary = p.Indicator + "：基准值 " + format.Exact(p.Baseline) + "，目标值 " + format.Exact(p.Target) + "，最新读数 " + format.Exact(p.Value) + "。"
	}
	return Chart{
		ID: id, Kind: "project", Height: 300, Table: t, Visible: true,
		Options: template.JS(opt.String()),
		Title:   format.Pick(lang, "进度读数", "Readings"),
		Summary: summary,
	}
}

// skeleton is the options of a project chart for k, cut where the series'
// data go.
func (ps *Projects) skeleton(k projectKey) [4]string {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if parts, ok := ps.parts[k]; ok {
		return parts
	}
	text := string(options(projectLine(k.unit, k.whole, dataMark(0), dataMark(1), dataMark(2), k.lang), nil, nil))
	pieces, order := cutAtMarks(text, 3)
	if !slices.Equal(order, []int{0, 1, 2}) {
		panic("chart: the options hold the series' marks out of order") // our own options only
	}
	var parts [4]string
	copy(parts[:], pieces)
	if ps.parts == nil {
		ps.parts = map[projectKey][4]string{}
	}
	ps.parts[k] = parts
	return parts
}

// appendLine appends the data of a straight series from (d0, v0) to (d1, v1).
func appendLine(b []byte, d0 model.Date, v0 float64, d1 model.Date, v1 float64) []byte {
	b = appendPoint(append(b, '['), d0, v0)
	return append(appendPoint(append(b, ','), d1, v1), ']')
}

// appendPoint appends a point of a time series as encoding/json writes
// go-echarts' opts.LineData{Value: []any{date, value}}.
func appendPoint(b []byte, d model.Date, v float64) []byte {
	b = append(b, `{"value":["`...)
	b, _ = d.AppendText(b)
	b = append(b, `",`...)
	return append(jsonFloat(b, v), "]}"...)
}

// jsonFloat appends f as encoding/json writes a float64 (a finite one:
// the data holds no others).
func jsonFloat(b []byte, f float64) []byte {
	if format.Whole(f) { // most readings: written as strconv would, without its float formatting
		return strconv.AppendInt(b, int64(f), 10)
	}
	abs, fmt := math.Abs(f), byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		fmt = 'e'
	}
	b = strconv.AppendFloat(b, f, fmt, -1, 64)
	if fmt == 'e' { // e-09 → e-9, as encoding/json
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// projectLine is a project's chart as go-echarts builds it, with the
// series' data given.
func projectLine(unit string, whole bool, readings, plan, target any, lang string) *charts.Line {
	minInterval := 0.0
	if whole {
		minInterval = 1
	}
	line := charts.NewLine()
	line.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Bottom: "0"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "time"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: unit, Scale: opts.Bool(true), MinInterval: minInterval}),
		charts.WithGridOpts(opts.Grid{Left: "12", Right: "24", Top: "32", Bottom: "40", ContainLabel: opts.Bool(true)}),
	)
	line.AddSeries(format.Pick(lang, "读数", "Readings"), nil,
		charts.WithLineStyleOpts(opts.LineStyle{Color: accent, Width: 3}), charts.WithItemStyleOpts(opts.ItemStyle{Color: accent})).
		AddSeries(format.Pick(lang, "计划进度", "Plan"), nil,
			charts.WithLineStyleOpts(opts.LineStyle{Color: "#616161", Type: "dashed"}), charts.WithItemStyleOpts(opts.ItemStyle{Color: "#616161"})).
		AddSeries(format.Pick(lang, "目标值", "Target"), nil,
			charts.WithLineStyleOpts(opts.LineStyle{Color: statusColor[model.Done], Type: "dotted"}), charts.WithItemStyleOpts(opts.ItemStyle{Color: statusColor[model.Done]}))
	for i, d := range []any{readings, plan, target} {
		line.MultiSeries[i].Data = d
	}
	line.Validate()
	return line
}
