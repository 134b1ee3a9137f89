package browser

// The 404 page: served by a static host for any missing address, deep or
// hostile, it finds the site root and keeps its links inside the site.

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/qingdan/qingdan/internal/build"
)

// TestDeep404 serves the demo under /dangjian/ as static hosts do: 404.html
// for any missing path, however deep. Built with a base_url (whose path
// gives the root) and without one (the section folder in the address does),
// the page must still get its stylesheet and script, and its links must
// lead into the site, not below the missing path.
func TestDeep404(t *testing.T) {
	t.Parallel()
	for _, base := range []string{"https://example.org/dangjian/", ""} {
		t.Run("base_url="+base, func(t *testing.T) {
			t.Parallel()
			deep404(t, base)
		})
	}
}

func deep404(t *testing.T, baseURL string) {
	out := filepath.Join(t.TempDir(), "public")
	r, err := build.Run(build.Options{Src: repoRoot, Out: out, BaseURL: baseURL})
	if err != nil || r.Diags.Errors() > 0 {
		t.Fatalf("build: %v", err)
	}
	page404, err := os.ReadFile(filepath.Join(out, "404.html"))
	if err != nil {
		t.Fatal(err)
	}
	files := http.StripPrefix("/dangjian", http.FileServer(http.Dir(out)))
	mux := http.NewServeMux()
	mux.HandleFunc("/dangjian/", func(w http.ResponseWriter, r *http.Request) {
		p := filepath.Join(out, filepath.FromSlash(strings.TrimPrefix(r.URL.Path, "/dangjian/")))
		if fi, err := os.Stat(p); err == nil && (!fi.IsDir() || fileExists(filepath.Join(p, "index.html"))) {
			files.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page404) // a real host says 404; the harness counts that as a failed request
	})
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	browserContext(t)
	type seen struct {
		Styled bool   `json:"styled"` // the masthead has its background colour
		Nav    string `json:"nav"`    // where the first menu link leads
		Skip   string `json:"skip"`   // where the skip link leads
	}
	var links seen
	rep := loadPage(t, ts.URL+"/dangjian/projects/no/such/page/", desktop, loadOptions{act: func(ctx context.Context) (err error) {
		links, err = chromedp.Run(ctx, chromedp.Evaluate[seen](`({
  styled: getComputedStyle(document.querySelector('.masthead')).backgroundColor !== 'rgba(0, 0, 0, 0)',
  nav: document.querySelector('.nav a').href,
  skip: document.querySelector('.skip').href,
})`))
		return err
	}})
	if rep.ActErr != nil {
		t.Fatal(rep.ActErr)
	}
	for _, s := range rep.problems() {
		t.Error(s)
	}
	if !links.Styled {
		t.Error("the deep 404 page has no stylesheet")
	}
	if want := ts.URL + "/dangjian/projects/"; links.Nav != want {
		t.Errorf("its first menu link leads to %s, want %s", links.Nav, want)
	}
	if want := ts.URL + "/dangjian/projects/no/such/page/#main"; links.Skip != want {
		t.Errorf("its skip link leads to %s, want %s", links.Skip, want)
	}
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// TestHostile404 opens the 404 page at addresses made to move its computed
// root to another host (http://SITE//evil.example/…, and the same with a
// backslash): without a base_url the page's script takes the root from the
// address, and must keep it on the page's own origin. Nothing may be
// requested from another host.
func TestHostile404(t *testing.T) {
	t.Parallel()
	out := buildDemo(t, false)
	page404, err := os.ReadFile(filepath.Join(out, "404.html"))
	if err != nil {
		t.Fatal(err)
	}
	files := http.FileServer(http.Dir(out))
	// Not a ServeMux: it would clean // out of the path with a redirect,
	// which nginx and Python's server do not.
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := filepath.Join(out, filepath.FromSlash(path.Clean("/"+r.URL.Path)))
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && !strings.Contains(r.URL.Path, "//") {
			files.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page404)
	}))
	t.Cleanup(ts.Close)
	browserContext(t)
	for _, addr := range []string{"//evil.example/projects/a/b", `/\evil.example/projects/a/b`, "//evil.example:8080/orgs/x/y/", "///evil.example/cases/a/b"} {
		var base string
		rep := loadPage(t, ts.URL+addr, desktop, loadOptions{act: func(ctx context.Context) (err error) {
			base, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.baseURI`))
			return err
		}})
		if rep.ActErr != nil {
			t.Fatal(rep.ActErr)
		}
		for _, s := range rep.ForeignRequests {
			t.Errorf("%s: a request to another host: %s", addr, s)
		}
		if !strings.HasPrefix(base, ts.URL+"/") {
			t.Errorf("%s: the page's base is %s, off its own origin", addr, base)
		}
	}
}

// TestOldAddress404: without a base_url, an old address outside every
// section (/x/old/news/123.html, on a site served under /x/) still gets a
// styled 404 page whose links lead into the site: the page tries the
// address's folders for the site's own files.
func TestOldAddress404(t *testing.T) {
	t.Parallel()
	out := buildDemo(t, false)
	page404, err := os.ReadFile(filepath.Join(out, "404.html"))
	if err != nil {
		t.Fatal(err)
	}
	files := http.StripPrefix("/x", http.FileServer(http.Dir(out)))
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rel := strings.TrimPrefix(r.URL.Path, "/x/")
		p := filepath.Join(out, filepath.FromSlash(rel))
		if fi, err := os.Stat(p); strings.HasPrefix(r.URL.Path, "/x/") && err == nil && (!fi.IsDir() || fileExists(filepath.Join(p, "index.html"))) {
			files.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page404) // as a host does for any missing address (status aside)
	}))
	t.Cleanup(ts.Close)
	browserContext(t)
	type seen struct {
		Styled bool   `json:"styled"`
		Nav    string `json:"nav"`
		Home   string `json:"home"`
	}
	var got seen
	rep := loadPage(t, ts.URL+"/x/old/news/123.html", desktop, loadOptions{act: func(ctx context.Context) (err error) {
		for range 50 { // the root is found after the page loads
			got, err = chromedp.Run(ctx, chromedp.Evaluate[seen](`({
  styled: getComputedStyle(document.querySelector('.masthead')).backgroundColor !== 'rgba(0, 0, 0, 0)',
  nav: document.querySelector('.nav a').href,
  home: document.querySelector('main a').href,
})`))
			if err != nil || got.Styled {
				return err
			}
			time.Sleep(100 * time.Millisecond)
		}
		return nil
	}})
	if rep.ActErr != nil {
		t.Fatal(rep.ActErr)
	}
	for _, s := range rep.ForeignRequests {
		t.Errorf("a request to another host: %s", s)
	}
	if !got.Styled {
		t.Error("the old address's 404 page has no stylesheet")
	}
	if want := ts.URL + "/x/projects/"; got.Nav != want {
		t.Errorf("its first menu link leads to %s, want %s", got.Nav, want)
	}
	if want := ts.URL + "/x/"; got.Home != want {
		t.Errorf("返回首页 leads to %s, want %s", got.Home, want)
	}
}
