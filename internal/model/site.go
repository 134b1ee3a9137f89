package model

import (
	"cmp"
	"runtime"
	"slices"
	"sync"

	"github.com/qingdan/qingdan/internal/load"

	"github.com/qingdan/qingdan/internal/value"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Input is what New derives the site from: the records as the data files
// give them. References between records are by id; New resolves them and
// ignores any it cannot (loading reports those). New only reads them.
type Input struct {
	AsOf     Date
	WarnGap  float64
	Types    []OrgType
	Orgs     []*load.Org
	Projects []*load.Project
	Tasks    []*load.Task
	// Keys keeps the names' sort keys from one New to the next (serve
	// keeps one: a county's 33,000 names take 70 ms to key); nil: none.
	// It changes nothing New makes. One New at a time may use it.
	Keys *Keys
}

// Keys is the Chinese collation keys of the names one New sorted, for the
// next; it holds those of the last New only, and the order each list came
// out in.
type Keys struct {
	last, next map[string][]byte
	orders     [3]order // orgs, projects, tasks
}

// order is a list's names and ids as New was given them, and the places
// they were sorted to.
type order struct {
	in   []nameID
	perm []int32 // perm[i]: the item at place i sorted
}

type nameID struct{ name, id string }

// sorted is the order the list in had last time, when it is the same.
func (ks *Keys) sorted(list int, in []nameID) []int32 {
	if ks == nil || !slices.Equal(ks.orders[list].in, in) {
		return nil
	}
	if ks.next == nil {
		ks.next = map[string][]byte{}
	}
	for _, n := range in { // kept for the next New
		if k, ok := ks.last[n.name]; ok {
			ks.next[n.name] = k
		}
	}
	return ks.orders[list].perm
}

// keep keeps the order a list was sorted to.
func (ks *Keys) keep(list int, in []nameID, perm []int32) {
	if ks != nil {
		ks.orders[list] = order{in, perm}
	}
}

// key is name's sort key: the last New's, else made with col (into buf).
func (ks *Keys) key(col *collate.Collator, buf *collate.Buffer, name string) []byte {
	k, ok := []byte(nil), false
	if ks != nil {
		k, ok = ks.last[name]
	}
	if !ok {
		k = slices.Clone(col.KeyFromString(buf, name))
		buf.Reset()
	}
	if ks != nil {
		if ks.next == nil {
			ks.next = map[string][]byte{}
		}
		ks.next[name] = k
	}
	return k
}

// done makes the names keyed since the last done the ones kept.
func (ks *Keys) done() {
	if ks != nil {
		ks.last, ks.next = ks.next, nil
	}
}

// Site is the whole derived model.
type Site struct {
	AsOf    Date
	WarnGap float64
	Types   []OrgType

	Orgs     []*Org     // every org, by name then id
	Roots    []*Org     // orgs without a (resolvable) parent, by name then id
	Projects []*Project // every project, by title then id
	Tasks    []*Task    // required first, then by title then id
	Total    Rollup     // every project

	OrgByID     map[string]*Org
	ProjectByID map[string]*Project
	TaskByID    map[string]*Task
}

// New resolves references, derives every figure and sorts everything, so the
// result does not depend on the order of the input.
//
// New is a pure function of in: it never writes to the records it is given
// (nor to anything they point to). The site holds copies of them with every
// derived field computed, so several sites (say, as of different dates) can
// be built from one load, even at the same time. The copies share the
// input's immutable parts: Readings, Task.Types and Types; nil records are
// skipped.
func New(in Input) *Site {
	s := &Site{
		AsOf:        in.AsOf,
		WarnGap:     in.WarnGap,
		Types:       in.Types,
		Orgs:        copies(in.Orgs, orgOf),
		Projects:    copies(in.Projects, projectOf),
		Tasks:       copies(in.Tasks, taskOf),
		OrgByID:     make(map[string]*Org, len(in.Orgs)),
		ProjectByID: make(map[string]*Project, len(in.Projects)),
		TaskByID:    make(map[string]*Task, len(in.Tasks)),
	}
	if s.Types == nil {
		s.Types = value.DefaultOrgTypes()
	}
	col := newCollator()
	sortByName(col, in.Keys, 0, s.Orgs, func(o *Org) (string, string) { return o.Name, o.ID })
	sortByName(col, in.Keys, 1, s.Projects, func(p *Project) (string, string) { return p.Title, p.ID })
	sortByName(col, in.Keys, 2, s.Tasks, func(t *Task) (string, string) { return t.Title, t.ID })
	in.Keys.done()
	slices.SortStableFunc(s.Tasks, func(a, b *Task) int { return cmp.Compare(kindRank(a.Kind), kindRank(b.Kind)) })

	for _, o := range s.Orgs {
		if _, dup := s.OrgByID[o.ID]; !dup {
			s.OrgByID[o.ID] = o
		}
	}
	for _, t := range s.Tasks {
		if _, dup := s.TaskByID[t.ID]; !dup {
			s.TaskByID[t.ID] = t
		}
	}
	s.buildTree()

	owned := 0 // projects with an org
	for _, p := range s.Projects {
		if _, dup := s.ProjectByID[p.ID]; !dup {
			s.ProjectByID[p.ID] = p
		}
		p.Org, p.Task = s.OrgByID[p.OrgID], s.TaskByID[p.TaskID]
		p.evaluate(s.AsOf, s.WarnGap)
		s.Total.addProject(p)
		if p.Org != nil {
			p.Org.Roll.addProject(p) // before rollUp, Roll counts the org's own projects
			owned++
		}
	}
	// Every org's own projects in one allocation: each org gets a window of
	// exactly its size, filled in title order.
	all := make([]*Project, owned)
	for _, o := range s.Orgs {
		if n := o.Roll.Projects; n > 0 {
			o.Projects, all = all[:0:n], all[n:]
		}
	}
	for _, p := range s.Projects {
		if p.Org != nil {
			p.Org.Projects = append(p.Org.Projects, p)
		}
	}
	for _, r := range s.Roots {
		rollUp(r)
	}
	s.cover()
	return s
}

// copies returns pointers to the derived records made from the non-nil
// records of in, all held in one slice so a million records are one
// allocation, not a million.
func copies[R, T any](in []*R, derive func(R) T) []*T {
	n := 0
	for _, r := range in {
		if r != nil {
			n++
		}
	}
	vals := make([]T, n)
	out := make([]*T, n)
	i := 0
	for _, r := range in {
		if r == nil {
			continue
		}
		vals[i] = derive(*r)
		out[i] = &vals[i]
		i++
	}
	return out
}

func kindRank(k string) int {
	if k == "required" {
		return 0
	}
	return 1
}

func (p *Project) evaluate(asOf Date, warnGap float64) {
	p.Value, p.Measured = ValueAt(p.Readings, asOf)
	if !p.Measured {
		p.Value = p.Baseline
	}
	p.Percent = Percent(p.Value, p.Baseline, p.Target)
	p.Elapsed = Elapsed(p.Start, p.Due, asOf)
	p.Status = Judge(p.Percent, p.Start, p.Due, asOf, warnGap)
}

func (r *Rollup) addProject(p *Project) {
	r.Projects++
	r.PercentSum += p.Percent
	r.Status[p.Status]++
}

// buildTree links parents and children. An org whose parent is unknown, or
// that sits on a cycle, becomes a root, so the tree is always a forest.
func (s *Site) buildTree() {
	for _, o := range s.Orgs {
		if s.OrgByID[o.ID] != o {
			continue // a duplicate id; loading reported it
		}
		if p := s.OrgByID[o.ParentID]; p != nil && p != o {
			o.Parent = p
		}
	}
	for _, cyc := range load.Cycles(s.Orgs, func(o *Org) (string, string) { return o.ID, o.ParentID }) {
		for _, o := range cyc {
			o.Parent = nil
		}
	}
	for _, o := range s.Orgs { // in name order, so children are too
		if s.OrgByID[o.ID] != o {
			continue
		}
		if o.Parent != nil {
			o.Parent.Children = append(o.Parent.Children, o)
		} else {
			s.Roots = append(s.Roots, o)
		}
	}
	var depth func(o *Org, d int)
	depth = func(o *Org, d int) {
		o.Depth = d
		for _, c := range o.Children {
			depth(c, d+1)
		}
	}
	for _, r := range s.Roots {
		depth(r, 0)
	}
}

func rollUp(o *Org) {
	for _, c := range o.Children {
		rollUp(c)
		o.Roll.add(c.Roll)
	}
}

// Walk visits the org tree depth first, parents before children, in sorted order.
func (s *Site) Walk(visit func(o *Org)) {
	var walk func(o *Org)
	walk = func(o *Org) {
		visit(o)
		for _, c := range o.Children {
			walk(c)
		}
	}
	for _, r := range s.Roots {
		walk(r)
	}
}

// cover fills each task's coverage per org type.
func (s *Site) cover() {
	byType := map[string][]*Org{}
	for _, o := range s.Orgs {
		if s.OrgByID[o.ID] == o {
			byType[o.Type] = append(byType[o.Type], o)
		}
	}
	covered := map[*Task]map[*Org]bool{}
	for _, p := range s.Projects {
		if p.Task == nil {
			continue
		}
		m := covered[p.Task]
		if m == nil {
			m = map[*Org]bool{}
			covered[p.Task] = m
		}
		for o := p.Org; o != nil && !m[o]; o = o.Parent {
			m[o] = true
		}
	}
	for _, t := range s.Tasks {
		t.Coverage = nil
		for _, ty := range t.Types {
			c := Coverage{Type: ty, Orgs: len(byType[ty])}
			for _, o := range byType[ty] {
				if covered[t][o] {
					c.Covered++
				} else {
					c.Missing = append(c.Missing, o)
				}
			}
			t.Coverage = append(t.Coverage, c)
		}
	}
}

// TypeLabel returns the label of an org type key, or the key itself.
func (s *Site) TypeLabel(key string) string { return value.Label(s.Types, key) }

func newCollator() *collate.Collator {
	return collate.New(language.Chinese)
}

// sortByName sorts items by name in Chinese collation order (pinyin), then
// by id, so equal names keep a stable, input-independent order.
func sortByName[T any](col *collate.Collator, keys *Keys, list int, items []T, key func(T) (name, id string)) {
	in := make([]nameID, len(items))
	for i, it := range items {
		in[i].name, in[i].id = key(it)
	}
	orig := slices.Clone(items)
	if perm := keys.sorted(list, in); perm != nil {
		// The same names and ids in the same order as last time (serve,
		// when only readings changed): the same order out, without keys.
		for i, k := range perm {
			items[i] = orig[k]
		}
		return
	}
	type keyed struct {
		k  []byte
		id string
		at int32
	}
	var buf collate.Buffer
	ks := make([]keyed, len(items))
	for i, n := range in {
		ks[i] = keyed{keys.key(col, &buf, n.name), n.id, int32(i)}
	}
	sortOnCores(ks, func(a, b keyed) int {
		return cmp.Or(cmpBytes(a.k, b.k), cmp.Compare(a.id, b.id), cmp.Compare(a.at, b.at))
	})
	perm := make([]int32, len(ks))
	for i := range ks {
		items[i], perm[i] = orig[ks[i].at], ks[i].at
	}
	keys.keep(list, in, perm)
}

// sortOnCores sorts s by cmp, which no two items may tie on: a long list
// a half on each of two cores, the halves then merged (a province's million
// projects took 1.2 s on one core, with the other idle).
func sortOnCores[E any](s []E, cmp func(a, b E) int) {
	if len(s) < minSplitSort || runtime.GOMAXPROCS(0) < 2 {
		slices.SortFunc(s, cmp)
		return
	}
	a, b := s[:len(s)/2], s[len(s)/2:]
	var wg sync.WaitGroup
	wg.Go(func() { slices.SortFunc(a, cmp) })
	slices.SortFunc(b, cmp)
	wg.Wait()
	out := make([]E, 0, len(s))
	for len(a) > 0 && len(b) > 0 {
		if cmp(b[0], a[0]) < 0 {
			out, b = append(out, b[0]), b[1:]
		} else {
			out, a = append(out, a[0]), a[1:]
		}
	}
	copy(s, append(append(out, a...), b...))
}

// minSplitSort is the shortest list sortOnCores splits.
const minSplitSort = 1 << 14

func cmpBytes(a, b []byte) int {
	return slices.Compare(a, b)
}

// Ranked orders orgs by roll-up percent, highest first, orgs without
// projects last; ties keep their order (name order for sorted input).
func Ranked(orgs []*Org) []*Org {
	out := slices.Clone(orgs)
	key := func(o *Org) float64 {
		if p := o.Roll.Percent(); p != nil {
			return *p
		}
		return -1
	}
	slices.SortStableFunc(out, func(a, b *Org) int { return cmp.Compare(key(b), key(a)) })
	return out
}
