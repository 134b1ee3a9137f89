package load

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/sheet"
	"github.com/qingdan/qingdan/internal/value"
)

func TestTotalRow(t *testing.T) {
	tests := []struct {
		cells []string
		label string // "" when the row is not a total row
	}{
		{[]string{"合计", "", "=SUM(C3:C9)", ""}, "合计"},
		{[]string{"合  计", "", "6,135", ""}, "合  计"},
		{[]string{" 总计：", "—", "6135", "/"}, "总计："},
		{[]string{"小计", "", "45%", "-"}, "小计"},
		{[]string{"汇总"}, "汇总"},
		{[]string{"", "全县合计", "", "=C3+C4"}, "全县合计"},
		{[]string{"合计（亩）", "", "300"}, "合计（亩）"},
		{[]string{"Total", "", "300"}, "Total"},
		{[]string{"Grand total", "", "＝SUM(C2:C9)"}, "Grand total"},
		{[]string{"3", "合计", "", "300"}, "合计"}, // after its row number
		{[]string{"", "", "", ""}, ""},
		{[]string{"3", "", "300"}, ""},
		{[]string{"1", "tea", "2022-03-31", "300"}, ""},
		{[]string{"合计", "", "300", "截至6月底"}, ""}, // text beside it: a record, however odd
		{[]string{"tea", "2022-03-31", "300", "合计"}, ""},
		{[]string{"合计", "2022-03-31", "300"}, ""},
		{[]string{"统计", "", "300"}, ""},
		{[]string{"本年度各村党组织合计", "", "300"}, ""}, // too long for a label
		{[]string{"totally", "", "300"}, ""},
	}
	for _, tt := range tests {
		label, ok := totalRow(tt.cells)
		if ok != (tt.label != "") || label != tt.label {
			t.Errorf("totalRow(%q) = %q, %v; want %q", tt.cells, label, ok, tt.label)
		}
	}
}

const teaProjects = "tea,county,,茶园,甲,2022-01-01,2022-12-31,面积,亩,100,300\n" +
	"road,county,,道路,乙,2022-01-01,2022-12-31,道路,公里,0,12\n"

// TestTotalRowsCSV: a total row, at the end or between records, is skipped
// with one warning at its line; the rows around it are read.
func TestTotalRowsCSV(t *testing.T) {
	base := map[string]string{"orgs.csv": "id,name,type\ncounty,县委,committee\n", "projects.csv": projectHead + teaProjects}
	tests := []struct {
		name, progress string
		readings       int
		want           []string
	}{
		{"formula text at the end", "tea,2022-03-31,120\nroad,2022-03-31,3\n合计,,=SUM(C2:C3)\n", 2,
			[]string{`data/progress.csv:4: warning: this is a total row ("合计"), not a record; it is skipped`}},
		{"sums kept as numbers, spaced label", "tea,2022-03-31,120\nroad,2022-03-31,3\n合  计,,123,\n", 2,
			[]string{`data/progress.csv:4: warning: this is a total row ("合  计"), not a record; it is skipped`}},
		{"subtotal in the middle", "tea,2022-03-31,120\n小计,—,120,/\nroad,2022-03-31,3\n总计：,,123\n", 2,
			[]string{
				`data/progress.csv:3: warning: this is a total row ("小计"), not a record; it is skipped`,
				`data/progress.csv:5: warning: this is a total row ("总计："), not a record; it is skipped`,
			}},
		{"English label", "tea,2022-03-31,120\nTotal,,120,\n", 1,
			[]string{`data/progress.csv:3: warning: this is a total row ("Total"), not a record; it is skipped`}},
		{"text beside the label is a record", "tea,2022-03-31,120\n合计,,120,截至6月底\n", 1,
			[]string{
				`data/progress.csv:3:1: column project: there is no project with id "合计"`,
				`data/progress.csv:3:4: column date: a value is required`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"progress.csv": "project,date,value,note\n" + tt.progress}
			for k, v := range base {
				files[k] = v
			}
			var l diag.List
			d := Dir(site(t, files), value.DefaultOrgTypes(), sheet.Limits{}, &l)
			errs, warns := 0, 0
			for _, w := range tt.want {
				if strings.Contains(w, "warning:") {
					warns++
				} else {
					errs++
				}
			}
			want := strings.Join(append(tt.want, (diag.M("count", errs, warns)).Local("en")), "\n") + "\n"
			if got := problems(&l); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
			if d.Readings != tt.readings {
				t.Errorf("%d readings, want %d", d.Readings, tt.readings)
			}
		})
	}
}

// formula is a workbook cell holding a formula, with the result Excel
// saved for it, or none (nil) as programs write them.
type formula struct {
	f      string
	result any
}

// TestTotalRowsWorkbook: in a workbook, a total row of formulas is skipped
// whether Excel saved their results or not, or they were typed as text;
// the Chinese warning names the row.
func TestTotalRowsWorkbook(t *testing.T) {
	tests := []struct {
		name string
		sum  any
	}{
		{"formula with its result", formula{"SUM(C3:C4)", 123}},
		{"formula without a result", formula{"SUM(C3:C4)", nil}},
		{"formula typed as text", "=SUM(C3:C4)"},
		{"a number", 123},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := site(t, map[string]string{"orgs.csv": "id,name,type\ncounty,县委,committee\n", "projects.csv": projectHead + teaProjects})
			f := excelize.NewFile()
			defer f.Close()
			rows := [][]any{
				{"2022年党建项目进度表"},
				{"项目编号", "日期", "数值", "备注"},
				{"tea", "2022-03-31", 120, "春茶"},
				{"road", "2022-03-31", 3},
				{},
				{"合  计", "", tt.sum, formula{"COUNTA(D3:D4)&\"条\"", nil}},
			}
			for i, row := range rows {
				for j, v := range row {
					cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
					fv, isFormula := v.(formula)
					if isFormula {
						v = fv.result
					}
					if v != nil {
						if err := f.SetCellValue("Sheet1", cell, v); err != nil {
							t.Fatal(err)
						}
					}
					if isFormula {
						if err := f.SetCellFormula("Sheet1", cell, fv.f); err != nil {
							t.Fatal(err)
						}
					}
				}
			}
			if err := f.SaveAs(filepath.Join(dir, "data", "progress.xlsx")); err != nil {
				t.Fatal(err)
			}
			var l diag.List
			d := Dir(dir, value.DefaultOrgTypes(), sheet.Limits{}, &l)
			var zh strings.Builder
			l.Print(&zh, "zh-CN")
			want := "data/progress.xlsx:1: 提示：第 1 行在表头之上，当作标题跳过（“2022年党建项目进度表”）；表头在第 2 行\n" +
				"data/progress.xlsx:6: 警告：这一行是合计行（“合  计”），不是一条数据，已跳过\n" +
				"0 个错误，1 个警告\n"
			if zh.String() != want {
				t.Errorf("got\n%s\nwant\n%s", zh.String(), want)
			}
			if d.Readings != 2 || d.Notes[3] != "春茶" {
				t.Errorf("%d readings, notes %v", d.Readings, d.Notes)
			}
		})
	}
}

// TestTotalRowCheapForRecords: a record's row is told from a total row
// without an allocation, since every row of a long file is asked.
func TestTotalRowCheapForRecords(t *testing.T) {
	for _, row := range [][]string{
		{"dm-chayuan1", "2022-03-31", "120", "春茶"},
		{"", "tea", "2022-03-31", "120"},
	} {
		if n := testing.AllocsPerRun(100, func() { totalRow(row) }); n > 0 {
			t.Errorf("%q: %v allocations", row, n)
		}
	}
}

// totalLabel turns an ASCII cell away by its first letter only when the
// full test (totalWord) would: for labels in every case,
// cells that only look like them, and letters that fold to ASCII ones.
func TestTotalLabelQuick(t *testing.T) {
	full := totalWord
	cells := []string{"", "t", "Total", "TOTAL", "total:", "Grand Total", "grand total", "Subtotal", "SUB-TOTAL", "Sum", "sum", "ſum", "ſubtotal",
		"合计", "小计", "总计", "汇总", "共计", "p123", "2022-03-31", "gaoming", "s", "GT", "Ｔｏｔａｌ", "Kelvin", "\u212a", "tota", "summary", "序号"}
	for _, c := range cells {
		for _, s := range []string{c, " " + c, c + " ", strings.ToUpper(c), strings.ToLower(c)} {
			if got, want := totalLabel(s), full(s); got != want {
				t.Errorf("totalLabel(%q) = %v, want %v", s, got, want)
			}
		}
	}
}
