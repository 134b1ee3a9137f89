package main

import (
	"path/filepath"
	"strings"
	"testing"
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
	if n := writebackNote("qingdan", 1.1e9, l); n != "" {
		t.Errorf("under both limits: %q", n)
	}
	n := writebackNote("qingdan", 3e9, l)
	if !strings.Contains(n, "qingdan wrote 3.0 GB") || !strings.Contains(n, "writes them back during the build") {
		t.Errorf("between the limits: %q", n)
	}
	n = writebackNote("hugo", 5.7e9, l)
	if !strings.Contains(n, "hugo wrote 5.7 GB") || !strings.Contains(n, "waits on the disk") || !strings.Contains(n, "2.0 GB before writing back, 4.0 GB") {
		t.Errorf("over both: %q", n)
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
