package cli

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"sync"
	"syscall"
	"time"
	"unsafe"
)

// madvPopulateWrite is MADV_POPULATE_WRITE (Linux 5.14): the pages of a
// range made present and writable in one call.
const madvPopulateWrite = 23

// madvHugePage is MADV_HUGEPAGE: the kernel may back a range with huge
// pages (2 MB on x86-64) where transparent huge pages are on only for the
// ranges that ask (/sys/kernel/mm/transparent_hugepage/enabled: madvise,
// as on the bench's machine and Ubuntu's kernels; Go's runtime asks for
// them only for its own metadata). A build walks its heap (documents,
// pages, the index) far more than its size: with 4 KB pages each step to
// memory not touched lately needs a page-table walk, which in a virtual
// machine is two. Measured at 10,000 articles, five alternating pairs: a
// quarter of the heap huge (the allocator touches the first pages of a
// new mapping before the watch sees it), user CPU 7.96 -> 7.57 s, wall
// 5.74 -> 5.58 s, the same RSS. Making the rest huge as well
// (MADV_COLLAPSE) cut the user CPU 13 % but added as much system time:
// there the kernel copies the pages, and a fresh huge page is slow to
// get from this hypervisor.
const madvHugePage = 14

// prefault makes the memory the Go runtime maps for its heap present in
// bulk, as soon as it is mapped, instead of one page fault at a time as
// the allocator first touches each page. Where page faults trap to a
// hypervisor, each is dear: on the 2-core virtual machine of make bench,
// touching 1 GiB page by page took 3.4-5.2 s of system time and
// MADV_POPULATE_WRITE 0.16 s, and a build of 10,000 articles touches some
// 400 MB. It watches how much memory the runtime has mapped, and when that
// grows it populates what the heap's mappings hold beyond what it
// populated before (see populator); the allocator carves a grown heap's
// memory up over tens of milliseconds, so most of it is present before it
// is touched. stop ends the watch; room makes room ahead (see
// populator.room).
func prefault() (stop func(), room func(bytes int64)) {
	anchor := make([]byte, 1<<16) // a heap object: where the heap is
	p := newPopulator(uintptr(unsafe.Pointer(&anchor[0])))
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		sample := []metrics.Sample{{Name: "/memory/classes/total:bytes"}}
		var mapped uint64
		wait := minWatch
		t := time.NewTimer(wait)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			metrics.Read(sample)
			if m := sample[0].Value.Uint64(); m > mapped {
				mapped, wait = m, minWatch
				p.mu.Lock()
				ok := p.pass()
				p.mu.Unlock()
				if !ok {
					return
				}
			} else {
				wait = min(2*wait, maxWatch)
			}
			t.Reset(wait)
		}
	}()
	return func() { close(done); <-finished }, p.room
}

// room makes bytes of heap present ahead, as a stage begins that will
// allocate them a little at a time (build.Options.Room). The watch cannot:
// the allocator touches a grown heap's pages within a millisecond or two
// of mapping them, and with it 10,000 articles still faulted 72,000-78,000
// pages one by one (perf: most in the documents' parse), a province's
// check 507,000. One object of that size makes the runtime map it all at
// once, and a collection lets it go at once, its pages free and not yet
// touched; a goroutine then populates them (a quarter of the memory limit
// at most), from the lowest up, as the allocator hands them out, so that
// the small objects that follow find them present. Measured at 10,000
// articles (room for 330 MB, five alternating pairs): page faults 72,400
// -> 16,400, CPU 10.86 -> 9.62 s, wall 6.16 -> 5.42 s, the same peak RSS
// (412 MiB); 50,000 articles: 283,000-301,000 -> 32,000-34,000 faults; a
// province's check (room for 1.5 GB of records, 650 MB of documents):
// 543,000-550,000 -> 218,000-221,000. Populated before the stage began,
// the room held it up: 0.45 s at 10,000 articles with the other core
// idle, and 2.8 s in a province, where the collection the object set off
// waited that long to stop the world (see populateChunk).
func (p *populator) room(bytes int64) {
	if bytes < minRoom {
		return // a small site faults little
	}
	if lim := debug.SetMemoryLimit(-1); bytes > lim/4 {
		bytes = lim / 4
	}
	b := make([]byte, bytes)
	runtime.KeepAlive(b)
	runtime.GC()
	p.fills.Go(func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		p.pass()
	})
}

// minRoom is the least room worth making: below it a build's own heap
// faults little.
const minRoom = 16 << 20

// The watch looks every minWatch while the heap grows, and less and less
// often, down to every maxWatch, while it does not: each look wakes a
// goroutine, and a look every millisecond cost 2.8 % of a core.
const (
	minWatch = 2 * time.Millisecond
	maxWatch = 64 * time.Millisecond
)

// populator populates the heap's mappings: the anonymous read-write ones
// from the one that holds a heap object (the anchor) upward, within the
// terabyte the runtime reserves its arenas in (the glibc heap, thread
// stacks and the runtime's sparse tables lie elsewhere). The heap grows by
// mapping more of its reserved space, which shows as a mapping that ends
// further up or a new one; each pass populates only what no pass has
// populated before, so a page the runtime frees and gives back to the
// system is not made present again.
type populator struct {
	mu     sync.Mutex     // held for a pass: the watch's and room's
	fills  sync.WaitGroup // room's passes under way
	anchor uintptr
	done   [][2]uintptr // the ranges populated, in order, apart
	total  uintptr      // bytes populated
}

func newPopulator(anchor uintptr) *populator { return &populator{anchor: anchor} }

// pass populates what the heap's mappings hold beyond what was populated;
// false when it cannot (no /proc, or a kernel older than 5.14).
func (p *populator) pass() bool {
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return false
	}
	defer f.Close()
	for _, m := range p.ranges(f) {
		gs := gaps(p.done, m)
		if gs != nil {
			// Asked for before its pages are made present, so that the
			// kernel makes them huge where it can; nothing to do where
			// it cannot (a kernel without them: EINVAL).
			syscall.Syscall(syscall.SYS_MADVISE, m[0], m[1]-m[0], madvHugePage)
		}
		for _, g := range gs {
			for _, c := range chunks(g, populateChunk) {
				if _, _, e := syscall.Syscall(syscall.SYS_MADVISE, c[0], c[1]-c[0], madvPopulateWrite); e != 0 {
					return e != syscall.EINVAL
				}
				p.total += c[1] - c[0]
			}
		}
		p.done = cover(p.done, m)
	}
	return true
}

// populateChunk is the most one MADV_POPULATE_WRITE is asked to make
// present. The kernel holds the process's memory map (mmap_lock) for the
// whole call, and a thread that would change the map (the runtime mapping
// memory for its own tables, say) waits that long, with every page fault
// behind it; a collection waiting to stop the world waits for that thread.
// A province's room, 1.5 GB in one call, took 2.8 s, and the collection
// its object set off stopped the world for as long. On this machine 16 MB
// take 15-30 ms.
const populateChunk = 16 << 20

// chunks cuts the range g into ranges of at most size bytes, in order.
func chunks(g [2]uintptr, size uintptr) [][2]uintptr {
	var out [][2]uintptr
	for at := g[0]; at < g[1]; at += size {
		out = append(out, [2]uintptr{at, min(at+size, g[1])})
	}
	return out
}

// ranges are the heap's mappings listed in a /proc/PID/maps.
func (p *populator) ranges(r io.Reader) [][2]uintptr {
	var all [][2]uintptr
	s := bufio.NewScanner(r)
	for s.Scan() {
		// start-end perms offset dev inode [path]; anonymous: no path
		f := bytes.Fields(s.Bytes())
		if len(f) != 5 || string(f[1]) != "rw-p" {
			continue
		}
		start, end, ok := bytes.Cut(f[0], []byte("-"))
		a, err1 := strconv.ParseUint(string(start), 16, 64)
		b, err2 := strconv.ParseUint(string(end), 16, 64)
		if ok && err1 == nil && err2 == nil && a < b {
			all = append(all, [2]uintptr{uintptr(a), uintptr(b)})
		}
	}
	lo := uintptr(0)
	for _, m := range all {
		if m[0] <= p.anchor && p.anchor < m[1] {
			lo = m[0]
		}
	}
	var out [][2]uintptr
	for _, m := range all {
		if lo != 0 && m[0] >= lo && m[0] < p.anchor+1<<40 {
			out = append(out, m)
		}
	}
	return out
}

// gaps are the parts of m that no range in done (in order, apart) covers.
func gaps(done [][2]uintptr, m [2]uintptr) [][2]uintptr {
	var out [][2]uintptr
	at := m[0]
	for _, d := range done {
		if d[1] <= at || d[0] >= m[1] {
			continue
		}
		if d[0] > at {
			out = append(out, [2]uintptr{at, d[0]})
		}
		at = max(at, d[1])
	}
	if at < m[1] {
		out = append(out, [2]uintptr{at, m[1]})
	}
	return out
}

// cover adds m to done, keeping it in order and apart.
func cover(done [][2]uintptr, m [2]uintptr) [][2]uintptr {
	var out [][2]uintptr
	for _, d := range done {
		switch {
		case d[1] < m[0]:
			out = append(out, d)
		case d[0] > m[1]:
			if m[1] != 0 {
				out = append(out, m)
				m = [2]uintptr{}
			}
			out = append(out, d)
		default: // overlapping or touching
			m = [2]uintptr{min(m[0], d[0]), max(m[1], d[1])}
		}
	}
	if m[1] != 0 {
		out = append(out, m)
	}
	return out
}
