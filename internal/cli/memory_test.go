package cli

import (
	"fmt"
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

// TestGCRoom: nine tenths of the largest heap seen in use, or the heap held
// as the search index was let go where that is bigHeld or more.
func TestGCRoom(t *testing.T) {
	for _, c := range []struct{ used, held, want uint64 }{
		{0, 0, 0},
		{1000 << 20, 0, 900 << 20},
		{300 << 20, 400 << 20, 270 << 20},        // a small heap: its held spans not taken
		{3 << 30, bigHeld - 1, 3 << 30 / 10 * 9}, // not quite big
		{3 << 30, bigHeld, 3 << 30 / 10 * 9},     // big, but less than the nine tenths
		{3400 << 20, 3600 << 20, 3600 << 20},     // a province's
		{bigHeld / 2, bigHeld, bigHeld},          // what was held then, not what is used now
		{(1 << 40) * 10 / 9, 1 << 30, (1 << 40) * 10 / 9 / 10 * 9},
	} {
		if got := room(c.used, c.held); got != c.want {
			t.Errorf("room(%d, %d) = %d, want %d", c.used, c.held, got, c.want)
		}
	}
}

// gcPercent: buildGCPercent for a heap holding more than twice
// minHeadroom live, and as much more as gives minHeadroom for one holding
// less, up to maxGCPercent; while loading, at least loadGCPercent; while
// peaking, peakGCPercent or as gives minHeadroom, whatever the room.
func TestGCPercent(t *testing.T) {
	for _, c := range []struct {
		live                uint64
		want, loading, peak int
	}{
		{0, maxGCPercent, maxGCPercent, maxGCPercent},
		{1 << 10, maxGCPercent, maxGCPercent, maxGCPercent},
		{minHeadroom / 100, maxGCPercent, maxGCPercent, maxGCPercent},
		{minHeadroom / 10, 1000, 1000, 1000},
		{minHeadroom / 2, 200, 200, 200},
		{minHeadroom, 100, loadGCPercent, 100},
		{2 * minHeadroom, buildGCPercent, loadGCPercent, 50},
		{4 * minHeadroom, buildGCPercent, loadGCPercent, 25},
		{5 * minHeadroom, buildGCPercent, loadGCPercent, peakGCPercent},
		{1 << 40, buildGCPercent, loadGCPercent, peakGCPercent},
	} {
		if got := gcPercent(c.live, writing, 0); got != c.want {
			t.Errorf("gcPercent(%d) = %d, want %d", c.live, got, c.want)
		}
		if got := gcPercent(c.live, loading, c.live); got != c.loading {
			t.Errorf("gcPercent(%d) while loading = %d, want %d", c.live, got, c.loading)
		}
		for _, room := range []uint64{0, c.live, 3 * c.live, 1 << 50} {
			if got := gcPercent(c.live, peaking, room); got != c.peak {
				t.Errorf("gcPercent(%d) while peaking, room %d = %d, want %d", c.live, room, got, c.peak)
			}
		}
	}
	// Room: as far as the heap was once in use, when that is further.
	for _, c := range []struct {
		live, room uint64
		ph         phase
		want       int
	}{
		{1 << 30, 3 << 30, writing, 200},
		{1 << 30, 3 << 30, loading, 200},
		{1 << 30, 5 << 29, loading, loadGCPercent},
		{1 << 30, 5 << 29, writing, 150},
		{1 << 30, 1 << 30, writing, buildGCPercent},
		{1 << 30, 1 << 29, writing, buildGCPercent},
		{1 << 30, 1 << 50, writing, maxGCPercent},
		{minHeadroom / 10, 1 << 40, writing, maxGCPercent},
	} {
		if got := gcPercent(c.live, c.ph, c.room); got != c.want {
			t.Errorf("gcPercent(%d, phase %d, room %d) = %d, want %d", c.live, c.ph, c.room, got, c.want)
		}
	}
}

// A build's collector runs at gcPercent of the heap live after each
// collection, unless GOGC says otherwise, and the setting before it is
// put back.
func TestTuneGC(t *testing.T) {
	const other = 37 // a target gcPercent never gives
	current := gcUnset(t, other)
	g := tuneGC()
	start := current()
	expect := func(ph phase) int { // as set gives it, for the heap now
		g.mu.Lock()
		defer g.mu.Unlock()
		return gcPercent(liveHeap(), ph, room(g.used, g.held))
	}
	// 48 MB more held across a collection: the target follows the heap.
	held := make([][]byte, 48)
	for i := range held {
		held[i] = make([]byte, 1<<20)
		held[i][0] = 1
	}
	want := -1
	for try := 0; try < 200; try++ {
		runtime.GC()
		want = expect(writing)
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
	if got, want := current(), expect(loading); got != want || got < loadGCPercent {
		t.Errorf("loading, with %d bytes live: GOGC %d, want %d", liveHeap(), got, want)
	}
	done()
	done() // once is enough
	if got, want := current(), expect(writing); got != want {
		t.Errorf("loaded, with %d bytes live: GOGC %d, want %d", liveHeap(), got, want)
	}
	// While the search index is made, it may grow less far (held: over
	// twice minHeadroom, enough for that to be less than buildGCPercent);
	// after, as before, and a collection has started.
	more := make([][]byte, 2*minHeadroom>>20)
	for i := range more {
		more[i] = make([]byte, 1<<20)
		more[i][0] = 1
	}
	runtime.GC()
	done = g.peak()
	if got, want := current(), expect(peaking); got != want || got >= buildGCPercent {
		t.Errorf("peaking, with %d bytes live: GOGC %d, want %d (< %d)", liveHeap(), got, want, buildGCPercent)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	before := ms.NumGC
	done()
	done()
	// more stays held through the collection done starts in the
	// background: it finds the heap as live as before, and sets the same
	// target when it ends.
	if got, want := current(), expect(writing); got != want {
		t.Errorf("peaked, with %d bytes live: GOGC %d, want %d", liveHeap(), got, want)
	}
	for try := 0; try < 200 && ms.NumGC == before; try++ {
		time.Sleep(10 * time.Millisecond)
		runtime.ReadMemStats(&ms)
	}
	if ms.NumGC == before {
		t.Errorf("no collection after the peak")
	}
	runtime.KeepAlive(more)
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

// Once the heap has been in use further than the target for the heap live
// now would let it grow, the collector lets it grow back to nine tenths of
// that before it runs. 160 MB kept (buildGCPercent alone would give 80 MB
// more); while loading (a target of 150 %: 400 MB), 200 MB more made and
// let go with no collection in between, so that the heap was in use to
// 360 MB but never held more than 160 MB live after a collection; then
// collected: the room is 0.9 x 360 MB, GOGC about 100.
func TestTuneGCRoom(t *testing.T) {
	current := gcUnset(t, 100)
	g := tuneGC()
	defer g.undo()
	alloc := func(mb int) [][]byte {
		b := make([][]byte, mb)
		for i := range b {
			b[i] = make([]byte, 1<<20)
			b[i][0] = 1
		}
		return b
	}
	used := func() uint64 {
		g.mu.Lock()
		defer g.mu.Unlock()
		return g.used
	}
	keep := alloc(160)
	runtime.GC()
	if live := liveHeap(); live < 160<<20 || live > 200<<20 {
		t.Fatalf("%d MB live after 160 MB kept", live>>20)
	}
	done := g.load()
	extra := alloc(200)
	done()
	runtime.KeepAlive(extra)
	extra = nil
	// (A collection may have run while the 200 MB were held, as the pacer
	// starts one before the heap reaches its goal; done saw them in use
	// all the same.)
	got := -1
	for try := 0; try < 200 && got < 90; try++ { // a collection may still find some of extra live
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
		got = current()
	}
	live := liveHeap()
	if got < 90 || live > 200<<20 {
		t.Errorf("%d MB live, %d MB in use at most: GOGC %d, want about (0.9 x %d - %d) / %d", live>>20, used()>>20, got, used()>>20, live>>20, live>>20)
	}
	runtime.KeepAlive(keep)
}

// TestTuneGCRoomAside: the object room allocates and lets go is not taken
// for heap in use (the room the collector gives), though collections run
// while it is held and after (as tuneGC's cleanups run after each); what
// the heap holds after room is taken as before.
func TestTuneGCRoomAside(t *testing.T) {
	gcUnset(t, 100)
	g := tuneGC()
	defer g.undo()
	used := func() uint64 {
		g.mu.Lock()
		defer g.mu.Unlock()
		return g.used
	}
	const size = 256 << 20
	var made int64
	g.room(func(bytes int64) {
		made = bytes
		b := make([]byte, bytes)
		b[0] = 1
		runtime.GC() // its cleanup sees b in use
		time.Sleep(20 * time.Millisecond)
		g.set() // and so does any set while b is held
		runtime.KeepAlive(b)
		runtime.GC() // b let go, as room does
	})(size)
	if made != size {
		t.Fatalf("room made %d bytes, want %d", made, size)
	}
	runtime.GC()
	time.Sleep(20 * time.Millisecond)
	if u := used(); u >= size {
		t.Errorf("after room for %d MB, %d MB taken as in use", size>>20, u>>20)
	}
	keep := make([][]byte, 64)
	for i := range keep {
		keep[i] = make([]byte, 1<<20)
	}
	runtime.GC()
	time.Sleep(20 * time.Millisecond)
	g.set()
	if u := used(); u < 64<<20 {
		t.Errorf("64 MB held after room: %d MB taken as in use", u>>20)
	}
	runtime.KeepAlive(keep)
}

// gcUnset sets the collector's target to p for the test, and GOGC to
// nothing; it returns what reads the target.
func gcUnset(t *testing.T, p int) (current func() int) {
	before := debug.SetGCPercent(p)
	t.Cleanup(func() { debug.SetGCPercent(before) })
	t.Setenv("GOGC", "")
	return func() int {
		p := debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
		return p
	}
}

// runtimeCPU accounts for the time the process's processors have had: a
// second of waiting on two processors shows as about two core-seconds,
// nearly all of them idle.
func TestRuntimeCPU(t *testing.T) {
	read := func() (sum, idle float64) {
		runtime.GC() // the account is brought up to date by a collection
		var g, c, m, i float64
		if n, err := fmt.Sscanf(runtimeCPU(), "runtime cpu: goroutines %f s, collector %f s (idle-time marking %f s), idle %f s", &g, &c, &m, &i); n != 4 || err != nil {
			t.Fatalf("%q: %d values, %v", runtimeCPU(), n, err)
		}
		return g + c + m + i, i
	}
	sum0, idle0 := read()
	time.Sleep(time.Second)
	sum1, idle1 := read()
	procs := float64(runtime.GOMAXPROCS(0))
	if d := sum1 - sum0; d < 0.8*procs || d > 1.5*procs {
		t.Errorf("a second accounted as %.2f core-seconds on %v processors", d, procs)
	}
	if d := idle1 - idle0; d < 0.5*procs {
		t.Errorf("a second of sleep: %.2f core-seconds idle on %v processors", d, procs)
	}
}
