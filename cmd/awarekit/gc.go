package main

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"
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

// Memory a build holds. With GOGC alone the collector lets the heap
// grow to twice what was live, and keeps some of what it freed from the
// system: a build of 10,000 flyers, some 20 MB live, peaked at 82 MB
// RSS. steerMemory sets a soft memory limit (runtime/debug.SetMemoryLimit)
// after each collection, from what the collection left: what the
// runtime holds for live data (the data, its own structures, room lost
// between objects) and half as much again as is live; never under
// memoryFloor, which a build of flyers stays under. The collector then
// runs more often than GOGC alone makes it when the live data is near
// its most (`GODEBUG=gctrace=1`, 10,000 flyers: 312 collections, 6% of
// the CPU, 82 MB; with a limit of 52 MiB 400, 8%, 71 MB; 40 MiB: 1,188,
// 14%, 61 MB), and the limit grows with what is live (a font of
// thousands of glyphs, large logos), so the collector never runs
// without end. GOGC and GOMEMLIMIT, when set, are left alone.
const memoryFloor = 50 << 20

// steerInterval is how often steerMemory looks for a finished
// collection; a build collects every few hundred milliseconds.
const steerInterval = 20 * time.Millisecond

// steering counts the builds steering the limit (the tests run several
// in one process); the first sets it, the last puts back the limit there
// was.
var steering struct {
	sync.Mutex
	n      int
	before int64
	done   chan struct{}
	ended  chan struct{}
}

// steerMemory starts steering the memory limit; the returned function
// stops it.
func steerMemory() (stop func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	steering.Lock()
	defer steering.Unlock()
	steering.n++
	if steering.n == 1 {
		steering.before = debug.SetMemoryLimit(memoryFloor)
		steering.done, steering.ended = make(chan struct{}), make(chan struct{})
		go steer(steering.done, steering.ended)
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			steering.Lock()
			defer steering.Unlock()
			steering.n--
			if steering.n == 0 {
				close(steering.done)
				<-steering.ended
				debug.SetMemoryLimit(steering.before)
			}
		})
	}
}

// steer sets the limit after each collection until done is closed.
func steer(done <-chan struct{}, ended chan<- struct{}) {
	defer close(ended)
	s := []metrics.Sample{
		{Name: "/gc/cycles/total:gc-cycles"},
		{Name: "/gc/heap/live:bytes"},
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/free:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}
	var cycles uint64
	tick := time.NewTicker(steerInterval)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return
		case <-tick.C:
		}
		metrics.Read(s)
		if s[0].Value.Kind() != metrics.KindUint64 || s[0].Value.Uint64() == cycles {
			continue
		}
		cycles = s[0].Value.Uint64()
		debug.SetMemoryLimit(steeredLimit(s[1].Value.Uint64(), s[2].Value.Uint64(), s[3].Value.Uint64(), s[4].Value.Uint64(), s[5].Value.Uint64()))
	}
}

// steeredLimit is the memory limit after a collection that found live
// bytes live, when the runtime held total bytes, objects of them in
// objects (live, and made since the collection), free in free spans and
// released given back.
func steeredLimit(live, total, objects, free, released uint64) int64 {
	held := total - min(total, objects+free+released) // structures and room lost between objects
	return int64(max(memoryFloor, held+live+live/2))
}
