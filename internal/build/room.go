package build

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// The heap a build takes, per byte of its input, for Options.Room: as
// little as a site of that size takes, so that the room made is used (at
// its peak the build holds more), and none left over adds to its memory.
//
// A document becomes its HTML, its text for the search index, its part of
// the index and of the pages that list it: 10,000 generated articles (66
// MB) peaked at 411 MiB of RSS, 6.5 times; room for 5 times cut their
// page faults from 75,000 to 17,000 and left the peak as it was, room for
// 6 times raised it to 455 MiB.
//
// A data record (an org, a project, a task: the progress file's readings
// are streamed into aggregates, so its size says little) becomes its
// model, its pages' part of the search index and of its org's figures: a
// province's 263 MB of them took some 3.5 GB; room for 4 times cut
// the page faults of its check from 546,000 to 292,000-334,000, for 8
// times to 218,000-221,000.
//
// Every build besides takes baseRoom, whatever its size: the theme's
// files and ECharts read, the layouts, the tables of the search index. A
// site with no data and no documents peaked at 43-57 MiB of RSS, the demo
// site at 78 MiB, faulting 7,000-9,600 pages one by one without room.
const (
	roomPerDocumentByte = 5
	roomPerRecordByte   = 8
	baseRoom            = 24 << 20
)

// oneRoom tells Options.Room once, as the documents are listed, of room for
// them or for what was known before (baseRoom and the data's records),
// whichever is more, and the data is read after that. Told apart, the
// second room was made on the pages the first had just let go (so that the
// heap grew by the larger of the two, as the figures per byte above were
// measured), and the runtime clears the whole of an object that begins on
// pages used before: at 10,000 articles the documents' 313 MB took 40-53
// ms to make, once 596 ms (page by page), where made first, on fresh
// pages, it takes 1-11 ms.
type oneRoom struct {
	to   func(int64)
	base int64
	once sync.Once
	made chan struct{} // closed once told
}

// newRoom is the room for base bytes of heap and the documents' (none
// when to is nil).
func newRoom(to func(int64), base int64) *oneRoom {
	return &oneRoom{to: to, base: base, made: make(chan struct{})}
}

// sized is content.LoadCached's: the documents listed hold bytes. Only
// the first call counts; nil when there is no room to tell.
func (r *oneRoom) sized() func(bytes int64) {
	if r.to == nil {
		return nil
	}
	return func(bytes int64) {
		r.once.Do(func() {
			r.to(max(r.base, bytes*roomPerDocumentByte))
			close(r.made)
		})
	}
}

// wait waits until the room is made, if there is one to make.
func (r *oneRoom) wait() {
	if r.to != nil {
		<-r.made
	}
}

// recordBytes is the size of the data files that hold records: every
// regular file in data/ but the progress file.
func recordBytes(src string) int64 {
	entries, err := os.ReadDir(filepath.Join(src, "data"))
	if err != nil {
		return 0
	}
	var n int64
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || strings.TrimSuffix(name, filepath.Ext(name)) == "progress" {
			continue
		}
		if fi, err := e.Info(); err == nil {
			n += fi.Size()
		}
	}
	return n
}
