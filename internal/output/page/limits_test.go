package page_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/content"
	"github.com/qingdan/qingdan/internal/load"
	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/routes"
	"github.com/qingdan/qingdan/internal/value"
	"github.com/qingdan/qingdan/internal/view"
)

// TestLongLists: at a province's scale the org index, the task menu and the
// demonstration sites stay pages a phone opens: the tree stops at the level
// that keeps it under view.TreeOrgs orgs and links each cut branch's org,
// a task names view.GapNames orgs of a type and links the rest in
// data/gaps.csv, and the sites come view.SitesPer to a page.
func TestLongLists(t *testing.T) {
	r, _ := check(t, routes.Dirs)
	orgs := []*load.Org{{ID: "root", Name: "省委", Type: "committee"}}
	for c := range 80 {
		cid := fmt.Sprint("c", c)
		orgs = append(orgs, &load.Org{ID: cid, Name: fmt.Sprint("党委", c), Type: "committee", ParentID: "root"})
		for k := range 30 {
			o := &load.Org{ID: fmt.Sprint(cid, "-", k), Name: fmt.Sprint("村", c, "-", k), Type: "rural", ParentID: cid}
			if c < 2 || (c == 2 && k < 10) { // 70 sites
				o.Demo = "county"
			}
			orgs = append(orgs, o)
		}
	}
	m := model.New(model.Input{AsOf: value.DateOf(2022, 6, 30), Orgs: orgs,
		Types: []model.OrgType{{Key: "committee", Label: "党委"}, {Key: "rural", Label: "农村"}},
		Tasks: []*load.Task{{ID: "must", Title: "三会一课", Kind: "required", Types: []string{"rural"}}}})
	v := view.New(view.Input{Model: m, Docs: &content.Set{}, Lang: "zh-CN", Style: routes.Dirs, CasesPer: 10, PerPage: 100})
	b, err := r.Pages.For(v)
	if err != nil {
		t.Fatal(err)
	}
	render := func(rt routes.Route) string {
		t.Helper()
		p, ok := v.Page(rt)
		if !ok {
			t.Fatalf("no page %s", rt.Path())
		}
		out, err := b.RenderBytes(p)
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}

	idx := render(routes.To(routes.Orgs, ""))
	if strings.Contains(idx, "村0-0<") || !strings.Contains(idx, ">党委79<") {
		t.Errorf("the org index should list the committees, not the villages")
	}
	if !strings.Contains(idx, `<a class="more-orgs" href="../orgs/c7/">30 个下级组织</a>`) || !strings.Contains(idx, "这里列到第 2 级") {
		t.Errorf("the org index should say where the villages are:\n%s", idx)
	}

	tasks := render(routes.To(routes.Tasks, ""))
	if n := strings.Count(tasks, `href="../orgs/c`); n != view.GapNames {
		t.Errorf("the task page names %d orgs, want %d", n, view.GapNames)
	}
	if want := "，另有 2,340 个未列出，<a href=\"../data/gaps.csv\">完整名单（CSV）</a>"; !strings.Contains(tasks, want) {
		t.Errorf("the task page lacks %q", want)
	}

	if len(v.Demo) != 70 || view.SitesPer != 60 {
		t.Fatalf("%d sites, %d a page: the test wants two pages, the second not full", len(v.Demo), view.SitesPer)
	}
	first, second := render(routes.To(routes.Sites, "")), render(routes.Paged(routes.Sites, "", 2))
	if n := strings.Count(first, `<article class="card">`); n != 60 || !strings.Contains(first, `<a rel="next" href="../sites/page/2/">`) {
		t.Errorf("the first page of sites has %d cards, or no link to the next", n)
	}
	if n := strings.Count(second, `<article class="card">`); n != 10 || !strings.Contains(second, `<a rel="prev" href="../../../sites/">`) || !strings.Contains(second, "2 / 2") {
		t.Errorf("the second page of sites has %d cards, or no link back", n)
	}
	if _, ok := v.Page(routes.Paged(routes.Sites, "", 3)); ok {
		t.Errorf("a third page of sites")
	}
	var names []string
	for _, p := range v.Pages() {
		if p.Kind == "sites" {
			names = append(names, p.Out())
		}
	}
	if strings.Join(names, " ") != "sites/index.html sites/page/2/index.html" {
		t.Errorf("the site lists the sites in %q", names)
	}
}
