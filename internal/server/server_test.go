package server

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/qingdan/qingdan/internal/build"
)

// site writes the golden test site into a new folder.
func site(t testing.TB) string {
	t.Helper()
	a, err := txtar.ParseFile("../build/testdata/golden/small.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range a.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

type running struct {
	url    string
	events chan message
	cancel func()
	done   chan error
}

// start runs a server on a free port and connects an event stream to it.
func start(t testing.TB, o Options) *running {
	t.Helper()
	o.Port = 0 // any free port
	s := New(o)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{url: "http://" + ln.Addr().String(), events: make(chan message, 64), cancel: cancel, done: make(chan error, 1)}
	go func() { r.done <- s.Run(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-r.done:
		case <-time.After(5 * time.Second):
			t.Error("the server did not stop")
		}
	})
	// The event stream: wait for the server to answer, then read events.
	var resp *http.Response
	for i := 0; ; i++ {
		resp, err = http.Get(r.url + "/__qingdan/events")
		if err == nil {
			break
		}
		if i > 100 {
			t.Fatal(err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var m message
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				m.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				m.data += strings.TrimPrefix(line, "data: ")
			case line == "":
				if m.name != "" && m.name != "hello" {
					r.events <- m
				}
				m = message{}
			}
		}
	}()
	return r
}

// next waits for the next event.
func (r *running) next(t testing.TB) message {
	t.Helper()
	select {
	case m := <-r.events:
		return m
	case <-time.After(10 * time.Second):
		t.Fatal("no event within 10 s")
	}
	return message{}
}

func (r *running) get(t testing.TB, p string) (int, string) {
	t.Helper()
	resp, err := http.Get(r.url + p)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func write(t testing.TB, dir, name, body string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func replace(t testing.TB, dir, name, old, new string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s has no %q", name, old)
	}
	return strings.Replace(string(b), old, new, 1)
}

// TestServeEdits edits the site the ways editors and staff do, and checks
// each time that the browser is told and the new content is served; also
// with the site named by a path relative to the working folder (qingdan
// serve -s mysite), whose file events name the files so too.
func TestServeEdits(t *testing.T) {
	for _, mode := range []string{"events", "poll", "relative"} {
		t.Run(mode, func(t *testing.T) {
			src := site(t)
			o := Options{Build: build.Options{Src: src}}
			switch mode {
			case "poll":
				o.Poll = 50 * time.Millisecond
			case "relative":
				t.Chdir(filepath.Dir(filepath.Dir(src)))
				o.Build.Src = filepath.Join(filepath.Base(filepath.Dir(src)), filepath.Base(src))
			}
			r := start(t, o)
			if code, body := r.get(t, "/cases/tea/"); code != 200 || !strings.Contains(body, "茶园里的支部") || !strings.Contains(body, "/__qingdan/live.js") {
				t.Fatalf("first page: %d", code)
			}

			expect := func(step, name, page, want string) {
				t.Helper()
				start := time.Now()
				m := r.next(t)
				if m.name != name {
					t.Fatalf("%s: event %q %s, want %q", step, m.name, m.data, name)
				}
				t.Logf("%s: %s event after %v", step, name, time.Since(start).Round(time.Millisecond))
				if page != "" {
					if _, body := r.get(t, page); !strings.Contains(body, want) {
						t.Fatalf("%s: %s does not show %q", step, page, want)
					}
				}
			}

			// An edit in place.
			write(t, src, "content/cases/tea.md", replace(t, src, "content/cases/tea.md", "统一收购", "统一收购和加工"))
			expect("edit in place", "reload", "/cases/tea/", "统一收购和加工")

			// A save by rename, as vim and VS Code do, with the editor's swap file.
			body := replace(t, src, "content/cases/tea.md", "茶园里的支部", "茶山上的支部")
			write(t, src, "content/cases/.tea.md.swp", "swap")
			write(t, src, "content/cases/tea.md.tmp", body)
			if err := os.Rename(filepath.Join(src, "content/cases/tea.md.tmp"), filepath.Join(src, "content/cases/tea.md")); err != nil {
				t.Fatal(err)
			}
			expect("save by rename", "reload", "/cases/tea/", "茶山上的支部")

			// A CSV edit moves the figures.
			write(t, src, "data/progress.csv", replace(t, src, "data/progress.csv", "meet,2022-06-30,2,", "meet,2022-06-30,12,"))
			expect("CSV edit", "reload", "/projects/meet/", "100.0%")

			// A new folder with an article in it (a bundle).
			write(t, src, "content/cases/newstory/index.md", "---\ntitle: 新建文件夹里的文章\ndate: 2022-06-25\n---\n新的正文。\n")
			expect("new folder", "reload", "/cases/newstory/", "新建文件夹里的文章")

			// A CSS-only change restyles without a reload.
			write(t, src, "static/extra.css", "body{color:red}")
			expect("css", "css", "/extra.css", "color:red")

			// A broken front matter: the problem, with its line, over the last good page.
			good := replace(t, src, "content/cases/grid.md", "", "")
			write(t, src, "content/cases/grid.md", strings.Replace(good, `date = 2022-06-10`, `date = "2022-02-30"`, 1))
			m := r.next(t)
			if m.name != "problem" || !strings.Contains(m.data, "content/cases/grid.md:3") {
				t.Fatalf("broken front matter: event %q %s", m.name, m.data)
			}
			if _, body := r.get(t, "/cases/grid/"); !strings.Contains(body, "九宫格") || !strings.Contains(body, `id="qingdan-problems"`) {
				t.Fatal("the last good page with the problems is not served")
			}
			write(t, src, "content/cases/grid.md", good)
			expect("fixed", "reload", "/cases/grid/", "九宫格")
			if _, body := r.get(t, "/cases/grid/"); strings.Contains(body, `qingdan-problems`) {
				t.Fatal("the problems are still shown after the fix")
			}

			// Serving never writes the output folder.
			if _, err := os.Stat(filepath.Join(src, "public")); !os.IsNotExist(err) {
				t.Fatal("serve wrote public/")
			}

			// A deleted article disappears.
			os.RemoveAll(filepath.Join(src, "content/cases/newstory"))
			expect("delete", "reload", "", "")
			if code, _ := r.get(t, "/cases/newstory/"); code != 404 {
				t.Fatalf("a deleted article is still served: %d", code)
			}
		})
	}
}

func TestServeRefusals(t *testing.T) {
	r := start(t, Options{Build: build.Options{Src: site(t)}})
	for _, p := range []string{"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/cases/../../../etc/passwd", "/..%5c..%5cwindows"} {
		req, _ := http.NewRequest("GET", r.url+p, nil)
		req.URL.RawPath, req.URL.Path = p, p
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == 200 || strings.Contains(string(b), "root:") {
			t.Errorf("%s: %d", p, resp.StatusCode)
		}
	}
	for _, method := range []string{"POST", "PUT", "DELETE"} {
		req, _ := http.NewRequest(method, r.url+"/", nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("%s: %d", method, resp.StatusCode)
		}
	}
	for p, want := range map[string]string{
		"/": "text/html; charset=utf-8", "/assets/qingdan.css": "text/css; charset=utf-8",
		"/assets/qingdan.js": "text/javascript; charset=utf-8", "/data/summary.json": "application/json; charset=utf-8",
		"/feed.xml": "application/xml; charset=utf-8",
	} {
		resp, err := http.Head(r.url + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Content-Type"); got != want || resp.StatusCode != 200 {
			t.Errorf("%s: %d %s, want %s", p, resp.StatusCode, got, want)
		}
	}
	if resp, _ := http.Get(r.url + "/cases"); resp == nil || resp.Request.URL.Path != "/cases/" {
		t.Error("a folder without its slash is not redirected")
	}
}

// TestServeBurst: many files changed at once (a git checkout, an unzip) give
// one rebuild, and editor temporary files give none.
func TestServeBurst(t *testing.T) {
	src := site(t)
	r := start(t, Options{Build: build.Options{Src: src}})
	var gap time.Duration // the longest pause in the burst
	last := time.Now()
	for i := 0; i < 30; i++ {
		write(t, src, fmt.Sprintf("content/cases/burst-%d.md", i), fmt.Sprintf("---\ntitle: 第%d篇\ndate: 2022-06-01\n---\n正文。\n", i))
		gap, last = max(gap, time.Since(last)), time.Now()
	}
	if m := r.next(t); m.name != "reload" {
		t.Fatalf("event %q", m.name)
	}
	for {
		select {
		case m := <-r.events:
			// A pause longer than the quiet time ends a burst: on a starved
			// machine the writes may pause, and then a second rebuild is right.
			if m.name != "reload" || gap < quiet {
				t.Fatalf("a second event %q for one burst (its longest pause %v)", m.name, gap)
			}
			t.Logf("a second reload: the burst paused for %v", gap)
			continue
		case <-time.After(600 * time.Millisecond):
		}
		break
	}
	if _, body := r.get(t, "/cases/burst-29/"); !strings.Contains(body, "第29篇") {
		t.Fatal("the last file of the burst is not built")
	}
	for _, junk := range []string{"content/cases/.grid.md.swp", "content/cases/4913", "content/cases/grid.md~", "data/~$orgs.xlsx", "data/.~lock.orgs.csv#", "content/cases/grid.md___jb_tmp___"} {
		write(t, src, junk, "x")
	}
	select {
	case m := <-r.events:
		t.Fatalf("editor temporary files caused %q", m.name)
	case <-time.After(600 * time.Millisecond):
	}
}

// TestServePortTaken: a taken port moves to the next free one, and says so.
func TestServePortTaken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	var stderr strings.Builder
	s := New(Options{Build: build.Options{Src: site(t)}, Port: port, Stderr: &stderr})
	ln2, err := s.Listen()
	if err != nil {
		t.Fatal(err)
	}
	defer ln2.Close()
	if got := ln2.Addr().(*net.TCPAddr).Port; got == port {
		t.Fatal("listening on the taken port")
	}
	if !strings.Contains(stderr.String(), fmt.Sprintf("端口 %d 已被占用", port)) {
		t.Errorf("no word about the port: %q", stderr.String())
	}
}

// TestSupersededProblem: a build that fails while files are still changing
// (an editor's save caught half-way) reports nothing; the next rebuild, of
// what is really there, does.
func TestSupersededProblem(t *testing.T) {
	src := site(t)
	s := New(Options{Build: build.Options{Src: src}})
	s.rebuild()
	if s.problem != nil || s.site == nil {
		t.Fatalf("first build: %v", s.problem)
	}
	good := s.site
	os.WriteFile(filepath.Join(src, "content", "cases", "tea.md"), nil, 0o644) // truncated, not yet written
	s.changes = make(chan struct{}, 1)
	s.changes <- struct{}{}
	s.rebuild()
	if s.problem != nil {
		t.Fatalf("a superseded build reported %v", s.problem)
	}
	<-s.changes
	s.rebuild()
	if len(s.problem) == 0 {
		t.Fatal("the empty article is not reported once files are still")
	}
	if s.site != good {
		t.Fatal("the last good site is not kept")
	}
}

// TestHalfSavedData: a large data file saved in place can stay empty for a
// while between its truncation and its bytes (357 ms for 17 MB from one
// script); a build that fails on a file just emptied waits longer for the
// save to finish than for other failures, and reports nothing when it does.
func TestHalfSavedData(t *testing.T) {
	src := site(t)
	s := New(Options{Build: build.Options{Src: src}})
	s.rebuild()
	if s.problem != nil || s.site == nil {
		t.Fatalf("first build: %v", s.problem)
	}
	prog := filepath.Join(src, "data", "progress.csv")
	text, err := os.ReadFile(prog)
	if err != nil {
		t.Fatal(err)
	}
	s.changes = make(chan struct{}, 1)
	os.WriteFile(prog, nil, 0o644) // truncated, the rest still to come
	saved := make(chan struct{})
	go func() {
		time.Sleep(300 * time.Millisecond)
		os.WriteFile(prog, text, 0o644)
		s.changes <- struct{}{}
		close(saved)
	}()
	s.rebuild()
	<-saved
	if s.problem != nil {
		t.Fatalf("the half-saved file was reported: %v", s.problem)
	}
	<-s.changes
	s.rebuild()
	if s.problem != nil {
		t.Fatalf("the saved file: %v", s.problem)
	}
	// Emptied and left so: reported, after the longer wait.
	os.WriteFile(prog, nil, 0o644)
	t0 := time.Now()
	s.rebuild()
	if len(s.problem) == 0 {
		t.Fatal("an empty progress file left so is not reported")
	}
	if d := time.Since(t0); d < time.Second {
		t.Errorf("reported after %v, without waiting for the save to finish", d)
	}
}

// TestServeHostile: no redirect leads to another host (GET //orgs), a page
// whose name is not this server's (DNS rebinding) gets nothing, and a
// kept-alive connection that idles is closed.
func TestServeHostile(t *testing.T) {
	s := New(Options{Build: build.Options{Src: site(t)}})
	s.idle = 200 * time.Millisecond
	s.rebuild()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, ln) }()
	t.Cleanup(func() { cancel(); <-done })
	addr := ln.Addr().String()
	raw := func(req string) string {
		t.Helper()
		c, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		c.SetDeadline(time.Now().Add(5 * time.Second))
		io.WriteString(c, req)
		b, _ := io.ReadAll(io.LimitReader(c, 4096))
		return string(b)
	}
	for _, p := range []string{"//orgs", "//evil.example/orgs", "///evil.example"} {
		resp := raw("GET " + p + " HTTP/1.0\r\nHost: " + addr + "\r\n\r\n")
		for _, line := range strings.Split(resp, "\r\n") {
			if loc, ok := strings.CutPrefix(line, "Location: "); ok && (strings.HasPrefix(loc, "//") || strings.Contains(loc, "://")) {
				t.Errorf("GET %s redirects off the site: %s", p, loc)
			}
		}
	}
	if resp := raw("GET /orgs HTTP/1.0\r\nHost: " + addr + "\r\n\r\n"); !strings.Contains(resp, "Location: /orgs/\r\n") {
		t.Errorf("GET /orgs does not lead to /orgs/:\n%s", resp)
	}
	for host, ok := range map[string]bool{"evil.example": false, "evil.example:80": false, "localhost:1313": true, "127.0.0.1": true, "[::1]:1313": true, "preview.localhost": true} {
		resp := raw("GET / HTTP/1.0\r\nHost: " + host + "\r\n\r\n")
		if got := strings.HasPrefix(resp, "HTTP/1.0 200"); got != ok {
			t.Errorf("Host %s: %q", host, strings.SplitN(resp, "\r\n", 2)[0])
		}
	}
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	io.WriteString(c, "GET / HTTP/1.1\r\nHost: "+addr+"\r\n\r\n")
	c.SetDeadline(time.Now().Add(5 * time.Second))
	start := time.Now()
	io.Copy(io.Discard, c) // the page, then the close after the idle time
	if time.Since(start) > 3*time.Second {
		t.Error("an idle kept-alive connection is not closed")
	}
}

// TestAddresses: listening on every interface, serve prints addresses one
// can open, never http://[::]:1313/ or http://0.0.0.0:1313/.
func TestAddresses(t *testing.T) {
	for _, ip := range []net.IP{net.IPv4zero, net.IPv6unspecified} {
		urls := addresses(&net.TCPAddr{IP: ip, Port: 1313})
		if urls[0] != "http://127.0.0.1:1313/" {
			t.Errorf("%v: first address %s", ip, urls[0])
		}
		for _, u := range urls {
			if strings.Contains(u, "[::]") || strings.Contains(u, "0.0.0.0") {
				t.Errorf("%v: %s cannot be opened", ip, u)
			}
		}
	}
	if got := addresses(&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}); len(got) != 1 || got[0] != "http://127.0.0.1:8080/" {
		t.Errorf("a bound address: %v", got)
	}
}
