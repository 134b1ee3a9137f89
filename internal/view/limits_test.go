package view

import (
	"fmt"
	"testing"

	"github.com/qingdan/qingdan/internal/content"
	"github.com/qingdan/qingdan/internal/load"
	"github.com/qingdan/qingdan/internal/model"
)

// TestTreeDepth: the org index shows every level while they hold at most
// TreeOrgs orgs, and always the roots.
func TestTreeDepth(t *testing.T) {
	levels := func(per ...int) *View { // orgs at each depth, each under the first of the level above
		var orgs []*load.Org
		for d, n := range per {
			for i := range n {
				o := &load.Org{ID: fmt.Sprint("o", d, "-", i), Name: fmt.Sprint("组织", d, "-", i)}
				if d > 0 {
					o.ParentID = fmt.Sprint("o", d-1, "-0")
				}
				orgs = append(orgs, o)
			}
		}
		return New(Input{Model: model.New(model.Input{Orgs: orgs}), Docs: &content.Set{}})
	}
	for _, c := range []struct {
		per   []int
		depth int
		cut   bool
	}{
		{[]int{1, 12}, 1, false},
		{[]int{1, 12, 300, 2700}, 2, true},        // a county: down to the towns' level
		{[]int{1, 100, 1899}, 2, false},           // 2,000 in all: whole
		{[]int{1, 100, 1900}, 1, true},            // 2,001: one level less
		{[]int{TreeOrgs + 5, 10}, 0, true},        // the roots whatever their number
		{[]int{3, 40, 400, 4000, 40000}, 2, true}, // a province
	} {
		v := levels(c.per...)
		if d, cut := v.TreeDepth(), v.TreeCut(); d != c.depth || cut != c.cut {
			t.Errorf("levels %v: depth %d, cut %v; want %d, %v", c.per, d, cut, c.depth, c.cut)
		}
	}
}

// TestGap: a task page names at most GapNames orgs of a type and counts the
// rest.
func TestGap(t *testing.T) {
	missing := make([]*model.Org, GapNames+7)
	v := &View{}
	if g := v.Gap(model.Coverage{Missing: missing}); len(g.Named) != GapNames || g.More != 7 {
		t.Errorf("named %d, more %d", len(g.Named), g.More)
	}
	if g := v.Gap(model.Coverage{Missing: missing[:3]}); len(g.Named) != 3 || g.More != 0 {
		t.Errorf("named %d, more %d", len(g.Named), g.More)
	}
}
