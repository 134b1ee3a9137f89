package view

import (
	"testing"

	"github.com/qingdan/qingdan/internal/content"
	"github.com/qingdan/qingdan/internal/load"
	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/routes"
)

// TestCasesNaming: a project's and an org's pages list every case that
// names them, in front matter or by a link in the body, once each.
func TestCasesNaming(t *testing.T) {
	m := model.New(model.Input{
		Orgs:     []*load.Org{{ID: "o", Name: "支部"}},
		Projects: []*load.Project{{ID: "p", OrgID: "o", Title: "项目", Target: 1}},
	})
	front := &content.Doc{Kind: content.Case, Slug: "front", Projects: []string{"p"}, Orgs: []string{"o"}}
	body := &content.Doc{Kind: content.Case, Slug: "body", Refs: []content.Ref{{Kind: "project", ID: "p"}, {Kind: "project", ID: "p"}, {Kind: "org", ID: "o"}}}
	none := &content.Doc{Kind: content.Case, Slug: "none"}
	v := New(Input{Model: m, Docs: &content.Set{Cases: []*content.Doc{front, body, none}}})
	for _, r := range []routes.Route{routes.To(routes.Project, "p"), routes.To(routes.Org, "o")} {
		p, ok := v.Page(r)
		if !ok {
			t.Fatalf("no page %v", r)
		}
		if len(p.Docs) != 2 || p.Docs[0] != front || p.Docs[1] != body {
			t.Errorf("%v lists %d cases", r, len(p.Docs))
		}
	}
}
