package browser

import (
	"context"
	"fmt"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
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

// listState is the project list as a reader sees it.
type listState struct {
	Ready   bool              `json:"ready"`   // the page has loaded
	Path    string            `json:"path"`    // location.pathname
	Search  string            `json:"search"`  // location.search
	Shown   []string          `json:"shown"`   // "status orgs" of each visible row
	Total   int               `json:"total"`   // rows in all
	Count   string            `json:"count"`   // the form's "n / total"
	Status  string            `json:"status"`  // the status of the list (its figure marked current)
	Org     string            `json:"org"`     // the org select's value
	Current []string          `json:"current"` // the status figures marked current
	Figures map[string]int    `json:"figures"` // each status figure's number
	Hrefs   map[string]string `json:"hrefs"`   // each status figure's link
}

const listJS = `(() => {
  const rows = Array.from(document.querySelectorAll('#project-table tbody tr'));
  const form = document.querySelector('form[data-filter-for]');
  const figures = {}, hrefs = {};
  document.querySelectorAll('.stat-filter a[data-status]').forEach((a) => {
    figures[a.dataset.status] = parseInt(a.querySelector('strong').textContent, 10);
    hrefs[a.dataset.status] = a.getAttribute('href');
  });
  return {
    ready: document.readyState === 'complete', path: location.pathname, search: location.search,
    shown: rows.filter((r) => !r.hidden && r.offsetParent !== null).map((r) => r.dataset.status + ' ' + r.dataset.orgs),
    total: rows.length,
    count: form ? form.querySelector('output').textContent : '',
    status: (document.querySelector('.stat-filter a[aria-current]') || {dataset: {}}).dataset.status || '',
    org: form ? form.elements.org.value : '',
    current: Array.from(document.querySelectorAll('.stat-filter a[aria-current]'), (a) => a.dataset.status),
    figures, hrefs,
  };
})()`

func readList(ctx context.Context) (listState, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[listState](listJS))
}

// waitList reads the list once the page at an address ending in path (and
// holding query, unless query is "-") has loaded and filtered it, through
// the navigations a click or the page's script may start.
func waitList(ctx context.Context, path, query string) (s listState, err error) {
	for deadline := time.Now().Add(loadTimeout); ; time.Sleep(pollEvery) {
		s, err = readList(ctx)
		if err == nil && s.Ready && strings.HasSuffix(s.Path, path) && (query == "-" || s.Search == query) && (s.Count != "" || s.Total == 0) {
			return s, nil
		}
		if time.Now().After(deadline) {
			if err == nil {
				err = fmt.Errorf("the list at %s%s never came (at %s%s, count %q)", path, query, s.Path, s.Search, s.Count)
			}
			return s, err
		}
	}
}

// only checks that every shown row has the status and lies under the org
// (when not ""), and that there are want of them.
func (s listState) only(status, org string, want int) []string {
	var bad []string
	for _, r := range s.Shown {
		st, orgs, _ := strings.Cut(r, " ")
		if status != "" && st != status {
			bad = append(bad, fmt.Sprintf("a %s project is shown, want only %s", st, status))
		}
		if org != "" && !slices.Contains(strings.Fields(orgs), org) {
			bad = append(bad, fmt.Sprintf("a project of %q is shown, want only %s's", orgs, org))
		}
	}
	if len(s.Shown) != want {
		bad = append(bad, fmt.Sprintf("%d projects shown, want %d", len(s.Shown), want))
	}
	if s.Count != fmt.Sprintf("%d / %d", want, s.Total) {
		bad = append(bad, fmt.Sprintf("the count says %q, want \"%d / %d\"", s.Count, want, s.Total))
	}
	return bad
}

// demoSummary is data/summary.json's part the filter tests check against.
type demoSummary struct {
	Projects int            `json:"projects"`
	Status   map[string]int `json:"status"`
	Orgs     map[string]struct {
		Projects int            `json:"projects"`
		Status   map[string]int `json:"status"`
	} `json:"orgs_by_id"`
}

// TestDashboardStatusFilter: each status has a list of its own
// (projects/status/KEY/), which the status figures link, so that "all
// overdue projects" is an address to share and works without script; the
// list follows the org tree, and the org filter and an org page's figures
// open the page where the org's projects begin; the filter (?org=, ?q=)
// stays in the address and in the pager's and the figures' links; an old
// address (projects/?status=overdue) opens the status's list; malformed or
// unknown values are ignored, never thrown.
func TestDashboardStatusFilter(t *testing.T) {
	t.Parallel()
	out := buildDemo(t, false)
	browserContext(t)
	var sum demoSummary
	readJSON(t, out, "data/summary.json", &sum)
	base := serveSite(t, out, "/")
	list := base + "projects/"

	t.Run("click", func(t *testing.T) {
		t.Parallel()
		var first, on, back listState
		rep := loadPage(t, list, phone, loadOptions{act: func(ctx context.Context) (err error) {
			if first, err = waitList(ctx, "/projects/", ""); err != nil {
				return err
			}
			if err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.stat-filter a[data-status=overdue]`))); err != nil {
				return err
			}
			if on, err = waitList(ctx, "/projects/status/overdue/", ""); err != nil {
				return err
			}
			if _, err = chromedp.Run(ctx, chromedp.Evaluate[any](`history.back()`)); err != nil {
				return err
			}
			back, err = waitList(ctx, "/projects/", "")
			return err
		}})
		if rep.ActErr != nil {
			t.Fatal(rep.ActErr)
		}
		for _, s := range rep.problems() {
			t.Error(s)
		}
		n := sum.Status["overdue"]
		if n == 0 {
			t.Fatal("the demo has no overdue project to filter")
		}
		if len(first.Shown) != sum.Projects || first.Figures["overdue"] != n || first.Hrefs["overdue"] != "../projects/status/overdue/" || first.Status != "" {
			t.Errorf("every project: %d shown of %d, overdue figure %d (want %d) leading to %q, current %q", len(first.Shown), sum.Projects, first.Figures["overdue"], n, first.Hrefs["overdue"], first.Status)
		}
		for _, s := range on.only("overdue", "", n) {
			t.Error("after a click on the overdue figure: " + s)
		}
		if on.Status != "overdue" || on.Hrefs["overdue"] != "../../../projects/" || on.Hrefs["done"] != "../../../projects/status/done/" {
			t.Errorf("on the overdue list: current %q, the figures lead to %q and %q", on.Status, on.Hrefs["overdue"], on.Hrefs["done"])
		}
		if len(back.Shown) != sum.Projects {
			t.Errorf("after Back: %d shown, want %d", len(back.Shown), sum.Projects)
		}
	})

	// An org with sub-organizations and projects in a status.
	org, status := "", ""
	for _, id := range slices.Sorted(maps.Keys(sum.Orgs)) {
		o := sum.Orgs[id]
		if o.Status["done"] > 0 && o.Status["done"] < o.Projects && o.Projects >= 5 {
			org, status = id, "done"
			break
		}
	}
	if org == "" {
		t.Fatal("no org with done projects and others in the demo")
	}

	for _, tc := range []struct {
		address, path, query string // path and query: where the list ends up
		status, org          string
		want                 int
	}{
		{"status/overdue/", "/projects/status/overdue/", "", "overdue", "", sum.Status["overdue"]},
		{"status/behind/?q=", "/projects/status/behind/", "?q=", "behind", "", sum.Status["behind"]},
		{"status/" + status + "/?org=" + org, "/projects/status/" + status + "/", "?org=" + org, status, org, sum.Orgs[org].Status[status]},
		{"?org=" + org, "/projects/", "?org=" + org, "", org, sum.Orgs[org].Projects},
		// The old addresses: each opens its status's list.
		{"?status=overdue", "/projects/status/overdue/", "", "overdue", "", sum.Status["overdue"]},
		{"?org=" + org + "&status=" + status, "/projects/status/" + status + "/", "?org=" + org, status, org, sum.Orgs[org].Status[status]},
		// Malformed and unknown values: ignored, the list shows everything.
		{"?status=%E0%A4%A", "/projects/", "-", "", "", sum.Projects},
		{"?status=bogus&org=no-such-org", "/projects/", "-", "", "", sum.Projects},
		{"?status=%", "/projects/", "-", "", "", sum.Projects},
		{"?org=%ZZ&status", "/projects/", "-", "", "", sum.Projects},
		{"?status=overdue%00", "/projects/", "-", "", "", sum.Projects},
		{"?q=%", "/projects/", "-", "", "", sum.Projects},
		{"?status=<script>alert(1)</script>", "/projects/", "-", "", "", sum.Projects},
		{"status/overdue/?org=<script>", "/projects/status/overdue/", "-", "overdue", "", sum.Status["overdue"]},
	} {
		t.Run("load "+tc.address, func(t *testing.T) {
			t.Parallel()
			var s listState
			rep := loadPage(t, list+tc.address, desktop, loadOptions{act: func(ctx context.Context) (err error) {
				s, err = waitList(ctx, tc.path, tc.query)
				return err
			}})
			if rep.ActErr != nil {
				t.Fatal(rep.ActErr)
			}
			for _, p := range rep.problems() {
				t.Error(p)
			}
			for _, p := range s.only(tc.status, tc.org, tc.want) {
				t.Error(p)
			}
			if s.Status != tc.status || s.Org != tc.org {
				t.Errorf("the list is of status %q and the form shows org %q, want %q and %q", s.Status, s.Org, tc.status, tc.org)
			}
		})
	}

	t.Run("org page", func(t *testing.T) {
		t.Parallel()
		var href string
		var s listState
		rep := loadPage(t, base+"orgs/"+org+"/", phone, loadOptions{act: func(ctx context.Context) (err error) {
			href, err = chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`document.querySelector('.stat-filter a[data-status=%s]').getAttribute('href')`, status)))
			if err != nil {
				return err
			}
			if err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.stat-filter a[data-status=`+status+`]`))); err != nil {
				return err
			}
			s, err = waitList(ctx, "/projects/status/"+status+"/", "?org="+org)
			return err
		}})
		if rep.ActErr != nil {
			t.Fatal(rep.ActErr)
		}
		if want := "../../projects/status/" + status + "/?org=" + org; href != want {
			t.Errorf("the %s figure leads to %q, want %q", status, href, want)
		}
		for _, p := range s.only(status, org, sum.Orgs[org].Status[status]) {
			t.Error("the list opened from the org page: " + p)
		}
	})

	t.Run("files", func(t *testing.T) {
		t.Parallel()
		// A Files build opened from disk: the figures lead to the lists' index.html.
		dir := buildDemo(t, true)
		u := (&url.URL{Scheme: "file", Path: dir + "/projects/index.html", RawQuery: "status=overdue"}).String()
		var s listState
		rep := loadPage(t, u, desktop, loadOptions{act: func(ctx context.Context) (err error) {
			s, err = waitList(ctx, "/projects/status/overdue/index.html", "")
			return err
		}})
		if rep.ActErr != nil {
			t.Fatal(rep.ActErr)
		}
		for _, p := range s.only("overdue", "", sum.Status["overdue"]) {
			t.Error("from disk: " + p)
		}
		if s.Hrefs["overdue"] != "../../../projects/index.html" || s.Hrefs["done"] != "../../../projects/status/done/index.html" {
			t.Errorf("from disk the figures lead to %q and %q", s.Hrefs["overdue"], s.Hrefs["done"])
		}
	})
}

// TestDashboardPagedFilter: on a list of many pages (a county's), the
// org filter opens the page where the org's projects begin, and the pager
// and the figures keep the filter, so that every one of the org's projects
// is reached page by page and none of another org's is shown.
func TestDashboardPagedFilter(t *testing.T) {
	t.Parallel()
	src := t.TempDir()
	if err := os.CopyFS(filepath.Join(src, "data"), os.DirFS(filepath.Join(repoRoot, "data"))); err != nil {
		t.Fatal(err)
	}
	conf, err := os.ReadFile(filepath.Join(repoRoot, "qingdan.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "qingdan.toml"), append([]byte("per_page = 5\n"), conf...), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if r, err := build.Run(build.Options{Src: src, Out: out}); err != nil || r.Diags.Errors() > 0 {
		t.Fatalf("the demo with 5 projects a page does not build: %v", err)
	}
	browserContext(t)
	var sum demoSummary
	readJSON(t, out, "data/summary.json", &sum)
	base := serveSite(t, out, "/")
	// An org whose projects fill more than one page and begin past the
	// first: the last (by id) of those with over 5 and under half of all.
	var projects []struct {
		Org string `json:"org"`
	}
	readJSON(t, out, "data/projects.json", &projects)
	org := ""
	for _, id := range slices.Sorted(maps.Keys(sum.Orgs)) {
		if o := sum.Orgs[id]; o.Projects > 5 && o.Projects < sum.Projects/2 {
			org = id
		}
	}
	if org == "" {
		t.Fatal("no org in the demo with more than one page of projects and less than half of them")
	}
	want := sum.Orgs[org].Projects
	seen := 0
	var pages []string
	rep := loadPage(t, base+"projects/", desktop, loadOptions{act: func(ctx context.Context) (err error) {
		if _, err = waitList(ctx, "/projects/", ""); err != nil {
			return err
		}
		// Pick the org in the filter, as a reader does.
		if _, err = chromedp.Run(ctx, chromedp.Evaluate[any](`(() => { const s = document.querySelector('select[name=org]');
  s.value = `+strconv.Quote(org)+`; s.dispatchEvent(new Event('change', {bubbles: true})); })()`)); err != nil {
			return err
		}
		s, err := waitList(ctx, "/", "?org="+org)
		for err == nil {
			pages = append(pages, s.Path)
			for _, p := range s.only("", org, len(s.Shown)) {
				return fmt.Errorf("on %s: %s", s.Path, p)
			}
			seen += len(s.Shown)
			if seen >= want {
				break
			}
			next, err2 := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector('.pager a[rel=next]') || {}).href || ''`))
			if err2 != nil || next == "" || !strings.HasSuffix(next, "?org="+org) {
				return fmt.Errorf("after %d of %d projects on %s the next page's link is %q (%v)", seen, want, s.Path, next, err2)
			}
			if err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.pager a[rel=next]`))); err != nil {
				return err
			}
			prev := s.Path
			for deadline := time.Now().Add(loadTimeout); ; time.Sleep(pollEvery) {
				if s, err = waitList(ctx, "/", "?org="+org); err != nil || s.Path != prev || time.Now().After(deadline) {
					break
				}
			}
		}
		return err
	}})
	if rep.ActErr != nil {
		t.Fatal(rep.ActErr)
	}
	for _, p := range rep.problems() {
		t.Error(p)
	}
	if seen != want || len(pages) < 2 || pages[0] == "/projects/" {
		t.Errorf("picking %s: %d of its %d projects seen on %v; want all, from the page where they begin, over more than one page", org, seen, want, pages)
	}
}

// TestDashboardNoScript: without JavaScript the status figures are plain
// links to the status lists, which show only that status, and the list,
// whatever the address says, shows every project of its status.
func TestDashboardNoScript(t *testing.T) {
	t.Parallel()
	out := buildDemo(t, false)
	var sum demoSummary
	readJSON(t, out, "data/summary.json", &sum)
	base := serveSite(t, out, "/")
	tab, cancel := chromedp.NewContext(browserContext(t))
	defer cancel()
	if err := chromedp.Do(tab); err != nil {
		t.Fatal(err)
	}
	ctx, cancelT := context.WithTimeout(tab, loadTimeout)
	defer cancelT()
	err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}),
		chromedp.Navigate(base+"projects/status/overdue/?org=no-such-org"))
	if err != nil {
		t.Fatal(err)
	}
	type seen struct {
		JS      bool              `json:"js"` // qingdan.js ran (html.js)
		Visible []string          `json:"visible"`
		Form    bool              `json:"form"` // the filter form is shown
		Hrefs   map[string]string `json:"hrefs"`
	}
	s, err := chromedp.Run(ctx, chromedp.Evaluate[seen](`(() => {
  const hrefs = {};
  document.querySelectorAll('.stat-filter a[data-status]').forEach((a) => { hrefs[a.dataset.status] = a.getAttribute('href'); });
  return {js: document.documentElement.classList.contains('js'),
    visible: Array.from(document.querySelectorAll('#project-table tbody tr')).filter((r) => r.offsetParent !== null).map((r) => r.dataset.status),
    form: document.querySelector('form[data-filter-for]').offsetParent !== null, hrefs};
})()`))
	if err != nil {
		t.Fatal(err)
	}
	if s.JS {
		t.Fatal("the page's script ran: this test could not turn JavaScript off")
	}
	if len(s.Visible) != sum.Status["overdue"] || slices.ContainsFunc(s.Visible, func(st string) bool { return st != "overdue" }) || s.Form {
		t.Errorf("without JavaScript: %v shown (want %d overdue), filter form shown %v; want no form", s.Visible, sum.Status["overdue"], s.Form)
	}
	if s.Hrefs["overdue"] != "../../../projects/" || s.Hrefs["done"] != "../../../projects/status/done/" || len(s.Hrefs) != 5 {
		t.Errorf("without JavaScript the figures lead to %v", s.Hrefs)
	}
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
	src := t.TempDir()
	if err := os.CopyFS(filepath.Join(src, "data"), os.DirFS(filepath.Join(repoRoot, "data"))); err != nil {
		t.Fatal(err)
	}
	conf, err := os.ReadFile(filepath.Join(repoRoot, "qingdan.toml"))
	if err != nil {
		t.Fatal(err)
	}
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
