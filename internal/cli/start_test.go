package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// testHost is a machine for the start that opens no browser: its browser
// fetches the page, says so on out and, unless the host is windowless (which
// must stop by itself once no page is open), ends the preview.
func testHost(terminal, windowless bool, out io.Writer) host {
	ctx, cancel := context.WithCancel(context.Background())
	return host{
		ctx:        ctx,
		terminal:   func() bool { return terminal },
		windowless: func() bool { return windowless },
		open: func(url string) error {
			go func() {
				if !windowless {
					defer cancel()
				}
				c := &http.Client{Timeout: time.Minute, Transport: &http.Transport{DisableKeepAlives: true}}
				resp, err := c.Get(url)
				if err != nil {
					fmt.Fprintf(out, "browser: %s %v\n", url, err)
					return
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				title := regexp.MustCompile(`<title>([^<]*)</title>`).FindSubmatch(b)
				if title == nil {
					title = [][]byte{nil, []byte("no title")}
				}
				fmt.Fprintf(out, "browser: %s %d %s\n", url, resp.StatusCode, title[1])
			}()
			return nil
		},
		wait: func(w io.Writer, lang string) { fmt.Fprintln(w, "(waits for Enter)") },
		idle: 300 * time.Millisecond,
	}
}

// syncBuffer is a buffer the preview and the test's browser both write to.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestStart runs qingdan without arguments in each kind of folder, typed in
// a terminal and double-clicked.
func TestStart(t *testing.T) {
	site := t.TempDir()
	if code := makeSite(site, "zh-CN", "", io.Discard, io.Discard); code != 0 {
		t.Fatal("no site")
	}
	en := t.TempDir()
	if err := os.WriteFile(filepath.Join(en, "qingdan.toml"), []byte("title = \"Test site\"\nlanguage = \"en\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	other := t.TempDir() // someone's folder: not a site, not empty
	if err := os.WriteFile(filepath.Join(other, "报表.xlsx"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name                 string
		dir                  string
		terminal, windowless bool
		code                 int
		stdout, stderr       string // regexps; "" wants nothing
		made                 bool   // a site was made in dir
	}{
		{name: "site, clicked", dir: site, code: 0,
			stdout: `(?s)^正在预览 \S+ 中的站点，浏览器会自动打开 (http://127\.0\.0\.1:\d+/)\n.*要停止预览，请关闭这个窗口，或按 Ctrl-C\n.*预览地址 (http://127\.0\.0\.1:\d+/).*按 Ctrl-C 停止\n.*browser: http://127\.0\.0\.1:\d+/ 200 `},
		{name: "site, typed", dir: site, terminal: true, code: 0,
			stdout: `(?s)^正在预览 .*请关闭这个窗口，或按 Ctrl-C\n.*browser: http://127\.0\.0\.1:\d+/ 200 `},
		{name: "site, windowless", dir: site, windowless: true, code: 0,
			stdout: `browser: http://127\.0\.0\.1:\d+/ 200 `},
		{name: "English site", dir: en, code: 0,
			stdout: `(?s)^previewing the site in .*close this window or press Ctrl-C\n.*browser: http://127\.0\.0\.1:\d+/ 200 Test site`},
		{name: "fresh folder, clicked", dir: "fresh", code: 0, made: true,
			stdout: `(?s)^新站点已建在这个文件夹：双击 qingdan 或运行 qingdan 预览.*\n正在预览 .*browser: http://127\.0\.0\.1:\d+/ 200 `},
		{name: "fresh folder, typed", dir: "fresh", terminal: true, code: 2,
			stderr: `(?s)^用法：qingdan <命令> \[参数\]\n.*\n\n这里还没有站点：运行 qingdan new site \. 在这里新建站点`},
		{name: "other folder, typed", dir: other, terminal: true, code: 2,
			stderr: `^用法：qingdan <命令> \[参数\]\n`},
		{name: "other folder, clicked", dir: other, code: 2,
			stderr: `^\S+ 不是 qingdan 站点（其中没有 qingdan.toml），也不是空文件夹。请把 qingdan 放进站点文件夹.*再双击它\n\(waits for Enter\)\n$`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tt.dir
			if dir == "fresh" {
				// As the release archive unpacks, double-clicked in place.
				dir = t.TempDir()
				for _, f := range []string{"qingdan.exe", "README.md", "licenses/go/LICENSE", "desktop.ini"} {
					p := filepath.Join(dir, filepath.FromSlash(f))
					os.MkdirAll(filepath.Dir(p), 0o755)
					if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			t.Chdir(dir)
			var stdout, stderr syncBuffer
			h := testHost(tt.terminal, tt.windowless, &stdout)
			h.exe = filepath.Join(dir, "qingdan.exe")
			done := make(chan int)
			go func() { done <- mainOn(h, nil, &stdout, &stderr) }()
			var code int
			select {
			case code = <-done:
			case <-time.After(2 * time.Minute):
				t.Fatalf("the preview did not stop\nstdout:\n%s\nstderr:\n%s", &stdout, &stderr)
			}
			if code != tt.code {
				t.Errorf("exit %d, want %d", code, tt.code)
			}
			if tt.stderr == "" { // but the port may be taken on this machine
				tt.stderr = `^(端口 1313 已被占用，改用 \d+\n|port 1313 is taken; using \d+\n)?$`
			}
			for _, c := range []struct{ name, re, got string }{{"stdout", tt.stdout, stdout.String()}, {"stderr", tt.stderr, stderr.String()}} {
				if c.re == "" && c.got != "" || c.re != "" && !regexp.MustCompile(c.re).MatchString(c.got) {
					t.Errorf("%s does not match %q:\n%s", c.name, c.re, c.got)
				}
			}
			if m := regexp.MustCompile(`浏览器会自动打开 (\S+)\n(?s:.*)预览地址 (\S+)（`).FindStringSubmatch(stdout.String()); m != nil && m[1] != m[2] {
				t.Errorf("opened %s, served %s", m[1], m[2])
			}
			_, err := os.Stat(filepath.Join(dir, "qingdan.toml"))
			if made := err == nil && tt.dir == "fresh"; made != tt.made {
				t.Errorf("site made: %v, want %v", made, tt.made)
			}
			if tt.dir == "fresh" {
				if b, _ := os.ReadFile(filepath.Join(dir, "README.md")); string(b) != "x" {
					t.Error("README.md was replaced")
				}
			}
		})
	}
}

func TestFreshFolder(t *testing.T) {
	exe := func(dir string) string { return filepath.Join(dir, "qingdan") }
	tests := []struct {
		files []string
		fresh bool
	}{
		{nil, true},
		{[]string{"qingdan"}, true},
		{[]string{"qingdan", "README.md", "licenses/go/LICENSE", ".DS_Store", "Thumbs.db"}, true},
		{[]string{"qingdan", "README.md", "licenses/go/LICENSE", "demo/qingdan.toml", "demo/data/orgs.csv"}, true}, // a release folder
		{[]string{"demo"}, false}, // a file named demo is someone's
		{[]string{"qingdan", "notes.txt"}, false},
		{[]string{"README.md/x"}, false}, // a folder named README.md is someone's
		{[]string{"licenses"}, false},    // so is a file named licenses
		{[]string{"qingdan.exe"}, false}, // not the program that runs
		{[]string{"data/orgs.csv"}, false},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		for _, f := range tt.files {
			p := filepath.Join(dir, filepath.FromSlash(f))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if got := freshFolder(dir, exe(dir)); got != tt.fresh {
			t.Errorf("freshFolder with %v = %v, want %v", tt.files, got, tt.fresh)
		}
	}
	// The program counts only in its own folder.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "qingdan"), nil, 0o755)
	if freshFolder(dir, exe(t.TempDir())) {
		t.Error("a file named like the program, elsewhere, made the folder fresh")
	}
}

// TestNewSiteHere: qingdan new site . in a fresh folder, as a clerk types it
// next to the unpacked program, makes the site there and replaces nothing.
func TestNewSiteHere(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"qingdan", "README.md"} {
		os.WriteFile(filepath.Join(dir, f), []byte("keep"), 0o644)
	}
	var stdout, stderr bytes.Buffer
	if code := makeSite(dir, "zh-CN", filepath.Join(dir, "qingdan"), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, &stderr)
	}
	for _, f := range []string{"qingdan.toml", "data/orgs.csv", "content/cases/tea.md"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "README.md")); string(b) != "keep" {
		t.Error("README.md was replaced")
	}
	t.Chdir(dir)
	stdout.Reset()
	if code := makeSite(".", "zh-CN", "", &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "已存在且不是空目录") {
		t.Errorf("a second new site here: exit %d, %s", code, &stderr)
	}
}

func TestIdleListenerStops(t *testing.T) {
	site := t.TempDir()
	makeSite(site, "zh-CN", "", io.Discard, io.Discard)
	t.Chdir(site)
	var out syncBuffer
	h := testHost(false, true, &out)
	start := time.Now()
	if code := mainOn(h, nil, &out, &out); code != 0 {
		t.Fatalf("exit %d:\n%s", code, &out)
	}
	if !strings.Contains(out.String(), " 200 ") {
		t.Errorf("the page was not served:\n%s", &out)
	}
	if d := time.Since(start); d > time.Minute {
		t.Errorf("stopped only after %v", d)
	}
}

func TestBrowserCommand(t *testing.T) {
	u := "http://127.0.0.1:1313/"
	for goos, want := range map[string]string{
		"windows": "rundll32 url.dll,FileProtocolHandler " + u,
		"darwin":  "open " + u,
		"linux":   "xdg-open " + u,
		"freebsd": "xdg-open " + u,
	} {
		if got := strings.Join(browserCommand(goos, u), " "); got != want {
			t.Errorf("%s: %q, want %q", goos, got, want)
		}
	}
}
