package model

import (
	"reflect"
	"sync"
	"testing"

	"github.com/qingdan/qingdan/internal/load"
)

// TestNewLeavesInputUnchanged: New derives into copies; the records it is
// given, as the loader made them, are the same before and after.
func TestNewLeavesInputUnchanged(t *testing.T) {
	in := sample()
	New(in)
	if want := sample(); !reflect.DeepEqual(in, want) {
		t.Fatal("New changed its input")
	}
}

// TestNewCopiesRecords: the site's records (of their own type) carry the
// loaded fields, and share the readings, which are immutable.
func TestNewCopiesRecords(t *testing.T) {
	in := sample()
	s := New(in)
	if len(s.Orgs) != len(in.Orgs) || len(s.Projects) != len(in.Projects) || len(s.Tasks) != len(in.Tasks) {
		t.Fatalf("site has %d/%d/%d records, input %d/%d/%d", len(s.Orgs), len(s.Projects), len(s.Tasks), len(in.Orgs), len(in.Projects), len(in.Tasks))
	}
	for _, p := range in.Projects {
		q := s.ProjectByID[p.ID]
		if q.Title != p.Title || q.Target != p.Target || q.Start != p.Start {
			t.Errorf("copy of %s differs: %+v", p.ID, q)
		}
		if len(p.Readings) > 0 && &q.Readings[0] != &p.Readings[0] {
			t.Errorf("readings of %s were copied, not shared", p.ID)
		}
	}
	// Every link of the site stays inside the site.
	for _, p := range s.Projects {
		if p.Org != nil && s.OrgByID[p.Org.ID] != p.Org {
			t.Errorf("project %s links to an org outside the site", p.ID)
		}
		if p.Task != nil && s.TaskByID[p.Task.ID] != p.Task {
			t.Errorf("project %s links to a task outside the site", p.ID)
		}
	}
	s.Walk(func(o *Org) {
		if s.OrgByID[o.ID] != o || (o.Parent != nil && s.OrgByID[o.Parent.ID] != o.Parent) {
			t.Errorf("org %s links outside the site", o.ID)
		}
	})
}

// TestNewTwiceOnOneLoad: two sites from the same records with different
// as_of dates are each correct, and building the second leaves the first as
// it was.
func TestNewTwiceOnOneLoad(t *testing.T) {
	in := sample()
	first := New(in)
	want := New(sample()) // the same site from records New never saw

	early := in
	early.AsOf = d("2022-02-15")
	second := New(early)

	if !reflect.DeepEqual(first, want) {
		t.Error("the second New changed the first site")
	}
	// On 2022-06-30: p1 done, p2 overdue, p3 not started, p4 on track, p5 behind.
	// On 2022-02-15 no reading is in yet and p2 (due 03-31) still runs.
	wantFirst := map[string]Status{"p1": Done, "p2": Overdue, "p3": NotStarted, "p4": OnTrack, "p5": Behind}
	wantSecond := map[string]Status{"p1": OnTrack, "p2": Behind, "p3": NotStarted, "p4": OnTrack, "p5": OnTrack}
	for id, st := range wantFirst {
		if got := first.ProjectByID[id].Status; got != st {
			t.Errorf("first site: %s is %s, want %s", id, got, st)
		}
	}
	for id, st := range wantSecond {
		if got := second.ProjectByID[id].Status; got != st {
			t.Errorf("second site: %s is %s, want %s", id, got, st)
		}
	}
	if first.ProjectByID["p1"].Value != 9 || !first.ProjectByID["p1"].Measured {
		t.Errorf("first site p1 value %v", first.ProjectByID["p1"].Value)
	}
	if second.ProjectByID["p1"].Value != 0 || second.ProjectByID["p1"].Measured {
		t.Errorf("second site p1 value %v", second.ProjectByID["p1"].Value)
	}
	if got := first.OrgByID["county"].Roll.Status; got != [NumStatus]int{1, 1, 1, 1, 1} {
		t.Errorf("first site county statuses %v", got)
	}
	if got := second.OrgByID["county"].Roll.Status; got != [NumStatus]int{0, 3, 1, 0, 1} {
		t.Errorf("second site county statuses %v", got)
	}
	if first.OrgByID["town"] == second.OrgByID["town"] || first.ProjectByID["p1"] == second.ProjectByID["p1"] {
		t.Error("the two sites share records")
	}
	if first.OrgByID["wenyuan"].Parent != first.OrgByID["town"] || second.OrgByID["wenyuan"].Parent != second.OrgByID["town"] {
		t.Error("a site's tree links into the other site")
	}
}

// TestNewDuplicatePointer: the same record listed twice is one org in the
// tree, not two children.
func TestNewDuplicatePointer(t *testing.T) {
	root := &load.Org{ID: "r", Name: "r"}
	kid := &load.Org{ID: "k", Name: "k", ParentID: "r"}
	s := New(Input{Orgs: []*load.Org{root, kid, kid}})
	if n := len(s.OrgByID["r"].Children); n != 1 {
		t.Errorf("root has %d children", n)
	}
	n := 0
	s.Walk(func(*Org) { n++ })
	if n != 2 {
		t.Errorf("walk visits %d orgs", n)
	}
}

// TestNewConcurrent builds sites from one load at once; run with -race it
// also proves New only reads its input.
func TestNewConcurrent(t *testing.T) {
	in := sample()
	dates := []Date{d("2022-02-15"), d("2022-06-30"), d("2023-01-31"), d("2021-12-01")}
	sites := make([]*Site, len(dates))
	var wg sync.WaitGroup
	for i, at := range dates {
		wg.Go(func() {
			x := in
			x.AsOf = at
			sites[i] = New(x)
		})
	}
	wg.Wait()
	for i, at := range dates {
		x := sample()
		x.AsOf = at
		if !reflect.DeepEqual(sites[i], New(x)) {
			t.Errorf("site as of %s differs", at)
		}
	}
	if !reflect.DeepEqual(in, sample()) {
		t.Error("input changed")
	}
}

// TestOrgProjectsCapped: orgs' project lists share one allocation, but
// appending to one cannot overwrite another's.
func TestOrgProjectsCapped(t *testing.T) {
	s := New(sample())
	before := map[string][]string{}
	for _, o := range s.Orgs {
		before[o.ID] = ids(o.Projects, func(p *Project) string { return p.ID })
	}
	for _, o := range s.Orgs {
		_ = append(o.Projects, &Project{ID: "intruder"})
	}
	for _, o := range s.Orgs {
		if got := ids(o.Projects, func(p *Project) string { return p.ID }); !reflect.DeepEqual(got, before[o.ID]) {
			t.Errorf("%s projects %v, were %v", o.ID, got, before[o.ID])
		}
	}
	if got := ids(s.OrgByID["wenyuan"].Projects, func(p *Project) string { return p.ID }); !reflect.DeepEqual(got, []string{"p1"}) {
		t.Errorf("wenyuan projects %v", got)
	}
}
