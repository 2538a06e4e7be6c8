package typeset

import (
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/segmenter"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// TestWrapLinesAsWrapParagraph wraps random mixes of every script the
// project sets, both directions, with line separators (keepEmbedded's
// mark) and without, at widths from one that fits nothing to one that
// fits all, by both policies, with wrapLines and with go-text's
// WrapParagraphF on copies of the same shaping: the lines must be equal
// glyph for glyph. The quick run wraps 150 texts (each at 17 widths by
// two policies), AWAREKIT_FULL=1 400: the 400 took 1.2 CPU-seconds, and
// the first 150 meet every kind of case the test counts.
func TestWrapLinesAsWrapParagraph(t *testing.T) {
	t.Parallel()
	texts := 150
	if os.Getenv("AWAREKIT_FULL") == "1" {
		texts = 400
	}
	ts := embeddedSetter(t)
	var theirs shaping.LineWrapper
	if _, err := ts.fonts.Base(); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 12))
	extra := []string{"\u2028", "\u00a0", "\u200b", "\u2060", "ⁱ\u2066\u202d1-833\u202c\u2069 "}
	cases, fitsOne, runsOne, several, separated := 0, 0, 0, 0, 0
	for i := range texts {
		var src strings.Builder
		for range 1 + rng.IntN(10) {
			src.WriteString(pieces[rng.IntN(len(pieces))])
			if rng.IntN(4) == 0 {
				src.WriteString(extra[rng.IntN(len(extra))])
			}
		}
		// Half the texts end with a space, which the wrapper takes
		// out of the line's width.
		text := src.String()
		if rng.IntN(2) == 0 {
			text = strings.TrimSpace(text)
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		opts := Options{Style: Style{Size: 10, Bold: rng.IntN(3) == 0}, RTL: rng.IntN(3) == 0, Lang: "und"}
		prepared, err := ts.prepare(text, opts.RTL)
		if err != nil {
			t.Fatal(err)
		}
		// Set splits a text at its newlines, and only keepEmbedded puts
		// a line separator in a text to wrap.
		prepared = strings.ReplaceAll(prepared, "\n", string(lineBreak))
		if err := ts.check(prepared, opts); err != nil {
			fontsOrSkip(t, err)
		}
		ts.fontsKey = ""
		for _, fam := range ts.extra {
			ts.fontsKey += fam.Regular.Source + "\x00"
		}
		sh := ts.shape(prepared, opts)
		if slices.Contains(sh.runes, lineBreak) {
			separated++
			// As wrap draws it: the space a line ends with, on copies
			// (the runs' glyphs are shared with the caches).
			sh.outs = copyOuts(sh.outs)
			for i, o := range sh.outs {
				space, _ := o.Face.NominalGlyph(' ')
				for j, g := range o.Glyphs {
					if sh.runes[g.TextIndex()] == lineBreak {
						o.Glyphs[j].GlyphID = space
						o.Glyphs[j].Advance, o.Glyphs[j].Width = 0, 0
					}
				}
				sh.outs[i].RecomputeAdvance()
			}
		}
		var total fixed.Int26_6
		for _, o := range sh.outs {
			total += o.Advance
		}
		widths := []fixed.Int26_6{1, total, total + 1, total - 1, total / 2}
		for range 12 {
			widths = append(widths, fixed.Int26_6(rng.Int64N(int64(total)+2)))
		}
		config := shaping.WrapConfig{BreakPolicy: shaping.Never}
		if opts.RTL {
			config.Direction = di.DirectionRTL
		}
		for _, policy := range []shaping.LineBreakPolicy{shaping.Never, shaping.WhenNecessary} {
			config.BreakPolicy = policy
			for _, w := range widths {
				want, _ := theirs.WrapParagraphF(config, w, sh.runes, shaping.NewSliceIterator(copyOuts(sh.outs)))
				got := ts.wrapLines(config, w, sh.runes, copyOuts(sh.outs))
				if len(want) == 0 {
					want = nil
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("case %d %q (rtl %v, policy %v) at width %d: wrapLines gave %d lines, WrapParagraphF %d, or they differ",
						i, text, opts.RTL, policy, w, len(got), len(want))
				}
				cases++
				switch {
				case len(want) == 1 && len(sh.outs) == 1:
					fitsOne++
				case len(want) == 1:
					runsOne++
				case len(want) > 1:
					several++
				}
			}
		}
	}
	t.Logf("%d wraps equal: %d one run on one line, %d runs on one line, %d of several lines, %d texts with a line separator", cases, fitsOne, runsOne, several, separated)
	if fitsOne == 0 || runsOne == 0 || several == 0 || separated == 0 {
		t.Errorf("the cases miss a kind: %d one-run lines, %d lines of runs, %d of several lines, %d with a line separator", fitsOne, runsOne, several, separated)
	}
}

// copyOuts copies shaped runs with their glyphs: the wrapper zeroes the
// advance of a line's last space in place.
func copyOuts(outs []shaping.Output) []shaping.Output {
	c := slices.Clone(outs)
	for i := range c {
		c[i].Glyphs = slices.Clone(c[i].Glyphs)
	}
	return c
}

// TestMandatoryBreakClasses asks go-text's segmenter, for every
// character, whether a line must end after it (UAX #14's BK, CR, LF and
// NL), and checks that mandatoryBreakAfter says the same: wrapLines
// skips go-text's own check for such a break on that word.
func TestMandatoryBreakClasses(t *testing.T) {
	t.Parallel()
	var seg segmenter.Segmenter
	const chunk = 1 << 15
	found := 0
	for lo := rune(0); lo <= utf8.MaxRune; lo += chunk {
		// "a", r, "a", r', "a"...: each character between two letters,
		// so a break after it is its own class's doing.
		var text []rune
		var at []int // index of each tested character in text
		for r := lo; r < lo+chunk && r <= utf8.MaxRune; r++ {
			if !utf8.ValidRune(r) {
				continue
			}
			text = append(text, 'a')
			at = append(at, len(text))
			text = append(text, r)
		}
		text = append(text, 'a')
		mandatory := make(map[int]bool) // rune index a mandatory break comes after
		seg.Init(text)
		it := seg.LineIterator()
		for it.Next() {
			l := it.Line()
			if end := l.Offset + len(l.Text); l.IsMandatoryBreak && end < len(text) {
				mandatory[end-1] = true
			}
		}
		for _, i := range at {
			r := text[i]
			if mandatory[i] != mandatoryBreakAfter(r) {
				t.Errorf("U+%04X: the segmenter's mandatory break after it is %v, mandatoryBreakAfter says %v", r, mandatory[i], mandatoryBreakAfter(r))
			}
			if mandatory[i] {
				found++
			}
			delete(mandatory, i)
		}
		for i := range mandatory {
			if text[i] != 'a' {
				continue
			}
			// CR LF: the break comes after LF. A letter is never
			// followed by one.
			t.Errorf("a mandatory break after the letter at %d, before U+%04X", i, text[min(i+1, len(text)-1)])
		}
	}
	if found != 7 {
		t.Errorf("%d characters force a break after them, want the 7 of BK, CR, LF and NL", found)
	}
}

// TestShapeRunAsShape shapes random mixes of every script, in both
// directions, with organisations' names, numbers and isolates around
// and between them, once through the run cache (shapeRun) and once
// with every run shaped afresh: the outputs must be equal glyph for
// glyph, clusters included. Runs of one text are found again in
// others, at other offsets and with other characters around them.
func TestShapeRunAsShape(t *testing.T) {
	t.Parallel()
	ts := embeddedSetter(t)
	if _, err := ts.fonts.Base(); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 15))
	names := []string{"Partner organisation 17", "Riverside (RSS)", "جمعية النخيل", "ਪੰਜਾਬੀ ਸਭਾ", "x", "«Maple»", "1-833-900-1010", "\u0651", "ـ", "\u200d", "\u2066Maple\u2069", "بين", "\u202Dـب\u202C"}
	runs := 0
	for i := range 600 {
		var src strings.Builder
		for range 1 + rng.IntN(8) {
			if rng.IntN(3) == 0 {
				src.WriteString(names[rng.IntN(len(names))])
			} else {
				src.WriteString(pieces[rng.IntN(len(pieces))])
			}
		}
		text := strings.TrimSpace(src.String())
		if text == "" {
			continue
		}
		opts := Options{Style: Style{Size: 10, Bold: rng.IntN(3) == 0}, RTL: rng.IntN(2) == 0, Lang: []string{"ar", "pa", "en", "und"}[rng.IntN(4)]}
		prepared, err := ts.prepare(text, opts.RTL)
		if err != nil {
			t.Fatal(err)
		}
		if err := ts.check(prepared, opts); err != nil {
			fontsOrSkip(t, err)
		}
		ts.fontsKey = ""
		for _, fam := range ts.extra {
			ts.fontsKey += fam.Regular.Source + "\x00"
		}
		ts.cache.clear()
		got := ts.shape(prepared, opts).outs
		ts.noRuns = true
		ts.cache.clear()
		want := ts.shape(prepared, opts).outs
		ts.noRuns = false
		ts.cache.clear()
		if !reflect.DeepEqual(got, want) {
			for j := range want {
				if j >= len(got) || !reflect.DeepEqual(got[j], want[j]) {
					t.Fatalf("case %d %q (rtl %v, %s): run %d (runes %v) differs from a fresh shaping", i, text, opts.RTL, opts.Lang, j, want[j].Runes)
				}
			}
			t.Fatalf("case %d %q: %d runs, want %d", i, text, len(got), len(want))
		}
		runs += len(want)
	}
	t.Logf("%d runs equal; the cache holds %d", runs, ts.runs.len())
	if runs-ts.runs.len() < runs/5 {
		t.Errorf("the cache holds %d runs of %d shaped: it was hardly used", ts.runs.len(), runs)
	}
}
