package search_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/build"
	"github.com/qingdan/qingdan/internal/output/search"
	"github.com/qingdan/qingdan/internal/routes"
	"github.com/qingdan/qingdan/internal/view"
)

// demo is the view of the site in src (the demo by default) in style.
func demo(t *testing.T, src string, style routes.Style) *view.View {
	t.Helper()
	r := build.Check(build.Options{Src: src})
	if r.Site == nil {
		var b strings.Builder
		r.Diags.Print(&b, "en")
		t.Fatalf("%s has errors:\n%s", src, b.String())
	}
	return view.New(view.Input{Model: r.Site, Docs: r.Docs, Title: r.Config.Title, Lang: r.Config.Language, Style: style,
		CasesPer: 10, Columns: r.Config.Columns})
}

// files writes every file of the index.
func files(t *testing.T, v *view.View) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, f := range search.Files(v) {
		var b bytes.Buffer
		if err := f.Write(&b); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if _, dup := out[f.Name]; dup {
			t.Fatalf("%s twice", f.Name)
		}
		out[f.Name] = b.Bytes()
	}
	return out
}

// call reads a shard: the arguments of its qdSearch call.
func call(t *testing.T, name string, b []byte) []json.RawMessage {
	t.Helper()
	s, ok := strings.CutPrefix(string(b), "qdSearch(")
	s, ok2 := strings.CutSuffix(s, ");\n")
	var args []json.RawMessage
	if !ok || !ok2 || json.Unmarshal([]byte("["+s+"]"), &args) != nil {
		t.Fatalf("%s is not a call of qdSearch: %.80q", name, b)
	}
	return args
}

// The index's files: each a route that serve finds again; index.js names
// as many shards as there are, in both link styles; every result links a
// page of the site; the same view gives the same bytes.
func TestFiles(t *testing.T) {
	for _, style := range []routes.Style{routes.Dirs, routes.Files} {
		v := demo(t, "../../..", style)
		fs := files(t, v)
		var terms, docs int
		for name := range fs {
			switch r := routes.Match(name); r.Kind {
			case routes.SearchIndex:
			case routes.SearchTerms:
				terms++
			case routes.SearchDocs:
				docs++
			default:
				t.Errorf("%s matches %+v, not a search route", name, r)
			}
		}
		var boot struct {
			V string
			T string
			D string
			K [][4]any
			N int
			S []string
			M int
		}
		args := call(t, "search/index.js", fs["search/index.js"])
		if len(args) != 2 || json.Unmarshal(args[1], &boot) != nil {
			t.Fatalf("index.js: %s", fs["search/index.js"])
		}
		if boot.N != terms {
			t.Errorf("index.js counts %d term shards, there are %d", boot.N, terms)
		}
		wantT, wantD := "../search/t/*.js", "../search/d/*.js"
		if boot.T != wantT || boot.D != wantD || boot.M != 16 || len(boot.V) != 8 || len(boot.S) == 0 {
			t.Errorf("index.js: %+v", boot)
		}
		shards, pages := 0, 0
		for _, k := range boot.K {
			n, g := int(k[2].(float64)), int(k[3].(float64))
			pages += n
			shards += (n + g - 1) / g
		}
		if shards != docs || pages < 250 {
			t.Errorf("index.js counts %d pages in %d document shards; there are %d", pages, shards, docs)
		}
		// Every result leads to a page of the site.
		for name, b := range fs {
			if !strings.HasPrefix(name, "search/d/") {
				continue
			}
			var rows [][4]json.RawMessage
			if err := json.Unmarshal(call(t, name, b)[2], &rows); err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				var href string
				json.Unmarshal(r[1], &href)
				p, _, _ := strings.Cut(strings.TrimPrefix(href, "../"), "#")
				if style == routes.Files {
					if p, ok := strings.CutSuffix(p, "index.html"); !ok || strings.HasSuffix(href, "/") {
						t.Errorf("%s: %s links a folder in the files style", name, href)
					} else if _, ok := v.Page(routes.Match(p + "index.html")); !ok {
						t.Errorf("%s: %s leads to no page", name, href)
					}
					continue
				}
				if _, ok := v.Page(routes.Match(p + "index.html")); !strings.HasPrefix(href, "../") || !ok {
					t.Errorf("%s: %s leads to no page", name, href)
				}
			}
		}
		again := files(t, demo(t, "../../..", style))
		for name, b := range fs {
			if !bytes.Equal(again[name], b) {
				t.Errorf("%s differs between two builds", name)
			}
		}
	}
}

// Titles, names and text that would end a script or a string, or a line
// in JavaScript, stay data.
func TestHostile(t *testing.T) {
	src := t.TempDir()
	hostile := "</script><b>\"引号\"</b> \\ \u2028行\u2029 __f__ 茶园"
	for name, body := range map[string]string{
		"qingdan.toml":       "title = \"站\"\nas_of = 2022-06-30\n",
		"data/orgs.csv":      "id,name,type,parent,secretary\ncounty,\"" + strings.ReplaceAll(hostile, "\"", "\"\"") + "\",committee,,\"</script>\"\n",
		"data/projects.csv":  "id,org,title,owner,start,due,indicator,baseline,target\np1,county,\"茶园 </script>\",岩那,2022-01-01,2022-12-31,亩,0,10\n",
		"data/progress.csv":  "project,date,value\n",
		"data/tasks.csv":     "id,title,types,kind\n",
		"content/cases/a.md": "---\ntitle: '" + strings.ReplaceAll(hostile, "'", "''") + "'\ndate: 2022-06-01\n---\n\n" + hostile + "\n",
	} {
		p := filepath.Join(src, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fs := files(t, demo(t, src, routes.Dirs))
	found := 0
	for name, b := range fs {
		if bytes.ContainsAny(b, "\u2028\u2029") {
			t.Errorf("%s holds U+2028 or U+2029 as it is", name)
		}
		args := call(t, name, b)
		if !strings.HasPrefix(name, "search/d/") {
			continue
		}
		var rows [][4]any
		if err := json.Unmarshal(args[2], &rows); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, r := range rows {
			// The case keeps its line separators; the org's name, a data
			// cell, comes without them (load removes control characters).
			if title, _ := r[0].(string); strings.HasPrefix(title, `</script><b>"引号"</b> \`) && (strings.Contains(title, "\u2028行\u2029") || strings.Contains(title, `\ 行 __f__`)) {
				found++
			}
		}
	}
	if found != 2 {
		t.Errorf("the hostile title comes back %d times, want 2 (the case and the org)", found)
	}
	// The terms of the hostile text are found.
	var names []string
	for name := range fs {
		names = append(names, name)
	}
	slices.Sort(names)
	if !slices.ContainsFunc(names, func(n string) bool {
		return strings.HasPrefix(n, "search/t/") && bytes.Contains(fs[n], []byte("茶园"))
	}) {
		t.Error("no term shard holds 茶园")
	}
}

// Picture captions are searched as body text: a figure's caption, a
// picture's title, the alt text of a picture in an article's HTML. Words
// found only there (锦鲤, 白鹭, 湿地) are in the index, and the snippet
// text of the article holds the caption.
func TestCaptionsIndexed(t *testing.T) {
	src := t.TempDir()
	for name, body := range map[string]string{
		"qingdan.toml":      "title = \"站\"\nas_of = 2022-06-30\nunsafe_html = true\n",
		"data/orgs.csv":     "id,name,type\ncounty,县委,committee\n",
		"data/projects.csv": "id,org,title,owner,start,due,indicator,baseline,target\np1,county,项目,王,2022-01-01,2022-12-31,亩,0,10\n",
		"data/progress.csv": "project,date,value\n",
		"data/tasks.csv":    "id,title,types,kind\n",
		"content/cases/a/index.md": "---\ntitle: 池塘\ndate: 2022-06-01\n---\n\n正文一段。\n\n![荷花](pic.png \"锦鲤跃龙门\")\n\n" +
			"<figure><img src=\"pic.png\" alt=\"芦苇\"><figcaption>湿地里的白鹭</figcaption></figure>\n",
		"content/cases/a/pic.png": "\x89PNG\r\n\x1a\n",
	} {
		p := filepath.Join(src, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fs := files(t, demo(t, src, routes.Dirs))
	terms := map[string]bool{}
	for name, b := range fs {
		if strings.HasPrefix(name, "search/t/") {
			var list string
			if err := json.Unmarshal(call(t, name, b)[2], &list); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			for _, term := range strings.Fields(list) {
				terms[term] = true
			}
		}
	}
	for _, word := range []string{"正文", "锦鲤", "白鹭", "湿地", "芦苇", "荷花"} {
		if !terms[word] {
			t.Errorf("no term shard holds %s", word)
		}
	}
	snippet := false
	for name, b := range fs {
		if strings.HasPrefix(name, "search/d/") && bytes.Contains(b, []byte("锦鲤跃龙门")) && bytes.Contains(b, []byte("湿地里的白鹭")) {
			snippet = true
		}
	}
	if !snippet {
		t.Error("no document shard holds the captions for a snippet")
	}
}

// TestCores: the index's files are the same bytes however many cores make
// it (the demo's ~250 pages are one range on one core, several on more).
func TestCores(t *testing.T) {
	v := demo(t, "../../..", routes.Dirs)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	one := files(t, v)
	for _, n := range []int{2, 3, 4} {
		runtime.GOMAXPROCS(n)
		more := files(t, v)
		if len(more) != len(one) {
			t.Fatalf("%d cores: %d files, one core %d", n, len(more), len(one))
		}
		for name, b := range one {
			if !bytes.Equal(more[name], b) {
				t.Errorf("%d cores: %s differs from one core's", n, name)
			}
		}
	}
}

// A build calls each file's Done: after the last, the files let the index
// and the pages' text go (they are not kept while the pages are written);
// a file asked for after that (as serve would) is made again, the same.
func TestLetGo(t *testing.T) {
	files, holding := search.FilesHolding(demo(t, "../../..", routes.Dirs))
	made := map[string]string{}
	for i, f := range files {
		if !f.Early || !f.Peak || f.Done == nil {
			t.Fatalf("%s: not early, not peak, or no Done", f.Name)
		}
		var b bytes.Buffer
		if err := f.Write(&b); err != nil {
			t.Fatal(err)
		}
		made[f.Name] = b.String()
		if !holding() {
			t.Fatalf("let go after %d of %d files", i, len(files))
		}
		f.Done()
	}
	if holding() {
		t.Fatal("still held after every file was written")
	}
	for _, f := range slices.Backward(files) {
		var b bytes.Buffer
		if err := f.Write(&b); err != nil {
			t.Fatal(err)
		}
		if b.String() != made[f.Name] {
			t.Errorf("%s made again differs", f.Name)
		}
	}
	if !holding() {
		t.Error("made again, not held")
	}
}
