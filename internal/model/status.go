package model

import (
	"sort"

	"github.com/qingdan/qingdan/internal/load"
)

// Status is a project's state on the as-of date. The order of the constants is
// the order of SPEC's rules and of every listing.
type Status uint8

const (
	Done Status = iota
	OnTrack
	Behind
	Overdue
	NotStarted
	NumStatus = 5
)

var statusKeys = [NumStatus]string{"done", "on_track", "behind", "overdue", "not_started"}

// Key is the SPEC's name of the status, e.g. "on_track".
func (s Status) Key() string { return statusKeys[s] }

func (s Status) String() string { return s.Key() }

// ParseStatus is the status of a key ("overdue"), if it names one.
func ParseStatus(key string) (Status, bool) {
	for i, k := range statusKeys {
		if k == key {
			return Status(i), true
		}
	}
	return 0, false
}

// MarshalText writes the key.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.Key()), nil }

// Reading is one dated value of a project's indicator; see load.Reading.
type Reading = load.Reading

// ValueAt returns the latest reading on or before asOf, and whether there is
// one. rs must be sorted by date.
func ValueAt(rs []Reading, asOf Date) (float64, bool) {
	i := sort.Search(len(rs), func(i int) bool { return rs[i].Date > asOf })
	if i == 0 {
		return 0, false
	}
	return rs[i-1].Value, true
}

// Percent is clamp((value − baseline) / (target − baseline), 0, 1). It is
// undefined when target equals baseline, which loading rejects; 0 is returned.
func Percent(value, baseline, target float64) float64 {
	if target == baseline {
		return 0
	}
	p := (value - baseline) / (target - baseline)
	switch {
	case p >= 1:
		return 1
	case p > 0:
		return p
	default: // also NaN
		return 0
	}
}

// Elapsed is the share of the time from start to due that has passed on
// asOf, clamped to [0, 1]. When due equals start it is 1 from that day on.
func Elapsed(start, due, asOf Date) float64 {
	if asOf < start {
		return 0
	}
	if due <= start || asOf >= due {
		return 1
	}
	return float64(asOf-start) / float64(due-start)
}

// tie absorbs floating-point noise in elapsed − warnGap (0.7 − 0.2 is not
// exactly 0.5), so a project exactly on the warning line is not behind.
const tie = 1e-9

// Judge applies SPEC's status rules in order; the first that holds wins.
func Judge(percent float64, start, due, asOf Date, warnGap float64) Status {
	switch {
	case percent == 1:
		return Done
	case asOf < start:
		return NotStarted
	case asOf > due:
		return Overdue
	case percent < Elapsed(start, due, asOf)-warnGap-tie:
		return Behind
	default:
		return OnTrack
	}
}
