package browser

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/qingdan/qingdan/internal/build"
)

// TestNoSearchHeader: a site with search = false (the golden site
// nosearch) shows no search box and links to no search page, and its
// masthead is as tidy as one with the box, at 390 and 1280 px: the name
// and menu fill it without the box's row.
func TestNoSearchHeader(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "public")
	src := filepath.Join(repoRoot, "internal", "build", "testdata", "golden", "nosearch", "src")
	r, err := build.Run(build.Options{Src: src, Out: out})
	if err != nil || r.Diags.Errors() > 0 {
		t.Fatalf("the nosearch site does not build: %v", err)
	}
	browserContext(t)
	base := serveSite(t, out, "/")
	for _, path := range []string{"", "cases/caizheng-chuangkou/", "orgs/jiguan/", "404.html"} {
		for _, vp := range []viewport{phone, desktop} {
			t.Run(fmt.Sprintf("%s@%v", path, vp), func(t *testing.T) {
				t.Parallel()
				var bad []string
				var found []string
				rep := loadPage(t, base+path, vp, loadOptions{act: func(ctx context.Context) (err error) {
					if bad, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](headerJS)); err != nil {
						return err
					}
					found, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](searchPartsJS))
					return err
				}})
				if rep.ActErr != nil {
					t.Fatal(rep.ActErr)
				}
				for _, s := range append(bad, rep.problems()...) {
					t.Errorf("at %v: %s", vp, s)
				}
				if len(found) > 0 {
					t.Errorf("at %v: a site without search shows %s", vp, strings.Join(found, "; "))
				}
			})
		}
	}
}

// searchPartsJS lists what of a search the page has: a box, a link to the
// search page, the search script.
const searchPartsJS = `Array.from(document.querySelectorAll(
  '.masthead-search, input[type=search], a[href$="search/"], a[href$="search/index.html"], script[src*="search"]'
)).map((e) => e.outerHTML.slice(0, 80))`
