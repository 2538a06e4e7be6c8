package cidfont

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-text/typesetting/language"
)

// TestShowOpsFollowWhatARunIs draws a run, then runs that differ from it
// in one thing each that what it shows depends on (its text, each field
// of a glyph, its direction; an Arabic run with its marks), and holds
// what the font kept for each (showOps) to what a Writer works out
// afresh; each differs from the first run's, so a key without that
// input would have served the first run's. The same run again is
// served from the font.
func TestShowOpsFollowWhatARunIs(t *testing.T) {
	dejavu := dejaVuSans(t)
	base := shape(dejavu, "Call 911 (ext. 12) now", language.Latin, "en", false)
	type variant struct {
		name   string
		change func(r *Run)
	}
	glyph := func(f func(g *Glyph)) func(r *Run) {
		return func(r *Run) {
			r.Glyphs = slices.Clone(r.Glyphs)
			f(&r.Glyphs[3])
		}
	}
	variants := []variant{
		{"text", func(r *Run) { r.Text = "Call 912 (ext. 12) now" }},
		{"glyph", glyph(func(g *Glyph) { g.GID++ })},
		{"cluster", glyph(func(g *Glyph) { g.Cluster++ })},
		{"advance", glyph(func(g *Glyph) { g.XAdvance += 37 })},
		{"x offset", glyph(func(g *Glyph) { g.XOffset += 37 })},
		{"y offset", glyph(func(g *Glyph) { g.YOffset += 37 })},
		{"direction", func(r *Run) { r.RTL = true }},
	}
	w := NewWriter(newDoc())
	first, err := w.showOps(&base)
	if err != nil {
		t.Fatal(err)
	}
	again, err := w.showOps(&base)
	if err != nil {
		t.Fatal(err)
	}
	if &again[0] != &first[0] {
		t.Error("the same run again was worked out again, not served from the font")
	}
	for _, v := range variants {
		r := base
		v.change(&r)
		got, err := w.showOps(&r)
		if err != nil {
			t.Fatalf("%s: %v", v.name, err)
		}
		want, err := (&Writer{}).workOutOps(&r)
		if err != nil {
			t.Fatalf("%s: %v", v.name, err)
		}
		if !reflect.DeepEqual(withoutIDs(got), want) {
			t.Errorf("%s: the font kept %v, a Writer works out %v", v.name, got, want)
		}
		if reflect.DeepEqual(got, first) {
			t.Errorf("%s: the run shows what the first does: the case changes nothing", v.name)
		}
	}
	if t.Failed() {
		return
	}
	// Arabic: glyphs joined and reordered, marks over them (rtlGroup).
	arabic := notoFont(t, "NotoSansArabic-Regular.ttf")
	for _, text := range []string{"اتصل بالرقم ١٢٣", "يُعَرِّض"} {
		r := shape(arabic, text, language.Arabic, "ar", true)
		first, err := NewWriter(newDoc()).showOps(&r)
		if err != nil {
			t.Fatal(err)
		}
		got, err := NewWriter(newDoc()).showOps(&r)
		if err != nil {
			t.Fatal(err)
		}
		want, err := (&Writer{}).workOutOps(&r)
		if err != nil {
			t.Fatal(err)
		}
		if &got[0] != &first[0] || !reflect.DeepEqual(withoutIDs(got), want) {
			t.Errorf("%q: served %v, worked out %v", text, got, want)
		}
	}
}

// TestRunsBounded draws many runs each of its own in one font: what the
// font keeps stays under its bound.
func TestRunsBounded(t *testing.T) {
	t.Parallel()
	f, err := Parse(dejavusans.TTF)
	if err != nil {
		t.Fatal(err)
	}
	tf := &testFont{face: dejaVuSans(t).face, font: f}
	w := NewWriter(newDoc())
	most := 0
	for i := range 800 {
		r := shape(tf, fmt.Sprintf("Partner organisation number %d of the campaign", i), language.Latin, "en", false)
		if _, err := w.showOps(&r); err != nil {
			t.Fatal(err)
		}
		f.runsMu.Lock()
		held := f.runsHeld
		f.runsMu.Unlock()
		if held > runsLimit {
			t.Fatalf("after %d runs the font keeps %d bytes, over its bound %d", i+1, held, runsLimit)
		}
		most = max(most, held)
	}
	if most < runsLimit/2 {
		t.Errorf("the font kept at most %d bytes: the test never came near the bound %d", most, runsLimit)
	}
}

// withoutIDs is ops with their numbers (showOp.id, gen) left out, as
// workOutOps gives them.
func withoutIDs(ops []showOp) []showOp {
	out := slices.Clone(ops)
	for i := range out {
		out[i].id, out[i].gen = 0, 0
	}
	return out
}

// TestCIDsAcrossKeyGenerations: a document whose font starts its kept runs
// again part-way (a new generation of key numbers, Font.keyIDs) gives the
// bytes of one drawn without that, and within a generation a number
// names one key. The runs repeat keys across runs and documents, so the
// numbered look-up (docFont.byID) serves most of them.
func TestCIDsAcrossKeyGenerations(t *testing.T) {
	texts := []string{"Call 1-833-900-1010 today", "Know the signs.", "Partner organisation 17", "Call 1-833-900-1010 today", "Signs 17 of 900"}
	// draw draws the texts, and the first again after the one at extraAt;
	// with restart, the font's kept runs start again before it.
	draw := func(tf *testFont, extraAt int, restart bool) []byte {
		pdf := newDoc()
		pdf.AddPage()
		w := NewWriter(pdf)
		for i, text := range texts {
			if i == extraAt && restart {
				tf.font.runsMu.Lock()
				tf.font.runs = nil // the next new run starts a generation
				tf.font.runsMu.Unlock()
			}
			r := shape(tf, text, language.Latin, "en", false)
			r.X, r.Y = 10, float64(20+10*i)
			if err := w.Draw(r); err != nil {
				t.Fatal(err)
			}
			if i == extraAt {
				// a run seen before, now kept in the new generation
				r := shape(tf, texts[0], language.Latin, "en", false)
				r.X, r.Y = 10, 15
				if err := w.Draw(r); err != nil {
					t.Fatal(err)
				}
			}
		}
		var out bytes.Buffer
		if err := w.Output(&out); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	for restart := range len(texts) {
		// A font of its own, so no other test's runs are kept in it.
		f, err := Parse(dejavusans.TTF)
		if err != nil {
			t.Fatal(err)
		}
		tf := &testFont{face: dejaVuSans(t).face, font: f}
		want := draw(tf, restart, false)
		if again := draw(tf, restart, false); !bytes.Equal(again, want) {
			t.Fatal("the same document twice gives other bytes")
		}
		gen := f.keyGen.Load()
		if got := draw(tf, restart, true); !bytes.Equal(got, want) {
			t.Errorf("restart before run %d: the document differs from one drawn in one generation", restart)
		}
		if f.keyGen.Load() == gen {
			t.Errorf("restart before run %d: no new generation began", restart)
		}
		f.runsMu.Lock()
		seen := map[int32]string{}
		for _, ops := range f.runs {
			for _, op := range ops {
				if op.gen != f.keyGen.Load() {
					continue
				}
				if k, ok := seen[op.id]; ok && k != op.key {
					t.Errorf("number %d names two keys", op.id)
				}
				seen[op.id] = op.key
				if f.keyIDs[op.key] != op.id {
					t.Errorf("key %q is numbered %d in the font, %d in a run", op.key, f.keyIDs[op.key], op.id)
				}
			}
		}
		f.runsMu.Unlock()
	}
}
