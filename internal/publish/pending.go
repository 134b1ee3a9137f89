package publish

import (
	"errors"
	"os"
	"sync"
)

// Pending lists the temporary folders of the transactions under way (and
// of outputs being removed), for Interrupted. A program that cleans up on
// Ctrl-C makes one and gives it to each Begin; its lock is held while an
// output folder is being swapped, so that Interrupted never runs between
// a swap's two renames.
type Pending struct {
	mu      sync.Mutex
	dirs    map[string]bool
	stopped bool // Interrupted ran: no more swaps
}

// NewPending returns an empty list.
func NewPending() *Pending { return &Pending{dirs: map[string]bool{}} }

func (p *Pending) track(dir string, on bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if on {
		p.dirs[dir] = true
	} else {
		delete(p.dirs, dir)
	}
}

// makeTemp makes a new folder in parent as os.MkdirTemp does, and lists
// it: Interrupted, which waits for it, finds it listed or stops it.
func (p *Pending) makeTemp(parent, pattern string) (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped {
		return "", errors.New("publish: interrupted")
	}
	dir, err := os.MkdirTemp(parent, pattern)
	if err == nil {
		p.dirs[dir] = true
	}
	return dir, err
}

// halted says whether Interrupted has run.
func (p *Pending) halted() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stopped
}

// Interrupted removes the temporary folders of every transaction listed,
// leaving each output folder as it was (or, mid-swap, as the swap leaves
// it: both renames are done before it runs), and stops any later swap.
// For a signal handler, just before the program exits.
func (p *Pending) Interrupted() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stopped = true
	for dir := range p.dirs {
		for range 3 { // writers still running may add files meanwhile
			if os.RemoveAll(dir) == nil {
				break
			}
		}
	}
}
