package typeset

import (
	"fmt"
	"runtime"
	"testing"
)

// TestCachesHoldABoundedHeap sets the names of thousands of organisations,
// each once, at the sizes a flyer's fit search tries, as a build of
// documents each for its own organisation does: what the typesetter keeps
// stays under 2 MB of heap, whatever the number of texts. A build runs a
// typesetter in each worker, and what they keep is live through every
// collection, within the build's memory floor (cmd/awarekit/gc.go). With
// 3 MB caches a typesetter kept 2.44 MB here; with 2 MB, 1.29 MB.
func TestCachesHoldABoundedHeap(t *testing.T) {
	ts := embeddedSetter(t)
	set := func(from, to int) {
		for i := from; i < to; i++ {
			name := fmt.Sprintf("Partner organisation %d of the Riverside settlement services network", i+1)
			for _, size := range []float64{9, 8.5, 8} {
				if _, err := ts.Set(name, Options{Style: Style{Size: size, Bold: i%2 == 0}, Width: 160, Lang: "en"}); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	heap := func() uint64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	set(0, 50) // the fonts' tables parsed as glyphs are first used
	base := heap()
	most := uint64(0)
	for round := range 40 {
		set(50+round*200, 50+(round+1)*200)
		if h := heap(); h > base {
			most = max(most, h-base)
		}
	}
	runtime.KeepAlive(ts)
	t.Logf("caches hold at most %.2f MB of heap (cacheBytes %.2f MB)", float64(most)/(1<<20), float64(cacheBytes)/(1<<20))
	const limit = 2 << 20
	if most > limit {
		t.Errorf("the typesetter keeps %.2f MB of heap for texts set once, over %.2f MB", float64(most)/(1<<20), float64(limit)/(1<<20))
	}
}

// TestSharedTextsOutliveOneOffs sets, for each of thousands of
// documents, a text every document shares and the names of the
// document's own organisation, as a build does: the caches turn over
// many times, and the shared text is still the paragraph set first (its
// lines the same memory), not set and shaped again after each turn, as
// it was when every cache was emptied at once.
func TestSharedTextsOutliveOneOffs(t *testing.T) {
	t.Parallel()
	ts := embeddedSetter(t)
	shared := Options{Style: Style{Size: 11}, Width: 240, Lang: "en"}
	const text = "Know the signs of human trafficking and where to call for help"
	first, err := ts.Set(text, shared)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5000 {
		name := fmt.Sprintf("Partner organisation %d of the Riverside settlement services network", i+1)
		for _, size := range []float64{10, 8.5} {
			if _, err := ts.Set(name, Options{Style: Style{Size: size, Bold: true}, Width: 160, Lang: "en"}); err != nil {
				t.Fatal(err)
			}
		}
		p, err := ts.Set(text, shared)
		if err != nil {
			t.Fatal(err)
		}
		if &p.Lines[0].Runs[0] != &first.Lines[0].Runs[0] {
			t.Fatalf("after %d documents the shared text was set again", i+1)
		}
	}
}

// TestSetCacheBytes: a typesetter told to keep less (a pack's cover
// sheet, whose rows are each set once) drops a text after fewer others
// than one with a build's caches, and never holds more than it was told.
func TestSetCacheBytes(t *testing.T) {
	const text = "Know the signs of human trafficking and where to call for help"
	opts := Options{Style: Style{Size: 11}, Width: 240, Lang: "en"}
	// kept reports whether text, set first, is still the paragraph
	// set then after others distinct texts.
	kept := func(limit, others int) bool {
		ts := embeddedSetter(t)
		if limit > 0 {
			ts.SetCacheBytes(limit)
		}
		first, err := ts.Set(text, opts)
		if err != nil {
			t.Fatal(err)
		}
		for i := range others {
			if _, err := ts.Set(fmt.Sprintf("riverside-en-%d.pdf", i), Options{Style: Style{Size: 9.5}, Width: 140, Lang: "en"}); err != nil {
				t.Fatal(err)
			}
			if ts.held > ts.limit/2 {
				t.Fatalf("limit %d: the young generation holds %d bytes", ts.limit, ts.held)
			}
		}
		p, err := ts.Set(text, opts)
		if err != nil {
			t.Fatal(err)
		}
		return &p.Lines[0].Runs[0] == &first.Lines[0].Runs[0]
	}
	if !kept(0, 300) {
		t.Errorf("with the build's caches a text was dropped after 300 others")
	}
	if kept(64<<10, 300) {
		t.Errorf("with 64 KB of caches a text was kept after 300 others")
	}
}
