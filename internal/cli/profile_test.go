package cli

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The profiles the environment asks for are written when the run stops:
// a CPU profile, a heap profile and an allocation profile (all gzipped, as pprof writes them)
// and an execution trace.
func TestProfile(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"QINGDAN_CPUPROFILE":   filepath.Join(dir, "cpu.prof"),
		"QINGDAN_MEMPROFILE":   filepath.Join(dir, "mem.prof"),
		"QINGDAN_ALLOCPROFILE": filepath.Join(dir, "alloc.prof"),
		"QINGDAN_TRACE":        filepath.Join(dir, "run.trace"),
	}
	for k, v := range files {
		t.Setenv(k, v)
	}
	stop := profile()
	var keep [][]byte
	// A heap that grows, for the heap profile, by 64 KB a millisecond: some
	// 30 MB over the half second the heap is watched. Grown as fast as the
	// machine allows, it reached 16 GB held, and the tests after it, whose
	// collector's goal was then twice that, were killed for want of memory.
	for end := time.Now().Add(500 * time.Millisecond); time.Now().Before(end); time.Sleep(time.Millisecond) {
		keep = append(keep, make([]byte, 1<<16))
	}
	stop()
	_ = keep
	for _, k := range []string{"QINGDAN_CPUPROFILE", "QINGDAN_MEMPROFILE", "QINGDAN_ALLOCPROFILE"} {
		b, err := os.ReadFile(files[k])
		if err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: not a pprof profile: %v", k, err)
		}
		if p, err := io.ReadAll(zr); err != nil || len(p) == 0 {
			t.Errorf("%s: an empty profile (%v)", k, err)
		}
	}
	b, err := os.ReadFile(files["QINGDAN_TRACE"])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "go 1.") || !strings.Contains(string(b[:16]), " trace") {
		t.Errorf("not an execution trace: %q", b[:min(len(b), 16)])
	}
}
