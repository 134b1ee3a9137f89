package main

import (
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

const meminfo = `MemTotal:       24000000 kB
MemFree:        10000000 kB
MemAvailable:   20000000 kB
Active(file):    6000000 kB
Inactive(file):  4000000 kB
Dirty:              1234 kB
`

func TestDirtyLimits(t *testing.T) {
	room := uint64(20000000) << 10 // free + file pages
	for _, c := range []struct {
		name                             string
		bgRatio, ratio, bgBytes, dirtyBy uint64
		background, dirty                uint64
		from                             string
	}{
		{"ratios", 10, 20, 0, 0, room / 100 * 10, room / 100 * 20, "dirty_background_ratio 10 %, dirty_ratio 20 % of 20.5 GB"},
		{"bytes", 10, 20, 1 << 30, 2 << 30, 1 << 30, 2 << 30, "dirty_background_bytes, dirty_bytes"},
		{"one of each", 10, 20, 0, 2 << 30, room / 100 * 10, 2 << 30, "dirty_background_ratio 10 %, dirty_bytes of 20.5 GB"},
	} {
		l := dirtyLimits(meminfo, c.bgRatio, c.ratio, c.bgBytes, c.dirtyBy)
		if l.background != c.background || l.dirty != c.dirty || l.from != c.from {
			t.Errorf("%s: %+v, want %d, %d, %q", c.name, l, c.background, c.dirty, c.from)
		}
	}
	if l := dirtyLimits("nonsense\nMemFree: x kB\n", 10, 20, 0, 0); l.background != 0 || l.dirty != 0 {
		t.Errorf("unreadable meminfo: %+v", l)
	}
}

func TestWritebackNote(t *testing.T) {
	l := limits{background: 2e9, dirty: 4e9, from: "dirty_background_ratio 10 %, dirty_ratio 20 % of 20.0 GB"}
	for _, c := range []struct {
		who   string
		wrote int64
		peak  uint64
		want  []string // "" for no note
	}{
		{"qingdan", 1.1e9, 0, nil},
		{"qingdan", 1.1e9, 1.1e9, nil},
		{"qingdan", 3e9, 0, []string{"qingdan wrote 3.0 GB", "writes them back during the build"}},
		{"hugo", 5.7e9, 0, []string{"hugo wrote 5.7 GB", "may have waited on the disk", "2.0 GB before writing back, 4.0 GB at most"}},
		// Written back while it ran, never held back: 50,000 articles here.
		{"qingdan", 5.7e9, 2.1e9, []string{"wrote them back during the build", "at most 2.1 GB, under the 3.0 GB"}},
		{"hugo", 5.7e9, 3.4e9, []string{"came to 3.4 GB, past the 3.0 GB", "waited on the disk"}},
	} {
		n := writebackNote(c.who, c.wrote, c.peak, l)
		if len(c.want) == 0 && n != "" {
			t.Errorf("%s %d %d: %q, want none", c.who, c.wrote, c.peak, n)
		}
		for _, w := range c.want {
			if !strings.Contains(n, w) {
				t.Errorf("%s %d %d: %q, want %q in it", c.who, c.wrote, c.peak, n, w)
			}
		}
	}
}

// TestWatchDirty: the most the reader said, from its first call to its
// last (the one stop makes).
func TestWatchDirty(t *testing.T) {
	var mu sync.Mutex
	said := []uint64{3, 9, 4}
	calls := 0
	read := func() uint64 {
		mu.Lock()
		defer mu.Unlock()
		v := uint64(1)
		if calls < len(said) {
			v = said[calls]
		}
		calls++
		return v
	}
	stop := watchDirty(read, time.Millisecond)
	for {
		mu.Lock()
		n := calls
		mu.Unlock()
		if n > len(said) {
			break
		}
		time.Sleep(time.Millisecond)
	}
	if got := stop(); got != 9 {
		t.Errorf("peak %d, want 9", got)
	}
	if got := watchDirty(func() uint64 { return 7 }, time.Hour)(); got != 7 {
		t.Errorf("stopped at once: %d, want 7 (the first and last reads)", got)
	}
	if kb := meminfoBytes("Dirty:        1200 kB\nWriteback:      34 kB\nbad line\nEmpty:\n"); kb["Dirty"] != 1200<<10 || kb["Writeback"] != 34<<10 || len(kb) != 2 {
		t.Errorf("meminfoBytes: %v", kb)
	}
}

func TestDescribeLoop(t *testing.T) {
	for _, c := range []struct {
		major, minor uint32
		dio          string
		want         string
	}{
		{7, 0, "0\n", "note: /q is on /dev/loop0 without direct I/O: each byte written is cached and counted dirty twice (losetup --direct-io=on /dev/loop0 avoids it)"},
		{7, 3, "1\n", ""}, // direct I/O: cached once
		{8, 0, "0\n", ""}, // a disk
		{7, 0, "", ""},    // nothing said
	} {
		if got := describeLoop("/q", c.major, c.minor, c.dio); got != c.want {
			t.Errorf("%d:%d dio %q: %q, want %q", c.major, c.minor, c.dio, got, c.want)
		}
	}
	if n := loopNote(t.TempDir() + "/missing"); n != "" {
		t.Errorf("a missing folder: %q", n)
	}
}

func TestDescribeJournal(t *testing.T) {
	for _, c := range []struct {
		dev     string
		journal bool
		want    string
	}{
		{"vda", false, "note: /q is on ext4 without a journal (/dev/vda): for 12 hours after files are deleted there, making a file steps over each inode freed, which slows both programs, unevenly; -dir on a journaled or new file system avoids it"},
		{"loop0", true, ""}, // a journal: no such check
		{"", false, ""},     // nothing known
	} {
		if got := describeJournal("/q", c.dev, c.journal); got != c.want {
			t.Errorf("%q, journal %v: %q, want %q", c.dev, c.journal, got, c.want)
		}
	}
	// A folder not made yet is looked at through the nearest one that
	// exists, and a note names that one.
	dir := t.TempDir()
	if n := journalNote(filepath.Join(dir, "not", "yet")); n != "" && !strings.Contains(n, "note: "+dir+" is on ext4") {
		t.Errorf("a folder not made yet: %q, want the note to name %s", n, dir)
	}
}
