// Package model holds the site's records and derives every figure the site
// shows from them: the org tree, the as-of date, each project's value,
// percent and status, roll-ups over descendants and task coverage. It does
// no I/O and never reads the clock.
package model

// Org is an organization with its place in the tree and its roll-up.
//
// The fields of the record (load.Org) are copied, not embedded, and so for
// projects and tasks: layouts read them by name, and text/template finds a
// field promoted from an embedded struct only by reflect's breadth-first
// search, on every use. TestRecordsCopied keeps the copies complete.
type Org struct {
	// As the data gives it.
	ID, Name, Type, ParentID string
	Secretary                string
	Members                  int
	Founded                  Date
	Area, Demo, Summary      string
	Line                     int // line in the source file

	// Derived by New.
	Parent   *Org
	Children []*Org
	Depth    int        // 0 for a root
	Projects []*Project // its own projects, sorted
	Roll     Rollup     // its own and every descendant's projects
}

// Rollup sums the projects of an org's subtree.
type Rollup struct {
	Projects   int
	Status     [NumStatus]int
	PercentSum float64
}

// Percent is the mean percent of the rolled-up projects, or nil when there are none.
func (r Rollup) Percent() *float64 {
	if r.Projects == 0 {
		return nil
	}
	p := r.PercentSum / float64(r.Projects)
	return &p
}

func (r *Rollup) add(o Rollup) {
	r.Projects += o.Projects
	r.PercentSum += o.PercentSum
	for i := range r.Status {
		r.Status[i] += o.Status[i]
	}
}

// Project is a party-building project with its derived figures.
type Project struct {
	// As the data gives it.
	ID, OrgID, TaskID      string
	Title, Category, Owner string
	Start, Due             Date
	Indicator, Unit        string
	Baseline, Target       float64
	Summary                string
	Line                   int
	Readings               []Reading // sorted by date

	// Derived by New.
	Org      *Org
	Task     *Task
	Value    float64 // latest reading on or before as_of, else baseline
	Measured bool    // whether Value comes from a reading
	Percent  float64
	Elapsed  float64
	Status   Status
}

// Task is one item of the differentiated task menu.
type Task struct {
	// As the data gives it.
	ID, Title, Category string
	Types               []string // org type keys it applies to
	Kind                string   // "required" or "optional"
	Due                 Date
	Description         string
	Line                int

	// Derived by New: per org type in Types, in that order.
	Coverage []Coverage
}

// Coverage tells, for one org type a task applies to, which orgs of that type
// take part: an org takes part when it or one of its descendants has a
// project for the task.
type Coverage struct {
	Type    string
	Orgs    int    // orgs of that type
	Covered int    // of them, taking part
	Missing []*Org // the others, sorted
}
