package browser

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

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
	Dialogs         []string      // alert, confirm, prompt or beforeunload dialogs the page opened (each dismissed)
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
	for _, s := range r.Dialogs {
		p = append(p, "dialog: "+s)
	}
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
	// A dialog stalls the page's script until it is answered: record it
	// and dismiss it, so that the page goes on and the dialog is reported.
	opening := chromedp.Events(tab, page.JavascriptDialogOpening)
	dismissing := make(chan struct{})
	go func() {
		defer close(dismissing)
		for ev, err := range opening {
			if err != nil {
				return // the tab is closing
			}
			rec.dialog(fmt.Sprintf("%s(%q) in %s", ev.Type, ev.Message, ev.URL))
			cdp.Call(tab, target, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	defer func() { closeTab(); <-intercepting; <-dismissing }()

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
