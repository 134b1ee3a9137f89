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
