package main

import (
	"strings"
	"testing"
)

// TestReporting: the memory handed back is read from reported_kib and
// said with the size of the blocks; without the counter, or with a
// counter that went back, nothing is said.
func TestReporting(t *testing.T) {
	root := t.TempDir()
	if _, ok := reported(root); ok {
		t.Fatal("reported read a counter that is not there")
	}
	if line := reportingLine(root, 0, 0, false); line != "" {
		t.Errorf("a line with nothing read: %q", line)
	}
	writeFiles(t, root, map[string]string{"reported_kib": "62273612\n", "page_reporting_order": "9\n"})
	n, ok := reported(root)
	if !ok || n != 62273612 {
		t.Fatalf("reported = %d, %v; want 62273612, true", n, ok)
	}
	line := reportingLine(root, n, n+3<<20, true)
	for _, s := range []string{"3.0 GB", "2048 KB", root + "/reported_kib"} {
		if !strings.Contains(line, s) {
			t.Errorf("the line lacks %q: %s", s, line)
		}
	}
	if line := reportingLine(root, n, n-1, true); line != "" {
		t.Errorf("a counter that went back: %q", line)
	}
	writeFiles(t, root, map[string]string{"reported_kib": "many\n"})
	if _, ok := reported(root); ok {
		t.Error("reported took a counter that is not a number")
	}
}
