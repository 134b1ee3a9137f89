// Command qingdan-bench is make bench: it builds synthetic sites at named
// scales with the qingdan binary and prints wall time, CPU time, peak memory
// and each stage's time, beside what the targets compare them with:
// Hugo on the same articles (run alternately, the median ratio), and cp -r
// of the county site's output; 50,000 articles against 10,000 (linear: a
// build of 10,000 right before each of 50,000, the median ratio); the
// time from saving a change in qingdan serve to the browser holding the
// changed page (an article; at county scale a reading); for articles, the
// floor of any goldmark-based generator (floor.go); the largest page,
// the longest sitemap file and what the home page weighs; and, without a
// target, the county's readings kept as a workbook (workbook.go). With
// -pagefind, Hugo's output is also indexed by Pagefind after each of its
// runs: Hugo has no search of its own, and qingdan's site has one. With
// -hugo, another Hugo than the one on PATH is compared with.
//
//	go run ./cmd/qingdan-bench [-bin bin/qingdan] [-dir DIR] [-runs 3] [-hugo HUGO] [-pagefind PAGEFIND] [SCALE ...]
//
// SCALE is "articles N", "photos N" (articles with a camera's photo each,
// whose smaller copies both generators make: photos.go), "varied N" (their
// text of real writing's variety: varied.go), county or province (default:
// articles 10000, county). Sites are generated once with qingdan-gen into DIR.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/qingdan/qingdan/internal/filecache"
)

func main() {
	if len(os.Args) == 2 && os.Args[1] == calibrateFlag {
		fmt.Println(int64(calibrate(calibrationRounds)))
		return
	}
	if len(os.Args) >= 3 && os.Args[1] == spawnFlag {
		os.Exit(spawned(os.Args[2:]))
	}
	if len(os.Args) == 4 && os.Args[1] == floorFlag {
		if err := floor(os.Args[2], os.Args[3]); err != nil {
			fmt.Fprintln(os.Stderr, "qingdan-bench -floor:", err)
			os.Exit(1)
		}
		return
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// baseURL is where the measured sites say they are published, as a real
// site does: its sitemap and feed need it.
const baseURL = "https://dangjian.example.cn/"

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("qingdan-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	bin := fs.String("bin", "bin/qingdan", "the qingdan binary to measure")
	gen := fs.String("gen", "", "the qingdan-gen binary (default: go run ./cmd/qingdan-gen)")
	dir := fs.String("dir", filepath.Join(os.TempDir(), "qingdan-bench"), "where generated sites are kept")
	runs := fs.Int("runs", 3, "runs of each build; the median is shown")
	hugoBin := fs.String("hugo", "hugo", "the Hugo binary to compare with (the issue's measure is Debian's, on PATH)")
	pagefind := fs.String("pagefind", "", "a Pagefind binary: index Hugo's output of up to "+strconv.Itoa(maxPagefind)+" articles with it too, for a Hugo site with a search")
	serveOnly := fs.Bool("serve", false, "measure only serve (an article saved, a reading saved, in CSV and in a workbook), not the builds")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	scales := fs.Args()
	if len(scales) == 0 {
		scales = []string{"articles", "10000", "county"}
	}
	b := &bench{bin: *bin, gen: *gen, dir: *dir, hugo: *hugoBin, pagefind: *pagefind, runs: max(*runs, 1), lowDisk: lowDisk, out: stdout, log: stderr, serveOnly: *serveOnly, articleWall: map[int]time.Duration{}, hugoWall: map[int]time.Duration{}, articleSpeed: map[int]time.Duration{}, articleSite: map[int]string{}}
	defer b.emptyTrash()
	fmt.Fprintf(stdout, "qingdan-bench  %s  %s/%s, %d cores\n", time.Now().UTC().Format("2006-01-02"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU())
	if m := machineLine("/proc"); m != "" {
		fmt.Fprintf(stdout, "  %s\n", m)
	}
	if note := journalNote(b.dir); note != "" {
		fmt.Fprintf(stdout, "  %s\n", note)
	}
	if note := reclaimNote(damonRoot, reclaims(damonRoot)); note != "" {
		fmt.Fprintf(stdout, "  %s\n", note)
	}
	if n := b.tidy(); n > 0 {
		fmt.Fprintf(stdout, "  note: %d outputs of an earlier bench removed from %s before the runs\n", n, b.dir)
	}
	handedBefore, handedOK := reported(reportingRoot)
	speed := calibrateApart()
	if speed > 0 {
		fmt.Fprintf(stdout, "  %s\n", calibrationLine(speed, 0))
	}
	ok := true
	for i := 0; i < len(scales); i++ {
		var err error
		switch s := scales[i]; s {
		case "articles", "photos", "varied":
			if i+1 >= len(scales) {
				fmt.Fprintln(stderr, s, "needs a number")
				return 2
			}
			i++
			if other, is := (map[string]func(string) error{"photos": b.photos, "varied": b.varied})[s]; is {
				err = other(scales[i])
			} else {
				err = b.articles(scales[i], &ok)
			}
		case "county", "province":
			err = b.data(s, &ok)
		default:
			fmt.Fprintf(stderr, "unknown scale %q\n", s)
			return 2
		}
		if err != nil {
			fmt.Fprintln(stderr, "qingdan-bench:", err)
			return 1
		}
	}
	if len(b.pairBig) > 0 {
		// Each pair met the same machine: judged whatever its speed did
		// between pairs.
		fmt.Fprintln(stdout, "articles 50000 against 10000 (each 50000 build against a 10000 build just before it)")
		fmt.Fprintf(stdout, "  %-26s %s\n", "each pair, 50000/10000 s", eachRun(b.pairBig, b.pairSmall))
		line, met := linearLine(medianRatio(b.pairBig, b.pairSmall, wallOf), 5.5, 0, 0)
		fmt.Fprintln(stdout, line)
		for _, l := range linearContext(b.pairBig, b.pairSmall, b.hugoWall[10000], b.hugoWall[50000]) {
			fmt.Fprintln(stdout, l)
		}
		ok = ok && met
	} else if small, big := b.articleWall[10000], b.articleWall[50000]; small > 0 && big > 0 {
		fmt.Fprintln(stdout, "articles 50000 against 10000")
		line, met := linearLine(big.Seconds()/small.Seconds(), 5.5, b.articleSpeed[10000], b.articleSpeed[50000])
		fmt.Fprintln(stdout, line)
		for _, l := range linearContext(nil, nil, b.hugoWall[10000], b.hugoWall[50000]) {
			fmt.Fprintln(stdout, l)
		}
		ok = ok && met
	}
	if end := calibrateApart(); speed > 0 && end > 0 {
		fmt.Fprintf(stdout, "  %s\n", calibrationLine(speed, end))
	}
	if after, ok := reported(reportingRoot); ok {
		if line := reportingLine(reportingRoot, handedBefore, after, handedOK); line != "" {
			fmt.Fprintf(stdout, "  %s\n", line)
		}
	}
	if !ok {
		fmt.Fprintln(stdout, "some figures are over their targets")
		return 1
	}
	return 0
}

type bench struct {
	bin, gen, dir string
	hugo          string // the Hugo binary
	pagefind      string // a Pagefind binary, or ""
	runs          int
	out, log      io.Writer
	trashed       int
	lowDisk       uint64                // free bytes below which clear empties the trash
	serveOnly     bool                  // only the serve figures
	articleWall   map[int]time.Duration // the median build of each number of articles
	hugoWall      map[int]time.Duration // Hugo's median build of each number of articles
	articleSpeed  map[int]time.Duration // the machine's speed (calibrate) as each number of articles was built
	articleSite   map[int]string        // the site of each number of articles built
	pairBig       []measure             // each first build of 50,000 articles …
	pairSmall     []measure             // … and the one of 10,000 just before it
	loopSaid      bool                  // the note on a loop device printed
	trashSaid     bool                  // the note on earlier outputs removed printed
}

// site generates a scale once and returns its folder.
func (b *bench) site(args ...string) (string, string, error) {
	name := strings.Join(args, "-")
	src, hugo := filepath.Join(b.dir, name), filepath.Join(b.dir, name+"-hugo")
	if _, err := os.Stat(filepath.Join(src, "qingdan.toml")); err == nil {
		return src, hugo, nil
	}
	os.RemoveAll(src)
	os.RemoveAll(hugo)
	os.RemoveAll(src + "-nosearch") // its links hold the files of the site made before
	if err := os.MkdirAll(b.dir, 0o755); err != nil {
		return "", "", err
	}
	cmd := []string{"go", "run", "./cmd/qingdan-gen"}
	if b.gen != "" {
		cmd = []string{b.gen}
	}
	cmd = append(cmd, "-o", src)
	if args[0] != "county" && args[0] != "province" {
		cmd = append(cmd, "-hugo", hugo)
	}
	cmd = append(cmd, args...)
	fmt.Fprintf(b.log, "generating %s …\n", name)
	c := exec.Command(cmd[0], cmd[1:]...)
	c.Stdout, c.Stderr = b.log, b.log
	return src, hugo, c.Run()
}

// hugoVersion is the first words of what the Hugo binary says its version
// is ("hugo v0.111.3+extended"), or its path when it says nothing.
func hugoVersion(bin string) string {
	out, err := exec.Command(bin, "version").Output()
	if f := strings.Fields(string(out)); err == nil && len(f) >= 2 {
		return f[0] + " " + f[1]
	}
	return bin
}

func tail(s string) string {
	if len(s) > 2000 {
		return "…" + s[len(s)-2000:]
	}
	return s
}

// eachRun is every run's wall times, a's over b's, in seconds.
func eachRun(a, b []measure) string {
	var each []string
	for i := range a {
		each = append(each, fmt.Sprintf("%.2f/%.2f", a[i].wall.Seconds(), b[i].wall.Seconds()))
	}
	return strings.Join(each, "  ")
}

func (b *bench) row(what string, m measure) {
	fmt.Fprintf(b.out, "  %-26s wall %7.2fs  cpu %7.2fs  rss %6.0f MiB  %s\n", what, m.wall.Seconds(), m.cpu.Seconds(), float64(m.rss)/(1<<20), m.stages)
}

func (b *bench) verdict(what string, got, limit float64, ok *bool) {
	mark := "ok"
	if got > limit {
		mark, *ok = "OVER", false
	}
	fmt.Fprintln(b.out, verdictLine(what, got, limit, mark))
}

// verdictLine is a figure beside its target and the mark it gets.
func verdictLine(what string, got, limit float64, mark string) string {
	return fmt.Sprintf("  %-40s %6.3f  (target ≤ %.2f)  %s", what, got, limit, mark)
}

// build times qingdan building the site src into out, printing its
// stages; first removes the record of the site's files an earlier build
// left (resources/_gen/files), for a first build, which knows nothing.
func (b *bench) build(src, out string, first bool) (measure, error) {
	if first {
		os.Remove(filepath.Join(src, filepath.FromSlash(filecache.File)))
	}
	warm(src)
	return timeIt([]string{"QINGDAN_STAGES=1"}, b.bin, "build", "-s", src, "-o", out, "--base-url", baseURL)
}

func (b *bench) articles(n string, ok *bool) error {
	count, err := strconv.Atoi(n)
	if err != nil {
		return fmt.Errorf("articles %q: not a number", n)
	}
	src, hugo, err := b.site("articles", n)
	if err != nil {
		return err
	}
	if b.serveOnly {
		return b.serveArticle(src, count, ok)
	}
	b.articleSpeed[count] = calibrateApart()
	ns, err := b.noSearch(src)
	if err != nil {
		return err
	}
	out, nout := filepath.Join(b.dir, "out-articles-"+n), filepath.Join(b.dir, "out-nosearch-"+n)
	hout := filepath.Join(b.dir, "out-hugo-"+n)
	fout := filepath.Join(b.dir, "out-floor-"+n)
	self, err := os.Executable()
	if err != nil {
		return err
	}
	var qs, qk, qn, hs, hps, fs, cps []measure
	for range b.runs { // alternately, so both meet the same machine
		h, err := b.hugoBuild(hugo, hout)
		if err != nil {
			return err
		}
		if b.pagefind != "" && count <= maxPagefind {
			p, err := timeIt(nil, b.pagefind, "--site", hout, "--quiet")
			if err != nil {
				return err
			}
			hps = append(hps, measure{wall: h.wall + p.wall, cpu: h.cpu + p.cpu, sys: h.sys + p.sys, rss: max(h.rss, p.rss)})
		}
		// 50,000 articles against 10,000: a first build of each, one
		// right after the other, so that both meet the same machine (the
		// medians, minutes apart, met machines up to a sixth apart in
		// speed, and were not comparable in most passes).
		var small measure
		smallSrc, pairs := b.articleSite[10000], count == 50000 && b.articleSite[10000] != ""
		if pairs {
			smallOut := filepath.Join(b.dir, "out-articles-10000")
			b.clear(smallOut)
			if small, err = b.build(smallSrc, smallOut, true); err != nil {
				return err
			}
		}
		// A fresh output, as Hugo's, and no record of the files read
		// before (Hugo keeps nothing for these articles either): the
		// target is for a first build. Then one with the record the first
		// left, as a next build into an empty folder has it.
		b.clear(out)
		q, err := b.build(src, out, true)
		if err != nil {
			return err
		}
		if pairs {
			b.pairBig, b.pairSmall = append(b.pairBig, q), append(b.pairSmall, small)
		}
		c, err := b.copyOf(out, "articles-"+n)
		if err != nil {
			return err
		}
		cps = append(cps, c)
		b.clear(out)
		k, err := b.build(src, out, false)
		if err != nil {
			return err
		}
		b.clear(nout) // a first build too
		s, err := b.build(ns, nout, true)
		if err != nil {
			return err
		}
		b.clear(fout)
		warm(src)
		f, err := timeIt(nil, self, floorFlag, src, fout)
		if err != nil {
			return err
		}
		qs, qk, qn, hs, fs = append(qs, q), append(qk, k), append(qn, s), append(hs, h), append(fs, f)
	}
	// Rebuilds into the output just written, nothing changed: what an
	// editor's next build costs (unchanged files are linked, not written).
	// The second is shown (until the twenty-seventh session a build into
	// an empty folder did not give its copies their sources' times, and
	// the first rebuild copied them all again; now both link them).
	var re measure
	for range 2 {
		syscall.Sync()
		if re, err = b.build(src, out, false); err != nil {
			return err
		}
	}
	fmt.Fprintf(b.out, "articles %s (%d runs, alternating; medians; %s)\n", n, b.runs, hugoVersion(b.hugo))
	b.row("qingdan build", median(qs))
	b.row("qingdan build, files known", median(qk))
	b.row("qingdan, search = false", median(qn))
	b.row("hugo", median(hs))
	if len(hps) > 0 {
		b.row("hugo, then pagefind", median(hps))
	}
	b.row("floor (goldmark only)", median(fs))
	b.row("qingdan rebuild (no change)", re)
	b.row("cp -r of its output", median(cps))
	fmt.Fprintf(b.out, "  %-26s %s\n", "each run, qingdan/hugo s", eachRun(qs, hs))
	hugoWrote := "hugo"
	if len(hps) > 0 {
		hugoWrote = "hugo and pagefind"
	}
	lim, haveLim := readLimits()
	for _, o := range []struct {
		who, dir string
		peak     uint64
	}{{"qingdan", out, median(qs).dirty}, {hugoWrote, hout, median(hs).dirty}} {
		s, err := shapeOf(o.dir)
		if err != nil {
			return err
		}
		fmt.Fprintf(b.out, "  %-26s %s\n", o.who+" wrote", s)
		if note := writebackNote(o.who, s.bytes, o.peak, lim); haveLim && note != "" {
			fmt.Fprintf(b.out, "  %s\n", note)
		}
	}
	if note := loopNote(b.dir); note != "" && !b.loopSaid {
		fmt.Fprintf(b.out, "  %s\n", note)
		b.loopSaid = true
	}
	b.verdict("wall, qingdan ÷ hugo", medianRatio(qs, hs, wallOf), 0.4, ok)
	b.verdict("peak RSS, qingdan ÷ hugo", medianRatio(qs, hs, func(m measure) float64 { return float64(m.rss) }), 0.3, ok)
	// Hugo's wall swings from pass to pass (8.2-12.9 s at 10,000 on one
	// machine); with both keeping the cores busy, the CPU ratio is what the
	// wall's comes to, and the part of the gap a change to qingdan can close.
	fmt.Fprintln(b.out, contextLine("cpu, qingdan ÷ hugo", medianRatio(qs, hs, cpuOf)))
	fmt.Fprintln(b.out, contextLine("wall, qingdan, files known ÷ hugo", medianRatio(qk, hs, wallOf)))
	fmt.Fprintln(b.out, contextNote("wall, qingdan, search = false ÷ hugo", medianRatio(qn, hs, wallOf), "Hugo makes no search index"))
	fmt.Fprintln(b.out, contextNote("wall, floor ÷ hugo", medianRatio(fs, hs, wallOf), "over 0.40: the target is under the floor"))
	fmt.Fprintln(b.out, contextLine("wall, qingdan ÷ floor", medianRatio(qs, fs, wallOf)))
	fmt.Fprintln(b.out, contextLine("wall, qingdan ÷ cp -r of its output", medianRatio(qs, cps, wallOf)))
	if len(hps) > 0 {
		fmt.Fprintln(b.out, contextLine("wall, qingdan ÷ (hugo, then pagefind)", medianRatio(qs, hps, wallOf)))
	} else if b.pagefind != "" {
		fmt.Fprintf(b.out, "  pagefind left out above %d articles (it held 10 GB at 10,000)\n", maxPagefind)
	}
	b.articleWall[count], b.articleSite[count], b.hugoWall[count] = median(qs).wall, src, median(hs).wall
	return b.serveArticle(src, count, ok)
}

// maxPagefind is the most articles whose Hugo output -pagefind indexes:
// Pagefind 1.6 held 10 GB of memory for 10,000 (12,774 pages).
const maxPagefind = 10000

func (b *bench) data(scale string, ok *bool) error {
	src, _, err := b.site(scale)
	if err != nil {
		return err
	}
	if b.serveOnly {
		return b.serveReading(src, scale, ok)
	}
	out := filepath.Join(b.dir, "out-"+scale)
	var qs, cps []measure
	for range b.runs {
		b.clear(out)                      // a fresh output, as cp -r makes one
		q, err := b.build(src, out, true) // and a full build
		if err != nil {
			return err
		}
		c, err := b.copyOf(out, scale)
		if err != nil {
			return err
		}
		qs, cps = append(qs, q), append(cps, c)
	}
	q := median(qs)
	fmt.Fprintf(b.out, "%s (%d runs; medians)\n", scale, b.runs)
	b.row("qingdan build", q)
	b.row("cp -r of its output", median(cps))
	fmt.Fprintf(b.out, "  %-26s %s\n", "each run, build/cp s", eachRun(qs, cps))
	s, err := shapeOf(out)
	if err != nil {
		return err
	}
	fmt.Fprintf(b.out, "  %-26s %s\n", "qingdan wrote", s)
	switch scale {
	case "county":
		pairs, medians := copyRatios(qs, cps)
		b.verdict("wall, build ÷ cp -r (pairs)", pairs, 1.7, ok)
		fmt.Fprintln(b.out, contextLine("wall, build ÷ cp -r (medians)", medians))
		b.verdict("peak RSS, GiB", float64(q.rss)/(1<<30), 1, ok)
	case "province":
		b.verdict("wall, minutes", q.wall.Minutes(), 3, ok)
		b.verdict("peak RSS, GiB", float64(q.rss)/(1<<30), 6, ok)
	}
	name, size, err := largest(out)
	if err != nil {
		return err
	}
	b.verdict("largest page, MB ("+name+")", float64(size)/1e6, 2, ok)
	urls, err := sitemapURLs(out)
	if err != nil {
		return err
	}
	b.verdict("most URLs in one sitemap file, thousands", float64(urls)/1000, 50, ok)
	if scale != "county" {
		return nil
	}
	own, vendor, err := homeWeight(out)
	if err != nil {
		return err
	}
	b.verdict("home page HTML+CSS+JS, KB gzip", float64(own)/1000, 30, ok)
	fmt.Fprintf(b.out, "  ECharts on pages with a chart        %6.1f KB gzip\n", float64(vendor)/1000)
	return b.serveReading(src, scale, ok)
}

// serveReading measures serve on a data site: a reading saved.
func (b *bench) serveReading(src, scale string, ok *bool) error {
	if scale != "county" {
		return nil
	}
	took, err := b.serve(src, readingEdits)
	if err != nil {
		return err
	}
	b.verdict("serve: reading saved → page, ms", float64(took.Milliseconds()), 500, ok)
	return b.workbook(src)
}
