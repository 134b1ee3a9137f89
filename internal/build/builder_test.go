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
	"sync/atomic"
	"testing"
	"time"

	"github.com/qingdan/qingdan/internal/publish"
)

// counting is an in-memory output folder that counts writes.
type counting struct {
	*publish.Memory
	writes atomic.Int64
}

func (c *counting) Write(name string, data []byte) error {
	c.writes.Add(1)
	return c.Memory.Write(name, data)
}

func fullBuild(t *testing.T, o Options) map[string][]byte {
	t.Helper()
	r := Check(o)
	if r.Site == nil {
		var b strings.Builder
		r.Diags.Print(&b, "en")
		t.Fatalf("full build fails:\n%s", b.String())
	}
	m := publish.NewMemory(nil)
	if _, err := (*Builder)(nil).Render(r, o, m); err != nil {
		t.Fatal(err)
	}
	return m.Files
}

// TestIncrementalEqualsFull edits a site in every way an editor does and
// checks, after each edit, that the builder's incremental rebuild leaves
// exactly the files a fresh full build makes: nothing stale, ever.
func TestIncrementalEqualsFull(t *testing.T) {
	src := fromTxtar(t, "testdata/golden/small.txtar")
	o := Options{Src: src}
	b := NewBuilder()
	out := &counting{Memory: publish.NewMemory(nil)}
	rebuild := func(step string) {
		t.Helper()
		r := b.Check(o)
		if r.Site == nil {
			var s strings.Builder
			r.Diags.Print(&s, "en")
			t.Fatalf("%s: incremental build fails:\n%s", step, s.String())
		}
		names, err := b.Render(r, o, out)
		if err != nil {
			t.Fatal(err)
		}
		out.KeepOnly(names)
		want := fullBuild(t, o)
		if !slices.Equal(slices.Sorted(maps.Keys(want)), slices.Sorted(maps.Keys(out.Files))) {
			t.Fatalf("%s: files differ:\nincremental %v\nfull        %v", step, slices.Sorted(maps.Keys(out.Files)), slices.Sorted(maps.Keys(want)))
		}
		for n, w := range want {
			if !bytes.Equal(w, out.Files[n]) {
				t.Errorf("%s: %s is stale", step, n)
			}
		}
	}
	write := func(name, body string) {
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
	all := out.writes.Load()
	edit("content/cases/tea.md", "统一收购", "统一收购和加工")
	out.writes.Store(0)
	rebuild("a body edit")
	// The article's page, the feeds (feed, sitemap, robots) and the manifest.
	if out.writes.Load() > 5 || all < 30 {
		t.Errorf("a body edit rewrote %d of %d files", out.writes.Load(), all)
	}
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
	os.Remove(filepath.Join(src, "content", "cases", "grid.md"))
	edit("content/cases/tea.md", "和[九宫格](case:grid)", "")
	rebuild("an article deleted")
	write("content/cases/tea.svg", `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50"/>`)
	rebuild("an image replaced")
	edit("qingdan.toml", `title = "小站"`, `title = "大站"`)
	rebuild("the config changed")
	write("static/images/new.svg", `<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>`)
	rebuild("a static file added")
	os.Remove(filepath.Join(src, "static", "images", "new.svg"))
	rebuild("a static file removed")
	write("layouts/404.html", `{{define "main"}}<p>没有这一页</p>{{end}}`)
	rebuild("a layout added")

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
	os.Remove(filepath.Join(src, "content", "cases", "new.md"))
	rebuild("the article it collided with deleted")
	if string(out.Files["cases/new/index.html"]) != "<p>mine</p>" {
		t.Error("the static file did not take the deleted article's place")
	}
	if strings.Contains(string(out.Files["index.html"]), "mine") {
		t.Error("a static file replaced the home page")
	}
	_ = time.Now
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
