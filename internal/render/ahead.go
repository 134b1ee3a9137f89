package render

import (
	"bytes"
	"runtime/metrics"
	"sync"

	"github.com/qingdan/qingdan/internal/output"
)

// ahead stores the files made in memory behind the writers that make
// them: a writer hands the bytes over and goes on to its next file while
// a storer of its own puts them (publish.Tx.Put: the system calls, and
// the file system's waits). A province's 1.1 million folders fill ext4's
// journal, and every call that makes a file or folder then waits for its
// checkpoint: the writers, making and storing in turn, all waited there
// at once, and the cores stood idle 37-42 s of a build (29.5-32.6 s with
// 64 MB held ahead). At most aheadLimit bytes are held so.
type ahead struct {
	p     putter
	queue chan stored
	errs  chan<- error
	pool  sync.Pool
	wg    sync.WaitGroup

	mu    sync.Mutex
	room  *sync.Cond
	limit int // the most bytes held: aheadLimit
	held  int // bytes handed over, not yet stored
	most  int // the most held at once (for tests)
}

// aheadLimit is the most bytes made and not yet stored, for a build whose
// heap holds live bytes: a sixteenth of it, within minAhead and maxAhead.
// What a build holds (a province's model, 1.1-1.7 GB; 10,000 articles'
// HTML, some 200 MB) says what it can spare: at 64 MB for any build,
// 10,000 articles peaked 15-30 MB higher (426-445 MiB, over 0.3 of
// Hugo's), for no gain in time (they wait on no journal).
func aheadLimit(live uint64) int {
	return int(min(max(live/16, minAhead), maxAhead))
}

const (
	minAhead = 1 << 20
	maxAhead = 256 << 20
)

// stored is a file handed over: its bytes and what to call once stored.
type stored struct {
	name string
	buf  *bytes.Buffer
	done func()
}

// newAhead starts n storers putting into p; an error goes to errs, when
// there is room in it.
func newAhead(p putter, n int, errs chan<- error) *ahead {
	a := &ahead{p: p, queue: make(chan stored, 256), errs: errs, limit: aheadLimit(liveHeap())}
	a.room = sync.NewCond(&a.mu)
	for range n {
		a.wg.Go(a.store)
	}
	return a
}

// takes reports whether f is made in memory and stored whole: not a copy
// of a file on disk, nor one that streams; nor one marked Early, which its
// writer stores itself: the search index's files end the build's peak
// once stored (render.Site.Peak), and while they waited behind the pages
// the index was held longer, with more pages made meanwhile (10,000
// articles: peak RSS 5-10 MiB higher so, 20-30 MiB higher the other way).
func (a *ahead) takes(f output.File) bool {
	return a != nil && f.From == "" && !f.Stream && !f.Reuse && !f.Early
}

// put makes f and hands it to the storers; they call f.Done once it is
// stored.
func (a *ahead) put(f output.File) error {
	buf, _ := a.pool.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	buf.Reset()
	if err := f.Write(buf); err != nil {
		a.pool.Put(buf)
		return err
	}
	// The buffer's capacity is what it holds, not its length: one grown
	// by a large file (a search shard) and then given a small page is held
	// whole while queued.
	n := buf.Cap()
	a.mu.Lock()
	for a.held > 0 && a.held+n > a.limit {
		a.room.Wait()
	}
	a.held += n
	a.most = max(a.most, a.held)
	a.mu.Unlock()
	a.queue <- stored{f.Name, buf, f.Done}
	return nil
}

// store puts the files handed over until the queue is closed.
func (a *ahead) store() {
	for s := range a.queue {
		if err := a.p.Put(s.name, s.buf.Bytes()); err != nil {
			report(a.errs, err)
		} else if s.done != nil {
			s.done()
		}
		a.mu.Lock()
		a.held -= s.buf.Cap()
		a.room.Broadcast()
		a.mu.Unlock()
		if s.buf.Cap() <= keepBuffer {
			a.pool.Put(s.buf)
		}
	}
}

// close waits until every file handed over is stored.
func (a *ahead) close() {
	close(a.queue)
	a.wg.Wait()
}

// report hands err to errs when it has room: Write returns the first
// error, and the writers and storers go on without waiting for it.
func report(errs chan<- error, err error) {
	select {
	case errs <- err:
	default:
	}
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
