package cli

import (
	"fmt"
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
// collected at buildGCPercent all the same. At 64 MB, 10,000 articles
// (200-290 MB live) were collected 18-19 times, 1.6-1.8 s of the
// collector's CPU besides its idle-time marking; at 128 MB, 11-12 times,
// 0.7-1.0 s, for 13 MB more peak RSS (399-402 -> 411-414 MB); a county
// 20 -> 14 times, 309 -> 365 MB. At 192 MB 10,000 articles peaked at
// 486 MB, over the 0.3 of Hugo's.
const minHeadroom = 128 << 20

// peakGCPercent is the target while a build makes its search index, where
// it holds the most: every document's HTML, the pages' text the index is
// made from, and the index. At 10,000 articles 240 MB were live there,
// which buildGCPercent let grow to 355-370 MB; and the target set from
// it held after the index was let go (190 MB live), so the heap grew as
// far once more. At this target, with a collection as the index is let
// go, the heap peaked at 300 MB, for no more CPU (the collections the
// target adds mark a heap the one after saves marking).
const peakGCPercent = 20

// maxGCPercent bounds the target set while the heap is nearly empty.
const maxGCPercent = 10000

// loadGCPercent is the least target while a build reads its data and
// makes its model. Nearly all it allocates then stays (readings, projects,
// their series), so a collection finds little to free and marks all that is
// read so far: at a province's scale, collecting at buildGCPercent was a
// quarter of the CPU of qingdan check. Measured there: check 48.5-64 s,
// 2.7 GB -> 41.7 s, 3.8 GB with the heap let grow this far.
const loadGCPercent = 150

// phase is what a build is doing, as far as its collector's target goes.
type phase int

const (
	writing phase = iota // making its pages
	loading              // reading its data, making its model
	peaking              // making its search index, with the most held
)

// gcPercent is the collector's target for a heap holding live bytes:
// buildGCPercent, or as much more as gives minHeadroom; while loading, at
// least loadGCPercent; while peaking, peakGCPercent (or as gives
// minHeadroom), whatever the room; and at least as far as room, nine tenths of the
// largest heap seen in use (see gcTuner.set). Collecting before
// the heap grows back to what it once was saves no memory: a province's
// build lets its search index go after writing it (live 3.0 -> 1.7 GB)
// and then collected every 0.85 GB, 25 times while its pages were written.
func gcPercent(live uint64, ph phase, room uint64) int {
	if live < minHeadroom*100/maxGCPercent {
		return maxGCPercent
	}
	if ph == peaking {
		return max(peakGCPercent, int(minHeadroom*100/live))
	}
	p := max(buildGCPercent, int(minHeadroom*100/live))
	if ph == loading {
		p = max(p, loadGCPercent)
	}
	if room > live {
		p = max(p, int(min((room-live)*100/live, maxGCPercent)))
	}
	return p
}

// gcTuner sets the collector's target for a build or a check, unless GOGC
// says otherwise: gcPercent of the heap live after each collection.
type gcTuner struct {
	mu     sync.Mutex
	on     bool   // not undone, and GOGC not set
	loads  int    // loads under way
	peaks  int    // peaks under way
	before int    // the setting to put back
	used   uint64 // the largest heap seen in use
	held   uint64 // the heap's spans in use as the search index was let go (see room)
	aside  int    // rooms being made (see gcTuner.room)
}

// tuneGC starts tuning the collector; its undo puts the previous setting
// back, and its load is build.Options.Loading.
func tuneGC() *gcTuner {
	g := &gcTuner{}
	if os.Getenv("GOGC") != "" {
		return g
	}
	g.on = true
	g.before = debug.SetGCPercent(gcPercent(liveHeap(), writing, 0))
	var arm func()
	arm = func() {
		// A cleanup of an object nothing holds runs after the next
		// collection: it sets the target for the heap that collection
		// left, and arms itself again.
		runtime.AddCleanup(&sentinel{}, func(int) {
			if g.set() {
				arm()
			}
		}, 0)
	}
	arm()
	return g
}

// set sets the target for the heap live now, if still tuning. The room it
// gives is nine tenths of the largest heap seen in use (objects live, and
// dead ones not yet swept: the heap a collection started from, and what it
// allocated while marking). Neither the goals set (a target while loading
// lets the heap grow far, and a loading that ends at once never grows it)
// nor the heap memory the process holds (more than it uses: its spans are
// not all full, and freed ones are kept a while) would do: taken as room,
// each let the heap grow further than the last (10,000 articles: a goal of
// 223 MB for 23 MB live; peak RSS 413 to 546 MB from run to run, and a
// steady 460 MB from the goals, where GOGC=50 gave 402 to 406 MB).
func (g *gcTuner) set() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.on {
		live, used := heapNow()
		if g.aside == 0 {
			g.used = max(g.used, used)
		}
		debug.SetGCPercent(gcPercent(live, g.phase(), room(g.used, g.held)))
	}
	return g.on
}

// phase is the phase under way; g.mu is held.
func (g *gcTuner) phase() phase {
	switch {
	case g.loads > 0:
		return loading
	case g.peaks > 0:
		return peaking
	}
	return writing
}

// load marks the data being read until the function it returns is called
// (once or more): build.Options.Loading.
func (g *gcTuner) load() (done func()) { return g.during(&g.loads, false) }

// peak marks the search index being made until the function it returns
// is called (once or more), which starts a collection: the target set
// from the heap live while the index was held would let the heap grow as
// far again once it is let go. build.Options.Peak.
func (g *gcTuner) peak() (done func()) { return g.during(&g.peaks, true) }

// during counts a phase under way in n until the function it returns is
// called, then collects if asked to.
func (g *gcTuner) during(n *int, collect bool) (done func()) {
	g.mu.Lock()
	*n++
	g.mu.Unlock()
	g.set()
	return sync.OnceFunc(func() {
		g.mu.Lock()
		*n--
		on := g.on
		if collect && *n == 0 {
			g.held = max(g.held, heapHeld())
		}
		g.mu.Unlock()
		g.set()
		if collect && on {
			go runtime.GC()
		}
	})
}

// room is makeRoom (prefault's room) with the object it allocates and lets go
// kept out of the largest heap seen in use: taken as room for the heap to
// grow, it let the documents' parse grow the heap that much further before
// a collection (10,000 articles: peak RSS 408 -> 426-473 MiB).
func (g *gcTuner) room(makeRoom func(bytes int64)) func(bytes int64) {
	return func(bytes int64) {
		g.mu.Lock()
		g.aside++
		g.mu.Unlock()
		defer func() {
			g.mu.Lock()
			g.aside--
			g.mu.Unlock()
		}()
		makeRoom(bytes)
	}
}

// undo puts the setting before tuneGC back.
func (g *gcTuner) undo() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.on {
		g.on = false
		debug.SetGCPercent(g.before)
	}
}

// sentinel is the object tuneGC's cleanups wait on; its pointer
// keeps it out of the allocator's batches of tiny objects, whose cleanups
// may never run.
type sentinel struct {
	_ *int
	_ [8]byte
}

// room is how far the heap may grow before a collection, whatever its
// live part (see gcPercent): nine tenths of the largest heap seen in use,
// and for a heap of bigHeld or more, all the spans it held in use as its
// search index was let go (held), objects and the rest of their spans:
// the memory the build has shown it needs. A province's build held 3.4 GB
// there and then wrote its million pages with 1.6-2.4 GB live; nine
// tenths of its largest heap (3.05 GB) had it collected twenty times, each
// marking some 2 GB, where 3.42 GB saves a third of them (collector 44 ->
// 32 s of CPU, peak RSS 4.21 -> 4.43 GB). At 10,000 articles it would add
// 20-30 MB to the peak RSS for no time worth having: a small heap's
// collections are short.
func room(used, held uint64) uint64 {
	r := used / 10 * 9
	if held >= bigHeld {
		r = max(r, held)
	}
	return r
}

// bigHeld is the least heap held as the search index is let go for room to
// take all of it: a gigabyte, where a collection marks a second's work.
const bigHeld = 1 << 30

// heapHeld is the heap's spans in use: its objects, live or not yet
// swept, and the rest of their spans.
func heapHeld() uint64 {
	v := readMetrics("/memory/classes/heap/objects:bytes", "/memory/classes/heap/unused:bytes")
	return v[0] + v[1]
}

// liveHeap is the heap the last collection found live, in bytes.
func liveHeap() uint64 {
	live, _ := heapNow()
	return live
}

// heapNow is the heap the last collection found live, and the heap in use
// (objects live, and dead ones not yet swept), in bytes.
func heapNow() (live, used uint64) {
	v := readMetrics("/gc/heap/live:bytes", "/memory/classes/heap/objects:bytes")
	return v[0], v[1]
}

// readMetrics reads the runtime's metrics of these names, each a count
// (0 where the runtime has no such count).
func readMetrics(names ...string) []uint64 {
	s := make([]metrics.Sample, len(names))
	for i, n := range names {
		s[i].Name = n
	}
	metrics.Read(s)
	v := make([]uint64, len(s))
	for i := range s {
		if s[i].Value.Kind() == metrics.KindUint64 {
			v[i] = s[i].Value.Uint64()
		}
	}
	return v
}

// runtimeCPU is the Go runtime's account of the process's CPU time, as of
// its last collection (which a build has every few hundred milliseconds),
// for make bench: the time its processors ran goroutines, collected
// garbage (besides marking in idle time) and marked in idle time, and the
// time they were idle, with nothing to run, in core-seconds. A build's
// wall time on n cores is about (the sum of these) / n.
func runtimeCPU() string {
	names := []string{"/cpu/classes/user:cpu-seconds", "/cpu/classes/gc/total:cpu-seconds",
		"/cpu/classes/gc/idle:cpu-seconds", "/cpu/classes/idle:cpu-seconds"}
	s := make([]metrics.Sample, len(names))
	for i, n := range names {
		s[i].Name = n
	}
	metrics.Read(s)
	var v [4]float64
	for i := range s {
		if s[i].Value.Kind() == metrics.KindFloat64 {
			v[i] = s[i].Value.Float64()
		}
	}
	return fmt.Sprintf("runtime cpu: goroutines %.2f s, collector %.2f s (idle-time marking %.2f s), idle %.2f s", v[0], v[1]-v[2], v[2], v[3])
}
