package main

import (
	"crypto/sha256"
	"fmt"
	"math"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"
)

// calibrate is how long a fixed piece of work takes on one core, the best
// of rounds: strings made, sorted and put in a map, and bytes hashed, as a
// build does. A virtual machine shares its cores with others: on the
// thirty-first session's day one benchmark of the search index took
// 686 ms, then 781 ms twenty minutes later, with the same program, and
// every build's CPU time stretched alike. Printed at the start and the end
// of a run, it tells a reader how fast the machine was, beside figures
// measured on other days.
func calibrate(rounds int) time.Duration {
	best := time.Duration(math.MaxInt64)
	data := make([]byte, 32<<20)
	for i := range data {
		data[i] = byte(i * 7)
	}
	for range max(rounds, 1) {
		start := time.Now()
		keys := make([]string, 1<<18)
		for i := range keys {
			keys[i] = "cases/" + strconv.Itoa(i*7919%len(keys)) + "/index.html"
		}
		slices.Sort(keys)
		seen := make(map[string]int, len(keys))
		for i, k := range keys {
			seen[k] = i
		}
		sum := sha256.Sum256(data)
		if len(seen) != len(keys) || sum == [32]byte{} {
			panic("calibrate: the work went wrong")
		}
		best = min(best, time.Since(start))
	}
	return best
}

// calibrationRounds is how many times calibrate does its work.
const calibrationRounds = 5

// calibrateFlag is the only argument that makes the bench print
// calibrate's time in nanoseconds instead of measuring. The bench runs
// itself so: its work takes some 100 MB, and a program it starts inherits
// its peak memory as the kernel counts it (on exec, the peak of the
// memory it leaves behind), which made the floor and cp -r show 120 MiB.
const calibrateFlag = "-calibrate"

// calibrateApart is calibrate's time, run in a program of its own (see
// calibrateFlag); 0 when that could not be run.
func calibrateApart() time.Duration {
	self, err := os.Executable()
	if err != nil {
		return 0
	}
	out, err := exec.Command(self, calibrateFlag).Output()
	if err != nil {
		return 0
	}
	ns, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
	if err != nil || ns <= 0 {
		return 0
	}
	return time.Duration(ns)
}

// calibrationLine is what the run says of the machine's speed: the fixed
// work's time at its start, and at its end when known (end > 0), with a
// note when the two differ by more than a tenth, when figures measured
// apart in it are not comparable.
func calibrationLine(start, end time.Duration) string {
	if end <= 0 {
		return fmt.Sprintf("machine: fixed work on one core %s ms (the best of %d)", millis(start), calibrationRounds)
	}
	change := float64(end-start) / float64(start)
	line := fmt.Sprintf("machine: fixed work on one core %s ms at the start, %s ms at the end (%+.0f %%)", millis(start), millis(end), 100*change)
	if unlike(start, end) {
		line += "\n  note: the machine's speed changed by more than a tenth during the run: its figures vary more than usual, and runs made apart are not comparable"
	}
	return line
}

// linearLine is the verdict on 50,000 articles' median build against
// 10,000's, ratio, whose target is limit; before10k and before50k are the
// machine's speed (calibrate) as each began, 0 when unknown. Where they
// differ by more than a tenth the two were built on what was, in effect,
// another machine, and the ratio is shown as not comparable and not met:
// the thirty-third session's pass called 3.52 "ok", its 10,000 articles
// built while the machine took 218 ms and its 50,000 while it took 136.
func linearLine(ratio, limit float64, before10k, before50k time.Duration) (line string, met bool) {
	const what = "wall, 50000 ÷ 10000"
	if before10k > 0 && before50k > 0 && unlike(before10k, before50k) {
		return verdictLine(what, ratio, limit, "not comparable: the machine's fixed work took "+millis(before10k)+" ms as 10000 began, "+millis(before50k)+" ms as 50000 began"), false
	}
	if ratio > limit {
		return verdictLine(what, ratio, limit, "OVER"), false
	}
	return verdictLine(what, ratio, limit, "ok"), true
}

// unlike reports whether the machine's speed went from start to end by
// more than a tenth: figures measured at the two are not comparable.
func unlike(start, end time.Duration) bool {
	return math.Abs(float64(end-start)) > 0.1*float64(start)
}

// millis is d in milliseconds, to a tenth.
func millis(d time.Duration) string {
	return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 1, 64)
}
