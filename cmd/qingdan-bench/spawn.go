package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// spawnFlag makes the bench run the command after it and tell its parent
// on file descriptor 3 what it took (see spawned). timeIt starts every
// measured command so, through a program of its own: Linux counts as a
// program's peak memory (ru_maxrss) at least the peak of the memory its
// process left on exec, and a process the bench starts runs in the
// bench's memory up to that exec (Go starts it with CLONE_VM). The bench
// itself holds about 1 GB by the 50,000 articles' runs, so cp -r and the
// floor both showed 1052 MiB there (the sixtieth session), and any
// program smaller than the bench would have shown the bench's peak, not
// its own. The program in between is small and new: what it starts
// inherits its peak of a few MiB.
const spawnFlag = "-spawn"

// spawned runs args[0] with args[1:], its standard streams and
// environment the bench's, and writes to file descriptor 3 one line: the
// wall time, the user and system CPU time (all in nanoseconds) and the
// peak resident memory (in KiB, as the kernel counts it) of the command.
// It returns the command's exit status, and 1 when it could not be run.
func spawned(args []string) int {
	report := os.NewFile(3, "report")
	if report == nil || len(args) == 0 {
		fmt.Fprintln(os.Stderr, "qingdan-bench "+spawnFlag+": no command, or no file descriptor 3 to report on")
		return 1
	}
	c := exec.Command(args[0], args[1:]...)
	c.Stdin, c.Stdout, c.Stderr = os.Stdin, os.Stdout, os.Stderr
	t0 := time.Now()
	err := c.Run()
	wall := time.Since(t0)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		var exit *exec.ExitError
		if errors.As(err, &exit) && exit.ExitCode() > 0 {
			return exit.ExitCode()
		}
		return 1
	}
	u, ok := c.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		fmt.Fprintln(os.Stderr, "qingdan-bench "+spawnFlag+": no resource usage")
		return 1
	}
	fmt.Fprintln(report, int64(wall), u.Utime.Nano(), u.Stime.Nano(), u.Maxrss)
	return 0
}

// spawnReport reads the line spawned wrote into m: wall, CPU, system CPU
// and peak memory.
func spawnReport(line string, m *measure) error {
	f := strings.Fields(line)
	if len(f) != 4 {
		return fmt.Errorf("the spawned command's report %q has %d fields, not 4", line, len(f))
	}
	var n [4]int64
	for i, s := range f {
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil || v < 0 {
			return fmt.Errorf("the spawned command's report %q: field %d is not a count", line, i+1)
		}
		n[i] = v
	}
	m.wall = time.Duration(n[0])
	m.cpu, m.sys = time.Duration(n[1]+n[2]), time.Duration(n[2])
	m.rss = n[3] * 1024
	return nil
}

// spawnCommand is the command that runs name with args through spawned,
// with a pipe for its report: read the report once the command ends,
// close it then. It fails only where the bench cannot find its own
// program or make a pipe: timed directly, the command's peak memory would
// be the bench's.
func spawnCommand(name string, args ...string) (c *exec.Cmd, report func() (string, error), err error) {
	self, err := os.Executable()
	if err != nil {
		return nil, nil, err
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil, nil, err
	}
	c = exec.Command(self, append([]string{spawnFlag, name}, args...)...)
	c.ExtraFiles = []*os.File{w}
	return c, func() (string, error) {
		w.Close() // the child holds its own copy; after it ends, only EOF is left
		defer r.Close()
		line, err := bufio.NewReader(r).ReadString('\n')
		if err != nil {
			return "", fmt.Errorf("no report from the spawned command: %v", err)
		}
		return strings.TrimSpace(line), nil
	}, nil
}
