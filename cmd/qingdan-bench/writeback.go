package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// What the kernel does with what a build writes decides how far two
// builds of different sizes are alike. Written files stay in memory as
// dirty pages; the kernel starts writing them back once they pass the
// background limit and makes a writer wait on the disk once they pass
// halfway to the dirty limit (vm.dirty_background_ratio and
// vm.dirty_ratio of the memory that can hold them, or the _bytes
// settings). On the bench's machine 10,000 articles (1.1 GB) stay under
// both; 50,000 (5.7 GB) write more than both, and are written back while
// they run, which the smaller build is not: the ratio of the two is not
// the program's alone. The bench says so under the figures when it
// happens, with the most the dirty pages came to (whether a writer was
// held back), and says when the folder is on a loop device that caches
// each byte twice.

// limits is the kernel's two limits on dirty pages, in bytes, and what
// they come from.
type limits struct {
	background, dirty uint64
	from              string
}

// dirtyLimits works the limits out from /proc/meminfo's text and the four
// vm settings, as the kernel does (roughly: the memory that can hold dirty
// pages is what is free and what the page cache holds).
func dirtyLimits(meminfo string, bgRatio, ratio, bgBytes, dirtyBytes uint64) limits {
	kb := meminfoBytes(meminfo)
	room := kb["MemFree"] + kb["Active(file)"] + kb["Inactive(file)"]
	l := limits{background: bgBytes, dirty: dirtyBytes}
	var from []string
	if bgBytes == 0 {
		l.background = room / 100 * bgRatio
		from = append(from, fmt.Sprintf("dirty_background_ratio %d %%", bgRatio))
	} else {
		from = append(from, "dirty_background_bytes")
	}
	if dirtyBytes == 0 {
		l.dirty = room / 100 * ratio
		from = append(from, fmt.Sprintf("dirty_ratio %d %%", ratio))
	} else {
		from = append(from, "dirty_bytes")
	}
	l.from = strings.Join(from, ", ")
	if bgBytes == 0 || dirtyBytes == 0 {
		l.from += fmt.Sprintf(" of %.1f GB", float64(room)/1e9)
	}
	return l
}

// meminfoBytes is each figure of /proc/meminfo's text, in bytes.
func meminfoBytes(meminfo string) map[string]uint64 {
	kb := map[string]uint64{}
	for line := range strings.Lines(meminfo) {
		name, rest, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) == 0 {
			continue
		}
		if v, err := strconv.ParseUint(f[0], 10, 64); err == nil {
			kb[name] = v << 10
		}
	}
	return kb
}

// dirtyNow is the machine's dirty pages and those under writeback, in
// bytes; 0 where /proc/meminfo cannot be read.
func dirtyNow() uint64 {
	mem, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	kb := meminfoBytes(string(mem))
	return kb["Dirty"] + kb["Writeback"]
}

// watchDirty calls read (dirtyNow) at once and then every every, until
// the function it returns is called, which calls it a last time and
// returns the most it said.
func watchDirty(read func() uint64, every time.Duration) (stop func() uint64) {
	done, peak := make(chan struct{}), make(chan uint64)
	go func() {
		most := read()
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-done:
				peak <- max(most, read())
				return
			case <-tick.C:
				most = max(most, read())
			}
		}
	}()
	return func() uint64 {
		close(done)
		return <-peak
	}
}

// readLimits is this machine's limits now; ok false where they cannot be
// read (not Linux).
func readLimits() (limits, bool) {
	mem, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return limits{}, false
	}
	var v [4]uint64
	for i, name := range []string{"dirty_background_ratio", "dirty_ratio", "dirty_background_bytes", "dirty_bytes"} {
		if v[i], err = strconv.ParseUint(readWord("/proc/sys/vm/"+name), 10, 64); err != nil {
			return limits{}, false // unreadable ("") or not a number
		}
	}
	return dirtyLimits(string(mem), v[0], v[1], v[2], v[3]), true
}

// writebackNote is what the bench says of a build that wrote wrote bytes
// under the limits l, the dirty pages (and those under writeback) coming
// to at most peak while it ran (0: not known): "" when it wrote less than
// the background limit. Writing more than the dirty limit in all does not
// make a writer wait, as long as writeback keeps up: the kernel holds a
// writer back only once the dirty pages pass halfway from the background
// limit to the dirty limit (balance_dirty_pages' "freerun"). At 50,000
// articles (5.7 GB written) they stayed near 2 GB, writeback under way.
func writebackNote(who string, wrote int64, peak uint64, l limits) string {
	if uint64(wrote) <= l.background {
		return ""
	}
	freerun := (l.background + l.dirty) / 2
	var how string
	switch {
	case peak == 0 && uint64(wrote) > l.dirty:
		how = "the build may have waited on the disk for part of it, which a build under them does not"
	case peak == 0:
		how = "the kernel writes them back during the build, which a build under them does not"
	case peak >= freerun:
		how = fmt.Sprintf("the dirty pages came to %.1f GB, past the %.1f GB from which the kernel holds a writer back: the build waited on the disk for part of it", float64(peak)/1e9, float64(freerun)/1e9)
	default:
		how = fmt.Sprintf("the kernel wrote them back during the build, the dirty pages at most %.1f GB, under the %.1f GB from which it holds a writer back", float64(peak)/1e9, float64(freerun)/1e9)
	}
	return fmt.Sprintf("note: %s wrote %.1f GB, more than the kernel keeps unwritten here (%.1f GB before writing back, %.1f GB at most: %s): %s",
		who, float64(wrote)/1e9, float64(l.background)/1e9, float64(l.dirty)/1e9, l.from, how)
}

// loopNote says when dir is on a loop device that reads and writes its
// file through the page cache (no direct I/O): each byte written is then
// cached, and counted dirty, twice, and the limits above are met at half
// the output. "" otherwise, or where it cannot tell.
func loopNote(dir string) string {
	major, minor, ok := device(dir)
	if !ok || major != loopMajor {
		return ""
	}
	dio, err := os.ReadFile(fmt.Sprintf("/sys/dev/block/%d:%d/loop/dio", major, minor))
	if err != nil {
		return ""
	}
	return describeLoop(dir, major, minor, string(dio))
}

// device is the major and minor number of the device dir is on; false
// when dir cannot be looked at.
func device(dir string) (major, minor uint32, ok bool) {
	var st unix.Stat_t
	if unix.Stat(dir, &st) != nil {
		return 0, 0, false
	}
	return unix.Major(uint64(st.Dev)), unix.Minor(uint64(st.Dev)), true
}

// loopMajor is the loop devices' major number.
const loopMajor = 7

// describeLoop is loopNote's note for a folder on device major:minor
// whose loop/dio file (in /sys) says dio.
func describeLoop(dir string, major, minor uint32, dio string) string {
	if major != loopMajor || strings.TrimSpace(dio) != "0" {
		return ""
	}
	dev := fmt.Sprintf("/dev/loop%d", minor)
	return fmt.Sprintf("note: %s is on %s without direct I/O: each byte written is cached and counted dirty twice (losetup --direct-io=on %s avoids it)", dir, dev, dev)
}

// journalNote says when dir, or the nearest folder above it that exists,
// is on ext4 without a journal: such an ext4, making a file, steps over
// each inode freed there in the last 12 hours (the kernel's
// recently_deleted), so that runs after many deletions are slowed, and
// the two programs unevenly (qingdan makes more files). "" otherwise, or
// where it cannot tell.
func journalNote(dir string) string {
	major, minor, ok := device(dir)
	for !ok {
		up := filepath.Dir(dir)
		if up == dir {
			return ""
		}
		dir = up
		major, minor, ok = device(dir)
	}
	link, err := os.Readlink(fmt.Sprintf("/sys/dev/block/%d:%d", major, minor))
	if err != nil {
		return ""
	}
	dev := filepath.Base(link)
	if _, err := os.Stat("/sys/fs/ext4/" + dev); err != nil {
		return "" // not ext4
	}
	journals, _ := filepath.Glob("/proc/fs/jbd2/" + dev + "-*")
	return describeJournal(dir, dev, len(journals) > 0)
}

// describeJournal is journalNote's note for a folder on the ext4 of
// device dev, with a journal or not.
func describeJournal(dir, dev string, journal bool) string {
	if journal || dev == "" {
		return ""
	}
	return fmt.Sprintf("note: %s is on ext4 without a journal (/dev/%s): for 12 hours after files are deleted there, making a file steps over each inode freed, which slows both programs, unevenly; -dir on a journaled or new file system avoids it", dir, dev)
}
