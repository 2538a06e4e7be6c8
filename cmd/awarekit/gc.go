package main

import (
	"runtime/debug"
	"sync"
)

// gcPause counts the engines being opened while the collector waits.
var gcPause struct {
	sync.Mutex
	n       int
	percent int // the GOGC to go back to
}

// pauseGC stops the collector until the returned function is called.
// Opening the engine parses every language's messages and the content:
// a few MB that live as long as the process, made with some 40 MB of
// short-lived garbage. The collector, run each time the heap doubles from
// nothing, marked the same live data again and again: 30% of the
// instructions of a one-flyer `awarekit generate`. Without it the
// process peaks some 10 MB higher, well under a build's steady state;
// GOMEMLIMIT, when set, still holds. Pauses may overlap (commands run
// in one process by the tests); the last to end restores GOGC.
func pauseGC() (resume func()) {
	gcPause.Lock()
	if gcPause.n == 0 {
		gcPause.percent = debug.SetGCPercent(-1)
	}
	gcPause.n++
	gcPause.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			gcPause.Lock()
			gcPause.n--
			if gcPause.n == 0 {
				debug.SetGCPercent(gcPause.percent)
			}
			gcPause.Unlock()
		})
	}
}
