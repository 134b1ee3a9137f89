package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"
)

// TestWarm: warm reads the site's files into memory (mincore finds every
// page of a file dropped from the page cache there again), and not those
// in its public/.
func TestWarm(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "content", "a.md")
	out := filepath.Join(dir, "public", "index.html")
	writeFiles(t, dir, map[string]string{"content/a.md": string(make([]byte, 64<<10)), "public/index.html": string(make([]byte, 64<<10))})
	pages := (64 << 10) / os.Getpagesize()
	resident := func(p string) int {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		unix.Fdatasync(int(f.Fd()))
		b, err := unix.Mmap(int(f.Fd()), 0, 64<<10, unix.PROT_READ, unix.MAP_SHARED)
		if err != nil {
			t.Fatal(err)
		}
		defer unix.Munmap(b)
		vec := make([]byte, pages)
		if _, _, e := syscall.Syscall(syscall.SYS_MINCORE, uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)), uintptr(unsafe.Pointer(&vec[0]))); e != 0 {
			t.Fatalf("mincore: %v", e)
		}
		n := 0
		for _, v := range vec {
			n += int(v & 1)
		}
		return n
	}
	drop := func(p string) {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		unix.Fdatasync(int(f.Fd()))
		unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED)
	}
	drop(src)
	drop(out)
	if resident(src) == pages {
		t.Skip("this file system keeps the pages (tmpfs): nothing to see")
	}
	warm(dir)
	if got := resident(src); got != pages {
		t.Errorf("%d of %d pages of the source in memory after warm", got, pages)
	}
	if resident(out) != 0 {
		t.Error("warm read public/")
	}
}
