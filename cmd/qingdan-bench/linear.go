package main

import (
	"fmt"
	"time"
)

// linearContext is what the verdict on 50,000 articles against 10,000
// is read beside, with no target of its own: the pairs' CPU time (the
// build's own work) against their wall time, and Hugo's medians at each
// number of articles (0: not measured, left out).
//
// On the bench's virtual machine a build's own work grows with the
// articles (the forty-eighth session: user CPU 5.07 times) where its wall
// time does not: at 50,000 the output (5.7 GB) passes the dirty pages'
// background limit and the kernel writes it back during the build, and
// new page cache and heap come from memory the host must back afresh
// (copying the 100,000 pictures alone, with nothing else running, took
// 6.0-6.4 times as long as 10,000's 20,000). These lines show which of
// the two a pass's ratio came from, and the CPU's split. The fifty-fourth
// session's hand runs, each after the page cache was dropped, grew 5.3-5.5
// times in user CPU and 11.6-14.3 times in system CPU (perf: the kernel
// copying the output into new page cache, copy_folio_from_iter_atomic,
// 1.1 % of the samples at 10,000 and 15.5 % at 50,000; zeroing new heap
// pages, clear_page_erms, 2.3 % and 8.3 %); in its bench pass, which
// keeps the page cache, 5.07 and 5.12 times.
func linearContext(big, small []measure, hugo10k, hugo50k time.Duration) []string {
	var lines []string
	if len(big) > 0 && len(big) == len(small) {
		lines = append(lines,
			contextLine("cpu, 50000 ÷ 10000 (pairs)", medianRatio(big, small, cpuOf)),
			contextLine("  user cpu (pairs)", medianRatio(big, small, userOf)),
			contextLine("  system cpu (pairs)", medianRatio(big, small, sysOf)))
	}
	if hugo10k > 0 && hugo50k > 0 {
		lines = append(lines, contextLine("hugo wall, 50000 ÷ 10000 (medians)", hugo50k.Seconds()/hugo10k.Seconds()))
	}
	return lines
}

// contextLine is a figure shown beside the verdicts, aligned with them.
func contextLine(what string, got float64) string { return contextNote(what, got, "") }

// contextNote is contextLine with a note beside "no target" ("" for none).
func contextNote(what string, got float64, note string) string {
	if note != "" {
		note = "; " + note
	}
	return fmt.Sprintf("  %-40s %6.3f  (no target%s)", what, got, note)
}

func cpuOf(m measure) float64 { return m.cpu.Seconds() }

func userOf(m measure) float64 { return (m.cpu - m.sys).Seconds() }

func sysOf(m measure) float64 { return m.sys.Seconds() }
