package main

import (
	"os"
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

// buildMemory is the soft limit on what a build's Go runtime holds (its
// heap, stacks and bookkeeping), with the program's own pages (some
// 20 MB) the most of its peak RSS. A build holds some 20 to 28 MB live
// (fonts, each worker's caches, the documents in progress, a few hundred
// bytes a document); left to itself, the collector lets the heap grow
// to twice that before it runs, and the peak grew with the build: 68 MB
// for 100 flyers, 75 for 1,000, 94 for 10,000 (English, with the pack,
// one organisation each, --jobs 2). Under this limit it runs sooner when
// it must, and the peak stays flat: 58, 62 and 66 MB; 63 MB for 1,000
// in Arabic or Punjabi (80 without). What it costs is collections: CPU
// time (user+sys, 3 rounds each at a machine load of 22-28) for 1,000
// flyers 4.07 -> 4.26 s in English (+5%), 5.42 -> 6.50 s in Punjabi
// (+20%), whose shaping holds more; 3,000 English flyers 10.7 -> 13.8 s
// (one round). 36 MB (an RSS of 56 MB) doubled Punjabi's. GOMEMLIMIT=off
// turns it off.
const buildMemory = 44 << 20

// limitMemory sets the runtime's soft memory limit to n bytes until the
// returned function is called, unless n is 0 or GOMEMLIMIT is set: a
// limit the user chose holds.
func limitMemory(n int64) (restore func()) {
	if _, set := os.LookupEnv("GOMEMLIMIT"); set || n <= 0 {
		return func() {}
	}
	prev := debug.SetMemoryLimit(n)
	return func() { debug.SetMemoryLimit(prev) }
}
