package page_test

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/qingdan/qingdan/internal/content"
	"github.com/qingdan/qingdan/internal/routes"
)

// partialCached given a card (the built-in theme's lists of cases)
// renders a case's part once per folder depth and variant: a page at the
// same depth gets the part the first such page rendered (the item below
// shows the page's title, which a cached part must not, to make that
// seen), a page at another depth one with its own relative links, and a
// case listed as a heading of the other level its own. A context that
// holds no page fails the page.
func TestPartialCachedCards(t *testing.T) {
	_, v := check(t, routes.Dirs)
	local := fstest.MapFS{
		"base.html":          {Data: []byte(`{{range .Docs}}{{partialCached "item" (card $ . true) . true}}{{partialCached "item" (card $ . false) . false}};{{end}}`)},
		"partials/item.html": {Data: []byte(`{{define "item"}}<a href="{{url .Page .Doc}}">{{.Doc.Title}}</a>{{if .H2}}2{{else}}3{{end}}@{{.Page.Title}}{{end}}`)},
	}
	b := bind(t, themeFS(t), local, v)
	item := regexp.MustCompile(`^<a href="([^"]*)">([^<]*)</a>2@([^<]*)<a href="([^"]*)">([^<]*)</a>3@([^<]*)$`)
	type at struct {
		doc   *content.Doc
		depth int
	}
	first := map[at]string{}                  // the title of the first page that listed the case at that depth
	depths := map[*content.Doc]map[int]bool{} // the depths each case was listed at
	hits := 0
	for _, p := range v.Pages() {
		if len(p.Docs) == 0 {
			continue
		}
		out, err := b.RenderBytes(p)
		if err != nil {
			t.Fatalf("%v: %v", p.Route, err)
		}
		parts := strings.Split(strings.TrimSuffix(string(out), ";"), ";")
		if len(parts) != len(p.Docs) {
			t.Fatalf("%v: %d items for %d cases: %q", p.Route, len(parts), len(p.Docs), out)
		}
		for i, s := range parts {
			m := item.FindStringSubmatch(s)
			d := p.Docs[i]
			want := routes.Dirs.LinkAt(p.Route.Depth(), d.Route())
			if m == nil || m[1] != want || m[4] != want || m[2] != d.Title || m[5] != d.Title {
				t.Fatalf("%v: item %d is %q; want links %q to %q", p.Route, i, s, want, d.Title)
			}
			k := at{d, p.Route.Depth()}
			if f, ok := first[k]; ok {
				hits++
				if m[3] != f || m[6] != f {
					t.Errorf("%v: item %d was rendered again (%q), not taken from %q", p.Route, i, s, f)
				}
			} else if first[k] = m[3]; m[6] != m[3] {
				t.Errorf("%v: item %d: %q", p.Route, i, s)
			}
			if depths[d] == nil {
				depths[d] = map[int]bool{}
			}
			depths[d][k.depth] = true
		}
	}
	several := 0
	for _, ds := range depths {
		if len(ds) > 1 {
			several++
		}
	}
	if hits == 0 || several == 0 {
		t.Fatalf("no case listed twice at one depth (%d) or at two depths (%d): the site shows nothing of the cache", hits, several)
	}
	local["base.html"] = &fstest.MapFile{Data: []byte(`{{partialCached "item" "no page"}}`)}
	if _, err := bind(t, themeFS(t), local, v).RenderBytes(v.Pages()[0]); err == nil || !strings.Contains(err.Error(), `partialCached "item": string is not a page`) {
		t.Errorf("a part given no page: %v", err)
	}
}
