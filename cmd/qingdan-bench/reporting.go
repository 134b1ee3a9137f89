package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Some virtual machines hand the memory their kernel frees back to the
// host (free page reporting, through the virtio balloon), and the host
// backs a page again only when the guest touches it. The bench's machine
// of the fifty-first session (an Intel Xeon under KVM) hands back every
// free block of 2 MB (page_reporting_order 9) with no wait (min_free_ms
// 0): touching 4 GB of memory freed 5-10 s before took 8.4-10.4 s
// (0.4 GB/s, some 10 µs a page), touching it again at once 0.6-3.6 s.
// Every page a build writes into the page cache, and every page of heap
// it grows, comes from that memory: copying a page's bytes into the page
// cache (copy_folio_from_iter_atomic) was a third of the kernel's time of
// 50,000 articles, at some 0.5 GB/s; and Hugo's 10,000 articles took
// 14.8-15.6 s in one pass and 7.7, 8.1 and 14.0 s in the next, on the
// same machine the same day, where qingdan's medians were 5.31 and
// 5.09 s. How much the kernel handed back during the runs says how much
// of the machine's memory each run found given away; the bench prints it
// when the kernel counts it.

// reportingRoot is where the kernel's free page reporting has its
// parameters (reported_kib is not in every kernel).
const reportingRoot = "/sys/module/page_reporting/parameters"

// reported is how many KiB of freed memory the kernel has handed back
// to the host since it started, and whether it says.
func reported(root string) (int64, bool) {
	b, err := os.ReadFile(filepath.Join(root, "reported_kib"))
	if err != nil {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	return n, err == nil && n >= 0
}

// reportingLine is what the bench says of the memory handed back between
// two readings of reported (empty when either could not be read).
func reportingLine(root string, before, after int64, ok bool) string {
	if !ok || after < before {
		return ""
	}
	order := ""
	if b, err := os.ReadFile(filepath.Join(root, "page_reporting_order")); err == nil {
		if o, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil && o >= 0 && o < 30 {
			order = fmt.Sprintf(" in free blocks of %d KB and more", 4<<o)
		}
	}
	return fmt.Sprintf("machine: free page reporting handed %.1f GB of freed memory back to the host during the runs%s (%s/reported_kib); a page touched again after that costs the host's fault, and each run met a different share of such memory", float64(after-before)/(1<<20), order, root)
}
