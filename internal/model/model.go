// Package model holds the site's records and derives every figure the site
// shows from them: the org tree, the as-of date, each project's value,
// percent and status, roll-ups over descendants and task coverage. It does
// no I/O and never reads the clock.
package model

// OrgType is a kind of organization, keyed as in the data ("rural").
type OrgType struct {
	Key, Label string
}

// Label is the label of key among opts, or key itself when it has none.
func Label(opts []OrgType, key string) string {
	for _, o := range opts {
		if o.Key == key {
			return o.Label
		}
	}
	return key
}

// DefaultOrgTypes are the SPEC's org types, used unless the site config lists its own.
var DefaultOrgTypes = []OrgType{
	{"committee", "党(工)委"},
	{"rural", "农村"},
	{"community", "社区"},
	{"organ", "机关"},
	{"enterprise", "国有企业"},
	{"new", "两新组织"},
	{"school", "学校"},
	{"health", "医疗卫生"},
}

// Demo levels of a demonstration site (示范点), lowest first.
var DemoLevels = []OrgType{
	{"county", "县级"},
	{"city", "市级"},
	{"province", "省级"},
}

// Task kinds of the menu.
var TaskKinds = []OrgType{
	{"required", "必选"},
	{"optional", "自选"},
}

// Org is an organization with its place in the tree and its roll-up.
type Org struct {
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
