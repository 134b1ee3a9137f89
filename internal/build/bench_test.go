package build

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// genSite writes a synthetic site of the given size into dir: a county-like
// tree of orgs (a root, committees, then branches), projects spread over the
// branches, and monthly readings for each project. Everything valid.
func genSite(tb testing.TB, dir string, orgs, projects, readings int) {
	tb.Helper()
	must := func(err error) {
		if err != nil {
			tb.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(dir, "data"), 0o755))
	must(os.WriteFile(filepath.Join(dir, "qingdan.toml"), []byte("title = \"省级规模\"\nas_of = 2022-06-30\n"), 0o644))
	write := func(name string, fill func(w *bufio.Writer)) {
		f, err := os.Create(filepath.Join(dir, "data", name))
		must(err)
		w := bufio.NewWriterSize(f, 1<<20)
		fill(w)
		must(w.Flush())
		must(f.Close())
	}
	committees := orgs / 100
	if committees < 1 {
		committees = 1
	}
	types := []string{"rural", "community", "organ", "enterprise", "new", "school", "health"}
	write("orgs.csv", func(w *bufio.Writer) {
		w.WriteString("id,name,type,parent,secretary,members,founded,area,demo,summary\n")
		w.WriteString("o0,中共某省委组织部,committee,,书记,100000,,全省,,省级汇总\n")
		for i := 1; i < orgs; i++ {
			parent, typ := "o0", "committee"
			if i > committees {
				parent, typ = "o"+strconv.Itoa(1+i%committees), types[i%len(types)]
			}
			fmt.Fprintf(w, "o%d,第%d党支部,%s,%s,书记%d,%d,2020-01-01,某县,,支部简介\n", i, i, typ, parent, i, 10+i%90)
		}
	})
	write("tasks.csv", func(w *bufio.Writer) {
		w.WriteString("id,title,category,types,kind,due,description\n")
		for i := 0; i < 20; i++ {
			kind := "optional"
			if i%2 == 0 {
				kind = "required"
			}
			fmt.Fprintf(w, "t%d,清单事项%d,组织建设,%s|%s,%s,2022-12-31,说明\n", i, i, types[i%len(types)], types[(i+1)%len(types)], kind)
		}
	})
	write("projects.csv", func(w *bufio.Writer) {
		w.WriteString("id,org,task,title,category,owner,start,due,indicator,unit,baseline,target,summary\n")
		for i := 0; i < projects; i++ {
			org := 1 + committees + i%(orgs-committees-1)
			fmt.Fprintf(w, "p%d,o%d,,项目%d,组织建设,责任人,2021-07-01,2022-12-31,指标,个,0,%d,内容\n", i, org, i, 100+i%50)
		}
	})
	write("progress.csv", func(w *bufio.Writer) {
		w.WriteString("project,date,value,note\n")
		perProject := readings / max(projects, 1)
		months := []string{"2021-07-31", "2021-08-31", "2021-09-30", "2021-10-31", "2021-11-30", "2021-12-31",
			"2022-01-31", "2022-02-28", "2022-03-31", "2022-04-30", "2022-05-31", "2022-06-30"}
		for m := 0; m < perProject && m < len(months); m++ {
			for i := 0; i < projects; i++ {
				fmt.Fprintf(w, "p%d,%s,%d,\n", i, months[m], (m+1)*(i%13))
			}
		}
	})
}

// scale reads QINGDAN_SCALE (default 0.01 of a province: 1,000 orgs,
// 10,000 projects, 120,000 readings; 1 is 100,000 / 1,000,000 / 12,000,000).
func scale() float64 {
	if s, err := strconv.ParseFloat(os.Getenv("QINGDAN_SCALE"), 64); err == nil && s > 0 {
		return s
	}
	return 0.01
}

// BenchmarkCheckProvince loads, checks and derives a province-sized site.
func BenchmarkCheckProvince(b *testing.B) {
	s := scale()
	dir := b.TempDir()
	genSite(b, dir, int(100_000*s), int(1_000_000*s), int(12_000_000*s))
	b.ResetTimer()
	for b.Loop() {
		r := Check(Options{Src: dir})
		if r.Diags.Len() > 0 {
			r.Diags.Print(os.Stderr, "en")
			b.Fatal("generated site has problems")
		}
	}
}

// BenchmarkBuildProvince is the same with the open data written.
func BenchmarkBuildProvince(b *testing.B) {
	s := scale()
	dir := b.TempDir()
	genSite(b, dir, int(100_000*s), int(1_000_000*s), int(12_000_000*s))
	out := filepath.Join(b.TempDir(), "public")
	b.ResetTimer()
	for b.Loop() {
		r, err := Run(Options{Src: dir, Out: out})
		if err != nil || r.Diags.Len() > 0 {
			b.Fatal(err)
		}
	}
}
