package layout_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/profile"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// maxGapAbovePanel is the most white space a page leaves above its help
// panel (or the hotline box of a bilingual flyer's front), by format: a
// designer saw a flyer with 1.5 inches of nothing over its hotline box
// and a poster with 2 inches over its help panel. A flyer and a
// tear-off at most five eighths of an inch, a handout two thirds (three
// of the 16 pt between its back's sections), a poster three quarters.
var maxGapAbovePanel = map[string]float64{"flyer": 45, "handout": 48, "tearoff": 45, "poster": 54}

// maxGapBelowPanel is the most white space any page of a flyer,
// handout, tear-off or poster, in one language or two, leaves between
// its help panel and what is under it (the footer, the tabs), by
// format: a designer saw a flyer with short text leave 90 pt to 2
// inches there, the body at its largest size and the panel following
// it, a two-language flyer's back 265 pt under a panel that followed a
// row or two, a poster in Chinese a third of its sheet, and a handout's
// last page a panel alone over 450 pt of white. Three quarters of an
// inch on a flyer and a handout, on a tear-off the footer's own room
// over the tabs, on a poster an inch (its sheet is half as tall again
// as a flyer's, read from further away). A page whose text cannot grow
// any more puts what white is left over its text, under the band
// (settle), not under its panel.
var maxGapBelowPanel = map[string]float64{"flyer": 54, "handout": 54, "tearoff": 60, "poster": 72}

// bottom is where an element's ink ends, down the page.
func bottom(e layout.Element) (float64, bool) {
	switch {
	case e.Text != nil:
		return e.Text.Y - e.Text.Line.Ascent + e.Text.Line.Height, true
	case e.Rect != nil:
		return e.Rect.Y + e.Rect.H, true
	case e.Image != nil:
		return e.Image.Y + e.Image.H, true
	case e.QR != nil:
		return e.QR.Y + e.QR.Module*float64(len(e.QR.Bits)), true
	}
	return 0, false
}

// gapAbovePanel is the white space between the help panel (the box
// around the hotline number) and what is above it on page p; false when
// the page has no panel.
func gapAbovePanel(p layout.Page, phone string) (float64, bool) {
	panel, ok := helpPanel(p, phone)
	if !ok {
		return 0, false
	}
	above := 0.0
	for _, e := range p.Elements {
		if b, ok := bottom(e); ok && b <= panel.Y+0.5 {
			above = max(above, b)
		}
	}
	return panel.Y - above, true
}

// helpPanel is the box around the hotline number (phone, at its largest)
// on page p; false when the page has none.
func helpPanel(p layout.Page, phone string) (*layout.Rect, bool) {
	var number *layout.TextLine
	for _, e := range p.Elements {
		if e.Text != nil && strings.Contains(squash(runsText(e.Text.Line.Runs)), squash(phone)) && (number == nil || e.Text.Line.Runs[0].Size > number.Line.Runs[0].Size) {
			number = e.Text
		}
	}
	if number == nil {
		return nil, false
	}
	var panel *layout.Rect
	for _, e := range p.Elements {
		r := e.Rect
		if r == nil || r.Stroke == nil || number.X < r.X || number.X > r.X+r.W || number.Y < r.Y || number.Y > r.Y+r.H {
			continue
		}
		if panel == nil || r.H < panel.H {
			panel = r
		}
	}
	return panel, panel != nil
}

// top is where an element's ink starts, down the page.
func top(e layout.Element) (float64, bool) {
	switch {
	case e.Text != nil:
		return e.Text.Y - e.Text.Line.Ascent, true
	case e.Rect != nil:
		return e.Rect.Y, true
	case e.Rule != nil:
		return min(e.Rule.Y1, e.Rule.Y2), true
	case e.Image != nil:
		return e.Image.Y, true
	case e.QR != nil:
		return e.QR.Y, true
	}
	return 0, false
}

// gapBelowPanel is the white space between the help panel of page p
// and what is under it (the footer, a tear-off's tabs), or the page's
// foot; false when the page has no panel.
func gapBelowPanel(p layout.Page, phone string) (float64, bool) {
	panel, ok := helpPanel(p, phone)
	if !ok {
		return 0, false
	}
	end := panel.Y + panel.H
	under := p.Height
	for _, e := range p.Elements {
		if t, ok := top(e); ok && t >= end-0.5 {
			under = min(under, t)
		}
	}
	return under - end, true
}

// written reports whether the audience of r is written in each of its
// languages (the sector audiences are not, in most).
func written(e *generate.Engine, r generate.Resolved, org profile.Organisation, brand doc.Brand) bool {
	_, err := docsOf(e, r, org, brand)
	return err == nil
}

func runsText(runs []typeset.Run) string {
	var sb strings.Builder
	for _, r := range runs {
		sb.WriteString(r.Text)
	}
	return sb.String()
}

// TestNoGapAboveHelpPanel lays out the flyer, the handout, the tear-off
// and the poster, in one language and in two, for every audience in a
// set of languages (every language, on Letter and A4, under
// AWAREKIT_FULL=1), plain and with the longest organisation (in the
// quick run the two take turns: each format, audience and language
// with one, each format and language with both), and checks
// that no page leaves more than maxGapAbovePanel of white above its
// help panel (the text grows to fill the page, or the panel follows it),
// and that no page leaves more than maxGapBelowPanel under it (short
// text breathes: breathe; a back page's few rows and a handout's last
// page are set larger; what is left goes over the text: settle).
func TestNoGapAboveHelpPanel(t *testing.T) {
	t.Parallel()
	e := testEngine(t)
	langs := []string{"en", "fr", "pa", "ar", "zh-Hans", "fr+en", "pa+en", "ar+en", "zh-Hans+en"}
	papers := []string{"letter"}
	if os.Getenv("AWAREKIT_FULL") != "" {
		papers = layout.PaperNames
		langs = e.Languages()
		for _, l := range e.Languages() {
			if l != "en" {
				langs = append(langs, l+"+en")
			}
		}
	}
	long := longest(t)
	longBrand, err := long.Brand()
	if err != nil {
		t.Fatal(err)
	}
	orgs := []struct {
		name  string
		org   profile.Organisation
		brand doc.Brand
	}{{"plain", profile.Organisation{}, doc.Brand{}}, {"longest", long, longBrand}}
	full := os.Getenv("AWAREKIT_FULL") != ""
	for fi, f := range []string{"flyer", "handout", "tearoff", "poster"} {
		for ai, a := range e.AudienceIDs() {
			for li, l := range langs {
				for oi, o := range orgs {
					if !full && (fi+ai+li)%len(orgs) != oi {
						// Quick: the two take turns. Every page that comes
						// closest to a limit in the whole set (the handout's
						// at 0 pt above, the flyer's 3 pt and the poster's
						// 6 pt under it) is still laid out.
						continue
					}
					for _, paper := range papers {
						name := fmt.Sprintf("%s/%s/%s/%s/%s", f, a, l, o.name, paper)
						r, err := e.Resolve(generate.Job{Audience: a, Lang: l, Format: f, Paper: paper, AllowDraft: true})
						if err != nil {
							continue
						}
						if !written(e, r, o.org, o.brand) {
							continue
						}
						ld, err := e.Layout(r, o.org, o.brand)
						if err != nil {
							t.Errorf("%s: %v", name, err)
							continue
						}
						for i, p := range ld.Pages {
							// To half a point: layPage puts a panel three gaps
							// (48 pt) under the text at most, which a page
							// settled lower measures as 48.0x.
							gap, ok := gapAbovePanel(p, "1-833-900-1010")
							if ok && gap > maxGapAbovePanel[f]+0.5 {
								t.Errorf("%s: page %d leaves %.0f pt of white above its help panel, more than %.0f", name, i+1, gap, maxGapAbovePanel[f])
							}
							if below, ok := gapBelowPanel(p, "1-833-900-1010"); ok && below > maxGapBelowPanel[f]+0.5 {
								t.Errorf("%s: page %d of %d leaves %.0f pt of white below its help panel, more than %.0f", name, i+1, len(ld.Pages), below, maxGapBelowPanel[f])
							}
						}
					}
				}
			}
		}
	}
}
