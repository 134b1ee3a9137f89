package opendata

import (
	"io"
	"strconv"
	"testing"

	"github.com/qingdan/qingdan/internal/load"
	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/value"
	"github.com/qingdan/qingdan/internal/view"
)

// countyView is a site of county scale: 3,000 orgs, 30,000 projects of 12
// readings each (360,000 readings).
func countyView(b testing.TB) *view.View {
	b.Helper()
	d := value.DateOf
	in := model.Input{AsOf: d(2022, 12, 31), WarnGap: 0.2, Types: value.DefaultOrgTypes()}
	for i := range 3000 {
		o := &load.Org{ID: "o" + strconv.Itoa(i), Name: "党支部" + strconv.Itoa(i), Type: "rural", Members: 20 + i%50, Founded: value.NoDate}
		if i > 0 {
			o.ParentID = "o0"
		}
		in.Orgs = append(in.Orgs, o)
	}
	for i := range 30000 {
		p := &load.Project{ID: "p" + strconv.Itoa(i), OrgID: "o" + strconv.Itoa(i%3000), Title: "项目" + strconv.Itoa(i), Category: "基层治理",
			Owner: "张三", Start: d(2022, 1, 1), Due: d(2022, 12, 31), Indicator: "覆盖楼栋", Unit: "栋", Baseline: 0, Target: 1200}
		for m := 1; m <= 12; m++ {
			p.Readings = append(p.Readings, model.Reading{Date: d(2022, m, 28), Line: int32(i*12 + m), Value: float64(m * 100)})
		}
		in.Projects = append(in.Projects, p)
	}
	return &view.View{Model: model.New(in), Lang: "zh-CN", Title: "县"}
}

func BenchmarkWorkbookCounty(b *testing.B) {
	v := countyView(b)
	b.ResetTimer()
	for b.Loop() {
		if err := projectsXLSX(io.Discard, v, SheetRows, ReadingRows); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCSVCounty(b *testing.B) {
	v := countyView(b)
	b.ResetTimer()
	for b.Loop() {
		if err := writeCSV(io.Discard, projectsTable(v), v.Lang); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWorkbookCountyReadings writes the county's workbook with its
// 360,000 readings, as it would without ReadingRows.
func BenchmarkWorkbookCountyReadings(b *testing.B) {
	v := countyView(b)
	b.ResetTimer()
	for b.Loop() {
		if err := projectsXLSX(io.Discard, v, SheetRows, SheetRows); err != nil {
			b.Fatal(err)
		}
	}
}
