package model

import (
	"cmp"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/load"
	"github.com/qingdan/qingdan/internal/value"
)

func ids[T any](xs []T, id func(T) string) []string {
	out := []string{}
	for _, x := range xs {
		out = append(out, id(x))
	}
	return out
}

func orgID(o *Org) string { return o.ID }

func sample() Input {
	orgs := []*load.Org{
		{ID: "county", Name: "中共高明县委", Type: "committee"},
		{ID: "town", Name: "高明镇党委", Type: "committee", ParentID: "county"},
		{ID: "wenyuan", Name: "文苑社区党总支", Type: "community", ParentID: "town"},
		{ID: "dongcun", Name: "东村社区党总支", Type: "community", ParentID: "town"},
		{ID: "haqian", Name: "小街哈前村党总支", Type: "rural", ParentID: "town"},
		{ID: "court", Name: "县法院机关党委", Type: "organ", ParentID: "county"},
		{ID: "other", Name: "阿坝某村", Type: "rural"}, // a second root
	}
	tasks := []*load.Task{
		{ID: "three", Title: "三会一课", Types: []string{"community", "rural"}, Kind: "required"},
		{ID: "read", Title: "党员读书日", Types: []string{"organ"}, Kind: "optional"},
	}
	asOf := d("2022-06-30")
	r := func(date string, v float64) Reading { return Reading{Date: d(date), Value: v} }
	projects := []*load.Project{
		{ID: "p1", OrgID: "wenyuan", TaskID: "three", Title: "九宫格", Start: d("2022-01-01"), Due: d("2022-12-31"), Baseline: 0, Target: 9, Readings: []Reading{r("2022-06-30", 9)}},
		{ID: "p2", OrgID: "dongcun", Title: "垃圾分类", Start: d("2022-01-01"), Due: d("2022-03-31"), Baseline: 0, Target: 10, Readings: []Reading{r("2022-03-31", 5)}},
		{ID: "p3", OrgID: "haqian", TaskID: "three", Title: "产业", Start: d("2022-08-01"), Due: d("2022-12-31"), Baseline: 0, Target: 10},
		{ID: "p4", OrgID: "town", Title: "镇级项目", Start: d("2022-01-01"), Due: d("2022-12-31"), Baseline: 100, Target: 0, Readings: []Reading{r("2022-05-31", 65)}},
		{ID: "p5", OrgID: "court", Title: "阳光司法", Start: d("2022-01-01"), Due: d("2022-12-31"), Baseline: 0, Target: 100, Readings: []Reading{r("2022-06-30", 10)}},
	}
	return Input{AsOf: asOf, WarnGap: value.DefaultWarnGap, Orgs: orgs, Projects: projects, Tasks: tasks}
}

func TestNewTreeAndRollup(t *testing.T) {
	s := New(sample())
	if got := ids(s.Roots, orgID); !reflect.DeepEqual(got, []string{"other", "county"}) {
		t.Errorf("roots in pinyin order = %v", got) // 阿 (a) before 中 (zhong)
	}
	town := s.OrgByID["town"]
	// 东村 (dong) < 文苑 (wen) < 小街 (xiao)
	if got := ids(town.Children, orgID); !reflect.DeepEqual(got, []string{"dongcun", "wenyuan", "haqian"}) {
		t.Errorf("children = %v", got)
	}
	if s.OrgByID["wenyuan"].Depth != 2 || s.OrgByID["county"].Depth != 0 {
		t.Error("depths wrong")
	}
	// statuses: p1 done, p2 overdue, p3 not started, p4 35% at elapsed ~0.49 → on track, p5 10% at ~0.49 → behind
	want := map[string]Status{"p1": Done, "p2": Overdue, "p3": NotStarted, "p4": OnTrack, "p5": Behind}
	for id, st := range want {
		if got := s.ProjectByID[id].Status; got != st {
			t.Errorf("%s status %s, want %s", id, got, st)
		}
	}
	county := s.OrgByID["county"].Roll
	if county.Projects != 5 || county.Status != [NumStatus]int{1, 1, 1, 1, 1} {
		t.Errorf("county roll-up %+v", county)
	}
	if p := county.Percent(); p == nil || *p != (1+0.5+0+0.35+0.1)/5 {
		t.Errorf("county percent %v", p)
	}
	townRoll := town.Roll
	if townRoll.Projects != 4 || *townRoll.Percent() != (1+0.5+0+0.35)/4 {
		t.Errorf("town roll-up %+v", townRoll)
	}
	if s.OrgByID["other"].Roll.Percent() != nil {
		t.Error("an org without projects has no percent")
	}
	if s.Total != county {
		t.Errorf("total %+v differs from the only root with projects", s.Total)
	}
}

func TestCoverage(t *testing.T) {
	s := New(sample())
	three := s.TaskByID["three"]
	if len(three.Coverage) != 2 {
		t.Fatalf("coverage %+v", three.Coverage)
	}
	comm, rural := three.Coverage[0], three.Coverage[1]
	if comm.Type != "community" || comm.Orgs != 2 || comm.Covered != 1 || ids(comm.Missing, orgID)[0] != "dongcun" {
		t.Errorf("community coverage %+v", comm)
	}
	if rural.Orgs != 2 || rural.Covered != 1 || !reflect.DeepEqual(ids(rural.Missing, orgID), []string{"other"}) {
		t.Errorf("rural coverage %+v", rural)
	}
	if s.Tasks[0].ID != "three" {
		t.Error("required tasks come first")
	}
}

func TestCycles(t *testing.T) {
	orgs := []*load.Org{
		{ID: "a", ParentID: "c"}, {ID: "b", ParentID: "a"}, {ID: "c", ParentID: "b"},
		{ID: "d", ParentID: "a"}, // hangs off the cycle, is not on it
		{ID: "e", ParentID: "e"},
		{ID: "f", ParentID: "missing"},
	}
	rawID := func(o *load.Org) string { return o.ID }
	cs := load.Cycles(orgs, func(o *load.Org) (string, string) { return o.ID, o.ParentID })
	if len(cs) != 2 || !reflect.DeepEqual(ids(cs[0], rawID), []string{"a", "c", "b"}) || !reflect.DeepEqual(ids(cs[1], rawID), []string{"e"}) {
		for _, c := range cs {
			t.Log(ids(c, rawID))
		}
		t.Fatal("wrong cycles")
	}
	s := New(Input{Orgs: orgs})
	// every org is still reachable from a root
	n := 0
	s.Walk(func(*Org) { n++ })
	if n != len(orgs) {
		t.Errorf("walk visits %d of %d orgs", n, len(orgs))
	}
}

func TestNewIgnoresInputOrder(t *testing.T) {
	a := New(sample())
	for i := 0; i < 20; i++ {
		in := sample()
		rng := rand.New(rand.NewPCG(uint64(i), 1))
		rng.Shuffle(len(in.Orgs), func(i, j int) { in.Orgs[i], in.Orgs[j] = in.Orgs[j], in.Orgs[i] })
		rng.Shuffle(len(in.Projects), func(i, j int) { in.Projects[i], in.Projects[j] = in.Projects[j], in.Projects[i] })
		rng.Shuffle(len(in.Tasks), func(i, j int) { in.Tasks[i], in.Tasks[j] = in.Tasks[j], in.Tasks[i] })
		b := New(in)
		if !reflect.DeepEqual(ids(a.Orgs, orgID), ids(b.Orgs, orgID)) ||
			!reflect.DeepEqual(ids(a.Projects, func(p *Project) string { return p.ID }), ids(b.Projects, func(p *Project) string { return p.ID })) ||
			a.Total != b.Total {
			t.Fatal("order depends on input")
		}
	}
}

// Keys kept from one New to the next change no order: orgs, projects and
// tasks sort by their names as they are now, after a rename, a swap of two
// names, names added and dropped, and the same names again, as a New
// without keys sorts them.
func TestKeysKept(t *testing.T) {
	names := [][]string{
		{"张家村", "安平镇", "北关社区", "安平镇"},
		{"北关社区", "张家村", "中和街道", "安平镇"}, // renamed and swapped
		{"阿里", "安平镇"},                  // fewer
		{"中和街道", "安平镇", "张家村", "北关社区"},
		{"中和街道", "安平镇", "张家村", "北关社区"}, // the same again: the order kept
		{"中和街道", "安平镇", "张家村", "阿城"},
	}
	var keys Keys
	for round, ns := range names {
		var in Input
		for i, n := range ns {
			id := string(rune('a' + i))
			in.Orgs = append(in.Orgs, &load.Org{ID: id, Name: n})
			in.Projects = append(in.Projects, &load.Project{ID: id, OrgID: id, Title: n + "项目"})
			in.Tasks = append(in.Tasks, &load.Task{ID: id, Title: n})
		}
		want := New(in)
		in.Keys = &keys
		got := New(in)
		order := func(s *Site) string {
			var b strings.Builder
			for _, o := range s.Orgs {
				b.WriteString(o.ID)
			}
			for _, p := range s.Projects {
				b.WriteString(p.ID)
			}
			for _, k := range s.Tasks {
				b.WriteString(k.ID)
			}
			return b.String()
		}
		if order(got) != order(want) {
			t.Errorf("round %d: with kept keys %s, without %s", round, order(got), order(want))
		}
		if len(keys.last) != len(distinct(ns)) {
			t.Errorf("round %d: %d keys kept, want those of this round's names only", round, len(keys.last))
		}
	}
}

// distinct is the names of orgs, tasks and projects, once each.
func distinct(ns []string) map[string]bool {
	m := map[string]bool{}
	for _, n := range ns {
		m[n], m[n+"项目"] = true, true
	}
	return m
}

// sortOnCores sorts as one sort does, on lists long enough to be split
// and not, with halves of every shape (one side used up first, runs).
func TestSortOnCores(t *testing.T) {
	for _, n := range []int{0, 1, 7, minSplitSort - 1, minSplitSort, minSplitSort + 1, 3*minSplitSort + 5} {
		for _, mod := range []int{1, 3, n + 1} {
			s := make([][2]int, n)
			for i := range s {
				s[i] = [2]int{(i * 7919) % mod, i}
			}
			cmpPair := func(a, b [2]int) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) }
			want := slices.Clone(s)
			slices.SortFunc(want, cmpPair)
			sortOnCores(s, cmpPair)
			if !slices.Equal(s, want) {
				t.Fatalf("n %d, mod %d: not sorted as one sort does", n, mod)
			}
		}
	}
}
