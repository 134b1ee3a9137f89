package chart

import (
	"html/template"
	"strconv"
	"testing"

	"github.com/qingdan/qingdan/internal/model"
)

// BenchmarkProject makes a project's chart as a county's project page does:
// a year of monthly readings, one with a note. A county has 30,000 such
// pages and a province a million, so its cost is paid per project.
// A build keeps one Projects, whose options per unit are made once.
func BenchmarkProject(b *testing.B) {
	var rs []model.Reading
	for m, d := range []string{"01-31", "02-28", "03-31", "04-30", "05-31", "06-30", "07-31", "08-31", "09-30", "10-31", "11-30", "12-31"} {
		rs = append(rs, rd("2022-"+d, float64(m*3), int32(m+2)))
	}
	p := &model.Project{Title: "移风易俗", Start: day("2022-01-01"), Due: day("2022-12-31"),
		Indicator: "简办婚丧事", Unit: "起", Baseline: 0, Target: 40, Readings: rs, Value: 33}
	notes := model.IndexNotes(map[int32]string{5: "群众满意度回访"})
	var ps Projects // as a build keeps it
	b.ReportAllocs()
	for b.Loop() {
		ps.Chart("chart-project", p, day("2022-12-31"), notes, "zh-CN")
	}
}

// BenchmarkOrgBars makes an org page's bar chart of ten projects, as each
// of a county's 3,000 org pages (a province's 100,000) does; BenchmarkOrgBarsWhole
// the same through go-echarts whole, as every chart was made before.
func BenchmarkOrgBars(b *testing.B)      { benchBars(b, barOptions) }
func BenchmarkOrgBarsWhole(b *testing.B) { benchBars(b, barChart) }

func benchBars(b *testing.B, make func([]string, []float64, []string, string) template.JS) {
	var names, colors []string
	var values []float64
	for i := range 10 {
		names = append(names, "高明县文苑社区第"+strconv.Itoa(i)+"网格党支部")
		values = append(values, float64(i)/10)
		colors = append(colors, statusColor[model.Status(i%int(model.NumStatus))])
	}
	b.ReportAllocs()
	for b.Loop() {
		make(names, values, colors, "zh-CN")
	}
}

// BenchmarkStatus makes an org's status chart that is not kept (more than
// maxKept projects), as a committee's page does; Status is go-echarts'
// way, Statuses the options cut once and written into.
func BenchmarkStatus(b *testing.B) {
	r := model.Rollup{Projects: 48, Status: [model.NumStatus]int{7, 20, 11, 6, 4}}
	b.Run("go-echarts", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Status("chart-status", r, "zh-CN")
		}
	})
	b.Run("cut", func(b *testing.B) {
		var s Statuses // as a build keeps it
		b.ReportAllocs()
		for b.Loop() {
			s.Chart("chart-status", r, "zh-CN")
		}
	})
}
