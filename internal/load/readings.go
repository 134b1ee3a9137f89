package load

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/value"
)

// farFactor is how many times the target's distance from the baseline a
// reading may lie from the baseline before it looks like a typo (an extra
// zero makes it ten times).
const farFactor = 5

// plausible warns, at the reading's value, about readings that are most
// likely mistakes: a percent sign for a project counted in other units, a
// value far beyond the target, or one on the wrong side of the baseline.
// raw is the cell as written, v what it was read as. A reading gets at most
// one warning. It reports whether it found the reading plausible.
func plausible(c *cells, p *Project, raw string, v float64) bool {
	if strings.HasSuffix(strings.TrimSpace(value.Narrow(raw)), "%") && p.Unit != "" && !percentUnit(p.Unit) {
		c.l.Warn(c.pos("value"), "reading.percent", diag.Quote(raw), diag.Quote(p.ID), diag.Quote(p.Unit), num(v)+" "+p.Unit)
		return false // one warning a reading: this one explains the others
	}
	span := p.Target - p.Baseline
	if span == 0 || math.IsNaN(span) || math.IsInf(span, 0) {
		return true
	}
	d := v - p.Baseline
	switch {
	case d/span > farFactor:
		c.l.Warn(c.pos("value"), "reading.far", diag.Quote(raw), num(p.Baseline), num(p.Target), farFactor)
	case d/span < 0 && span > 0:
		c.l.Warn(c.pos("value"), "reading.below", diag.Quote(raw), num(p.Baseline), diag.Quote(p.ID), num(p.Target))
	case d/span < 0:
		c.l.Warn(c.pos("value"), "reading.above", diag.Quote(raw), num(p.Baseline), diag.Quote(p.ID), num(p.Target))
	default:
		return true
	}
	return false
}

// percentUnit reports whether a project's unit is a percentage.
func percentUnit(unit string) bool {
	u := value.Narrow(unit)
	return strings.Contains(u, "%") || strings.Contains(u, "‰") || strings.Contains(u, "百分")
}

// num writes a number as users write it, without exponent or trailing zeros.
func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// Late reports, as one warning, the readings dated after asOf, which no
// figure counts: how many, where the first of them is, where asOf came from
// (--as-of when fromFlag, else as_of in qingdan.toml) and how to count them.
// It does nothing when asOf is NoDate or every reading is on or before it,
// as when asOf is the latest reading's date.
func (d *Data) Late(asOf value.Date, fromFlag bool, l *diag.List) {
	if asOf.IsZero() || d.Latest.IsZero() || d.Latest <= asOf {
		return
	}
	n, first := 0, int32(0)
	for _, p := range d.Projects {
		for _, r := range p.Readings {
			if r.Date > asOf {
				n++
				if first == 0 || r.Line < first {
					first = r.Line
				}
			}
		}
	}
	if n == 0 {
		return
	}
	from, hint := diag.M("asof.fromConfig"), diag.M("asof.hintConfig")
	if fromFlag {
		from, hint = diag.M("asof.fromFlag"), diag.M("asof.hintFlag")
	}
	l.Warn(diag.Pos{File: d.Progress, Line: int(first)}, "asof.late", n, asOf.String(), from, d.Latest.String(), hint)
}

// read is what a row of the progress file was read as, when it was read
// without a problem: a reading of project number p-1 (0: none kept).
type read struct {
	p     int32
	date  value.Date
	value float64
}

// reading reads a row of the progress file onto its project. A row read
// as the last Load read it, without a problem, is not checked again: what
// it was read as is taken (the records are the same).
func (ld *loader) reading(r *progressRow, c *cells) {
	if c.same && c.row < len(ld.was) && ld.was[c.row].p > 0 {
		w := ld.was[c.row]
		ld.taken++
		ld.note(c.row, w)
		ld.add(ld.d.Projects[w.p-1], r, c, w.date, w.value)
		return
	}
	p := ld.lastP // a project's readings mostly stand together
	if r.Project != ld.lastID {
		p = ld.projects[r.Project]
		ld.lastID, ld.lastP = r.Project, p
	}
	switch {
	case r.Project == "":
		c.empty("project")
	case p == nil:
		badRef(c.l, c.pos("project"), c.col("project").name(), kindProject, r.Project, ld.projects, &ld.projectNames)
	}
	d := c.date("date", r.Date, true)
	v, ok := c.number("value", r.Value)
	if p == nil || d.IsZero() || !ok {
		return
	}
	quiet := true
	if !p.Start.IsZero() && d < p.Start {
		c.l.Warn(c.pos("date"), "progress.early", d.String(), p.Start.String())
		quiet = false
	}
	if !plausible(c, p, r.Value, v) {
		quiet = false
	}
	if quiet {
		ld.note(c.row, read{p.index + 1, d, v})
	}
	ld.add(p, r, c, d, v)
}

// note notes what row number row was read as, for the next Load.
func (ld *loader) note(row int, w read) {
	if ld.now == nil || row >= memoRows {
		return
	}
	for len(ld.now) <= row {
		ld.now = append(ld.now, read{})
	}
	ld.now[row] = w
}

// add adds the reading of a row to project p.
func (ld *loader) add(p *Project, r *progressRow, c *cells, d value.Date, v float64) {
	p.Readings = append(p.Readings, Reading{Date: d, Line: int32(c.line), Value: v})
	if r.Note != "" {
		ld.d.Notes[int32(c.line)] = r.Note
	}
	if ld.d.Latest.IsZero() || d > ld.d.Latest {
		ld.d.Latest = d
	}
	ld.d.Readings++
}

// checkReadings checks that each project has one reading a day, and packs
// the readings, unless they fill room, made for them, as they are.
func (ld *loader) checkReadings(files map[string]found, room []Reading) {
	progFile := files["progress"].shown
	for _, p := range ld.d.Projects {
		rs := p.Readings
		slices.SortStableFunc(rs, func(a, b Reading) int {
			if a.Date != b.Date {
				return int(a.Date - b.Date)
			}
			return int(a.Line - b.Line)
		})
		for i := 1; i < len(rs); i++ {
			if rs[i].Date == rs[i-1].Date {
				ld.l.Error(diag.Pos{File: progFile, Line: int(rs[i].Line)}, "progress.dup", diag.Quote(p.ID), rs[i].Date.String(), int(rs[i-1].Line))
			}
		}
	}
	if !filled(ld.d.Projects, room) {
		packReadings(ld.d.Projects)
	}
}

// filled reports whether the projects' readings fill room, one project
// after another, each of its part all.
func filled(ps []*Project, room []Reading) bool {
	at := 0
	for _, p := range ps {
		n := len(p.Readings)
		if n == 0 {
			continue
		}
		if at+n > len(room) || &p.Readings[0] != &room[at] || cap(p.Readings) != n {
			return false
		}
		at += n
	}
	return at == len(room)
}

// packReadings moves every project's readings into one array, each project
// keeping its part: grown by append one at a time, a province's 12 million
// readings took half again their size (and a million small objects).
func packReadings(ps []*Project) {
	n := 0
	for _, p := range ps {
		n += len(p.Readings)
	}
	all := make([]Reading, 0, n)
	for _, p := range ps {
		if len(p.Readings) == 0 {
			continue
		}
		at := len(all)
		all = append(all, p.Readings...)
		p.Readings = all[at:len(all):len(all)] // an append beside it copies
	}
}
