package build

import (
	"os"
	"path/filepath"
	"strings"
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

// room is the function that tells Options.Room (none: nil) about bytes of
// input taking per bytes of heap each.
func room(to func(int64), per int64) func(bytes int64) {
	if to == nil {
		return nil
	}
	return func(bytes int64) { to(bytes * per) }
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
