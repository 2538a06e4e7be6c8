package layout

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/profile"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// panelOrgs are the organisations the empty-space tests lay out with:
// none, the longest name (profile.MaxName characters) with a wide logo
// and a website, a tall logo, and three local contacts of
// profile.MaxLabel characters.
func panelOrgs() []struct {
	name  string
	org   profile.Organisation
	brand func(doc.Brand) doc.Brand
} {
	fill := func(s string, n int) string {
		r := []rune(s)
		for len(r) < n {
			r = append(r, []rune(" "+s)...)
		}
		return strings.TrimSpace(string(r[:n]))
	}
	logo := func(w, h int) func(doc.Brand) doc.Brand {
		return func(b doc.Brand) doc.Brand { b.Logo = &doc.Image{Width: w, Height: h}; return b }
	}
	same := func(b doc.Brand) doc.Brand { return b }
	long := fill("Riverside Settlement Services and Community Legal Clinic of the Greater Eastside and Northern Region", profile.MaxName)
	return []struct {
		name  string
		org   profile.Organisation
		brand func(doc.Brand) doc.Brand
	}{
		{"no organisation", profile.Organisation{}, same},
		{"longest name, wide logo", profile.Organisation{Name: long, Phone: "604-555-0134", Website: "www.riverside-settlement.example.org"}, logo(1400, 200)},
		{"tall logo", profile.Organisation{Name: "Riverside Settlement Services", Phone: "604-555-0134"}, logo(200, 700)},
		{"three long contacts", profile.Organisation{Name: "Riverside Settlement Services", Phone: "604-555-0134", Local: []profile.LocalContact{
			{Label: fill("Riverside Police Service, non-emergency line, 24 hours a day", profile.MaxLabel), Phone: "604-555-0100"},
			{Label: fill("Eastside Victim Services and Crisis Support Centre for Youth", profile.MaxLabel), Phone: "604-555-0101"},
			{Label: fill("Côte-des-Neiges–Notre-Dame-de-Grâce Community Health Clinic", profile.MaxLabel), Website: "clinic.example.org"},
		}}, same},
	}
}

// TestHelpPanelsHaveNoEmptyHalf lays out every format with a help panel
// or a band (flyer, handout, poster, tear-off, wallet cards, safety card,
// and the two-language flyer, poster and cards) in en, ar, zh-Hans and
// fr+en, for each of panelOrgs, and checks that no panel has an empty
// half: a stretch of the panel's left or right half, down the middle of
// its content, with nothing in it (no text, code or logo) while the
// other half has something beside it, taller than a fifth of the content
// and 30 pt; and that no band leaves white under the organisation's name
// (checkBand). A column left short (a grid's last row with one contact
// of two, a list in a flow's second column with its first empty) and a
// name over a tall logo's foot are what it finds. Quick: the newcomers
// audience (the longest texts); AWAREKIT_FULL=1: every audience.
func TestHelpPanelsHaveNoEmptyHalf(t *testing.T) {
	t.Parallel()
	fx := newFixture(t)
	type layFunc func(*typeset.Typesetter, *doc.Document, Options) (*Document, error)
	type pairFunc func(*typeset.Typesetter, *doc.Document, *doc.Document, Options) (*Document, error)
	single := map[string]layFunc{"flyer": Flyer, "handout": Handout, "poster": Poster, "tearoff": Tearoff, "cards": Cards, "safety-card": SafetyCard}
	pairs := map[string]pairFunc{"flyer": BilingualFlyer, "poster": BilingualPoster, "cards": BilingualCards}
	audiences := []string{"newcomers"}
	if os.Getenv("AWAREKIT_FULL") != "" {
		audiences = fx.lib.AudienceIDs()
	}
	for _, o := range panelOrgs() {
		brand, err := o.org.Brand()
		if err != nil {
			t.Fatal(err)
		}
		brand = o.brand(brand)
		assemble := func(id, lang string) *doc.Document {
			d, err := fx.lib.Assemble(content.Request{Audience: id, Lang: lang, Org: o.org, Brand: brand, AllowDraft: true})
			if err != nil {
				t.Fatal(err)
			}
			return d
		}
		check := func(t *testing.T, name string, ld *Document, err error) {
			var fe *FitError
			if errors.As(err, &fe) && (name == "cards" || name == "safety-card") {
				t.Skip(err) // a wallet card may refuse, naming what to shorten (TestCardsCarryEverythingAtTheLimits)
			}
			if err != nil {
				t.Fatal(err)
			}
			checkPanels(t, ld)
			checkBand(t, ld)
		}
		for _, id := range audiences {
			for _, lang := range []string{"en", "ar", "zh-Hans"} {
				if !slices.Contains(fx.lib.Languages(id), lang) {
					continue
				}
				d := assemble(id, lang)
				for _, name := range slices.Sorted(maps.Keys(single)) {
					t.Run(fmt.Sprintf("%s/%s/%s/%s", o.name, id, lang, name), func(t *testing.T) {
						ld, err := single[name](fx.ts, d, Options{Paper: Papers["letter"]})
						check(t, name, ld, err)
					})
				}
			}
			for _, name := range slices.Sorted(maps.Keys(pairs)) {
				t.Run(fmt.Sprintf("%s/%s/fr+en/%s", o.name, id, name), func(t *testing.T) {
					ld, err := pairs[name](fx.ts, assemble(id, "fr"), assemble(id, "en"), Options{Paper: Papers["letter"]})
					check(t, name, ld, err)
				})
			}
		}
	}
}

// maxBandGap is the most white a band leaves between two lines of its
// text, one over the other: more is a name left alone at the top of a
// band that a tall logo beside it made tall.
const maxBandGap = 20.0

// checkBand checks the band at the top of each page of ld (a filled
// rectangle across the page from its top edge): between any two lines of
// text in it, one over the other, no more than maxBandGap of white.
func checkBand(t *testing.T, ld *Document) {
	t.Helper()
	for i, p := range ld.Pages {
		var band *Rect
		for _, e := range p.Elements {
			if r := e.Rect; r != nil && r.Y <= 0.5 && r.X <= 0.5 && r.W >= p.Width-1 && r.H < p.Height/3 {
				band = r
				break
			}
		}
		if band == nil {
			continue
		}
		var lines []inked
		for _, l := range inkedLines(p) {
			if l.rotate == 0 && l.y1 <= band.Y+band.H+0.5 {
				lines = append(lines, l)
			}
		}
		for _, a := range lines {
			// The nearest line under a, across from it.
			next := math.Inf(1)
			var under inked
			for _, b := range lines {
				if b.y0 >= a.y1-0.5 && b.x0 < a.x1 && a.x0 < b.x1 && b.y0 < next {
					next, under = b.y0, b
				}
			}
			if gap := next - a.y1; !math.IsInf(next, 1) && gap > maxBandGap {
				t.Errorf("page %d: the band leaves %.0f pt of white under %q, over %q", i+1, gap, a.text, under.text)
			}
		}
	}
}

// span is a vertical stretch of a page, in points from the top.
type span struct{ y0, y1 float64 }

// checkPanels checks the help panels of ld: no white at the reading
// start of a panel's content (startGap) and no empty half
// beside content.
func checkPanels(t *testing.T, ld *Document) {
	t.Helper()
	for i, p := range ld.Pages {
		for _, e := range p.Elements {
			r := e.Rect
			if r == nil || r.Stroke == nil || r.Radius == 0 {
				continue // a help panel is a rounded box with a border
			}
			panel := Box{X: r.X, Y: r.Y, W: r.W, H: r.H}
			mid := panel.X + panel.W/2
			var left, right []span
			// leftWords, rightWords: what is in each half but a QR code
			// and its caption, which stand in a column of their own and
			// may run below what is beside them.
			var leftWords, rightWords []span
			var items []Box
			top, bottom := panel.Y+panel.H, panel.Y
			var codes []Box
			for _, f := range p.Elements {
				if q := f.QR; q != nil {
					side := q.Module * float64(len(q.Bits))
					codes = append(codes, Box{X: q.X, Y: q.Y, W: side, H: side})
				}
			}
			caption := func(x0, x1, y0 float64) bool {
				for _, c := range codes {
					if x0 < c.X+c.W+40 && c.X-40 < x1 && y0 >= c.Y+c.H-1 && y0 <= c.Y+c.H+36 {
						return true
					}
				}
				return false
			}
			add := func(x0, x1, y0, y1 float64, code bool) {
				if x0 < panel.X-0.5 || x1 > panel.X+panel.W+0.5 || y0 < panel.Y-0.5 || y1 > panel.Y+panel.H+0.5 {
					return
				}
				items = append(items, Box{X: x0, Y: y0, W: x1 - x0, H: y1 - y0})
				top, bottom = min(top, y0), max(bottom, y1)
				if x0 < mid {
					left = append(left, span{y0, y1})
					if !code {
						leftWords = append(leftWords, span{y0, y1})
					}
				}
				if x1 > mid {
					right = append(right, span{y0, y1})
					if !code {
						rightWords = append(rightWords, span{y0, y1})
					}
				}
			}
			for _, l := range inkedLines(p) {
				if l.rotate == 0 {
					add(l.x0, l.x1, l.y0, l.y1, caption(l.x0, l.x1, l.y0))
				}
			}
			for _, c := range codes {
				add(c.X, c.X+c.W, c.Y, c.Y+c.H, true)
			}
			for _, f := range p.Elements {
				if im := f.Image; im != nil {
					add(im.X, im.X+im.W, im.Y, im.Y+im.H, false)
				}
			}
			if bottom <= top {
				continue
			}
			limit := max(30, (bottom-top)/5)
			for _, side := range []struct {
				name        string
				this, other []span
			}{{"left", left, rightWords}, {"right", right, leftWords}} {
				for _, g := range gaps(side.this, top, bottom) {
					if g.y1-g.y0 > limit && overlapsAny(side.other, g) {
						t.Errorf("page %d: the panel at y=%.0f has its %s half empty from y=%.0f to %.0f (%.0f pt) beside content", i+1, panel.Y, side.name, g.y0, g.y1, g.y1-g.y0)
					}
				}
			}
			if g, ok := startGap(items, ld.Meta.RTL, limit); ok {
				t.Errorf("page %d: the panel at y=%.0f leaves %.0f pt empty at the reading start of its content from y=%.0f to %.0f, content pushed to the other side", i+1, panel.Y, g.w, g.y0, g.y1)
			}
		}
	}
}

// gapRun is white at the reading start of a panel's content: w wide,
// from y0 to y1.
type gapRun struct{ w, y0, y1 float64 }

// startGap finds white at the reading start of a panel's content (items,
// the boxes of its lines, codes and images): a stretch taller than limit
// where what is on each line starts a quarter of the content's width or
// more from its start, further than what ends there is from its end (a
// column left empty before the one that holds the words; a centred code
// is not that).
func startGap(items []Box, rtl bool, limit float64) (gapRun, bool) {
	if len(items) == 0 {
		return gapRun{}, false
	}
	l, r, top, bottom := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, b := range items {
		l, r, top, bottom = min(l, b.X), max(r, b.X+b.W), min(top, b.Y), max(bottom, b.Y+b.H)
	}
	var run gapRun
	in := false
	for y := top; y <= bottom; y++ {
		x0, x1 := math.Inf(1), math.Inf(-1)
		for _, b := range items {
			if b.Y <= y && y < b.Y+b.H {
				x0, x1 = min(x0, b.X), max(x1, b.X+b.W)
			}
		}
		start, end := x0-l, r-x1
		if rtl {
			start, end = end, start
		}
		if !math.IsInf(x0, 1) && start >= (r-l)/4 && start > end+10 {
			if !in {
				run, in = gapRun{w: start, y0: y}, true
			}
			run.w, run.y1 = min(run.w, start), y+1
			if run.y1-run.y0 > limit {
				return run, true
			}
			continue
		}
		in = false
	}
	return gapRun{}, false
}

// gaps are the stretches between top and bottom that no span covers.
func gaps(spans []span, top, bottom float64) []span {
	s := slices.Clone(spans)
	slices.SortFunc(s, func(a, b span) int {
		switch {
		case a.y0 < b.y0:
			return -1
		case a.y0 > b.y0:
			return 1
		}
		return 0
	})
	var out []span
	y := top
	for _, sp := range s {
		if sp.y0 > y {
			out = append(out, span{y, sp.y0})
		}
		y = max(y, sp.y1)
	}
	if bottom > y {
		out = append(out, span{y, bottom})
	}
	return out
}

func overlapsAny(spans []span, g span) bool {
	for _, s := range spans {
		if s.y0 < g.y1-1 && s.y1 > g.y0+1 {
			return true
		}
	}
	return false
}
