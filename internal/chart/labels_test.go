package chart

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/load"
	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/value"
)

// opts is a chart's options as plain JSON: base (the baseOption, or the
// options themselves) and its media rules.
type jsonOpts struct {
	base  map[string]any
	media []map[string]any
}

func plain(t *testing.T, c Chart) jsonOpts {
	t.Helper()
	var m map[string]any
	d := json.NewDecoder(bytes.NewReader([]byte(c.Options)))
	d.UseNumber()
	if err := d.Decode(&m); err != nil {
		t.Fatalf("%s: %v", c.ID, err)
	}
	o := jsonOpts{base: m}
	if b, ok := m["baseOption"].(map[string]any); ok {
		o.base = b
		for _, r := range m["media"].([]any) {
			o.media = append(o.media, r.(map[string]any))
		}
	}
	return o
}

// at walks a JSON value: at(v, "yAxis", 0, "axisLabel") is v.yAxis[0].axisLabel.
func at(v any, path ...any) any {
	for _, k := range path {
		switch k := k.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		case int:
			a, ok := v.([]any)
			if !ok || k >= len(a) {
				return nil
			}
			v = a[k]
		}
	}
	return v
}

func str(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case bool:
		if v {
			return "true"
		}
		return "false"
	case nil:
		return "<none>"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// long is a site whose committee and project names run long: a 26-character
// committee, a project title of 40 characters.
func long() *model.Site {
	in := model.Input{AsOf: day("2022-06-30"), WarnGap: value.DefaultWarnGap, Orgs: []*load.Org{
		{ID: "c", Name: "中共某某自治州某某县某某街道社区工作委员会第一联合党委", Type: "committee"},
	}}
	in.Projects = []*load.Project{{ID: "p", OrgID: "c", Title: strings.Repeat("党支部标准化规范化建设", 4), Start: day("2022-01-01"), Due: day("2022-12-31"),
		Target: 10, Readings: []model.Reading{rd("2022-06-30", 5, 1)}}}
	return model.New(in)
}

// TestBarLabelsWhole: a bar's name is never cut. Left of the bars it wraps
// at labelWide pixels (ECharts' "break"), never "truncate"; on a narrow
// chart (a phone) it stands above its bar, as wide as the chart allows; and
// every row is high enough for the longest name, wrapped.
func TestBarLabelsWhole(t *testing.T) {
	s, l := site(), long()
	for _, c := range []Chart{
		Committees("c", committees(s), "zh-CN"),
		Org("o", s.OrgByID["county"], "zh-CN"),
		Org("o", bigOrg(21, 20).OrgByID["root"], "zh-CN"),
		Committees("c", l.Orgs, "zh-CN"),
		Org("o", l.Orgs[0], "en"),
	} {
		if strings.Contains(string(c.Options), "truncate") {
			t.Errorf("%s: something is truncated: %s", c.Kind, c.Options)
		}
		o := plain(t, c)
		label := at(o.base, "yAxis", 0, "axisLabel")
		for k, want := range map[string]string{"overflow": "break", "width": "200", "lineHeight": "16"} {
			if got := str(at(label, k)); got != want {
				t.Errorf("%s: yAxis.axisLabel.%s = %s, want %s", c.Kind, k, got, want)
			}
		}
		if str(at(o.base, "grid", 0, "containLabel")) != "true" {
			t.Errorf("%s: the grid does not make room for the names: %s", c.Kind, str(at(o.base, "grid")))
		}
		checkLayouts(t, c, 559)
		narrow := at(o.media[0], "option", "yAxis", 0, "axisLabel")
		for k, want := range map[string]string{"inside": "true", "verticalAlign": "bottom", "width": "250"} {
			if got := str(at(narrow, k)); got != want {
				t.Errorf("%s: narrow yAxis.axisLabel.%s = %s, want %s", c.Kind, k, got, want)
			}
		}
		// The first label stands above the first bar, inside the chart.
		if top, _ := at(o.media[0], "option", "grid", 0, "top").(json.Number).Int64(); top < 8 {
			t.Errorf("%s: narrow grid top %d px leaves the first name no room", c.Kind, top)
		}
		names := column(c.Table, 0)
		if len(names) == 0 {
			t.Fatalf("%s: no rows", c.Kind)
		}
		row := (c.Height - 40) / len(names)
		if need := 28 + 16*lines(names, 250); row < need {
			t.Errorf("%s: rows %d px high, the longest name above its bar needs %d", c.Kind, row, need)
		}
		if need := 12 + 16*lines(names, 200); row < need {
			t.Errorf("%s: rows %d px high, the longest name beside its bar needs %d", c.Kind, row, need)
		}
	}
	// The long site's rows grow: its 44-character project title (528 px)
	// wraps to three lines above its bar.
	if c := Org("o", l.Orgs[0], "zh-CN"); c.Height != 40+28+3*16 {
		t.Errorf("a 44-character title: height %d, want %d", c.Height, 40+28+3*16)
	}
}

func TestTextWidth(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want int
	}{
		{"", 0},
		{"中共高明县委", 72},
		{"ABC 12", 42},
		{"（工）", 36},     // full-width brackets
		{"ｱｲ", 14},      // half-width katakana: narrow
		{"党建 2022", 59}, // mixed
	} {
		if got := textWidth(tc.s); got != tc.want {
			t.Errorf("textWidth(%q) = %d, want %d", tc.s, got, tc.want)
		}
	}
	if n := lines([]string{"短", strings.Repeat("长", 21)}, 250); n != 2 {
		t.Errorf("21 wide characters at 250 px: %d lines, want 2", n)
	}
	if n := lines(nil, 250); n != 1 {
		t.Errorf("no names: %d lines, want 1", n)
	}
}

var (
	pctText = regexp.MustCompile(`^\d{1,3}\.\d$`)
	// a formatter that shows a percentage puts % after a value's own text
	// ({c}, {c0}) or an axis tick's ({value}); never ECharts' {d}.
	pctFormatter = regexp.MustCompile(`\{(c|c\d|value)\}%`)
)

// formatters lists every "formatter" string in a JSON value.
func formatters(v any) []string {
	var out []string
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && k == "formatter" {
				out = append(out, s)
			}
			out = append(out, formatters(x)...)
		}
	case []any:
		for _, x := range v {
			out = append(out, formatters(x)...)
		}
	}
	return out
}

// TestOnePercentFormat: every percentage a chart shows has one decimal, the
// very text of its table (73.0%, never 73% beside 77.1%): plotted values
// are that text, and the labels and tooltips add "%" to it.
func TestOnePercentFormat(t *testing.T) {
	s := site()
	for _, lang := range []string{"zh-CN", "en"} {
		for _, c := range []Chart{
			Committees("c", committees(s), lang),
			Org("o", s.OrgByID["county"], lang),
			Org("o", bigOrg(21, 20).OrgByID["root"], lang),
			Trend("t", s, lang),
		} {
			e := decode(t, c)
			col := 1 // the table's percent column
			var got, want []string
			for _, v := range values(e, 0) {
				var text string
				if err := json.Unmarshal([]byte(v), &text); err != nil || !pctText.MatchString(text) {
					t.Errorf("%s: plotted percentage %s is not text with one decimal", c.Kind, v)
				}
				got = append(got, text+"%")
			}
			for _, r := range c.Table.Rows {
				want = append(want, r[col])
			}
			if c.Kind != "trend" { // bars list the last row first
				for i, j := 0, len(want)-1; i < j; i, j = i+1, j-1 {
					want[i], want[j] = want[j], want[i]
				}
			}
			eq(t, c.Kind+" "+lang+" percentages as in the table", got, want)
			o := plain(t, c)
			for _, f := range formatters(o.base) {
				if strings.Contains(f, "{d}") {
					t.Errorf("%s: formatter %q uses ECharts' own percentage", c.Kind, f)
				}
				if strings.Contains(f, "%") && !pctFormatter.MatchString(f) {
					t.Errorf("%s: formatter %q shows a percentage some other way", c.Kind, f)
				}
			}
		}
		// The donut's tooltips give each share as its table does.
		c := Status("s", s.Total, lang)
		o := plain(t, c)
		for i, r := range c.Table.Rows {
			tip := str(at(o.base, "series", 0, "data", i, "tooltip", "formatter"))
			if !strings.Contains(tip, r[0]) || !strings.Contains(tip, r[2]) || strings.Contains(tip, "{") {
				t.Errorf("status %s: tooltip %q, want %s and %s", lang, tip, r[0], r[2])
			}
		}
		for _, f := range formatters(o.base) {
			if strings.Contains(f, "{d}") {
				t.Errorf("status: formatter %q uses ECharts' own percentage", f)
			}
		}
	}
	eq(t, "a tooltip", str(at(plain(t, Status("s", s.Total, "zh-CN")).base, "series", 0, "data", 0, "tooltip", "formatter")), "已完成：2（25.0%）")
}

// TestCountAxes: an axis of counts shows whole numbers (minInterval 1), not
// 0.2 and 0.4: the trend's projects done, and a project counted in whole
// units; a project measured in fractions (2.5 公里) keeps fractions.
func TestCountAxes(t *testing.T) {
	s := site()
	tr := plain(t, Trend("t", s, "zh-CN"))
	eq(t, "trend count axis", []string{str(at(tr.base, "yAxis", 1, "minInterval")), str(at(tr.base, "yAxis", 1, "min"))}, []string{"1", "0"})
	eq(t, "trend percent axis", []string{str(at(tr.base, "yAxis", 0, "min")), str(at(tr.base, "yAxis", 0, "max"))}, []string{"0", "100"})

	p := s.ProjectByID["e"] // 0 → 100 件, readings 8, 10 (and 50 after as_of)
	eq(t, "whole units", str(at(plain(t, Project("p", p, s.AsOf, nil, "zh-CN")).base, "yAxis", 0, "minInterval")), "1")

	in := records()
	for _, x := range in.Projects {
		if x.ID == "e" {
			x.Unit, x.Target = "公里", 12.5
		}
		if x.ID == "g" {
			x.Readings = append(x.Readings, rd("2022-06-20", 6.5, 51))
		}
	}
	fs := model.New(in)
	for _, id := range []string{"e", "g"} {
		if got := at(plain(t, Project("p", fs.ProjectByID[id], fs.AsOf, nil, "zh-CN")).base, "yAxis", 0, "minInterval"); got != nil {
			t.Errorf("project %s measured in fractions: minInterval %v", id, got)
		}
	}
	// A fraction only after as_of is not plotted and does not count.
	in = records()
	for _, x := range in.Projects {
		if x.ID == "e" {
			x.Readings[2].Value = 50.5
		}
	}
	ws := model.New(in)
	eq(t, "a fraction after as_of", str(at(plain(t, Project("p", ws.ProjectByID["e"], ws.AsOf, nil, "zh-CN")).base, "yAxis", 0, "minInterval")), "1")
}

// TestDonutLabelsWhole: the donut's labels are never cut ("正…"): no
// overflow, and on a narrow chart a smaller ring leaves them room.
func TestDonutLabelsWhole(t *testing.T) {
	o := plain(t, Status("s", site().Total, "zh-CN"))
	eq(t, "label overflow", str(at(o.base, "series", 0, "label", "overflow")), "none")
	checkLayouts(t, Status("s", site().Total, "zh-CN"), 420)
	eq(t, "narrow ring", str(at(o.media[0], "option", "series", 0, "radius")), `["28%","46%"]`)
	eq(t, "wide ring", str(at(o.base, "series", 0, "radius")), `["36%","58%"]`)
}

// paths lists the leaves of a JSON value, as "yAxis.0.axisLabel.width",
// with their values; arrays of plain values are leaves.
func paths(prefix string, v any, out map[string]string) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			paths(prefix+"."+k, x, out)
		}
		return
	case []any:
		if len(v) > 0 {
			if _, ok := v[0].(map[string]any); ok {
				for i, x := range v {
					paths(fmt.Sprintf("%s.%d", prefix, i), x, out)
				}
				return
			}
		}
	}
	out[strings.TrimPrefix(prefix, ".")] = str(v)
}

// checkLayouts: a chart's narrow layout is an ECharts media rule for charts
// up to maxWidth px, followed by the rule without a query (ECharts' default)
// that sets every option the narrow rule sets, to the base options' values:
// else a chart drawn narrow and then widened (a phone turned sideways, a
// window made wider) would keep its narrow layout.
func checkLayouts(t *testing.T, c Chart, maxWidth int) {
	t.Helper()
	o := plain(t, c)
	if len(o.media) != 2 || str(at(o.media[0], "query", "maxWidth")) != fmt.Sprint(maxWidth) || o.media[1]["query"] != nil {
		t.Fatalf("%s: media %v, want a rule for charts up to %d px and a default rule", c.Kind, o.media, maxWidth)
	}
	narrow, wide, base := map[string]string{}, map[string]string{}, map[string]string{}
	paths("", o.media[0]["option"], narrow)
	paths("", o.media[1]["option"], wide)
	paths("", o.base, base)
	for p, v := range narrow {
		w, ok := wide[p]
		if !ok {
			t.Errorf("%s: the narrow layout sets %s (%s), the wide one does not set it back", c.Kind, p, v)
			continue
		}
		if base[p] != w {
			t.Errorf("%s: %s is %s in the base options, %s in the wide layout", c.Kind, p, base[p], w)
		}
	}
}
