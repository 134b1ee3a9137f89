package browser

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/pelletier/go-toml/v2"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/qingdan/qingdan/internal/build"
)

// hostileFixture is a small site with a payload in every field a user
// controls; see its comment.
const hostileFixture = "testdata/hostile-site.txtar"

// TestHostileSite builds the hostile site twice, with raw HTML dropped
// (unsafe_html = false) and kept and sanitised (true), serves each under a
// sub-path and loads every page of it in Chromium, and one page from disk.
// On no page may a dialog open (every payload calls alert, confirm or
// prompt), a script error occur, a request go to another host or fail, or a
// chart stay blank; after every chart has shown the tooltip of each of its
// points, the document must hold no event handler attribute, no
// javascript: or data:text/html address, no frame, no script that calls a
// payload, no JSON options a payload broke, and the site's title must read
// exactly as written (escaped once, neither dropped nor escaped twice).
// The search page is also opened with a payload in ?q= and searched for
// the payloads' own words, so that its snippets show them.
func TestHostileSite(t *testing.T) {
	t.Parallel()
	browserContext(t) // skip or fail here, before the subtests, when there is no Chromium
	for _, unsafe := range []bool{false, true} {
		t.Run(fmt.Sprintf("unsafe_html=%v", unsafe), func(t *testing.T) {
			t.Parallel()
			src, title := writeHostileSite(t, unsafe)
			out := filepath.Join(t.TempDir(), "public")
			r, err := build.Run(build.Options{Src: src, Out: out})
			if err != nil {
				t.Fatal(err)
			}
			if r.Diags.Errors() > 0 {
				var b strings.Builder
				r.Diags.Print(&b, r.Lang())
				t.Fatalf("the hostile site does not build:\n%s", b.String())
			}
			checkHostileSite(t, out, title, !unsafe)
		})
	}
}

// writeHostileSite writes the fixture into a new folder, with unsafe_html
// as asked, and returns the folder and the site's title as qingdan.toml
// gives it.
func writeHostileSite(t *testing.T, unsafe bool) (src, title string) {
	t.Helper()
	a, err := txtar.ParseFile(hostileFixture)
	if err != nil {
		t.Fatal(err)
	}
	marks := strings.NewReplacer("⟨LS⟩", "\u2028", "⟨PS⟩", "\u2029")
	var pic bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for i := range img.Pix {
		img.Pix[i] = 0xc0
	}
	img.Set(1, 1, color.RGBA{0xc0, 0x30, 0x30, 0xff})
	if err := png.Encode(&pic, img); err != nil {
		t.Fatal(err)
	}
	src = t.TempDir()
	for _, f := range a.Files {
		data := []byte(marks.Replace(string(f.Data)))
		switch {
		case strings.HasSuffix(f.Name, ".png"):
			data = pic.Bytes()
		case f.Name == "qingdan.toml":
			if !bytes.Contains(data, []byte("\nunsafe_html = false\n")) {
				t.Fatalf("%s: qingdan.toml must say unsafe_html = false, for the test to turn it", hostileFixture)
			}
			if unsafe {
				data = bytes.Replace(data, []byte("\nunsafe_html = false\n"), []byte("\nunsafe_html = true\n"), 1)
			}
			var cfg struct {
				Title string `toml:"title"`
			}
			if err := toml.Unmarshal(data, &cfg); err != nil || cfg.Title == "" {
				t.Fatalf("%s: qingdan.toml: %v, title %q", hostileFixture, err, cfg.Title)
			}
			title = cfg.Title
		}
		p := filepath.Join(src, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return src, title
}

// hostilePage is one page load of the hostile site.
type hostilePage struct {
	name   string // the subtest's name
	url    string
	base   string        // where the site's root is at that URL: document.baseURI must stay below it
	charts int           // data-chart elements in the page as built
	query  string        // when not "": typed into the search box, which must then list results
	tips   *atomic.Int32 // counts the tooltips that read a payload, over the site
}

// tipCount is what tooltipsJS returns.
type tipCount struct {
	Shown    int `json:"shown"`
	Payloads int `json:"payloads"`
}

func checkHostileSite(t *testing.T, out, title string, fromDisk bool) {
	t.Helper()
	base := serveSite(t, out, "/dangjian/")
	var pages []hostilePage
	total := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, out+string(filepath.Separator)))
		n := bytes.Count(b, []byte(` data-chart="`))
		total += n
		pages = append(pages, hostilePage{name: rel, url: base + rel, base: base, charts: n})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The site has every kind of page, and charts on many of them.
	for _, want := range []string{"index.html", "404.html", "about/index.html", "cases/index.html", "cases/tea/index.html",
		"cases/library/index.html", "orgs/index.html", "orgs/village/index.html", "projects/index.html",
		"projects/tea/index.html", "search/index.html", "sites/index.html", "tags/index.html", "tasks/index.html"} {
		if !slices.ContainsFunc(pages, func(p hostilePage) bool { return p.name == want }) {
			t.Errorf("the hostile site has no %s", want)
		}
	}
	if !slices.ContainsFunc(pages, func(p hostilePage) bool { return strings.HasPrefix(p.name, "tags/") && p.name != "tags/index.html" }) ||
		!slices.ContainsFunc(pages, func(p hostilePage) bool { return strings.HasPrefix(p.name, "cases/column/") }) {
		t.Error("the hostile site has no tag page or no column page")
	}
	if total < 10 {
		t.Errorf("the hostile site has %d charts in all; its payloads should reach at least 10", total)
	}
	// The search page, asked for a payload in its address and for the
	// payloads' words (their snippets show the payloads).
	search := base + "search/index.html?q=" + url.QueryEscape(`"><img src=x onerror=alert(201)>`)
	pages = append(pages,
		hostilePage{name: "search/?q=payload", url: search, base: base},
		hostilePage{name: "search/alert", url: base + "search/index.html", base: base, query: "alert"},
		hostilePage{name: "search/script", url: base + "search/index.html", base: base, query: "<script>"})
	if fromDisk {
		disk := (&url.URL{Scheme: "file", Path: filepath.ToSlash(out) + "/"}).String()
		pages = append(pages,
			hostilePage{name: "file:cases/tea/index.html", url: disk + "cases/tea/index.html", base: disk, charts: 2},
			hostilePage{name: "file:search", url: disk + "search/index.html", base: disk, query: "onerror"})
	}
	if t.Failed() {
		t.FailNow()
	}
	tips := new(atomic.Int32)
	for i := range pages {
		pages[i].tips = tips
	}
	// The pages load a few at a time whatever go test's -parallel is (on
	// two cores it is 2): most of a load is waiting for the browser.
	work := make(chan hostilePage)
	var wg sync.WaitGroup
	for range hostileTabs {
		wg.Go(func() {
			for p := range work {
				t.Run(p.name, func(t *testing.T) { checkHostilePage(t, p, title) })
			}
		})
	}
	for _, p := range pages {
		work <- p
	}
	close(work)
	wg.Wait()
	// The payloads in the charts' names reached their tooltips, as text.
	if tips.Load() == 0 && !t.Failed() {
		t.Error("no chart's tooltip showed a payload: the test no longer reaches the tooltips")
	}
}

// hostileTabs is how many pages of one build load at once.
const hostileTabs = 3

// checkHostilePage loads p and reports everything a payload may have done.
func checkHostilePage(t *testing.T, p hostilePage, title string) {
	var found []string
	rep := loadPage(t, p.url, desktop, loadOptions{act: func(ctx context.Context) (err error) {
		found, err = hostileAct(ctx, p, title)
		return err
	}})
	if rep.ActErr != nil {
		t.Fatal(rep.ActErr)
	}
	// Everything a page must not have but overflow: payloads are long
	// words, and the layout is not what this test is about.
	for _, s := range rep.problems() {
		if !strings.HasPrefix(s, "wider than the screen") {
			t.Error(s)
		}
	}
	for _, s := range found {
		t.Error(s)
	}
	if len(rep.Charts) != p.charts {
		t.Errorf("%d data-chart elements in the browser, %d in the page as built", len(rep.Charts), p.charts)
	}
}

// hostileAct types p's query, if any, shows every chart's tooltips, then
// audits the document.
func hostileAct(ctx context.Context, p hostilePage, title string) ([]string, error) {
	if p.query != "" {
		err := chromedp.Do(ctx,
			chromedp.Focus(chromedp.ID("q")),
			chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
				_, err := cdp.Call(ctx, t, input.InsertText, input.InsertTextParams{Text: p.query})
				return err
			}))
		if err != nil {
			return nil, fmt.Errorf("typing %q into the search box: %v", p.query, err)
		}
		for deadline := time.Now().Add(chartWait); ; time.Sleep(pollEvery) {
			n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#search-results a').length`))
			if err != nil {
				return nil, err
			}
			if n > 0 {
				break
			}
			if time.Now().After(deadline) {
				return nil, fmt.Errorf("searching for %q found nothing; the payloads hold it", p.query)
			}
		}
	}
	tips, err := chromedp.Run(ctx, chromedp.Evaluate[tipCount](tooltipsJS))
	if err != nil {
		return nil, fmt.Errorf("showing the tooltips: %v", err)
	}
	p.tips.Add(int32(tips.Payloads))
	if p.charts > 0 && tips.Shown == 0 {
		return nil, fmt.Errorf("%d charts, and no tooltip shown", p.charts)
	}
	// A real pointer over each chart's middle, too: ECharts' own hover path.
	for i := range p.charts {
		box, err := chromedp.Run(ctx, chromedp.Evaluate[[4]float64](fmt.Sprintf(`(() => {
  const el = document.querySelectorAll('[data-chart]')[%d];
  if (!el) return [0, 0, 0, 0];
  el.scrollIntoView({block: 'center'});
  const r = el.getBoundingClientRect(); return [r.left, r.top, r.width, r.height];
})()`, i)))
		if err != nil {
			return nil, err
		}
		err = chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, input.DispatchMouseEvent, input.DispatchMouseEventParams{
				Type: input.DispatchMouseEventTypeMouseMoved, X: box[0] + box[2]/2, Y: box[1] + box[3]/2})
			return err
		}))
		if err != nil {
			return nil, err
		}
	}
	return chromedp.Run(ctx, chromedp.Evaluate[[]string](fmt.Sprintf("(%s)(%q, %q)", auditJS, p.base, title)))
}

// tooltipsJS shows the tooltip of every data point of every chart, through
// ECharts' own action (what a pointer or a tap on the point does), and
// returns how many it showed and how many of them read a payload (as
// text: the tooltip is HTML, and the payload must not be).
const tooltipsJS = `(() => {
  const r = {shown: 0, payloads: 0};
  if (!window.echarts) return r;
  document.querySelectorAll('[data-chart]').forEach((el) => {
    const c = echarts.getInstanceByDom(el);
    if (!c) return;
    (c.getOption().series || []).forEach((s, si) => {
      const n = Array.isArray(s.data) ? s.data.length : 0;
      for (let di = 0; di < n; di++) {
        c.dispatchAction({type: 'showTip', seriesIndex: si, dataIndex: di});
        r.shown++;
        // The tooltip is the container's element after the chart's own.
        const tip = Array.from(el.children).slice(1).map((t) => t.textContent).join(' ');
        if (/alert\(/.test(tip)) r.payloads++;
      }
    });
    c.dispatchAction({type: 'hideTip'});
  });
  return r;
})()`

// auditJS lists what a payload would have left in the document: event
// handler attributes that call a payload, addresses that run script, frames and objects, a <base> or a
// refresh in the body, executable scripts that call a payload, JSON
// options that no longer parse, a base address off the site, the site's
// title not as written, and text escaped twice (the reader sees &lt;).
const auditJS = `function (siteBase, title) {
  const found = [];
  const name = (el) => '<' + el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + '>';
  const bad = /^(javascript|vbscript|data\s*:\s*text\/html)/;
  const payload = /alert|confirm|prompt/; // every payload calls one; the theme's own handlers call none
  const urlAttrs = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'ping', 'srcset'];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const n = a.name.toLowerCase();
      if (n.startsWith('on') && payload.test(a.value)) found.push(name(el) + ' has the event handler ' + n + '="' + a.value.slice(0, 60) + '"');
      if (n === 'srcdoc') found.push(name(el) + ' has srcdoc');
      if (urlAttrs.includes(n)) {
        const v = a.value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
        if (bad.test(v)) found.push(name(el) + ' has ' + n + '="' + a.value.slice(0, 60) + '"');
      }
      if (a.value.includes('ZgotmplZ')) found.push(name(el) + ' has ' + n + '="' + a.value.slice(0, 60) + '": html/template refused a value');
    }
  }
  for (const el of document.querySelectorAll('iframe, frame, frameset, object, embed, applet, portal')) found.push(name(el) + ' in the page');
  for (const el of document.body.querySelectorAll('base, meta, link, style')) found.push(name(el) + ' in the body');
  for (const m of document.querySelectorAll('meta[http-equiv]')) found.push('<meta http-equiv="' + m.getAttribute('http-equiv') + '">');
  for (const s of document.scripts) {
    const type = (s.type || '').toLowerCase();
    if (type === 'application/json' || type === 'application/ld+json') {
      try { JSON.parse(s.textContent); } catch (e) { found.push('a JSON ' + name(s) + ' no longer parses: ' + e.message); }
    } else if (payload.test(s.textContent)) {
      found.push('a script that calls a payload: ' + s.textContent.trim().slice(0, 80));
    }
  }
  if (!document.baseURI.startsWith(siteBase)) found.push('the base address is ' + document.baseURI + ', off the site at ' + siteBase);
  const brand = document.querySelector('.brand-name');
  if (!brand) found.push('no .brand-name: the masthead lost the site title');
  else if (brand.textContent !== title) found.push('the site title reads ' + JSON.stringify(brand.textContent) + ', want ' + JSON.stringify(title));
  const text = document.body.innerText + ' ' + document.title;
  for (const e of ['&lt;', '&gt;', '&quot;', '&#39;', '&#34;', '&amp;']) {
    const i = text.indexOf(e);
    if (i >= 0) found.push('the reader sees ' + e + ' (escaped twice): …' + text.slice(Math.max(0, i - 30), i + 30).replace(/\s+/g, ' ') + '…');
  }
  return found;
}`
