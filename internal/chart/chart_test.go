package chart

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/load"
	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/value"
)

func day(s string) model.Date {
	d, why := value.ParseDate(s)
	if why != nil {
		panic(s)
	}
	return d
}

func rd(date string, v float64, line int32) model.Reading {
	return model.Reading{Date: day(date), Value: v, Line: line}
}

// records is a small county as of 2022-06-30 (elapsed ≈ 0.49 for the year's
// projects):
//
//	中共高明县委 (committee)        h 先锋岗     0→10  reads 6      60%  on track
//	  高明镇党委 (committee)        d 镇级项目   100→0 reads 65     35%  on track
//	    东村社区党总支              g 党员之家   0→8   reads 6      75%  on track
//	                                c 垃圾分类   0→10  reads 4      40%  overdue (due 03-31)
//	    文苑社区党总支              a 九宫格     0→9   reads 9     100%  done
//	                                b 书香社区   0→4   reads 4     100%  done
//	  县法院机关党委                e 阳光司法   0→100 reads 8, 10  10%  behind (a later 50 is after as_of)
//	                                f 产业       starts 08-01       0%  not started
//	阿坝某党委 (committee)          no projects
//
// Totals: done 2, on track 3, behind 1, overdue 1, not started 1; mean 4.2/8 = 52.5%.
// 高明镇党委 rolls up 5 projects, mean 3.5/5 = 70%.
func records() model.Input {
	orgs := []*load.Org{
		{ID: "county", Name: "中共高明县委", Type: "committee"},
		{ID: "town", Name: "高明镇党委", Type: "committee", ParentID: "county"},
		{ID: "dongcun", Name: "东村社区党总支", Type: "community", ParentID: "town"},
		{ID: "wenyuan", Name: "文苑社区党总支", Type: "community", ParentID: "town"},
		{ID: "court", Name: "县法院机关党委", Type: "organ", ParentID: "county"},
		{ID: "idle", Name: "阿坝某党委", Type: "committee"},
	}
	y := func(id, org, title string, base, target float64, rs ...model.Reading) *load.Project {
		return &load.Project{ID: id, OrgID: org, Title: title, Start: day("2022-01-01"), Due: day("2022-12-31"),
			Indicator: "指标" + id, Unit: "个", Baseline: base, Target: target, Readings: rs}
	}
	c := y("c", "dongcun", "垃圾分类", 0, 10, rd("2022-03-31", 4, 30))
	c.Due = day("2022-03-31")
	f := y("f", "court", "产业", 0, 10)
	f.Start = day("2022-08-01")
	e := y("e", "court", "阳光司法", 0, 100, rd("2022-02-28", 8, 11), rd("2022-06-30", 10, 12), rd("2022-07-31", 50, 13))
	e.Indicator, e.Unit = "公开案件", "件"
	projects := []*load.Project{
		y("a", "wenyuan", "九宫格", 0, 9, rd("2022-06-30", 9, 20)),
		y("b", "wenyuan", "书香社区", 0, 4, rd("2022-06-01", 4, 21)),
		c,
		y("d", "town", "镇级项目", 100, 0, rd("2022-05-31", 65, 40)),
		e,
		f,
		y("g", "dongcun", "党员之家", 0, 8, rd("2022-06-15", 6, 50)),
		y("h", "county", "先锋岗", 0, 10, rd("2022-06-30", 6, 60)),
	}
	return model.Input{AsOf: day("2022-06-30"), WarnGap: value.DefaultWarnGap, Orgs: orgs, Projects: projects}
}

func site() *model.Site { return model.New(records()) }

func committees(s *model.Site) []*model.Org {
	var out []*model.Org
	for _, o := range s.Orgs {
		if o.Type == "committee" {
			out = append(out, o)
		}
	}
	return out
}

// evil tries to end the script element, smuggle a go-echarts function marker,
// break out of a JSON or attribute string and end a JavaScript line.
const evil = `</script><script>alert(1)</script><!--__f__"'&<b>` + "\u2028\u2029" + `</SCRIPT >`

// hostile is records with evil text in every string a chart shows.
func hostile() (*model.Site, *model.Notes) {
	in := records()
	for _, o := range in.Orgs {
		if o.ID == "town" || o.ID == "county" {
			o.Name = evil + o.ID
		}
	}
	for _, p := range in.Projects {
		p.Title = evil + p.ID
		p.Indicator, p.Unit = evil, evil
	}
	return model.New(in), model.IndexNotes(map[int32]string{11: evil})
}

// echarts is the part of the options the tests look at: the options
// themselves, or their baseOption when they have media rules.
type echarts struct {
	Animation *bool
	Color     []string
	Toolbox   json.RawMessage
	Series    []struct {
		Name, Type string
		YAxisIndex int
		Data       []struct {
			Name      string
			Value     json.RawMessage
			ItemStyle *struct{ Color string }
		}
	}
	XAxis, YAxis []struct {
		Type, Name string
		Data       []string
	}
}

func decode(t *testing.T, c Chart) echarts {
	t.Helper()
	if !json.Valid([]byte(c.Options)) {
		t.Fatalf("%s: options are not valid JSON: %s", c.ID, c.Options)
	}
	var e echarts
	var wrapped struct{ BaseOption *json.RawMessage }
	raw := []byte(c.Options)
	if err := json.Unmarshal(raw, &wrapped); err == nil && wrapped.BaseOption != nil {
		raw = *wrapped.BaseOption
	}
	if err := json.Unmarshal(raw, &e); err != nil {
		t.Fatalf("%s: %v", c.ID, err)
	}
	if e.Animation == nil || *e.Animation {
		t.Errorf("%s: animation is not off", c.ID)
	}
	if !slices.Equal(e.Color, palette) {
		t.Errorf("%s: colours %v", c.ID, e.Color)
	}
	if e.Toolbox != nil {
		t.Errorf("%s: has a toolbox: %s", c.ID, e.Toolbox)
	}
	return e
}

// values lists a series' data values as JSON text: "2", "52.5", `["2022-02-28",8]`.
func values(e echarts, i int) []string {
	var out []string
	for _, d := range e.Series[i].Data {
		v := string(d.Value)
		if strings.HasPrefix(v, `{"value":`) { // line data marshals as {"value": …}
			var w struct{ Value json.RawMessage }
			json.Unmarshal(d.Value, &w)
			v = string(w.Value)
		}
		out = append(out, v)
	}
	return out
}

func names(e echarts, i int) []string {
	var out []string
	for _, d := range e.Series[i].Data {
		out = append(out, d.Name)
	}
	return out
}

func colors(e echarts, i int) []string {
	var out []string
	for _, d := range e.Series[i].Data {
		if d.ItemStyle == nil {
			out = append(out, "")
		} else {
			out = append(out, d.ItemStyle.Color)
		}
	}
	return out
}

func seriesNames(e echarts) []string {
	var out []string
	for _, s := range e.Series {
		out = append(out, s.Name)
	}
	return out
}

func column(t Table, i int) []string {
	var out []string
	for _, r := range t.Rows {
		out = append(out, r[i])
	}
	return out
}

func eq[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got  %#v\n want %#v", what, got, want)
	}
}

var statusColors = []string{"#2e7d32", "#1565c0", "#e65100", "#c62828", "#757575"}

func TestStatus(t *testing.T) {
	s := site()
	c := Status("chart-status", s.Total, "zh-CN")
	eq(t, "id", c.ID, "chart-status")
	eq(t, "kind", c.Kind, "status")
	eq(t, "height", c.Height, 320)
	eq(t, "title", c.Title, "项目状态分布")
	eq(t, "summary", c.Summary, "共 8 个项目：已完成 2，正常推进 3，滞后 1，逾期 1，未开始 1")
	eq(t, "visible", c.Visible, false)
	eq(t, "table", c.Table, Table{
		Head: []string{"状态", "项目数", "占比"},
		Rows: []Row{
			{"已完成", "2", "25.0%"},
			{"正常推进", "3", "37.5%"},
			{"滞后", "1", "12.5%"},
			{"逾期", "1", "12.5%"},
			{"未开始", "1", "12.5%"},
		},
	})
	e := decode(t, c)
	if len(e.Series) != 1 || e.Series[0].Type != "pie" {
		t.Fatalf("series %+v", e.Series)
	}
	eq(t, "series", seriesNames(e), []string{"项目状态"})
	eq(t, "slice names", names(e, 0), []string{"已完成", "正常推进", "滞后", "逾期", "未开始"})
	eq(t, "slice values", values(e, 0), []string{"2", "3", "1", "1", "1"})
	eq(t, "slice colours", colors(e, 0), statusColors)

	en := Status("s", s.Total, "en")
	eq(t, "en title", en.Title, "Projects by status")
	eq(t, "en summary", en.Summary, "8 projects: done 2, on track 3, behind 1, overdue 1, not started 1")
	eq(t, "en head", en.Table.Head, []string{"Status", "Projects", "Share"})
	eq(t, "en labels", column(en.Table, 0), []string{"done", "on track", "behind", "overdue", "not started"})
	ee := decode(t, en)
	eq(t, "en series", seriesNames(ee), []string{"Project status"})
	eq(t, "en slice names", names(ee, 0), []string{"done", "on track", "behind", "overdue", "not started"})
}

func TestStatusEmpty(t *testing.T) {
	c := Status("s", model.Rollup{}, "zh-CN")
	eq(t, "counts", column(c.Table, 1), []string{"0", "0", "0", "0", "0"})
	eq(t, "shares", column(c.Table, 2), []string{"0.0%", "0.0%", "0.0%", "0.0%", "0.0%"}) // not NaN%
	eq(t, "values", values(decode(t, c), 0), []string{"0", "0", "0", "0", "0"})
	eq(t, "summary", c.Summary, "共 0 个项目：已完成 0，正常推进 0，滞后 0，逾期 0，未开始 0")
}

func TestCommittees(t *testing.T) {
	s := site()
	c := Committees("chart-committees", committees(s), "zh-CN")
	eq(t, "id", c.ID, "chart-committees")
	eq(t, "kind", c.Kind, "committees")
	eq(t, "title", c.Title, "各党（工）委完成率")
	eq(t, "height", c.Height, 40+44*2) // one line of name each
	// Ranked highest first; 阿坝某党委 has no projects and is left out.
	eq(t, "table", c.Table, Table{
		Head: []string{"党（工）委", "完成率", "项目数", "已完成", "逾期"},
		Rows: []Row{
			{"高明镇党委", "70.0%", "5", "2", "1"},
			{"中共高明县委", "52.5%", "8", "2", "1"},
		},
	})
	e := decode(t, c)
	if len(e.Series) != 1 || e.Series[0].Type != "bar" {
		t.Fatalf("series %+v", e.Series)
	}
	// ECharts draws the first category at the bottom: the options list the
	// lowest first so the highest is on top.
	eq(t, "categories", e.YAxis[0].Data, []string{"中共高明县委", "高明镇党委"})
	eq(t, "category axis", e.YAxis[0].Type, "category")
	eq(t, "value axis", e.XAxis[0].Type, "value")
	eq(t, "bar names", names(e, 0), []string{"中共高明县委", "高明镇党委"})
	eq(t, "bar values", values(e, 0), []string{`"52.5"`, `"70.0"`})
	eq(t, "bar colours", colors(e, 0), []string{accent, accent})
	eq(t, "series", seriesNames(e), []string{"完成率"})

	en := Committees("c", committees(s), "en")
	eq(t, "en title", en.Title, "Completion by committee")
	eq(t, "en head", en.Table.Head, []string{"Committee", "Completion", "Projects", "Done", "Overdue"})
	eq(t, "en series", seriesNames(decode(t, en)), []string{"Completion"})
	eq(t, "en rows", en.Table.Rows, c.Table.Rows) // names are data, numbers the same
}

func TestOrgProjects(t *testing.T) {
	s := site()
	c := Org("chart-org", s.OrgByID["county"], "zh-CN")
	eq(t, "id", c.ID, "chart-org")
	eq(t, "kind", c.Kind, "org")
	eq(t, "title", c.Title, "项目完成率")
	eq(t, "height", c.Height, 40+44*8)
	// Every project of the subtree, highest percent first; equal percents in
	// tree order (九 jiu before 书 shu in 文苑's list).
	eq(t, "table", c.Table, Table{
		Head: []string{"项目", "完成率", "状态"},
		Rows: []Row{
			{"九宫格", "100.0%", "已完成"},
			{"书香社区", "100.0%", "已完成"},
			{"党员之家", "75.0%", "正常推进"},
			{"先锋岗", "60.0%", "正常推进"},
			{"垃圾分类", "40.0%", "逾期"},
			{"镇级项目", "35.0%", "正常推进"},
			{"阳光司法", "10.0%", "滞后"},
			{"产业", "0.0%", "未开始"},
		},
	})
	e := decode(t, c)
	eq(t, "categories", e.YAxis[0].Data, []string{"产业", "阳光司法", "镇级项目", "垃圾分类", "先锋岗", "党员之家", "书香社区", "九宫格"})
	eq(t, "bar values", values(e, 0), []string{`"0.0"`, `"10.0"`, `"35.0"`, `"40.0"`, `"60.0"`, `"75.0"`, `"100.0"`, `"100.0"`})
	// coloured by status: not started, behind, on track, overdue, on track ×2, done ×2
	eq(t, "bar colours", colors(e, 0), []string{statusColors[4], statusColors[2], statusColors[1], statusColors[3], statusColors[1], statusColors[1], statusColors[0], statusColors[0]})

	town := Org("o", s.OrgByID["town"], "zh-CN")
	eq(t, "town projects", column(town.Table, 0), []string{"九宫格", "书香社区", "党员之家", "垃圾分类", "镇级项目"})

	en := Org("o", s.OrgByID["county"], "en")
	eq(t, "en title", en.Title, "Project completion")
	eq(t, "en head", en.Table.Head, []string{"Project", "Completion", "Status"})
	eq(t, "en statuses", column(en.Table, 2), []string{"done", "done", "on track", "on track", "overdue", "on track", "behind", "not started"})

	none := Org("o", s.OrgByID["idle"], "zh-CN")
	if len(none.Table.Rows) != 0 || len(decode(t, none).Series[0].Data) != 0 {
		t.Errorf("an org without projects charts %v", none.Table.Rows)
	}
}

// TestOrgTies: projects with equal percents keep the tree's order, the org's
// own first, then each child's subtree in name order, whatever their titles.
func TestOrgTies(t *testing.T) {
	half := func(id, org, title string) *load.Project {
		return &load.Project{ID: id, OrgID: org, Title: title, Start: day("2022-01-01"), Due: day("2022-12-31"), Target: 10,
			Readings: []model.Reading{rd("2022-06-30", 5, 1)}}
	}
	s := model.New(model.Input{AsOf: day("2022-06-30"), WarnGap: value.DefaultWarnGap,
		Orgs: []*load.Org{{ID: "r", Name: "总"}, {ID: "a", Name: "甲", ParentID: "r"}, {ID: "b", Name: "乙", ParentID: "r"}, {ID: "g", Name: "孙", ParentID: "a"}},
		Projects: []*load.Project{
			half("1", "r", "丙项"), half("2", "a", "子甲"), half("3", "b", "子乙"), half("4", "g", "孙项"),
			{ID: "5", OrgID: "b", Title: "啊", Start: day("2022-01-01"), Due: day("2022-12-31"), Target: 10, Readings: []model.Reading{rd("2022-06-30", 9, 2)}},
		}})
	c := Org("o", s.OrgByID["r"], "zh-CN")
	eq(t, "order", column(c.Table, 0), []string{"啊", "丙项", "子甲", "孙项", "子乙"})
	eq(t, "percents", column(c.Table, 1), []string{"90.0%", "50.0%", "50.0%", "50.0%", "50.0%"})
}

// bigOrg is a root with children 甲 (ja projects, all done), 乙 (yi
// projects, none started) and 丙 (none).
func bigOrg(ja, yi int) *model.Site {
	in := model.Input{AsOf: day("2022-06-30"), WarnGap: value.DefaultWarnGap, Orgs: []*load.Org{
		{ID: "root", Name: "总"}, {ID: "jia", Name: "甲", ParentID: "root"}, {ID: "yi", Name: "乙", ParentID: "root"}, {ID: "bing", Name: "丙", ParentID: "root"},
	}}
	for i := range ja + yi {
		org, rs := "jia", []model.Reading{rd("2022-05-01", 10, int32(i))}
		if i >= ja {
			org, rs = "yi", nil
		}
		in.Projects = append(in.Projects, &load.Project{ID: fmt.Sprint(i), OrgID: org, Title: fmt.Sprintf("项目%03d", i),
			Start: day("2022-01-01"), Due: day("2022-12-31"), Target: 10, Readings: rs})
	}
	return model.New(in)
}

func TestOrgChildren(t *testing.T) {
	// 40 projects are still drawn one by one.
	c := Org("o", bigOrg(20, 20).OrgByID["root"], "zh-CN")
	if len(c.Table.Rows) != 40 || c.Title != "项目完成率" || c.Height != 40+44*40 {
		t.Errorf("40 projects: %d rows, title %q, height %d", len(c.Table.Rows), c.Title, c.Height)
	}
	// 41 are summed up per child; 丙 without projects is left out.
	s := bigOrg(21, 20)
	c = Org("chart-org", s.OrgByID["root"], "zh-CN")
	eq(t, "kind", c.Kind, "org")
	eq(t, "title", c.Title, "下级组织完成率")
	eq(t, "table", c.Table, Table{
		Head: []string{"组织", "完成率", "项目数"},
		Rows: []Row{{"甲", "100.0%", "21"}, {"乙", "0.0%", "20"}},
	})
	e := decode(t, c)
	eq(t, "categories", e.YAxis[0].Data, []string{"乙", "甲"})
	eq(t, "values", values(e, 0), []string{`"0.0"`, `"100.0"`})
	eq(t, "colours", colors(e, 0), []string{accent, accent})
	en := Org("o", s.OrgByID["root"], "en")
	eq(t, "en title", en.Title, "Completion by sub-organization")
	eq(t, "en head", en.Table.Head, []string{"Organization", "Completion", "Projects"})
	// A leaf with many projects has no children to sum up: it lists them all.
	leaf := Org("o", bigOrg(41, 0).OrgByID["jia"], "zh-CN")
	if len(leaf.Table.Rows) != 41 || leaf.Title != "项目完成率" {
		t.Errorf("leaf with 41 projects: %d rows, title %q", len(leaf.Table.Rows), leaf.Title)
	}
}

// TestDeterministic: the same records, in any order, give the same bytes.
func TestDeterministic(t *testing.T) {
	render := func(in model.Input, lang string) []byte {
		s := model.New(in)
		var buf bytes.Buffer
		if err := page.Execute(&buf, allCharts(s, model.IndexNotes(map[int32]string{11: "注", 30: "说明"}), lang)); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	for _, lang := range []string{"zh-CN", "en"} {
		want := render(records(), lang)
		for i := range 10 {
			in := records()
			rng := rand.New(rand.NewPCG(uint64(i), 7))
			rng.Shuffle(len(in.Orgs), func(i, j int) { in.Orgs[i], in.Orgs[j] = in.Orgs[j], in.Orgs[i] })
			rng.Shuffle(len(in.Projects), func(i, j int) { in.Projects[i], in.Projects[j] = in.Projects[j], in.Projects[i] })
			if got := render(in, lang); !bytes.Equal(got, want) {
				t.Fatalf("%s: run %d differs:\n%s\n----\n%s", lang, i, got, want)
			}
		}
	}
}

// TestChartsLeaveModelAlone: drawing charts does not reorder or change the
// site's lists.
func TestChartsLeaveModelAlone(t *testing.T) {
	s := site()
	orgs := committees(s)
	before := slices.Clone(orgs)
	children := slices.Clone(s.OrgByID["county"].Children)
	own := slices.Clone(s.OrgByID["wenyuan"].Projects)
	allCharts(s, nil, "zh-CN")
	Committees("c", orgs, "zh-CN")
	Org("o", s.OrgByID["county"], "zh-CN")
	if !slices.Equal(orgs, before) || !slices.Equal(s.OrgByID["county"].Children, children) || !slices.Equal(s.OrgByID["wenyuan"].Projects, own) {
		t.Error("a chart reordered the model's lists")
	}
	if !reflect.DeepEqual(s, site()) {
		t.Error("a chart changed the model")
	}
}

// TestProjectTableGroups: the readings table writes values as the page's
// own figures and the open data's workbook do, thousands grouped and every
// digit kept (2,257 and 14,290, not 2257 or 1.43万).
func TestProjectTableGroups(t *testing.T) {
	s := model.New(model.Input{AsOf: day("2022-06-30"), Orgs: []*load.Org{{ID: "o", Name: "党委", Type: "committee"}},
		Projects: []*load.Project{{ID: "p", OrgID: "o", Title: "茶园", Start: day("2022-01-01"), Due: day("2022-12-31"),
			Indicator: "面积", Unit: "亩", Baseline: 1200.5, Target: 20000,
			Readings: []model.Reading{rd("2022-03-31", 2257, 2), rd("2022-06-30", 14290.25, 3)}}}})
	c := Project("p", s.ProjectByID["p"], s.AsOf, nil, "zh-CN")
	eq(t, "rows", c.Table.Rows, []Row{{"2022年3月31日", "2,257", "5.6%", ""}, {"2022年6月30日", "14,290.25", "69.6%", ""}})
	eq(t, "summary", c.Summary, "面积：基准值 1,200.5，目标值 20,000，最新读数 14,290.25。")
}

// Statuses gives each rollup the chart Status makes for it (go-echarts'
// options), kept or not, its options written into the text cut once per
// language: small rollups, none, all in one status, and a province's.
func TestStatuses(t *testing.T) {
	var s Statuses
	var rollups []model.Rollup
	for i := range 200 {
		r := model.Rollup{Projects: i % 40}
		for j := 0; j < r.Projects; j++ {
			r.Status[(i+j*j)%model.NumStatus]++
		}
		r.PercentSum = float64(i)
		rollups = append(rollups, r)
	}
	for st := range model.NumStatus {
		r := model.Rollup{Projects: 1_000_000}
		r.Status[st] = 1_000_000
		rollups = append(rollups, r)
	}
	rollups = append(rollups, model.Rollup{Projects: 1_234_567, Status: [model.NumStatus]int{3, 1_000_000, 234_000, 500, 64}})
	for _, r := range rollups {
		for _, lang := range []string{"zh-CN", "en"} {
			if got, want := s.Chart("c", r, lang), Status("c", r, lang); !reflect.DeepEqual(got, want) {
				t.Fatalf("%+v %s: kept chart differs:\n got %s\nwant %s", r, lang, got.Options, want.Options)
			}
		}
	}
}
