package browser

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/qingdan/qingdan/internal/build"
	"github.com/qingdan/qingdan/internal/server"
)

// TestServeInBrowser runs qingdan serve and a real page against it: a broken
// front matter shows its file and line over the page, without a reload;
// fixing it removes the overlay and reloads; a stylesheet change restyles the
// page in place, without a reload.
func TestServeInBrowser(t *testing.T) {
	bctx := browserContext(t)
	a, err := txtar.ParseFile("../build/testdata/golden/small.txtar")
	if err != nil {
		t.Fatal(err)
	}
	src := t.TempDir()
	write := func(name, body string) {
		p := filepath.Join(src, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range a.Files {
		write(f.Name, string(f.Data))
	}
	s := server.New(server.Options{Build: build.Options{Src: src}})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(sctx, ln) }()
	defer func() { stop(); <-done }()

	tab, cancel := chromedp.NewContext(bctx)
	defer cancel()
	tab, cancelT := context.WithTimeout(tab, 60*time.Second)
	defer cancelT()
	url := "http://" + ln.Addr().String() + "/cases/grid/"
	// waitFor polls expr until it holds; a reload on the way interrupts a
	// poll, which then starts again on the new page.
	waitFor := func(step, expr string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			ok, err := chromedp.Run(tab, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(time.Until(deadline))))
			if err == nil && ok {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: %s did not become true: %v", step, expr, err)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	mark := func(set string) float64 {
		t.Helper()
		v, err := chromedp.Run(tab, chromedp.Evaluate[float64](set+"window.__qdMark || 0"))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	waitFor("page", `document.querySelector('h1') !== null && document.querySelector('h1').textContent.includes('九宫格')`)
	// The live-reload script connects before anything is edited.
	time.Sleep(300 * time.Millisecond)
	mark("window.__qdMark = 1;")

	good, _ := os.ReadFile(filepath.Join(src, "content/cases/grid.md"))
	write("content/cases/grid.md", strings.Replace(string(good), "date = 2022-06-10", `date = "2022-02-30"`, 1))
	waitFor("overlay", `(document.getElementById('qingdan-overlay') || {}).textContent !== undefined && document.getElementById('qingdan-overlay').textContent.includes('content/cases/grid.md:3')`)
	if mark("") != 1 {
		t.Fatal("the page reloaded instead of showing the problem over it")
	}

	write("content/cases/grid.md", string(good))
	waitFor("fixed", `window.__qdMark === undefined && document.readyState === 'complete' && !document.getElementById('qingdan-overlay') && document.querySelector('h1') !== null`)

	time.Sleep(300 * time.Millisecond)
	mark("window.__qdMark = 2;")
	write("static/assets/qingdan.css", "body{background:rgb(1, 2, 3)}")
	waitFor("css", `getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)'`)
	if mark("") != 2 {
		t.Fatal("a stylesheet change reloaded the page")
	}
}
