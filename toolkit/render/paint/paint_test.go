package paint

import (
	"math"
	"testing"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// contours splits a path into its contours' points.
func contours(p *Path) [][]Point {
	var out [][]Point
	p.Each(func(v Verb, pts []Point) {
		if v == MoveTo {
			out = append(out, nil)
		}
		if len(out) > 0 {
			out[len(out)-1] = append(out[len(out)-1], pts...)
		}
	})
	return out
}

// area is the signed area of a polygon (positive clockwise on a y-down page).
func area(pts []Point) float64 {
	a := 0.0
	for i, p := range pts {
		q := pts[(i+1)%len(pts)]
		a += p.X*q.Y - q.X*p.Y
	}
	return a / 2
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestRuleDashes(t *testing.T) {
	tests := []struct {
		name   string
		rule   layout.Rule
		hair   float64
		dashes [][2]float64 // along the line
		width  float64
	}{
		{"solid", layout.Rule{X1: 10, Y1: 20, X2: 40, Y2: 20, Width: 2}, 0, [][2]float64{{10, 40}}, 2},
		{"dashed, last dash cut at the end", layout.Rule{X1: 0, Y1: 5, X2: 16, Y2: 5, Width: 0.6, Dash: []float64{4, 3}}, 0, [][2]float64{{0, 4}, {7, 11}, {14, 16}}, 0.6},
		{"odd pattern swaps on and off", layout.Rule{X1: 0, Y1: 5, X2: 10, Y2: 5, Width: 1, Dash: []float64{2}}, 0, [][2]float64{{0, 2}, {4, 6}, {8, 10}}, 1},
		{"hairline widened", layout.Rule{X1: 0, Y1: 5, X2: 10, Y2: 5, Width: 0.25}, 0.5, [][2]float64{{0, 10}}, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pg, err := Draw(&layout.Page{Width: 100, Height: 100, Elements: []layout.Element{{Rule: &tt.rule}}}, Options{Hairline: tt.hair})
			if err != nil {
				t.Fatal(err)
			}
			cs := contours(pg.Items[0].Shape.Path)
			if len(cs) != len(tt.dashes) {
				t.Fatalf("%d dashes, want %d", len(cs), len(tt.dashes))
			}
			for i, c := range cs {
				x0, x1 := math.Min(c[0].X, c[1].X), math.Max(c[0].X, c[1].X)
				y0, y1 := math.Min(c[0].Y, c[2].Y), math.Max(c[0].Y, c[2].Y)
				if !near(x0, tt.dashes[i][0]) || !near(x1, tt.dashes[i][1]) || !near(y1-y0, tt.width) || !near((y0+y1)/2, tt.rule.Y1) {
					t.Errorf("dash %d spans x %g–%g, y %g–%g; want x %g–%g, %g wide about y %g", i, x0, x1, y0, y1, tt.dashes[i][0], tt.dashes[i][1], tt.width, tt.rule.Y1)
				}
			}
		})
	}
}

// TestRectBorder checks that a bordered rectangle is its fill and then a
// ring centred on its edge: the outer contour one way, the inner the
// other, so the nonzero rule leaves the inside unpainted.
func TestRectBorder(t *testing.T) {
	stroke := doc.RGB{R: 200}
	pg, err := Draw(&layout.Page{Width: 100, Height: 100, Elements: []layout.Element{
		{Rect: &layout.Rect{X: 10, Y: 10, W: 40, H: 20, Fill: doc.RGB{B: 100}, Stroke: &stroke, StrokeWidth: 2}},
	}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pg.Items) != 2 || pg.Items[1].Shape.Color != stroke {
		t.Fatalf("want a fill then a border in the stroke colour, got %d items", len(pg.Items))
	}
	ring := contours(pg.Items[1].Shape.Path)
	if len(ring) != 2 {
		t.Fatalf("the border has %d contours, want 2", len(ring))
	}
	outer, inner := area(ring[0]), area(ring[1])
	if !near(outer, 42*22) || !near(inner, -38*18) {
		t.Errorf("ring areas %g and %g, want %d and %d", outer, inner, 42*22, -38*18)
	}
}

// TestRotatedText checks that a line turned 90° runs up the page from
// its origin, as the PDF's rotation does.
func TestRotatedText(t *testing.T) {
	fonts, err := typeset.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	f, err := typeset.NewFonts(fonts, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := typeset.New(f).Set("1-833", typeset.Options{Style: typeset.Style{Size: 10}})
	if err != nil {
		t.Fatal(err)
	}
	for _, rot := range []float64{0, 90} {
		pg, err := Draw(&layout.Page{Width: 200, Height: 200, Elements: []layout.Element{
			{Text: &layout.TextLine{X: 100, Y: 100, Line: p.Lines[0], Rotate: rot}},
		}}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(pg.Lines) != 1 || pg.Lines[0] != "1-833" {
			t.Errorf("page text %q, want [1-833]", pg.Lines)
		}
		first, last := pg.Items[0].Shape.M, pg.Items[len(pg.Items)-1].Shape.M
		switch rot {
		case 0:
			if !(last.E > first.E+20 && near(last.F, 100) && first.A > 0 && first.D < 0) {
				t.Errorf("unrotated glyphs start at (%g, %g) and end at (%g, %g)", first.E, first.F, last.E, last.F)
			}
		case 90:
			if !(near(last.E, 100) && last.F < first.F-20) {
				t.Errorf("rotated glyphs start at (%g, %g) and end at (%g, %g); want them going up from (100, 100)", first.E, first.F, last.E, last.F)
			}
		}
	}
}

func TestMatrix(t *testing.T) {
	m := Matrix{A: 2, D: 3, E: 1, F: 1}
	n := Matrix{A: 0, B: -1, C: 1, D: 0, E: 5, F: 0}
	p := Point{1, 2}
	got, want := m.Then(n).Apply(p), m.Apply(n.Apply(p))
	if !near(got.X, want.X) || !near(got.Y, want.Y) {
		t.Errorf("m.Then(n) maps %v to %v, want %v", p, got, want)
	}
	if !near(m.Scale(), math.Sqrt(6)) {
		t.Errorf("scale %g", m.Scale())
	}
}
