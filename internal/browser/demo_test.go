package browser

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/build"
)

// TestDemoSite builds the demo site (the repository root) and loads one page
// of each kind in Chromium, from the server's root and from a sub-path, as an
// intranet admin might host it: no console error, no failed request, no
// request to another host, every chart drawn, nothing wider than a phone.
//
// With QINGDAN_SCREENSHOTS set to a folder, it also writes full-page PNGs of
// the home page at 1280 and 390 px there.
func TestDemoSite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	r, err := build.Run(build.Options{Src: "../..", Out: out})
	if err != nil {
		t.Fatal(err)
	}
	if r.Diags.Errors() > 0 {
		var b strings.Builder
		r.Diags.Print(&b, r.Lang())
		t.Fatalf("the demo site does not build:\n%s", b.String())
	}
	checkSite(t, out, os.Getenv("QINGDAN_SCREENSHOTS"))
}

// checkSite loads the pages of demoPages from the built site at out, served
// from the root and from a sub-path, and reports every problem. When shots is
// not "", it writes the home page's screenshots there.
func checkSite(t *testing.T, out, shots string) {
	t.Helper()
	if shots != "" {
		if err := os.MkdirAll(shots, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	pages := demoPages(t, out)
	browserContext(t) // skip or fail here, before the subtests, when there is no Chromium

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
					shot := ""
					if shots != "" && mount == "/" && p.path == "index.html" {
						shot = filepath.Join(shots, fmt.Sprintf("home-%d.png", vp.Width))
					}
					rep := loadPage(t, base+p.path, vp, shot)
					for _, s := range rep.problems() {
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
}

// demoPage is a page of the built site to load, by its path under OUT.
type demoPage struct {
	path      string
	minCharts int
}

// demoPages lists one page of each kind in the site at dir, picking the
// project, org and case from the open data and the case list.
func demoPages(t *testing.T, dir string) []demoPage {
	t.Helper()
	var projects []struct{ ID string }
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
	pages := []demoPage{
		{"index.html", 3},
		{"projects/index.html", 0},
		{"projects/" + projects[0].ID + "/index.html", 1},
		{"orgs/index.html", 0},
		{"orgs/" + root + "/index.html", 1},
		{"tasks/index.html", 0},
		{"sites/index.html", 0},
		{"cases/index.html", 0},
		{firstCase(t, dir), 0},
		{"search/index.html", 0},
		{"404.html", 0},
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

// firstCase returns the path of the first case page that cases/index.html
// links to, as cases/<slug>/index.html.
func firstCase(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "cases", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range hrefRE.FindAllSubmatch(b, -1) {
		h := string(m[1])
		if u, err := url.Parse(h); err != nil || u.IsAbs() || strings.HasPrefix(h, "/") {
			continue // the hosting rules forbid these; the browser checks report them
		}
		p := path.Clean(path.Join("cases", h))
		p = strings.TrimSuffix(p, "/index.html")
		if parent, slug := path.Split(p); parent == "cases/" && slug != "" {
			return p + "/index.html"
		}
	}
	t.Fatal("cases/index.html links to no case page cases/<slug>/")
	return ""
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
