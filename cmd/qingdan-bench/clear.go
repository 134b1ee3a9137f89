package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
)

// clear moves a folder out of the way before a timed run, into a trash
// folder emptied when every run is done, and writes every dirty page to
// disk. Removed there and then, its tens of thousands of files would
// slow down the runs that follow: on an ext4 without a journal (this
// machine's: /sys/fs/ext4/*/journal_task is empty) the inode allocator
// passes over every inode freed within dirtytime_expire_seconds (12 hours
// by default), one inode-table lookup each (ext4_new_inode →
// find_inode_bit → recently_deleted), before it takes a free one. Measured:
// a build after a removal took two to three times the system time (22 s
// against 8 s for articles 10000), for qingdan and Hugo alike, and a
// county build on a disk where earlier outputs had been removed spent 36 %
// of its CPU there. A user's build into a fresh clone does not pay that;
// every bench after the first on a machine pays some, as the trash of the
// last one was emptied.
//
// When the disk holds less than lowDisk free, the trash is emptied first:
// articles 50000 write some 6 GB a run.
func (b *bench) clear(dir string) {
	var st syscall.Statfs_t
	if syscall.Statfs(b.dir, &st) == nil && st.Bavail*uint64(st.Bsize) < b.lowDisk {
		if _, err := os.Lstat(filepath.Join(b.dir, ".trash")); err == nil && !b.trashSaid {
			// Said where the figures are (once), so that a reader knows
			// the runs after this one may be slower than the ones before.
			b.trashSaid = true
			fmt.Fprintf(b.out, "  note: less than %d GB free in %s: earlier outputs removed before a timed run (on ext4 without a journal the runs after it are slowed; -dir on a bigger or fresh file system avoids it)\n", b.lowDisk>>30, b.dir)
		}
		b.emptyTrash()
	}
	if _, err := os.Lstat(dir); err == nil {
		trash := filepath.Join(b.dir, ".trash")
		os.MkdirAll(trash, 0o755)
		b.trashed++
		if os.Rename(dir, filepath.Join(trash, strconv.Itoa(os.Getpid())+"-"+strconv.Itoa(b.trashed))) != nil {
			os.RemoveAll(dir)
		}
	}
	syscall.Sync()
}

// tidy removes what an earlier bench left in the folder (its last outputs,
// out-*, its copies made by cp -r, copy-*, and its trash) and returns how
// many it removed. Left there, they filled the disk of the next pass,
// whose clear then emptied the trash in the middle of its runs (the forty-first session's second pass: all three
// builds of 50,000 articles 36.9-37.6 s, against 28.6 s by hand on the
// emptied disk): removed before any run, every run meets the same disk.
func (b *bench) tidy() int {
	n := 0
	old, _ := filepath.Glob(filepath.Join(b.dir, "out-*"))
	copies, _ := filepath.Glob(filepath.Join(b.dir, "copy-*"))
	old = append(old, copies...)
	if _, err := os.Lstat(filepath.Join(b.dir, ".trash")); err == nil {
		old = append(old, filepath.Join(b.dir, ".trash"))
	}
	for _, p := range old {
		if os.RemoveAll(p) == nil {
			n++
		}
	}
	if n > 0 {
		syscall.Sync()
	}
	return n
}

// lowDisk is the free space below which clear empties the trash.
const lowDisk = 16 << 30 // bytes

// emptyTrash removes what clear moved away, once nothing is timed.
func (b *bench) emptyTrash() { os.RemoveAll(filepath.Join(b.dir, ".trash")) }
