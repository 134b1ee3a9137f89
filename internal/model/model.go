// Package model holds the site's records and derives every figure the site
// shows from them: the org tree, the as-of date, each project's value,
// percent and status, roll-ups over descendants and task coverage. It does
// no I/O and never reads the clock.
package model

import "github.com/qingdan/qingdan/internal/load"

// Org is an organization with its place in the tree and its roll-up.
type Org struct {
	load.Org // as the data gives it

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
	load.Project // as the data gives it

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
	load.Task // as the data gives it

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
