package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// measure is one run of a command.
type measure struct {
	wall, cpu time.Duration
	// sys is the part of cpu spent in the kernel (the linearity shows
	// each part's growth: see linearContext).
	sys    time.Duration
	rss    int64 // peak resident memory, bytes
	stages string
	// dirty is the most the machine's dirty pages and those under
	// writeback came to while it ran (/proc/meminfo, looked at every
	// dirtyEvery), in bytes; 0 where that cannot be read.
	dirty uint64
}

// dirtyEvery is how often timeIt looks at the dirty pages.
const dirtyEvery = 50 * time.Millisecond

// timeIt runs a command and measures it: wall and CPU time, peak
// memory, and the stages it reports (QINGDAN_STAGES=1). The command runs
// through spawned, so that its peak memory is its own (see spawnFlag).
func timeIt(env []string, name string, args ...string) (measure, error) {
	c, report, err := spawnCommand(name, args...)
	if err != nil {
		return measure{}, fmt.Errorf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	c.Env = append(os.Environ(), env...)
	var errb bytes.Buffer
	c.Stdout, c.Stderr = io.Discard, &errb
	stop := watchDirty(dirtyNow, dirtyEvery)
	t0 := time.Now()
	err = c.Run()
	m := measure{wall: time.Since(t0), dirty: stop()}
	line, rerr := report()
	if err == nil {
		err = rerr
	}
	if err != nil {
		return m, fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, tail(errb.String()))
	}
	if err := spawnReport(line, &m); err != nil {
		return m, err
	}
	for _, line := range strings.Split(errb.String(), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "stage" {
			m.stages += f[1] + " " + f[2] + "s  "
		}
	}
	return m, nil
}

// hugoBuild times Hugo building site into out, emptied first.
func (b *bench) hugoBuild(site, out string) (measure, error) {
	b.clear(out)
	warm(site)
	return timeIt(nil, b.hugo, "--quiet", "-s", site, "-d", out)
}

// median of the runs, by wall time.
func median(ms []measure) measure {
	s := slices.Clone(ms)
	slices.SortFunc(s, func(a, b measure) int { return int(a.wall - b.wall) })
	return s[len(s)/2]
}

// medianRatio is the median over the runs of of(a[i]) ÷ of(b[i]): run i
// of each met the same machine.
func medianRatio(a, b []measure, of func(measure) float64) float64 {
	r := make([]float64, len(a))
	for i := range a {
		r[i] = of(a[i]) / of(b[i])
	}
	slices.Sort(r)
	return r[len(r)/2]
}

func wallOf(m measure) float64 { return m.wall.Seconds() }

// copyRatios is the county's build against cp -r of its output: the
// verdict's ratio pair by pair, as the articles' runs against Hugo's (each
// build and the copy made right after it met the same machine; in the
// fifty-fourth session's first pass the builds took 3.84 to 6.07 s, and
// in a run of the county alone the machine's speed moved 25 %), and the
// ratio of the medians, the verdict until then, shown beside it.
func copyRatios(builds, copies []measure) (pairs, medians float64) {
	return medianRatio(builds, copies, wallOf), median(builds).wall.Seconds() / median(copies).wall.Seconds()
}

// copyOf times cp -r copying out, a build's output just written, into a
// fresh folder of the bench's (copy-name; the next clear of it, or tidy,
// moves it away): what writing those files takes this machine and file
// system, with no page to make. Beside the county's build it is the
// target's measure; beside the articles' it says how near the build is to
// writing its files (in the sixtieth session, cp -r of 50,000 articles'
// output, 5.7 GB in 202,000 files and 66,000 folders, took 18.8-25.9 s on
// the bench's loop disk, where their builds took 25-34 s and 0.4 of
// Hugo's was 25-34 s).
func (b *bench) copyOf(out, name string) (measure, error) {
	dst := filepath.Join(b.dir, "copy-"+name)
	b.clear(dst)
	return timeIt(nil, "cp", "-r", out, dst)
}
