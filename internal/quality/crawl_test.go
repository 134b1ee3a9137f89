package quality

import (
	"slices"
	"strings"
	"testing"
)

// The crawl's own tests: testdata/links is a small site whose every defect
// is known, and the crawl must report exactly those. A crawl that cannot
// fail would let every site pass.

func TestCrawlFixture(t *testing.T) {
	t.Parallel()
	const dir = "testdata/links"
	everywhere := []string{
		`index.html: a href "a.html#nowhere": a.html has no element with id "nowhere"`,
		`index.html: a href "missing.html": `,
		`index.html: img src "https://example.invalid/pixel.png": loads a file from another host`,
		`index.html: img srcset "gone.svg": `,
		`site.css: css url "bg.svg": `,
		`search/index.js: search result "gone/`,
	}
	outside := `index.html: link href "/style.css": leads outside the site's folder`
	for _, tc := range []struct {
		name    string
		crawl   func() *crawl
		want    []string
		orphans []string
	}{
		{"served at /", func() *crawl { return crawlServed(t, dir, "/") }, everywhere, []string{"orphan.html"}},
		{"served at /dangjian/", func() *crawl { return crawlServed(t, dir, "/dangjian/") },
			append(slices.Clip(everywhere), outside), []string{"orphan.html", "style.css"}},
		{"from disk", func() *crawl { return crawlDisk(t, dir) },
			append(slices.Clip(everywhere), outside, `index.html: a href "sub/": names a folder`), []string{"orphan.html", "style.css"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.crawl()
			got := c.problems()
			for _, w := range tc.want {
				if n := count(got, w); n != 1 {
					t.Errorf("%d problems start with %q, want 1", n, w)
				}
			}
			if len(got) != len(tc.want) {
				t.Errorf("got %d problems, want %d:\n%s", len(got), len(tc.want), strings.Join(got, "\n"))
			}
			orphans := c.orphans(files(t, dir), func(name string) bool { return name == "404.html" })
			for i := range orphans {
				orphans[i], _, _ = strings.Cut(orphans[i], ":")
			}
			if !slices.Equal(orphans, tc.orphans) {
				t.Errorf("orphans %q, want %q", orphans, tc.orphans)
			}
		})
	}
}

func count(lines []string, prefix string) int {
	n := 0
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			n++
		}
	}
	return n
}

func TestFilesURL(t *testing.T) {
	for in, want := range map[string]string{
		"cases/a/":        "cases/a/index.html",
		"cases/a/#part-1": "cases/a/index.html#part-1",
		"data/x.csv":      "data/x.csv",
		"tasks/#task-a":   "tasks/index.html#task-a",
	} {
		if got := filesURL(in); got != want {
			t.Errorf("filesURL(%q) = %q, want %q", in, got, want)
		}
	}
}
