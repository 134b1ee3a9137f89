package build

import (
	"bytes"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/output"
	"github.com/qingdan/qingdan/internal/routes"
)

// BenchmarkHotPaths measures the hot paths of a build on articles like the
// real ones (qingdan-gen's: 800–3,000 characters with headings, lists, a
// table, two pictures each, 2–5 of 30 tags), each over the whole site:
//
//	check     read and parse every article (front matter, Markdown,
//	          pictures' sizes), the data, the layouts; relate and check
//	pages     render every HTML page into memory (layouts, related cases)
//	kind/K    render up to 400 pages of kind K, one at a time (µs/page)
//	search    build the search index and write its shards
//	pictures  copy every picture
//	rest      the other files (feed, open data, static files)
//
// QINGDAN_BENCH_ARTICLES sets the number of articles (default 1,000);
// QINGDAN_BENCH_SITE names a site to measure instead.
// `make bench` runs it; the build's own stage times are in cmd/qingdan-bench.
func BenchmarkHotPaths(b *testing.B) {
	n := 1000
	if v, err := strconv.Atoi(os.Getenv("QINGDAN_BENCH_ARTICLES")); err == nil && v > 0 {
		n = v
	}
	dir := os.Getenv("QINGDAN_BENCH_SITE")
	if dir == "" {
		dir = filepath.Join(b.TempDir(), "site")
		gen := exec.Command("go", "run", "./cmd/qingdan-gen", "-o", dir, "articles", strconv.Itoa(n))
		gen.Dir = filepath.Join("..", "..")
		if out, err := gen.CombinedOutput(); err != nil {
			b.Fatalf("qingdan-gen: %v\n%s", err, out)
		}
	}
	o := Options{Src: dir}
	b.Run("check", func(b *testing.B) {
		defer cpuPerOp(b)()
		for b.Loop() {
			if r := Check(o); r.Diags.Errors() > 0 {
				b.Fatal("the generated site has errors")
			}
		}
	})
	r := Check(o)
	// The files of a group, from a new site each time: a site keeps what
	// it has made once (the search index, made for its first shard).
	group := func(g string) []output.File {
		site, err := r.Output(o)
		if err != nil {
			b.Fatal(err)
		}
		var files []output.File
		for _, f := range site.Files() {
			if hotGroup(f.Name) == g {
				files = append(files, f)
			}
		}
		return files
	}
	site, err := r.Output(o)
	if err != nil {
		b.Fatal(err)
	}
	benchKinds(b, site.Files())
	for _, g := range []string{"pages", "search", "pictures", "rest"} {
		b.Run(g, func(b *testing.B) {
			b.ReportMetric(float64(len(group(g))), "files")
			defer cpuPerOp(b)()
			for b.Loop() {
				files := group(g)
				work := make(chan output.File)
				done := make(chan error, runtime.GOMAXPROCS(0))
				for range runtime.GOMAXPROCS(0) {
					go func() {
						// Each worker writes into a buffer of its own, kept
						// from file to file, as a build's writers do
						// (render.write): a page renderer given another
						// writer makes a buffer for every page.
						var err error
						var buf bytes.Buffer
						for f := range work {
							buf.Reset()
							if e := f.Write(&buf); e != nil && err == nil {
								err = e
							}
						}
						done <- err
					}()
				}
				for _, f := range files {
					work <- f
				}
				close(work)
				for range runtime.GOMAXPROCS(0) {
					if err := <-done; err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// kindPages is how many pages of each kind BenchmarkHotPaths' kind/…
// renders an operation.
const kindPages = 400

// benchKinds renders each kind of page alone, on one core: at most
// kindPages of its pages, each into memory. It shows where a kind's pages
// are dear (a county's org page cost five times a project page).
func benchKinds(b *testing.B, files []output.File) {
	kinds := map[string][]output.File{}
	for _, f := range files {
		if !strings.HasSuffix(f.Name, ".html") {
			continue
		}
		if k := routes.Match(f.Name).Kind.String(); len(kinds[k]) < kindPages {
			kinds[k] = append(kinds[k], f)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(kinds)) {
		fs := kinds[k]
		b.Run("kind/"+k, func(b *testing.B) {
			var buf bytes.Buffer
			written := 0
			for b.Loop() {
				for _, f := range fs {
					buf.Reset()
					if err := f.Write(&buf); err != nil {
						b.Fatal(err)
					}
					written += buf.Len()
				}
			}
			pages := float64(b.N * len(fs))
			b.ReportMetric(float64(b.Elapsed().Microseconds())/pages, "µs/page")
			b.ReportMetric(float64(written)/pages, "B/page")
		})
	}
}

// hotGroup is the hot path an output file belongs to.
func hotGroup(name string) string {
	switch {
	case strings.HasPrefix(name, "search/"):
		return "search"
	case strings.HasSuffix(name, ".html"):
		return "pages"
	}
	switch path.Ext(name) {
	case ".jpg", ".jpeg", ".png", ".gif", ".webp":
		return "pictures"
	}
	return "rest"
}

// cpuPerOp reports the process's CPU time (user and system) per operation
// when the returned function is called: on a shared machine the wall time
// of a benchmark says more about the other work than about this one.
func cpuPerOp(b *testing.B) func() {
	start := cpuTime()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64((cpuTime()-start).Milliseconds())/float64(b.N), "cpu-ms/op")
		}
	}
}
