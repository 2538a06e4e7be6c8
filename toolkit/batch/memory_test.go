package batch

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/output"
)

// heldBy builds a plan of n outputs of format, each for an organisation
// of its own (as bench/run's plans), and returns the heap the build
// holds, in bytes: when it writes the manifest (everything it keeps of
// every output is alive then) and after it, with its report.
func heldBy(t *testing.T, format string, n int) (atManifest, after int64) {
	t.Helper()
	dir := t.TempDir()
	var src strings.Builder
	src.WriteString("organisation: {name: Riverside Settlement Services, phone: 604-555-0134}\noutputs:\n")
	auds := []string{"youth", "indigenous", "newcomers", "business", "health"}
	for i := range n {
		fmt.Fprintf(&src, "  - {audience: %s, language: en, format: %s, pattern: \"{audience}-{lang}-%d.{ext}\", organisation: {name: \"Partner organisation %d\", phone: 604-555-0134}}\n", auds[i%5], format, i, i+1)
	}
	p := writePlan(t, dir, src.String())
	heap := func() int64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return int64(ms.HeapAlloc)
	}
	before := heap()
	opts := Options{write: func(path string, fill func(io.Writer) error) error {
		if filepath.Base(path) == "manifest.json" {
			atManifest = heap() - before
		}
		return output.WriteStream(path, fill)
	}}
	rep := run(t, p, opts)
	after = heap() - before
	runtime.KeepAlive(rep)
	runtime.KeepAlive(p)
	if rep.Summary.Made != n {
		t.Fatalf("%d of %d made", rep.Summary.Made, n)
	}
	return atManifest, after
}

// TestMemoryPerOutput: what a build keeps grows by a few hundred bytes an
// output at most (its record: status, sizes, hashes), measured from a
// small build to one ten times larger, each output for an organisation
// of its own. A kilobyte an output more (a list of the outputs' entries,
// pictures or names held for the manifest, the index or the pack) fails
// it: at 10,000 outputs that is 10 MB held, and twice that in the heap.
// Quick: text messages, which make no pictures and no pack. With
// AWAREKIT_FULL=1 also flyers, with their pack.pdf and index.html.
func TestMemoryPerOutput(t *testing.T) {
	type tc struct {
		format string
		n      int
	}
	cases := []tc{{"sms", 40}}
	if os.Getenv("AWAREKIT_FULL") == "1" {
		cases = append(cases, tc{"flyer", 250})
	}
	const limit = 600 // bytes an output; today some 300
	for _, c := range cases {
		t.Run(c.format, func(t *testing.T) {
			// The engine's lazy parts, loaded once, and its bounded caches
			// filled with every organisation the larger build names (the
			// layout keeps line-breaking marks of up to 8,192 texts): what
			// they hold is bounded, not per output.
			heldBy(t, c.format, 10*c.n)
			m1, a1 := heldBy(t, c.format, c.n)
			m2, a2 := heldBy(t, c.format, 10*c.n)
			per := func(small, large int64) int64 { return (large - small) / int64(9*c.n) }
			t.Logf("%s: %d outputs hold %d KB at the manifest, %d KB after; %d outputs %d KB and %d KB: %d and %d bytes an output",
				c.format, c.n, m1>>10, a1>>10, 10*c.n, m2>>10, a2>>10, per(m1, m2), per(a1, a2))
			if per(m1, m2) > limit || per(a1, a2) > limit {
				t.Errorf("a build holds %d bytes an output when it writes the manifest and %d after it; at most %d", per(m1, m2), per(a1, a2), limit)
			}
		})
	}
}
