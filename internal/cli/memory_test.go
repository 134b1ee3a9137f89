package cli

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestLimitMemory: a quarter of the machine's memory, unless GOMEMLIMIT
// says otherwise (then the runtime's own reading of it stands).
func TestLimitMemory(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })
	t.Setenv("GOMEMLIMIT", "")
	got := LimitMemory()
	if runtime.GOOS != "linux" {
		if got != 0 {
			t.Errorf("limit %d where the machine's memory is unknown", got)
		}
		return
	}
	total := totalMemory()
	if total < 64<<20 || got != int64(max(total/4, 512<<20)) || debug.SetMemoryLimit(-1) != got {
		t.Errorf("memory %d: limit %d, runtime's %d", total, got, debug.SetMemoryLimit(-1))
	}
	debug.SetMemoryLimit(before)
	t.Setenv("GOMEMLIMIT", "3GiB")
	if got := LimitMemory(); got != 0 || debug.SetMemoryLimit(-1) != before {
		t.Errorf("GOMEMLIMIT set, yet the limit became %d", got)
	}
}

// gcPercent: buildGCPercent for a heap holding more than twice
// minHeadroom live, and as much more as gives minHeadroom for one holding
// less, up to maxGCPercent; while loading, at least loadGCPercent.
func TestGCPercent(t *testing.T) {
	for _, c := range []struct {
		live          uint64
		want, loading int
	}{
		{0, maxGCPercent, maxGCPercent},
		{1 << 10, maxGCPercent, maxGCPercent},
		{minHeadroom / 100, maxGCPercent, maxGCPercent},
		{minHeadroom / 10, 1000, 1000},
		{minHeadroom / 2, 200, 200},
		{minHeadroom, 100, loadGCPercent},
		{2 * minHeadroom, buildGCPercent, loadGCPercent},
		{4 * minHeadroom, buildGCPercent, loadGCPercent},
		{1 << 40, buildGCPercent, loadGCPercent},
	} {
		if got := gcPercent(c.live, false); got != c.want {
			t.Errorf("gcPercent(%d) = %d, want %d", c.live, got, c.want)
		}
		if got := gcPercent(c.live, true); got != c.loading {
			t.Errorf("gcPercent(%d) while loading = %d, want %d", c.live, got, c.loading)
		}
	}
}

// A build's collector runs at gcPercent of the heap live after each
// collection, unless GOGC says otherwise, and the setting before it is
// put back.
func TestTuneGC(t *testing.T) {
	const other = 37 // a target gcPercent never gives
	before := debug.SetGCPercent(other)
	t.Cleanup(func() { debug.SetGCPercent(before) })
	t.Setenv("GOGC", "")
	current := func() int {
		p := debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
		return p
	}
	g := tuneGC()
	start := current()
	// 48 MB more held across a collection: the target follows the heap.
	held := make([][]byte, 48)
	for i := range held {
		held[i] = make([]byte, 1<<20)
		held[i][0] = 1
	}
	want := -1
	for try := 0; try < 200; try++ {
		runtime.GC()
		want = gcPercent(liveHeap(), false)
		if current() == want {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if got := current(); got != want || want == start {
		t.Errorf("with %d bytes live: GOGC %d, want %d (and not the %d it started at)", liveHeap(), got, want, start)
	}
	// While the data is read, the heap may grow further; after, as before.
	done := g.load()
	if got, want := current(), gcPercent(liveHeap(), true); got != want || got < loadGCPercent {
		t.Errorf("loading, with %d bytes live: GOGC %d, want %d", liveHeap(), got, want)
	}
	done()
	done() // once is enough
	if got, want := current(), gcPercent(liveHeap(), false); got != want {
		t.Errorf("loaded, with %d bytes live: GOGC %d, want %d", liveHeap(), got, want)
	}
	runtime.KeepAlive(held)
	g.undo()
	if got := current(); got != other {
		t.Errorf("after: GOGC %d, want %d back", got, other)
	}
	runtime.GC()
	time.Sleep(50 * time.Millisecond)
	if got := current(); got != other {
		t.Errorf("after, and a collection: GOGC %d, want %d", got, other)
	}
	t.Setenv("GOGC", "200")
	g = tuneGC()
	g.load()()
	if got := current(); got != other {
		t.Errorf("GOGC set, yet the build changed the collector's target to %d", got)
	}
	g.undo()
}
