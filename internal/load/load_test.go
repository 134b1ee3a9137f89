package load

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/sheet"
	"github.com/qingdan/qingdan/internal/value"
)

func site(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "data"), 0o755)
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, "data", name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func problems(l *diag.List) string {
	var b strings.Builder
	l.Print(&b, "en")
	return b.String()
}

const orgs = "id,name,type,parent\ngaoming,中共高明县委,committee,\nwenyuan,文苑社区党总支,community,gaoming\n"

func TestHeaderForms(t *testing.T) {
	tests := []struct{ name, header string }{
		{"keys", "id,org,title,owner,start,due,indicator,baseline,target"},
		{"upper case and spaces", " ID ,Org,TITLE, Owner,Start,DUE,Indicator,Baseline,Target "},
		{"Chinese aliases", "项目编号,党组织,项目名称,责任人,开始日期,完成时限,指标,基准值,目标值"},
		{"mixed, reordered", "目标值,id,党组织,title,责任人,start,完成时限,indicator,基准值"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// the same row in header order
			values := map[string]string{"id": "p1", "org": "wenyuan", "title": "九宫格", "owner": "张丽", "start": "2022-01-01", "due": "2022-12-31", "indicator": "楼栋", "baseline": "0", "target": "40"}
			alias := map[string]string{"项目编号": "id", "党组织": "org", "项目名称": "title", "责任人": "owner", "开始日期": "start", "完成时限": "due", "指标": "indicator", "基准值": "baseline", "目标值": "target"}
			var row []string
			for _, h := range strings.Split(tt.header, ",") {
				k := strings.ToLower(strings.TrimSpace(h))
				if a, ok := alias[k]; ok {
					k = a
				}
				row = append(row, values[k])
			}
			var l diag.List
			d := Dir(site(t, map[string]string{"orgs.csv": orgs, "projects.csv": tt.header + "\n" + strings.Join(row, ",") + "\n"}), value.DefaultOrgTypes(), sheet.Limits{}, &l)
			if l.Len() > 0 {
				t.Fatal(problems(&l))
			}
			p := d.Projects[0]
			if p.ID != "p1" || p.OrgID != "wenyuan" || p.Title != "九宫格" || p.Target != 40 || p.Due.String() != "2022-12-31" {
				t.Errorf("%+v", p)
			}
		})
	}
}

func TestEnumLabels(t *testing.T) {
	var l diag.List
	d := Dir(site(t, map[string]string{
		"orgs.csv":  "id,name,type,demo\na,甲,农村,县级\nb,乙,Rural,CITY\nc,丙,两新组织,省级\n",
		"tasks.csv": "id,title,types,kind\nt,事项,农村｜社区 | new,必选\nu,事项,rural,Optional\n",
	}), value.DefaultOrgTypes(), sheet.Limits{}, &l)
	if l.Len() > 0 {
		t.Fatal(problems(&l))
	}
	got := []string{d.Orgs[0].Type, d.Orgs[0].Demo, d.Orgs[1].Type, d.Orgs[1].Demo, d.Orgs[2].Type, d.Orgs[2].Demo,
		strings.Join(d.Tasks[0].Types, "|"), d.Tasks[0].Kind, d.Tasks[1].Kind}
	want := []string{"rural", "county", "rural", "city", "new", "province", "rural|community|new", "required", "optional"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got %v\nwant %v", got, want)
	}
}

func TestReadingsSortedAndLatest(t *testing.T) {
	var l diag.List
	d := Dir(site(t, map[string]string{
		"orgs.csv":     orgs,
		"projects.csv": "id,org,title,owner,start,due,indicator,baseline,target\np1,wenyuan,x,y,2021-01-01,2022-12-31,z,0,10\n",
		"progress.csv": "project,date,value,note\np1,2022-03-31,5,三月\np1,2021-12-31,2,\np1,2022-07-31,9,after\n",
	}), value.DefaultOrgTypes(), sheet.Limits{}, &l)
	if l.Len() > 0 {
		t.Fatal(problems(&l))
	}
	rs := d.Projects[0].Readings
	if len(rs) != 3 || rs[0].Value != 2 || rs[1].Value != 5 || rs[2].Value != 9 || d.Latest.String() != "2022-07-31" || d.Readings != 3 {
		t.Errorf("%+v latest %v", rs, d.Latest)
	}
	if d.Notes[2] != "三月" || len(d.Notes) != 2 {
		t.Errorf("notes %v", d.Notes)
	}
}

// Readings are checked row by row whatever the row before held: a project
// named again, an unknown one twice, a date read before and then a bad one
// twice, and the records read once loaded twice (as serve loads them).
func TestReadingsRepeated(t *testing.T) {
	src := site(t, map[string]string{
		"orgs.csv":     orgs,
		"projects.csv": "id,org,title,owner,start,due,indicator,baseline,target\np1,wenyuan,x,y,2021-01-01,2022-12-31,z,0,10\np2,wenyuan,w,y,2021-01-01,2022-12-31,z,0,10\n",
		"progress.csv": "project,date,value\np1,2022-03-31,5\np2,2022-03-31,6\np9,2022-03-31,1\np9,2022-03-31,1\np1,2022-13-01,7\np1,2022-13-01,7\np2,2022-06-30,8\np1,2022-06-30,9\n",
	})
	rc := ReadRecords(src, value.DefaultOrgTypes(), sheet.Limits{})
	for range 2 {
		var l diag.List
		d := rc.Load(sheet.Limits{}, &l)
		got := problems(&l)
		for _, want := range []string{"progress.csv:4:", "progress.csv:5:", "progress.csv:6:4:", "progress.csv:7:4:"} {
			if !strings.Contains(got, want) {
				t.Errorf("no problem at %s in\n%s", want, got)
			}
		}
		if l.Errors() != 4 {
			t.Errorf("%d errors, want 4:\n%s", l.Errors(), got)
		}
		p1, p2 := d.Projects[0].Readings, d.Projects[1].Readings
		if len(p1) != 2 || p1[0].Value != 5 || p1[1].Value != 9 || len(p2) != 2 || p2[1].Value != 8 || d.Readings != 4 {
			t.Errorf("p1 %+v, p2 %+v", p1, p2)
		}
	}
}

// Loaded again (as serve loads the progress file on every save), the
// records read as a first load reads them: unchanged, with a reading
// corrected in the second of three chunks, with a bad cell there, with a
// row added before it (every chunk after it shifted), with a blank line, a
// warning, line endings changed, and the last line left open. Rows read as
// they were are passed over and taken from the last load, not read again.
func TestReadingsAgain(t *testing.T) {
	var projects, progress strings.Builder
	projects.WriteString("id,org,title,owner,start,due,indicator,baseline,target\n")
	progress.WriteString("project,date,value,note\n")
	for i := range 3 * chunk {
		fmt.Fprintf(&projects, "p%d,wenyuan,x%d,y,2021-01-01,2022-12-31,z,0,1000\n", i, i)
		note := ""
		if i%5 == 0 {
			note = "核实"
		}
		fmt.Fprintf(&progress, "p%d,2022-03-31,%d,%s\n", i, i%997, note)
	}
	src := site(t, map[string]string{"orgs.csv": orgs, "projects.csv": projects.String(), "progress.csv": progress.String()})
	file := filepath.Join(src, "data", "progress.csv")
	at := chunk + 7 // a row of the second chunk
	rows := strings.SplitAfter(progress.String(), "\n")
	same := func(r []string) []string { return r }
	crlf := func(r []string) []string {
		for i := range r {
			r[i] = strings.ReplaceAll(r[i], "\n", "\r\n")
		}
		return r
	}
	edits := []struct {
		edit func([]string) []string
		kept int // at least this many rows taken from the last load
	}{
		{same, 0},
		{same, 3*chunk - headScan},
		{func(r []string) []string { r[at+1] = fmt.Sprintf("p%d,2022-03-31,999,改\n", at); return r }, 3*chunk - headScan - 1},
		{func(r []string) []string { r[at+1] = fmt.Sprintf("p%d,2022-03-31,九九\n", at); return r }, 3*chunk - headScan - 1},
		{func(r []string) []string { return slices.Insert(r, 2, "p3,2022-04-30,5\n") }, 0},
		{func(r []string) []string { return slices.Insert(r, at, "\n") }, 0},
		{func(r []string) []string { r[at+1] = fmt.Sprintf("p%d,2022-03-31,99999\n", at); return r }, at - headScan},
		{func(r []string) []string { r[at+1] = fmt.Sprintf("p%d,2022-03-31,99999\n", at); return r }, 3*chunk - headScan},
		{func(r []string) []string { r[len(r)-2] = strings.TrimSuffix(r[len(r)-2], "\n"); return r }, 3*chunk - headScan - 2},
		{func(r []string) []string { return append(r, "p1,2022-04-30,5\n") }, 3*chunk - headScan - 1},
		{crlf, 0},
		{crlf, 3*chunk - headScan},
	}
	rc := ReadRecords(src, value.DefaultOrgTypes(), sheet.Limits{})
	for k, e := range edits {
		text := strings.Join(e.edit(slices.Clone(rows)), "")
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		var l1, l2 diag.List
		again := rc.Load(sheet.Limits{}, &l1)
		fresh := Dir(src, value.DefaultOrgTypes(), sheet.Limits{}, &l2)
		if problems(&l1) != problems(&l2) {
			t.Fatalf("edit %d: loaded again:\n%s\nfirst load:\n%s", k, problems(&l1), problems(&l2))
		}
		for i, p := range fresh.Projects {
			if !slices.Equal(p.Readings, again.Projects[i].Readings) {
				t.Fatalf("edit %d: %s: loaded again %+v, first load %+v", k, p.ID, again.Projects[i].Readings, p.Readings)
			}
		}
		if again.Readings != fresh.Readings || again.Latest != fresh.Latest || !maps.Equal(again.Notes, fresh.Notes) {
			t.Fatalf("edit %d: loaded again %d readings, latest %v, %d notes; first load %d, %v, %d", k,
				again.Readings, again.Latest, len(again.Notes), fresh.Readings, fresh.Latest, len(fresh.Notes))
		}
		if rc.decoded == nil || len(rc.decoded.chunks) < 3 {
			t.Fatalf("edit %d: the decoded chunks are not kept", k)
		}
		// Rows before a changed one in its chunk are read, not passed over.
		if rc.decoded.passed < e.kept/2 || rc.taken < e.kept {
			t.Errorf("edit %d: %d rows passed over, %d taken from the last load; want %d", k, rc.decoded.passed, rc.taken, e.kept)
		}
	}
}

func TestMultilineCellKeepsLines(t *testing.T) {
	var l diag.List
	Dir(site(t, map[string]string{
		"orgs.csv": "id,name,type,summary\na,甲,rural,\"第一行\n第二行\n第三行\"\nb,乙,村委,x\n",
	}), value.DefaultOrgTypes(), sheet.Limits{}, &l)
	// gocsv would call this line 3; it is physically line 5.
	if got := problems(&l); !strings.HasPrefix(got, "data/orgs.csv:5:5: column type: \"村委\" is not allowed") {
		t.Error(got)
	}
}

// FuzzLoad feeds arbitrary bytes as projects.csv and progress.csv: loading
// never panics and every problem it reports points inside the file.
func FuzzLoad(f *testing.F) {
	f.Add([]byte("id,org,title,owner,start,due,indicator,baseline,target\np1,wenyuan,x,y,2022-01-01,2022-12-31,z,0,10\n"), []byte("project,date,value\np1,2022-03-31,5\n"))
	f.Add([]byte("项目编号,党组织\n\"a\nb\",c\n"), []byte("project,date,value\np1,2022年3月31日,\"1,239\"\np1,2022/3/31,x\n"))
	f.Add([]byte("\xef\xbb\xbfid,org\r\n1,2\r\n"), []byte("\xc4\xe3\xba\xc3,\"\n"))
	f.Fuzz(func(t *testing.T, projects, progress []byte) {
		dir := site(t, map[string]string{"orgs.csv": orgs, "projects.csv": string(projects), "progress.csv": string(progress)})
		var l diag.List
		Dir(dir, value.DefaultOrgTypes(), sheet.Limits{}, &l)
		for _, d := range l.Sorted() {
			var data []byte
			switch d.Pos.File {
			case "data/projects.csv":
				data = projects
			case "data/progress.csv":
				data = progress
			default:
				continue
			}
			if lines := strings.Count(string(data), "\n") + 1; d.Pos.Line < 0 || d.Pos.Line > lines {
				t.Fatalf("%s: line outside a %d-line file", d.Text("en"), lines)
			}
			if d.Msg.Local("en") == "" {
				t.Fatal("empty message")
			}
		}
	})
}

// FuzzReadingsAgain holds a load of the progress file after another (as
// serve makes one on every save, passing over the rows read as they were)
// to a first load of it: the same problems, readings and notes.
func FuzzReadingsAgain(f *testing.F) {
	rows := "project,date,value,note\np1,2022-03-31,5,核实\np2,2022-03-31,50%,\np1,2022-04-30,9,\n\np3,2022-01-05,1,\"两\n行\"\np2,2022-02-01,1\n"
	f.Add([]byte(rows), []byte(strings.Replace(rows, "9,", "99,", 1)))
	f.Add([]byte(rows), []byte(strings.Replace(rows, "\n\n", "\n", 1)))
	f.Add([]byte(rows), []byte(strings.ReplaceAll(rows, "\n", "\r\n")))
	f.Add([]byte(rows), []byte(strings.TrimSuffix(rows, "\n")+",x"))
	f.Add([]byte(rows), []byte("\xEF\xBB\xBF"+rows+"p1,2022-05-31,10,\n"))
	f.Add([]byte(rows), []byte("项目编号,日期,数值\np1,2022/3/31,5\np1,2022-03-31,5\n合计,,14\n"))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		projects := "id,org,title,owner,start,due,indicator,unit,baseline,target\n" +
			"p1,wenyuan,x,y,2022-02-01,2022-12-31,z,人,0,10\n" +
			"p2,wenyuan,x,y,2022-01-01,2022-12-31,z,%,10,90\n" +
			"p3,wenyuan,x,y,2022-01-01,2022-12-31,z,,5,1\n"
		src := site(t, map[string]string{"orgs.csv": orgs, "projects.csv": projects, "progress.csv": string(a)})
		file := filepath.Join(src, "data", "progress.csv")
		rc := ReadRecords(src, value.DefaultOrgTypes(), sheet.Limits{})
		rc.Load(sheet.Limits{}, &diag.List{})
		if err := os.WriteFile(file, b, 0o644); err != nil {
			t.Fatal(err)
		}
		for range 2 {
			var l1, l2 diag.List
			again := rc.Load(sheet.Limits{}, &l1)
			fresh := Dir(src, value.DefaultOrgTypes(), sheet.Limits{}, &l2)
			if problems(&l1) != problems(&l2) {
				t.Fatalf("loaded again:\n%s\nfirst load:\n%s", problems(&l1), problems(&l2))
			}
			for i, p := range fresh.Projects {
				if !slices.Equal(p.Readings, again.Projects[i].Readings) {
					t.Fatalf("%s: loaded again %+v, first load %+v", p.ID, again.Projects[i].Readings, p.Readings)
				}
			}
			if again.Readings != fresh.Readings || again.Latest != fresh.Latest || !maps.Equal(again.Notes, fresh.Notes) {
				t.Fatalf("loaded again %d readings, latest %v, notes %v; first load %d, %v, %v",
					again.Readings, again.Latest, again.Notes, fresh.Readings, fresh.Latest, fresh.Notes)
			}
		}
	})
}
