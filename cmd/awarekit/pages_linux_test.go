package main

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// probe is a variable of the program file's writable data: letting go of
// the program's pages must not take it back to the value in the file.
var probe = 7

// rssFile is the process's resident memory mapped from files, in kB.
func rssFile(t *testing.T) int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status:", err)
	}
	for l := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "RssFile:"); ok {
			n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			if err != nil {
				t.Fatalf("RssFile %q: %v", v, err)
			}
			return n
		}
	}
	t.Skip("no RssFile in /proc/self/status")
	return 0
}

// TestDropStartPages: the program's pages that were touched are let go
// of, its variables keep their values, and it runs on.
func TestDropStartPages(t *testing.T) {
	probe = 42
	before := rssFile(t)
	dropStartPages()
	after := rssFile(t)
	if after >= before {
		t.Errorf("RssFile %d kB before, %d kB after: nothing was let go of", before, after)
	}
	if probe != 42 {
		t.Errorf("a variable of the program went back to %d, its value in the file", probe)
	}
	// Code and read-only data come back as they are used.
	if got := strconv.Itoa(probe) + strings.Repeat("!", 2); got != "42!!" {
		t.Errorf("got %q", got)
	}
	t.Logf("RssFile %d kB -> %d kB", before, after)
}

// TestProgramMapping: only mappings of the program file that cannot be
// written, and are private, are let go of.
func TestProgramMapping(t *testing.T) {
	const ino, dev = 1234567, 0xfd01 // major 0xfd, minor 1
	for _, c := range []struct {
		line   string
		lo, hi uintptr
		ok     bool
	}{
		{"00400000-00d81000 r-xp 00000000 fd:01 1234567 /work/awarekit", 0x400000, 0xd81000, true},
		{"00d81000-01928000 r--p 00981000 fd:01 1234567 /work/awarekit", 0xd81000, 0x1928000, true},
		{"00d81000-01928000 r--p 00981000 fd:01 1234567 /work/awarekit (deleted)", 0xd81000, 0x1928000, true},
		{"01928000-01c04000 rw-p 01528000 fd:01 1234567 /work/awarekit", 0, 0, false}, // its variables
		{"01928000-01c04000 r--s 01528000 fd:01 1234567 /work/awarekit", 0, 0, false}, // shared
		{"7fbf-7fc0 r-xp 00000000 fd:01 7654321 /usr/lib/libc.so.6", 0, 0, false},     // another file
		{"7fbf-7fc0 r-xp 00000000 fd:02 1234567 /elsewhere", 0, 0, false},             // another device
		{"7fbf-7fc0 r-xp 00000000 00:00 0", 0, 0, false},
		{"7fc0-7fbf r-xp 00000000 fd:01 1234567 /work/awarekit", 0, 0, false},
		{"garbage", 0, 0, false},
		{"", 0, 0, false},
	} {
		lo, hi, ok := programMapping(c.line, ino, dev)
		if lo != c.lo || hi != c.hi || ok != c.ok {
			t.Errorf("%q: %#x-%#x %v, want %#x-%#x %v", c.line, lo, hi, ok, c.lo, c.hi, c.ok)
		}
	}
	if devMajor(0xfd01) != 0xfd || devMinor(0xfd01) != 1 || devMajor(0x100000300802) != 0x1008 || devMinor(0x100000300802) != 0x302 {
		t.Error("device numbers split wrongly")
	}
}
