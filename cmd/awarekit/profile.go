package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
)

// startProfiles writes a CPU profile of the whole process to the file that
// AWAREKIT_CPUPROFILE names, and a heap profile (what was live at the peak
// of the last collection, and every allocation) to AWAREKIT_MEMPROFILE's,
// for `go tool pprof`. The returned function finishes them. Profiling is
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
	if path := os.Getenv("AWAREKIT_MEMPROFILE"); path != "" {
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
