package opendata

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/qingdan/qingdan/internal/load"
	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/value"
	"github.com/qingdan/qingdan/internal/view"
)

// TestFormulaInjection: text cells that a spreadsheet would run as a
// formula are made inert in projects.csv; numbers stay numbers.
func TestFormulaInjection(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`=HYPERLINK("http://x","点我")`, `'=HYPERLINK("http://x","点我")`},
		{"+1+2", "'+1+2"}, {"-1+2", "'-1+2"}, {"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"}, {"\rx", "'\rx"}, {"茶园", "茶园"}, {"", ""}, {"a=b", "a=b"},
	} {
		if got := inert(c.in); got != c.want {
			t.Errorf("inert(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	o := &load.Org{ID: "org", Name: "=1+1"}
	site := model.New(model.Input{AsOf: value.DateOf(2022, 6, 30), Orgs: []*load.Org{o},
		Projects: []*load.Project{{ID: "p1", OrgID: "org", Title: `=HYPERLINK("http://x")`, Owner: "@me", Start: value.DateOf(2022, 1, 1),
			Due: value.DateOf(2022, 12, 31), Indicator: "-亩", Unit: "+", Baseline: -5, Target: 10}}})
	rows := readCSV(t, &view.View{Model: site, Lang: "en"})
	got := strings.Join(rows[1], "|")
	for _, want := range []string{`'=HYPERLINK("http://x")`, "'=1+1", "'@me", "'-亩", "|'+|", "|-5|"} {
		if !strings.Contains(got, want) {
			t.Errorf("row %q lacks %q", got, want)
		}
	}
}

func readCSV(t *testing.T, v *view.View) [][]string {
	t.Helper()
	var b bytes.Buffer
	if err := writeCSV(&b, projectsTable(v), v.Lang); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "\ufeff") || !strings.Contains(b.String(), "\r\n") {
		t.Errorf("the CSV lacks its BOM or its CRLF line ends")
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// county is a small site: a project of 2,257.5 亩 of 20,000, at 52.5 %
// between its baseline and its target, with two readings (one after as_of,
// left out) and a note; a reducing project; an org above them.
func county(lang string) *view.View {
	d := value.DateOf
	s := model.New(model.Input{AsOf: d(2022, 6, 30), WarnGap: 0.2,
		Orgs: []*load.Org{
			{ID: "county", Name: "中共高明县委", Type: "committee", Members: 17380, Founded: d(1950, 10, 1)},
			{ID: "village", Name: "东勐村党总支", Type: "rural", ParentID: "county", Demo: "city", Founded: value.NoDate},
		},
		Projects: []*load.Project{
			{ID: "tea", OrgID: "village", Title: "标准化茶园", Category: "产业发展", Owner: "李四", Start: d(2022, 1, 1), Due: d(2022, 12, 31),
				Indicator: "茶园面积", Unit: "亩", Baseline: 0, Target: 4300,
				Readings: []model.Reading{{Date: d(2022, 3, 31), Line: 2, Value: 1000}, {Date: d(2022, 6, 30), Line: 3, Value: 2257.5}, {Date: d(2022, 7, 31), Line: 4, Value: 4000}}},
			{ID: "waste", OrgID: "county", Title: "垃圾减量", Owner: "王五", Start: d(2022, 1, 1), Due: d(2022, 12, 31),
				Indicator: "垃圾", Unit: "吨", Baseline: 100, Target: 60},
		}})
	return &view.View{Model: s, Lang: lang, Title: "高明县", Notes: model.IndexNotes(map[int32]string{3: "春茶"})}
}

func workbook(t *testing.T, v *view.View, rows int) ([]byte, *excelize.File) {
	t.Helper()
	var b bytes.Buffer
	if err := projectsXLSX(&b, v, rows, ReadingRows); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	return b.Bytes(), x
}

func sheetRows(t *testing.T, x *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := x.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestWorkbook: the workbook's sheets are named for what they hold; dates
// are date cells, percentages percent cells and quantities numbers with
// thousands grouped, all shown as the site shows them; its header is the
// CSV's.
func TestWorkbook(t *testing.T) {
	v := county("zh-CN")
	_, x := workbook(t, v, SheetRows)
	if got, want := x.GetSheetList(), []string{"项目", "进度", "党组织", "说明"}; !slices.Equal(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	for sheet, want := range map[string]string{"项目": "A1:P3", "进度": "A1:G3", "党组织": "A1:M3"} {
		if tables, err := x.GetTables(sheet); err != nil || len(tables) != 1 || tables[0].Range != want {
			t.Errorf("%s: tables %+v, %v; want one over %s", sheet, tables, err, want)
		}
	}
	if x.GetActiveSheetIndex() != 0 {
		t.Errorf("the workbook opens on sheet %d", x.GetActiveSheetIndex())
	}
	p := sheetRows(t, x, "项目")
	if !slices.Equal(p[0], readCSV(t, v)[0]) || p[0][0] != "项目编号" || p[0][14] != "完成率" {
		t.Errorf("the workbook's header %q is not the CSV's %q", p[0], readCSV(t, v)[0])
	}
	// Shown as formatted: the project list is sorted by title.
	tea := p[1]
	for i, want := range map[int]string{0: "tea", 2: "东勐村党总支", 7: "2022年1月1日", 8: "2022年12月31日", 11: "0", 12: "4,300", 13: "2,257.5", 14: "52.5%", 15: "正常推进"} {
		if tea[i] != want {
			t.Errorf("项目 %s: %q, want %q", p[0][i], tea[i], want)
		}
	}
	// Stored as typed values with their formats.
	for cell, want := range map[string]struct {
		typ         excelize.CellType
		raw, format string
	}{
		"H2": {excelize.CellTypeUnset, "44562", `yyyy"年"m"月"d"日"`},
		"N2": {excelize.CellTypeUnset, "2257.5", "#,##0.0"},
		"M2": {excelize.CellTypeUnset, "4300", "#,##0"},
		"O2": {excelize.CellTypeUnset, "0.525", "0.0%"},
		"E2": {excelize.CellTypeInlineString, "标准化茶园", ""},
	} {
		typ, _ := x.GetCellType("项目", cell)
		raw, _ := x.GetCellValue("项目", cell, excelize.Options{RawCellValue: true})
		if typ != want.typ || raw != want.raw || numFmt(t, x, "项目", cell) != want.format {
			t.Errorf("项目!%s: type %v, %q, format %q; want %v, %q, %q", cell, typ, raw, numFmt(t, x, "项目", cell), want.typ, want.raw, want.format)
		}
	}
	r := sheetRows(t, x, "进度")
	want := [][]string{{"项目编号", "项目名称", "日期", "数值", "单位", "完成率", "说明"},
		{"tea", "标准化茶园", "2022年3月31日", "1,000", "亩", "23.3%"},
		{"tea", "标准化茶园", "2022年6月30日", "2,257.5", "亩", "52.5%", "春茶"}}
	if !slices.EqualFunc(r, want, slices.Equal) {
		t.Errorf("进度 %q, want %q", r, want)
	}
	o := sheetRows(t, x, "党组织")
	if !slices.Equal(o[1][:7], []string{"county", "中共高明县委", "党(工)委", "", "", "17,380", "1950年10月1日"}) ||
		!slices.Equal(o[2][:9], []string{"village", "东勐村党总支", "农村", "county", "", "0", "", "", "市级"}) || o[1][12] != "26.3%" {
		t.Errorf("党组织 %q", o)
	}
	about := sheetRows(t, x, "说明")
	if about[1][0] != "数据截至" || about[1][1] != "2022年6月30日" || !strings.Contains(about[3][1], "20 个百分点") {
		t.Errorf("说明 %q", about)
	}
}

func numFmt(t testing.TB, x *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := x.GetCellStyle(sheet, cell)
	if err != nil || id == 0 {
		return ""
	}
	st, err := x.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt == nil {
		return ""
	}
	return *st.CustomNumFmt
}

// TestWorkbookEnglish: an English site's sheets and headers are English,
// its header again the CSV's, its dates as the site writes them.
func TestWorkbookEnglish(t *testing.T) {
	v := county("en")
	_, x := workbook(t, v, SheetRows)
	if got, want := x.GetSheetList(), []string{"Projects", "Readings", "Organizations", "About"}; !slices.Equal(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	p := sheetRows(t, x, "Projects")
	if !slices.Equal(p[0], readCSV(t, v)[0]) || p[0][0] != "id" || p[1][7] != "January 1, 2022" || p[1][15] != "on track" {
		t.Errorf("Projects %q", p)
	}
}

// TestCSVValues: the CSV holds what a spreadsheet reads as the workbook's
// values: ISO dates, plain numbers, percentages as the site writes them,
// statuses in the site's language.
func TestCSVValues(t *testing.T) {
	rows := readCSV(t, county("zh-CN"))
	want := []string{"tea", "village", "东勐村党总支", "", "标准化茶园", "产业发展", "李四", "2022-01-01", "2022-12-31", "茶园面积", "亩", "0", "4300", "2257.5", "52.5%", "正常推进"}
	if len(rows) != 3 || !slices.Equal(rows[1], want) {
		t.Errorf("CSV %q, want row %q", rows, want)
	}
}

// TestWorkbookDeterministic: the same site gives the same bytes, its zip
// entries in a fixed order, whatever order excelize holds its sheets in.
func TestWorkbookDeterministic(t *testing.T) {
	first, _ := workbook(t, county("zh-CN"), SheetRows)
	for range 8 {
		if again, _ := workbook(t, county("zh-CN"), SheetRows); !bytes.Equal(first, again) {
			t.Fatal("two builds of the workbook differ")
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.IsZero() && f.Modified.Year() > 1980 {
			t.Errorf("%s carries a time, %v", f.Name, f.Modified)
		}
	}
	if names[0] != "[Content_Types].xml" || !slices.IsSorted(names[1:]) {
		t.Errorf("zip entries in the order %q", names)
	}
	core, _ := zr.Open("docProps/core.xml")
	var b bytes.Buffer
	b.ReadFrom(core)
	if !strings.Contains(b.String(), "2022-06-30T00:00:00Z") || strings.Contains(b.String(), "2006-09-16") {
		t.Errorf("docProps/core.xml: %s", b.String())
	}
}

// TestWorkbookSplit: a table longer than a sheet goes on over more sheets,
// the readings are left out; the last sheet says so.
func TestWorkbookSplit(t *testing.T) {
	v := county("zh-CN")
	_, x := workbook(t, v, 1)
	if got, want := x.GetSheetList(), []string{"项目", "项目（2）", "党组织", "党组织（2）", "说明"}; !slices.Equal(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	for sheet, want := range map[string]string{"项目": "projects", "项目（2）": "projects_2", "党组织": "orgs", "党组织（2）": "orgs_2"} {
		if tables, err := x.GetTables(sheet); err != nil || len(tables) != 1 || tables[0].Name != want {
			t.Errorf("%s: tables %+v, %v; want one, %s", sheet, tables, err, want)
		}
	}
	if a, b := sheetRows(t, x, "项目"), sheetRows(t, x, "项目（2）"); len(a) != 2 || len(b) != 2 || !slices.Equal(a[0], b[0]) || a[1][0] != "tea" || b[1][0] != "waste" {
		t.Errorf("项目 %q, 项目（2） %q", a, b)
	}
	about := sheetRows(t, x, "说明")
	var notes []string
	for _, r := range about {
		if r[0] == "注" {
			notes = append(notes, r[1])
		}
	}
	want := []string{"“项目”共 2 行数据，多于 Excel 一张工作表能放的 1 行（另加一行表头），分在“项目”“项目（2）”2 张工作表中。",
		"“进度”共 2 行数据，多于 Excel 一张工作表能放的 1 行（另加一行表头），没有收入本工作簿。",
		"“党组织”共 2 行数据，多于 Excel 一张工作表能放的 1 行（另加一行表头），分在“党组织”“党组织（2）”2 张工作表中。"}
	if !slices.Equal(notes, want) {
		t.Errorf("notes %q, want %q", notes, want)
	}
}

// TestWorkbookReadingLimit: past the readings the workbook takes, the
// readings are left out, and the last sheet says where they are.
func TestWorkbookReadingLimit(t *testing.T) {
	var b bytes.Buffer
	if err := projectsXLSX(&b, county("zh-CN"), SheetRows, 1); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got, want := x.GetSheetList(), []string{"项目", "党组织", "说明"}; !slices.Equal(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	about := sheetRows(t, x, "说明")
	if last := about[len(about)-1]; !slices.Equal(last, []string{"注", "“进度”共 2 行数据，多于本工作簿收入的 1 行，没有收入：每个项目的读数见其页面上的“进度读数”表。"}) {
		t.Errorf("last line of 说明: %q", last)
	}
}

// TestGaps: data/gaps.csv and the workbook's last sheet list, for each
// required task and each org type it applies to, the orgs yet to take it up,
// with their parents; optional tasks and orgs that took part are not there.
func TestGaps(t *testing.T) {
	d := value.DateOf
	s := model.New(model.Input{AsOf: d(2022, 6, 30),
		Types: []model.OrgType{{Key: "rural", Label: "农村"}, {Key: "school", Label: "学校"}},
		Orgs: []*load.Org{
			{ID: "county", Name: "县委", Type: "committee"},
			{ID: "a", Name: "甲村", Type: "rural", ParentID: "county"},
			{ID: "b", Name: "乙村", Type: "rural", ParentID: "county"},
			{ID: "s", Name: "一中", Type: "school", ParentID: "county"},
		},
		Projects: []*load.Project{{ID: "p", OrgID: "a", TaskID: "must", Title: "x", Owner: "o", Start: d(2022, 1, 1), Due: d(2022, 12, 31), Indicator: "i", Target: 1}},
		Tasks: []*load.Task{
			{ID: "must", Title: "三会一课", Kind: "required", Types: []string{"rural", "school"}},
			{ID: "may", Title: "志愿服务", Kind: "optional", Types: []string{"rural"}},
		}})
	v := &view.View{Model: s, Lang: "zh-CN"}
	var b bytes.Buffer
	if err := writeCSV(&b, gapsTable(v), v.Lang); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"事项编号", "事项", "党组织类型", "党组织编号", "党组织名称", "上级组织"},
		{"must", "三会一课", "农村", "b", "乙村", "县委"},
		{"must", "三会一课", "学校", "s", "一中", "县委"},
	}
	if !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("gaps.csv %q, want %q", rows, want)
	}
	_, x := workbook(t, v, SheetRows)
	if got := x.GetSheetList(); !slices.Contains(got, "必选事项未落实") {
		t.Fatalf("sheets %q lack the gaps", got)
	}
	if got := sheetRows(t, x, "必选事项未落实"); len(got) != 3 || !slices.Equal(got[2], want[2]) {
		t.Errorf("gaps sheet %q", got)
	}
}

// TestSortedZip: entries written one after another, with one compressor
// between them, come out whole, [Content_Types].xml first and the others
// by name; an entry written to after the next one began is an error.
func TestSortedZip(t *testing.T) {
	var out bytes.Buffer
	z := &sortedZip{w: &out}
	want := map[string]string{}
	for i, name := range []string{"xl/worksheets/sheet2.xml", "[Content_Types].xml", "docProps/app.xml", "xl/worksheets/sheet1.xml"} {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Repeat(name+" 项目 ", 200*(i+1))
		for part := range strings.SplitSeq(text, " ") { // many small writes, as excelize makes
			io.WriteString(w, part+" ")
		}
		want[name] = strings.Repeat(name+" 项目 ", 200*(i+1)) + " "
	}
	first, _ := z.Create("xl/styles.xml")
	io.WriteString(first, "<styleSheet/>")
	want["xl/styles.xml"] = "<styleSheet/>"
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range r.File {
		names = append(names, f.Name)
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if string(b) != want[f.Name] {
			t.Errorf("%s: %d bytes, want %d", f.Name, len(b), len(want[f.Name]))
		}
	}
	if got := strings.Join(names, " "); got != "[Content_Types].xml docProps/app.xml xl/styles.xml xl/worksheets/sheet1.xml xl/worksheets/sheet2.xml" {
		t.Errorf("entries in the order %s", got)
	}

	z = &sortedZip{w: io.Discard}
	a, _ := z.Create("a.xml")
	z.Create("b.xml")
	if _, err := io.WriteString(a, "late"); err == nil {
		t.Error("an entry took bytes after the next one began")
	}
}
