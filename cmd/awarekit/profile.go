package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"time"
)

// startProfiles writes a CPU profile of the whole process to the file that
// AWAREKIT_CPUPROFILE names, and a heap profile (what was live at the peak
// of the last collection, and every allocation) to AWAREKIT_MEMPROFILE's,
// for `go tool pprof`, and beside it (….peak) the heap as it was when the
// process held the most, for what holds memory at its peak; and an
// execution trace to AWAREKIT_TRACE's, for `go tool trace` (when each
// core worked, and on what: a build's serial start and end). The returned
// function finishes them. Profiling is
// for developers measuring a real build; a profile that cannot be written
// is said on stderr and does not stop the command.
func startProfiles(errOut io.Writer) (stop func()) {
	var stops []func()
	if path := os.Getenv("AWAREKIT_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(errOut, "awarekit: CPU profile:", err)
		} else {
			stops = append(stops, func() { pprof.StopCPUProfile(); f.Close() })
		}
	}
	if path := os.Getenv("AWAREKIT_TRACE"); path != "" {
		f, err := os.Create(path)
		if err == nil {
			err = trace.Start(f)
		}
		if err != nil {
			fmt.Fprintln(errOut, "awarekit: trace:", err)
		} else {
			stops = append(stops, func() { trace.Stop(); f.Close() })
		}
	}
	path := os.Getenv("AWAREKIT_MEMPROFILE")
	if path == "" {
		// The runtime samples an allocation every 512 KB for a heap
		// profile no one asked for: its records were 1.6 MB of a
		// 10,000-flyer build's memory.
		runtime.MemProfileRate = 0
	} else {
		// A sample every 16 KB rather than every 512 KB: a build's
		// heap is a few tens of MB, and the default sees only its
		// largest parts.
		runtime.MemProfileRate = 16 << 10
		stops = append(stops, watchPeak(path+".peak", errOut))
		stops = append(stops, func() {
			f, err := os.Create(path)
			if err == nil {
				runtime.GC()
				err = pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
			if err != nil {
				fmt.Fprintln(errOut, "awarekit: memory profile:", err)
			}
		})
	}
	return func() {
		for _, s := range stops {
			s()
		}
	}
}

// watchPeak looks at the heap every 50 ms and keeps a heap profile of
// the largest it saw; the returned function stops and writes it to
// path, and says on errOut the most the runtime held: the heap's spans
// in use, and all it had from the system less what it gave back (what
// the process's RSS holds besides the program's own pages). The
// profile's in-use figures are those of the collection before the peak.
func watchPeak(path string, errOut io.Writer) (stop func()) {
	done, finished := make(chan struct{}), make(chan struct{})
	var peak bytes.Buffer
	var most, held uint64
	go func() {
		defer close(finished)
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			held = max(held, ms.Sys-ms.HeapReleased)
			if ms.HeapInuse > most+most/20 {
				most = ms.HeapInuse
				peak.Reset()
				_ = pprof.Lookup("heap").WriteTo(&peak, 0)
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		fmt.Fprintf(errOut, "awarekit: memory: heap in use at most %.1f MB; held from the system at most %.1f MB\n", float64(most)/(1<<20), float64(held)/(1<<20))
		if err := os.WriteFile(path, peak.Bytes(), 0o644); err != nil {
			fmt.Fprintln(errOut, "awarekit: memory profile:", err)
		}
	}
}
