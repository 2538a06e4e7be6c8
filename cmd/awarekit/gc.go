package main

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"
)

// gc counts the engines being opened while the collector waits
// (pauseGC) and the builds steering it (steerMemory); the last to end
// puts back the collector as it was.
var gc struct {
	sync.Mutex
	pauses, steers int
	percent        int   // the GOGC to go back to
	limit          int64 // the memory limit to go back to
	done, ended    chan struct{}
}

// applyGC sets GOGC for what is running: off while an engine is opened
// (the memory limit, when a build steers one, still holds),
// steerPercent while a build steers the limit, else as it was.
func applyGC() {
	switch {
	case gc.pauses > 0:
		debug.SetGCPercent(-1)
	case gc.steers > 0:
		debug.SetGCPercent(steerPercent)
	default:
		debug.SetGCPercent(gc.percent)
	}
}

// pauseGC stops the collector until the returned function is called.
// Opening the engine parses every language's messages and the content:
// a few MB that live as long as the process, made with some 40 MB of
// short-lived garbage. The collector, run each time the heap doubles from
// nothing, marked the same live data again and again: 30% of the
// instructions of a one-flyer `awarekit generate`. Without it the
// process peaks some 10 MB higher, well under a build's steady state;
// GOMEMLIMIT, or a build's steered limit, when set, still holds. Pauses
// may overlap (commands run in one process by the tests); the last to
// end restores GOGC.
func pauseGC() (resume func()) {
	gc.Lock()
	if gc.pauses+gc.steers == 0 {
		gc.percent = debug.SetGCPercent(-1)
	}
	gc.pauses++
	applyGC()
	gc.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			gc.Lock()
			gc.pauses--
			applyGC()
			gc.Unlock()
		})
	}
}

// Memory a build holds. With GOGC alone the collector lets the heap
// grow to twice what was live, and keeps some of what it freed from the
// system: a build of 10,000 flyers, some 20 MB live, peaked at 82 MB
// RSS. steerMemory sets a soft memory limit (runtime/debug.SetMemoryLimit)
// after each collection, from what the collection left: the runtime's
// own structures (its metadata, stacks, profiling tables), what is live
// and half as much again; never under
// memoryFloor, which a build of flyers stays near. GOGC is 200 meanwhile
// (steerPercent), so that the limit, not GOGC, says when to collect
// while little is live. `GODEBUG=gctrace=1`, GOGC alone -> steered:
// 1,000 flyers 52 -> 36 collections, 67 MB RSS; 10,000 flyers 312 ->
// 454 collections, 6% -> 9% of the CPU, 82 -> 69 MB. The limit grows
// with what is live (a font of thousands of glyphs, large logos), so the
// collector never runs without end. GOGC and GOMEMLIMIT, when set, are
// left alone. The floor was 50 MiB; with the typesetters' caches at 2 MB
// and the pack's stream memo at 768 KB some 1.5-3 MB less is live, and
// 47 MiB keeps as many collections: 1,000 flyers (bench/run, --jobs 2,
// static binary, 4 interleaved rounds, load 24-27) peak at 57.3-58.4 MB
// RSS against 60.0-61.2, CPU median 3.00 s against 3.21; 46 MiB peaked
// at 56.6-57.4 MB but took 3.60 s. The room left between objects in
// the heap's spans (/memory/classes/heap/unused) is not counted: the
// allocator fills it before it takes new spans, so it is part of the
// half again, and counted besides it raised the limit of a build of
// 10,000 flyers (6-10 MB of it, 22-27 MB live) to 52-54 MiB, over the
// floor where 1,000 stay at it. With the plan and the pack's page lists
// made smaller (OrgTable, int32), 10,000 flyers (bench/run's plans,
// --jobs 2, static binaries, interleaved, load 17-26) peak at ar 61.1 ->
// 59.4 MB, pa 61.4 -> 60.3 MB, with 402 -> 398 and 373 -> 381
// collections; live/4 in place of live/2, unused still counted, gave
// 60.7 and 60.4 MB with 397 and 389.
//
// The floor is what a build's peak RSS follows, near MiB for MiB: the
// runtime gives memory back down to 95% of the limit and lets a burst
// reach the whole of it, and the program's own mapped pages (code,
// tables, the embedded fonts) add 15-17 MiB that stay mapped all
// along. A lower floor leaves less room between collections, and
// Arabic and Punjabi, which make more garbage for as much live, pay the
// most (2026-12-06, load 15-30; a floor set through a scratch build):
// 45 MiB peaked at 10,000 flyers at 58.9 en, 58.8 ar, 58.1-59.4 pa
// against 60.5-61.5 with 47, with 8%, 15% and 20% more collections;
// 44 MiB at 57.5-58.4 with 16-29% more; the instructions of 1,000
// flyers with the collector on (callgrind, GOMAXPROCS=1) rose 0.4% en
// and 1.8% pa at 45, 1.1% en at 44. So the garbage came down first:
// with each document's room for its CIDs, its ToUnicode map and its
// structure tree kept for the next (cidfont, render/pdf), a build of
// 1,000 flyers allocates en 283 -> 239 MB, pa 331 -> 267 MB, and 45 MiB
// collects about as often as 47 did before (10,000 flyers, gctrace,
// against 6e73ef4 at 47: en 205 -> 216, ar 303 -> 265, pa 283 -> 257
// collections); the instructions of 1,000 flyers with the collector on
// (callgrind, GOMAXPROCS=1) are en 6,160.9 -> 6,054.7 M, pa 7,888.6 ->
// 7,716.9 M. Static binaries, --jobs 2, with the pack, load 22-34
// (2026-12-06): 10,000 flyers peak at en 58.6, ar 59.1, pa 58.3 MB
// against 60.4, 60.7-61.1, 60.3-60.5 with 47; 1,000 at 57.2-57.3
// against 58.6-59.1. 44 MiB took en's instructions back to 6,167.7 M.
// Session 18 cut the garbage again (a 1,000-flyer build allocates some
// 216 MB where it allocated 245), and the floor came down to 42 MiB, so
// that the peak is under 60 MB counted either way (60 x 10^6 bytes, not
// only 60 MiB): 10,000 flyers (static binaries, --jobs 2, with the pack,
// /usr/bin/time %M, load 0.4-2, 2026-12-07) peaked at en 59,892-60,116
// KiB, ar 59,568-59,768, pa 60,112-60,156 with 45 MiB, against en 56,504,
// ar 57,460, pa 57,284-57,512 with 42 (56.2 MiB, 58.9 x 10^6 bytes, at
// most). The cost, in instructions of 1,000 flyers with the collector on
// (/tmp/ab/cggc.sh, callgrind, GOMAXPROCS=1): 43 MiB 5,592.1 M against
// 5,522.5 M at 45 (+1.3%); at 41 +2.1% (an earlier tree). A live heap of
// 19-23 MB at 10,000 (GODEBUG=gctrace=1) keeps the limit at the floor.
const memoryFloor = 42 << 20

// steerInterval is how often steerMemory looks for a finished
// collection; a build collects every few hundred milliseconds.
const steerInterval = 20 * time.Millisecond

// steerPercent is GOGC while a build steers the limit: the limit, not
// GOGC, says when to collect while little is live.
const steerPercent = 200

// steerBuilds is whether builds steer the memory limit: always in the
// program, which runs one command. The package's tests turn it off
// (TestMain), but for TestSteerMemory: they run some 300 commands in one
// process that holds the shared content and every test's leftovers, and
// a limit made from that live heap collected 160 times where GOGC alone
// collected 72, and gave memory back to the system only to take it
// again (awarekit.test, GODEBUG=gctrace=1: 35.9 CPU-seconds against
// 29.5, of them 12.5 against 9.3 in the kernel).
var steerBuilds = true

// steerMemory starts steering the memory limit; the returned function
// stops it. Builds may overlap (the tests run several in one process);
// the last to end puts back the limit and GOGC there were.
func steerMemory() (stop func()) {
	if !steerBuilds || os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	gc.Lock()
	defer gc.Unlock()
	if gc.pauses+gc.steers == 0 {
		gc.percent = debug.SetGCPercent(-1)
	}
	gc.steers++
	if gc.steers == 1 {
		gc.limit = debug.SetMemoryLimit(memoryFloor)
		gc.done, gc.ended = make(chan struct{}), make(chan struct{})
		go steer(gc.done, gc.ended)
	}
	applyGC()
	var once sync.Once
	return func() {
		once.Do(func() {
			gc.Lock()
			defer gc.Unlock()
			gc.steers--
			if gc.steers == 0 {
				close(gc.done)
				<-gc.ended
				debug.SetMemoryLimit(gc.limit)
			}
			applyGC()
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
		{Name: "/memory/classes/heap/unused:bytes"},
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
		debug.SetMemoryLimit(steeredLimit(s[1].Value.Uint64(), s[2].Value.Uint64(), s[3].Value.Uint64(), s[6].Value.Uint64(), s[4].Value.Uint64(), s[5].Value.Uint64()))
	}
}

// steeredLimit is the memory limit after a collection that found live
// bytes live, when the runtime held total bytes, objects of them in
// objects (live, and made since the collection), unused between objects
// in spans in use, free in free spans and released given back.
func steeredLimit(live, total, objects, unused, free, released uint64) int64 {
	held := total - min(total, objects+unused+free+released) // the runtime's own structures
	return int64(max(memoryFloor, held+live+live/2))
}
