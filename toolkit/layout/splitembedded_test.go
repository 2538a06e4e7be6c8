package layout_test

import (
	"testing"

	"github.com/awarekit/awarekit/toolkit/generate"
)

// TestNamesKeptWholeFallBack lays out the two documents that no longer
// fitted at any size once a name of the other direction was kept whole
// on its lines (typeset's keepEmbedded took them a line more): the youth
// flyer in Ukrainian and Persian with the organisation at every limit, a
// very wide logo and Nova Scotia (758 pt where the page has 668), and
// the Persian wallet cards with a very tall logo and Manitoba. The
// engine sets them again with such names split where the line ends
// (typeset.SplitEmbedded), as they fitted before. Without that, both
// fail (AWAREKIT_FULL TestEveryFormatCarriesItsContent found them).
func TestNamesKeptWholeFallBack(t *testing.T) {
	t.Parallel()
	e := testEngine(t)
	cases := limitCases(t, longest(t))
	for _, c := range []struct {
		ci           int
		format, lang string
	}{{1, "flyer", "uk+fa"}, {2, "cards", "fa"}} {
		lc := cases[c.ci]
		r, err := e.Resolve(generate.Job{Audience: "youth", Lang: c.lang, Format: c.format, Paper: "letter", Province: lc.province, AllowDraft: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.Layout(r, lc.org, lc.brand(t)); err != nil {
			t.Errorf("%s/%s/%s: %v", lc.name, c.format, c.lang, err)
		}
	}
}
