package layout

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/awarekit/awarekit/audiences"
	"github.com/awarekit/awarekit/locales"
	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/profile"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

const hotline = "1-833-900-1010"

// inked is where a text line's glyphs are on the page: from 0.8 of the
// size above the baseline to 0.2 below, turned with the line.
type inked struct {
	text           string
	x0, y0, x1, y1 float64
	size           float64
	visual         float64 // the size of Latin the line looks like (typeset.Typesetter.RunOptical)
	rotate         float64
}

// opticalSetter measures runs' optical factors in tests: they depend on
// the runs' fonts and the base family alone.
var opticalSetter = sync.OnceValue(func() *typeset.Typesetter {
	fonts, err := typeset.EmbeddedFonts(nil)
	if err != nil {
		panic(err)
	}
	return typeset.New(fonts)
})

// opticalMu guards opticalSetter, which tests running in parallel share:
// a typesetter is not safe for concurrent use.
var opticalMu sync.Mutex

// runOptical is opticalSetter's optical factor of r.
func runOptical(r typeset.Run) float64 {
	opticalMu.Lock()
	defer opticalMu.Unlock()
	return opticalSetter().RunOptical(r)
}

// lineVisual is the size of Latin a line looks like: its runs of
// letters' (the punctuation among them is set at their size), or its
// largest run's when it has no letters (a phone number).
func lineVisual(l typeset.Line) float64 {
	letters, all := 0.0, 0.0
	for _, r := range l.Runs {
		all = max(all, r.Size)
		if strings.ContainsFunc(r.Text, unicode.IsLetter) {
			letters = max(letters, r.Size/runOptical(r))
		}
	}
	if letters > 0 {
		return letters
	}
	return all
}

// OpticalSetter and LineVisual are opticalSetter and lineVisual, for
// the tests of package layout_test.
var (
	OpticalSetter = opticalSetter
	LineVisual    = lineVisual
)

func inkedLines(p Page) []inked {
	var out []inked
	for _, e := range p.Elements {
		t := e.Text
		if t == nil || len(t.Line.Runs) == 0 {
			continue
		}
		var sb strings.Builder
		size := 0.0
		for _, r := range t.Line.Runs {
			sb.WriteString(r.Text)
			size = max(size, r.Size)
		}
		b := inked{text: sb.String(), size: size, visual: lineVisual(t.Line), rotate: t.Rotate}
		switch t.Rotate {
		case 0:
			b.x0, b.x1, b.y0, b.y1 = t.X, t.X+t.Line.Width, t.Y-0.8*size, t.Y+0.2*size
		case 90:
			b.x0, b.x1, b.y0, b.y1 = t.X-0.8*size, t.X+0.2*size, t.Y-t.Line.Width, t.Y
		default:
			panic(fmt.Sprintf("no test for text turned %v°", t.Rotate))
		}
		out = append(out, b)
	}
	return out
}

func (b inked) in(x Box) bool {
	const eps = 0.01
	return b.x0 >= x.X-eps && b.y0 >= x.Y-eps && b.x1 <= x.X+x.W+eps && b.y1 <= x.Y+x.H+eps
}

func (b inked) overlaps(c inked) bool {
	return b.x0 < c.x1-0.5 && c.x0 < b.x1-0.5 && b.y0 < c.y1-0.5 && c.y0 < b.y1-0.5
}

type fixture struct {
	lib *content.Library
	ts  *typeset.Typesetter
}

// newFixture gives the content and a typesetter of its own over the
// fonts; the content and fonts are loaded once for the tests (they do
// not change once loaded).
func newFixture(t *testing.T) fixture {
	t.Helper()
	lib, err := fixtureContent()
	if err != nil {
		t.Fatal(err)
	}
	fonts, err := fixtureFonts()
	if err != nil {
		t.Fatal(err)
	}
	return fixture{lib, typeset.New(fonts)}
}

var (
	fixtureContent = sync.OnceValues(func() (*content.Library, error) { return content.Load(audiences.FS, locales.FS) })
	fixtureFonts   = sync.OnceValues(func() (*typeset.Fonts, error) {
		fam, err := typeset.Embedded()
		if err != nil {
			return nil, err
		}
		return typeset.NewFonts(fam, nil)
	})
)

var testOrgs = []struct {
	name string
	org  profile.Organisation
}{
	{"no organisation", profile.Organisation{}},
	{"long organisation", profile.Organisation{Name: "Riverside Settlement Services and Community Legal Clinic", Phone: "604-555-0134"}},
}

// each runs f for every organisation, audience, language and paper
// under AWAREKIT_FULL=1, for a sample of them that meets every language,
// organisation and paper and every audience otherwise (Cases).
func (fx fixture) each(t *testing.T, f func(t *testing.T, d *doc.Document, paper Paper)) {
	for _, c := range Cases(fx.lib, len(testOrgs)) {
		o := testOrgs[c.Org]
		t.Run(fmt.Sprintf("%s/%s/%s/%s", o.name, c.Audience, c.Lang, c.Paper), func(t *testing.T) {
			brand, err := o.org.Brand()
			if err != nil {
				t.Fatal(err)
			}
			d, err := fx.lib.Assemble(content.Request{Audience: c.Audience, Lang: c.Lang, Org: o.org, Brand: brand, AllowDraft: true})
			if err != nil {
				t.Fatal(err)
			}
			paper, _ := PaperByName(c.Paper)
			f(t, d, paper)
		})
	}
}

// checkSheet checks an imposed page: every line inside one piece's trim,
// clear of the cut by at least pad, no line over another, nothing below
// minText; and it returns which pieces contain want.
func checkSheet(t *testing.T, p Page, s sheet, pad, minText float64, want string) (withWant int) {
	t.Helper()
	lines := inkedLines(p)
	found := map[int]bool{}
	for i, b := range lines {
		cell := -1
		for r := range s.rows {
			for c := range s.cols {
				x := s.cell(c, r)
				if b.in(Box{X: x.X + pad, Y: x.Y + pad, W: x.W - 2*pad, H: x.H - 2*pad}) {
					cell = r*s.cols + c
				}
			}
		}
		if cell < 0 {
			t.Errorf("%q (%.1f…%.1f, %.1f…%.1f) is not inside one card, %.0f pt from its edges", b.text, b.x0, b.x1, b.y0, b.y1, pad)
			continue
		}
		if b.size < minText-0.01 {
			t.Errorf("%q is set at %.1f pt, below %.1f", b.text, b.size, minText)
		}
		if want != "" && strings.Contains(b.text, want) {
			found[cell] = true
		}
		for _, c := range lines[i+1:] {
			if b.overlaps(c) {
				t.Errorf("%q overlaps %q", b.text, c.text)
			}
		}
	}
	return len(found)
}

func largest(p Page, substr string) float64 {
	size := 0.0
	for _, b := range inkedLines(p) {
		if strings.Contains(b.text, substr) {
			size = max(size, b.size)
		}
	}
	return size
}

// TestCardsEveryLanguage lays out wallet cards for every audience,
// language and paper: 10 on Letter, 8 on A4, each front with the hotline
// at 14 pt or more, each back with the closing line, all text inside its
// card.
func TestCardsEveryLanguage(t *testing.T) {
	t.Parallel()
	fx := newFixture(t)
	fx.each(t, func(t *testing.T, d *doc.Document, paper Paper) {
		ld, err := Cards(fx.ts, d, Options{Paper: paper})
		if err != nil {
			t.Fatal(err)
		}
		s, _ := sheetFor(walletCards, paper, PrintOptions{})
		want := map[string]int{"letter": 10, "a4": 8}[paper.Name]
		if n := s.cols * s.rows; n != want {
			t.Fatalf("%d cards on %s, want %d", n, paper.Name, want)
		}
		if len(ld.Pages) != 2 {
			t.Fatalf("%d pages, want 2", len(ld.Pages))
		}
		for _, p := range ld.Pages {
			if p.Width != paper.Width || p.Height != paper.Height {
				t.Errorf("page is %.2f×%.2f, want %s", p.Width, p.Height, paper.Name)
			}
		}
		if n := checkSheet(t, ld.Pages[0], s, cardSafe, minSize, hotline); n != want {
			t.Errorf("the hotline is on %d fronts, want %d", n, want)
		}
		if size := largest(ld.Pages[0], hotline); size < 14 {
			t.Errorf("the hotline number is %.1f pt, want at least 14", size)
		}
		closing := strings.Fields(d.Labels.CardsBack)[0]
		if n := checkSheet(t, ld.Pages[1], s, cardSafe, 7, closing); n != want {
			t.Errorf("%q is on %d backs, want %d", closing, n, want)
		}
	})
}

// TestSafetyCardEveryLanguage lays out the discreet card for every
// audience, language and paper: the front says nothing about the hotline
// or trafficking; the inside has the number on every card.
func TestSafetyCardEveryLanguage(t *testing.T) {
	fx := newFixture(t)
	fx.each(t, func(t *testing.T, d *doc.Document, paper Paper) {
		ld, err := SafetyCard(fx.ts, d, Options{Paper: paper})
		if err != nil {
			t.Fatal(err)
		}
		s, _ := sheetFor(safetyCards, paper, PrintOptions{})
		if len(ld.Pages) != 2 {
			t.Fatalf("%d pages, want 2", len(ld.Pages))
		}
		front := inkedLines(ld.Pages[0])
		allowed := d.Safety.FrontTitle + "\n" + d.Safety.FrontText
		for _, b := range front {
			if !strings.Contains(strings.ReplaceAll(allowed, "\n", " "), strings.TrimSpace(b.text)) {
				t.Errorf("the front says %q, which is not the neutral front text", b.text)
			}
			for _, bad := range []string{hotline, "911", d.Help.Hotline.Name, d.Brand.OrgName, "traffick", "traite"} {
				if bad != "" && strings.Contains(strings.ToLower(b.text), strings.ToLower(bad)) {
					t.Errorf("the front shows %q", bad)
				}
			}
		}
		checkSheet(t, ld.Pages[0], s, cardSafe, minSize, "")
		n := s.cols * s.rows
		if got := checkSheet(t, ld.Pages[1], s, cardSafe, 7, hotline); got != n {
			t.Errorf("the hotline is inside %d cards, want %d", got, n)
		}
		if size := largest(ld.Pages[1], hotline); size < 16 {
			t.Errorf("the hotline number is %.1f pt, want at least 16", size)
		}
	})
}

// TestTearoffEveryLanguage lays out the tear-off flyer for every
// audience, language and paper: 8 to 10 tabs in a strip at the foot, each
// with the number and the label inside it, 6 mm or more from the sheet's
// edges, and the rest of the text above the strip.
func TestTearoffEveryLanguage(t *testing.T) {
	t.Parallel()
	fx := newFixture(t)
	fx.each(t, func(t *testing.T, d *doc.Document, paper Paper) {
		ld, err := Tearoff(fx.ts, d, Options{Paper: paper})
		if err != nil {
			t.Fatal(err)
		}
		if len(ld.Pages) != 1 {
			t.Fatalf("%d pages, want 1", len(ld.Pages))
		}
		p := ld.Pages[0]
		// The strip starts at its dashed top line, across the sheet.
		stripTop := 0.0
		for _, e := range p.Elements {
			if r := e.Rule; r != nil && r.Dash != nil && r.Y1 == r.Y2 {
				stripTop = r.Y1
			}
		}
		if stripTop < p.Height*0.7 {
			t.Fatalf("the strip starts %.0f pt from the top, above 70%% of the sheet", stripTop)
		}
		lines := inkedLines(p)
		tabs := 0
		for _, b := range lines {
			if b.rotate != 0 && strings.Contains(b.text, hotline) {
				tabs++
			}
		}
		if tabs < 8 || tabs > 10 {
			t.Fatalf("%d tabs, want 8 to 10", tabs)
		}
		// The tabs lie between the sheet's 6 mm margins, their text 6 mm
		// or more from every edge.
		tabW := (p.Width - 2*tabEdge) / float64(tabs)
		numbers, labels := map[int]bool{}, map[int]bool{}
		for i, b := range lines {
			if b.size < minSize-0.01 {
				t.Errorf("%q is set at %.1f pt, below %.0f", b.text, b.size, minSize)
			}
			if b.rotate == 0 {
				if b.text == "✂" && b.y0 < stripTop && b.y1 > stripTop {
					continue // the scissors sit on the strip's top line
				}
				if !b.in(Box{W: p.Width, H: stripTop}) {
					t.Errorf("%q runs into the tab strip or off the page: %+v", b.text, b)
				}
				for _, c := range lines[i+1:] {
					if c.rotate == 0 && b.overlaps(c) {
						t.Errorf("%q overlaps %q", b.text, c.text)
					}
				}
				continue
			}
			tab := int(math.Floor(((b.x0+b.x1)/2 - tabEdge) / tabW))
			cell := Box{X: tabEdge + float64(tab)*tabW + 2, Y: stripTop + 4, W: tabW - 4, H: p.Height - stripTop - 4 - tabEdge}
			if !b.in(cell) {
				t.Errorf("%q is not inside tab %d: %+v", b.text, tab, b)
			}
			if strings.Contains(b.text, hotline) {
				numbers[tab] = true
				if b.size < 12 {
					t.Errorf("the number on tab %d is %.1f pt, want at least 12", tab, b.size)
				}
			} else {
				labels[tab] = true
			}
		}
		if len(numbers) != tabs || len(labels) != tabs {
			t.Errorf("%d tabs, %d with the number, %d with the label", tabs, len(numbers), len(labels))
		}
		if size := largest(p, hotline); size < 20 {
			t.Errorf("the hotline number above the tabs is %.1f pt, want at least 20", size)
		}
	})
}

// crosses reports whether a line enters the inside of b.
func crosses(r Rule, b Box) bool {
	x0, x1 := min(r.X1, r.X2), max(r.X1, r.X2)
	y0, y1 := min(r.Y1, r.Y2), max(r.Y1, r.Y2)
	return x0 < b.X+b.W && x1 > b.X && y0 < b.Y+b.H && y1 > b.Y
}

// TestCardsDuplex checks that the back of each card is printed behind
// it when the sheet is flipped on its long edge: the grid is symmetric
// about the sheet's vertical centre line, so column c's mirror is column
// cols-1-c.
func TestCardsDuplex(t *testing.T) {
	for _, specs := range []map[string]sheetSpec{walletCards, safetyCards, scenarioCards} {
		for _, name := range PaperNames {
			paper, _ := PaperByName(name)
			for _, po := range []PrintOptions{{}, {Bleed: 3 * PointsPerMM, CropMarks: true}} {
				s, err := sheetFor(specs, paper, po)
				if err != nil {
					t.Fatal(err)
				}
				for r := range s.rows {
					for c := range s.cols {
						front, back := s.cell(c, r), s.cell(s.cols-1-c, r)
						if math.Abs((s.media.Width-front.X-front.W)-back.X) > 0.01 {
							t.Errorf("%s: card %d,%d at x=%.2f, its back at x=%.2f does not line up", name, c, r, front.X, back.X)
						}
					}
				}
			}
		}
	}
}

// TestMirrored lays out the card formats for a right-to-left document
// and checks that what sits at the reading start moves to the right.
func TestMirrored(t *testing.T) {
	fx := newFixture(t)
	d, err := fx.lib.Assemble(content.Request{Audience: "youth", Lang: "en", AllowDraft: true})
	if err != nil {
		t.Fatal(err)
	}
	d.Meta.RTL = true
	paper := Papers["letter"]

	sc, err := SafetyCard(fx.ts, d, Options{Paper: paper})
	if err != nil {
		t.Fatal(err)
	}
	s, _ := sheetFor(safetyCards, paper, PrintOptions{})
	for _, e := range sc.Pages[0].Elements {
		r := e.Rect
		if r == nil || r.Radius == 0 {
			continue
		}
		for col := range s.cols {
			cell := s.cell(col, 0)
			if r.X >= cell.X && r.X < cell.X+cell.W && r.Y < cell.Y+cell.H && r.X > cell.X+cell.W/2 {
				t.Errorf("the sun is on the right of a right-to-left card: %+v", *r)
			}
		}
	}

	cards, err := Cards(fx.ts, d, Options{Paper: paper})
	if err != nil {
		t.Fatal(err)
	}
	ws, _ := sheetFor(walletCards, paper, PrintOptions{})
	back := ws.cell(0, 0)
	for _, b := range inkedLines(cards.Pages[1]) {
		if strings.Contains(b.text, "1-800-668-6868") && b.in(back) && b.x0 > back.X+back.W/2 {
			t.Errorf("a contact's number is at the reading start's end: %+v", b)
		}
	}
}
