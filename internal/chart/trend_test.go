package chart

import (
	"testing"

	"github.com/qingdan/qingdan/internal/format"
	"github.com/qingdan/qingdan/internal/model"
)

func TestTrend(t *testing.T) {
	s := site()
	c := Trend("chart-trend", s, "zh-CN")
	eq(t, "id", c.ID, "chart-trend")
	eq(t, "kind", c.Kind, "trend")
	eq(t, "title", c.Title, "完成率走势")
	eq(t, "height", c.Height, 320)
	// From the first reading (阳光司法, 02-28) to as_of, at each month's end:
	// 02-28 e 8%: 0.08/8; 03-31 + c 40%: 0.48/8; 05-31 + d 35%: 0.83/8;
	// 06-30 everything: 4.2/8, two done. Readings after as_of do not count.
	eq(t, "table", c.Table, Table{
		Head: []string{"日期", "平均完成率", "已完成项目"},
		Rows: []Row{
			{"2022年2月28日", "1.0%", "0"},
			{"2022年3月31日", "6.0%", "0"},
			{"2022年4月30日", "6.0%", "0"},
			{"2022年5月31日", "10.4%", "0"},
			{"2022年6月30日", "52.5%", "2"},
		},
	})
	e := decode(t, c)
	if len(e.Series) != 2 || e.Series[0].Type != "line" || e.Series[1].Type != "line" {
		t.Fatalf("series %+v", e.Series)
	}
	eq(t, "series", seriesNames(e), []string{"平均完成率", "已完成项目"})
	eq(t, "months", e.XAxis[0].Data, []string{"2022年2月", "2022年3月", "2022年4月", "2022年5月", "2022年6月"})
	eq(t, "mean", values(e, 0), []string{`"1.0"`, `"6.0"`, `"6.0"`, `"10.4"`, `"52.5"`})
	eq(t, "done", values(e, 1), []string{"0", "0", "0", "0", "2"})
	eq(t, "done on the right axis", e.Series[1].YAxisIndex, 1)
	if len(e.YAxis) != 2 || e.YAxis[1].Name != "个" {
		t.Errorf("y axes %+v", e.YAxis)
	}

	en := Trend("t", s, "en")
	eq(t, "en title", en.Title, "Completion over time")
	eq(t, "en head", en.Table.Head, []string{"Date", "Mean completion", "Projects done"})
	eq(t, "en dates", column(en.Table, 0), []string{"February 28, 2022", "March 31, 2022", "April 30, 2022", "May 31, 2022", "June 30, 2022"})
	ee := decode(t, en)
	eq(t, "en months", ee.XAxis[0].Data, []string{"Feb 2022", "Mar 2022", "Apr 2022", "May 2022", "Jun 2022"})
	eq(t, "en series", seriesNames(ee), []string{"Mean completion", "Projects done"})
	if hasHan(string(en.Options)) {
		t.Errorf("English trend options hold Chinese: %s", en.Options)
	}
}

func TestTrendRange(t *testing.T) {
	// as_of mid-month: the last point is as_of itself.
	in := records()
	in.AsOf = day("2022-04-15")
	c := Trend("t", model.New(in), "zh-CN")
	eq(t, "dates", column(c.Table, 0), []string{"2022年2月28日", "2022年3月31日", "2022年4月15日"})
	eq(t, "mean", column(c.Table, 1), []string{"1.0%", "6.0%", "6.0%"})

	// Readings from 2019-01 on give 42 month ends; the latest 36 are kept.
	in = records()
	in.Projects[0].Readings = []model.Reading{rd("2019-01-15", 1, 1), rd("2022-06-30", 9, 2)}
	c = Trend("t", model.New(in), "zh-CN")
	if len(c.Table.Rows) != 36 || c.Table.Rows[0][0] != "2019年7月31日" || c.Table.Rows[35][0] != "2022年6月30日" {
		t.Errorf("%d points from %v to %v", len(c.Table.Rows), c.Table.Rows[0], c.Table.Rows[len(c.Table.Rows)-1])
	}
	if n := len(decode(t, c).XAxis[0].Data); n != 36 {
		t.Errorf("%d months on the axis", n)
	}

	// No projects: one point, as_of, at 0%.
	c = Trend("t", model.New(model.Input{AsOf: day("2022-06-30")}), "en")
	eq(t, "empty", c.Table.Rows, []Row{{"June 30, 2022", "0.0%", "0"}})
}

func TestMonthEnds(t *testing.T) {
	str := func(ds []model.Date) []string {
		var out []string
		for _, d := range ds {
			out = append(out, d.String())
		}
		return out
	}
	eq(t, "across a year", str(monthEnds(day("2021-11-03"), day("2022-02-10"), 36)), []string{"2021-11-30", "2021-12-31", "2022-01-31", "2022-02-10"})
	eq(t, "leap February", str(monthEnds(day("2024-02-01"), day("2024-03-31"), 36)), []string{"2024-02-29", "2024-03-31"})
	eq(t, "first after as_of", str(monthEnds(day("2023-01-01"), day("2022-06-30"), 36)), []string{"2022-06-30"})
	eq(t, "capped", str(monthEnds(day("2022-01-01"), day("2022-06-30"), 2)), []string{"2022-05-31", "2022-06-30"})
}

func TestProject(t *testing.T) {
	s := site()
	p := s.ProjectByID["e"]
	c := Project("chart-project", p, s.AsOf, model.IndexNotes(map[int32]string{11: "首次测量"}), "zh-CN")
	eq(t, "id", c.ID, "chart-project")
	eq(t, "kind", c.Kind, "project")
	eq(t, "title", c.Title, "进度读数")
	eq(t, "height", c.Height, 300)
	eq(t, "visible", c.Visible, true)
	eq(t, "summary", c.Summary, "公开案件：基准值 0，目标值 100，最新读数 10。")
	// The reading of 07-31 is after as_of and is not shown.
	eq(t, "table", c.Table, Table{
		Head: []string{"日期", "数值", "完成率", "说明"},
		Rows: []Row{
			{"2022年2月28日", "8", "8.0%", "首次测量"},
			{"2022年6月30日", "10", "10.0%", ""},
		},
	})
	e := decode(t, c)
	eq(t, "series", seriesNames(e), []string{"读数", "计划进度", "目标值"})
	eq(t, "readings", values(e, 0), []string{`["2022-02-28",8]`, `["2022-06-30",10]`})
	eq(t, "plan", values(e, 1), []string{`["2022-01-01",0]`, `["2022-12-31",100]`})
	eq(t, "target", values(e, 2), []string{`["2022-01-01",100]`, `["2022-12-31",100]`})
	eq(t, "time axis", e.XAxis[0].Type, "time")
	eq(t, "unit", e.YAxis[0].Name, "件")

	// A reducing project: the plan runs down from the baseline.
	d := Project("p", s.ProjectByID["d"], s.AsOf, nil, "zh-CN")
	eq(t, "reduce table", d.Table.Rows, []Row{{"2022年5月31日", "65", "35.0%", ""}})
	eq(t, "reduce plan", values(decode(t, d), 1), []string{`["2022-01-01",100]`, `["2022-12-31",0]`})

	en := Project("p", p, s.AsOf, model.IndexNotes(map[int32]string{11: "first"}), "en")
	eq(t, "en title", en.Title, "Readings")
	eq(t, "en summary", en.Summary, "公开案件: baseline 0, target 100, latest 10.")
	eq(t, "en head", en.Table.Head, []string{"Date", "Value", "Completion", "Note"})
	eq(t, "en rows", en.Table.Rows, []Row{{"February 28, 2022", "8", "8.0%", "first"}, {"June 30, 2022", "10", "10.0%", ""}})
	eq(t, "en series", seriesNames(decode(t, en)), []string{"Readings", "Plan", "Target"})

	// No readings yet: an empty readings series, still valid JSON.
	f := Project("p", s.ProjectByID["f"], s.AsOf, nil, "en")
	if len(f.Table.Rows) != 0 || len(decode(t, f).Series[0].Data) != 0 {
		t.Errorf("project without readings: %v", f.Table.Rows)
	}
}

// TestTrendAsValueAt: the trend's figures at each point are the projects'
// values there as model.ValueAt gives them (readings on the day of a
// point, several in a month, before the first point, after as_of).
func TestTrendAsValueAt(t *testing.T) {
	in := records()
	dates := []string{"2021-11-03", "2022-01-31", "2022-02-01", "2022-02-28", "2022-02-28", "2022-03-15", "2022-03-31", "2022-05-02", "2022-06-30", "2022-07-01"}
	for i, p := range in.Projects {
		p.Readings = nil
		for j, d := range dates {
			if (i+j)%3 != 0 {
				p.Readings = append(p.Readings, rd(d, p.Baseline+(p.Target-p.Baseline)*float64(j)/8, int32(100*i+j)))
			}
		}
	}
	s := model.New(in)
	c := Trend("t", s, "zh-CN")
	points := monthEnds(day("2021-11-03"), s.AsOf, 36)
	if len(c.Table.Rows) != len(points) {
		t.Fatalf("%d rows for %d points", len(c.Table.Rows), len(points))
	}
	for k, d := range points {
		sum, n := 0.0, 0
		for _, p := range s.Projects {
			v, ok := model.ValueAt(p.Readings, d)
			if !ok {
				v = p.Baseline
			}
			pc := model.Percent(v, p.Baseline, p.Target)
			sum += pc
			if pc == 1 {
				n++
			}
		}
		want := Row{format.Date(d, "zh-CN"), format.Percent(sum / float64(len(s.Projects))), format.Exact(float64(n))}
		eq(t, "point "+d.String(), c.Table.Rows[k], want)
	}
}
