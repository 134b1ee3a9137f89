package cli

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
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
// peak RSS 519 -> 408 MB for 3 % more CPU. serve keeps Go's default.
const buildGCPercent = 50

// minHeadroom is the least a build's heap may grow past what it holds live
// before the collector runs. A small site holds little: at buildGCPercent
// alone the collector ran every megabyte or two, a seventh of a
// 200-article build's CPU. A large one holds more than twice this, and is
// collected at buildGCPercent all the same.
const minHeadroom = 64 << 20

// maxGCPercent bounds the target set while the heap is nearly empty.
const maxGCPercent = 10000

// gcPercent is the collector's target for a heap holding live bytes:
// buildGCPercent, or as much more as gives minHeadroom.
func gcPercent(live uint64) int {
	if live < minHeadroom*100/maxGCPercent {
		return maxGCPercent
	}
	return max(buildGCPercent, int(minHeadroom*100/live))
}

// tuneGC sets the collector's target for a build or a check, unless GOGC
// says otherwise: gcPercent of the heap live after each collection. It
// returns what puts the previous setting back.
func tuneGC() (undo func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	var mu sync.Mutex
	stopped := false
	before := debug.SetGCPercent(gcPercent(liveHeap()))
	var arm func()
	arm = func() {
		// A cleanup of an object nothing holds runs after the next
		// collection: it sets the target for the heap that collection
		// left, and arms itself again.
		runtime.AddCleanup(&sentinel{}, func(int) {
			mu.Lock()
			defer mu.Unlock()
			if !stopped {
				debug.SetGCPercent(gcPercent(liveHeap()))
				arm()
			}
		}, 0)
	}
	arm()
	return func() {
		mu.Lock()
		defer mu.Unlock()
		stopped = true
		debug.SetGCPercent(before)
	}
}

// sentinel is the object tuneGC's cleanups wait on; its pointer
// keeps it out of the allocator's batches of tiny objects, whose cleanups
// may never run.
type sentinel struct {
	_ *int
	_ [8]byte
}

// liveHeap is the heap the last collection found live, in bytes.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
