package build

import (
	"bytes"
	"encoding/csv"
	"flag"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

var update = flag.Bool("update", false, "rewrite golden files")

// site is a small site as file name → content.
type site map[string]string

func (s site) write(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range s {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// tree reads every file below dir.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// buildOK builds src into a fresh folder and returns its files.
func buildOK(t *testing.T, src string, o Options) map[string][]byte {
	t.Helper()
	o.Src = src
	o.Out = filepath.Join(t.TempDir(), "public")
	r, err := Run(o)
	if err != nil {
		t.Fatal(err)
	}
	if r.Diags.Len() > 0 {
		var b strings.Builder
		r.Diags.Print(&b, "en")
		t.Fatalf("build of %s reported:\n%s", src, b.String())
	}
	return tree(t, o.Out)
}

func sameTrees(t *testing.T, name string, want, got map[string][]byte) {
	t.Helper()
	if !slices.Equal(slices.Sorted(maps.Keys(want)), slices.Sorted(maps.Keys(got))) {
		t.Fatalf("%s: files %v, want %v", name, slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
	}
	for f := range want {
		if !bytes.Equal(want[f], got[f]) {
			t.Errorf("%s: %s differs", name, f)
		}
	}
}

var plain = site{
	"qingdan.toml": "title = \"测试\"\n",
	"data/orgs.csv": "id,name,type,parent,secretary,members,founded,area,demo,summary\n" +
		"gaoming,中共高明县委,committee,,王明,1239,2001-07-01,高明县,,县委\n" +
		"wenyuan,文苑社区党总支,community,gaoming,张丽,45,2021-01-15,高明职教新城,county,\"九宫格工作法，多行\n简介\"\n" +
		"dongmeng,东勐村党总支,rural,gaoming,岩光,88,,岩帅镇,city,茶叶产业\n",
	"data/tasks.csv": "id,title,category,types,kind,due,description\n" +
		"meeting,三会一课,组织建设,rural|community,required,2022-12-31,按期开展\n" +
		"tea,党建+产业,产业发展,rural,optional,,\n",
	"data/projects.csv": "id,org,task,title,category,owner,start,due,indicator,unit,baseline,target,summary\n" +
		"tea-std,dongmeng,tea,标准化茶园,产业发展,岩光,2021-07-01,2022-12-31,标准化茶园面积,亩,1200,4747,提质\n" +
		"grid,wenyuan,meeting,九宫格覆盖,基层治理,张丽,2021-03-01,2022-03-31,覆盖楼栋,栋,0,40,\n" +
		"dispute,wenyuan,,矛盾纠纷化解,基层治理,张丽,2022-01-01,2022-12-31,积案,件,12,2,压减\n" +
		"later,gaoming,,新项目,组织建设,王明,2022-09-01,2023-06-30,完成率,%,0,100,\n",
	"data/progress.csv": "project,date,value,note\n" +
		"tea-std,2021-12-31,1800,\n" +
		"tea-std,2022-06-30,2257,达到认证\n" +
		"grid,2022-03-31,31,\n" +
		"dispute,2022-06-30,7,\n",
}

func gbk(t *testing.T, s string) string {
	b, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// xlsx turns a CSV text into a workbook whose first sheet holds the same
// cells; dates become date cells and numbers number cells when asked.
func xlsx(t *testing.T, text string, typed bool) string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	defer f.Close()
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	for i, row := range rows {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if typed && i > 0 && len(v) == 10 && v[4] == '-' && v[7] == '-' {
				if d, err := time.Parse("2006-01-02", v); err == nil {
					f.SetCellValue("Sheet1", cell, d)
					f.SetCellStyle("Sheet1", cell, cell, dateStyle)
					continue
				}
			}
			f.SetCellStr("Sheet1", cell, v)
		}
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestEncodingsAndFormats: the same lists, however they were saved, give
// byte-identical open data.
func TestEncodingsAndFormats(t *testing.T) {
	want := buildOK(t, plain.write(t), Options{})
	variants := map[string]func(name, body string) (string, string){
		"utf8-bom-crlf": func(n, b string) (string, string) { return n, "\ufeff" + strings.ReplaceAll(b, "\n", "\r\n") },
		"gbk":           func(n, b string) (string, string) { return n, gbk(t, b) },
		"gbk-crlf":      func(n, b string) (string, string) { return n, gbk(t, strings.ReplaceAll(b, "\n", "\r\n")) },
		"xlsx-text": func(n, b string) (string, string) {
			return strings.TrimSuffix(n, ".csv") + ".xlsx", xlsx(t, b, false)
		},
		"xlsx-typed": func(n, b string) (string, string) {
			return strings.TrimSuffix(n, ".csv") + ".xlsx", xlsx(t, b, true)
		},
		"chinese-forms": func(n, b string) (string, string) { return n, chineseForms(b) },
	}
	for name, conv := range variants {
		t.Run(name, func(t *testing.T) {
			s := site{}
			for n, b := range plain {
				if strings.HasPrefix(n, "data/") {
					n, b = conv(n, b)
				}
				s[n] = b
			}
			sameTrees(t, name, want, buildOK(t, s.write(t), Options{}))
		})
	}
}

// chineseForms rewrites a CSV with Chinese headers and labels, Chinese and
// slashed dates, full-width digits and thousands separators.
func chineseForms(b string) string {
	r := strings.NewReplacer(
		"id,name,type,parent,secretary,members,founded,area,demo,summary", "编号,名称,类型,上级,书记,党员数,成立时间,区域,示范点,简介",
		"id,title,category,types,kind,due,description", "编号,事项,类别,适用类型,性质,时限,说明",
		"id,org,task,title,category,owner,start,due,indicator,unit,baseline,target,summary", "项目编号,党组织,清单事项,项目名称,类别,责任人,开始日期,完成时限,指标,单位,基准值,目标值,内容",
		"project,date,value,note", "项目编号,日期,数值,说明",
		",community,", ",社区,", ",rural,", ",农村,", ",committee,", ",党(工)委,",
		",county,", ",县级,", ",city,", ",市级,",
		"rural|community", "农村｜社区", ",required,", ",必选,", ",optional,", ",自选,",
		"2021-07-01", "2021/7/1", "2022-12-31", "2022年12月31日", "2022-06-30", "２０２２－０６－３０",
		",1239,", ",\"1,239\",", ",4747,", ",\"４，７４７\",", ",2257,", ",２２５７,",
	)
	return r.Replace(b)
}

// TestDeterministic: two builds, and a build of the same rows shuffled, give
// the same bytes.
func TestDeterministic(t *testing.T) {
	src := plain.write(t)
	a := buildOK(t, src, Options{})
	sameTrees(t, "rebuild", a, buildOK(t, src, Options{}))
	for seed := uint64(1); seed <= 5; seed++ {
		s := site{}
		for n, b := range plain {
			if strings.HasSuffix(n, ".csv") {
				b = shuffleRows(b, seed)
			}
			s[n] = b
		}
		sameTrees(t, "shuffled", a, buildOK(t, s.write(t), Options{}))
	}
}

func shuffleRows(text string, seed uint64) string {
	rows, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		panic(err)
	}
	body := rows[1:]
	rand.New(rand.NewPCG(seed, 7)).Shuffle(len(body), func(i, j int) { body[i], body[j] = body[j], body[i] })
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.WriteAll(rows)
	return b.String()
}

// TestLoading: Options.Loading is called as the data is read and as the
// model is made, and what it returns each time, before the pages are made;
// once, and its done, when the data has errors and no model is made.
func TestLoading(t *testing.T) {
	for name, s := range map[string]site{"good": plain, "bad": func() site {
		bad := maps.Clone(plain)
		bad["data/projects.csv"] += "p-x,不存在的组织,,,,,,,\n"
		return bad
	}()} {
		var calls, dones int
		var pagesLoading bool
		o := Options{Src: s.write(t), Loading: func() func() {
			calls++
			if calls != dones+1 {
				t.Errorf("%s: Loading called again before its done", name)
			}
			return func() { dones++ }
		}}
		r := Check(o)
		if name == "good" {
			if r.Site == nil {
				t.Fatalf("%s: %v", name, r.Diags)
			}
			site, err := r.Output(o)
			if err != nil {
				t.Fatal(err)
			}
			pagesLoading = dones != 2 && len(site.Files()) > 0
		} else if r.Diags.Errors() == 0 {
			t.Fatalf("%s: no error", name)
		}
		want := map[string]int{"good": 2, "bad": 1}[name]
		if calls != want || dones != want || pagesLoading {
			t.Errorf("%s: Loading called %d times, its done %d", name, calls, dones)
		}
	}
}

// TestPeak: a build calls Options.Peak once, as it starts writing the
// search index, and its done once the index is written, before the build
// ends; a check, which writes nothing, never.
func TestPeak(t *testing.T) {
	var calls, dones int
	o := Options{Src: plain.write(t), Peak: func() func() {
		calls++
		return func() { dones++ }
	}}
	if r := Check(o); r.Site == nil || calls != 0 {
		t.Fatalf("check: Peak called %d times (%v)", calls, r.Diags)
	}
	o.Out = filepath.Join(t.TempDir(), "public")
	r, err := Run(o)
	if err != nil || r.Diags.Errors() > 0 {
		t.Fatalf("%v %v", err, r.Diags)
	}
	if calls != 1 || dones != 1 {
		t.Errorf("build: Peak called %d times, its done %d", calls, dones)
	}
}
