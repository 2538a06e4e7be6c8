package paint

import "math"

// Point is a position in a path's own coordinates.
type Point struct{ X, Y float64 }

// Verb is one step of a path.
type Verb uint8

// The steps of a path and the points each takes from Path.Points.
const (
	MoveTo Verb = iota // 1 point: start a contour
	LineTo             // 1 point
	QuadTo             // 2 points: control, end
	CubeTo             // 3 points: two controls, end
	Close              // 0 points: back to the contour's start
)

// points is how many points each verb uses.
var points = [...]int{MoveTo: 1, LineTo: 1, QuadTo: 2, CubeTo: 3, Close: 0}

// Path is a set of closed contours, filled by the nonzero winding rule
// (the rule of TrueType outlines, PDF's f and SVG's default).
type Path struct {
	Verbs  []Verb
	Points []Point
}

// MoveTo starts a contour at (x, y).
func (p *Path) MoveTo(x, y float64) {
	p.Verbs = append(p.Verbs, MoveTo)
	p.Points = append(p.Points, Point{x, y})
}

// LineTo draws a straight line to (x, y).
func (p *Path) LineTo(x, y float64) {
	p.Verbs = append(p.Verbs, LineTo)
	p.Points = append(p.Points, Point{x, y})
}

// QuadTo draws a quadratic Bézier curve through control (cx, cy) to (x, y).
func (p *Path) QuadTo(cx, cy, x, y float64) {
	p.Verbs = append(p.Verbs, QuadTo)
	p.Points = append(p.Points, Point{cx, cy}, Point{x, y})
}

// CubeTo draws a cubic Bézier curve to (x, y).
func (p *Path) CubeTo(c1x, c1y, c2x, c2y, x, y float64) {
	p.Verbs = append(p.Verbs, CubeTo)
	p.Points = append(p.Points, Point{c1x, c1y}, Point{c2x, c2y}, Point{x, y})
}

// Close ends the contour.
func (p *Path) Close() { p.Verbs = append(p.Verbs, Close) }

// Each calls fn for every verb with its points, in order.
func (p *Path) Each(fn func(v Verb, pts []Point)) {
	i := 0
	for _, v := range p.Verbs {
		n := points[v]
		fn(v, p.Points[i:i+n])
		i += n
	}
}

// Rect adds a rectangle, clockwise on the page (y down); ccw reverses it,
// which cuts it out of a clockwise contour under the nonzero rule.
func (p *Path) Rect(x, y, w, h float64, ccw bool) {
	if ccw {
		p.MoveTo(x, y)
		p.LineTo(x, y+h)
		p.LineTo(x+w, y+h)
		p.LineTo(x+w, y)
	} else {
		p.MoveTo(x, y)
		p.LineTo(x+w, y)
		p.LineTo(x+w, y+h)
		p.LineTo(x, y+h)
	}
	p.Close()
}

// kappa places the control points of a cubic Bézier quarter circle, as
// fpdf's RoundedRect does, so that corners match the PDF.
var kappa = 4.0 / 3.0 * (math.Sqrt2 - 1)

// RoundedRect adds a rectangle whose corners are quarter circles of
// radius r, clockwise on the page unless ccw.
func (p *Path) RoundedRect(x, y, w, h, r float64, ccw bool) {
	r = min(r, w/2, h/2)
	if r <= 0 {
		p.Rect(x, y, w, h, ccw)
		return
	}
	k := r * kappa
	x1, y1 := x+w, y+h
	if ccw {
		p.MoveTo(x+r, y)
		p.CubeTo(x+r-k, y, x, y+r-k, x, y+r)
		p.LineTo(x, y1-r)
		p.CubeTo(x, y1-r+k, x+r-k, y1, x+r, y1)
		p.LineTo(x1-r, y1)
		p.CubeTo(x1-r+k, y1, x1, y1-r+k, x1, y1-r)
		p.LineTo(x1, y+r)
		p.CubeTo(x1, y+r-k, x1-r+k, y, x1-r, y)
	} else {
		p.MoveTo(x+r, y)
		p.LineTo(x1-r, y)
		p.CubeTo(x1-r+k, y, x1, y+r-k, x1, y+r)
		p.LineTo(x1, y1-r)
		p.CubeTo(x1, y1-r+k, x1-r+k, y1, x1-r, y1)
		p.LineTo(x+r, y1)
		p.CubeTo(x+r-k, y1, x, y1-r+k, x, y1-r)
		p.LineTo(x, y+r)
		p.CubeTo(x, y+r-k, x+r-k, y, x+r, y)
	}
	p.Close()
}

// Quad adds the four-cornered contour a, b, c, d.
func (p *Path) Quad(a, b, c, d Point) {
	p.MoveTo(a.X, a.Y)
	p.LineTo(b.X, b.Y)
	p.LineTo(c.X, c.Y)
	p.LineTo(d.X, d.Y)
	p.Close()
}

// Matrix maps a path's coordinates to page points:
// x' = A·x + C·y + E, y' = B·x + D·y + F.
type Matrix struct{ A, B, C, D, E, F float64 }

// Identity leaves points where they are.
var Identity = Matrix{A: 1, D: 1}

// Apply maps p.
func (m Matrix) Apply(p Point) Point {
	return Point{m.A*p.X + m.C*p.Y + m.E, m.B*p.X + m.D*p.Y + m.F}
}

// Then is m applied after n: (m.Then(n)).Apply(p) == m.Apply(n.Apply(p)).
func (m Matrix) Then(n Matrix) Matrix {
	return Matrix{
		A: m.A*n.A + m.C*n.B,
		B: m.B*n.A + m.D*n.B,
		C: m.A*n.C + m.C*n.D,
		D: m.B*n.C + m.D*n.D,
		E: m.A*n.E + m.C*n.F + m.E,
		F: m.B*n.E + m.D*n.F + m.F,
	}
}

// Scale is how much m enlarges lengths (the square root of its area
// factor): a stroke width in path units times Scale is its width on the page.
func (m Matrix) Scale() float64 { return math.Sqrt(math.Abs(m.A*m.D - m.B*m.C)) }

// Bounds is the smallest rectangle holding every point of the path
// mapped by m; a curve never leaves its control points' hull, so it
// holds the curves too. ok is false for an empty path.
func (p *Path) Bounds(m Matrix) (x0, y0, x1, y1 float64, ok bool) {
	if len(p.Points) == 0 {
		return 0, 0, 0, 0, false
	}
	x0, y0 = math.Inf(1), math.Inf(1)
	x1, y1 = math.Inf(-1), math.Inf(-1)
	for _, pt := range p.Points {
		q := m.Apply(pt)
		x0, y0 = min(x0, q.X), min(y0, q.Y)
		x1, y1 = max(x1, q.X), max(y1, q.Y)
	}
	return x0, y0, x1, y1, true
}
