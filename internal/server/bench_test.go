package server

import (
	"bufio"
	"fmt"
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/qingdan/qingdan/internal/build"
)

// bigSite writes a site of n articles and 3n projects, or QINGDAN_PROJECTS
// projects (the 10,000-article site is QINGDAN_ARTICLES=10000).
func bigSite(tb testing.TB, n int) string {
	tb.Helper()
	np := 3 * n
	if v, err := strconv.Atoi(os.Getenv("QINGDAN_PROJECTS")); err == nil && v > 0 {
		np = v
	}
	dir := tb.TempDir()
	os.MkdirAll(filepath.Join(dir, "data"), 0o755)
	os.MkdirAll(filepath.Join(dir, "content", "cases"), 0o755)
	os.WriteFile(filepath.Join(dir, "qingdan.toml"), []byte("title = \"大站\"\nas_of = 2022-06-30\n"), 0o644)
	w := func(name string, fill func(*bufio.Writer)) {
		f, err := os.Create(filepath.Join(dir, "data", name))
		if err != nil {
			tb.Fatal(err)
		}
		b := bufio.NewWriter(f)
		fill(b)
		b.Flush()
		f.Close()
	}
	orgs := max(n/10, 10)
	w("orgs.csv", func(b *bufio.Writer) {
		b.WriteString("id,name,type,parent\no0,县委,committee,\n")
		for i := 1; i < orgs; i++ {
			parent, typ := "o0", "committee"
			if i > 20 {
				parent, typ = "o"+strconv.Itoa(1+i%20), "rural"
			}
			fmt.Fprintf(b, "o%d,第%d支部,%s,%s\n", i, i, typ, parent)
		}
	})
	w("projects.csv", func(b *bufio.Writer) {
		b.WriteString("id,org,title,owner,start,due,indicator,unit,baseline,target\n")
		for i := 0; i < np; i++ {
			fmt.Fprintf(b, "p%d,o%d,项目%d,某某,2021-07-01,2022-12-31,指标,个,0,%d\n", i, 21+i%(orgs-21), i, 100+i%50)
		}
	})
	w("progress.csv", func(b *bufio.Writer) {
		b.WriteString("project,date,value\n")
		for m, d := range []string{"2022-03-31", "2022-06-30"} {
			for i := 0; i < np; i++ {
				fmt.Fprintf(b, "p%d,%s,%d\n", i, d, (m+1)*(i%40))
			}
		}
	})
	for i := 0; i < n; i++ {
		body := fmt.Sprintf("---\ntitle: 第%d篇案例\ndate: 2022-%02d-%02d\norgs: [o%d]\ntags: [标签%d]\n---\n", i, 1+i%6, 1+i%28, 21+i%(orgs-21), i%50)
		for p := 0; p < 6; p++ {
			body += "基层党组织围绕项目清单开展工作，把任务落实到人，按月报送进度，群众看得见、摸得着。"
			body += fmt.Sprintf("见[项目](project:p%d)。\n\n", i%np)
		}
		os.WriteFile(filepath.Join(dir, "content", "cases", fmt.Sprintf("c%d.md", i)), []byte(body), 0o644)
	}
	settle(dir)
	return dir
}

// settle dates every file of dir an hour back, as a site's files are when
// its editor starts serve: a file changed within the last two seconds is
// read again on each rebuild (a second save can keep the time).
func settle(dir string) {
	old := time.Now().Add(-time.Hour)
	filepath.WalkDir(dir, func(p string, _ fs.DirEntry, err error) error {
		if err == nil {
			os.Chtimes(p, old, old)
		}
		return nil
	})
}

func articles() int {
	if n, err := strconv.Atoi(os.Getenv("QINGDAN_ARTICLES")); err == nil && n > 0 {
		return n
	}
	return 1000
}

// BenchmarkEditToReload measures the time from saving one article to the
// browser holding the new page: the reload event, then the page itself,
// which serve renders on request. The site has QINGDAN_ARTICLES articles
// (default 1,000) and three times as many projects. It also reports the
// heap serve keeps (after a collection), which no longer grows with the
// size of the output.
//
// With QINGDAN_BENCH_SITE set to a site qingdan-gen wrote (articles N), it
// edits that site's middle article instead, and puts it back after.
func BenchmarkEditToReload(b *testing.B) {
	src, name, page, n := benchSite(b)
	t0 := time.Now()
	r := start(b, Options{Build: build.Options{Src: src}})
	b.Logf("%d articles: first build and serve in %v", n, time.Since(t0).Round(time.Millisecond))
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	heap := float64(ms.HeapAlloc) / (1 << 20)
	orig, _ := os.ReadFile(filepath.Join(src, name))
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		mark := fmt.Sprintf("第%d次修改。", i)
		write(b, src, name, string(orig)+"\n"+mark+"\n")
		if m := r.next(b); m.name != "reload" {
			b.Fatalf("event %s %s", m.name, m.data)
		}
		if code, page := r.get(b, page); code != 200 || !strings.Contains(page, mark) {
			b.Fatalf("the page after the reload: %d, without the edit", code)
		}
	}
	b.ReportMetric(heap, "heap-MB")
}

// benchSite is the site a serve benchmark edits, the article it edits (a
// slash path below the site) and the page showing it, and how many
// articles the site has: the site QINGDAN_BENCH_SITE names (one qingdan-gen
// wrote: its middle article, put back after), else bigSite's.
func benchSite(b *testing.B) (src, name, page string, n int) {
	src = os.Getenv("QINGDAN_BENCH_SITE")
	if src == "" {
		return bigSite(b, articles()), "content/cases/c7.md", "/cases/c7/", articles()
	}
	all, _ := filepath.Glob(filepath.Join(src, "content", "cases", "*", "index.md"))
	if len(all) == 0 {
		b.Fatalf("%s: no article", src)
	}
	slices.Sort(all)
	file := all[len(all)/2]
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.WriteFile(file, orig, 0o644) })
	rel, _ := filepath.Rel(src, file)
	return src, filepath.ToSlash(rel), "/cases/" + filepath.Base(filepath.Dir(file)) + "/", len(all)
}

// BenchmarkRebuildOneArticle is the work of one save without file events
// and HTTP: one article edited, the rebuild told so (as file events tell
// it), then the article's page made.
func BenchmarkRebuildOneArticle(b *testing.B) {
	src, name, page, _ := benchSite(b)
	s := New(Options{Build: build.Options{Src: src}})
	s.rebuild()
	s.watching = true
	file := filepath.Join(src, filepath.FromSlash(name))
	orig, _ := os.ReadFile(file)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		mark := fmt.Sprintf("第%d次修改。", i)
		os.WriteFile(file, append(orig, "\n"+mark+"\n"...), 0o644)
		s.pending = map[string]bool{name: true}
		s.rebuild()
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest("GET", "http://localhost"+page, nil))
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), mark) {
			b.Fatalf("%s after the rebuild: %d, without the edit", page, rec.Code)
		}
	}
}
