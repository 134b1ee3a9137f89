package view

import "github.com/qingdan/qingdan/internal/model"

// How much of a long list one page shows. A province has 100,000 orgs:
// the org tree written whole was 11.7 MB of HTML, the names of the orgs
// yet to take up each required task 43 MB. A page shows the first of them
// and says where the rest are: the pages of the orgs below, or the open
// data (data/gaps.csv).
const (
	// TreeOrgs is the most orgs the org index's tree shows: it goes down
	// level by level while the levels shown hold no more than that (the
	// roots always).
	TreeOrgs = 2000
	// GapNames is the most orgs named for one task and org type.
	GapNames = 60
	// SitesPer is the demonstration sites on a page of their list (6,102
	// cards in a province were 2.7 MB on one page).
	SitesPer = 60
	// OrgCases is the most cases an org's page lists, the latest: the
	// others are on the org's own list of cases (10,000 articles about 12
	// orgs were 1,158 on one page, 730 KB).
	OrgCases = 10
)

// TreeDepth is the deepest level of the org tree the org index shows (0
// for the roots only): every level while the orgs down to it number at
// most TreeOrgs. Each org page lists the orgs just below it.
func (v *View) TreeDepth() int {
	v.treeOnce.Do(func() {
		var per []int // orgs at each depth
		for _, o := range v.Model.Orgs {
			for len(per) <= o.Depth {
				per = append(per, 0)
			}
			per[o.Depth]++
		}
		d, n := 0, 0
		for i, c := range per {
			if n += c; n > TreeOrgs && i > 0 {
				break
			}
			d = i
		}
		v.treeDepth, v.treeCut = d, d < len(per)-1
	})
	return v.treeDepth
}

// TreeCut reports whether the org index leaves out levels of the tree.
func (v *View) TreeCut() bool {
	v.TreeDepth()
	return v.treeCut
}

// Gap is what the task page shows of the orgs of one type yet to take up a
// required task: the first GapNames of them, and how many are left out.
type Gap struct {
	Named []*model.Org
	More  int
}

// Gap is the part of c.Missing a page names.
func (v *View) Gap(c model.Coverage) Gap {
	n := min(len(c.Missing), GapNames)
	return Gap{Named: c.Missing[:n], More: len(c.Missing) - n}
}
