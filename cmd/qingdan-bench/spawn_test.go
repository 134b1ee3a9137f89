package main

import (
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets the test binary stand in for the bench where timeIt
// starts its own program with spawnFlag.
func TestMain(m *testing.M) {
	if len(os.Args) >= 3 && os.Args[1] == spawnFlag {
		os.Exit(spawned(os.Args[2:]))
	}
	os.Exit(m.Run())
}

// TestTimeItOwnPeak: a command the bench times reports its own peak
// memory, not the bench's. Here the test holds 256 MiB, as the bench
// held 1 GB by the 50,000 articles' runs, and times sh, which needs a few
// MiB: started directly, sh's peak reads as the test's (on Linux 6.18,
// 267 MiB).
func TestTimeItOwnPeak(t *testing.T) {
	held := make([]byte, 256<<20)
	for i := range held {
		held[i] = byte(i)
	}
	c := exec.Command("sh", "-c", ":")
	if err := c.Run(); err != nil {
		t.Fatal(err)
	}
	direct := c.ProcessState.SysUsage().(*syscall.Rusage).Maxrss * 1024
	if direct < 200<<20 {
		t.Logf("sh started directly peaked at %d MiB: this kernel does not pass the parent's peak on", direct>>20)
	}
	m, err := timeIt([]string{"QD_SPAWN_TEST=1"}, "sh", "-c", `test "$QD_SPAWN_TEST" = 1 && echo 'stage data 0.125' >&2`)
	if err != nil {
		t.Fatal(err)
	}
	if m.rss <= 0 || m.rss > 64<<20 {
		t.Errorf("sh timed through the bench peaked at %d KiB, want its own few MiB (started directly: %d MiB)", m.rss>>10, direct>>20)
	}
	if m.wall <= 0 || m.wall > time.Minute || m.cpu < m.sys {
		t.Errorf("wall %v, cpu %v, sys %v", m.wall, m.cpu, m.sys)
	}
	if m.stages != "data 0.125s  " {
		t.Errorf("stages = %q, want the one sh printed", m.stages)
	}
	runtime.KeepAlive(held)
}

// TestTimeItFails: a command that fails is an error naming it, with what
// it printed.
func TestTimeItFails(t *testing.T) {
	_, err := timeIt(nil, "sh", "-c", "echo broken >&2; exit 3")
	if err == nil || !strings.Contains(err.Error(), "sh -c") || !strings.Contains(err.Error(), "broken") {
		t.Errorf("err = %v, want the command and what it printed", err)
	}
	if _, err := timeIt(nil, "/nonexistent/qingdan"); err == nil {
		t.Error("a command that is not there: no error")
	}
}

// TestSpawnReport: the report's line, read back; a line cut short or not
// of counts is an error.
func TestSpawnReport(t *testing.T) {
	var m measure
	if err := spawnReport("2500000000 3000000000 500000000 40960", &m); err != nil {
		t.Fatal(err)
	}
	if m.wall != 2500*time.Millisecond || m.cpu != 3500*time.Millisecond || m.sys != 500*time.Millisecond || m.rss != 40<<20 {
		t.Errorf("read %+v", m)
	}
	for _, bad := range []string{"", "1 2 3", "1 2 3 4 5", "1 2 x 4", "1 -2 3 4"} {
		if err := spawnReport(bad, &measure{}); err == nil {
			t.Errorf("spawnReport(%q): no error", bad)
		}
	}
}
