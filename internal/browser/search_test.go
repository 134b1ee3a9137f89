package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/qingdan/qingdan/internal/output/search"
)

// searchCase is a query and the page (site-relative, as a folder) that must
// come among its first results.
type searchCase struct {
	query string
	want  string
	first int // want is among the first this many results
}

// demoSearches are the queries on the demo's content.
func demoSearches() []searchCase {
	return []searchCase{
		{"茶园", "cases/dongmeng-tea/", 3},         // the body says 茶园 five times; the title not once
		{"文苑", "orgs/wenyuan/", 1},               // 文苑社区党总支, a demonstration site
		{"东勐茶园", "cases/dongmeng-tea/", 3},       // typed without a space
		{"岩那", "projects/dm-chayuan1/", 3},       // the owner of the tea-garden projects
		{"红色物业", "cases/jinbimengyuan-wuye/", 3}, // the 金碧梦苑 article
		{"1239", "cases/jinbimengyuan-wuye/", 3}, // 1239 homes, in its body
	}
}

// TestSearch types the queries into the demo's search page, served
// under a sub-path and opened from disk (a Files build), and checks which
// pages come first, that the pages holding the whole of 东勐茶园 come
// before those holding a part, the count and the "nothing found" message
// with suggestions, the address kept as one types, a malformed escape in
// it, the keyboard, and the masthead's search box on another page.
func TestSearch(t *testing.T) {
	t.Parallel()
	served := buildDemo(t, false)
	files, err := filepath.Abs(buildDemo(t, true))
	if err != nil {
		t.Fatal(err)
	}
	browserContext(t)
	for _, site := range []struct {
		name, out, base string
	}{
		{"http /dangjian/", served, serveSite(t, served, "/dangjian/")},
		{"file://", files, (&url.URL{Scheme: "file", Path: filepath.ToSlash(files) + "/"}).String()},
	} {
		t.Run(site.name, func(t *testing.T) {
			t.Parallel()
			texts := docTexts(t, site.out)
			page := site.base + "search/index.html"
			rep := loadPage(t, page, phone, loadOptions{act: func(ctx context.Context) error {
				for _, c := range demoSearches() {
					st, err := query(ctx, c.query)
					if err != nil {
						return err
					}
					rel := st.rel(site.base)
					if i := slices.Index(rel, c.want); i < 0 || i >= c.first {
						t.Errorf("%s: %s is not among the first %d results: %q", c.query, c.want, c.first, rel)
					}
					if !regexp.MustCompile(`^找到 \d+ 条结果$`).MatchString(st.Count) {
						t.Errorf("%s: the count says %q", c.query, st.Count)
					}
					if c.query == "东勐茶园" {
						for _, g := range st.Groups {
							wholeFirst(t, relTo(site.base, g), texts, "东勐", "茶园")
						}
					}
					if c.query == "茶园" && !strings.Contains(st.Marks, "茶园") {
						t.Errorf("茶园: nothing marked in the results: %q", st.Marks)
					}
				}
				return nil
			}})
			for _, s := range append(rep.problems(), errString(rep.ActErr)...) {
				t.Error(s)
			}

			// Quotes, kinds, nothing found, the address, the keyboard.
			rep = loadPage(t, page, phone, loadOptions{act: func(ctx context.Context) error {
				// A quoted phrase: only the pages that hold it as it is. No
				// page holds 东勐茶园 (the tea article has 东勐村 and 茶园
				// apart): nothing found, and the query without its quotes
				// is suggested.
				st, err := query(ctx, `“红色物业”`)
				if err != nil {
					return err
				}
				for _, r := range st.rel(site.base) {
					if !strings.Contains(texts[r], "红色物业") {
						t.Errorf(`“红色物业”: %s does not hold 红色物业`, r)
					}
				}
				if len(st.Results) < 3 {
					t.Errorf(`“红色物业”: %q`, st.Results)
				}
				if st, err = query(ctx, `"东勐茶园"`); err != nil {
					return err
				}
				if len(st.Results) > 0 || !strings.HasPrefix(st.Count, "没有找到") || !strings.HasPrefix(st.Help, "试试：东勐茶园 · ") {
					t.Errorf(`"东勐茶园": %q, %q, %q`, st.Results, st.Count, st.Help)
				}
				// The kinds with their counts; one kind alone.
				if st, err = query(ctx, "红色物业"); err != nil {
					return err
				}
				var bar []string
				if bar, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](
					`Array.from(document.querySelectorAll('#search-kinds button'), (b) => b.textContent)`)); err != nil {
					return err
				}
				total, sum := 0, 0
				for i, b := range bar {
					var n int
					if _, err := fmt.Sscanf(b[strings.LastIndexByte(b, ' ')+1:], "%d", &n); err != nil {
						t.Errorf("the kind button %q has no count", b)
					}
					if i == 0 {
						total = n
					} else {
						sum += n
					}
				}
				if want := "找到 " + strconv.Itoa(total) + " 条结果"; len(bar) < 3 || total != sum || st.Count != want {
					t.Errorf("红色物业: kinds %q (sum %d), count %q", bar, sum, st.Count)
				}
				if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](
					`Array.from(document.querySelectorAll('#search-kinds button')).find((b) => b.textContent.startsWith('项目')).click()`)); err != nil {
					return err
				}
				var projects []string
				for deadline := time.Now().Add(searchWait); time.Now().Before(deadline); time.Sleep(pollEvery) {
					st, err = chromedp.Run(ctx, chromedp.Evaluate[searchState](searchStateJS))
					if projects = st.rel(site.base); err == nil && len(st.Groups) == 1 {
						break
					}
				}
				for _, r := range projects {
					if !strings.HasPrefix(r, "projects/") {
						t.Errorf("红色物业, projects only: %s", r)
					}
				}
				if len(projects) < 2 || !strings.Contains(st.URL, "k=project") {
					t.Errorf("红色物业, projects only: %q at %s", projects, st.URL)
				}
				// Nothing found: the message and suggestions.
				if st, err = query(ctx, "zzqx 无此词语"); err != nil {
					return err
				}
				if len(st.Results) > 0 || !strings.HasPrefix(st.Count, "没有找到与“zzqx 无此词语”相关的结果") || !strings.Contains(st.Help, "试试") {
					t.Errorf("a query that matches nothing: %d results, count %q, help %q", len(st.Results), st.Count, st.Help)
				}
				// The address keeps the query (a file:// page may not change it).
				if u, err := url.Parse(st.URL); err != nil || (u.Scheme != "file" && u.Query().Get("q") != "zzqx 无此词语") {
					t.Errorf("the address %s does not keep the query", st.URL)
				}
				// The keyboard: ArrowDown from the box to the first result.
				if _, err := query(ctx, "文苑"); err != nil {
					return err
				}
				if err := chromedp.Do(ctx, chromedp.Focus(chromedp.ID("q")), chromedp.KeyEvent(kb.ArrowDown)); err != nil {
					return err
				}
				focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.getAttribute('href') || ''`))
				if err != nil {
					return err
				}
				if !strings.Contains(focused, "orgs/wenyuan/") {
					t.Errorf("ArrowDown in the box focuses %q, want the first result", focused)
				}
				return nil
			}})
			for _, s := range append(rep.problems(), errString(rep.ActErr)...) {
				t.Error(s)
			}

			// ?q= in the address is searched on load; a malformed escape
			// stays as written.
			var st searchState
			rep = loadPage(t, page+"?q=%E8%8C%B6%E5%9B%AD%ZZ", desktop, loadOptions{act: func(ctx context.Context) (err error) {
				st, err = waitResults(ctx, "茶园%ZZ")
				return err
			}})
			for _, s := range append(rep.problems(), errString(rep.ActErr)...) {
				t.Error(s)
			}
			if len(st.Results) == 0 {
				t.Errorf("?q=%%E8%%8C%%B6%%E5%%9B%%AD%%ZZ: no results")
			}

			// The masthead's box on a case page: a plain form to the
			// search page, which searches on arrival.
			rep = loadPage(t, site.base+"cases/index.html", phone, loadOptions{act: func(ctx context.Context) (err error) {
				if err := chromedp.Do(ctx, chromedp.Focus(chromedp.ID("site-q")), insertText("红色物业"), chromedp.KeyEvent("\r")); err != nil {
					return err
				}
				st, err = waitResults(ctx, "红色物业")
				return err
			}})
			for _, s := range append(rep.problems(), errString(rep.ActErr)...) {
				t.Error(s)
			}
			if rel := st.rel(site.base); !slices.Contains(rel[:min(3, len(rel))], "cases/jinbimengyuan-wuye/") {
				t.Errorf("the masthead's box: 红色物业 gives %q", rel)
			}
		})
	}
}

// searchState is what the search page shows.
type searchState struct {
	Count   string     `json:"count"`
	Results []string   `json:"results"` // the results' links, resolved, in order
	Groups  [][]string `json:"groups"`  // the same by group: the best, then each kind
	Marks   string     `json:"marks"`   // the marked text, joined by |
	Help    string     `json:"help"`
	MS      string     `json:"ms"` // the time the query took, as the page measured it
	URL     string     `json:"url"`
}

// rel is the results' links below base, as folders.
func (s searchState) rel(base string) []string { return relTo(base, s.Results) }

func relTo(base string, links []string) []string {
	var rel []string
	for _, h := range links {
		r := strings.TrimPrefix(h, base)
		r = strings.TrimSuffix(r, "index.html")
		rel = append(rel, r)
	}
	return rel
}

const searchStateJS = `(() => {
  const out = document.getElementById('search-results');
  if (!out || document.readyState === 'loading') return {};
  return {
    q: out.getAttribute('data-q'),
    count: document.getElementById('search-count').textContent,
    results: Array.from(out.querySelectorAll('.search-hit > a'), (a) => a.href),
    groups: Array.from(out.querySelectorAll('.search-group'), (g) => Array.from(g.querySelectorAll('.search-hit > a'), (a) => a.href)),
    marks: Array.from(out.querySelectorAll('mark'), (m) => m.textContent).join('|'),
    help: document.getElementById('search-help').textContent,
    ms: out.getAttribute('data-ms') || '',
    url: location.href,
  };
})()`

// query types q into the search page's emptied box, as an input method
// commits text, and waits for its results.
func query(ctx context.Context, q string) (searchState, error) {
	if err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`document.getElementById('q').value = ''`),
		chromedp.Focus(chromedp.ID("q")), insertText(q)); err != nil {
		return searchState{}, fmt.Errorf("typing %q: %v", q, err)
	}
	return waitResults(ctx, q)
}

func insertText(s string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, input.InsertText, input.InsertTextParams{Text: s})
		return err
	})
}

// searchWait is how long a query may take to show, its shards loaded: a
// ceiling, polled, for a loaded machine.
const searchWait = 20 * time.Second

// waitResults waits until the page shows the results of q.
func waitResults(ctx context.Context, q string) (searchState, error) {
	type state struct {
		searchState
		Q string `json:"q"`
	}
	var st state
	var err error
	for deadline := time.Now().Add(searchWait); ; time.Sleep(pollEvery) {
		st, err = chromedp.Run(ctx, chromedp.Evaluate[state](searchStateJS))
		if err == nil && st.Q == q && st.Count != "" && !strings.Contains(st.Count, "载入") {
			return st.searchState, nil
		}
		// An error is retried until the deadline: a query sent from the
		// masthead's box navigates to the search page, and a look taken
		// while it does fails ("Inspected target navigated or closed").
		if time.Now().After(deadline) {
			return st.searchState, fmt.Errorf("searching for %q: no results within %v (the page shows %+v, %v)", q, searchWait, st, err)
		}
	}
}

// docTexts reads the document shards of the site in out: each page's
// title, names and text, folded, by its link from the search page as a
// site-relative folder.
func docTexts(t *testing.T, out string) map[string]string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(out, "search", "d", "*.js"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no document shards in %s/search/d: %v", out, err)
	}
	texts := map[string]string{}
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		// The shard is a call: read its arguments as an array.
		var args []json.RawMessage
		call, ok := strings.CutPrefix(strings.TrimSpace(string(b)), "qdSearch(")
		if call, ok2 := strings.CutSuffix(call, ");"); !ok || !ok2 || json.Unmarshal([]byte("["+call+"]"), &args) != nil || len(args) != 3 {
			t.Fatalf("%s: not a document shard", name)
		}
		var rows [][4]json.RawMessage
		if err := json.Unmarshal(args[2], &rows); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, r := range rows {
			var title, href, meta string
			var text []string
			json.Unmarshal(r[0], &title)
			json.Unmarshal(r[1], &href)
			json.Unmarshal(r[2], &meta)
			json.Unmarshal(r[3], &text)
			href = strings.TrimSuffix(strings.TrimPrefix(href, "../"), "index.html")
			texts[href] = search.Folded(title + "\n" + meta + "\n" + strings.Join(text, "\n"))
		}
	}
	return texts
}

// wholeFirst checks that the results (of a group) holding every part come
// before those holding only some.
func wholeFirst(t *testing.T, rel []string, texts map[string]string, parts ...string) {
	t.Helper()
	some := -1
	for i, r := range rel {
		all := true
		for _, p := range parts {
			all = all && strings.Contains(texts[r], p)
		}
		if !all && some < 0 {
			some = i
		}
		if all && some >= 0 {
			t.Errorf("%s holds %q but comes after %s, which does not: %q", r, parts, rel[some], rel)
			return
		}
	}
}

func errString(err error) []string {
	if err == nil {
		return nil
	}
	return []string{err.Error()}
}
