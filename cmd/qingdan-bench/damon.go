package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Some virtual machines run DAMON (the kernel's data access monitor) to
// give memory back to their host: a scheme whose action is pageout drops
// the page cache's pages that were not touched for a while. The bench's
// machine drops file pages untouched for 60 s (12 aggregations of 5 s), at
// up to 128 MB a second. warm reads a site's files just before each run,
// but a run longer than that reads the ones it needs last (the pictures
// it copies, after its pages) from the disk again, and the longer run
// more of them: at 50,000 articles Hugo took 79-91 s with it on (the
// forty-second session) and 60-68 s with it off (the forty-third), and
// qingdan 33.7-39.0 s and 32.2-36.5 s; the ratio of the two went from
// 0.430 to 0.538. The figures then compare the disk's reads as much as
// the programs. The bench says so when such a scheme is on.

// damonRoot is where DAMON's sysfs interface lists its monitors.
const damonRoot = "/sys/kernel/mm/damon/admin/kdamonds"

// reclaim is a running monitor's pageout scheme: the monitor's number,
// how long a page stays untouched before it is dropped, and how many
// bytes a second it drops at most (0: no limit).
type reclaim struct {
	kdamond int
	after   time.Duration
	perSec  int64
}

// reclaims are the pageout schemes of the monitors under root that are on.
func reclaims(root string) []reclaim {
	var out []reclaim
	dirs, _ := filepath.Glob(filepath.Join(root, "[0-9]*"))
	for _, k := range dirs {
		n, err := strconv.Atoi(filepath.Base(k))
		if err != nil || readWord(filepath.Join(k, "state")) != "on" {
			continue
		}
		ctxs, _ := filepath.Glob(filepath.Join(k, "contexts", "[0-9]*"))
		for _, c := range ctxs {
			aggr, err := strconv.ParseInt(readWord(filepath.Join(c, "monitoring_attrs", "intervals", "aggr_us")), 10, 64)
			if err != nil {
				continue
			}
			schemes, _ := filepath.Glob(filepath.Join(c, "schemes", "[0-9]*"))
			for _, s := range schemes {
				if readWord(filepath.Join(s, "action")) != "pageout" {
					continue
				}
				age, err := strconv.ParseInt(readWord(filepath.Join(s, "access_pattern", "age", "min")), 10, 64)
				if err != nil {
					continue
				}
				r := reclaim{kdamond: n, after: time.Duration(age*aggr) * time.Microsecond}
				bytes, _ := strconv.ParseInt(readWord(filepath.Join(s, "quotas", "bytes")), 10, 64)
				ms, _ := strconv.ParseInt(readWord(filepath.Join(s, "quotas", "reset_interval_ms")), 10, 64)
				if bytes > 0 && ms > 0 {
					r.perSec = bytes * 1000 / ms
				}
				out = append(out, r)
			}
		}
	}
	return out
}

// readWord is the file's text without the spaces around it; "" when it
// cannot be read.
func readWord(name string) string {
	b, err := os.ReadFile(name)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// reclaimNote is what the bench says of the schemes rs: "" when there are
// none.
func reclaimNote(root string, rs []reclaim) string {
	if len(rs) == 0 {
		return ""
	}
	r := rs[0]
	rate := ""
	if r.perSec > 0 {
		rate = fmt.Sprintf(", up to %d MB a second", r.perSec>>20)
	}
	return fmt.Sprintf("note: DAMON drops file pages untouched for %.0f s here (kdamond %d, pageout%s): a run longer than that after warming reads part of its sources from the disk again, and the figures compare the disk's reads as much as the programs; echo off > %s/%d/state before the bench (and on after) measures without it",
		r.after.Seconds(), r.kdamond, rate, root, r.kdamond)
}
