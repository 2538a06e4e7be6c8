package pdf

import (
	"math"
	"strconv"
	"testing"
)

// TestAppendInt: appendInt writes every number as strconv does, the
// small ones it writes itself and the others it hands on, after what b
// holds.
func TestAppendInt(t *testing.T) {
	check := func(v int) {
		t.Helper()
		if got, want := string(appendInt([]byte("x "), v)), "x "+strconv.Itoa(v); got != want {
			t.Fatalf("appendInt(%d) = %q, want %q", v, got, want)
		}
	}
	for v := -20; v < 120_000; v++ {
		check(v)
	}
	for _, v := range []int{math.MinInt, -10000, 999_999, 1 << 31, math.MaxInt} {
		check(v)
	}
}
