package build

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// fromTxtar writes an archive's files into a new folder.
func fromTxtar(t *testing.T, file string) string {
	t.Helper()
	a, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	s := site{}
	for _, f := range a.Files {
		s[f.Name] = string(f.Data)
	}
	return s.write(t)
}

// golden files are text; these are compared through manifest.sha256 only.
func goldenSkips(name string) bool {
	return strings.HasPrefix(name, "assets/vendor/") || strings.HasSuffix(name, ".xlsx")
}

// TestGoldenSite builds testdata/golden/small.txtar and compares every
// output file with testdata/golden/small.want.txtar.
func TestGoldenSite(t *testing.T) {
	got := buildOK(t, fromTxtar(t, "testdata/golden/small.txtar"), Options{})
	want := filepath.Join("testdata", "golden", "small.want.txtar")
	var names []string
	for n := range got {
		if !goldenSkips(n) {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	if *update {
		a := &txtar.Archive{Comment: []byte("Expected output of small.txtar; rewritten by go test -update.\n")}
		for _, n := range names {
			a.Files = append(a.Files, txtar.File{Name: n, Data: got[n]})
		}
		if err := os.WriteFile(want, txtar.Format(a), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	a, err := txtar.ParseFile(want)
	if err != nil {
		t.Fatal(err)
	}
	var wantNames []string
	for _, f := range a.Files {
		wantNames = append(wantNames, f.Name)
		if !bytes.Equal(f.Data, got[f.Name]) {
			t.Errorf("%s differs from the golden file (go test -update, then read the diff)", f.Name)
		}
	}
	if !slices.Equal(wantNames, names) {
		t.Errorf("output files %v, golden %v", names, wantNames)
	}
}

// The output layout SPEC promises.
func TestSpecOutputs(t *testing.T) {
	got := buildOK(t, fromTxtar(t, "testdata/golden/small.txtar"), Options{})
	for _, f := range []string{"index.html", "projects/index.html", "projects/tea/index.html", "orgs/index.html",
		"orgs/village/index.html", "sites/index.html", "cases/index.html", "cases/tea/index.html",
		"tags/index.html", "tasks/index.html", "search/index.html", "feed.xml", "sitemap.xml", "404.html",
		"robots.txt", "manifest.sha256", "about/index.html",
		"data/summary.json", "data/projects.json", "data/projects.csv", "data/orgs.json", "data/projects.xlsx"} {
		if _, ok := got[f]; !ok {
			t.Errorf("missing %s", f)
		}
	}
	for name := range got {
		for _, r := range name {
			if r > 127 {
				t.Errorf("output file name %q is not ASCII", name)
				break
			}
		}
	}
	if _, ok := got["tags/dang-jian-chan-ye/index.html"]; !ok {
		t.Error("tag 党建+产业 should be at tags/dang-jian-chan-ye/")
	}
	if !bytes.Contains(got["sitemap.xml"], []byte("<loc>https://example.org/dangjian/projects/tea/</loc>")) {
		t.Error("sitemap URLs are absolute under base_url")
	}
}

var linkAttr = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// TestLinksRelative: every link, script, style and image is relative, and in
// a files build every folder link ends in index.html.
func TestLinksRelative(t *testing.T) {
	src := fromTxtar(t, "testdata/golden/small.txtar")
	for _, files := range []bool{false, true} {
		got := buildOK(t, src, Options{Files: files})
		for name, body := range got {
			if !strings.HasSuffix(name, ".html") {
				continue
			}
			for _, m := range linkAttr.FindAllSubmatch(body, -1) {
				u := string(m[1])
				if strings.HasPrefix(u, "/") || strings.Contains(u, "://") || strings.HasPrefix(u, "//") {
					t.Errorf("%s: link %q is not relative", name, u)
				}
				// The file a link leads to: its path, without a fragment or
				// a query (a filter: projects/?status=overdue); a link of
				// only a query leads to the page itself.
				pathPart, _, _ := strings.Cut(u, "#")
				pathPart, _, query := strings.Cut(pathPart, "?")
				if files && (pathPart == "./" || strings.HasSuffix(pathPart, "/")) {
					t.Errorf("%s: files build link %q does not end in index.html", name, u)
				}
				target := filepath.ToSlash(filepath.Join(filepath.Dir(name), pathPart))
				switch {
				case pathPart == "" && query:
					target = name
				case strings.HasSuffix(pathPart, "/") || pathPart == "./":
					target += "/index.html"
				}
				target = strings.TrimPrefix(filepath.ToSlash(filepath.Clean(target)), "./")
				if _, ok := got[target]; !ok && u != "" && !strings.HasPrefix(u, "#") {
					t.Errorf("%s: link %q leads to %s, which is not in the output", name, u, target)
				}
			}
		}
	}
}

// TestHostileStrings puts strings that break naive pages into every user
// field and checks they come out as text: never as markup, never as script.
func TestHostileStrings(t *testing.T) {
	const evil = `</script><script>alert(1)</script>__f__"'&<b>` + "\u2028"
	q := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
	e := q(evil)
	s := site{
		"qingdan.toml":   "title = " + strings.ReplaceAll(strconvQuote(evil), "\u2028", `\u2028`) + "\nas_of = 2022-06-30\n",
		"data/orgs.csv":  "id,name,type,parent,secretary,members,area,demo,summary\nroot," + q("中共县委"+evil) + ",committee,," + q("书记"+evil) + ",1," + e + ",,\norg," + q("支部"+evil) + ",rural,root," + e + ",2," + e + ",县级," + e + "\n",
		"data/tasks.csv": "id,title,category,types,kind,description\nt1," + q("事项"+evil) + "," + e + ",rural,required," + e + "\n",
		"data/projects.csv": "id,org,task,title,category,owner,start,due,indicator,unit,baseline,target,summary\n" +
			"p1,org,t1," + q("项目"+evil) + "," + e + "," + e + ",2022-01-01,2022-12-31," + e + "," + e + ",0,10," + e + "\n",
		"data/progress.csv":     "project,date,value,note\np1,2022-03-31,4," + e + "\n",
		"content/cases/evil.md": "---\ntitle: " + strconvQuote(evil) + "\ndate: 2022-06-01\ntags: [" + strconvQuote(evil) + "]\nsummary: " + strconvQuote(evil) + "\norgs: [org]\n---\n正文 <script>alert(2)</script> " + evil + "\n",
	}
	src := s.write(t)
	out := filepath.Join(t.TempDir(), "public")
	r, err := Run(Options{Src: src, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	var msgs strings.Builder
	r.Diags.Print(&msgs, "en")
	// The body's raw HTML is dropped, text kept, with one warning; nothing else.
	if r.Diags.Errors() > 0 || !strings.HasPrefix(msgs.String(), "content/cases/evil.md:8:4: warning: raw HTML is not published") || r.Diags.Len() != 1 {
		t.Fatalf("the build reported:\n%s", msgs.String())
	}
	got := tree(t, out)
	for name, body := range got {
		if strings.HasPrefix(name, "search/") && strings.HasSuffix(name, ".js") {
			// The search index's scripts are calls with JSON arguments, loaded
			// as scripts, never inside a page: a string cannot leave its JSON.
			call := strings.TrimSuffix(strings.TrimSpace(string(body)), ";")
			args, ok := strings.CutPrefix(call, "qdSearch(")
			var v []any
			if !ok || json.Unmarshal([]byte("["+strings.TrimSuffix(args, ")")+"]"), &v) != nil {
				t.Errorf("%s is not a call with JSON arguments", name)
			}
			continue
		}
		if strings.HasPrefix(name, "assets/") || !(strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".js")) {
			continue
		}
		if bytes.Contains(body, []byte("<script>alert(")) {
			t.Errorf("%s: a user string became a script element", name)
		}
		if bytes.Contains(body, []byte("<b>")) {
			t.Errorf("%s: a user string became markup", name)
		}
		if bytes.Count(body, []byte("<script")) != bytes.Count(body, []byte("</script>")) {
			t.Errorf("%s: script elements are unbalanced", name)
		}
		// Inside every script element, no raw U+2028 and no way out of it.
		for _, m := range regexp.MustCompile(`(?s)<script[^>]*>(.*?)</script>`).FindAllSubmatch(body, -1) {
			if bytes.ContainsRune(m[1], '\u2028') {
				t.Errorf("%s: a raw U+2028 inside a script element", name)
			}
		}
	}
	// The chart options still carry the title exactly, as data.
	page := got["projects/p1/index.html"]
	m := regexp.MustCompile(`(?s)<script type="application/json" id="chart-project-options">(.*?)</script>`).FindSubmatch(page)
	if m == nil {
		t.Fatal("no chart options on the project page")
	}
	var opts map[string]any
	if err := json.Unmarshal(m[1], &opts); err != nil {
		t.Fatalf("chart options are not JSON: %v", err)
	}
	if !strings.Contains(string(page), "项目&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;__f__&#34;&#39;&amp;&lt;b&gt;") {
		t.Error("the title is not shown escaped on its page")
	}
}

func strconvQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// chartOptions returns the options of the chart with the given id on a page.
func chartOptions(t *testing.T, page []byte, id string) map[string]any {
	t.Helper()
	m := regexp.MustCompile(`(?s)<script type="application/json" id="` + id + `-options">(.*?)</script>`).FindSubmatch(page)
	if m == nil {
		t.Fatalf("no chart %s", id)
	}
	var o map[string]any
	if err := json.Unmarshal(m[1], &o); err != nil {
		t.Fatal(err)
	}
	if base, ok := o["baseOption"].(map[string]any); ok { // a chart with a narrow and a wide layout
		return base
	}
	return o
}

// TestChartsMatchOpenData: the demo's charts show the numbers of its open data.
func TestChartsMatchOpenData(t *testing.T) {
	got := buildOK(t, demo, Options{})
	var sum struct {
		Status   map[string]int
		OrgsByID map[string]struct{ Percent *float64 } `json:"orgs_by_id"`
	}
	if err := json.Unmarshal(got["data/summary.json"], &sum); err != nil {
		t.Fatal(err)
	}
	home := got["index.html"]
	pie := chartOptions(t, home, "chart-status")["series"].([]any)[0].(map[string]any)["data"].([]any)
	keys := []string{"done", "on_track", "behind", "overdue", "not_started"}
	for i, d := range pie {
		if v := d.(map[string]any)["value"].(float64); int(v) != sum.Status[keys[i]] {
			t.Errorf("status chart %s = %v, summary.json %d", keys[i], v, sum.Status[keys[i]])
		}
	}
	// Committee bars: names and values against orgs.json and summary.json.
	var orgs []struct{ ID, Name string }
	if err := json.Unmarshal(got["data/orgs.json"], &orgs); err != nil {
		t.Fatal(err)
	}
	idOf := map[string]string{}
	for _, o := range orgs {
		idOf[o.Name] = o.ID
	}
	bars := chartOptions(t, home, "chart-committees")["series"].([]any)[0].(map[string]any)["data"].([]any)
	if len(bars) < 10 {
		t.Fatalf("only %d committee bars", len(bars))
	}
	for _, b := range bars {
		bm := b.(map[string]any)
		id := idOf[bm["name"].(string)]
		want := sum.OrgsByID[id].Percent
		// Percentages are plotted as the tables print them: one decimal.
		if want == nil || fmt.Sprint(bm["value"]) != strconv.FormatFloat(math.Round(*want*1000)/10, 'f', 1, 64) {
			t.Errorf("committee %s bar %v, summary %v", id, bm["value"], want)
		}
	}
}

// TestLayoutOverride: a file in the site's layouts/ replaces the theme's
// file of the same name, partials included.
func TestLayoutOverride(t *testing.T) {
	src := fromTxtar(t, "testdata/golden/small.txtar")
	os.MkdirAll(filepath.Join(src, "layouts", "partials"), 0o755)
	os.WriteFile(filepath.Join(src, "layouts", "404.html"), []byte(`{{define "main"}}<p id="custom">自定义的404页面</p>{{end}}`), 0o644)
	os.WriteFile(filepath.Join(src, "layouts", "partials", "extra.html"), []byte(`{{define "badge"}}<b class="my-badge">{{status .}}</b>{{end}}`), 0o644)
	got := buildOK(t, src, Options{})
	if !bytes.Contains(got["404.html"], []byte(`<p id="custom">自定义的404页面</p>`)) {
		t.Error("layouts/404.html did not replace the theme's")
	}
	if !bytes.Contains(got["projects/tea/index.html"], []byte(`<b class="my-badge">已完成</b>`)) {
		t.Error("a partial in layouts/partials did not replace the theme's template")
	}
	if !bytes.Contains(got["index.html"], []byte(`class="masthead"`)) {
		t.Error("the theme's base layout should still be used")
	}
}

// TestLayoutErrors: a broken layout of the site's is reported at its file
// and line, like any other error, and nothing is written.
func TestLayoutErrors(t *testing.T) {
	for _, c := range []struct{ file, text, want string }{
		{"home.html", "{{define \"main\"}}\n<p>{{ .Nope }}</p>{{end}}", "layouts/home.html:2:6: executing \"main\" at <.Nope>: can't evaluate field Nope"},
		{"home.html", "{{define \"main\"}}\n\n{{ if }}{{end}}", "layouts/home.html:3: layout error: missing value for if"},
		{"partials/x.html", "{{define \"x\"}}{{ .A }", "layouts/partials/x.html:1: layout error: unexpected \"}\" in operand"},
		// One html/template cannot escape (an attribute ended in one
		// branch only): found by check too, not first by a page.
		{"home.html", "{{define \"main\"}}\n<a href=\"{{if .}}x\"{{end}}>{{end}}", "layouts/home.html:2:"},
	} {
		src := fromTxtar(t, "testdata/golden/small.txtar")
		p := filepath.Join(src, "layouts", filepath.FromSlash(c.file))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(c.text), 0o644)
		out := filepath.Join(t.TempDir(), "public")
		r, err := Run(Options{Src: src, Out: out})
		// A layout that does not parse, or that html/template cannot escape,
		// is found by check, with the other problems; one that fails on a
		// page, when the page is made.
		var got strings.Builder
		r.Diags.Print(&got, "en")
		if err != nil {
			got.WriteString(err.Error())
		}
		if !strings.HasPrefix(got.String(), c.want) {
			t.Errorf("%s: got %q, want it to start with %q", c.file, got.String(), c.want)
		}
		if c.want == "layouts/home.html:2:" && !strings.Contains(got.String(), "layout error: {{if}} branches end in different contexts") {
			t.Errorf("%s: got %q, want the escaping error", c.file, got.String())
		}
		if !strings.Contains(c.want, "executing") {
			var chk strings.Builder
			Check(Options{Src: src}).Diags.Print(&chk, "en")
			if !strings.HasPrefix(chk.String(), c.want) {
				t.Errorf("%s: check says %q, want %q", c.file, chk.String(), c.want)
			}
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("%s: output written", c.file)
		}
	}
}

// TestLayoutErrorOnce: an error every kind of page meets (in base.html,
// which html/template cannot escape) is reported once, not once a kind.
func TestLayoutErrorOnce(t *testing.T) {
	src := fromTxtar(t, "testdata/golden/small.txtar")
	base, err := os.ReadFile("../../themes/default/layouts/base.html")
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(base), "<body", `{{if .}}<a href="{{end}}x"><body`, 1)
	os.MkdirAll(filepath.Join(src, "layouts"), 0o755)
	os.WriteFile(filepath.Join(src, "layouts", "base.html"), []byte(broken), 0o644)
	var got strings.Builder
	Check(Options{Src: src}).Diags.Print(&got, "en")
	if n := strings.Count(got.String(), "layout error: {{if}} branches end in different contexts"); n != 1 {
		t.Errorf("the escaping error reported %d times:\n%s", n, got.String())
	}
	if !strings.HasPrefix(got.String(), "layouts/base.html:") {
		t.Errorf("not at base.html: %s", got.String())
	}
}

// TestSharePreview: each page says what it is about, and with a base_url a
// shared link previews with the page's own title, description, address
// and cover picture.
func TestSharePreview(t *testing.T) {
	src := fromTxtar(t, "testdata/golden/small.txtar")
	got := buildOK(t, src, Options{BaseURL: "https://example.org/dj/"})
	page := string(got["cases/tea/index.html"])
	for _, want := range []string{
		`<meta property="og:type" content="article">`,
		`<meta property="og:url" content="https://example.org/dj/cases/tea/">`,
		`<meta property="og:title" content="`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the case page lacks %s", want)
		}
	}
	desc := regexp.MustCompile(`<meta name="description" content="([^"]*)">`)
	home, tea := desc.FindStringSubmatch(string(got["index.html"])), desc.FindStringSubmatch(page)
	if home == nil || tea == nil || home[1] == tea[1] {
		t.Errorf("the case page's description is the site's: %v %v", home, tea)
	}
}
