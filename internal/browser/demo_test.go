package browser

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/qingdan/qingdan/internal/build"
)

// repoRoot is the demo site, the repository root, seen from this folder.
const repoRoot = "../.."

// screenshotDir is where TestDemoSite writes its screenshots:
// QINGDAN_SCREENSHOTS when it is set ("" for none), else the repository's
// git-ignored screenshots/ folder, so that every test run leaves them there.
func screenshotDir() string {
	if dir, ok := os.LookupEnv("QINGDAN_SCREENSHOTS"); ok {
		return dir
	}
	return filepath.Join(repoRoot, "screenshots")
}

// TestDemoSite builds the demo site (the repository root) and loads one page
// of each kind in Chromium, from the server's root and from a sub-path, as an
// intranet admin might host it: no console error, no failed request, no
// request to another host, every chart drawn, nothing wider than a phone.
// From the root, at both widths, it also checks what screen readers get
// and runs axe-core: no critical or serious violation.
//
// It writes full-page PNGs of the home page, a project and a case at 1280
// and 390 px into screenshotDir.
func TestDemoSite(t *testing.T) {
	checkSite(t, buildDemo(t, false), screenshotDir())
}

// TestDemoFiles opens a Files build (links end in index.html) from disk, as
// a reader of a copy on a shared folder does: the home page, a project and a
// case, with their charts drawn and no failed request.
func TestDemoFiles(t *testing.T) {
	t.Parallel()
	out, err := filepath.Abs(buildDemo(t, true))
	if err != nil {
		t.Fatal(err)
	}
	pages := demoPages(t, out)
	browserContext(t)
	for _, p := range pages {
		if p.shot == "" {
			continue // the pages with screenshots are the ones to open from disk
		}
		u := (&url.URL{Scheme: "file", Path: filepath.ToSlash(out) + "/" + p.path}).String()
		t.Run(p.path, func(t *testing.T) {
			t.Parallel()
			rep := checkPage(t, u, desktop)
			for _, s := range rep.problems() {
				t.Error(s)
			}
			if len(rep.Charts) < p.minCharts {
				t.Errorf("%d data-chart elements, want at least %d", len(rep.Charts), p.minCharts)
			}
		})
	}
}

// buildDemo builds the demo site into a new folder and returns it.
func buildDemo(t *testing.T, files bool) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	r, err := build.Run(build.Options{Src: repoRoot, Out: out, Files: files})
	if err != nil {
		t.Fatal(err)
	}
	if r.Diags.Errors() > 0 {
		var b strings.Builder
		r.Diags.Print(&b, r.Lang())
		t.Fatalf("the demo site does not build:\n%s", b.String())
	}
	return out
}

// checkSite loads the pages of demoPages from the built site at out, served
// from the root and from a sub-path, and reports every problem. When shots is
// not "", it writes the screenshots of the pages that have them there.
func checkSite(t *testing.T, out, shots string) {
	t.Helper()
	if shots != "" {
		if err := os.MkdirAll(shots, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	pages := demoPages(t, out)
	browserContext(t) // skip or fail here, before the subtests, when there is no Chromium
	withAxe := axeReady(t)

	for _, mount := range []string{"/", "/dangjian/"} {
		base := serveSite(t, out, mount)
		for _, p := range pages {
			vps := []viewport{phone}
			if mount == "/" {
				vps = append(vps, desktop) // charts and errors at desktop width too, once
			}
			for _, vp := range vps {
				t.Run(fmt.Sprintf("%s%s@%v", mount, p.path, vp), func(t *testing.T) {
					t.Parallel()
					o := loadOptions{axe: withAxe && mount == "/"}
					if shots != "" && mount == "/" && p.shot != "" {
						o.shot = filepath.Join(shots, fmt.Sprintf("%s-%d.png", p.shot, vp.Width))
					}
					if p.act != nil {
						o.act = p.act(out, base)
					}
					rep := loadPage(t, base+p.path, vp, o)
					for _, s := range rep.problems() {
						t.Error(s)
					}
					if rep.ActErr != nil {
						t.Error(rep.ActErr)
					}
					for _, s := range rep.a11yProblems("zh-CN") {
						t.Error(s)
					}
					if vp.Mobile && rep.ClientWidth != int(vp.Width) {
						t.Errorf("laid out %d px wide on a %d px phone: is <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"> missing?",
							rep.ClientWidth, vp.Width)
					}
					if len(rep.Charts) < p.minCharts {
						t.Errorf("%d data-chart elements, want at least %d", len(rep.Charts), p.minCharts)
					}
				})
			}
		}
	}

	// On a phone every project of the list is a card whose title, org,
	// completion and status all lie within the screen (as a table, the
	// status column was off to the right, behind a sideways scroll).
	t.Run("project cards on a phone", func(t *testing.T) {
		t.Parallel()
		var outside []string
		rep := loadPage(t, serveSite(t, out, "/")+"projects/index.html", phone, loadOptions{act: func(ctx context.Context) (err error) {
			outside, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
  const W = document.documentElement.clientWidth, bad = [];
  const rows = document.querySelectorAll('table.projects tbody tr');
  if (rows.length === 0) return ['no project rows'];
  // Laid out as cards, the table keeps its semantics through roles.
  const t = document.querySelector('table.projects');
  if (t.getAttribute('role') !== 'table' || rows[0].getAttribute('role') !== 'row' ||
      rows[0].querySelector('th').getAttribute('role') !== 'rowheader' ||
      rows[0].querySelector('td').getAttribute('role') !== 'cell') bad.push('the card table has no table roles');
  rows.forEach((tr, i) => {
    for (const cell of tr.querySelectorAll('th, td:nth-child(2), td:nth-child(5), td:nth-child(6)')) {
      const r = cell.getBoundingClientRect();
      if (r.width === 0 || r.left < 0 || r.right > W + 0.5) bad.push('row ' + (i + 1) + ': ' + cell.textContent.trim() + ' at ' + Math.round(r.left) + '..' + Math.round(r.right) + 'px');
    }
  });
  return bad.slice(0, 5);
})()`))
			return err
		}})
		if rep.ActErr != nil {
			t.Fatal(rep.ActErr)
		}
		for _, s := range outside {
			t.Errorf("at %d px: %s", phone.Width, s)
		}
	})

	// A window narrowed from desktop to phone width: every chart shrinks
	// with it (a grid track sized by a drawn canvas would not), and the page
	// does not scroll sideways.
	t.Run("charts follow a narrowed window", func(t *testing.T) {
		t.Parallel()
		var wide []string
		rep := loadPage(t, serveSite(t, out, "/")+"index.html", desktop, loadOptions{act: func(ctx context.Context) (err error) {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(phone.Width, phone.Height)); err != nil {
				return err
			}
			// ResizeObserver, then ECharts' redraw: allow it a few seconds.
			for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(100 * time.Millisecond) {
				if wide, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](narrowJS)); err != nil || len(wide) == 0 || time.Now().After(deadline) {
					return err
				}
			}
		}})
		if rep.ActErr != nil {
			t.Fatal(rep.ActErr)
		}
		for _, s := range append(wide, rep.problems()...) {
			t.Errorf("narrowed to %d px: %s", phone.Width, s)
		}
	})

	// The status badges, each with white text: measured on the projects
	// list, whichever statuses the demo's data happens to show.
	t.Run("status badge contrast", func(t *testing.T) {
		t.Parallel()
		var problems []string
		rep := loadPage(t, serveSite(t, out, "/")+"projects/index.html", desktop, loadOptions{act: func(ctx context.Context) (err error) {
			problems, err = badgeProblems(ctx)
			return err
		}})
		if rep.ActErr != nil {
			t.Fatal(rep.ActErr)
		}
		for _, s := range problems {
			t.Error(s)
		}
	})
}

// axeReady reports whether axe-core is there to run. Without it the axe
// checks skip (and say so), unless CI=true, where the test fails.
func axeReady(t *testing.T) bool {
	t.Helper()
	if _, err := os.Stat(filepath.Join(repoRoot, filepath.FromSlash(axeMin))); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%v, and CI=true: the accessibility checks must run in CI (make build's npm ci installs axe-core)", err)
		}
		t.Logf("no axe-core checks: %v (make build's npm ci installs it)", err)
		return false
	}
	return true
}

// demoPage is a page of the built site to load, by its path under OUT.
type demoPage struct {
	path      string
	minCharts int
	shot      string // the screenshot's name, "" for none
	// act, when not nil, makes the loadOptions.act for the site in out
	// served at base.
	act func(out, base string) func(ctx context.Context) error
}

// demoPages lists one page of each kind in the site at dir, picking the
// project, org, case, column, tag and free page from the open data and the
// pages' own links, and a search word from the first project's title.
func demoPages(t *testing.T, dir string) []demoPage {
	t.Helper()
	var projects []struct {
		ID, Title string
		Readings  int
	}
	readJSON(t, dir, "data/projects.json", &projects)
	var orgs []struct{ ID, Parent string }
	readJSON(t, dir, "data/orgs.json", &orgs)
	if len(projects) == 0 || len(orgs) == 0 {
		t.Fatalf("the demo's open data has %d projects and %d orgs", len(projects), len(orgs))
	}
	root := ""
	for _, o := range orgs {
		if o.Parent == "" {
			root = o.ID
			break
		}
	}
	// A project with a few readings: its chart and screenshot show a trend.
	project := projects[0]
	for _, p := range projects {
		if p.Readings >= 2 {
			project = p
			break
		}
	}
	word := string([]rune(project.Title)[:min(2, len([]rune(project.Title)))])
	pages := []demoPage{
		{path: "index.html", minCharts: 3, shot: "home"},
		{path: "projects/index.html"},
		{path: "projects/" + project.ID + "/index.html", minCharts: 1, shot: "project"},
		{path: "orgs/index.html"},
		{path: "orgs/" + root + "/index.html", minCharts: 1},
		{path: "tasks/index.html"},
		{path: "sites/index.html"},
		{path: "cases/index.html"},
		{path: linkedPage(t, dir, "cases/index.html", "cases/", "case"), shot: "case"},
		{path: linkedPage(t, dir, "cases/index.html", "cases/column/", "column")},
		{path: "tags/index.html"},
		{path: linkedPage(t, dir, "tags/index.html", "tags/", "tag")},
		{path: "search/index.html", act: func(out, base string) func(context.Context) error {
			return typeQuery(out, base, word)
		}},
		{path: linkedPage(t, dir, "index.html", "", "free page")},
		{path: "404.html"},
	}
	for _, p := range pages {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p.path))); err != nil {
			t.Errorf("the built site has no %s", p.path)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	return pages
}

func readJSON(t *testing.T, dir, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

var hrefRE = regexp.MustCompile(`href="([^"#?]*)`)

// sections are the site's own folders; any other one-level folder is a
// free page (content/pages).
var sections = []string{"projects", "orgs", "sites", "tasks", "cases", "tags", "search", "data", "assets", "images"}

// linkedPage returns the first page that the page from links to, as
// under/<slug>/index.html: one folder level below under (a free page when
// under is ""), and not one of the site's sections. what names the kind of
// page, for the error when there is none.
func linkedPage(t *testing.T, dir, from, under, what string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(from)))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range hrefRE.FindAllSubmatch(b, -1) {
		h := string(m[1])
		if u, err := url.Parse(h); err != nil || u.IsAbs() || strings.HasPrefix(h, "/") || h == "" {
			continue // the hosting rules forbid these; the browser checks report them
		}
		p := path.Clean(path.Join(path.Dir(from), h))
		p = strings.TrimSuffix(p, "/index.html")
		parent, slug := path.Split(p)
		if parent == under && slug != "" && slug != "index.html" && (under != "" || !slices.Contains(sections, slug)) &&
			!strings.Contains(slug, ".") && (under != "cases/" || slug != "column") {
			return p + "/index.html"
		}
	}
	t.Fatalf("%s links to no %s page %s<slug>/", from, what, under)
	return ""
}

// typeQuery types word into the search box as a reader does (an IME
// commits text the same way) and wants results, each a link to a page of
// the site in out served at base.
func typeQuery(out, base, word string) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		err := chromedp.Do(ctx,
			chromedp.Focus(chromedp.ID("q")),
			chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
				_, err := cdp.Call(ctx, t, input.InsertText, input.InsertTextParams{Text: word})
				return err
			}))
		if err != nil {
			return fmt.Errorf("typing %q into the search box: %v", word, err)
		}
		var hrefs []string
		for deadline := time.Now().Add(chartWait); ; time.Sleep(pollEvery) {
			hrefs, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](
				`Array.from(document.querySelectorAll('#search-results a'), (a) => a.href)`))
			if err != nil || len(hrefs) > 0 || time.Now().After(deadline) {
				break
			}
		}
		if err != nil {
			return err
		}
		if len(hrefs) == 0 {
			return fmt.Errorf("searching for %q, a word of a project's title, found nothing", word)
		}
		var bad []error
		for _, h := range hrefs {
			rel, ok := strings.CutPrefix(h, base)
			if !ok {
				bad = append(bad, fmt.Errorf("search result %s leads out of the site at %s", h, base))
				continue
			}
			rel, _, _ = strings.Cut(rel, "#")
			if rel == "" || strings.HasSuffix(rel, "/") {
				rel += "index.html"
			}
			if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(rel))); err != nil {
				bad = append(bad, fmt.Errorf("search result %s leads nowhere", h))
			}
		}
		return errors.Join(bad...)
	}
}

// serveSite serves dir at mount ("/" or "/sub/") and nowhere else, so that a
// link that climbs out of the sub-path gets a 404. It returns the URL of the
// mount, ending in "/".
func serveSite(t *testing.T, dir, mount string) string {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle(mount, http.StripPrefix(strings.TrimSuffix(mount, "/"), http.FileServer(http.Dir(dir))))
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return ts.URL + mount
}

// narrowJS lists the charts whose canvas reaches past the window's right edge.
const narrowJS = `(() => {
  const W = document.documentElement.clientWidth, bad = [];
  document.querySelectorAll('[data-chart] canvas').forEach((c) => {
    const r = c.getBoundingClientRect();
    if (r.right > W + 0.5) bad.push(c.closest('[data-chart]').getAttribute('data-chart') + ' chart ' + Math.round(r.width) + ' px wide, right edge at ' + Math.round(r.right) + ' px');
  });
  return bad;
})()`
