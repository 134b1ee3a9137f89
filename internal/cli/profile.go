package cli

import (
	"os"
	"runtime/metrics"
	"runtime/pprof"
	"runtime/trace"
	"time"
)

// profile starts the profiles the environment asks for, for measuring a
// whole run, and returns what stops them: QINGDAN_CPUPROFILE=FILE writes
// a CPU profile; QINGDAN_MEMPROFILE=FILE a heap profile taken when the
// live heap was largest (looked at every 100 ms), which is what decides
// the peak memory of a build; QINGDAN_ALLOCPROFILE=FILE the memory
// allocated, by where, over the whole run (taken at its end: go tool pprof
// -sample_index=alloc_space); QINGDAN_TRACE=FILE an execution trace
// (go tool trace), which shows when the cores wait.
func profile() (stop func()) {
	var stops []func()
	if p := os.Getenv("QINGDAN_TRACE"); p != "" {
		if f, err := os.Create(p); err == nil && trace.Start(f) == nil {
			stops = append(stops, func() { trace.Stop(); f.Close() })
		}
	}
	if p := os.Getenv("QINGDAN_CPUPROFILE"); p != "" {
		if f, err := os.Create(p); err == nil {
			pprof.StartCPUProfile(f)
			stops = append(stops, func() { pprof.StopCPUProfile(); f.Close() })
		}
	}
	if p := os.Getenv("QINGDAN_MEMPROFILE"); p != "" {
		done, finished := make(chan struct{}), make(chan struct{})
		go func() {
			defer close(finished)
			sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
			peak := uint64(0)
			tick := time.NewTicker(100 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-done:
					return
				case <-tick.C:
				}
				metrics.Read(sample)
				if live := sample[0].Value.Uint64(); live > peak+peak/20 {
					peak = live
					if f, err := os.Create(p); err == nil {
						pprof.Lookup("heap").WriteTo(f, 0)
						f.Close()
					}
				}
			}
		}()
		stops = append(stops, func() { close(done); <-finished })
	}
	if p := os.Getenv("QINGDAN_ALLOCPROFILE"); p != "" {
		stops = append(stops, func() {
			if f, err := os.Create(p); err == nil {
				pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		})
	}
	return func() {
		for _, s := range stops {
			s()
		}
	}
}
