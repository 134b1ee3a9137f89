package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestReclaims: a monitor that is on, with a pageout scheme, is found,
// with how long a page waits and how fast pages go; one that is off, and
// a scheme of another action, are not.
func TestReclaims(t *testing.T) {
	root := t.TempDir()
	monitor := func(k, state, action string) {
		writeFiles(t, root, map[string]string{
			k + "/state": state + "\n",
			k + "/contexts/0/monitoring_attrs/intervals/aggr_us": "5000000\n",
			k + "/contexts/0/schemes/0/action":                   action + "\n",
			k + "/contexts/0/schemes/0/access_pattern/age/min":   "12\n",
			k + "/contexts/0/schemes/0/quotas/bytes":             "134217728\n",
			k + "/contexts/0/schemes/0/quotas/reset_interval_ms": "1000\n",
		})
	}
	if got := reclaims(root); len(got) != 0 {
		t.Fatalf("no monitors: %v", got)
	}
	monitor("0", "off", "pageout")
	monitor("1", "on", "stat")
	if got := reclaims(root); len(got) != 0 {
		t.Fatalf("a monitor off and one that only counts: %v", got)
	}
	if note := reclaimNote(root, nil); note != "" {
		t.Errorf("a note with nothing to say: %q", note)
	}
	monitor("2", "on", "pageout")
	got := reclaims(root)
	want := reclaim{kdamond: 2, after: 60 * time.Second, perSec: 128 << 20}
	if len(got) != 1 || got[0] != want {
		t.Fatalf("reclaims = %v, want [%v]", got, want)
	}
	note := reclaimNote(root, got)
	for _, s := range []string{"untouched for 60 s", "kdamond 2", "128 MB a second", filepath.Join(root, "2") + "/state"} {
		if !strings.Contains(note, s) {
			t.Errorf("the note lacks %q: %s", s, note)
		}
	}
}
