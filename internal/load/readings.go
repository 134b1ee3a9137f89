package load

import (
	"math"
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
// one warning.
func plausible(c *cells, p *Project, raw string, v float64) {
	if strings.HasSuffix(strings.TrimSpace(value.Narrow(raw)), "%") && p.Unit != "" && !percentUnit(p.Unit) {
		c.l.Warn(c.pos("value"), "reading.percent", diag.Quote(raw), diag.Quote(p.ID), diag.Quote(p.Unit), num(v)+" "+p.Unit)
		return // one warning a reading: this one explains the others
	}
	span := p.Target - p.Baseline
	if span == 0 || math.IsNaN(span) || math.IsInf(span, 0) {
		return
	}
	d := v - p.Baseline
	switch {
	case d/span > farFactor:
		c.l.Warn(c.pos("value"), "reading.far", diag.Quote(raw), num(p.Baseline), num(p.Target), farFactor)
	case d/span < 0 && span > 0:
		c.l.Warn(c.pos("value"), "reading.below", diag.Quote(raw), num(p.Baseline), diag.Quote(p.ID), num(p.Target))
	case d/span < 0:
		c.l.Warn(c.pos("value"), "reading.above", diag.Quote(raw), num(p.Baseline), diag.Quote(p.ID), num(p.Target))
	}
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
