package server

// Served equals built: every golden site of internal/build, served by
// qingdan serve, gives over HTTP the bytes of a full build of it, file by
// file, the live-reload tag aside; and it still does after edits of every
// kind (an article's front matter and body, a data cell, a layout, the
// configuration, a stylesheet, an article added and deleted), each compared
// with a fresh full build of the edited site.

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/diff"

	"github.com/qingdan/qingdan/internal/build"
	"github.com/qingdan/qingdan/internal/publish"
)

// goldenRoot holds internal/build's golden sites.
const goldenRoot = "../build/testdata/golden"

// liveTag is what the server adds to every page, just before </body>.
const liveTag = `<script src="/__qingdan/live.js"></script>`

// goldenOptions reads a golden site's flags.txt as internal/build's golden
// test does. --links is read and dropped: serve has no files links, so a
// site built with --links files is served anyway and compared with a build
// of it without them (links ending in /).
func goldenOptions(t *testing.T, dir string) (o build.Options, fail bool) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "flags.txt"))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var args []string
	for line := range strings.Lines(string(b)) {
		line, _, _ = strings.Cut(line, "#")
		args = append(args, strings.Fields(line)...)
	}
	set := flag.NewFlagSet("flags.txt", flag.ContinueOnError)
	set.SetOutput(io.Discard)
	set.StringVar(&o.AsOf, "as-of", "", "")
	set.StringVar(&o.BaseURL, "base-url", "", "")
	set.BoolVar(&o.Drafts, "drafts", false, "")
	set.BoolVar(&o.Publish, "publish", false, "")
	set.String("links", "dirs", "")
	set.BoolVar(&fail, "fail", false, "")
	if err := set.Parse(args); err != nil || set.NArg() > 0 {
		t.Fatalf("%s/flags.txt: %v %q", dir, err, set.Args())
	}
	return o, fail
}

// goldenCopy copies the golden site name's src/ into a new folder.
func goldenCopy(t *testing.T, name string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "src")
	if err := os.CopyFS(dst, os.DirFS(filepath.Join(goldenRoot, name, "src"))); err != nil {
		t.Fatal(err)
	}
	return dst
}

// built runs a full build of o into a new folder and reads every file of it.
func built(t *testing.T, o build.Options) map[string][]byte {
	t.Helper()
	o.Out = filepath.Join(t.TempDir(), "public")
	o.Preview = true // as serve builds
	r, err := build.Run(o)
	if err != nil {
		t.Fatal(err)
	}
	if r.Diags.Errors() > 0 || r.Site == nil {
		var b strings.Builder
		r.Diags.Print(&b, r.Lang())
		t.Fatalf("the build failed:\n%s", b.String())
	}
	files := map[string][]byte{}
	err = filepath.WalkDir(o.Out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(o.Out, p)
		if err == nil {
			files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// served is a server running on a loopback port.
type served struct {
	s      *Server
	url    string
	client *http.Client
}

// serveGolden starts a server of o on 127.0.0.1 and waits for its first build.
func serveGolden(t *testing.T, o build.Options) *served {
	t.Helper()
	s := New(Options{Build: o})
	s.built = make(chan struct{}, 1)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, ln) }()
	tr := &http.Transport{Proxy: nil} // loopback only, whatever the environment says
	// A ceiling, not a measure: under the race detector on a loaded machine
	// the manifest (every file of the site made and summed) took over 10 s.
	sv := &served{s: s, url: "http://" + ln.Addr().String(), client: &http.Client{Transport: tr, Timeout: time.Minute}}
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Error(err)
			}
		case <-time.After(5 * time.Second):
			t.Error("the server did not stop")
		}
		tr.CloseIdleConnections()
	})
	select {
	case <-s.built:
	case <-time.After(10 * time.Second):
		t.Fatal("no first build within 10 s")
	}
	return sv
}

// fetch asks for the path p with the method.
func (sv *served) fetch(t *testing.T, method, p string) (int, string, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, sv.url+p, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := sv.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), b
}

// unlive removes the live-reload tag from just before a page's last
// </body>; false when it is not there.
func unlive(page []byte) ([]byte, bool) {
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 || !bytes.HasSuffix(page[:i], []byte(liveTag)) {
		return nil, false
	}
	return slices.Concat(page[:i-len(liveTag)], page[i:]), true
}

// mismatch fetches every file of the build want, and for each index.html
// its folder's address too, and reports how what is served differs from
// it, and any file the server has that the build lacks; "" when nothing
// differs.
func (sv *served) mismatch(t *testing.T, want map[string][]byte) string {
	t.Helper()
	var b strings.Builder
	shown := 0
	for _, name := range slices.Sorted(maps.Keys(want)) {
		paths := []string{"/" + name}
		if dir, ok := strings.CutSuffix(name, "index.html"); ok {
			paths = append(paths, "/"+dir)
		}
		for _, p := range paths {
			code, _, got := sv.fetch(t, "GET", p)
			if code != http.StatusOK {
				fmt.Fprintf(&b, "%s: status %d\n", p, code)
				continue
			}
			if strings.HasSuffix(name, ".html") {
				page, ok := unlive(got)
				if !ok {
					fmt.Fprintf(&b, "%s: no %s just before </body>\n", p, liveTag)
					continue
				}
				got = page
			}
			switch {
			case bytes.Equal(got, want[name]):
			case shown >= 3:
				fmt.Fprintf(&b, "%s: differs (%d bytes built, %d served)\n", p, len(want[name]), len(got))
			default:
				shown++
				d := strings.SplitAfter(string(diff.Diff("built/"+name, want[name], "served"+p, got)), "\n")
				fmt.Fprintf(&b, "%s: differs:\n%s", p, strings.Join(d[:min(len(d), 40)], ""))
			}
		}
	}
	sv.s.mu.RLock()
	site := sv.s.site
	sv.s.mu.RUnlock()
	if site == nil {
		return b.String() + "no site is served\n"
	}
	for _, name := range append(site.Names(), publish.Marker) {
		if _, ok := want[name]; !ok {
			fmt.Fprintf(&b, "%s: served, not built\n", name)
		}
	}
	return b.String()
}

// TestGoldenServed serves every golden site whose build succeeds and checks
// that each file a full build writes is served with the same bytes, that
// nothing else is, and that HEAD answers as GET does without a body.
func TestGoldenServed(t *testing.T) {
	entries, err := os.ReadDir(goldenRoot)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		dir := filepath.Join(goldenRoot, e.Name())
		if fi, err := os.Stat(filepath.Join(dir, "src")); err != nil || !fi.IsDir() {
			continue
		}
		o, fail := goldenOptions(t, dir)
		if fail {
			continue
		}
		n++
		t.Run(e.Name(), func(t *testing.T) {
			t.Parallel()
			o.Src = goldenCopy(t, e.Name())
			want := built(t, o)
			sv := serveGolden(t, o)
			if report := sv.mismatch(t, want); report != "" {
				t.Fatalf("served differs from built:\n%s", report)
			}

			// Nothing the build lacks: not the sources, not a made-up page,
			// which gets the 404 page with the tag.
			for _, p := range []string{"/nope/", "/nope.css", "/cases/nope/", "/qingdan.toml", "/data/progress.csv", "/index.html/", "/public/index.html"} {
				code, ctype, got := sv.fetch(t, "GET", p)
				page, ok := unlive(got)
				if code != http.StatusNotFound || ctype != "text/html; charset=utf-8" || !ok || !bytes.Equal(page, want["404.html"]) {
					t.Errorf("%s: %d %s, %d bytes (tag %v); want 404 with the 404 page", p, code, ctype, len(got), ok)
				}
			}

			for _, p := range []string{"/", "/index.html", "/assets/qingdan.css", "/manifest.sha256", "/data/projects.xlsx", "/nope/"} {
				code, ctype, _ := sv.fetch(t, "GET", p)
				hcode, hctype, body := sv.fetch(t, "HEAD", p)
				if hcode != code || hctype != ctype || len(body) != 0 {
					t.Errorf("HEAD %s: %d %s, %d bytes; GET gives %d %s", p, hcode, hctype, len(body), code, ctype)
				}
			}
		})
	}
	if n < 5 {
		t.Fatalf("only %d golden sites in %s", n, goldenRoot)
	}
}

// goldenEdit is one edit of a served site: the files it writes ("" deletes).
type goldenEdit struct {
	name  string
	files func(t *testing.T, src string) map[string]string
	check func(t *testing.T, sv *served) // optional, after served equals built
}

// goldenEdits serves the golden site name, makes the edits one after the
// other and, after each, waits until the served site equals a fresh full
// build of the edited site: the server may rebuild more than once, but
// within 10 s it must get there.
func goldenEdits(t *testing.T, name string, edits []goldenEdit) {
	o, _ := goldenOptions(t, filepath.Join(goldenRoot, name))
	o.Src = goldenCopy(t, name)
	last := built(t, o)
	sv := serveGolden(t, o)
	if report := sv.mismatch(t, last); report != "" {
		t.Fatalf("before any edit, served differs from built:\n%s", report)
	}
	for _, e := range edits {
		select { // forget rebuilds before this edit
		case <-sv.s.built:
		default:
		}
		for f, body := range e.files(t, o.Src) {
			if body == "" {
				if err := os.Remove(filepath.Join(o.Src, filepath.FromSlash(f))); err != nil {
					t.Fatal(err)
				}
				continue
			}
			write(t, o.Src, f, body)
		}
		start := time.Now()
		want := built(t, o)
		if maps.EqualFunc(last, want, bytes.Equal) {
			t.Fatalf("%s: the edit changes no built file", e.name)
		}
		last = want
		deadline := time.After(10 * time.Second)
	wait:
		for {
			select {
			case <-sv.s.built:
				rep := sv.mismatch(t, want)
				if rep == "" {
					break wait
				}
				t.Logf("%s: a rebuild served a site other than the build; waiting for the next:\n%s", e.name, rep)
			case <-deadline:
				t.Fatalf("%s: 10 s after the edit, served differs from built:\n%s", e.name, sv.mismatch(t, want))
			}
		}
		t.Logf("%s: served equals built after %v", e.name, time.Since(start).Round(time.Millisecond))
		if e.check != nil {
			e.check(t, sv)
		}
	}
}

// TestGoldenServeEdits edits served golden sites and compares the whole
// served site with a fresh full build after each edit.
func TestGoldenServeEdits(t *testing.T) {
	shows := func(p string, want ...string) func(*testing.T, *served) {
		return func(t *testing.T, sv *served) {
			t.Helper()
			code, _, b := sv.fetch(t, "GET", p)
			for _, w := range want {
				if code != 200 || !bytes.Contains(b, []byte(w)) {
					t.Errorf("%s (%d) does not show %q", p, code, w)
				}
			}
		}
	}
	one := func(name, old, new string) func(*testing.T, string) map[string]string {
		return func(t *testing.T, src string) map[string]string {
			return map[string]string{name: replace(t, src, name, old, new)}
		}
	}

	t.Run("layout-block", func(t *testing.T) {
		t.Parallel()
		// layouts/project.html lists the cases of the project's org: the
		// case's new title must reach the project page, not only the case's.
		goldenEdits(t, "layout-block", []goldenEdit{
			{"case title", one("content/cases/yi-zoufang.md", "title: 东片六个网格走访过半", "title: 东片网格走访完成八成"),
				func(t *testing.T, sv *served) {
					shows("/projects/yi-zoufang/", `">东片网格走访完成八成</a></li>`)(t, sv)
					if _, _, b := sv.fetch(t, "GET", "/projects/yi-zoufang/"); bytes.Contains(b, []byte("东片六个网格走访过半")) {
						t.Error("/projects/yi-zoufang/ still shows the old title")
					}
				}},
			{"layout", one("layouts/project.html", "的案例</h2>", "的典型案例</h2>"),
				shows("/projects/yi-zoufang/", "南关社区第一党支部的典型案例")},
		})
	})

	t.Run("csv", func(t *testing.T) {
		t.Parallel()
		article := "---\ntitle: 柳树村新添六个大棚\ndate: 2022-09-29\ncolumn: 基层实践\nauthors: [通讯员 王芳]\norgs: [liushu]\nprojects: [ls-xianggu]\ntags: [乡村振兴]\n---\n\n[柳树村党支部](org:liushu)的[香菇大棚](project:ls-xianggu)又添了六个。\n"
		goldenEdits(t, "csv", []goldenEdit{
			{"progress cell", one("data/progress.csv", "ng-zoufang,2022-09-30,960,", "ng-zoufang,2022-09-30,1080,"), nil},
			{"org name cell", one("data/orgs.csv", "中共青禾县白石镇委员会", "中共白石镇委员会"),
				shows("/orgs/baishi/", "中共白石镇委员会")},
			{"project title cell", one("data/projects.csv", ",网格员入户走访,", ",网格员分片入户走访,"),
				shows("/projects/ng-zoufang/", "网格员分片入户走访")},
			{"article body", one("content/cases/nanguan-wangge.md", "网格员白天上门", "网格员每天傍晚上门"),
				shows("/cases/nanguan-wangge/", "网格员每天傍晚上门")},
			{"new article", func(*testing.T, string) map[string]string {
				return map[string]string{"content/cases/liushu-xinpeng.md": article}
			}, shows("/cases/liushu-xinpeng/", "柳树村新添六个大棚")},
			{"deleted article", func(*testing.T, string) map[string]string {
				return map[string]string{"content/cases/liushu-xinpeng.md": ""}
			}, func(t *testing.T, sv *served) {
				if code, _, _ := sv.fetch(t, "GET", "/cases/liushu-xinpeng/"); code != 404 {
					t.Errorf("the deleted article is served: %d", code)
				}
			}},
			{"site title", one("qingdan.toml", `title = "青禾县基层党建清单"`, `title = "青禾县基层党建工作清单"`),
				shows("/", "青禾县基层党建工作清单")},
			{"new stylesheet", func(*testing.T, string) map[string]string {
				return map[string]string{"static/extra.css": "body{color:#333}\n"}
			}, shows("/extra.css", "#333")},
			{"stylesheet edit", func(*testing.T, string) map[string]string {
				return map[string]string{"static/extra.css": "body{color:#c00}\n"}
			}, shows("/extra.css", "#c00")},
			{"theme stylesheet replaced", func(*testing.T, string) map[string]string {
				return map[string]string{"static/assets/qingdan.css": "body{margin:0}\n"}
			}, shows("/assets/qingdan.css", "body{margin:0}")},
		})
	})
}
