package routes

import (
	"strings"
	"testing"
)

func TestPaths(t *testing.T) {
	for _, c := range []struct {
		r               Route
		path, file, dir string
	}{
		{To(Home, ""), "", "index.html", ""},
		{Paged(Projects, "", 1), "projects/", "projects/index.html", "projects/"},
		{Paged(Projects, "", 3), "projects/page/3/", "projects/page/3/index.html", "projects/page/3/"},
		{To(Project, "p1"), "projects/p1/", "projects/p1/index.html", "projects/p1/"},
		{Paged(StatusList, "overdue", 1), "projects/status/overdue/", "projects/status/overdue/index.html", "projects/status/overdue/"},
		{Paged(StatusList, "on_track", 2), "projects/status/on_track/page/2/", "projects/status/on_track/page/2/index.html", "projects/status/on_track/page/2/"},
		{Paged(Sites, "", 3), "sites/page/3/", "sites/page/3/index.html", "sites/page/3/"},
		{To(Org, "wenyuan"), "orgs/wenyuan/", "orgs/wenyuan/index.html", "orgs/wenyuan/"},
		{To(OrgCases, "wenyuan"), "orgs/wenyuan/cases/", "orgs/wenyuan/cases/index.html", "orgs/wenyuan/cases/"},
		{Paged(OrgCases, "wenyuan", 2), "orgs/wenyuan/cases/page/2/", "orgs/wenyuan/cases/page/2/index.html", "orgs/wenyuan/cases/page/2/"},
		{To(Task, "t1"), "tasks/#task-t1", "tasks/index.html", "tasks/"},
		{Paged(Column, "duan-ping", 2), "cases/column/duan-ping/page/2/", "cases/column/duan-ping/page/2/index.html", "cases/column/duan-ping/page/2/"},
		{To(Case, "tea"), "cases/tea/", "cases/tea/index.html", "cases/tea/"},
		{Paged(Tag, "cha-ye", 0), "tags/cha-ye/", "tags/cha-ye/index.html", "tags/cha-ye/"},
		{To(Page, "about"), "about/", "about/index.html", "about/"},
		{To(SearchIndex, ""), "search/index.js", "search/index.js", "search/"},
		{To(SearchTerms, "12-0a1b2c3d"), "search/t/12-0a1b2c3d.js", "search/t/12-0a1b2c3d.js", "search/t/"},
		{To(SearchDocs, "3-0a1b2c3d"), "search/d/3-0a1b2c3d.js", "search/d/3-0a1b2c3d.js", "search/d/"},
		{To(NotFound, ""), "404.html", "404.html", ""},
		{To(Feed, ""), "feed.xml", "feed.xml", ""},
		{To(Data, "summary.json"), "data/summary.json", "data/summary.json", "data/"},
		{To(Asset, "vendor/echarts.min.js"), "assets/vendor/echarts.min.js", "assets/vendor/echarts.min.js", "assets/vendor/"},
		{To(File, "images/a b.jpg"), "images/a b.jpg", "images/a b.jpg", "images/"},
		{To(File, "cases/tea/"), "cases/tea/", "cases/tea/index.html", "cases/tea/"},
	} {
		if got := c.r.Path(); got != c.path {
			t.Errorf("%v.Path() = %q, want %q", c.r, got, c.path)
		}
		if got := c.r.File(); got != c.file {
			t.Errorf("%v.File() = %q, want %q", c.r, got, c.file)
		}
		if got := c.r.Dir(); got != c.dir {
			t.Errorf("%v.Dir() = %q, want %q", c.r, got, c.dir)
		}
		if got, want := c.r.Depth(), strings.Count(c.dir, "/"); got != want {
			t.Errorf("%v.Depth() = %d, want %d", c.r, got, want)
		}
	}
}

func TestLinks(t *testing.T) {
	home, org, notFound := To(Home, ""), To(Org, "wenyuan"), To(NotFound, "")
	for _, c := range []struct {
		style    Style
		from, to Route
		want     string
	}{
		{Dirs, home, home, "./"},
		{Files, home, home, "index.html"},
		{Dirs, org, home, "../../"},
		{Files, org, home, "../../index.html"},
		{Dirs, org, To(Project, "p1"), "../../projects/p1/"},
		{Files, org, To(Project, "p1"), "../../projects/p1/index.html"},
		{Dirs, org, To(Task, "t1"), "../../tasks/#task-t1"},
		{Files, org, To(Task, "t1"), "../../tasks/index.html#task-t1"},
		{Dirs, notFound, To(Asset, "qingdan.css"), "assets/qingdan.css"},
		{Files, Paged(Cases, "", 2), To(Feed, ""), "../../../feed.xml"},
		{Dirs, To(Case, "tea"), To(File, "cases/tea/a.jpg"), "../../cases/tea/a.jpg"},
		{Files, To(SearchIndex, ""), To(SearchTerms, "7-x"), "../search/t/7-x.js"},
		{Dirs, To(SearchDocs, "7-x"), To(Case, "tea"), "../../cases/tea/"},
	} {
		if got := c.style.Link(c.from, c.to); got != c.want {
			t.Errorf("%v: %v → %v = %q, want %q", c.style, c.from, c.to, got, c.want)
		}
	}
}

func TestParse(t *testing.T) {
	for k := Home; k < numKinds; k++ {
		if got, ok := Parse(k.String()); !ok || got != k {
			t.Errorf("Parse(%q) = %v, %v", k.String(), got, ok)
		}
	}
	if _, ok := Parse("nope"); ok {
		t.Error("an unknown kind parses")
	}
}

func TestAbs(t *testing.T) {
	if got, want := Abs("https://x.org/dj/", To(File, "images/茶园 1.jpg")), "https://x.org/dj/images/%E8%8C%B6%E5%9B%AD%201.jpg"; got != want {
		t.Errorf("Abs = %q, want %q", got, want)
	}
	if got, want := Abs("https://x.org/", To(Task, "t1")), "https://x.org/tasks/#task-t1"; got != want {
		t.Errorf("Abs = %q, want %q", got, want)
	}
}

// Match inverts File for every kind of page, and takes anything else for a
// file.
func TestMatch(t *testing.T) {
	for _, r := range []Route{
		To(Home, ""), Paged(Projects, "", 1), Paged(Projects, "", 12), To(Project, "p1"), To(Project, "page"),
		To(Project, "status"), Paged(StatusList, "overdue", 1), Paged(StatusList, "done", 3),
		To(Orgs, ""), To(Org, "wenyuan"), To(Org, "cases"), Paged(OrgCases, "wenyuan", 1), Paged(OrgCases, "cases", 2), To(Sites, ""), Paged(Sites, "", 2), To(Tasks, ""), Paged(Cases, "", 1), Paged(Cases, "", 2),
		Paged(Column, "duan-ping", 1), Paged(Column, "duan-ping", 3), To(Case, "tea"), To(Tags, ""),
		Paged(Tag, "cha-ye", 1), Paged(Tag, "cha-ye", 2), To(Page, "about"), To(Search, ""), To(SearchIndex, ""),
		To(SearchTerms, "0-5e1f"), To(SearchDocs, "12-5e1f"),
		To(NotFound, ""), To(Feed, ""), To(Sitemap, ""), To(Robots, ""), To(Data, "summary.json"), To(Asset, "qingdan.css"),
	} {
		want := r
		if want.N == 1 {
			want.N = 0
		}
		if got := Match(r.File()); got != want {
			t.Errorf("Match(%q) = %+v, want %+v", r.File(), got, want)
		}
	}
	for _, name := range []string{"images/a.jpg", "cases/tea/a.jpg", "projects/page/1/index.html", "projects/page/02/index.html",
		"orgs/page/2/index.html", "a/b/c/index.html", "/index.html", "tags/x/y/index.html", "cases/column/index.html",
		"search/t/.js", "projects/status/a/b/index.html", "orgs/a/cases/page/1/index.html", "orgs/a/b/index.html", "orgs/a/cases/x/index.html", "projects/status/x/page/1/index.html", "search/t/a/b.js", "search/t/1.json", "search/d/", "search/x/1.js"} {
		if got := Match(name); got.Kind != File || got.ID != name {
			t.Errorf("Match(%q) = %+v, want the file itself", name, got)
		}
	}
}
