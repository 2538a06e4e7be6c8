package layout

import (
	"math"
	"slices"
)

// pageFrame is what stays put on a page while its body is fitted.
type pageFrame struct {
	paper  Paper
	margin float64
	header box // full width, at the top
	footer box // inner width, at the bottom
	// reserve is space kept free above the footer, such as tear-off tabs.
	reserve float64
	gap     float64 // the least gap between sections
}

// top and bottom are where the body may start and must end.
func (f pageFrame) top() float64 {
	if f.header.H == 0 {
		return f.margin
	}
	return f.header.H + f.gap
}

func (f pageFrame) bottom() float64 {
	return f.paper.Height - f.margin*0.6 - f.footer.H - f.reserve - f.gap*0.5
}

// sections sums the height sections need with gaps between them.
func sectionsHeight(sections []box, gap float64) float64 {
	h := 0.0
	n := 0
	for _, s := range sections {
		if s.empty() {
			continue
		}
		h += s.H
		n++
	}
	if n > 1 {
		h += float64(n-1) * gap
	}
	return h
}

// try is one attempt at a page: its frame and the body built at one
// scale.
type try struct {
	frame pageFrame
	scale float64
}

// sizeTries tries every body size from maxBody down to minBody, each with
// every header of a branding, on frames like f with the branding's
// footer: the flyer's and the handout's order of tries.
func sizeTries(f pageFrame, maxBody, minBody float64) func(branding) []try {
	return func(b branding) []try {
		sizes := scalesDown(maxBody, minBody)
		out := make([]try, 0, len(sizes)*len(b.headers))
		for _, size := range sizes {
			for _, h := range b.headers {
				fr := f
				fr.header, fr.footer = h, b.footer
				out = append(out, try{frame: fr, scale: size})
			}
		}
		return out
	}
}

// fitPage returns the page of the first try that fits (laid out,
// layBox), with that try:
// the last section sits at the foot of the body (the help panel), and
// what is left over goes between sections, up to twice the gap. Tries
// come in rows of one body size, from the largest size to the smallest,
// each row with the page's headers from the tallest to the slimmest
// (sizeTries), so the first try that fits is the largest body that fits,
// under the tallest header it fits under: the order of preference.
// build lays the body out at a try's scale and must depend on nothing
// else of the try, for each row's body is built once and measured
// against every header of the row. A page fails when the last try does
// not fit.
//
// Building a body is the largest part of making a page, so fitPage
// builds as few rows as it can. A body is shorter the smaller its text,
// so a row fits (with one of its headers) when a row of larger text
// does: the first row that fits is found by building the rows around it
// (fitter.search), and the first header of that row that fits is the
// try chosen. The tries before it are known not to fit: a try of a
// larger row does not fit with any header, one of its own row does not
// fit with a taller header. TestFitSearch holds the try chosen to the
// first that fits with every try built afresh, on every page of a sweep
// of the layouts (all of them under AWAREKIT_FULL=1), and counts the
// rows built.
func fitPage(k *kit, tries []try, build func(try) []box) (box, try, error) {
	if len(tries) == 0 {
		return box{}, try{}, ErrDoesNotFit
	}
	f := newFitter(k, tries, build)
	first, err := f.search()
	chosen := -1
	if err == nil && first < len(f.rows) {
		row := f.row(first)
		chosen = row.start + row.first
	}
	if chosen < 0 && err == nil {
		// Why the last try does not fit: a number wider than its line,
		// or the room.
		t, res := tries[len(tries)-1], f.row(len(f.rows)-1)
		if err = fits(t, res.sections); err == ErrDoesNotFit {
			err = &FitError{Blocks: blocksOf(res.sections...), Need: res.need, Have: t.frame.bottom() - t.frame.top()}
		}
	}
	if fitAudit != nil {
		built := 0
		for _, r := range f.rows {
			if r.built {
				built++
			}
		}
		fitAudit(len(tries), len(f.rows), built, func(i int) bool {
			t := tries[i]
			return fits(t, slices.DeleteFunc(build(t), box.empty)) == nil
		}, chosen)
	}
	if k.err != nil {
		return box{}, try{}, k.err
	}
	if err != nil {
		return box{}, tries[len(tries)-1], err
	}
	r := f.rowOf[chosen]
	return layBox(tries[chosen].frame, f.row(r).sections), tries[chosen], nil
}

// fitter builds the rows of a page's tries (fitPage) as its search asks
// for them.
type fitter struct {
	k     *kit
	tries []try
	build func(try) []box
	rows  []fitRow
	rowOf []int // each try's row
}

// fitRow is one body size's tries: tries[start:end].
type fitRow struct {
	start, end int
	room       float64 // the most room any of its headers leaves
	built      bool
	sections   []box
	need       float64 // the sections' height
	fits       []bool  // by header, in the row's order
	first      int     // the first header that fits, or math.MaxInt
}

func newFitter(k *kit, tries []try, build func(try) []box) *fitter {
	f := &fitter{k: k, tries: tries, build: build, rowOf: make([]int, len(tries))}
	n := 0
	for i, t := range tries {
		if i == 0 || t.scale != tries[i-1].scale {
			n++
		}
	}
	f.rows = make([]fitRow, 0, n)
	for i, t := range tries {
		if i == 0 || t.scale != tries[i-1].scale {
			f.rows = append(f.rows, fitRow{start: i})
		}
		r := &f.rows[len(f.rows)-1]
		r.end = i + 1
		r.room = max(r.room, t.frame.bottom()-t.frame.top())
		f.rowOf[i] = len(f.rows) - 1
	}
	return f
}

// row builds row r's body, once, and measures it against each header.
func (f *fitter) row(r int) *fitRow {
	row := &f.rows[r]
	if row.built {
		return row
	}
	row.built = true
	row.sections = slices.DeleteFunc(f.build(f.tries[row.start]), box.empty)
	row.need = sectionsHeight(row.sections, f.tries[row.start].frame.gap)
	row.first = math.MaxInt
	row.fits = make([]bool, 0, row.end-row.start)
	for h, t := range f.tries[row.start:row.end] {
		ok := fits(t, row.sections) == nil
		row.fits = append(row.fits, ok)
		if ok {
			row.first = min(row.first, h)
		}
	}
	return row
}

// search returns the first row that fits (len(f.rows) when none does),
// building the rows around it: the largest
// size first, which is where short text ends up, as it grows to fill
// the page; then, while the first row that fits lies between the last
// row known not to fit (lo) and the first known to fit (hi), the row
// where the body's height would meet the room, were it to follow a power
// of the size through the two heights measured last (the square of the
// size, fewer lines each less tall, while only one is); every third
// row asked about is the middle one instead, so that a guess gone wrong
// cannot make the search slower than halving.
func (f *fitter) search() (int, error) {
	n := len(f.rows)
	lo, hi := -1, n
	var probes []int
	for hi-lo > 1 {
		r := lo + 1
		if len(probes) > 0 {
			r = (lo + hi) / 2
			if len(probes)%3 != 0 {
				r = f.guess(probes)
			}
			r = min(max(r, lo+1), hi-1)
		}
		if hi == n && r < n-1 && f.tries[f.rows[r].start].scale < f.tries[f.rows[n-1].start].scale+1e-9 {
			r = n - 1
		}
		row := f.row(r)
		if f.k.err != nil {
			return n, f.k.err
		}
		probes = append(probes, r)
		if row.first < len(row.fits) {
			hi = r
		} else {
			lo = r
		}
	}
	return hi, nil
}

// guess is the row where the body would fit, from the heights of the
// rows last built.
func (f *fitter) guess(probes []int) int {
	scale := func(r int) float64 { return f.tries[f.rows[r].start].scale }
	b := probes[len(probes)-1]
	exp := 2.0
	if len(probes) > 1 {
		a := probes[len(probes)-2]
		if e := math.Log(f.rows[a].need/f.rows[b].need) / math.Log(scale(a)/scale(b)); e > 0.5 && e < 8 {
			exp = e
		}
	}
	want := scale(b) * math.Pow(f.rows[b].room/f.rows[b].need, 1/exp)
	r := 0
	for r < len(f.rows)-1 && scale(r) > want+1e-9 {
		r++
	}
	return r
}

// fitAudit, when set (by tests), is told of every page fitPage fits: how
// many tries there were, in how many rows, how many rows it built, a
// function that builds any try afresh and says whether it fits, and the
// try chosen (-1 when none was).
var fitAudit func(tries, rows, built int, fits func(i int) bool, chosen int)

// fits says whether sections fit on a page with t's frame: ErrDoesNotFit
// when they are too tall, a FitError naming a number or an address
// wider than its line (wideError).
func fits(t try, sections []box) error {
	for _, b := range sections {
		if err := wideError(b); err != nil {
			return err
		}
	}
	if err := wideError(t.frame.header, t.frame.footer); err != nil {
		return err
	}
	if sectionsHeight(sections, t.frame.gap) > t.frame.bottom()-t.frame.top()+0.01 {
		return ErrDoesNotFit
	}
	return nil
}

// layPage puts the header, the sections and the footer on a page: the
// sections from the top of the body, the last one at its foot (or at
// most three gaps under the one before), the room left over shared
// between the gaps, up to twice the gap each.
func layPage(f pageFrame, sections []box) Page {
	return pageOf(layBox(f, sections))
}

// layBox is layPage's page as a box the paper's size, its elements not
// yet copied to where they are on the page: a layout measures the pages
// it tries (whiteBoxUnder) and makes the one it keeps (pageOf). Copying
// the elements of every page tried was a third of what laying out a
// flyer allocated.
func layBox(f pageFrame, sections []box) box {
	top, bottom := f.top(), f.bottom()
	used := sectionsHeight(sections, 0)
	gap := f.gap
	if n := len(sections) - 1; n > 0 {
		gap = min((bottom-top-used)/float64(n), 2*f.gap)
	}
	page := box{W: f.paper.Width, H: f.paper.Height}
	page.place(f.header, 0, 0)
	y := top
	for i, s := range sections {
		if i == len(sections)-1 && i > 0 {
			// At the foot, unless that leaves a white band above it
			// wider than three gaps: then it follows the text, and the
			// white goes under it, where a page ends.
			y = max(y, min(bottom-s.H, y-gap+3*f.gap))
		}
		page.place(s, f.margin, y)
		y += s.H + gap
	}
	page.place(f.footer, f.margin, f.paper.Height-f.margin*0.6-f.footer.H)
	page.W, page.H = f.paper.Width, f.paper.Height
	return page
}

// pageOf is the page laid out as b (layBox).
func pageOf(b box) Page {
	return Page{Width: b.W, Height: b.H, Elements: b.elements()}
}

// maxWhiteUnder is the most white a page whose text cannot grow
// leaves under its last section (its help panel), over the foot of its
// body: three quarters of an inch to the footer on a flyer's frame, with
// the half gap over the footer. More goes over the body (settle).
const maxWhiteUnder = 36.0

// settle lays sections out in frame f (layPage), and when that leaves
// more than maxWhiteUnder of white under the last of them (a short page
// whose text is at its largest, its panel following the text), puts
// the rest of the white over the body, under the band: the page's
// sections sit low, their panel near its foot, as a designer sets a
// short last page, not over a white half page.
func settle(f pageFrame, sections []box) Page {
	return pageOf(settleBox(f, sections))
}

// settleBox is settle's page laid out (layBox).
func settleBox(f pageFrame, sections []box) box {
	page := layBox(f, sections)
	if white := whiteBoxUnder(page, f); white > maxWhiteUnder+0.5 {
		top := f.top() + white - maxWhiteUnder
		f.header.H = top - f.gap
		page = layBox(f, sections)
	}
	return page
}

// settled is page, laid out in frame f, settled (settle) when it leaves
// more than maxWhiteUnder under its last section: its sections built
// again (the same as the page's, so without error).
func settled(page box, f pageFrame, build func() []box) box {
	if whiteBoxUnder(page, f) <= maxWhiteUnder+0.5 {
		return page
	}
	return settleBox(f, slices.DeleteFunc(build(), box.empty))
}

// scalesDown lists body scales from hi down to lo in steps of about 4%,
// lo included.
func scalesDown(hi, lo float64) []float64 {
	var out []float64
	for s := hi; s > lo+1e-9; s *= 0.96 {
		out = append(out, s)
	}
	return append(out, lo)
}
