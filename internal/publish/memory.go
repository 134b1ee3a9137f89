package publish

import (
	"bytes"
	"io"
	"maps"
	"slices"
	"sync"
)

// Memory is an output folder held in memory (qingdan serve). Write and
// Create are safe for concurrent use.
type Memory struct {
	mu      sync.Mutex
	Files   map[string][]byte
	changed map[string]bool // files written with other bytes, added or dropped
}

// NewMemory makes a memory folder holding files (which it takes over).
func NewMemory(files map[string][]byte) *Memory {
	if files == nil {
		files = map[string][]byte{}
	}
	return &Memory{Files: files, changed: map[string]bool{}}
}

// Write stores a copy of data as the file name.
func (m *Memory) Write(name string, data []byte) error {
	m.mu.Lock()
	if old, ok := m.Files[name]; !ok || !bytes.Equal(old, data) {
		m.Files[name] = bytes.Clone(data)
		m.changed[name] = true
	}
	m.mu.Unlock()
	return nil
}

// Changed lists, sorted, the files that are new, hold other bytes or are
// gone since NewMemory.
func (m *Memory) Changed() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Sorted(maps.Keys(m.changed))
}

type memFile struct {
	bytes.Buffer
	m    *Memory
	name string
}

func (f *memFile) Close() error { return f.m.Write(f.name, f.Bytes()) }

// Create opens the file name for streaming writes; Close stores it.
func (m *Memory) Create(name string) (io.WriteCloser, error) { return &memFile{m: m, name: name}, nil }

// KeepOnly drops every file not among names: the files a site no longer
// has. Every name must be a file of m.
func (m *Memory) KeepOnly(names []string) {
	if len(names) == len(m.Files) {
		return // names are m's files, all of them
	}
	keep := make(map[string]bool, len(names))
	for _, n := range names {
		keep[n] = true
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for n := range m.Files {
		if !keep[n] {
			delete(m.Files, n)
			m.changed[n] = true
		}
	}
}
