package sheet

import (
	"io"
	"sync"
)

// ahead reads r in a goroutine of its own, a few chunks ahead of its
// reader: a worksheet is unzipped while the rows before are scanned (on
// two cores unzipping was a quarter of a workbook's reading).
type ahead struct {
	full chan []byte // chunks read, in order; closed after the last
	free chan []byte // chunks the reader is done with
	stop chan struct{}
	done chan struct{}
	once sync.Once

	chunk []byte // the chunk being read
	off   int    // how much of it was read
	err   error  // how the goroutine's reading ended, once full is closed
}

const (
	aheadChunk  = 64 << 10
	aheadChunks = 4
)

// readAhead starts reading rc ahead; Close stops it and closes rc.
func readAhead(rc io.ReadCloser) *ahead {
	a := &ahead{full: make(chan []byte, aheadChunks), free: make(chan []byte, aheadChunks),
		stop: make(chan struct{}), done: make(chan struct{})}
	for range aheadChunks {
		a.free <- make([]byte, aheadChunk)
	}
	go func() {
		defer close(a.done)
		defer rc.Close()
		defer close(a.full)
		defer func() {
			if p := recover(); p != nil {
				a.err = panicError(p) // a corrupt part, unzipped
			}
		}()
		for {
			var b []byte
			select {
			case b = <-a.free:
			case <-a.stop:
				return
			}
			n, err := io.ReadFull(rc, b[:cap(b)])
			if n > 0 {
				a.full <- b[:n] // room for it: every chunk is either here or free
			}
			if err != nil {
				if err == io.ErrUnexpectedEOF {
					err = io.EOF
				}
				a.err = err
				return
			}
		}
	}()
	return a
}

func (a *ahead) Read(p []byte) (int, error) {
	for a.off == len(a.chunk) {
		if a.chunk != nil {
			a.free <- a.chunk
			a.chunk, a.off = nil, 0
		}
		b, ok := <-a.full
		if !ok {
			return 0, a.err // full is closed after err is set
		}
		a.chunk, a.off = b, 0
	}
	n := copy(p, a.chunk[a.off:])
	a.off += n
	return n, nil
}

// Close stops the reading and waits for it to end.
func (a *ahead) Close() error {
	a.once.Do(func() { close(a.stop) })
	for range a.full { // a goroutine blocked on a full channel
	}
	<-a.done
	return nil
}
