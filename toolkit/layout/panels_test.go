package layout

import (
	"fmt"
	"slices"
	"testing"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// TestHelpPanelsHaveNoEmptyHalf lays out every format with a help panel
// (flyer, handout, poster, tear-off, and the bilingual flyer and poster)
// for every audience in English and French (and fr+en), for each test
// organisation, and checks that no panel has an empty half: a stretch
// of the panel's left or right half, down the middle of its content,
// with nothing in it (no text, code or logo) while the other half has
// something beside it, taller than a quarter of the content and 48 pt.
// A column left short (a grid's last row with one contact of two) is
// what it finds; such a row spreads across the width instead.
func TestHelpPanelsHaveNoEmptyHalf(t *testing.T) {
	fx := newFixture(t)
	type layFunc func(*typeset.Typesetter, *doc.Document, Options) (*Document, error)
	single := map[string]layFunc{"flyer": Flyer, "handout": Handout, "poster": Poster, "tearoff": Tearoff}
	for _, o := range testOrgs {
		brand, err := o.org.Brand()
		if err != nil {
			t.Fatal(err)
		}
		assemble := func(id, lang string) *doc.Document {
			d, err := fx.lib.Assemble(content.Request{Audience: id, Lang: lang, Org: o.org, Brand: brand, AllowDraft: true})
			if err != nil {
				t.Fatal(err)
			}
			return d
		}
		for _, id := range fx.lib.AudienceIDs() {
			for _, lang := range []string{"en", "fr"} {
				d := assemble(id, lang)
				names := make([]string, 0, len(single))
				for n := range single {
					names = append(names, n)
				}
				slices.Sort(names)
				for _, name := range names {
					t.Run(fmt.Sprintf("%s/%s/%s/%s", o.name, id, lang, name), func(t *testing.T) {
						ld, err := single[name](fx.ts, d, Options{Paper: Papers["letter"]})
						if err != nil {
							t.Fatal(err)
						}
						checkPanels(t, ld)
					})
				}
			}
			for _, name := range []string{"flyer", "poster"} {
				t.Run(fmt.Sprintf("%s/%s/fr+en/%s", o.name, id, name), func(t *testing.T) {
					lay := BilingualFlyer
					if name == "poster" {
						lay = BilingualPoster
					}
					ld, err := lay(fx.ts, assemble(id, "fr"), assemble(id, "en"), Options{Paper: Papers["letter"]})
					if err != nil {
						t.Fatal(err)
					}
					checkPanels(t, ld)
				})
			}
		}
	}
}

// span is a vertical stretch of a page, in points from the top.
type span struct{ y0, y1 float64 }

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
			top, bottom := panel.Y+panel.H, panel.Y
			add := func(x0, x1, y0, y1 float64) {
				if x0 < panel.X-0.5 || x1 > panel.X+panel.W+0.5 || y0 < panel.Y-0.5 || y1 > panel.Y+panel.H+0.5 {
					return
				}
				top, bottom = min(top, y0), max(bottom, y1)
				if x0 < mid {
					left = append(left, span{y0, y1})
				}
				if x1 > mid {
					right = append(right, span{y0, y1})
				}
			}
			for _, l := range inkedLines(p) {
				if l.rotate == 0 {
					add(l.x0, l.x1, l.y0, l.y1)
				}
			}
			for _, f := range p.Elements {
				if q := f.QR; q != nil {
					side := q.Module * float64(len(q.Bits))
					add(q.X, q.X+side, q.Y, q.Y+side)
				}
				if im := f.Image; im != nil {
					add(im.X, im.X+im.W, im.Y, im.Y+im.H)
				}
			}
			if bottom <= top {
				continue
			}
			limit := max(48, (bottom-top)/4)
			for _, side := range []struct {
				name        string
				this, other []span
			}{{"left", left, right}, {"right", right, left}} {
				for _, g := range gaps(side.this, top, bottom) {
					if g.y1-g.y0 > limit && overlapsAny(side.other, g) {
						t.Errorf("page %d: the panel at y=%.0f has its %s half empty from y=%.0f to %.0f (%.0f pt) beside content", i+1, panel.Y, side.name, g.y0, g.y1, g.y1-g.y0)
					}
				}
			}
		}
	}
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
