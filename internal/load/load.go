// Package load reads a site's four data files into typed records and checks
// them, alone and against each other, reporting every problem with its place.
// It is the only user of gocsv. Progress readings are streamed: each is kept
// as a 16-byte reading on its project, never as a row.
package load

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/sheet"
	"github.com/qingdan/qingdan/internal/value"
)

// Data is what the data files hold, typed and checked.
type Data struct {
	Orgs     []*Org
	Projects []*Project
	Tasks    []*Task
	Readings int
	Latest   value.Date       // the latest reading date, NoDate without readings
	Notes    map[int32]string // non-empty reading notes, by line in progress
	Progress string           // the progress file as messages name it, "" without one
}

// The data files, by base name, in the order they are read.
var names = []string{"orgs", "tasks", "projects", "progress"}

type loader struct {
	l     *diag.List
	types []value.OrgType
	d     *Data

	orgLine     map[string]int
	taskLine    map[string]int
	projectLine map[string]int
	projects    map[string]*Project
	orgs        map[string]*Org
	tasks       map[string]*Task
	parentAt    map[string]diag.Pos // where each org names its parent

	orgNames, taskNames, projectNames nameIndex // ids by name, for a name where an id belongs

	lastID string   // the project of the last reading
	lastP  *Project // and the project of that id, or nil

	// was is what the progress file's rows were read as by the last Load,
	// by row number; now is where this Load notes what they are read as
	// (nil: not noted).
	was   []read
	now   []read
	taken int
}

// maxDates bounds the dates a file's cells remember, read (see cells.date).
const maxDates = 4096

// Dir loads the data files in src/data. Types are the site's org types; lim
// bounds each file (zero fields: the sheet package's defaults).
func Dir(src string, types []value.OrgType, lim sheet.Limits, l *diag.List) *Data {
	rc := ReadRecords(src, types, lim)
	rc.keep = false // read once: the readings go onto the records themselves
	return rc.Load(lim, l)
}

// Records is what the data files other than progress hold: the orgs, tasks
// and projects, checked, with their problems. A clerk mostly corrects
// readings; serve keeps the Records while only the progress file changes,
// and loads the readings onto them again (a county's 360,000 readings are
// two thirds of its data).
type Records struct {
	ld    *loader
	files map[string]found
	l     *diag.List
	keep  bool // Load leaves the records as they are, for the next Load
	// decoded keeps the progress file's rows as decoded, for the next
	// Load (with keep): most of them are read as they were.
	decoded *chunkMemo[progressRow]
	// counts are how many readings each project had at the last Load,
	// and notes how many notes: the next Load makes room for as many.
	counts []int32
	notes  int
	// read is what the last Load read each row of the progress file as
	// (see loader.reading), and taken how many rows it took from the Load
	// before.
	read  []read
	taken int
}

// ReadRecords reads the orgs, tasks and projects of src/data.
func ReadRecords(src string, types []value.OrgType, lim sheet.Limits) *Records {
	l := &diag.List{}
	ld := &loader{
		l: l, types: types,
		d:           &Data{Latest: value.NoDate, Notes: map[int32]string{}},
		orgLine:     map[string]int{},
		taskLine:    map[string]int{},
		projectLine: map[string]int{},
		projects:    map[string]*Project{},
		orgs:        map[string]*Org{},
		tasks:       map[string]*Task{},
		parentAt:    map[string]diag.Pos{},
	}
	files := ld.find(filepath.Join(src, "data"))
	if f, ok := files["orgs"]; ok {
		readSheet(l, lim, f.path, f.shown, nil, ld.org)
	}
	if f, ok := files["tasks"]; ok {
		readSheet(l, lim, f.path, f.shown, nil, ld.task)
	}
	if f, ok := files["projects"]; ok {
		readSheet(l, lim, f.path, f.shown, nil, ld.project)
	}
	ld.checkOrgs(files)
	return &Records{ld: ld, files: files, l: l, keep: true}
}

// Load reads the progress file (the one ReadRecords found) onto the
// records, and reports the records' problems and the readings' in l. The
// records are left as they were unless they were read by Dir.
func (rc *Records) Load(lim sheet.Limits, l *diag.List) *Data {
	l.Merge(rc.l)
	ld := *rc.ld
	ld.l = l
	ld.lastID, ld.lastP = "", nil
	var room []Reading // the readings as many as last time, one array
	if rc.keep {
		ld.was, ld.now = rc.read, make([]read, 0, len(rc.read)) // not nil: noted
		ld.d = &Data{Orgs: rc.ld.d.Orgs, Tasks: rc.ld.d.Tasks, Latest: value.NoDate, Notes: make(map[int32]string, rc.notes)}
		ld.d.Projects = make([]*Project, len(rc.ld.d.Projects))
		ld.projects = make(map[string]*Project, len(rc.ld.projects))
		copies := make([]Project, len(rc.ld.d.Projects))
		counted := len(rc.counts) == len(copies)
		if counted {
			n := 0
			for _, k := range rc.counts {
				n += int(k)
			}
			room = make([]Reading, n)
		}
		at := 0
		for i, p := range rc.ld.d.Projects {
			c := &copies[i]
			*c = *p
			if counted {
				k := int(rc.counts[i])
				c.Readings, at = room[at:at:at+k], at+k
			}
			ld.d.Projects[i], ld.projects[p.ID] = c, c
		}
	}
	if f, ok := rc.files["progress"]; ok {
		ld.d.Progress = f.shown
		var memo **chunkMemo[progressRow]
		if rc.keep {
			memo = &rc.decoded
		}
		readSheet(l, lim, f.path, f.shown, memo, ld.reading)
	}
	ld.checkReadings(rc.files, room)
	if rc.keep {
		rc.counts = rc.counts[:0]
		for _, p := range ld.d.Projects {
			rc.counts = append(rc.counts, int32(len(p.Readings)))
		}
		rc.notes = len(ld.d.Notes)
		rc.read, rc.taken = ld.now, ld.taken
	}
	return ld.d
}

type found struct{ path, shown string }

// find picks data/NAME.csv or data/NAME.xlsx for each data file and warns
// about files it does not know.
func (ld *loader) find(dir string) map[string]found {
	out := map[string]found{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return out
	}
	var known []string
	for _, n := range names {
		known = append(known, n+".csv", n+".xlsx")
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") {
			continue
		}
		shown := "data/" + name
		ext := strings.ToLower(filepath.Ext(name))
		base := strings.TrimSuffix(name, filepath.Ext(name))
		if !slices.Contains(names, base) || (ext != ".csv" && ext != ".xlsx") {
			ld.l.Warn(diag.Pos{File: shown}, "file.unknown", diag.Names(known))
			continue
		}
		if prev, dup := out[base]; dup {
			ld.l.Error(diag.Pos{File: shown}, "file.both", prev.shown, shown)
			continue
		}
		out[base] = found{filepath.Join(dir, name), shown}
	}
	return out
}

var slug = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// id checks a record's id cell and that it is not taken; it returns whether
// the record should be kept.
func (c *cells) id(key, v string, seen map[string]int) bool {
	if v == "" {
		c.empty(key)
		return false
	}
	if !slug.MatchString(v) {
		c.errorf(key, "cell.id", diag.Quote(v))
	}
	c.idLength(key, v)
	if first, dup := seen[v]; dup {
		c.l.Error(c.pos(key), "id.dup", diag.Quote(v), first)
		return false
	}
	seen[v] = c.line
	return true
}

// need reports an empty required cell.
func (c *cells) need(key, v string) {
	if v == "" {
		c.empty(key)
	}
}

func (c *cells) date(key, v string, required bool) value.Date {
	if v == "" {
		if required {
			c.empty(key)
		}
		return value.NoDate
	}
	if d, ok := c.dates[v]; ok {
		return d
	}
	d, why := value.ParseDate(v)
	if why == nil && len(c.dates) < maxDates {
		if c.dates == nil {
			c.dates = map[string]value.Date{}
		}
		c.dates[v] = d // a progress file repeats its few dates on every row
	}
	if why != nil {
		if day, ok := serialDate(v, c.date1904); ok {
			c.errorf(key, c.serialKey(), diag.Quote(v), day)
		} else {
			c.errorf(key, "cell.date", diag.Quote(v), *why)
		}
	}
	return d
}

func (c *cells) number(key, v string) (float64, bool) {
	if v == "" {
		c.empty(key)
		return 0, false
	}
	f, why := value.ParseNumber(v)
	if why != nil {
		c.errorf(key, "cell.number", diag.Quote(v), *why)
		return 0, false
	}
	return f, true
}

// enum accepts an option's key (any case) or its label.
func (c *cells) enum(key, v string, options []value.OrgType) string {
	if k, ok := lookup(v, options); ok {
		return k
	}
	c.errorf(key, "cell.enum", diag.Quote(v), optionNames(options))
	return ""
}

func lookup(v string, options []value.OrgType) (string, bool) {
	n := value.Narrow(v)
	for _, o := range options {
		if strings.EqualFold(n, o.Key) || v == o.Label || n == value.Narrow(o.Label) {
			return o.Key, true
		}
	}
	return "", false
}

func optionNames(options []value.OrgType) diag.Names {
	var ns diag.Names
	for _, o := range options {
		ns = append(ns, o.Key+"/"+o.Label)
	}
	return ns
}

func (ld *loader) org(r *orgRow, c *cells) {
	if !c.id("id", r.ID, ld.orgLine) {
		return
	}
	o := &Org{
		ID: r.ID, Name: r.Name, ParentID: r.Parent, Secretary: r.Secretary,
		Area: r.Area, Summary: r.Summary, Line: c.line, Founded: value.NoDate,
	}
	c.need("name", r.Name)
	if r.Type == "" {
		c.empty("type")
	} else {
		o.Type = c.enum("type", r.Type, ld.types)
	}
	if r.Members != "" {
		n, why := value.ParseCount(r.Members)
		if why != nil {
			c.errorf("members", "cell.count", diag.Quote(r.Members))
		}
		o.Members = n
	}
	o.Founded = c.date("founded", r.Founded, false)
	if r.Demo != "" {
		o.Demo = c.enum("demo", r.Demo, value.DemoLevels())
	}
	if r.Parent != "" && r.Parent == r.ID {
		c.l.Error(c.pos("parent"), "org.selfParent", diag.Quote(r.ID))
		o.ParentID = ""
	}
	if o.ParentID != "" {
		ld.parentAt[o.ID] = c.pos("parent")
	}
	ld.orgNames.add(r.Name, o.ID)
	ld.orgs[o.ID] = o
	ld.d.Orgs = append(ld.d.Orgs, o)
}

func (ld *loader) task(r *taskRow, c *cells) {
	if !c.id("id", r.ID, ld.taskLine) {
		return
	}
	t := &Task{ID: r.ID, Title: r.Title, Category: r.Category, Description: r.Description, Line: c.line}
	c.need("title", r.Title)
	for _, part := range splitList(r.Types) {
		for _, k := range listItem(c, "types", part, ld.types) {
			if !slices.Contains(t.Types, k) {
				t.Types = append(t.Types, k)
			}
		}
	}
	if r.Types == "" {
		c.l.Error(c.pos("types"), "task.types")
	}
	if r.Kind == "" {
		c.empty("kind")
	} else {
		t.Kind = c.enum("kind", r.Kind, value.TaskKinds())
	}
	t.Due = c.date("due", r.Due, false)
	ld.taskNames.add(r.Title, t.ID)
	ld.tasks[t.ID] = t
	ld.d.Tasks = append(ld.d.Tasks, t)
}

// splitList splits a cell's list at | (or its full-width form), dropping blanks.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == '|' || r == '｜' }) {
		if p = clean(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func (ld *loader) project(r *projectRow, c *cells) {
	if !c.id("id", r.ID, ld.projectLine) {
		return
	}
	p := &Project{
		ID: r.ID, OrgID: r.Org, TaskID: r.Task, Title: r.Title, Category: r.Category,
		Owner: r.Owner, Indicator: r.Indicator, Unit: r.Unit, Summary: r.Summary, Line: c.line,
	}
	c.need("title", r.Title)
	c.need("owner", r.Owner)
	c.need("indicator", r.Indicator)
	if r.Org == "" {
		c.empty("org")
	} else if ld.orgs[r.Org] == nil {
		badRef(c.l, c.pos("org"), c.col("org").name(), kindOrg, r.Org, ld.orgs, &ld.orgNames)
	}
	if r.Task != "" && ld.tasks[r.Task] == nil {
		badRef(c.l, c.pos("task"), c.col("task").name(), kindTask, r.Task, ld.tasks, &ld.taskNames)
	}
	p.Start = c.date("start", r.Start, true)
	p.Due = c.date("due", r.Due, true)
	if !p.Start.IsZero() && !p.Due.IsZero() && p.Due < p.Start {
		c.l.Error(c.pos("due"), "project.due", p.Due.String(), p.Start.String())
	}
	b, okB := c.number("baseline", r.Baseline)
	t, okT := c.number("target", r.Target)
	p.Baseline, p.Target = b, t
	if okB && okT && b == t {
		c.l.Error(c.pos("target"), "project.target", diag.Quote(r.Target))
	}
	if o, t := ld.orgs[r.Org], ld.tasks[r.Task]; o != nil && t != nil && o.Type != "" && len(t.Types) > 0 && !slices.Contains(t.Types, o.Type) {
		c.l.Warn(c.pos("task"), "project.taskType", diag.Quote(t.ID), value.Label(ld.types, o.Type), diag.Quote(o.ID))
	}
	ld.projectNames.add(r.Title, p.ID)
	ld.projects[p.ID] = p
	p.index = int32(len(ld.d.Projects))
	ld.d.Projects = append(ld.d.Projects, p)
}

// checkOrgs runs the checks that need every org read: parents, cycles.
func (ld *loader) checkOrgs(files map[string]found) {
	orgFile := files["orgs"].shown
	for _, o := range ld.d.Orgs {
		if o.ParentID != "" && ld.orgs[o.ParentID] == nil {
			at, ok := ld.parentAt[o.ID]
			if !ok {
				at = diag.Pos{File: orgFile, Line: o.Line}
			}
			badRef(ld.l, at, diag.Column{Zh: "上级", En: "parent"}, kindOrg, o.ParentID, ld.orgs, &ld.orgNames)
		}
	}
	for _, cyc := range Cycles(ld.d.Orgs, func(o *Org) (string, string) { return o.ID, o.ParentID }) {
		if len(cyc) == 1 {
			continue // a self-parent, reported where it was read
		}
		var ids []string
		for _, o := range cyc {
			ids = append(ids, o.ID)
		}
		ids = append(ids, cyc[0].ID)
		ld.l.Error(diag.Pos{File: orgFile, Line: cyc[0].Line}, "org.cycle", strings.Join(ids, " → "))
	}
}
