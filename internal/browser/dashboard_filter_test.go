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
	src, conf := demoData(t)
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
