package page_test

import (
	"bytes"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/qingdan/qingdan/internal/build"
	"github.com/qingdan/qingdan/internal/output/page"
	"github.com/qingdan/qingdan/internal/routes"
	"github.com/qingdan/qingdan/internal/view"
	"github.com/qingdan/qingdan/themes"
)

const site = "../../build/testdata/golden/csv/src"

// check loads the golden csv site and makes its view in style.
func check(t *testing.T, style routes.Style) (*build.Result, *view.View) {
	t.Helper()
	r := build.Check(build.Options{Src: site})
	if r.Site == nil {
		var b strings.Builder
		r.Diags.Print(&b, "en")
		t.Fatalf("the site has errors:\n%s", b.String())
	}
	v := view.New(view.Input{Model: r.Site, Docs: r.Docs, Title: r.Config.Title, Lang: r.Config.Language, Style: style, CasesPer: 10})
	return r, v
}

// Every page renders, its links resolve in both styles, and a case's body
// has its charts and its links to orgs relative to its own page.
func TestRender(t *testing.T) {
	for _, style := range []routes.Style{routes.Dirs, routes.Files} {
		r, v := check(t, style)
		b, err := r.Pages.For(v)
		if err != nil {
			t.Fatal(err)
		}
		pages := v.Pages()
		if len(pages) < 20 {
			t.Fatalf("only %d pages", len(pages))
		}
		for _, p := range pages {
			out, err := b.RenderBytes(p)
			if err != nil {
				t.Fatalf("%s: %v", p.Out(), err)
			}
			if !bytes.HasPrefix(out, []byte("<!DOCTYPE html>")) || !bytes.Contains(out, []byte("</html>")) {
				t.Fatalf("%s is not a whole page", p.Out())
			}
			if style == routes.Files && bytes.Contains(out, []byte(`href="../../orgs/liushu/"`)) {
				t.Errorf("%s links a folder in files style", p.Out())
			}
		}
		var c *view.Page
		for _, p := range pages {
			if p.Kind == "case" && p.Doc.Slug == "liushu-xianggu" {
				c = p
			}
		}
		if c == nil {
			t.Fatal("no page for the case liushu-xianggu")
		}
		out, _ := b.RenderBytes(c)
		wantLink := `href="../../orgs/liushu/"`
		if style == routes.Files {
			wantLink = `href="../../orgs/liushu/index.html"`
		}
		if !bytes.Contains(out, []byte(wantLink)) {
			t.Errorf("the case does not link %s", wantLink)
		}
		if !bytes.Contains(out, []byte(`data-chart="`)) || !bytes.Contains(out, []byte(`id="chart-embed-1"`)) {
			t.Error("the case's embedded chart is missing")
		}
	}
}

// A layout that links to a kind of page that does not exist fails at its
// file and line, naming the function as the layout calls it; so does one
// that does not parse.
func TestLayoutErrors(t *testing.T) {
	_, v := check(t, routes.Dirs)
	theme := themeFS(t)
	local := fstest.MapFS{"home.html": {Data: []byte("{{define \"main\"}}\n<a href=\"{{url . \"nope\"}}\">x</a>{{end}}")}}
	_, err := bind(t, theme, local, v).RenderBytes(v.Pages()[0])
	var le *page.Error
	if !errors.As(err, &le) || le.Pos.File != "layouts/home.html" || le.Pos.Line != 2 || !strings.Contains(le.Msg, `no kind of page "nope"`) {
		t.Fatalf("got %v", err)
	}
	// The call is fused with its escaping; the error names it as written.
	if !strings.Contains(le.Msg, `<url . "nope">`) || !strings.Contains(le.Msg, "error calling url:") || strings.Contains(le.Msg, "qingdan") {
		t.Fatalf("a failing url named otherwise: %v", err)
	}
	broken := fstest.MapFS{"home.html": {Data: []byte("{{define \"main\"}}\n\n{{end}")}}
	if _, err := page.Load(theme, broken, "zh-CN"); !errors.As(err, &le) || le.Pos.Line != 3 {
		t.Fatalf("a broken layout: %v", err)
	}
}

// bind loads the layouts of local over theme and binds them to v.
func bind(t *testing.T, theme, local fs.FS, v *view.View) *page.Bound {
	t.Helper()
	set, err := page.Load(theme, local, "zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	b, err := set.For(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// themeFS is the built-in theme's layouts, with every page kind's own
// layout empty but home's.
func themeFS(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	for _, name := range []string{"base.html", "home.html", "partials/bits.html", "partials/chart.html", "partials/picture.html", "partials/head.html", "partials/header.html", "partials/footer.html"} {
		b, err := themes.Default.ReadFile("default/layouts/" + name)
		if err != nil {
			t.Fatal(err)
		}
		m["layouts/"+name] = &fstest.MapFile{Data: b}
	}
	for _, k := range page.Kinds() {
		if _, ok := m["layouts/"+k+".html"]; !ok {
			m["layouts/"+k+".html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{end}}`)}
		}
	}
	return m
}

// partialCached renders a part once per key and folder depth: pages of
// one kind at one depth share it, a page at another depth gets its own
// relative links, another variant its own part; a part that fails fails
// the page at its layout's line.
func TestPartialCached(t *testing.T) {
	_, v := check(t, routes.Dirs)
	theme := themeFS(t)
	local := fstest.MapFS{
		"base.html":            {Data: []byte(`{{partialCached "nav" . .Kind}}|{{.Title}}`)},
		"partials/nav.html":    {Data: []byte(`{{define "nav"}}<a href="{{url . "orgs"}}">{{.Kind}}</a>{{end}}`)},
		"partials/broken.html": {Data: []byte("{{define \"broken\"}}\n{{url . \"nope\"}}{{end}}")},
		"partials/calls.html":  {Data: []byte(`{{define "calls"}}{{partialCached "broken" .}}{{end}}`)},
	}
	b := bind(t, theme, local, v)
	want := map[routes.Route]string{
		routes.To(routes.Home, ""):                    `<a href="orgs/">home</a>|`,
		routes.To(routes.Project, "qh-lunxun"):        `<a href="../../orgs/">project</a>|`,
		routes.To(routes.Project, "ls-xianggu"):       `<a href="../../orgs/">project</a>|`,
		routes.To(routes.Org, "liushu"):               `<a href="../../orgs/">org</a>|`,
		routes.Paged(routes.StatusList, "overdue", 1): `<a href="../../../orgs/">projects</a>|`,
		routes.Paged(routes.Projects, "", 1):          `<a href="../orgs/">projects</a>|`,
	}
	for _, r := range []routes.Route{routes.To(routes.Home, ""), routes.To(routes.Project, "qh-lunxun"), routes.To(routes.Project, "ls-xianggu"),
		routes.To(routes.Org, "liushu"), routes.Paged(routes.StatusList, "overdue", 1), routes.Paged(routes.Projects, "", 1)} {
		p, ok := v.Page(r)
		if !ok {
			t.Fatalf("no page %v", r)
		}
		out, err := b.RenderBytes(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(out); got != want[r]+p.Title {
			t.Errorf("%v: %q, want %q", r, got, want[r]+p.Title)
		}
	}
	local["base.html"] = &fstest.MapFile{Data: []byte(`{{template "calls" .}}`)}
	_, err := bind(t, theme, local, v).RenderBytes(v.Pages()[0])
	var le *page.Error
	if !errors.As(err, &le) || le.Pos.File != "layouts/partials/broken.html" || le.Pos.Line != 2 {
		t.Fatalf("a cached part that fails: %v", err)
	}
}

// Every page of the golden site is executed by tmplexec, not left to
// text/template (TestRender and the goldens hold it to the same bytes),
// and every function and method its layouts call is called directly, not
// through reflection.
func TestCompiled(t *testing.T) {
	for _, style := range []routes.Style{routes.Dirs, routes.Files} {
		r, v := check(t, style)
		b, err := r.Pages.For(v)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range v.Pages() {
			fell, reflected := b.Fallbacks(), b.Reflected()
			if _, err := b.RenderBytes(p); err != nil {
				t.Fatal(err)
			}
			if b.Fallbacks() != fell {
				t.Errorf("%s fell back", p.Out())
			}
			if n := b.Reflected() - reflected; n != 0 {
				t.Errorf("%s: %d calls through reflection", p.Out(), n)
			}
		}
	}
}

// Layouts bound a second time (serve's next build) make each kind of page
// when it is first needed, bound to the new view: bound first to one
// site's view, then to another site's (other data, file links, three
// cases a page), the layouts write every page of the second as layouts
// bound to it alone do.
func TestRebound(t *testing.T) {
	r, v := check(t, routes.Dirs)
	fresh := build.Check(build.Options{Src: "../../build/testdata/golden/drafts/src"})
	if fresh.Site == nil {
		t.Fatal("the drafts site has errors")
	}
	other := view.New(view.Input{Model: fresh.Site, Docs: fresh.Docs, Title: fresh.Config.Title, Lang: fresh.Config.Language, Style: routes.Files, CasesPer: 3})
	if _, err := r.Pages.For(v); err != nil {
		t.Fatal(err)
	}
	again, err := r.Pages.For(other)
	if err != nil {
		t.Fatal(err)
	}
	alone, err := fresh.Pages.For(other)
	if err != nil {
		t.Fatal(err)
	}
	pages := other.Pages()
	slices.Reverse(pages) // another order of kinds than the first binding's
	for _, p := range pages {
		want, err := alone.RenderBytes(p)
		if err != nil {
			t.Fatal(err)
		}
		got, err := again.RenderBytes(p)
		if err != nil {
			t.Fatalf("%s: %v", p.Out(), err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("%s differs when the layouts are bound again", p.Out())
		}
	}
	if again.Fallbacks() != 0 {
		t.Errorf("%d pages fell back", again.Fallbacks())
	}
}

// A site's layout written with what tmplexec leaves to text/template (a
// range over a map) renders all the same, by text/template.
func TestFallsBack(t *testing.T) {
	_, v := check(t, routes.Dirs)
	local := fstest.MapFS{
		"base.html": {Data: []byte(`{{range $k, $v := dict "b" 2 "a" .Kind}}{{$k}}={{$v}};{{end}}<p title="{{.Title}}">{{url . "orgs"}}</p>`)},
	}
	b := bind(t, themeFS(t), local, v)
	p, _ := v.Page(routes.To(routes.Home, ""))
	out, err := b.RenderBytes(p)
	if err != nil {
		t.Fatal(err)
	}
	if want := `a=home;b=2;<p title="` + p.Title + `">orgs/</p>`; string(out) != want {
		t.Errorf("got %q, want %q", out, want)
	}
	if b.Fallbacks() != 1 {
		t.Errorf("%d fallbacks, want 1", b.Fallbacks())
	}
}

// Layouts prepared before they are bound, as a build prepares them while
// it reads its data, write every page as layouts prepared when they are
// first bound do; an error html/template finds when it escapes is
// reported as it is without.
func TestPrepared(t *testing.T) {
	_, v := check(t, routes.Dirs)
	theme, err := fs.Sub(themes.Default, "default")
	if err != nil {
		t.Fatal(err)
	}
	bound := func(prepare bool) *page.Bound {
		set, err := page.Load(theme, nil, "zh-CN")
		if err != nil {
			t.Fatal(err)
		}
		if prepare {
			set.Prepare()
			set.Prepare() // a second time does nothing
		}
		b, err := set.For(v)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	early, late := bound(true), bound(false)
	for _, p := range v.Pages() {
		want, err := late.RenderBytes(p)
		if err != nil {
			t.Fatal(err)
		}
		got, err := early.RenderBytes(p)
		if err != nil {
			t.Fatalf("%s: %v", p.Out(), err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("%s differs when the layouts were prepared first", p.Out())
		}
	}
	if early.Fallbacks() != 0 {
		t.Errorf("%d pages fell back", early.Fallbacks())
	}
	// An attribute's value that ends in one branch and not in the other:
	// html/template cannot escape it. Binding finds it (escaping every
	// kind's layouts), prepared first or not, at the layout's place.
	local := fstest.MapFS{"case.html": {Data: []byte(`{{define "main"}}<a title="{{if .}}x"{{end}}>{{end}}`)}}
	var errs []string
	for _, prepare := range []bool{false, true} {
		set, err := page.Load(themeFS(t), local, "zh-CN")
		if err != nil {
			t.Fatal(err)
		}
		if prepare {
			set.Prepare()
			// (The theme's home page calls a template its case.html
			// defined, which this one does not: a second problem.)
			if ps := set.Problems(); len(ps) == 0 || !strings.HasPrefix(ps[0].Error(), "layouts/case.html:1:32: {{if}} branches") {
				t.Errorf("prepared: problems %v, want first the escaping error at layouts/case.html:1:32", ps)
			}
		}
		if _, err = set.For(v); err == nil {
			t.Fatalf("prepared %v: a layout html/template cannot escape was bound", prepare)
		}
		errs = append(errs, err.Error())
	}
	if errs[0] != errs[1] || !strings.Contains(errs[0], "case.html") {
		t.Errorf("the escaping error, not prepared and prepared:\n%s\n%s", errs[0], errs[1])
	}
}
