package content

import (
	"slices"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/value"
)

// Gating is what a build publishes.
type Gating struct {
	// Now is the day of a site that schedules its cases (scheduled =
	// true): a case dated later waits for it. NoDate publishes every case
	// whatever its date.
	Now     value.Date
	Drafts  bool // drafts too
	Publish bool // only cases whose final review (终审) is recorded
	Preview bool // serve: drafts and cases scheduled later are shown (their pages say so)
}

// Gate decides what is published, and says, as notes, what it leaves out
// and why.
func (s *Set) Gate(g Gating, columns []string, l *diag.List) {
	if !g.Drafts && !g.Preview {
		s.DropDrafts()
	}
	s.Cases = slices.DeleteFunc(s.Cases, func(d *Doc) bool {
		if !g.Now.IsZero() && d.Date > g.Now && !g.Preview {
			l.Info(diag.Pos{File: d.File, Line: d.Line("date")}, "gate.future", d.Date.String(), g.Now.String())
			return true
		}
		publish := g.Publish && !g.Preview
		if publish && !d.Reviewed() {
			l.Info(diag.Pos{File: d.File, Line: d.Line("review")}, "gate.review")
			return true
		}
		return false
	})
	for _, d := range s.Cases {
		if d.Column != "" && !slices.Contains(columns, d.Column) {
			l.Warn(diag.Pos{File: d.File, Line: d.Line("column")}, "gate.column", diag.Quote(d.Column), diag.Names(columns))
		}
	}
}

// Reviewed reports whether the final review (终审) is recorded.
func (d *Doc) Reviewed() bool {
	for _, r := range d.Reviews {
		if r.Step == "终审" && r.Reviewer != "" {
			return true
		}
	}
	return false
}
