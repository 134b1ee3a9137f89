package load

import (
	"os"
	"path/filepath"
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
