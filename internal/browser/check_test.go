package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromiumPath is where Debian's chromium package puts its launcher.
const chromiumPath = "/usr/bin/chromium"

const (
	loadTimeout = 20 * time.Second       // navigation until the load event
	chartWait   = 10 * time.Second       // after load: until every chart has drawn (a ceiling, polled)
	settle      = 150 * time.Millisecond // after that: late errors and requests
	pollEvery   = 50 * time.Millisecond
)

// viewport is the emulated screen of one page load. Mobile makes Chromium
// honour <meta name=viewport> as a phone does: a page without it is laid out
// 980 px wide and shown zoomed out.
type viewport struct {
	Width, Height int64
	Mobile        bool
}

var (
	phone   = viewport{390, 844, true} // a common phone in portrait, CSS pixels
	desktop = viewport{1280, 800, false}
)

func (v viewport) String() string { return fmt.Sprintf("%dpx", v.Width) }

// pageReport is what checkPage found on one page.
type pageReport struct {
	ConsoleErrors   []string      // console.error calls, uncaught exceptions, browser log errors
	FailedRequests  []string      // requests that failed or got HTTP status >= 400
	ForeignRequests []string      // requests to any host other than the test server's, blocked before they are sent (WebSockets: see recorder.event)
	Charts          []chartReport // one per element with a data-chart attribute, in document order
	ScrollWidth     int           // document.documentElement at the viewport width
	ClientWidth     int
	Wide            []string // when ScrollWidth > ClientWidth: the outermost elements that reach past the right edge

	// What a screen reader gets; see a11yProblems.
	Lang   string       // the lang attribute of <html>
	Named  []chartA11y  // one per [data-chart] element, in document order
	Axe    []axeFinding // axe-core's violations, of every impact, when loadOptions.axe
	ActErr error        // what loadOptions.act returned
}

// chartReport is one [data-chart] element.
type chartReport struct {
	Kind  string // the value of data-chart
	Drawn bool   // it holds a <canvas> with a painted pixel or an <svg> with a shape, of non-zero size
}

// problems lists, one line each, everything in r that a page of the site must
// not have at that width. Nil means the page is fine.
func (r pageReport) problems() []string {
	var p []string
	for _, s := range r.ConsoleErrors {
		p = append(p, "console error: "+s)
	}
	for _, s := range r.FailedRequests {
		p = append(p, "failed request: "+s)
	}
	for _, s := range r.ForeignRequests {
		p = append(p, "request to another host: "+s)
	}
	for i, c := range r.Charts {
		if !c.Drawn {
			p = append(p, fmt.Sprintf("chart %d (data-chart=%q) not drawn within %v", i+1, c.Kind, chartWait))
		}
	}
	if r.ScrollWidth > r.ClientWidth {
		p = append(p, fmt.Sprintf("wider than the screen: scrollWidth %d > clientWidth %d; %s",
			r.ScrollWidth, r.ClientWidth, strings.Join(r.Wide, "; ")))
	}
	return p
}

// The one browser all tests share; each page gets a tab of its own.
var shared struct {
	once sync.Once
	ctx  context.Context // a chromedp context whose browser runs
	err  error
	stop func()
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.stop != nil {
		shared.stop()
	}
	os.Exit(code)
}

// browserContext returns the shared browser, starting it on first use. It
// skips the test when Chromium is not installed, unless CI=true: CI must run
// these tests, never skip them quietly.
func browserContext(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing and CI=true: the browser tests must run in CI (.ci/run installs Debian's chromium package)", chromiumPath)
		}
		t.Skipf("%s is missing; install it (apt-get install chromium) to run the browser tests", chromiumPath)
	}
	shared.once.Do(startBrowser)
	if shared.err != nil {
		t.Fatalf("starting %s: %v", chromiumPath, shared.err)
	}
	return shared.ctx
}

func startBrowser() {
	// The exec allocator gives Chromium a new empty --user-data-dir and
	// removes it when the browser stops.
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless, // also --hide-scrollbars: overlay scrollbars, as on a phone
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-extensions", true),
		// Containers often have a 64 MB /dev/shm, too small for Chromium.
		// (Debian's launcher means to add this flag itself, but its check
		// of /dev/shm is broken in some containers.)
		chromedp.Flag("disable-dev-shm-usage", true),
		// Tabs load in parallel, each in its own window: none of them
		// may be throttled as a background page.
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		// Second line of defence behind the request interception of
		// loadPage: should a request to another host ever get past it (or
		// come from the browser itself), it goes to a closed local port
		// and fails, instead of leaving the machine. Chromium always
		// bypasses the proxy for 127.0.0.1 and localhost.
		chromedp.ProxyServer("http://127.0.0.1:9"),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	shared.stop = func() { cancel(); cancelAlloc() }
	// Start the browser now, with a context that has no deadline: the
	// first Run binds the browser's life to its context.
	if err := chromedp.Do(ctx); err != nil {
		shared.err = err
		return
	}
	shared.ctx = ctx
}

// checkPage loads url in a fresh tab at the given viewport and returns what it
// found. Requests to any host but url's are failed before they are sent.
func checkPage(t *testing.T, url string, vp viewport) pageReport {
	t.Helper()
	return loadPage(t, url, vp, loadOptions{})
}

// loadOptions are what loadPage does besides checking the page, in this
// order once every chart has drawn: act, then axe, then the screenshot.
type loadOptions struct {
	// act works the page as a reader would (types into the search box);
	// its error is in pageReport.ActErr. Whatever it makes the page do is
	// checked as the page is.
	act func(ctx context.Context) error
	// axe runs axe-core over the page; needs axeSource (see a11y_test.go).
	axe bool
	// shot, when not "", is the file for a full-page PNG screenshot.
	shot string
}

// loadPage is checkPage that does o's extra steps.
func loadPage(t *testing.T, pageURL string, vp viewport, o loadOptions) pageReport {
	t.Helper()
	u, err := url.Parse(pageURL)
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{host: u.Host, urls: map[network.RequestID]string{}, pending: map[network.RequestID]bool{},
		blocked: map[string]bool{}, bad: map[network.RequestID]bool{},
		status: map[network.RequestID]int64{}, foreign: map[string]bool{}}
	tab, closeTab := chromedp.NewContext(browserContext(t), chromedp.WithListener(rec.event))
	defer closeTab()
	// Open the tab. Its first Run binds the tab's life to the context of
	// that Run, so this one must have no deadline.
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	paused := chromedp.Events(tab, fetch.RequestPaused)
	target := chromedp.FromContext(tab).Target
	intercepting := make(chan struct{})
	go func() {
		defer close(intercepting)
		for ev, err := range paused {
			if err != nil {
				return // the tab is closing
			}
			if rec.isForeign(ev.Request.URL) {
				rec.block(ev.NetworkID, ev.Request.URL)
				cdp.Call(tab, target, fetch.FailRequest, fetch.FailRequestParams{
					RequestID: ev.RequestID, ErrorReason: network.ErrorReasonBlockedByClient})
				continue
			}
			cdp.Call(tab, target, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
		}
	}()
	defer func() { closeTab(); <-intercepting }()

	ctx, cancel := context.WithTimeout(tab, loadTimeout+chartWait+5*time.Second)
	defer cancel()
	var emulate []chromedp.EmulateViewportOption
	if vp.Mobile {
		emulate = append(emulate, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	if err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*"}}})
			return err
		}),
		chromedp.EmulateViewport(vp.Width, vp.Height, emulate...),
	); err != nil {
		t.Fatalf("%s: preparing the tab: %v", pageURL, err)
	}
	lctx, lcancel := context.WithTimeout(ctx, loadTimeout)
	err = chromedp.Do(lctx, chromedp.Navigate(pageURL))
	lcancel()
	if err != nil {
		t.Fatalf("%s at %v: loading: %v", pageURL, vp, err)
	}

	// Charts draw after the load event, some of them after a fetch: wait
	// until every chart has drawn and no request is in flight, or chartWait.
	var st pageState
	deadline := time.Now().Add(chartWait)
	for {
		if st, err = chromedp.Run(ctx, chromedp.Evaluate[pageState](inspectJS)); err != nil {
			t.Fatalf("%s at %v: inspecting: %v", pageURL, vp, err)
		}
		if (st.allDrawn() && rec.idle()) || time.Now().After(deadline) {
			break
		}
		time.Sleep(pollEvery)
	}
	var actErr error
	if o.act != nil {
		actErr = o.act(ctx)
	}
	time.Sleep(settle)
	if st, err = chromedp.Run(ctx, chromedp.Evaluate[pageState](inspectJS)); err != nil {
		t.Fatalf("%s at %v: inspecting: %v", pageURL, vp, err)
	}
	var axe []axeFinding
	if o.axe {
		if axe, err = runAxe(ctx, t); err != nil {
			t.Fatalf("%s at %v: axe-core: %v", pageURL, vp, err)
		}
	}
	if o.shot != "" {
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("%s at %v: screenshot: %v", pageURL, vp, err)
		}
		if err := os.WriteFile(o.shot, png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	r := rec.report()
	r.Charts = st.Charts
	r.ScrollWidth, r.ClientWidth, r.Wide = st.ScrollWidth, st.ClientWidth, st.Wide
	r.Lang, r.Named = st.Lang, st.Named
	r.Axe, r.ActErr = axe, actErr
	return r
}

// pageState is what inspectJS returns.
type pageState struct {
	Charts      []chartReport `json:"charts"`
	ScrollWidth int           `json:"scrollWidth"`
	ClientWidth int           `json:"clientWidth"`
	Wide        []string      `json:"wide"`
	Lang        string        `json:"lang"`
	Named       []chartA11y   `json:"named"`
}

func (s pageState) allDrawn() bool {
	for _, c := range s.Charts {
		if !c.Drawn {
			return false
		}
	}
	return true
}

// inspectJS reports the charts and the page width. A canvas counts as drawn
// when one of its pixels is not transparent (an ECharts canvas is sized
// before anything is painted on it); an svg when it holds a shape.
const inspectJS = `(() => {
  const sized = (n) => { const r = n.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const painted = (c) => {
    if (!sized(c) || c.width === 0 || c.height === 0) return false;
    let g = null;
    try { g = c.getContext('2d'); } catch (e) {}
    if (!g) return true; // a WebGL canvas: its size is all we can tell
    try {
      const d = g.getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) return true;
      return false;
    } catch (e) { return true; } // tainted by an image: something was drawn
  };
  const shapes = 'path,rect,circle,ellipse,line,polyline,polygon,text,image,use';
  const drawn = (el) =>
    Array.from(el.querySelectorAll('canvas')).some(painted) ||
    Array.from(el.querySelectorAll('svg')).some((s) => sized(s) && s.querySelector(shapes) !== null);
  const root = document.documentElement;
  const W = root.clientWidth;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    Array.from(el.classList, (c) => '.' + c).join('');
  // contained reports whether a scroll container (overflow-x not visible)
  // keeps el's overflow from the page. An absolutely positioned element
  // escapes every container up to its containing block; a fixed one never
  // widens the page.
  const contained = (el) => {
    let pos = getComputedStyle(el).position;
    if (pos === 'fixed') return true;
    let escaping = pos === 'absolute';
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (escaping && cs.position === 'static') continue;
      escaping = false;
      if (cs.overflowX !== 'visible') return true;
      if (cs.position === 'fixed') return true;
      if (cs.position === 'absolute') escaping = true;
    }
    return false;
  };
  const wide = new Map(); // path -> the farthest right edge of an element there
  if (root.scrollWidth > W) {
    const over = new Set([document.body, ...document.body.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().right > W + 0.5 && !contained(el)));
    for (const el of over) {
      if (over.has(el.parentElement)) continue; // report the outermost only
      let p = name(el);
      for (let a = el.parentElement; a && a !== root; a = a.parentElement) p = name(a) + ' > ' + p;
      wide.set(p, Math.max(wide.get(p) || 0, Math.round(el.getBoundingClientRect().right)));
    }
  }
  return {
    charts: Array.from(document.querySelectorAll('[data-chart]'),
      (el) => ({kind: el.getAttribute('data-chart'), drawn: drawn(el)})),
    scrollWidth: root.scrollWidth,
    clientWidth: W,
    wide: Array.from(wide, ([p, r]) => p + ' (right edge at ' + r + 'px)').slice(0, 3),
    lang: root.getAttribute('lang') || '',
    // A chart's table is the next element but scripts (its options), or
    // the first child of that element (a wrapper that scrolls or hides it).
    named: Array.from(document.querySelectorAll('[data-chart]'), (el) => {
      let next = el.nextElementSibling;
      while (next && next.tagName === 'SCRIPT') next = next.nextElementSibling;
      const table = next && (next.tagName === 'TABLE' ? next :
        next.firstElementChild && next.firstElementChild.tagName === 'TABLE' ? next.firstElementChild : null);
      return {kind: el.getAttribute('data-chart'), label: (el.getAttribute('aria-label') || '').trim(), table: !!table};
    }),
  };
})()`

// failure is a request that failed or got an HTTP error status.
type failure struct {
	id      network.RequestID
	url     string
	errText string // the network error, "" for an HTTP error status
}

// recorder collects a tab's events. Its event method runs on the tab's
// reading goroutine and must return fast.
type recorder struct {
	host string // host:port of the test server; every other host is foreign

	mu       sync.Mutex
	console  []string
	failed   []failure
	foreigns []string
	urls     map[network.RequestID]string
	pending  map[network.RequestID]bool  // sent, neither finished nor failed
	blocked  map[string]bool             // network request ids and URLs that we failed on purpose
	bad      map[network.RequestID]bool  // requests already in failed
	status   map[network.RequestID]int64 // HTTP status from the raw headers
	foreign  map[string]bool             // URLs already in foreigns
}

// isForeign reports whether raw names a host other than the test server.
// data: and blob: URLs never leave the page.
func (r *recorder) isForeign(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return true
	}
	switch u.Scheme {
	case "data", "blob", "about":
		return false
	}
	return u.Host != r.host
}

func (r *recorder) block(id network.RequestID, url string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if id != "" {
		r.blocked[string(id)] = true
	}
	r.blocked[url] = true
	r.addForeign(url)
}

func (r *recorder) addForeign(url string) {
	if !r.foreign[url] {
		r.foreign[url] = true
		r.foreigns = append(r.foreigns, url)
	}
}

func (r *recorder) idle() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.pending) == 0
}

func (r *recorder) report() pageReport {
	r.mu.Lock()
	defer r.mu.Unlock()
	var failed []string
	for _, f := range r.failed {
		// Tell the HTTP status when there was one, whichever event
		// came first; else the network error.
		why := f.errText
		if st := r.status[f.id]; st >= 400 {
			why = fmt.Sprintf("HTTP %d", st)
		}
		failed = append(failed, f.url+": "+why)
	}
	return pageReport{
		ConsoleErrors:   append([]string(nil), r.console...),
		FailedRequests:  failed,
		ForeignRequests: append([]string(nil), r.foreigns...),
	}
}

func (r *recorder) event(ev any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			r.console = append(r.console, consoleText(ev.Args)+at(ev.StackTrace))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + firstLine(d.Exception.Description)
		}
		r.console = append(r.console, fmt.Sprintf("%s (%s:%d)", text, d.URL, d.LineNumber+1))
	case *log.EventEntryAdded:
		// Network entries ("Failed to load resource: 404") repeat what
		// FailedRequests holds; the others (security, violation, ...) are
		// errors only the browser log shows.
		// An entry about a request in FailedRequests or ForeignRequests
		// (a 404 script "refused to execute": wrong MIME type) repeats it.
		e := ev.Entry
		if e.Level != log.EntryLevelError || e.Source == log.EntrySourceNetwork || r.repeats(e) {
			return
		}
		r.console = append(r.console, fmt.Sprintf("%s: %s", e.Source, e.Text))
	case *network.EventRequestWillBeSent:
		u := ev.Request.URL
		r.urls[ev.RequestID] = u
		r.pending[ev.RequestID] = true
		if r.isForeign(u) {
			// Normally the interception saw it first; this catches
			// anything that went around it.
			r.addForeign(u)
		}
	case *network.EventWebSocketCreated:
		// Neither the interception nor Network.setBlockedURLs stops a
		// WebSocket; the proxy flag of startBrowser fails it unless it
		// goes to 127.0.0.1. Report it all the same.
		if r.isForeign(ev.URL) {
			r.addForeign(ev.URL)
		}
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 && !r.implicitFavicon(ev.Response.URL) {
			r.status[ev.RequestID] = ev.Response.Status
			r.fail(ev.RequestID, ev.Response.URL, "")
		}
	case *network.EventResponseReceivedExtraInfo:
		// Chromium may cancel a 404 style sheet without a
		// responseReceived; this event still has the status.
		r.status[ev.RequestID] = ev.StatusCode
	case *network.EventLoadingFinished:
		delete(r.pending, ev.RequestID)
	case *network.EventLoadingFailed:
		delete(r.pending, ev.RequestID)
		u := r.urls[ev.RequestID]
		if r.implicitFavicon(u) {
			return
		}
		if r.blocked[string(ev.RequestID)] || r.blocked[u] || r.foreign[u] {
			return // in ForeignRequests already
		}
		r.fail(ev.RequestID, u, ev.ErrorText)
	}
}

// fail records a failed request once, however many events tell of it and
// however often the page asked for the URL (under load, Chromium may ask
// twice for a style sheet that failed).
func (r *recorder) fail(id network.RequestID, url, errText string) {
	if r.bad[id] {
		return
	}
	r.bad[id] = true
	for _, f := range r.failed {
		if f.url == url {
			return
		}
	}
	r.failed = append(r.failed, failure{id, url, errText})
}

// implicitFavicon reports whether u is the /favicon.ico that Chromium asks
// the server's root for when a page declares no icon. It is outside a site
// served from a sub-path, and browsers show no console error for it, so a
// 404 there is no defect of the page.
func (r *recorder) implicitFavicon(u string) bool {
	return u == "http://"+r.host+"/favicon.ico"
}

// repeats reports whether the log entry is about a request that is in
// FailedRequests or ForeignRequests already. Such entries name the request
// by its URL, in quotes, and rarely by its id.
func (r *recorder) repeats(e *log.Entry) bool {
	if r.bad[e.NetworkRequestID] || r.blocked[string(e.NetworkRequestID)] {
		return true
	}
	for id := range r.bad {
		if u := r.urls[id]; u != "" && strings.Contains(e.Text, "'"+u+"'") {
			return true
		}
	}
	for u := range r.foreign {
		if strings.Contains(e.Text, "'"+u+"'") {
			return true
		}
	}
	return false
}

// consoleText joins a console call's arguments as the console shows them.
func consoleText(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		var s string
		switch {
		case a.Type == runtime.RemoteObjectTypeString && json.Unmarshal([]byte(a.Value), &s) == nil:
			parts = append(parts, s)
		case len(a.Value) > 0:
			parts = append(parts, string(a.Value))
		case a.Description != "":
			parts = append(parts, firstLine(a.Description))
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

// at names the place of a console call: " (url:line)".
func at(st *runtime.StackTrace) string {
	if st == nil || len(st.CallFrames) == 0 {
		return ""
	}
	f := st.CallFrames[0]
	return fmt.Sprintf(" (%s:%d)", f.URL, f.LineNumber+1)
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
