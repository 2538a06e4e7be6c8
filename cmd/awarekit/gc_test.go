package main

import (
	"runtime/debug"
	"testing"
)

// TestLimitMemory: a build sets its soft memory limit and puts the one
// before back when it ends; a limit the user set in GOMEMLIMIT holds.
func TestLimitMemory(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	restore := limitMemory(buildMemory)
	if got := debug.SetMemoryLimit(-1); got != buildMemory {
		t.Errorf("limit during the build %d, want %d", got, buildMemory)
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit after the build %d, want %d as before", got, before)
	}
	limitMemory(0)()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("no limit asked for: %d, want %d as before", got, before)
	}
	t.Setenv("GOMEMLIMIT", "1GiB")
	restore = limitMemory(buildMemory)
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("GOMEMLIMIT set: the build changed the limit to %d", got)
	}
	restore()
}
