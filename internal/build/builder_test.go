package build

import (
	"bytes"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/publish"
)

// files makes every file of the site r checked, as serve makes each on
// request, manifest included.
func files(t *testing.T, r *Result, o Options) map[string][]byte {
	t.Helper()
	if r.Site == nil {
		var b strings.Builder
		r.Diags.Print(&b, "en")
		t.Fatalf("the build fails:\n%s", b.String())
	}
	site, err := r.Output(o)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, n := range site.Names() {
		f, _ := site.File(n)
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		out[n] = buf.Bytes()
	}
	sums, err := site.Sums()
	if err != nil {
		t.Fatal(err)
	}
	out[publish.Marker] = publish.Manifest(sums)
	return out
}

// TestCachedEqualsFull edits a site in every way an editor does and checks,
// after each edit, that what the builder's caches give (what qingdan serve
// renders) is exactly what a fresh full build makes: nothing stale, ever.
func TestCachedEqualsFull(t *testing.T) {
	src := fromTxtar(t, "testdata/golden/small.txtar")
	o := Options{Src: src}
	b := NewBuilder()
	// told is a second builder told, before each check, exactly which files
	// changed, as serve's file events tell it.
	told := NewBuilder()
	var touched []string
	var served map[string][]byte
	rebuild := func(step string) {
		t.Helper()
		served = files(t, b.Check(o), o)
		told.Changed(src, touched, false)
		touched = nil
		fromEvents := files(t, told.Check(o), o)
		want := files(t, Check(o), o)
		for n, w := range want {
			if !bytes.Equal(w, fromEvents[n]) {
				t.Errorf("%s: %s is stale when told what changed", step, n)
			}
		}
		if len(fromEvents) != len(want) {
			t.Errorf("%s: told what changed, %d files; a full build has %d", step, len(fromEvents), len(want))
		}
		if !slices.Equal(slices.Sorted(maps.Keys(want)), slices.Sorted(maps.Keys(served))) {
			t.Fatalf("%s: files differ:\ncached %v\nfull   %v", step, slices.Sorted(maps.Keys(served)), slices.Sorted(maps.Keys(want)))
		}
		for n, w := range want {
			if !bytes.Equal(w, served[n]) {
				t.Errorf("%s: %s is stale", step, n)
			}
		}
	}
	write := func(name, body string) {
		touched = append(touched, name)
		p := filepath.Join(src, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	edit := func(name, old, new string) {
		s := read(name)
		if !strings.Contains(s, old) {
			t.Fatalf("%s has no %q", name, old)
		}
		write(name, strings.Replace(s, old, new, 1))
	}
	rebuild("first build")
	edit("content/cases/tea.md", "统一收购", "统一收购和加工")
	rebuild("a body edit")
	edit("content/cases/tea.md", "title: 茶园里的支部", "title: 茶山上的支部")
	rebuild("a title edit")
	edit("content/cases/grid.md", `tags = ["基层治理", "乡村振兴"]`, `tags = ["基层治理"]`)
	rebuild("a tag removed")
	write("content/cases/new/../new.md", "---\ntitle: 新文章\ndate: 2022-06-25\norgs: [street]\ntags: [新标签]\n---\n新的正文，见[茶园](case:tea)。\n")
	rebuild("an article added")
	edit("data/progress.csv", "meet,2022-06-30,2,", "meet,2022-06-30,12,")
	rebuild("a reading changed")
	edit("content/sites/village.md", "示范点介绍正文。", "示范点介绍正文，有了新内容。")
	rebuild("a write-up body edit")
	edit("content/pages/about.md", "title: 关于本站", "title: 关于")
	rebuild("a page title edit")
	remove := func(name string) {
		touched = append(touched, name)
		os.Remove(filepath.Join(src, filepath.FromSlash(name)))
	}
	remove("content/cases/grid.md")
	edit("content/cases/tea.md", "和[九宫格](case:grid)", "")
	rebuild("an article deleted")
	write("content/cases/tea.svg", `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50"/>`)
	rebuild("an image replaced")
	edit("qingdan.toml", `title = "小站"`, `title = "大站"`)
	rebuild("the config changed")
	write("content/cases/raw.md", "---\ntitle: 原始 HTML\ndate: 2022-06-02\n---\n正文<b>加粗</b>。\n")
	rebuild("an article with raw HTML")
	edit("qingdan.toml", `title = "大站"`, "title = \"大站\"\nunsafe_html = true")
	rebuild("raw HTML allowed in the config")
	remove("content/cases/raw.md")
	rebuild("the article with raw HTML removed")
	write("static/images/new.svg", `<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>`)
	rebuild("a static file added")
	remove("static/images/new.svg")
	rebuild("a static file removed")
	write("layouts/404.html", `{{define "main"}}<p>没有这一页</p>{{end}}`)
	rebuild("a layout added")

	// A layout that reads another document: every project page shows the
	// title of a case, and stays fresh when that case's title changes.
	write("layouts/project.html", `{{define "main"}}<h1>{{.Title}}</h1><p class="see">{{range .Site.Docs.Cases}}{{if eq .Slug "tea"}}{{.Title}}{{end}}{{end}}</p>{{end}}`)
	rebuild("a layout that reads a case")
	edit("content/cases/tea.md", "title: 茶山上的支部", "title: 茶山上的党支部")
	rebuild("the case that layout reads retitled")
	for n, b := range served {
		if strings.HasPrefix(n, "projects/") && strings.Count(n, "/") == 2 && !strings.Contains(string(b), `<p class="see">茶山上的党支部</p>`) {
			t.Errorf("%s keeps a stale title", n)
		}
	}

	// Random body and title edits, with the same file rewritten within one
	// clock tick, must never leave anything stale.
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 8 {
		if rng.IntN(2) == 0 {
			edit("content/cases/tea.md", "。", fmt.Sprintf("。第%d次。", i))
		} else {
			s := read("content/cases/new.md")
			write("content/cases/new.md", strings.Replace(s, "title: 新文章", fmt.Sprintf("title: 新文章%d", i), 1))
		}
		rebuild(fmt.Sprintf("random edit %d", i))
	}

	// A static file never replaces a generated one, and is copied again
	// once the page it collided with is gone.
	write("static/index.html", "<p>mine</p>")
	rebuild("a static file named like the home page")
	write("static/cases/new/index.html", "<p>mine</p>")
	rebuild("a static file named like an article's page")
	write("static/index.html", "<p>mine, edited</p>")
	rebuild("that static file edited")
	remove("content/cases/new.md")
	rebuild("the article it collided with deleted")
	if string(served["cases/new/index.html"]) != "<p>mine</p>" {
		t.Error("the static file did not take the deleted article's place")
	}
	// Told that nothing changed, the builder does not look at the files at
	// all (what makes serve fast on a large site): an edit it is not told
	// of stays unseen until it is.
	before := files(t, told.Check(o), o)["cases/tea/index.html"]
	p := filepath.Join(src, "content", "cases", "tea.md")
	body, _ := os.ReadFile(p)
	os.WriteFile(p, append(body, "\n\n未告知的修改。\n"...), 0o644)
	told.Changed(src, nil, false)
	if got := files(t, told.Check(o), o)["cases/tea/index.html"]; !bytes.Equal(got, before) {
		t.Error("a builder told that nothing changed looked at the files anyway")
	}
	told.Changed(src, []string{p}, false)
	if got := files(t, told.Check(o), o)["cases/tea/index.html"]; !strings.Contains(string(got), "未告知的修改") {
		t.Error("a builder told of an edit by its absolute path did not see it")
	}
	if strings.Contains(string(served["index.html"]), "mine") {
		t.Error("a static file replaced the home page")
	}
}

// TestStaticShadowed warns about each static file named like a generated
// file, which is left out of the build.
func TestStaticShadowed(t *testing.T) {
	src := fromTxtar(t, "testdata/golden/small.txtar")
	for _, name := range []string{"index.html", "data/summary.json", "feed.xml", "cases/tea/index.html", "images/ok.svg"} {
		p := filepath.Join(src, "static", filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("mine"), 0o644)
	}
	out := filepath.Join(t.TempDir(), "public")
	r, err := Run(Options{Src: src, Out: out})
	if err != nil || r.Diags.Errors() > 0 {
		t.Fatal(err, r.Diags.Errors())
	}
	var b strings.Builder
	r.Diags.Print(&b, "en")
	for _, name := range []string{"index.html", "data/summary.json", "feed.xml", "cases/tea/index.html"} {
		want := fmt.Sprintf("static/%s: warning: has the same name as the generated file %s", name, name)
		if !strings.Contains(b.String(), want) {
			t.Errorf("no warning %q in:\n%s", want, b.String())
		}
		if got, _ := os.ReadFile(filepath.Join(out, filepath.FromSlash(name))); string(got) == "mine" {
			t.Errorf("%s is the static file", name)
		}
	}
	if strings.Contains(b.String(), "ok.svg") {
		t.Error("a static file with a name of its own is warned about")
	}
	if got, _ := os.ReadFile(filepath.Join(out, "images", "ok.svg")); string(got) != "mine" {
		t.Error("a static file with a name of its own is not copied")
	}
}

// TestCachedReadings: while only the progress file changes, serve's builder
// reads the readings again onto the records it kept; whatever the edit (a
// reading corrected, a bad one, a second on the same day, one for a project
// that is not there, the file removed and back, then the records changed
// too), its messages and its site are a full check's.
func TestCachedReadings(t *testing.T) {
	for _, told := range []bool{false, true} {
		t.Run(fmt.Sprintf("told %v", told), func(t *testing.T) { cachedReadings(t, told) })
	}
}

// cachedReadings is TestCachedReadings, the builder told by file events
// which file changed, or not.
func cachedReadings(t *testing.T, told bool) {
	src := fromTxtar(t, "testdata/golden/small.txtar")
	o := Options{Src: src}
	b := NewBuilder()
	prog := filepath.Join(src, "data", "progress.csv")
	orig, err := os.ReadFile(prog)
	if err != nil {
		t.Fatal(err)
	}
	text := func(r *Result) string {
		var s strings.Builder
		r.Diags.Print(&s, "en")
		return s.String()
	}
	for _, step := range []struct{ name, file, old, new string }{
		{"first", "", "", ""},
		{"a reading corrected", "data/progress.csv", "meet,2022-06-30,2,", "meet,2022-06-30,5,"},
		{"a reading not a number", "data/progress.csv", "meet,2022-06-30,5,", "meet,2022-06-30,五,"},
		{"two readings a day", "data/progress.csv", "meet,2022-06-30,五,", "meet,2022-06-30,5,\nmeet,2022-06-30,6,"},
		{"a project that is not there", "data/progress.csv", "meet,2022-06-30,6,", "meat,2022-05-31,6,"},
		{"fixed", "data/progress.csv", "meat,2022-05-31,6,", "meet,2022-05-31,6,"},
		{"removed", "data/progress.csv", "", ""},
		{"back", "data/progress.csv", "", string(orig)},
		{"a project retitled", "data/projects.csv", "三会一课,组织生活", "三会一课制度,组织生活"},
		{"a reading after that", "data/progress.csv", "meet,2022-06-30,2,", "meet,2022-06-30,3,"},
		{"a project's target", "data/projects.csv", "开会次数,次,0,12,", "开会次数,次,0,24,"},
	} {
		p := filepath.Join(src, filepath.FromSlash(step.file))
		switch {
		case step.name == "removed":
			os.Remove(p)
		case step.name == "back":
			os.WriteFile(p, []byte(step.new), 0o644)
		case step.file != "":
			s, _ := os.ReadFile(p)
			if !strings.Contains(string(s), step.old) {
				t.Fatalf("%s: %s has no %q", step.name, step.file, step.old)
			}
			os.WriteFile(p, []byte(strings.Replace(string(s), step.old, step.new, 1)), 0o644)
		}
		if told && step.file != "" {
			b.Changed(src, []string{step.file}, false)
		}
		cached, full := b.Check(o), Check(o)
		if got, want := text(cached), text(full); got != want {
			t.Errorf("%s: messages\n%s\nwant (a full check)\n%s", step.name, got, want)
		}
		if (cached.Site == nil) != (full.Site == nil) {
			t.Fatalf("%s: cached site %v, full %v", step.name, cached.Site != nil, full.Site != nil)
		}
		if full.Site == nil {
			continue
		}
		got, want := files(t, cached, o), files(t, full, o)
		for n, w := range want {
			if !bytes.Equal(w, got[n]) {
				t.Errorf("%s: %s differs from a full build's", step.name, n)
			}
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d files, a full build %d", step.name, len(got), len(want))
		}
	}
}
