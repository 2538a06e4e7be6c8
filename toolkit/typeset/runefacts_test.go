package typeset

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// TestRuneFactsAsUnicode asks every character of Unicode, and some
// that are none (surrogates, past U+10FFFF, negative), for its facts,
// and compares them with Unicode's tables as go-text and the standard
// library read them.
func TestRuneFactsAsUnicode(t *testing.T) {
	t.Parallel()
	check := func(r rune) {
		f := factsOf(r)
		if want := language.LookupScript(r); f.script != want || scriptOf(r) != want {
			t.Fatalf("U+%04X: script %v (scriptOf %v), want %v", r, f.script, scriptOf(r), want)
		}
		if want := unicode.IsLetter(r); (f.flags&factLetter != 0) != want {
			t.Fatalf("U+%04X: letter %v, want %v", r, !want, want)
		}
		// What invisible was: a format character, or a mark among the
		// variation selectors.
		want := unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Mn, r) && r >= 0xFE00 && r <= 0xFE0F
		if invisible(r) != want {
			t.Fatalf("U+%04X: invisible %v, want %v", r, !want, want)
		}
	}
	// In an order that fills blocks from their middle, not their start.
	for r := rune(0x10FFFF + 2); r >= -2; r-- {
		check(r)
	}
	for _, r := range []rune{0x80000000 - 1, -0x80000000, 0x110000 << 4} {
		check(r)
	}
}

// checkAsBefore is check as it was before runeSeen and runeFacts: every
// character looked at afresh, each time it comes, in Unicode's tables.
func (t *Typesetter) checkAsBefore(text string, opts Options) error {
	invisibleAsBefore := func(r rune) bool {
		return unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Mn, r) && r >= 0xFE00 && r <= 0xFE0F
	}
	fontFor := func(r rune, bold bool) *Font {
		for _, fam := range t.extra {
			if f := fam.Pick(bold); f.Has(r) && language.LookupScript(r) != language.Common {
				return f
			}
		}
		if f := t.fonts.base.Pick(bold); f.Has(r) {
			return f
		}
		for _, fam := range t.extra {
			if f := fam.Pick(bold); f.Has(r) {
				return f
			}
		}
		return nil
	}
	t.extra = t.extra[:0]
	base := t.fonts.base.Pick(opts.Style.Bold)
	langBase, _, _ := strings.Cut(opts.Lang, "-")
	var seen []language.Script
	for _, r := range text {
		if r == '\n' || invisibleAsBefore(r) || base.Has(r) && language.LookupScript(r) == language.Common {
			continue
		}
		sc := language.LookupScript(r)
		if slices.Contains(seen, sc) {
			continue
		}
		userFont := t.fonts.hasUser(sc)
		if _, ok := needs[sc]; !ok && !userFont {
			continue
		}
		if baseFirst[sc] && base.Has(r) && systemFor[langBase] != sc && !userFont {
			continue
		}
		seen = append(seen, sc)
		if fam := t.fonts.forScript(sc); fam != nil {
			t.extra = append(t.extra, fam)
		}
	}
	for _, r := range text {
		if r == '\n' || invisibleAsBefore(r) || fontFor(r, opts.Style.Bold) != nil {
			continue
		}
		return &MissingGlyphError{Lang: opts.Lang, Char: r}
	}
	return nil
}

// TestCheckAsBefore checks random mixes of every script the project
// sets, with characters no font has, format characters, variation
// selectors and characters that share runeSeen's slots, in several
// languages (Urdu's Arabic is a system font's, Arabic's the embedded
// one's), with check and as check was before it remembered characters:
// the families found, their order, and the character without a font
// must be the same.
func TestCheckAsBefore(t *testing.T) {
	ts := embeddedSetter(t)
	if _, err := ts.fonts.Base(); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(13, 6))
	odd := []string{"\u200d", "\ufe0f", "\u00ad", "\u2066", "\n", "★", "\U0001F600", "\u0627\u1627\u2627", "ا", "\u0a15\u1a15", "\U00010900", "ߊ", "ᚠ", "·", "،", "।", "!ا!"}
	langs := []string{"ar", "ur", "pa", "en", "fa", "zh", "und", "iu"}
	missing, found := 0, 0
	for i := range 3000 {
		var src strings.Builder
		for range 1 + rng.IntN(6) {
			if rng.IntN(3) == 0 {
				src.WriteString(odd[rng.IntN(len(odd))])
			} else {
				src.WriteString(pieces[rng.IntN(len(pieces))])
			}
		}
		text := src.String()
		opts := Options{Style: Style{Size: 10, Bold: rng.IntN(2) == 0}, Lang: langs[rng.IntN(len(langs))]}
		err := ts.check(text, opts)
		got := slices.Clone(ts.extra)
		errBefore := ts.checkAsBefore(text, opts)
		want := slices.Clone(ts.extra)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("case %d %q (%s): families %v, before %v", i, text, opts.Lang, got, want)
		}
		var e1, e2 *MissingGlyphError
		if errors.As(err, &e1) != errors.As(errBefore, &e2) || e1 != nil && e1.Char != e2.Char {
			t.Fatalf("case %d %q (%s): error %v, before %v", i, text, opts.Lang, err, errBefore)
		}
		if e1 != nil {
			missing++
		}
		found += len(got)
	}
	t.Logf("3000 texts: %d with a character no font draws, %d families found", missing, found)
	if missing == 0 || found == 0 {
		t.Errorf("the cases miss a kind: %d texts with a missing character, %d families found", missing, found)
	}
}

// freshFontmap is the Typesetter's fontmap without its memo: every
// character's face found afresh.
type freshFontmap struct{ m *fontmap }

func (f freshFontmap) ResolveFace(r rune) *font.Face { return f.m.resolveFace(r) }
func (f freshFontmap) SetScript(sc language.Script)  { f.m.SetScript(sc) }

// TestResolveFaceAsBefore splits random mixes of every script into
// runs, as shaping does, with the fontmap's memo of faces and with every
// face found afresh, text after text, in several languages, regular and
// bold, so that the families a paragraph draws with change between
// texts: the runs and their faces must be the same.
func TestResolveFaceAsBefore(t *testing.T) {
	t.Parallel()
	ts := embeddedSetter(t)
	if _, err := ts.fonts.Base(); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(21, 4))
	odd := []string{"،", "؟", ":", "।", "!ا!", "(1)", "«", "»", "Partner organisation 7", "\u2066Maple\u2069", " ", "Maple: ", "بين: ", "ਸਭਾ: "}
	langs := []string{"ar", "ur", "ur", "pa", "en", "fa", "zh", "und"}
	var fresh shaping.Segmenter
	runs, faces := 0, map[*font.Face]bool{}
	for i := range 2000 {
		var src strings.Builder
		for range 1 + rng.IntN(6) {
			if rng.IntN(3) == 0 {
				src.WriteString(odd[rng.IntN(len(odd))])
			} else {
				src.WriteString(pieces[rng.IntN(len(pieces))])
			}
		}
		opts := Options{Style: Style{Size: 10, Bold: rng.IntN(2) == 0}, RTL: rng.IntN(2) == 0, Lang: langs[rng.IntN(len(langs))]}
		text, err := ts.prepare(src.String(), opts.RTL)
		if err != nil {
			t.Fatal(err)
		}
		if err := ts.check(text, opts); err != nil {
			var missing *MissingGlyphError
			if !errors.As(err, &missing) {
				t.Fatal(err)
			}
			continue // as Set: nothing is shaped
		}
		runes := []rune(text)
		dir := di.DirectionLTR
		if opts.RTL {
			dir = di.DirectionRTL
		}
		in := shaping.Input{Text: runes, RunEnd: len(runes), Direction: dir, Size: fixed.I(10), Language: language.NewLanguage(opts.Lang)}
		ts.fontmap.bold = opts.Style.Bold
		ts.fontmap.sync()
		got := slices.Clone(ts.seg.Split(in, &ts.fontmap))
		want := fresh.Split(in, freshFontmap{&ts.fontmap})
		if len(got) != len(want) {
			t.Fatalf("case %d %q (%s, bold %v): %d runs, afresh %d", i, text, opts.Lang, opts.Style.Bold, len(got), len(want))
		}
		for j := range want {
			g, w := got[j], want[j]
			if g.RunStart != w.RunStart || g.RunEnd != w.RunEnd || g.Face != w.Face || g.Script != w.Script || g.Direction != w.Direction {
				t.Fatalf("case %d %q (%s, bold %v): run %d is %d-%d in %p, afresh %d-%d in %p", i, text, opts.Lang, opts.Style.Bold, j, g.RunStart, g.RunEnd, g.Face, w.RunStart, w.RunEnd, w.Face)
			}
			faces[w.Face] = true
		}
		runs += len(want)
	}
	t.Logf("%d runs equal, in %d faces", runs, len(faces))
	if len(faces) < 4 {
		t.Errorf("the runs were drawn in %d faces: the fonts of other scripts are missing", len(faces))
	}
}
