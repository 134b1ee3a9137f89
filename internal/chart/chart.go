// Package chart turns the model into charts: ECharts options built with
// go-echarts, plus a table of the very same numbers for screen readers,
// printing and readers without JavaScript.
//
// go-echarts' own page output is not used: it writes options into a script
// unescaped (a project title could run as script), strips every "__f__"
// and uses random chart ids. Here the options are marshalled with
// encoding/json, which escapes <, >, & and U+2028/U+2029, and ids come from
// the page, so the same input gives the same bytes.
package chart

import (
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"github.com/qingdan/qingdan/internal/format"
	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/value"
)

// Chart is one chart of a page.
type Chart struct {
	ID      string      // unique in its page
	Kind    string      // status, committees, trend, org, project
	Title   string      // shown above the chart and used as its accessible name
	Summary string      // one sentence saying what the chart shows
	Height  int         // pixels
	Options template.JS // ECharts options, JSON, safe inside a script element
	Table   Table
	Visible bool // the table is shown to everyone, not only to screen readers and print
}

// Table holds a chart's numbers.
type Table struct {
	Head []string
	Rows []Row
}

// Row is a row of a Table: its first cell names it (a date, a status, an
// organization), the others hold its numbers. A layout writes the first
// as a row header, {{.Head}}, and the rest, {{range .Cells}}, or ranges
// over the row itself.
type Row []string

// Head is the row's first cell.
func (r Row) Head() string { return r[0] }

// Cells is the row's other cells.
func (r Row) Cells() []string { return r[1:] }

// Status colours, shared with the theme's CSS (--done, --on-track, …).
var statusColor = [model.NumStatus]string{"#2e7d32", "#1565c0", "#e65100", "#c62828", "#757575"}

// Color is a status's colour.
func Color(st model.Status) string { return statusColor[st] }

const accent = "#b71c1c"

// axisText is the colour of axis labels that name things: the theme's
// --ink-2, darker than ECharts' grey.
const axisText = "#4a4a4a"

// palette is the series colour order, the theme's accent first.
var palette = []string{accent, "#1565c0", "#2e7d32", "#e65100", "#6a1b9a", "#00838f", "#616161"}

// Status is a donut of how many projects are in each status, its options
// built by go-echarts (Statuses writes the same options faster).
func Status(id string, r model.Rollup, lang string) Chart {
	d := statusOf(r, lang)
	values := make([]any, len(d.counts))
	for i, n := range d.counts {
		values[i] = n
	}
	return d.chart(id, statusOptions(d.labels, values, d.tips, lang), lang)
}

// statusData is what a status chart shows of a rollup: each status's
// label, count and tooltip, in rule order, its table and its summary.
type statusData struct {
	labels, tips []string
	counts       []int
	table        Table
	summary      string
}

func statusOf(r model.Rollup, lang string) statusData {
	d := statusData{table: Table{Head: []string{format.Pick(lang, "状态", "Status"), format.Pick(lang, "项目数", "Projects"), format.Pick(lang, "占比", "Share")}}}
	var parts []string
	for _, st := range format.Statuses() {
		n := r.Status[st]
		share := 0.0
		if r.Projects > 0 {
			share = float64(n) / float64(r.Projects)
		}
		label := format.Status(st, lang)
		// The tooltip's share is the table's, not ECharts' own rounding.
		d.tips = append(d.tips, fmt.Sprintf(format.Pick(lang, "%s：%d（%s）", "%s: %d (%s)"), label, n, format.Percent(share)))
		d.labels, d.counts = append(d.labels, label), append(d.counts, n)
		d.table.Rows = append(d.table.Rows, Row{label, format.Exact(float64(n)), format.Percent(share)})
		parts = append(parts, fmt.Sprintf("%s %d", label, n))
	}
	d.summary = format.Pick(lang, fmt.Sprintf("共 %d 个项目：", r.Projects), fmt.Sprintf("%d projects: ", r.Projects)) + strings.Join(parts, format.Pick(lang, "，", ", "))
	return d
}

func (d statusData) chart(id string, options template.JS, lang string) Chart {
	return Chart{
		ID: id, Kind: "status", Height: 320,
		Title:   format.Pick(lang, "项目状态分布", "Projects by status"),
		Summary: d.summary,
		Options: options,
		Table:   d.table,
	}
}

// statusOptions is a status chart's options as go-echarts builds them,
// with each status's label, value and tooltip given, in rule order.
func statusOptions(labels []string, values []any, tips []string, lang string) template.JS {
	pie := charts.NewPie()
	var data []opts.PieData
	for i, st := range format.Statuses() {
		data = append(data, opts.PieData{Name: labels[i], Value: values[i], ItemStyle: &opts.ItemStyle{Color: statusColor[st]}, Tooltip: &opts.Tooltip{Formatter: types.FuncStr(tips[i])}})
	}
	pie.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Bottom: "0"}),
	)
	pie.AddSeries(format.Pick(lang, "项目状态", "Project status"), data).SetSeriesOptions(
		charts.WithLabelOpts(opts.Label{Formatter: "{b}\n{c}"}),
	)
	return options(pie, func(o obj) {
		// Whole labels: never "正…", however narrow the chart.
		set(item(item(o, "series", 0), "label", 0), "overflow", "none")
	}, &responsive{narrowPie,
		// narrow: a smaller ring leaves the labels room
		obj{"series": arr{obj{"radius": arr{"28%", "46%"}, "center": arr{"50%", "44%"}, "labelLine": obj{"length": 6, "length2": 4}}}},
		obj{"series": arr{obj{"radius": arr{"36%", "58%"}, "center": arr{"50%", "45%"}, "labelLine": obj{"length": 10, "length2": 8}}}},
	})
}

// bars is a horizontal bar chart of percentages, one bar per item, coloured
// by each item's colour; the first item on top. Names are never cut: left
// of the bars they wrap at labelWide pixels; on a narrow chart (a phone)
// each stands above its bar, the bars taking the whole width. Every row has
// room for the longest name, wrapped.
func bars(id, kind, title, summary, nameHead string, names []string, values []float64, colors []string, extra [][]string, extraHead []string, lang string) Chart {
	t := Table{Head: append([]string{nameHead, format.Pick(lang, "完成率", "Completion")}, extraHead...)}
	for i, n := range names {
		row := Row{n, format.Percent(values[i])}
		if extra != nil {
			row = append(row, extra[i]...)
		}
		t.Rows = append(t.Rows, row)
	}
	return Chart{ID: id, Kind: kind, Title: title, Summary: summary, Height: 40 + barRow(names)*len(names), Options: barOptions(names, values, colors, lang), Table: t}
}

// barChart is the options of a bar chart as go-echarts makes them; see
// barOptions for the same made faster.
func barChart(names []string, values []float64, colors []string, lang string) template.JS {
	bar := charts.NewBar()
	cats := slices.Clone(names)
	slices.Reverse(cats) // ECharts draws the first category at the bottom
	var data []opts.BarData
	for i := len(values) - 1; i >= 0; i-- {
		data = append(data, opts.BarData{Name: names[i], Value: pctValue(values[i]), ItemStyle: &opts.ItemStyle{Color: colors[i]}})
	}
	bar.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "item", Formatter: types.FuncStr(format.Pick(lang, "{b}：{c}%", "{b}: {c}%"))}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Min: 0, Max: 100, AxisLabel: &opts.AxisLabel{Formatter: "{value}%"}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
	)
	bar.SetXAxis(cats).AddSeries(format.Pick(lang, "完成率", "Completion"), data).SetSeriesOptions(
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right", Formatter: "{c}%"}),
	)
	bar.XYReversal()
	bar.Validate()
	return options(bar, func(o obj) {
		set(item(o, "yAxis", 0), "axisLabel", obj{"overflow": "break", "lineHeight": labelLine, "color": axisText})
		set(item(o, "series", 0), "barWidth", 14)
	}, &responsive{narrowBars,
		// narrow: each name above its bar, the bars the chart's whole width
		obj{
			"grid": arr{obj{"left": 14, "right": 52, "top": 12, "bottom": 24, "containLabel": false}},
			"yAxis": arr{obj{"axisTick": obj{"show": false}, "axisLabel": obj{
				"inside": true, "verticalAlign": "bottom", "padding": arr{0, 0, 10, 0}, "width": labelNarrow,
			}}},
		},
		// wide: the names left of the bars, room made for them
		obj{
			"grid": arr{obj{"left": 12, "right": 52, "top": 8, "bottom": 8, "containLabel": true}},
			"yAxis": arr{obj{"axisTick": obj{"show": true}, "axisLabel": obj{
				"inside": false, "verticalAlign": "middle", "padding": arr{0, 0, 0, 0}, "width": labelWide,
			}}},
		},
	})
}

// Committees ranks the given orgs (the 党(工)委) by their roll-up percent.
func Committees(id string, orgs []*model.Org, lang string) Chart {
	ranked := slices.DeleteFunc(model.Ranked(orgs), func(o *model.Org) bool { return o.Roll.Projects == 0 })
	var names, colors []string
	var values []float64
	var extra [][]string
	for _, o := range ranked {
		names = append(names, o.Name)
		values = append(values, *o.Roll.Percent())
		colors = append(colors, accent)
		extra = append(extra, []string{format.Exact(float64(o.Roll.Projects)), format.Exact(float64(o.Roll.Status[model.Done])), format.Exact(float64(o.Roll.Status[model.Overdue]))})
	}
	summary := format.Pick(lang, "各党（工）委项目平均完成率，由高到低排列。", "Mean completion of each committee's projects, highest first.")
	return bars(id, "committees", format.Pick(lang, "各党（工）委完成率", "Completion by committee"), summary,
		format.Pick(lang, "党（工）委", "Committee"), names, values, colors, extra,
		[]string{format.Pick(lang, "项目数", "Projects"), format.Pick(lang, "已完成", "Done"), format.Pick(lang, "逾期", "Overdue")}, lang)
}

// maxBars is how many projects an org chart shows before it shows its
// children's roll-ups instead.
const maxBars = 40

// Org shows an org's projects (its own and its descendants'), or, when there
// are too many, its children's roll-ups.
func Org(id string, o *model.Org, lang string) Chart {
	var ps []*model.Project
	var collect func(*model.Org)
	collect = func(x *model.Org) {
		ps = append(ps, x.Projects...)
		for _, c := range x.Children {
			collect(c)
		}
	}
	collect(o)
	var names, colors []string
	var values []float64
	var extra [][]string
	if len(ps) <= maxBars || len(o.Children) == 0 {
		slices.SortStableFunc(ps, func(a, b *model.Project) int {
			switch {
			case a.Percent > b.Percent:
				return -1
			case a.Percent < b.Percent:
				return 1
			}
			return 0
		})
		for _, p := range ps {
			names = append(names, p.Title)
			values = append(values, p.Percent)
			colors = append(colors, statusColor[p.Status])
			extra = append(extra, []string{format.Status(p.Status, lang)})
		}
		return bars(id, "org", format.Pick(lang, "项目完成率", "Project completion"),
			format.Pick(lang, "本组织及下级组织各项目的完成率，颜色表示状态。", "Completion of each project of this org and its descendants; colour shows status."),
			format.Pick(lang, "项目", "Project"), names, values, colors, extra, []string{format.Pick(lang, "状态", "Status")}, lang)
	}
	// Highest first, as the committees are; equal ones in the tree's order.
	children := slices.DeleteFunc(slices.Clone(o.Children), func(c *model.Org) bool { return c.Roll.Percent() == nil })
	slices.SortStableFunc(children, func(a, b *model.Org) int { return cmp.Compare(*b.Roll.Percent(), *a.Roll.Percent()) })
	for _, c := range children {
		if p := c.Roll.Percent(); p != nil {
			names = append(names, c.Name)
			values = append(values, *p)
			colors = append(colors, accent)
			extra = append(extra, []string{format.Exact(float64(c.Roll.Projects))})
		}
	}
	return bars(id, "org", format.Pick(lang, "下级组织完成率", "Completion by sub-organization"),
		format.Pick(lang, "各下级组织项目的平均完成率。", "Mean completion of each sub-organization's projects."),
		format.Pick(lang, "组织", "Organization"), names, values, colors, extra, []string{format.Pick(lang, "项目数", "Projects")}, lang)
}

// Trend is the mean completion of all projects at the end of each month,
// from the first reading to the as-of date, with the number done.
func Trend(id string, s *model.Site, lang string) Chart {
	first := s.AsOf
	for _, p := range s.Projects {
		if len(p.Readings) > 0 && p.Readings[0].Date < first {
			first = p.Readings[0].Date
		}
	}
	points := monthEnds(first, s.AsOf, 36)
	var cats []string
	var pct []opts.LineData
	var done []opts.LineData
	t := Table{Head: []string{format.Pick(lang, "日期", "Date"), format.Pick(lang, "平均完成率", "Mean completion"), format.Pick(lang, "已完成项目", "Projects done")}}
	// Each project's value at each point (model.ValueAt), its readings and
	// the points walked together, both by date: a province's million
	// projects were searched 36 times each, 3.5 s.
	sums, dones := make([]float64, len(points)), make([]int, len(points))
	for _, p := range s.Projects {
		rs, j := p.Readings, 0 // rs[:j]: the readings up to the point at hand
		for k, d := range points {
			for j < len(rs) && rs[j].Date <= d {
				j++
			}
			v := p.Baseline
			if j > 0 {
				v = rs[j-1].Value
			}
			pc := model.Percent(v, p.Baseline, p.Target)
			sums[k] += pc
			if pc == 1 {
				dones[k]++
			}
		}
	}
	for k, d := range points {
		n := dones[k]
		mean := 0.0
		if len(s.Projects) > 0 {
			mean = sums[k] / float64(len(s.Projects))
		}
		cats = append(cats, format.Month(d, lang))
		pct = append(pct, opts.LineData{Value: pctValue(mean)})
		done = append(done, opts.LineData{Value: n})
		t.Rows = append(t.Rows, Row{format.Date(d, lang), format.Percent(mean), format.Exact(float64(n))})
	}
	line := charts.NewLine()
	line.SetGlobalOptions(
		// {c0} is the percentage's own text (see pctValue): 64.0%, as in the table.
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "axis", Formatter: types.FuncStr(format.Pick(lang,
			"{b0}<br>{a0}：{c0}%<br>{a1}：{c1} 个", "{b0}<br>{a0}: {c0}%<br>{a1}: {c1}"))}),
		charts.WithLegendOpts(opts.Legend{Bottom: "0"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "%", Min: 0, Max: 100}),
		charts.WithGridOpts(opts.Grid{Left: "12", Right: "16", Top: "32", Bottom: "40", ContainLabel: opts.Bool(true)}),
	)
	// A count: whole numbers on its axis, never 0.2 and 0.4.
	line.ExtendYAxis(opts.YAxis{Type: "value", Name: format.Pick(lang, "个", "n"), Position: "right", Min: 0, MinInterval: 1, SplitLine: &opts.SplitLine{Show: opts.Bool(false)}})
	line.SetXAxis(cats).
		AddSeries(format.Pick(lang, "平均完成率", "Mean completion"), pct, charts.WithLineStyleOpts(opts.LineStyle{Color: accent, Width: 3}), charts.WithItemStyleOpts(opts.ItemStyle{Color: accent})).
		AddSeries(format.Pick(lang, "已完成项目", "Projects done"), done, charts.WithLineStyleOpts(opts.LineStyle{Color: statusColor[model.Done], Type: "dashed"}), charts.WithItemStyleOpts(opts.ItemStyle{Color: statusColor[model.Done]}))
	line.MultiSeries[1].YAxisIndex = 1
	line.Validate()
	return Chart{
		ID: id, Kind: "trend", Height: 320, Options: options(line, nil, nil), Table: t,
		Title:   format.Pick(lang, "完成率走势", "Completion over time"),
		Summary: format.Pick(lang, "每月末全部项目的平均完成率和已完成项目数。", "Mean completion of all projects and projects done at each month's end."),
	}
}

// monthEnds lists the last day of each month from first's month to asOf's,
// the last point being asOf itself, at most max points (the latest kept).
func monthEnds(first, asOf model.Date, max int) []model.Date {
	if first > asOf {
		first = asOf
	}
	var out []model.Date
	y, m, _ := first.YMD()
	for {
		end := value.DateOf(y, m, value.DaysIn(y, m))
		if end >= asOf {
			out = append(out, asOf)
			break
		}
		out = append(out, end)
		if m++; m > 12 {
			y, m = y+1, 1
		}
	}
	if len(out) > max {
		out = out[len(out)-max:]
	}
	return out
}
