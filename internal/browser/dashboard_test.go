package browser

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/qingdan/qingdan/internal/build"
)

// The data pages as a reader on a phone and at a desk uses them: the
// masthead, the wide tables, the status figures that filter the project
// list, and the charts' labels. Each test builds the demo once and loads
// its pages in parallel.

// TestDashboardHeader: on every kind of page, at 390 and 1280 px, the
// masthead is tidy: no menu item alone on a line, every item on the
// screen, the name, menu and search box not overlapping, every link and
// control at least 44 px high and wide (a finger's width), and at 1280 px
// the name, menu and search box on one row.
func TestDashboardHeader(t *testing.T) {
	t.Parallel()
	out := buildDemo(t, false)
	pages := demoPages(t, out)
	browserContext(t)
	base := serveSite(t, out, "/")
	for _, p := range pages {
		for _, vp := range []viewport{phone, desktop} {
			t.Run(fmt.Sprintf("%s@%v", p.path, vp), func(t *testing.T) {
				t.Parallel()
				var bad []string
				rep := loadPage(t, base+p.path, vp, loadOptions{act: func(ctx context.Context) (err error) {
					bad, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](headerJS))
					return err
				}})
				if rep.ActErr != nil {
					t.Fatal(rep.ActErr)
				}
				for _, s := range bad {
					t.Errorf("at %v: %s", vp, s)
				}
			})
		}
	}
}

// headerJS lists what is untidy in the masthead.
const headerJS = `(() => {
  const bad = [], W = document.documentElement.clientWidth;
  const mh = document.querySelector('.masthead');
  if (!mh) return ['no .masthead'];
  const name = (el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : '') +
    (el.textContent.trim() ? ' "' + el.textContent.trim().slice(0, 12) + '"' : '');
  const box = (el) => el.getBoundingClientRect();
  const links = Array.from(mh.querySelectorAll('.nav a'));
  if (links.length === 0) bad.push('no menu');
  const targets = Array.from(mh.querySelectorAll('.brand, .nav a, .masthead-search input, .masthead-search button'));
  for (const el of targets) {
    const r = box(el);
    if (r.height < 43.5 || r.width < 43.5) bad.push(name(el) + ' is ' + r.width.toFixed(1) + '×' + r.height.toFixed(1) + ' px, under 44×44');
    if (r.left < -0.5 || r.right > W + 0.5) bad.push(name(el) + ' lies off the screen, at ' + Math.round(r.left) + '..' + Math.round(r.right) + ' px of ' + W);
  }
  // Menu items by line: none alone on its line.
  const lines = new Map();
  for (const a of links) {
    const r = box(a), key = Math.round(r.top + r.height / 2);
    let found = null;
    for (const k of lines.keys()) if (Math.abs(k - key) < 8) found = k;
    if (found === null) lines.set(key, [a]); else lines.get(found).push(a);
  }
  if (links.length > 1) for (const items of lines.values()) if (items.length === 1) bad.push('menu item ' + name(items[0]) + ' is alone on its line (' + lines.size + ' lines)');
  const ul = mh.querySelector('.nav ul');
  if (ul && ul.scrollWidth > ul.clientWidth + 1) bad.push('the menu scrolls sideways: ' + ul.scrollWidth + ' px in ' + ul.clientWidth);
  // The parts do not overlap.
  const parts = [mh.querySelector('.brand'), ul, mh.querySelector('.masthead-search')].filter(Boolean);
  for (let i = 0; i < parts.length; i++) for (let j = i + 1; j < parts.length; j++) {
    const a = box(parts[i]), b = box(parts[j]);
    if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
      bad.push(name(parts[i]) + ' and ' + name(parts[j]) + ' overlap');
  }
  if (W >= 960) {
    // One row: every part's vertical extent overlaps every other's.
    const rs = parts.map(box);
    const top = Math.max(...rs.map((r) => r.top)), bottom = Math.min(...rs.map((r) => r.bottom));
    if (top >= bottom) bad.push('at ' + W + ' px the name, menu and search box are not on one row');
  } else if (parts.length === 3) {
    // A row each, the search box across the whole width.
    const [b, n, s] = parts.map(box);
    if (n.top < b.bottom - 0.5 || s.top < n.bottom - 0.5) bad.push('on a phone the name, menu and search box are not a row each');
    const wrap = box(mh.querySelector('.masthead-inner'));
    if (s.width < wrap.width * 0.8) bad.push('the search box is ' + Math.round(s.width) + ' px wide in a ' + Math.round(wrap.width) + ' px masthead');
  }
  return bad;
})()`

// TestDashboardWideTables: on a phone the task matrix keeps its first
// column (the task) in view when scrolled sideways, and says that it
// scrolls; the committee ranking is a list of cards, each with its name,
// completion and counts on the screen.
func TestDashboardWideTables(t *testing.T) {
	t.Parallel()
	out := buildDemo(t, false)
	browserContext(t)
	base := serveSite(t, out, "/")

	t.Run("task matrix", func(t *testing.T) {
		t.Parallel()
		type state struct {
			Scroll   string   `json:"scroll"`   // data-scroll
			Hint     string   `json:"hint"`     // the hint's text as shown
			Left     float64  `json:"left"`     // scrollLeft
			Hidden   []string `json:"hidden"`   // first-column cells not fully in the box
			LastSeen bool     `json:"lastSeen"` // a cell of the last column is in the box
		}
		const stateJS = `(() => {
  const box = document.querySelector('.table-scroll:has(table.matrix)');
  const b = box.getBoundingClientRect(), hidden = [];
  box.querySelectorAll('tbody th').forEach((th) => {
    const r = th.getBoundingClientRect();
    if (r.width === 0 || r.left < b.left - 0.5 || r.right > b.right + 0.5) hidden.push(th.textContent.trim().slice(0, 10) + ' at ' + Math.round(r.left) + '..' + Math.round(r.right));
  });
  const last = box.querySelector('tbody tr td:last-child').getBoundingClientRect();
  const hint = getComputedStyle(box, '::before').content;
  return {scroll: box.getAttribute('data-scroll') || '', hint: hint === 'none' ? '' : hint, left: box.scrollLeft,
    hidden: hidden.slice(0, 5), lastSeen: last.left >= b.left - 0.5 && last.right <= b.right + 0.5};
})()`
		var before, after state
		rep := loadPage(t, base+"tasks/index.html", phone, loadOptions{act: func(ctx context.Context) (err error) {
			if before, err = chromedp.Run(ctx, chromedp.Evaluate[state](stateJS)); err != nil {
				return err
			}
			// Swipe to the far right, as a reader does.
			if _, err = chromedp.Run(ctx, chromedp.Evaluate[any](`(() => { const b = document.querySelector('.table-scroll:has(table.matrix)'); b.scrollLeft = b.scrollWidth; })()`)); err != nil {
				return err
			}
			for deadline := time.Now().Add(2 * time.Second); ; time.Sleep(pollEvery) {
				if after, err = chromedp.Run(ctx, chromedp.Evaluate[state](stateJS)); err != nil || strings.Contains(after.Scroll, "left") || time.Now().After(deadline) {
					return err
				}
			}
		}})
		if rep.ActErr != nil {
			t.Fatal(rep.ActErr)
		}
		for _, s := range rep.problems() {
			t.Error(s)
		}
		if before.Scroll != "right" || !strings.Contains(before.Hint, "左右滑动") {
			t.Errorf("before scrolling: data-scroll=%q, hint %q; want \"right\" and a hint that it scrolls sideways", before.Scroll, before.Hint)
		}
		if len(before.Hidden) > 0 {
			t.Errorf("before scrolling, first-column cells out of the box: %v", before.Hidden)
		}
		if after.Left == 0 || !after.LastSeen || after.Scroll != "left" {
			t.Fatalf("after swiping: scrollLeft %v, last column in view %v, data-scroll=%q; want it scrolled to the end", after.Left, after.LastSeen, after.Scroll)
		}
		if len(after.Hidden) > 0 {
			t.Errorf("scrolled sideways, the matrix lost its row labels: %v", after.Hidden)
		}
		if after.Hint == "" {
			t.Error("scrolled sideways, the hint is gone")
		}
	})

	t.Run("committee ranking", func(t *testing.T) {
		t.Parallel()
		var bad []string
		rep := loadPage(t, base+"orgs/index.html", phone, loadOptions{act: func(ctx context.Context) (err error) {
			bad, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
  const W = document.documentElement.clientWidth, bad = [];
  const t = document.querySelector('table.ranking');
  if (!t) return ['no table.ranking'];
  const box = t.closest('.table-scroll');
  if (box.scrollWidth > box.clientWidth + 1) bad.push('the ranking scrolls sideways: ' + box.scrollWidth + ' px in ' + box.clientWidth);
  if (t.getAttribute('role') !== 'table') bad.push('laid out as cards, the ranking lost its table role');
  const rows = t.querySelectorAll('tbody tr');
  if (rows.length === 0) bad.push('no rows');
  rows.forEach((tr, i) => {
    for (const cell of tr.querySelectorAll('th, td')) {
      const r = cell.getBoundingClientRect();
      if (r.width === 0 || r.left < -0.5 || r.right > W + 0.5) bad.push('row ' + (i + 1) + ': ' + cell.textContent.trim() + ' at ' + Math.round(r.left) + '..' + Math.round(r.right) + ' px');
    }
    // Each count says what it counts.
    tr.querySelectorAll('td.count').forEach((td) => {
      const label = getComputedStyle(td, '::before').content;
      if (!label || label === 'none' || !label.includes(td.getAttribute('data-label'))) bad.push('row ' + (i + 1) + ': a count without its column name');
    });
  });
  return bad.slice(0, 8);
})()`))
			return err
		}})
		if rep.ActErr != nil {
			t.Fatal(rep.ActErr)
		}
		for _, s := range append(rep.problems(), bad...) {
			t.Errorf("at %v: %s", phone, s)
		}
	})
}

// TestDashboardChartLabels: what the charts draw, read from ECharts' own
// display list, at 390 and 1280 px: no label cut ("…") or reaching out of
// its chart (the first character clipped), every name of a chart's table
// drawn whole, every bar labelled with its table's percentage (one
// decimal, 73.0% beside 77.1%), and the count axis in whole numbers.
func TestDashboardChartLabels(t *testing.T) {
	t.Parallel()
	out := buildDemo(t, false)
	pages := demoPages(t, out)
	browserContext(t)
	base := serveSite(t, out, "/")
	for _, p := range pages {
		if p.minCharts == 0 && p.path != "orgs/index.html" {
			continue
		}
		for _, vp := range []viewport{phone, desktop} {
			t.Run(fmt.Sprintf("%s@%v", p.path, vp), func(t *testing.T) {
				t.Parallel()
				var bad []string
				rep := loadPage(t, base+p.path, vp, loadOptions{act: func(ctx context.Context) (err error) {
					bad, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](labelsJS))
					return err
				}})
				if rep.ActErr != nil {
					t.Fatal(rep.ActErr)
				}
				for _, s := range append(rep.problems(), bad...) {
					t.Errorf("at %v: %s", vp, s)
				}
			})
		}
	}
}

// TestDashboardChartsWiden: charts drawn on a narrow screen take the wide
// layout when the screen widens (a phone turned sideways, a window made
// wider), and the narrow one again when it narrows: names beside the bars,
// then above them, the donut's ring at its size, labels whole each time.
func TestDashboardChartsWiden(t *testing.T) {
	t.Parallel()
	out := buildDemo(t, false)
	browserContext(t)
	base := serveSite(t, out, "/")
	type layout struct {
		Inside bool     `json:"inside"` // the committees' names stand above their bars
		Radius []string `json:"radius"` // the donut's ring
	}
	const layoutJS = `(() => {
  const o = (k) => echarts.getInstanceByDom(document.querySelector('[data-chart=' + k + ']')).getOption();
  return {inside: !!o('committees').yAxis[0].axisLabel.inside, radius: o('status').series[0].radius};
})()`
	narrowed := viewport{phone.Width, phone.Height, false}
	var got []layout
	var bad []string
	rep := loadPage(t, base+"index.html", narrowed, loadOptions{act: func(ctx context.Context) error {
		for _, vp := range []viewport{narrowed, desktop, narrowed} {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(vp.Width, vp.Height)); err != nil {
				return err
			}
			// ResizeObserver, then ECharts' redraw.
			var l layout
			var err error
			for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(100 * time.Millisecond) {
				if l, err = chromedp.Run(ctx, chromedp.Evaluate[layout](layoutJS)); err != nil || l.Inside == (vp == narrowed) || time.Now().After(deadline) {
					break
				}
			}
			if err != nil {
				return err
			}
			time.Sleep(200 * time.Millisecond)
			got = append(got, l)
			b, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](labelsJS))
			if err != nil {
				return err
			}
			for _, s := range b {
				bad = append(bad, fmt.Sprintf("at %d px: %s", vp.Width, s))
			}
		}
		return nil
	}})
	if rep.ActErr != nil {
		t.Fatal(rep.ActErr)
	}
	for _, s := range append(rep.problems(), bad...) {
		t.Error(s)
	}
	want := []layout{{true, []string{"28%", "46%"}}, {false, []string{"36%", "58%"}}, {true, []string{"28%", "46%"}}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("narrow, wide, narrow again: layouts %v, want %v", got, want)
	}
}

const labelsJS = `(() => {
  const bad = [];
  if (!window.echarts) return ['no echarts'];
  const charts = document.querySelectorAll('[data-chart]');
  if (charts.length === 0) return ['no charts'];
  charts.forEach((el) => {
    const kind = el.getAttribute('data-chart');
    const c = echarts.getInstanceByDom(el);
    if (!c) { bad.push(kind + ': not drawn'); return; }
    const W = c.getWidth();
    const spans = [];
    c.getZr().storage.getDisplayList().forEach((e) => {
      if (e.type !== 'tspan' || !e.style || e.style.text == null) return;
      const r = e.getBoundingRect().clone();
      const m = e.getComputedTransform();
      if (m) r.applyTransform(m);
      spans.push({text: String(e.style.text), x: r.x, w: r.width});
    });
    if (spans.length === 0) bad.push(kind + ': no text drawn');
    for (const s of spans) {
      if (/…|\.\.\./.test(s.text)) bad.push(kind + ': a label cut to ' + JSON.stringify(s.text));
      if (s.x < -0.5 || s.x + s.w > W + 0.5) bad.push(kind + ': ' + JSON.stringify(s.text) + ' reaches out of the chart (' + Math.round(s.x) + '..' + Math.round(s.x + s.w) + ' px of ' + W + ')');
    }
    const fig = el.closest('figure');
    const rows = Array.from(fig.querySelectorAll('tbody tr'));
    const joined = spans.map((s) => s.text).join('');
    if (kind === 'status' || kind === 'committees' || kind === 'org') {
      for (const tr of rows) {
        const name = tr.children[0].textContent.trim();
        if (!joined.includes(name)) bad.push(kind + ': ' + JSON.stringify(name) + ' is not drawn whole');
      }
    }
    if (kind === 'committees' || kind === 'org') {
      // Bar labels: every percentage drawn but the axis's round ticks.
      const want = rows.map((tr) => tr.children[1].textContent.trim()).sort();
      const got = spans.map((s) => s.text).filter((t) => /^\d+(\.\d+)?%$/.test(t) && !/^(0|[1-9]0|100)%$/.test(t)).sort();
      const ticks = spans.map((s) => s.text).filter((t) => /^(0|[1-9]0|100)%$/.test(t));
      if (JSON.stringify(got) !== JSON.stringify(want)) bad.push(kind + ': bar labels ' + JSON.stringify(got.slice(0, 6)) + '… are not the table\'s ' + JSON.stringify(want.slice(0, 6)) + '…');
      if (ticks.length === 0) bad.push(kind + ': no percent ticks drawn');
      for (const p of want) if (!/^\d{1,3}\.\d%$/.test(p)) bad.push(kind + ': the table shows ' + p);
    }
    if (kind === 'trend') {
      const o = c.getOption();
      if (o.yAxis[1].minInterval !== 1) bad.push('trend: the count axis has minInterval ' + o.yAxis[1].minInterval);
    }
  });
  return bad;
})()`

// TestMenuScrollHint: a site's menu too long for a phone scrolls sideways
// and says so, the edge that hides more items fading (data-scroll on the
// list), until the reader has scrolled to its end; at a desk, where every
// item fits, nothing fades.
func TestMenuScrollHint(t *testing.T) {
	t.Parallel()
	src, conf := demoData(t)
	for _, m := range [][2]string{{"项目清单", "projects/"}, {"党组织", "orgs/"}, {"示范点", "sites/"}, {"任务清单", "tasks/"},
		{"典型案例", "cases/"}, {"逾期项目", "projects/status/overdue/"}, {"标签", "tags/"}, {"开放数据", "data/summary.json"}} {
		conf = fmt.Appendf(conf, "\n[[menu]]\nname = %q\nurl = %q\n", m[0], m[1])
	}
	if err := os.WriteFile(filepath.Join(src, "qingdan.toml"), conf, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if r, err := build.Run(build.Options{Src: src, Out: out}); err != nil || r.Diags.Errors() > 0 {
		t.Fatalf("the demo with a long menu does not build: %v", err)
	}
	browserContext(t)
	base := serveSite(t, out, "/")
	const hint = `document.querySelector('.nav ul').getAttribute('data-scroll') || ''`
	for _, vp := range []viewport{phone, desktop} {
		t.Run(fmt.Sprint(vp), func(t *testing.T) {
			t.Parallel()
			var first, end string
			rep := loadPage(t, base+"orgs/", vp, loadOptions{act: func(ctx context.Context) (err error) {
				if first, err = chromedp.Run(ctx, chromedp.Evaluate[string](hint)); err != nil {
					return err
				}
				if _, err = chromedp.Run(ctx, chromedp.Evaluate[any](`(() => { const u = document.querySelector('.nav ul'); u.scrollLeft = u.scrollWidth; })()`)); err != nil {
					return err
				}
				for deadline := time.Now().Add(2 * time.Second); ; time.Sleep(pollEvery) {
					if end, err = chromedp.Run(ctx, chromedp.Evaluate[string](hint)); err != nil || !strings.Contains(end, "right") || time.Now().After(deadline) {
						return err
					}
				}
			}})
			if rep.ActErr != nil {
				t.Fatal(rep.ActErr)
			}
			for _, p := range rep.problems() {
				t.Error(p)
			}
			if vp == phone && (first != "right" || end != "left") {
				t.Errorf("on a phone the long menu hints %q at first and %q at its end, want right and left", first, end)
			}
			if vp == desktop && (first != "" || end != "") {
				t.Errorf("at a desk the menu hints %q and %q, want nothing", first, end)
			}
		})
	}
}

// demoData is a new site folder holding the demo's data, and the demo's
// configuration, for a test to change and write there as qingdan.toml.
func demoData(t *testing.T) (src string, conf []byte) {
	t.Helper()
	src = t.TempDir()
	if err := os.CopyFS(filepath.Join(src, "data"), os.DirFS(filepath.Join(repoRoot, "data"))); err != nil {
		t.Fatal(err)
	}
	conf, err := os.ReadFile(filepath.Join(repoRoot, "qingdan.toml"))
	if err != nil {
		t.Fatal(err)
	}
	return src, conf
}
