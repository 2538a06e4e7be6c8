package layout_test

import (
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
)

// TestStyles lays out every format that takes a style
// (format.StyledNames), in large print and in high contrast, for every
// audience in a set of languages (more under AWAREKIT_FULL=1), with no
// organisation and with one at every input limit, and holds the pages
// to the CNIB Clear Print rules the styles promise:
//
//   - large print: no text under 14 pt (largePrintSizes), and no
//     paragraph centred: the lines of a paragraph start at one edge, the
//     left in left-to-right text and the right in right-to-left
//     (alignedToReadingStart);
//   - both clear styles: no text over a fill other than white or over an
//     image (textOnWhite), every text at 7:1 or more against what is
//     under it (contrastAtLeast), the lines between parts and the panels'
//     frames thicker than the standard style's hairlines (thickRules);
//   - nothing dropped: every word the format carries is on the pages
//     (missing, as TestEveryFormatCarriesItsContent), and the hotline
//     number is still the largest text (hierarchy).
func TestStyles(t *testing.T) {
	t.Parallel()
	e := testEngine(t)
	long := longest(t)
	cases := []carriesCase{
		{name: "plain"},
		{name: "longest, tall logo, BC", org: long, logo: logoPNG(t, 100, 1200), province: "bc"},
	}
	// The sample languages: one of each script and direction, and the
	// ones whose words run longest. Quick: two audiences, no
	// organisation; full: every audience, and the organisation at every
	// limit in the first four languages (a sample, not a product: the
	// sweep stays a minute or two of CI).
	langs := []string{"en", "fr", "ar", "pa"}
	audiences := []string{"youth", "newcomers"}
	full := os.Getenv("AWAREKIT_FULL") != ""
	if full {
		langs = append(langs, "zh-Hans", "uk", "tl", "iu")
		audiences = e.AudienceIDs()
	} else {
		cases = cases[:1]
	}
	styled := format.StyledNames()
	if len(styled) == 0 {
		t.Fatal("no format takes a style")
	}
	for _, c := range cases {
		brand := c.brand(t)
		for _, style := range []layout.Style{layout.LargePrint, layout.HighContrast} {
			for _, fname := range styled {
				f, _ := format.ByName(fname)
				for _, a := range audiences {
					ls := langs
					if f.Bilingual != nil && style == layout.HighContrast {
						ls = append(slices.Clone(langs), "fr+en", "pa+en", "ar+en")
					}
					for li, l := range ls {
						if c.org.Name != "" && li >= 4 && !strings.Contains(l, "+") {
							continue
						}
						name := fmt.Sprintf("%s/%s/%s/%s/%s", c.name, style, fname, a, l)
						r, err := e.Resolve(generate.Job{Audience: a, Lang: l, Format: fname, Paper: "letter", Style: string(style), Province: c.province, AllowDraft: true})
						if err != nil {
							t.Errorf("%s: %v", name, err)
							continue
						}
						if e.Written([]generate.Resolved{r}) != nil {
							continue // a sector audience, written in English and French only
						}
						docs, err := docsOf(e, r, c.org, brand)
						if err != nil {
							t.Fatalf("%s: %v", name, err)
						}
						bilingual := len(docs) > 1
						ld, err := e.Layout(r, c.org, brand)
						if err != nil {
							t.Errorf("%s: %v", name, err)
							continue
						}
						carries := f.Carries
						if bilingual {
							carries = f.BilingualCarries
						}
						var problems []string
						problems = append(problems, missing(ld, docs, carries)...)
						for _, p := range hierarchy(ld, docs, fname, bilingual) {
							// hierarchy counts the organisation's name on a
							// flyer's one page; a large-print flyer has its
							// list on the next (orgNameOnce counts them all).
							if len(ld.Pages) == 1 || !strings.HasPrefix(p, "the organisation's name is printed") {
								problems = append(problems, p)
							}
						}
						if fname == "flyer" && !bilingual {
							problems = append(problems, orgNameOnce(ld, docs[0])...)
						}
						problems = append(problems, textOnWhite(ld)...)
						problems = append(problems, contrastAtLeast(ld, layout.MinContrastClear)...)
						problems = append(problems, thickRules(ld)...)
						if style == layout.LargePrint {
							problems = append(problems, largePrintSizes(ld, 14)...)
							problems = append(problems, alignedToReadingStart(ld, docs[0].Meta.RTL)...)
						}
						for _, p := range problems[:min(len(problems), 5)] {
							t.Errorf("%s: %s", name, p)
						}
					}
				}
			}
		}
	}
}

// textLines are the pages' text lines, each with what is drawn before
// it on its page.
func textLines(ld *layout.Document, each func(page int, below []layout.Element, e layout.Element)) {
	for pi, p := range ld.Pages {
		for i, e := range p.Elements {
			if e.Text != nil && len(e.Text.Line.Runs) > 0 && strings.TrimSpace(lineText(e.Text.Line)) != "" {
				each(pi+1, p.Elements[:i], e)
			}
		}
	}
}

// inkBox is where a text line's letters are: its advance from X, from
// its ascent above the baseline to its descent below, a little inset so
// that a line touching a rule's edge is not taken for a line over it.
func inkBox(tl *layout.TextLine) (x0, y0, x1, y1 float64) {
	const inset = 0.5
	top := tl.Y - tl.Line.Ascent
	return tl.X + inset, top + inset, tl.X + tl.Line.Width - inset, top + tl.Line.Height - inset
}

func overlaps(ax0, ay0, ax1, ay1, bx0, by0, bx1, by1 float64) bool {
	return ax0 < bx1 && bx0 < ax1 && ay0 < by1 && by0 < ay1
}

// textOnWhite lists text lines that have under any part of them a fill
// other than white, or an image.
func textOnWhite(ld *layout.Document) []string {
	var out []string
	textLines(ld, func(page int, below []layout.Element, e layout.Element) {
		x0, y0, x1, y1 := inkBox(e.Text)
		for _, b := range below {
			switch {
			case b.Rect != nil && b.Rect.Fill != doc.White:
				r := b.Rect
				if overlaps(x0, y0, x1, y1, r.X, r.Y, r.X+r.W, r.Y+r.H) {
					out = append(out, fmt.Sprintf("page %d: %q is over a fill of %v", page, lineText(e.Text.Line), r.Fill))
					return
				}
			case b.Image != nil:
				im := b.Image
				if overlaps(x0, y0, x1, y1, im.X, im.Y, im.X+im.W, im.Y+im.H) {
					out = append(out, fmt.Sprintf("page %d: %q is over an image", page, lineText(e.Text.Line)))
					return
				}
			}
		}
	})
	return out
}

// contrastAtLeast lists text lines below min:1 against what is under
// them (background, as TestTextReadsOnItsBackground).
func contrastAtLeast(ld *layout.Document, least float64) []string {
	var out []string
	textLines(ld, func(page int, below []layout.Element, e layout.Element) {
		back := background(below, e.Text)
		if c := doc.Contrast(e.Text.Color, back); c < least {
			out = append(out, fmt.Sprintf("page %d: %q in %v on %v: %.2f:1, below %.0f:1", page, lineText(e.Text.Line), e.Text.Color, back, c, least))
		}
	})
	return out
}

// largePrintSizes lists words and numbers set under least points. A run
// of punctuation alone (a full stop after Arabic, which typeset sizes
// to the Latin font beside it) is not read on its own.
func largePrintSizes(ld *layout.Document, least float64) []string {
	var out []string
	textLines(ld, func(page int, _ []layout.Element, e layout.Element) {
		for _, r := range e.Text.Line.Runs {
			if strings.ContainsFunc(r.Text, func(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }) && r.Size < least-0.01 {
				out = append(out, fmt.Sprintf("page %d: %q is %.1f pt, under %.0f", page, r.Text, r.Size, least))
				return
			}
		}
	})
	return out
}

// alignedToReadingStart lists paragraphs whose lines do not all start
// at one edge: the left in left-to-right text, the right (X + width) in
// right-to-left. A paragraph is the lines that share a tag; a centred
// or justified-looking paragraph of lines of different lengths fails. A
// phone number or an address (left to right in every language) is
// aligned as its own.
func alignedToReadingStart(ld *layout.Document, rtl bool) []string {
	var out []string
	for pi, p := range ld.Pages {
		type para struct {
			starts, ends []float64
			text         string
		}
		paras := map[*layout.Tag]*para{}
		var order []*layout.Tag
		for _, e := range p.Elements {
			if e.Text == nil || e.Tag == nil || strings.TrimSpace(lineText(e.Text.Line)) == "" {
				continue
			}
			pa := paras[e.Tag]
			if pa == nil {
				pa = &para{}
				paras[e.Tag] = pa
				order = append(order, e.Tag)
			}
			pa.starts = append(pa.starts, e.Text.X)
			pa.ends = append(pa.ends, e.Text.X+e.Text.Line.Width)
			pa.text += lineText(e.Text.Line) + " / "
		}
		for _, tag := range order {
			pa := paras[tag]
			if len(pa.starts) < 2 {
				continue
			}
			edge := pa.starts
			if rtl {
				edge = pa.ends
			}
			lo, hi := slices.Min(edge), slices.Max(edge)
			if hi-lo > 0.75 && !(rtl && math.Abs(slices.Min(pa.starts)-slices.Max(pa.starts)) <= 0.75) {
				out = append(out, fmt.Sprintf("page %d: the lines of %q do not start at one edge (%.1f to %.1f)", pi+1, pa.text, lo, hi))
			}
		}
	}
	return out
}

// thickRules lists lines between parts and panel frames thinner than a
// clear style draws them. Crop marks (black, 0.25 pt, outside the
// pieces) are the print shop's, not the reader's.
func thickRules(ld *layout.Document) []string {
	var out []string
	for pi, p := range ld.Pages {
		for _, e := range p.Elements {
			switch {
			case e.Rule != nil && !(e.Rule.Color == doc.Black && e.Rule.Width <= 0.25):
				if e.Rule.Width < 1 {
					out = append(out, fmt.Sprintf("page %d: a rule %.2f pt wide, under 1", pi+1, e.Rule.Width))
				}
				if c := doc.Contrast(e.Rule.Color, doc.White); c < 3 {
					out = append(out, fmt.Sprintf("page %d: a rule in %v at %.2f:1 on white, under 3:1", pi+1, e.Rule.Color, c))
				}
			case e.Rect != nil && e.Rect.Stroke != nil && e.Rect.StrokeWidth < 2:
				out = append(out, fmt.Sprintf("page %d: a frame %.2f pt wide, under 2", pi+1, e.Rect.StrokeWidth))
			}
		}
	}
	return out
}

// orgNameOnce checks over every page of a left-to-right flyer that the
// organisation's name is printed once in the header and once over its
// contacts, as hierarchy does on a one-page flyer.
func orgNameOnce(ld *layout.Document, d *doc.Document) []string {
	name := strings.ToLower(squash(d.Brand.OrgName))
	if name == "" || d.Meta.RTL {
		return nil
	}
	var text strings.Builder
	for _, p := range ld.Pages {
		for _, e := range p.Elements {
			if e.Text != nil {
				text.WriteString(lineText(e.Text.Line))
			}
		}
	}
	want := 1
	if d.Help.Local != nil {
		want = 2
	}
	if n := strings.Count(strings.ToLower(squash(text.String())), name); n != want {
		return []string{fmt.Sprintf("the organisation's name is printed %d times, want %d (the header and over its contacts)", n, want)}
	}
	return nil
}
