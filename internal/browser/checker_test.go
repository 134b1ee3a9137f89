package browser

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/chromedp"
)

// The checker's own tests: each fixture in testdata has one known defect (or
// none), and checkPage must report exactly that. A checker that cannot fail
// would let every site page pass.

func serveTestdata(t *testing.T) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(http.FileServer(http.Dir("testdata")))
	t.Cleanup(ts.Close)
	return ts
}

func TestCheckerClean(t *testing.T) {
	t.Parallel()
	ts := serveTestdata(t)
	for _, vp := range []viewport{phone, desktop} {
		r := checkPage(t, ts.URL+"/clean.html", vp)
		if p := r.problems(); len(p) > 0 {
			t.Errorf("clean.html at %v: want no problems, got:\n%s", vp, strings.Join(p, "\n"))
		}
		if r.ClientWidth != int(vp.Width) {
			t.Errorf("clean.html at %v: clientWidth %d, want %d", vp, r.ClientWidth, vp.Width)
		}
	}
}

func TestCheckerConsoleError(t *testing.T) {
	t.Parallel()
	r := checkPage(t, serveTestdata(t).URL+"/console-error.html", phone)
	if len(r.ConsoleErrors) != 1 || !strings.Contains(r.ConsoleErrors[0], "fixture: something broke 42") {
		t.Errorf("ConsoleErrors = %q, want the one console.error call", r.ConsoleErrors)
	}
	if len(r.FailedRequests)+len(r.ForeignRequests) > 0 {
		t.Errorf("unexpected: failed %q, foreign %q", r.FailedRequests, r.ForeignRequests)
	}
}

func TestCheckerException(t *testing.T) {
	t.Parallel()
	r := checkPage(t, serveTestdata(t).URL+"/exception.html", phone)
	want := []string{"fixtureUndefinedFunction is not defined", "fixture: rejected"}
	if len(r.ConsoleErrors) != len(want) {
		t.Fatalf("ConsoleErrors = %q, want %d uncaught exceptions", r.ConsoleErrors, len(want))
	}
	for _, w := range want {
		if !slices.ContainsFunc(r.ConsoleErrors, func(s string) bool { return strings.Contains(s, w) }) {
			t.Errorf("ConsoleErrors = %q, want one containing %q", r.ConsoleErrors, w)
		}
	}
}

// TestCheckerDialog: every alert, confirm and prompt is reported, and each
// is dismissed so that the page's script goes on (a prompt answers null).
func TestCheckerDialog(t *testing.T) {
	t.Parallel()
	var answer string
	r := loadPage(t, serveTestdata(t).URL+"/dialog.html", phone, loadOptions{act: func(ctx context.Context) (err error) {
		answer, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.dataset.answer || ''`))
		return err
	}})
	want := []string{`alert("fixture: alert 1")`, `confirm("fixture: confirm 2")`, `prompt("fixture: prompt 3")`}
	if len(r.Dialogs) != len(want) {
		t.Fatalf("Dialogs = %q, want %d", r.Dialogs, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(r.Dialogs[i], w+" in ") {
			t.Errorf("Dialogs[%d] = %q, want %s in the page", i, r.Dialogs[i], w)
		}
	}
	if answer != "null" {
		t.Errorf("the prompt answered %q, want null (dismissed)", answer)
	}
	if p := r.problems(); len(p) != len(want) {
		t.Errorf("problems = %q, want one per dialog", p)
	}
}

func TestCheckerForeignHost(t *testing.T) {
	t.Parallel()
	r := checkPage(t, serveTestdata(t).URL+"/foreign.html", phone)
	want := []string{"http://example.invalid/style.css", "https://example.invalid/lib.js", "http://example.invalid/pixel.png",
		"http://example.invalid/frame.html", "ws://example.invalid/socket"}
	for _, w := range want {
		if !slices.Contains(r.ForeignRequests, w) {
			t.Errorf("ForeignRequests = %q, want it to hold %s", r.ForeignRequests, w)
		}
	}
	if len(r.ForeignRequests) != len(want) {
		t.Errorf("ForeignRequests = %q, want exactly %q", r.ForeignRequests, want)
	}
	// Blocked requests are reported as foreign, not again as failed.
	if len(r.FailedRequests)+len(r.ConsoleErrors) > 0 {
		t.Errorf("unexpected: failed %q, console %q", r.FailedRequests, r.ConsoleErrors)
	}
}

// TestCheckerForeignNeverSent proves the block happens before the request
// leaves the browser: the other host is a real server here, and it must see
// nothing.
func TestCheckerForeignNeverSent(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Access-Control-Allow-Origin", "*")
		fmt.Fprint(w, "{}")
	}))
	defer other.Close()
	r := checkPage(t, serveTestdata(t).URL+"/foreign-port.html?to="+url.QueryEscape(other.URL), phone)
	if n := hits.Load(); n != 0 {
		t.Errorf("the other host got %d requests, want 0", n)
	}
	want := []string{other.URL + "/pixel.png", other.URL + "/data.json"}
	slices.Sort(want)
	got := slices.Sorted(slices.Values(r.ForeignRequests))
	if !slices.Equal(got, want) {
		t.Errorf("ForeignRequests = %q, want %q", got, want)
	}
}

func TestCheckerMissingFile(t *testing.T) {
	t.Parallel()
	r := checkPage(t, serveTestdata(t).URL+"/missing.html", phone)
	for _, w := range []string{"/js/missing.js: HTTP 404", "/img/missing.png: HTTP 404"} {
		if !slices.ContainsFunc(r.FailedRequests, func(s string) bool { return strings.HasSuffix(s, w) }) {
			t.Errorf("FailedRequests = %q, want one ending in %q", r.FailedRequests, w)
		}
	}
	if len(r.FailedRequests) != 2 {
		t.Errorf("FailedRequests = %q, want 2", r.FailedRequests)
	}
	if len(r.ForeignRequests)+len(r.ConsoleErrors) > 0 {
		t.Errorf("unexpected: foreign %q, console %q", r.ForeignRequests, r.ConsoleErrors)
	}
}

func TestCheckerTooWide(t *testing.T) {
	t.Parallel()
	ts := serveTestdata(t)
	r := checkPage(t, ts.URL+"/wide.html", phone)
	if r.ClientWidth != 390 || r.ScrollWidth <= r.ClientWidth {
		t.Errorf("at 390px: scrollWidth %d, clientWidth %d; want clientWidth 390 < scrollWidth", r.ScrollWidth, r.ClientWidth)
	}
	if len(r.Wide) != 1 || !strings.Contains(r.Wide[0], "div#too-wide.fixed") {
		t.Errorf("Wide = %q, want the one 600px div", r.Wide)
	}
	if p := r.problems(); len(p) != 1 || !strings.Contains(p[0], "wider than the screen") {
		t.Errorf("problems = %q, want the one overflow", p)
	}
	// The same page fits a desktop.
	if r := checkPage(t, ts.URL+"/wide.html", desktop); r.ScrollWidth > r.ClientWidth {
		t.Errorf("at 1280px: scrollWidth %d > clientWidth %d", r.ScrollWidth, r.ClientWidth)
	}
}

// TestCheckerScrollBox: overflow that a scroll box holds is no overflow of
// the page, unless an absolutely positioned element escapes the box.
func TestCheckerScrollBox(t *testing.T) {
	t.Parallel()
	ts := serveTestdata(t)
	if r := checkPage(t, ts.URL+"/scroll-table.html", phone); r.ScrollWidth > r.ClientWidth {
		t.Errorf("scroll-table.html: scrollWidth %d > clientWidth %d; want the table's box to hold it", r.ScrollWidth, r.ClientWidth)
	}
	r := checkPage(t, ts.URL+"/escape.html", phone)
	if r.ScrollWidth <= r.ClientWidth {
		t.Errorf("escape.html: scrollWidth %d <= clientWidth %d; want the label to widen the page", r.ScrollWidth, r.ClientWidth)
	}
	if len(r.Wide) != 1 || !strings.Contains(r.Wide[0], "span#label.sr-only") {
		t.Errorf("escape.html: Wide = %q, want the one span#label", r.Wide)
	}
}

func TestCheckerNoViewportMeta(t *testing.T) {
	t.Parallel()
	r := checkPage(t, serveTestdata(t).URL+"/no-viewport.html", phone)
	if r.ClientWidth == int(phone.Width) {
		t.Errorf("clientWidth = %d without <meta name=viewport>; want the 980px desktop layout", r.ClientWidth)
	}
}

func TestCheckerChartsDrawn(t *testing.T) {
	t.Parallel()
	r := checkPage(t, serveTestdata(t).URL+"/chart-drawn.html", phone)
	want := []chartReport{{"status", true}, {"trend", true}, {"project", true}}
	if !slices.Equal(r.Charts, want) {
		t.Errorf("Charts = %+v, want %+v", r.Charts, want)
	}
	if p := r.problems(); len(p) > 0 {
		t.Errorf("problems: %q", p)
	}
}

func TestCheckerChartsNotDrawn(t *testing.T) {
	t.Parallel()
	r := checkPage(t, serveTestdata(t).URL+"/chart-blank.html", phone)
	want := []chartReport{{"empty", false}, {"blank-canvas", false}, {"empty-svg", false}, {"hidden", false}}
	if !slices.Equal(r.Charts, want) {
		t.Errorf("Charts = %+v, want %+v", r.Charts, want)
	}
	if p := r.problems(); len(p) != len(want) {
		t.Errorf("problems = %q, want one per chart", p)
	}
}

// TestCheckerSubPath proves that serveSite's sub-path mount catches a link
// that only works from the server's root.
func TestCheckerSubPath(t *testing.T) {
	t.Parallel()
	if r := checkPage(t, serveSite(t, "testdata", "/")+"absolute.html", phone); len(r.problems()) > 0 {
		t.Errorf("at /: want no problems, got %q", r.problems())
	}
	r := checkPage(t, serveSite(t, "testdata", "/dangjian/")+"absolute.html", phone)
	if len(r.FailedRequests) != 1 || !strings.HasSuffix(r.FailedRequests[0], "/style.css: HTTP 404") {
		t.Errorf("at /dangjian/: FailedRequests = %q, want the one /style.css", r.FailedRequests)
	}
}

// TestBrowserOffline proves the second line of defence: with the request
// interception off, a page on another host still cannot be reached. The
// addresses are reserved ones that no real host has.
func TestBrowserOffline(t *testing.T) {
	t.Parallel()
	tab, cancel := chromedp.NewContext(browserContext(t))
	defer cancel()
	for _, u := range []string{"http://example.invalid/", "http://192.0.2.1/", "https://192.0.2.1/"} {
		err := chromedp.Do(tab, chromedp.Navigate(u))
		if err == nil || !strings.Contains(err.Error(), "ERR_PROXY_CONNECTION_FAILED") {
			t.Errorf("loading %s: %v, want net::ERR_PROXY_CONNECTION_FAILED", u, err)
		}
	}
}
