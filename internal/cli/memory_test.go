package cli

import (
	"runtime"
	"runtime/debug"
	"testing"
)

// TestLimitMemory: a quarter of the machine's memory, unless GOMEMLIMIT
// says otherwise (then the runtime's own reading of it stands).
func TestLimitMemory(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })
	t.Setenv("GOMEMLIMIT", "")
	got := LimitMemory()
	if runtime.GOOS != "linux" {
		if got != 0 {
			t.Errorf("limit %d where the machine's memory is unknown", got)
		}
		return
	}
	total := totalMemory()
	if total < 64<<20 || got != int64(max(total/4, 512<<20)) || debug.SetMemoryLimit(-1) != got {
		t.Errorf("memory %d: limit %d, runtime's %d", total, got, debug.SetMemoryLimit(-1))
	}
	debug.SetMemoryLimit(before)
	t.Setenv("GOMEMLIMIT", "3GiB")
	if got := LimitMemory(); got != 0 || debug.SetMemoryLimit(-1) != before {
		t.Errorf("GOMEMLIMIT set, yet the limit became %d", got)
	}
}

// A build's collector runs at buildGCPercent unless GOGC says otherwise,
// and the setting before it is put back.
func TestLessHeadroom(t *testing.T) {
	before := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(before) })
	t.Setenv("GOGC", "")
	undo := lessHeadroom()
	if got := debug.SetGCPercent(buildGCPercent); got != buildGCPercent {
		t.Errorf("during a build: GOGC %d, want %d", got, buildGCPercent)
	}
	undo()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("after: GOGC %d, want 100 back", got)
	}
	t.Setenv("GOGC", "200")
	undo = lessHeadroom()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GOGC set, yet the build changed the collector's target to %d", got)
	}
	undo()
}
