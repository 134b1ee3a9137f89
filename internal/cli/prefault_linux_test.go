package cli

import (
	"os"
	"os/exec"
	"reflect"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

func TestPopulatorRanges(t *testing.T) {
	p := newPopulator(0xc004010000)
	maps := strings.Join([]string{
		"00400000-01a89000 r-xp 00000000 fe:00 123 /usr/bin/qingdan",
		"01a89000-03acf000 rw-p 00000000 00:00 0",                         // below the arena: the runtime's tables
		"c000000000-c003c00000 ---p 00000000 00:00 0",                     // reserved
		"c003c00000-c00a000000 rw-p 00000000 00:00 0",                     // the heap, holding the anchor
		"c00a000000-c00c000000 ---p 00000000 00:00 0",                     // reserved
		"c010000000-c010400000 rw-p 00000000 00:00 0",                     // more heap, further up
		"c010400000-c010500000 rw-p 00001000 fe:00 77 /tmp/mapped.file",   // a file
		"c010500000-c010600000 rw-s 00000000 00:01 9 /dev/zero (deleted)", // shared
		"c010600000-c010700000 r--p 00000000 00:00 0",                     // read-only
		"7f7599846000-7f7599d72000 rw-p 00000000 00:00 0",                 // a terabyte away
		"zz-c010800000 rw-p 00000000 00:00 0",                             // not hex
		"c010900000-c010800000 rw-p 00000000 00:00 0",                     // ends before it starts
		"",
	}, "\n")
	got := p.ranges(strings.NewReader(maps))
	want := [][2]uintptr{{0xc003c00000, 0xc00a000000}, {0xc010000000, 0xc010400000}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ranges = %x, want %x", got, want)
	}
	if got := newPopulator(0xb000000000).ranges(strings.NewReader(maps)); got != nil {
		t.Errorf("no mapping holds the anchor: ranges = %x, want none", got)
	}
}

func TestGapsCover(t *testing.T) {
	type r = [2]uintptr
	for _, c := range []struct {
		done       []r
		m          r
		gaps, then []r
	}{
		{nil, r{10, 20}, []r{{10, 20}}, []r{{10, 20}}},
		{[]r{{10, 20}}, r{10, 20}, nil, []r{{10, 20}}},
		{[]r{{10, 20}}, r{10, 30}, []r{{20, 30}}, []r{{10, 30}}},        // the heap grew
		{[]r{{10, 20}}, r{5, 30}, []r{{5, 10}, {20, 30}}, []r{{5, 30}}}, // and down
		{[]r{{10, 20}}, r{30, 40}, []r{{30, 40}}, []r{{10, 20}, {30, 40}}},
		{[]r{{30, 40}}, r{10, 20}, []r{{10, 20}}, []r{{10, 20}, {30, 40}}},
		{[]r{{10, 20}, {30, 40}}, r{15, 35}, []r{{20, 30}}, []r{{10, 40}}},
		{[]r{{10, 20}, {30, 40}, {50, 60}}, r{0, 70}, []r{{0, 10}, {20, 30}, {40, 50}, {60, 70}}, []r{{0, 70}}},
		{[]r{{10, 20}, {50, 60}}, r{30, 40}, []r{{30, 40}}, []r{{10, 20}, {30, 40}, {50, 60}}},
		{[]r{{10, 20}}, r{20, 30}, []r{{20, 30}}, []r{{10, 30}}}, // touching
	} {
		if got := gaps(c.done, c.m); !reflect.DeepEqual(got, c.gaps) {
			t.Errorf("gaps(%v, %v) = %v, want %v", c.done, c.m, got, c.gaps)
		}
		if got := cover(c.done, c.m); !reflect.DeepEqual(got, c.then) {
			t.Errorf("cover(%v, %v) = %v, want %v", c.done, c.m, got, c.then)
		}
	}
}

// resident is the share of b's pages in memory.
func resident(t *testing.T, b []byte) float64 {
	t.Helper()
	page := syscall.Getpagesize()
	vec := make([]byte, (len(b)+page-1)/page)
	if _, _, e := syscall.Syscall(syscall.SYS_MINCORE, uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)), uintptr(unsafe.Pointer(&vec[0]))); e != 0 {
		t.Fatalf("mincore: %v", e)
	}
	n := 0
	for _, v := range vec {
		n += int(v & 1)
	}
	return float64(n) / float64(len(vec))
}

// TestPopulatorPass: a pass makes an untouched anonymous mapping that
// holds the anchor present, and remembers it so as not to again.
func TestPopulatorPass(t *testing.T) {
	const size = 16 << 20
	b, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Munmap(b)
	if r := resident(t, b); r != 0 {
		t.Fatalf("a fresh mapping is %.0f%% resident", 100*r)
	}
	p := newPopulator(uintptr(unsafe.Pointer(&b[size/2])))
	if !p.pass() {
		t.Fatal("pass failed")
	}
	if r := resident(t, b); r != 1 {
		t.Errorf("after a pass the mapping is %.0f%% resident, want all of it", 100*r)
	}
	if p.total < size {
		t.Errorf("populated %d bytes, want at least %d", p.total, size)
	}
	at := uintptr(unsafe.Pointer(&b[0]))
	if g := gaps(p.done, [2]uintptr{at, at + size}); g != nil {
		t.Errorf("after a pass, parts of the mapping are not marked populated: %x", g)
	}
	// Where the kernel has transparent huge pages, the mapping asks for
	// them (VmFlags "hg" in smaps).
	if _, err := os.Stat("/sys/kernel/mm/transparent_hugepage/enabled"); err == nil {
		if f := vmFlags(t, at); !slices.Contains(f, "hg") {
			t.Errorf("after a pass the mapping's flags are %q, want hg (MADV_HUGEPAGE) among them", f)
		}
	}
}

// vmFlags are the VmFlags smaps lists for the mapping that holds at.
func vmFlags(t *testing.T, at uintptr) []string {
	t.Helper()
	data, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	in := false
	for line := range strings.Lines(string(data)) {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if lo, hi, ok := strings.Cut(f[0], "-"); ok && !strings.HasSuffix(f[0], ":") {
			a, err1 := strconv.ParseUint(lo, 16, 64)
			b, err2 := strconv.ParseUint(hi, 16, 64)
			in = err1 == nil && err2 == nil && uintptr(a) <= at && at < uintptr(b)
			continue
		}
		if in && f[0] == "VmFlags:" {
			return f[1:]
		}
	}
	t.Fatalf("no mapping in /proc/self/smaps holds %#x", at)
	return nil
}

// TestPrefault: in a process of its own (where the heap is fresh), memory
// the heap maps for a large slice is untouched until used, and present
// without being touched while prefault watches.
func TestPrefault(t *testing.T) {
	if !ownProcess(t, "QINGDAN_TEST_PREFAULT") {
		return
	}
	const size = 96 << 20
	before := make([]byte, size)
	if r := resident(t, before[4096:]); r > 0.5 {
		t.Fatalf("a fresh %d MB slice is %.0f%% resident without prefault: the test cannot tell", size>>20, 100*r)
	}
	stop, _ := prefault()
	defer stop()
	time.Sleep(5 * time.Millisecond) // the watch reads the mapped total once
	after := make([]byte, size)
	deadline := time.Now().Add(5 * time.Second)
	r := resident(t, after[4096:])
	for r < 0.99 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
		r = resident(t, after[4096:])
	}
	if r < 0.99 {
		t.Errorf("with prefault, a fresh %d MB slice is %.0f%% resident untouched, want all of it", size>>20, 100*r)
	}
	runtime.KeepAlive(before)
	runtime.KeepAlive(after)
}

// TestRoom: after room for n bytes, the heap's next n/2 bytes of objects
// fault no page as they are written (they are on the pages room made
// present and let go), where in a fresh process they fault one each; and
// room for less than minRoom makes none. In a process of its own, so that
// the heap has no free pages of its own to give.
func TestRoom(t *testing.T) {
	if raceDetector {
		// Its shadow memory faults at the first write to any page, present
		// or not; the test asserts in the runs without it (make test).
		t.Skip("page faults say nothing under the race detector")
	}
	if !ownProcess(t, "QINGDAN_TEST_ROOM") {
		return
	}
	page := syscall.Getpagesize()
	var held [][]byte // kept, so that no object's pages are free again
	faults := func(size int) int64 {
		var before, after syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &before)
		b := make([]byte, size)
		for i := 0; i < len(b); i += page {
			b[i] = 1
		}
		syscall.Getrusage(syscall.RUSAGE_SELF, &after)
		held = append(held, b)
		return after.Minflt - before.Minflt
	}
	const size = 64 << 20
	anchor := make([]byte, 1<<16)
	p := newPopulator(uintptr(unsafe.Pointer(&anchor[0])))
	p.room(minRoom - 1) // too little to make
	if f, pages := faults(size), int64(size/page); f < pages/2 {
		t.Fatalf("without room, writing a fresh %d MB object faulted %d of its %d pages: the test cannot tell", size>>20, f, pages)
	}
	// The runtime's scavenger gives free memory beyond the heap's goal
	// back to the system a little at a time, the room's too once it is
	// let go: on a busy machine (make test's packages at once, a build
	// beside them) it gave back 8 MB of the 128 before the object below
	// was written (2,050 pages faulted). With a goal far above the room,
	// the test sees what room does, not the scavenger.
	debug.SetGCPercent(maxGCPercent)
	p.room(2 * size)
	p.fills.Wait()
	if f := faults(size); f > int64(size/page)/20 {
		t.Errorf("after room for %d MB, writing a %d MB object faulted %d pages, want (nearly) none", 2*size>>20, size>>20, f)
	}
	runtime.KeepAlive(anchor)
	runtime.KeepAlive(held)
}

// TestChunks: a range cut into chunks of at most a size, in order, none
// lost or doubled.
func TestChunks(t *testing.T) {
	for _, c := range []struct {
		g    [2]uintptr
		size uintptr
		want [][2]uintptr
	}{
		{[2]uintptr{0, 0}, 16, nil},
		{[2]uintptr{0, 16}, 16, [][2]uintptr{{0, 16}}},
		{[2]uintptr{0, 40}, 16, [][2]uintptr{{0, 16}, {16, 32}, {32, 40}}},
		{[2]uintptr{100, 110}, 16, [][2]uintptr{{100, 110}}},
		{[2]uintptr{8, 40}, 16, [][2]uintptr{{8, 24}, {24, 40}}},
	} {
		if got := chunks(c.g, c.size); !slices.Equal(got, c.want) {
			t.Errorf("chunks(%v, %d) = %v, want %v", c.g, c.size, got, c.want)
		}
	}
}

// ownProcess runs the test t in a process of its own, told so by the
// variable env, and reports whether this is that process (the test's body
// runs there); in the process that started it, the test fails unless the
// other passed.
func ownProcess(t *testing.T, env string) bool {
	if os.Getenv(env) != "" {
		return true
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), env+"=1")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: "+t.Name()) {
		t.Fatalf("in a process of its own: %v\n%s", err, out)
	}
	return false
}
