package view

import (
	"fmt"
	"slices"
	"testing"

	"github.com/qingdan/qingdan/internal/content"
	"github.com/qingdan/qingdan/internal/routes"
)

// TestOrgCases: an org's page lists the latest OrgCases of the cases about
// it and, when there are more, links to its own list of them all, paged
// like any list of cases; an org with no more than that has no such list.
func TestOrgCases(t *testing.T) {
	base := tree(t, 50)
	var docs content.Set
	for i := range 45 {
		d := &content.Doc{Kind: content.Case, Slug: fmt.Sprintf("c%02d", i), Title: fmt.Sprint("案例", i), Orgs: []string{"t-0"}}
		if i < OrgCases {
			d.Orgs = append(d.Orgs, "t-1")
		}
		docs.Cases = append(docs.Cases, d)
	}
	v := New(Input{Model: base.Model, Docs: &docs, PerPage: 50, CasesPer: 20})
	slugs := func(ds []*content.Doc) []string {
		var out []string
		for _, d := range ds {
			out = append(out, d.Slug)
		}
		return out
	}
	p, ok := v.Page(routes.To(routes.Org, "t-0"))
	if !ok || p.CaseCount != 45 || p.AllCases == nil || *p.AllCases != routes.To(routes.OrgCases, "t-0") ||
		!slices.Equal(slugs(p.Docs), slugs(docs.Cases[:OrgCases])) {
		t.Fatalf("the org's page: %v, %d cases, all at %v, shows %v", ok, p.CaseCount, p.AllCases, slugs(p.Docs))
	}
	for n, want := range [][]*content.Doc{docs.Cases[:20], docs.Cases[20:40], docs.Cases[40:]} {
		p, ok := v.Page(routes.Paged(routes.OrgCases, "t-0", n+1))
		if !ok || p.Kind != "org-cases" || p.Org.ID != "t-0" || p.CaseCount != 45 || p.Pager == nil || p.Pager.Total != 3 ||
			!slices.Equal(slugs(p.Docs), slugs(want)) {
			t.Errorf("page %d of the org's cases: %v %+v", n+1, ok, p)
		}
	}
	if _, ok := v.Page(routes.Paged(routes.OrgCases, "t-0", 4)); ok {
		t.Error("a fourth page of 45 cases at 20 a page")
	}
	p, _ = v.Page(routes.To(routes.Org, "t-1"))
	if p.CaseCount != OrgCases || p.AllCases != nil || len(p.Docs) != OrgCases {
		t.Errorf("an org with %d cases: %d, all at %v, shows %d", OrgCases, p.CaseCount, p.AllCases, len(p.Docs))
	}
	for _, id := range []string{"t-1", "county", "nowhere"} {
		if _, ok := v.Page(routes.To(routes.OrgCases, id)); ok {
			t.Errorf("org %s has a list of its cases", id)
		}
	}
	var lists []routes.Route
	for _, r := range v.Routes() {
		if r.Kind == routes.OrgCases {
			lists = append(lists, r)
		}
	}
	if want := []routes.Route{routes.To(routes.OrgCases, "t-0"), routes.Paged(routes.OrgCases, "t-0", 2), routes.Paged(routes.OrgCases, "t-0", 3)}; !slices.Equal(lists, want) {
		t.Errorf("routes %v, want %v", lists, want)
	}
}
