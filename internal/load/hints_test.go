package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/sheet"
	"github.com/qingdan/qingdan/internal/value"
)

const projectHead = "id,org,task,title,owner,start,due,indicator,unit,baseline,target\n"

// check loads files and compares every problem, in English, with want.
func check(t *testing.T, files map[string]string, want ...string) *Data {
	t.Helper()
	var l diag.List
	d := Dir(site(t, files), value.DefaultOrgTypes(), sheet.Limits{}, &l)
	got := strings.TrimSuffix(problems(&l), "\n")
	if w := strings.Join(want, "\n"); got != w {
		t.Errorf("got\n%s\nwant\n%s", got, w)
	}
	return d
}

func TestNameWhereIDBelongs(t *testing.T) {
	orgs := "id,name,type,parent\n" +
		"county,中共高明县委,committee,\n" +
		"dongmeng,岩帅镇东勐村党总支,rural,county\n" +
		"twin-a,同名支部,rural,county\n" +
		"twin-b,同名支部,rural,county\n" +
		"longquan,龙泉村党支部,rural,longquam\n" +
		"banqiao,板桥村党支部,rural,中共高明县委\n"
	tasks := "id,title,types,kind\nmeeting,三会一课,rural,required\n"
	tests := []struct {
		name, project, progress string
		want                    []string
	}{
		{"org name", "p1,岩帅镇东勐村党总支,,茶园,甲,2022-01-01,2022-12-31,亩数,亩,0,10\n", "",
			[]string{`data/projects.csv:2:4: column org: "岩帅镇东勐村党总支" is the name of org dongmeng; the column wants the id, so write dongmeng`}},
		{"part of an org name", "p1,东勐村党总支,,茶园,甲,2022-01-01,2022-12-31,亩数,亩,0,10\n", "",
			[]string{`data/projects.csv:2:4: column org: there is no org with id "东勐村党总支"; it looks like the name of org dongmeng ("岩帅镇东勐村党总支"): the column wants the id, so if that is the one, write dongmeng`}},
		{"a name two orgs share", "p1,同名支部,,茶园,甲,2022-01-01,2022-12-31,亩数,亩,0,10\n", "",
			[]string{`data/projects.csv:2:4: column org: "同名支部" is the name of more than one org (twin-a, twin-b); the column wants the id of one of them`}},
		{"a typo in an id", "p1,dongmen,,茶园,甲,2022-01-01,2022-12-31,亩数,亩,0,10\n", "",
			[]string{`data/projects.csv:2:4: column org: there is no org with id "dongmen" (did you mean "dongmeng"?)`}},
		{"task title", "p1,dongmeng,三会一课,茶园,甲,2022-01-01,2022-12-31,亩数,亩,0,10\n", "",
			[]string{`data/projects.csv:2:13: column task: "三会一课" is the name of task meeting; the column wants the id, so write meeting`}},
		{"project title", "p1,dongmeng,,茶园,甲,2022-01-01,2022-12-31,亩数,亩,0,10\n", "茶园,2022-03-31,5\n",
			[]string{`data/progress.csv:2:1: column project: "茶园" is the name of project p1; the column wants the id, so write p1`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"orgs.csv": orgs, "tasks.csv": tasks, "projects.csv": projectHead + tt.project}
			if tt.progress != "" {
				files["progress.csv"] = "project,date,value\n" + tt.progress
			}
			// The orgs' own parents: a typo and a name, at the parent cell.
			want := append([]string{
				`data/orgs.csv:6:23: column parent: there is no org with id "longquam" (did you mean "longquan"?)`,
				`data/orgs.csv:7:22: column parent: "中共高明县委" is the name of org county; the column wants the id, so write county`,
			}, tt.want...)
			check(t, files, append(want, "3 error(s), 0 warning(s)")...)
		})
	}
}

func TestListSeparators(t *testing.T) {
	d := check(t, map[string]string{
		"tasks.csv": "id,title,types,kind\n" +
			"a,甲,rural、社区,required\n" +
			"b,乙,\"organ, school | health\",required\n" +
			"c,丙,rural/工厂,required\n" +
			"d,丁,农村｜社区,required\n",
	},
		`data/tasks.csv:2:5: warning: column types: separate the items of a list with |, not "、": write "rural|社区"`,
		`data/tasks.csv:3:5: warning: column types: separate the items of a list with |, not ",": write "organ|school"`,
		`data/tasks.csv:4:5: column types: "工厂" is not allowed; use one of committee/党(工)委, rural/农村, community/社区, organ/机关, enterprise/国有企业, new/两新组织, school/学校, health/医疗卫生`,
		`data/tasks.csv:4:5: column types: separate the items of a list with |, not "/": write "rural|工厂"`,
		"2 error(s), 2 warning(s)",
	)
	var got []string
	for _, t := range d.Tasks {
		got = append(got, strings.Join(t.Types, "|"))
	}
	if want := "rural|community organ|school|health rural rural|community"; strings.Join(got, " ") != want {
		t.Errorf("types %q, want %q", got, want)
	}
}

func TestTitleRowsAboveHeader(t *testing.T) {
	orgsCSV := "id,name,type\ncounty,县委,committee\n"
	t.Run("skipped with one note", func(t *testing.T) {
		d := check(t, map[string]string{
			"orgs.csv": orgsCSV,
			"projects.csv": "2022年度党建项目清单,,,,\n填报单位：县委组织部,,,,\n\n" + projectHead +
				"p1,county,,项目,甲,2022-01-01,2022-12-31,次数,次,0,4\np2,county,,项目二,甲,2022-01-01,2022-12-31,次数,次,0,4\n",
		}, `data/projects.csv:1: note: row(s) 1, 2 above the header are taken for a title and skipped ("2022年度党建项目清单"); the header is row 4`)
		if len(d.Projects) != 2 || d.Projects[1].Line != 6 {
			t.Errorf("projects %+v", d.Projects)
		}
	})
	t.Run("no header at all", func(t *testing.T) {
		rows := strings.Repeat("p1,county,,项目,甲,2022-01-01,2022-12-31,次数,次,0,4\n", 160)
		check(t, map[string]string{"orgs.csv": orgsCSV, "projects.csv": "2022年度党建项目清单\n" + rows},
			`data/projects.csv:1: the first row is not a header: no cell in the first 5 rows names a known column; the file's first row must name its columns, like id,org,title,owner,start,due,indicator,baseline,target`,
			"1 error(s), 0 warning(s)")
	})
	t.Run("a header that names one column is still the header", func(t *testing.T) {
		check(t, map[string]string{"orgs.csv": "id,名字,种类\ncounty,县委,committee\n"},
			`data/orgs.csv:1: missing required column name`,
			`data/orgs.csv:1: missing required column type`,
			`data/orgs.csv:1:4: warning: unknown column "名字" is ignored (known columns: id, name, type, parent, secretary, members, founded, area, demo, summary)`,
			`data/orgs.csv:1:7: warning: unknown column "种类" is ignored (known columns: id, name, type, parent, secretary, members, founded, area, demo, summary)`,
			"2 error(s), 2 warning(s)")
	})
}

func TestSerialDateHint(t *testing.T) {
	check(t, map[string]string{
		"orgs.csv":     "id,name,type,founded\ncounty,县委,committee,2022\n",
		"projects.csv": projectHead + "p1,county,,项目,甲,44562,2022-12-31,次数,次,0,4\n",
	},
		`data/orgs.csv:2:21: column founded: "2022" is not a valid date (write 2022-03-01, 2022/3/1 or 2022年3月1日)`,
		`data/projects.csv:2:17: column start: "44562" is a date that Excel exported as a number (it would read 2022-01-01): format the column as a date in Excel and export it again, or write 2022-01-01`,
		"2 error(s), 0 warning(s)")
}

func TestImplausibleReadings(t *testing.T) {
	projects := projectHead +
		"tea,county,,茶园,甲,2022-01-01,2022-12-31,茶园面积,亩,1860,2257\n" +
		"road,county,,道路,甲,2022-01-01,2022-12-31,道路,公里,0,12\n" +
		"rate,county,,覆盖率,甲,2022-01-01,2022-12-31,覆盖率,%,20,100\n" +
		"cut,county,,压减,甲,2022-01-01,2022-12-31,空壳村,个,10,2\n"
	tests := []struct{ reading, want string }{
		{"tea,2022-03-31,2000", ""},
		{"tea,2022-03-31,2257", ""},
		{"tea,2022-03-31,3000", ""}, // beyond the target, but not wildly
		{"road,2022-03-31,80%", `data/progress.csv:2:17: warning: the value "80%" has a % sign but project "road" is counted in "公里": it is read as 80 公里; check it`},
		{"rate,2022-03-31,80%", ""},
		{"rate,2022-03-31,80", ""},
		{"tea,2022-03-31,20000", `data/progress.csv:2:16: warning: value "20000" is far beyond the target: baseline 1860, target 2257, and the reading is more than 5 times as far from the baseline; an extra zero?`},
		{"road,2022-03-31,120", `data/progress.csv:2:17: warning: value "120" is far beyond the target: baseline 0, target 12, and the reading is more than 5 times as far from the baseline; an extra zero?`},
		{"tea,2022-03-31,186", `data/progress.csv:2:16: warning: value "186" is below the baseline 1860, yet project "tea" grows from 1860 to 2257: check it`},
		{"cut,2022-03-31,12", `data/progress.csv:2:16: warning: value "12" is above the baseline 10, yet project "cut" reduces from 10 to 2: check it`},
		{"cut,2022-03-31,5", ""},
		{"cut,2022-03-31,0", ""},
	}
	for _, tt := range tests {
		t.Run(tt.reading, func(t *testing.T) {
			var want []string
			if tt.want != "" {
				want = []string{tt.want, "0 error(s), 1 warning(s)"}
			}
			check(t, map[string]string{
				"orgs.csv":     "id,name,type\ncounty,县委,committee\n",
				"projects.csv": projects,
				"progress.csv": "project,date,value\n" + tt.reading + "\n",
			}, want...)
		})
	}
}

func TestLate(t *testing.T) {
	files := map[string]string{
		"orgs.csv":     "id,name,type\ncounty,县委,committee\n",
		"projects.csv": projectHead + "p1,county,,项目,甲,2022-01-01,2023-12-31,次数,次,0,10\np2,county,,项目二,甲,2022-01-01,2023-12-31,次数,次,0,10\n",
		"progress.csv": "project,date,value\np1,2022-03-31,1\np2,2023-05-31,3\np1,2023-04-30,2\np2,2022-06-30,2\n",
	}
	d := check(t, files)
	tests := []struct {
		asOf     string
		fromFlag bool
		want     string
	}{
		{"2022-06-30", false, "data/progress.csv:3: warning: 2 reading(s) dated after the as-of date 2022-06-30 (set by as_of in qingdan.toml) are left out; the latest is dated 2023-05-31. To count them, remove as_of from qingdan.toml (the latest reading's date is then used) or set it later.\n"},
		{"2023-04-30", true, "data/progress.csv:3: warning: 1 reading(s) dated after the as-of date 2023-04-30 (set by --as-of) are left out; the latest is dated 2023-05-31. To count them, pass a later --as-of, or none.\n"},
		{"2023-05-31", false, ""},
		{"2024-01-01", true, ""},
	}
	for _, tt := range tests {
		var l diag.List
		asOf, _ := value.ParseDate(tt.asOf)
		d.Late(asOf, tt.fromFlag, &l)
		var b strings.Builder
		for _, x := range l.Sorted() {
			b.WriteString(x.Text("en") + "\n")
		}
		if b.String() != tt.want {
			t.Errorf("as of %s: got\n%s\nwant\n%s", tt.asOf, b.String(), tt.want)
		}
	}
	var l diag.List
	d.Late(value.NoDate, false, &l)
	if l.Len() != 0 {
		t.Error("a warning without an as-of date")
	}
	var zh diag.List
	asOf, _ := value.ParseDate("2022-06-30")
	d.Late(asOf, false, &zh)
	if got := zh.Sorted()[0].Text("zh-CN"); got != "data/progress.csv:3: 警告：2 个读数的日期晚于统计截止日期 2022-06-30（由 qingdan.toml 中的 as_of 指定），没有计入；最晚的读数是 2023-05-31。要计入这些读数，请删去 qingdan.toml 中的 as_of（届时取最晚读数的日期），或把它改晚" {
		t.Error(got)
	}
}

// workbook writes an xlsx file of rows into the site's data folder; a cell
// "=F" becomes a formula F saved without a result, as programs write them.
func workbook(t *testing.T, dir, name string, rows [][]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range rows {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if s, ok := v.(string); ok && strings.HasPrefix(s, "=") {
				if err := f.SetCellFormula("Sheet1", cell, s[1:]); err != nil {
					t.Fatal(err)
				}
				continue
			}
			if err := f.SetCellValue("Sheet1", cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SaveAs(filepath.Join(dir, "data", name)); err != nil {
		t.Fatal(err)
	}
}

func TestWorkbookCells(t *testing.T) {
	dir := site(t, map[string]string{
		"orgs.csv":     "id,name,type\ncounty,县委,committee\n",
		"projects.csv": projectHead + "p1,county,,项目,甲,2022-01-01,2022-12-31,次数,次,0,10\n",
	})
	workbook(t, dir, "progress.xlsx", [][]any{
		{"2022年进度表"},
		{"项目编号", "日期", "数值", "说明"},
		{"p1", "2022-03-31", 2},
		{"p1", 44712, 3},
		{"p1", "2022-06-30", "=SUM(1,2)"},
		{"p1", "2022-07-31", "约五"},
		{"p2", "2022-08-31", 5, "x"},
	})
	var l diag.List
	d := Dir(dir, value.DefaultOrgTypes(), sheet.Limits{}, &l)
	want := `data/progress.xlsx:1: note: row(s) 1 above the header are taken for a title and skipped ("2022年进度表"); the header is row 2
data/progress.xlsx:B4: column date: "44712" is a date stored as a number (it would read 2022-05-31): format the cell as a date
data/progress.xlsx:C5: column value: the cell holds the formula "=SUM(1,2)" but the file has no saved result for it (most likely a program wrote the file): open and save it in Excel or WPS, or paste the column as values
data/progress.xlsx:C6: column value: "约五" is not a number (write a number like 1239, 1,239 or 12.5)
data/progress.xlsx:A7: column project: there is no project with id "p2" (did you mean "p1"?)
4 error(s), 0 warning(s)
`
	if got := problems(&l); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if d.Readings != 1 || d.Progress != "data/progress.xlsx" {
		t.Errorf("readings %d in %q", d.Readings, d.Progress)
	}
	if err := os.Remove(filepath.Join(dir, "data", "progress.xlsx")); err != nil {
		t.Fatal(err)
	}
}
