package main

import (
	"os"
	"runtime/debug"
	"testing"
)

// TestSteeredLimit: the limit is memoryFloor while little is live, and
// grows with what is live, so that the collector never runs without end.
func TestSteeredLimit(t *testing.T) {
	const mb = 1 << 20
	if got := steeredLimit(15*mb, 60*mb, 30*mb, 5*mb, 8*mb, 6*mb); got != memoryFloor {
		t.Errorf("15 MB live: limit %d MB, want the floor %d MB", got/mb, memoryFloor/mb)
	}
	// A build of 10,000 flyers after a collection: 22 MB live (19-23
	// in GODEBUG=gctrace=1), 8 MB of room between objects, 7 MB of the
	// runtime's structures. The room is where the next objects go, not
	// more to hold: the limit stays at the floor, as a build of 1,000
	// does (counted as held it rose to 51 MiB).
	if got := steeredLimit(22*mb, 60*mb, 28*mb, 8*mb, 9*mb, 8*mb); got != memoryFloor {
		t.Errorf("22 MB live, 8 MB between objects: limit %d MB, want the floor %d MB", got/mb, memoryFloor/mb)
	}
	// 200 MB live, 16 MB of the runtime's own: at least half as much
	// again as is live, room for the collector to work.
	got := steeredLimit(200*mb, 460*mb, 240*mb, 0, 0, 4*mb)
	if got < 216*mb+100*mb {
		t.Errorf("200 MB live: limit %d MB, under %d", got/mb, 316)
	}
}

// TestSteerMemory: a build steers the limit, and puts back the one there
// was when the last of the builds running at once ends.
func TestSteerMemory(t *testing.T) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOGC or GOMEMLIMIT is set: the build leaves the collector alone")
	}
	steerBuilds = true // as in the program; TestMain turns it off for the other tests
	t.Cleanup(func() { steerBuilds = false })
	percent := func() int { p := debug.SetGCPercent(100); debug.SetGCPercent(p); return p }
	before, beforePercent := debug.SetMemoryLimit(-1), percent()
	stop1 := steerMemory()
	if got := debug.SetMemoryLimit(-1); got < memoryFloor || got == before {
		t.Errorf("limit while building %d, want at least %d", got, memoryFloor)
	}
	if got := percent(); got != steerPercent {
		t.Errorf("GOGC while building %d, want %d", got, steerPercent)
	}
	stop2 := steerMemory()
	stop1()
	stop1() // twice is once
	if got := debug.SetMemoryLimit(-1); got == before {
		t.Error("the limit was put back while a build still runs")
	}
	// An engine opened meanwhile pauses the collector, and ends its
	// pause while the build still steers.
	resume := pauseGC()
	if got := percent(); got != -1 {
		t.Errorf("GOGC while an engine is opened %d, want off", got)
	}
	resume()
	if got := percent(); got != steerPercent {
		t.Errorf("GOGC after the pause %d, want %d", got, steerPercent)
	}
	stop2()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit after the builds %d, want %d as before", got, before)
	}
	if got := percent(); got != beforePercent {
		t.Errorf("GOGC after the builds %d, want %d as before", got, beforePercent)
	}
}
