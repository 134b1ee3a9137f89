package view

import (
	"fmt"
	"slices"
	"testing"

	"github.com/qingdan/qingdan/internal/content"
	"github.com/qingdan/qingdan/internal/load"
	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/routes"
	"github.com/qingdan/qingdan/internal/value"
)

// tree is a county of two towns, each with villages, and projects spread
// over them whose titles sort across the tree (so that title order and the
// tree's order differ): the village v-1-2's projects are due by 2022-01-01,
// overdue on the as-of day; the others are on track.
func tree(t *testing.T, perPage int) *View {
	t.Helper()
	orgs := []*load.Org{{ID: "county", Name: "县委"}}
	var projects []*load.Project
	for town := range 2 {
		tid := fmt.Sprint("t-", town)
		orgs = append(orgs, &load.Org{ID: tid, Name: fmt.Sprint("镇", town), ParentID: "county"})
		for v := range 3 {
			vid := fmt.Sprint("v-", town, "-", v)
			orgs = append(orgs, &load.Org{ID: vid, Name: fmt.Sprint("村", town, v), ParentID: tid})
			for k := range 4 {
				p := &load.Project{ID: fmt.Sprint("p-", town, "-", v, "-", k), OrgID: vid, Title: fmt.Sprint("项目", k, town, v),
					Baseline: 0, Target: 10, Start: day(t, "2021-01-01"), Due: day(t, "2023-01-01")}
				if town == 1 && v == 2 {
					p.Due = day(t, "2022-01-01")
				}
				projects = append(projects, p)
			}
		}
	}
	projects = append(projects, &load.Project{ID: "own", OrgID: "t-1", Title: "镇本级", Target: 10,
		Start: day(t, "2021-01-01"), Due: day(t, "2023-01-01")})
	m := model.New(model.Input{Orgs: orgs, Projects: projects, AsOf: day(t, "2022-06-30"), WarnGap: 2})
	return New(Input{Model: m, Docs: &content.Set{}, PerPage: perPage})
}

func day(t *testing.T, s string) value.Date {
	d, err := value.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func ids(ps []*model.Project) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.ID)
	}
	return out
}

// TestListsFollowTheTree: the project list runs down the org tree (an
// org's own projects, then each sub-organization's), so that any org's
// projects stand together and its figures link to the page where they
// begin; each status has a list of its own.
func TestListsFollowTheTree(t *testing.T) {
	v := tree(t, 5)
	var all []string
	for n := 1; ; n++ {
		p, ok := v.Page(routes.Paged(routes.Projects, "", n))
		if !ok {
			break
		}
		if p.List == nil || p.List.Status != nil || p.List.Count != 25 || p.Pager.Total != 5 {
			t.Fatalf("page %d: %+v, pager %+v", n, p.List, p.Pager)
		}
		all = append(all, ids(p.List.Rows)...)
	}
	if len(all) != 25 || all[0] != "p-0-0-0" || all[11] != "p-0-2-3" || all[12] != "own" || all[13] != "p-1-0-0" {
		t.Fatalf("the list runs %v", all)
	}
	overdue, ok := v.Page(routes.Paged(routes.StatusList, "overdue", 1))
	if !ok || overdue.List.Status == nil || *overdue.List.Status != model.Overdue {
		t.Fatalf("no overdue list: %+v", overdue)
	}
	if got := ids(overdue.List.Rows); !slices.Equal(got, []string{"p-1-2-0", "p-1-2-1", "p-1-2-2", "p-1-2-3"}) {
		t.Errorf("the overdue list holds %v", got)
	}
	if _, ok := v.Page(routes.Paged(routes.StatusList, "overdue", 2)); ok {
		t.Error("the overdue list has a second page")
	}
	if _, ok := v.Page(routes.Paged(routes.StatusList, "late", 1)); ok {
		t.Error("a list of no status")
	}
	if p, ok := v.Page(routes.Paged(routes.StatusList, "done", 1)); !ok || len(p.List.Rows) != 0 || p.Pager.Total != 1 {
		t.Error("a status without projects has no empty list")
	}
	// Every list's pages are among the site's pages.
	n := 0
	for _, p := range v.Pages() {
		if p.Route.Kind == routes.StatusList {
			n++
		}
	}
	if n != 5+4 { // on_track: 21 projects, 5 a page; one page each for the others
		t.Errorf("%d status list pages, want 9", n)
	}

	home, _ := v.Page(routes.To(routes.Home, ""))
	town1 := v.Model.OrgByID["t-1"]
	chips := home.Chips(town1)
	if c := chips[model.OnTrack]; c.Count != 9 || c.Org != "t-1" || c.Route == nil || *c.Route != routes.Paged(routes.StatusList, "on_track", 3) {
		t.Errorf("town 1's on-track figure: %+v %v", c, c.Route) // on track: 12 of town 0 first, so town 1's begin at 12: page 3
	}
	if c := chips[model.Done]; c.Count != 0 || c.Route != nil {
		t.Errorf("a figure without projects links: %+v", c)
	}
	if r := home.AllProjects(town1); r != routes.Paged(routes.Projects, "", 3) {
		t.Errorf("town 1's projects begin on %v, want page 3", r) // at 12
	}
	on := overdue.Chips(nil)
	if c := on[model.Overdue]; !c.Current || *c.Route != routes.Paged(routes.Projects, "", 1) {
		t.Errorf("the overdue figure on its own list: %+v", c)
	}
	if c := on[model.OnTrack]; c.Current || *c.Route != routes.Paged(routes.StatusList, "on_track", 1) || c.Org != "" {
		t.Errorf("the on-track figure on the overdue list: %+v", c)
	}
}

// TestOrgFilter: a list's org filter offers the orgs with projects in it,
// each with the page where its projects begin; past the limit, only the
// upper levels.
func TestOrgFilter(t *testing.T) {
	v := tree(t, 5)
	var got []string
	for _, o := range v.orgPages(int(model.Overdue), 100) {
		got = append(got, fmt.Sprint(o.Org.ID, ":", o.Page))
	}
	if want := []string{"county:1", "t-1:1", "v-1-2:1"}; !slices.Equal(got, want) {
		t.Errorf("the overdue list offers %v, want %v", got, want)
	}
	got = nil
	for _, o := range v.orgPages(allList, 100) {
		got = append(got, fmt.Sprint(o.Org.ID, ":", o.Page))
	}
	if want := []string{"county:1", "t-0:1", "v-0-0:1", "v-0-1:1", "v-0-2:2", "t-1:3", "v-1-0:3", "v-1-1:4", "v-1-2:5"}; !slices.Equal(got, want) {
		t.Errorf("the list offers %v, want %v", got, want)
	}
	for limit, want := range map[int]int{8: 3, 3: 3, 2: 1, 0: 1} {
		if got := len(v.orgPages(allList, limit)); got != want {
			t.Errorf("limit %d: %d orgs offered, want %d", limit, got, want)
		}
	}
}
