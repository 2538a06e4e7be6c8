package layout

import (
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
		var out []try
		for _, size := range scalesDown(maxBody, minBody) {
			for _, h := range b.headers {
				fr := f
				fr.header, fr.footer = h, b.footer
				out = append(out, try{frame: fr, scale: size})
			}
		}
		return out
	}
}

// fitPage builds the body of each try in turn and returns the page of
// the first whose sections fit between the header and the footer, with
// that try's scale. Tries are ordered from the roomiest (largest text)
// to the tightest, and a later one fits whenever an earlier one does,
// so the search halves the list instead of building every try: each try
// lays out the whole body, the largest part of making a page. The last
// section sits at the foot of the body (the help panel); what is left
// over goes between sections, up to twice the gap.
func fitPage(k *kit, tries []try, build func(try) []box) (Page, try, error) {
	if len(tries) == 0 {
		return Page{}, try{}, ErrDoesNotFit
	}
	type result struct {
		sections []box
		ok       bool
		need     float64
		wide     error // a number wider than its line (wideError)
	}
	cache := map[int]result{}
	attempt := func(i int) result {
		if r, ok := cache[i]; ok {
			return r
		}
		t := tries[i]
		sections := slices.DeleteFunc(build(t), box.empty)
		need := sectionsHeight(sections, t.frame.gap)
		wide := wideError(append(sections, t.frame.header, t.frame.footer)...)
		r := result{sections, need <= t.frame.bottom()-t.frame.top()+0.01 && wide == nil, need, wide}
		cache[i] = r
		return r
	}
	last := attempt(len(tries) - 1)
	if k.err != nil {
		return Page{}, try{}, k.err
	}
	if last.wide != nil {
		return Page{}, tries[len(tries)-1], last.wide
	}
	if !last.ok {
		t := tries[len(tries)-1]
		return Page{}, t, &FitError{Blocks: blocksOf(last.sections...), Need: last.need, Have: t.frame.bottom() - t.frame.top()}
	}
	lo, hi := 0, len(tries)-1 // hi fits
	for lo < hi {
		mid := (lo + hi) / 2
		r := attempt(mid)
		if k.err != nil {
			return Page{}, try{}, k.err
		}
		if r.ok {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	t, r := tries[hi], attempt(hi)
	return layPage(t.frame, r.sections), t, nil
}

// layPage puts the header, the sections and the footer on a page: the
// sections from the top of the body, the last one at its foot (or at
// most three gaps under the one before), the room left over shared
// between the gaps, up to twice the gap each.
func layPage(f pageFrame, sections []box) Page {
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
	return Page{Width: f.paper.Width, Height: f.paper.Height, Elements: page.elements()}
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
