package layout

import (
	"fmt"
	"math"
	"testing"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/doc"
)

// TestCardSheetsPrint lays out every card sheet (wallet cards, the
// bilingual wallet cards, safety cards, the clinician's pocket card and
// the scenario cards) on both papers with each print option and checks
// what a print shop and a desktop printer need:
//   - the page is the paper chosen, whatever the bleed and marks (the
//     sheet carries fewer cards when the bleed needs the room), or with
//     single imposition one card at its trim size plus the bleed and the
//     marks' margin;
//   - every corner of every card has a cutting guide along both its
//     edges, in the gutter or margin beyond it (a cut shared by two cards
//     with no gutter between them is marked at both ends of the grid),
//     and no guide lies on a card, nor on its bleed when there is one;
//   - each card's colour runs past its trim into the gutters and margins
//     (the bleed, or 1 mm and more on a sheet without bleed) and never
//     onto another card;
//   - every back is registered to its front for long-edge duplex: the
//     card behind a front, mirrored across the sheet, is its back;
//   - every line and QR code is inside its card's safe area, 3 mm
//     (cardSafe) from the trim, where a cut a little off touches
//     nothing.
func TestCardSheetsPrint(t *testing.T) {
	t.Parallel()
	fx := newFixture(t)
	assemble := func(r content.Request) *doc.Document {
		r.AllowDraft = true
		d, err := fx.lib.Assemble(r)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	en := assemble(content.Request{Audience: "youth", Lang: "en"})
	fr := assemble(content.Request{Audience: "youth", Lang: "fr"})
	health := assemble(content.Request{Audience: "health", Lang: "en", Pocket: true})
	kit := assemble(content.Request{Audience: "youth", Lang: "en", Kit: []doc.KitPart{doc.PartScenarios}})
	sheets := []struct {
		name  string
		specs map[string]sheetSpec
		lay   func(Options) (*Document, error)
		label func(back bool) []string // what marks each card, front or back, in order; nil when all are alike
	}{
		{"cards", walletCards, func(o Options) (*Document, error) { return Cards(fx.ts, en, o) }, nil},
		{"cards fr+en", walletCards, func(o Options) (*Document, error) { return BilingualCards(fx.ts, fr, en, o) }, nil},
		{"safety-card", safetyCards, func(o Options) (*Document, error) { return SafetyCard(fx.ts, en, o) }, nil},
		{"clinician-card", pocketCards, func(o Options) (*Document, error) { return PocketCard(fx.ts, health, o) }, nil},
		{"scenarios", scenarioCards, func(o Options) (*Document, error) { return Scenarios(fx.ts, kit, o) }, func(bool) []string {
			var out []string
			for _, c := range kit.Kit.Scenarios.Cards {
				out = append(out, c.Label)
			}
			return out
		}},
	}
	bleed := 3 * PointsPerMM
	options := []PrintOptions{{}, {CropMarks: true}, {Bleed: bleed}, {Bleed: bleed, CropMarks: true},
		{Imposition: ImposeSingle}, {Imposition: ImposeSingle, Bleed: bleed}, {Imposition: ImposeSingle, Bleed: bleed, CropMarks: true}}
	for _, sh := range sheets {
		for _, name := range PaperNames {
			for _, po := range options {
				t.Run(fmt.Sprintf("%s/%s/%s bleed %.1f marks %v", sh.name, name, po.Imposition, po.Bleed, po.CropMarks), func(t *testing.T) {
					paper := Papers[name]
					ld, err := sh.lay(Options{Paper: paper, Print: po})
					if err != nil {
						t.Fatal(err)
					}
					s, _ := sheetFor(sh.specs, paper, po)
					want := paper
					if po.Imposition == ImposeSingle {
						m := po.Bleed
						if po.CropMarks {
							m += markOffset + markLength
						}
						want = Paper{Width: s.w + 2*m, Height: s.h + 2*m}
						if s.cols*s.rows != 1 {
							t.Errorf("%d cards on a single-card page", s.cols*s.rows)
						}
					}
					for i, p := range ld.Pages {
						if math.Abs(p.Width-want.Width) > 0.01 || math.Abs(p.Height-want.Height) > 0.01 {
							t.Errorf("page %d is %.2f×%.2f, want %.2f×%.2f", i+1, p.Width, p.Height, want.Width, want.Height)
						}
						if po.Bleed > 0 || po.CropMarks {
							g := s.gridBox()
							if p.Trim == nil || *p.Trim != g {
								t.Errorf("page %d: trim box %+v, want the grid %+v", i+1, p.Trim, g)
							}
							wb := Box{X: g.X - po.Bleed, Y: g.Y - po.Bleed, W: g.W + 2*po.Bleed, H: g.H + 2*po.Bleed}
							if p.Bleed == nil || *p.Bleed != wb || wb.X < 0 || wb.Y < 0 || wb.X+wb.W > p.Width || wb.Y+wb.H > p.Height {
								t.Errorf("page %d: bleed box %+v, want %+v on the page", i+1, p.Bleed, wb)
							}
						}
						if po.Imposition != ImposeSingle || po.CropMarks {
							checkGuides(t, i+1, p, s)
						} else if g := guideRules(p); len(g) > 0 {
							// A single card's page without marks ends at its
							// bleed: the shop cuts by its own marks.
							t.Errorf("page %d: %d guides on a page that ends at the bleed: %+v", i+1, len(g), g[0])
						}
						checkColour(t, i+1, p, s)
						checkSheet(t, p, s, cardSafe, minCardText, "")
						checkCodesSafe(t, i+1, p, s)
					}
					checkDuplex(t, ld, s, sh.label)
				})
			}
		}
	}
}

// checkCodesSafe checks that every QR code on page p of sheet s lies in
// one card's safe area, cardSafe inside its trim.
func checkCodesSafe(t *testing.T, page int, p Page, s sheet) {
	t.Helper()
	for _, e := range p.Elements {
		q := e.QR
		if q == nil {
			continue
		}
		n := float64(len(q.Bits)) * q.Module
		in := false
		for r := range s.rows {
			for c := range s.cols {
				x := s.cell(c, r)
				in = in || q.X >= x.X+cardSafe-0.01 && q.Y >= x.Y+cardSafe-0.01 && q.X+n <= x.X+x.W-cardSafe+0.01 && q.Y+n <= x.Y+x.H-cardSafe+0.01
			}
		}
		if !in {
			t.Errorf("page %d: the QR code at %.1f, %.1f (%.1f pt) is not inside a card's safe area", page, q.X, q.Y, n)
		}
	}
}

// guideRules are a page's cutting guides: black hairlines, not dashed.
func guideRules(p Page) []Rule {
	var out []Rule
	for _, e := range p.Elements {
		if r := e.Rule; r != nil && r.Color == (doc.RGB{}) && r.Width == 0.25 && r.Dash == nil {
			out = append(out, *r)
		}
	}
	return out
}

// occupied lists the cells of s that have something of a card in them.
func occupied(p Page, s sheet) []Box {
	var out []Box
	for r := range s.rows {
		for c := range s.cols {
			cell := s.cell(c, r)
			for _, l := range inkedLines(p) {
				if l.in(cell) {
					out = append(out, cell)
					break
				}
			}
		}
	}
	return out
}

func checkGuides(t *testing.T, page int, p Page, s sheet) {
	t.Helper()
	const eps = 0.01
	guides := guideRules(p)
	b := s.print.Bleed
	var cells []Box
	for r := range s.rows {
		for c := range s.cols {
			cells = append(cells, s.cell(c, r))
		}
	}
	for _, g := range guides {
		if min(g.X1, g.X2) < -0.01 || min(g.Y1, g.Y2) < -0.01 || max(g.X1, g.X2) > p.Width+0.01 || max(g.Y1, g.Y2) > p.Height+0.01 {
			t.Errorf("page %d: guide %+v is off the page", page, g)
		}
		for _, c := range cells {
			if crosses(g, Box{X: c.X - b, Y: c.Y - b, W: c.W + 2*b, H: c.H + 2*b}) {
				t.Errorf("page %d: guide %+v lies on the card at %.1f,%.1f or its bleed", page, g, c.X, c.Y)
			}
		}
		if s.print.CropMarks && math.Hypot(g.X2-g.X1, g.Y2-g.Y1) < markLength-eps {
			// In a margin a crop mark is full length, or reaches the
			// sheet's edge.
			outside := g.Y1 < s.y0 || g.Y1 > s.y0+s.gridBox().H || g.X1 < s.x0 || g.X1 > s.x0+s.gridBox().W
			edge := min(g.X1, g.X2) < eps || min(g.Y1, g.Y2) < eps || max(g.X1, g.X2) > p.Width-eps || max(g.Y1, g.Y2) > p.Height-eps
			if outside && !edge {
				t.Errorf("page %d: crop mark %+v is shorter than %.0f pt", page, g, markLength)
			}
		}
	}
	// on reports whether a guide lies on the vertical (or horizontal)
	// line at v, between a and b.
	on := func(vertical bool, v, a, b float64) bool {
		lo, hi := min(a, b), max(a, b)
		for _, g := range guides {
			if vertical && math.Abs(g.X1-v) < eps && math.Abs(g.X2-v) < eps && min(g.Y1, g.Y2) >= lo-eps && max(g.Y1, g.Y2) <= hi+eps {
				return true
			}
			if !vertical && math.Abs(g.Y1-v) < eps && math.Abs(g.Y2-v) < eps && min(g.X1, g.X2) >= lo-eps && max(g.X1, g.X2) <= hi+eps {
				return true
			}
		}
		return false
	}
	grid := s.gridBox()
	for r := range s.rows {
		for c := range s.cols {
			cell := s.cell(c, r)
			for _, x := range []float64{cell.X, cell.X + cell.W} {
				for _, top := range []bool{true, false} {
					// Along the vertical edge at x, beyond the corner: up
					// to the row above (or the sheet's top edge).
					y, limit := cell.Y+cell.H, p.Height
					if r < s.rows-1 {
						limit = s.cell(c, r+1).Y
					}
					if top {
						y, limit = cell.Y, 0
						if r > 0 {
							limit = s.cell(c, r-1).Y + s.h
						}
					}
					if math.Abs(limit-y) < eps {
						// A shared cut: marked above and below the grid.
						if !on(true, x, 0, grid.Y) || !on(true, x, grid.Y+grid.H, p.Height) {
							t.Errorf("page %d: the shared cut at x=%.1f is not marked at both ends", page, x)
						}
					} else if !on(true, x, y, limit) {
						t.Errorf("page %d: card %d,%d has no guide along its edge at x=%.1f beyond y=%.1f", page, c, r, x, y)
					}
				}
			}
			for _, y := range []float64{cell.Y, cell.Y + cell.H} {
				for _, left := range []bool{true, false} {
					x, limit := cell.X+cell.W, p.Width
					if c < s.cols-1 {
						limit = s.cell(c+1, r).X
					}
					if left {
						x, limit = cell.X, 0
						if c > 0 {
							limit = s.cell(c-1, r).X + s.w
						}
					}
					if math.Abs(limit-x) < eps {
						if !on(false, y, 0, grid.X) || !on(false, y, grid.X+grid.W, p.Width) {
							t.Errorf("page %d: the shared cut at y=%.1f is not marked at both ends", page, y)
						}
					} else if !on(false, y, x, limit) {
						t.Errorf("page %d: card %d,%d has no guide along its edge at y=%.1f beyond x=%.1f", page, c, r, y, x)
					}
				}
			}
		}
	}
}

func checkColour(t *testing.T, page int, p Page, s sheet) {
	t.Helper()
	const eps = 0.01
	// How far colour must run past the trim: the bleed, or on a sheet
	// without bleed at least 1 mm wherever a gutter or margin lies.
	want := func(n int, gutter float64) float64 {
		if s.print.Bleed > 0 || s.print.Imposition == ImposeSingle {
			return s.print.Bleed
		}
		if n > 1 && gutter == 0 {
			return 0
		}
		return PointsPerMM
	}
	wx, wy := want(s.cols, s.gx), want(s.rows, s.gy)
	if s.bx < wx-eps || s.by < wy-eps {
		t.Errorf("colour runs %.1f, %.1f pt past the trim, want %.1f, %.1f", s.bx, s.by, wx, wy)
	}
	if (s.cols > 1 && s.bx > s.gx/2+eps) || (s.rows > 1 && s.by > s.gy/2+eps) {
		t.Errorf("colour runs %.1f, %.1f pt past the trim into gutters of %.1f, %.1f: onto the neighbour", s.bx, s.by, s.gx, s.gy)
	}
	for _, e := range p.Elements {
		r := e.Rect
		if r == nil || r.Radius != 0 {
			continue
		}
		in := false
		for row := range s.rows {
			for col := range s.cols {
				c := s.cell(col, row)
				in = in || (r.X >= c.X-s.bx-eps && r.Y >= c.Y-s.by-eps && r.X+r.W <= c.X+c.W+s.bx+eps && r.Y+r.H <= c.Y+c.H+s.by+eps)
			}
		}
		if !in {
			t.Errorf("page %d: background %+v is not within one card and its colour's run", page, *r)
		}
	}
	for _, c := range occupied(p, s) {
		// The card's top band or background runs past its trim on the
		// top and on both sides.
		found := false
		for _, e := range p.Elements {
			if r := e.Rect; r != nil && r.Radius == 0 && r.Y <= c.Y-s.by+eps && r.Y+r.H > c.Y && r.X <= c.X-s.bx+eps && r.X+r.W >= c.X+c.W+s.bx-eps {
				found = true
			}
		}
		if !found {
			t.Errorf("page %d: the card at %.1f,%.1f has no colour past its top corners", page, c.X, c.Y)
		}
	}
}

// checkDuplex checks that the pages come in pairs, a front and its back,
// and that each card on a front has its back behind it when the sheet is
// turned on its long edge: at the mirrored place across the sheet.
// labels, when given, says what each card's front and back print, in
// order, so that the back is the right card's.
func checkDuplex(t *testing.T, ld *Document, s sheet, labels func(back bool) []string) {
	t.Helper()
	if len(ld.Pages)%2 != 0 {
		t.Fatalf("%d pages, not fronts and backs in pairs", len(ld.Pages))
	}
	mirror := func(b Box, w float64) Box { return Box{X: w - b.X - b.W, Y: b.Y, W: b.W, H: b.H} }
	for i := 0; i < len(ld.Pages); i += 2 {
		front, back := ld.Pages[i], ld.Pages[i+1]
		backs := occupied(back, s)
		for _, c := range occupied(front, s) {
			m := mirror(c, front.Width)
			ok := false
			for _, b := range backs {
				ok = ok || (math.Abs(b.X-m.X) < 0.01 && math.Abs(b.Y-m.Y) < 0.01)
			}
			if !ok {
				t.Errorf("page %d: the card at %.1f,%.1f has no back behind it on page %d", i+1, c.X, c.Y, i+2)
			}
		}
		if labels == nil {
			continue
		}
		per := s.cols * s.rows
		all := labels(false)
		for n, label := range all[min(i/2*per, len(all)):min(i/2*per+per, len(all))] {
			col, row := n%s.cols, n/s.cols
			c := s.cell(col, row)
			if !cellHas(front, c, label) {
				t.Errorf("page %d: %q is not on the front at column %d, row %d", i+1, label, col+1, row+1)
			}
			if !cellHas(back, mirror(c, front.Width), label) {
				t.Errorf("page %d: %q is not on the back behind its front", i+2, label)
			}
		}
	}
}
