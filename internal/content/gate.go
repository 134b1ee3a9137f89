package content

import (
	"slices"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/value"
)

// Gate decides what is published: drafts only when drafts is set; cases
// dated after asOf not yet; and with publish set, only cases whose final
// review (终审) is recorded. It says, as notes, what it leaves out and why.
func (s *Set) Gate(asOf value.Date, drafts, publish bool, columns []string, l *diag.List) {
	if !drafts {
		s.DropDrafts()
	}
	s.Cases = slices.DeleteFunc(s.Cases, func(d *Doc) bool {
		if !asOf.IsZero() && d.Date > asOf {
			l.Info(diag.Pos{File: d.File, Line: d.Line("date")}, "gate.future", d.Date.String(), asOf.String())
			return true
		}
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
