package cli

import (
	"os"
	"runtime/debug"
)

// LimitMemory gives the Go runtime a soft memory limit of a quarter of
// the machine's memory (as Hugo does by default), unless GOMEMLIMIT sets
// one. Without it the heap may grow to twice what it holds live before
// the collector runs: a province's build (3.3 GB live) reached 8.2 GB.
// Near the limit the collector works harder instead; past it a build
// still finishes, more slowly. It returns the limit set (0: none).
func LimitMemory() int64 {
	if os.Getenv("GOMEMLIMIT") != "" {
		return 0
	}
	total := totalMemory()
	if total == 0 {
		return 0
	}
	limit := max(total/4, 512<<20) // a quarter of a uint64 fits an int64
	debug.SetMemoryLimit(int64(limit))
	return int64(limit)
}

// buildGCPercent is how far a build's heap may grow past what it holds
// live before the collector runs: half as far again, where Go's default
// lets it double. A build holds every document's HTML and text until its
// pages are written (at 10,000 articles most of the 210 MB live at the
// peak), so the default's headroom is most of its memory: measured there,
// peak RSS 519 -> 408 MB for 3 % more CPU. serve keeps the default.
const buildGCPercent = 50

// lessHeadroom sets buildGCPercent unless GOGC says otherwise; it returns
// what puts the previous setting back.
func lessHeadroom() (undo func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	before := debug.SetGCPercent(buildGCPercent)
	return func() { debug.SetGCPercent(before) }
}
