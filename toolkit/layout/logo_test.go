package layout_test

import (
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// logoShape is a logo the logo tests print: w × h pixels.
type logoShape struct {
	name string
	w, h int
}

// extremeLogos are the shapes a user may give: very wide, very tall,
// one pixel, square, wide enough that only a 10 mm height keeps it in
// the band, and the shapes at the edges of what prints 10 mm: 8.4 times
// wider than tall (a little wider than a handout's strip on A4 holds
// 10 mm tall beside two draft lines), 2.2 times taller than wide
// (in a band, 10 mm wide only if a compact band is as tall as the full
// one) and 3 times (10 mm wide only standing in the strip); and 7 times
// wider than tall, in the strip with the footer's words beside it as
// wide as they were set.
var extremeLogos = []logoShape{{"wide.png", 3000, 60}, {"tall.png", 60, 3000}, {"dot.png", 1, 1}, {"square.png", 300, 300}, {"five.png", 500, 100},
	{"eight.png", 840, 100}, {"lanky.png", 100, 220}, {"stacked.png", 100, 300}, {"seven.png", 700, 100}}

// TestLogosPrintAtAReadableSize lays out every page format (the
// workshop kit's pages too) with the organisation at every input limit
// (a 100-character name) and each extreme logo, on A4 (the narrowest
// strip), and checks over the laid-out pages: every format whose budget
// carries the logo prints it; it is never stretched; its smaller side
// is at least 10 mm on a printed page unless LogoWarnings tells the
// operator it is too small to read; a logo too wide for the band, or
// is in the strip at the page's foot, under the body, on a page with a
// footer (a very tall one is there where the page has room:
// TestTallLogoStandsInTheStrip), the footer's words beside it on the
// page; a logo never covers
// text or a QR code; and the body stays at 11 pt or more on a flyer and
// a handout's front, the hotline number the largest text (hierarchy).
// Quick: the flyer, handout (in a draft language: two footer lines),
// tear-off, poster, guide, quiz and two-language sign-in sheet for one
// audience, with the shapes that leave the least room; AWAREKIT_FULL=1:
// every logo, every page format × audience × a set of languages and
// pairs.
func TestLogosPrintAtAReadableSize(t *testing.T) {
	t.Parallel()
	e := testEngine(t)
	org := longest(t)
	// Quick: the shapes that leave the least room, on a sample of
	// formats and languages, one of them right to left, one bilingual.
	type job struct{ format, lang string }
	shapes := []logoShape{extremeLogos[0], extremeLogos[1], extremeLogos[4], extremeLogos[5], extremeLogos[6], extremeLogos[7], extremeLogos[8]}
	jobs := []job{{"flyer", "en"}, {"flyer", "fr+en"}, {"handout", "pa"}, {"tearoff", "ar"}, {"poster", "en"}, {"guide", "en"}, {"quiz", "en"}, {"signin", "fr+en"}}
	audiences := []string{"youth"}
	if os.Getenv("AWAREKIT_FULL") != "" {
		shapes, jobs = extremeLogos, nil
		for _, f := range format.Formats {
			if !f.Paged() {
				continue
			}
			for _, l := range []string{"en", "fr", "pa", "ar", "zh-Hans", "uk", "fr+en", "pa+en", "ar+en", "zh-Hans+en"} {
				jobs = append(jobs, job{f.Name, l})
			}
		}
		audiences = e.AudienceIDs()
	}
	for _, shape := range shapes {
		brand, err := org.Brand()
		if err != nil {
			t.Fatal(err)
		}
		if brand.Logo, err = profile.DecodeLogo(shape.name, logoPNG(t, shape.w, shape.h)); err != nil {
			t.Fatal(err)
		}
		warned := len(layout.LogoWarnings(shape.name, brand.Logo)) > 0
		for _, j := range jobs {
			for _, a := range audiences {
				{
					fname, l := j.format, j.lang
					name := fmt.Sprintf("%s/%s/%s/%s", shape.name, fname, a, l)
					r, err := e.Resolve(generate.Job{Audience: a, Lang: l, Format: fname, Paper: "a4", AllowDraft: true})
					var be *generate.BilingualError
					if errors.As(err, &be) {
						continue // a format with no two-language form
					}
					if err != nil {
						t.Logf("%s: %v", name, err)
						continue // a combination the engine refuses on purpose (a kit in a language not written)
					}
					ld, err := e.Layout(r, org, brand)
					var fe *layout.FitError
					if errors.As(err, &fe) && r.Format.Carries.Compact {
						continue // a wallet card may refuse, naming what to shorten (TestEveryFormatCarriesItsContent)
					}
					var incomplete *content.IncompleteError
					if errors.As(err, &incomplete) {
						continue // an audience not written in the language
					}
					if err != nil {
						t.Errorf("%s: %v", name, err)
						continue
					}
					carries := r.Format.Carries
					if r.Second != "" {
						carries = r.Format.BilingualCarries
					}
					foot := fname == "flyer" || fname == "handout" || fname == "poster" || fname == "tearoff"
					for _, msg := range logoProblems(ld, brand.Logo, carries.Has(doc.PartLogo), r.Format.Screen, foot, warned) {
						t.Errorf("%s: %s", name, msg)
					}
					if foot {
						docs, err := docsOf(e, r, org, brand)
						if err != nil {
							t.Fatal(err)
						}
						for _, msg := range hierarchy(ld, docs, fname, r.Second != "") {
							t.Errorf("%s: %s", name, msg)
						}
					}
				}
			}
		}
	}
}

// TestTallLogoStandsInTheStrip lays out the one-language pages with a
// footer (flyer, handout, tear-off, poster) for an organisation with a
// stacked logo three times taller than wide, which a flyer's band
// prints only 7.8 mm wide, and checks that where the page has room it
// stands in the strip at the page's foot, 10 mm wide (on a poster the
// band holds it 14 mm wide), and that it takes little room from the
// body: the signs print at least 88% of the size they have with a logo
// as tall in the band (fitBranded).
func TestTallLogoStandsInTheStrip(t *testing.T) {
	e := testEngine(t)
	org := profile.Organisation{Name: "Riverside Settlement Services"}
	stacked, err := org.Brand()
	if err != nil {
		t.Fatal(err)
	}
	if stacked.Logo, err = profile.DecodeLogo("stacked.png", logoPNG(t, 300, 900)); err != nil {
		t.Fatal(err)
	}
	// lanky stands in the band as tall as the stacked logo would there
	// (66 pt),
	// a little wider: its page's body is no larger than the stacked
	// logo's with the logo in the band.
	lanky := stacked
	if lanky.Logo, err = profile.DecodeLogo("lanky.png", logoPNG(t, 300, 698)); err != nil {
		t.Fatal(err)
	}
	signSize := func(ld *layout.Document) float64 {
		for _, e := range ld.Pages[0].Elements {
			if e.Text != nil && e.Tag.BlockOf() == doc.PartSigns && len(e.Text.Line.Runs) > 0 {
				return e.Text.Line.Runs[0].Size
			}
		}
		return 0
	}
	for _, f := range []string{"flyer", "handout", "tearoff", "poster"} {
		for _, l := range []string{"en", "ar"} {
			name := f + "/" + l
			r, err := e.Resolve(generate.Job{Audience: "youth", Lang: l, Format: f, Paper: "letter", AllowDraft: true})
			if err != nil {
				t.Fatal(err)
			}
			ld, err := e.Layout(r, org, stacked)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			ref, err := e.Layout(r, org, lanky)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			p := ld.Pages[0]
			var logo *layout.Image
			for _, e := range p.Elements {
				if e.Image != nil {
					logo = e.Image
				}
			}
			switch {
			case logo == nil:
				t.Errorf("%s: no logo", name)
			case f == "poster" && logo.W < 10*layout.PointsPerMM-0.01:
				t.Errorf("%s: the logo is %.1f mm wide, under 10 mm", name, logo.W/layout.PointsPerMM)
			case f != "poster" && logo.Y < p.Height/2:
				t.Errorf("%s: the logo (%.1f × %.1f pt at %.0f, %.0f) is in the band, not standing in the strip at the page's foot", name, logo.W, logo.H, logo.X, logo.Y)
			case logo.W < 10*layout.PointsPerMM-0.01:
				t.Errorf("%s: the logo is %.1f mm wide in the strip, under 10 mm", name, logo.W/layout.PointsPerMM)
			}
			if got, want := signSize(ld), signSize(ref); got < want*0.88-0.01 {
				t.Errorf("%s: the signs print at %.2f pt with the logo in the strip, %.2f with a logo as tall in the band: the strip took the body's room", name, got, want)
			}
		}
	}
}

// logoProblems checks the logos of ld (of img) as
// TestLogosPrintAtAReadableSize says; foot is set for a page with a
// footer, where a strip logo goes.
func logoProblems(ld *layout.Document, img *doc.Image, carries, screen, foot, warned bool) []string {
	var out []string
	const minH = 10 * layout.PointsPerMM
	n := 0
	ratio := float64(img.Width) / float64(img.Height)
	for pi, p := range ld.Pages {
		boxes := lineBoxes(p)
		for _, e := range p.Elements {
			// The footer's words beside the strip stay on the page (on
			// a right-to-left page they ran off its right edge).
			if t := e.Text; t != nil && t.Rotate == 0 && (t.X < -0.5 || t.X+t.Line.Width > p.Width+0.5) {
				out = append(out, fmt.Sprintf("page %d: %q runs off the page (x %.0f to %.0f of %.0f)", pi+1, runsText(t.Line.Runs), t.X, t.X+t.Line.Width, p.Width))
			}
		}
		for _, e := range p.Elements {
			if e.Image == nil {
				continue
			}
			n++
			im := e.Image
			where := fmt.Sprintf("page %d: the logo (%.1f × %.1f pt at %.0f, %.0f)", pi+1, im.W, im.H, im.X, im.Y)
			// LogoPixels keeps the pixels of the largest print: no page
			// prints a logo larger (in a social image, a pixel a unit).
			need := im.W / 72 * layout.LogoDPI
			if screen {
				need = im.W
			}
			if most, _ := layout.LogoPixels(img.Width*1000, img.Height*1000); need > float64(most)+1 {
				out = append(out, fmt.Sprintf("%s needs %.0f pixels across, more than LogoPixels keeps (%d)", where, need, most))
			}
			if got := im.W / im.H; math.Abs(got/ratio-1) > 0.01 {
				out = append(out, fmt.Sprintf("%s is stretched: %.3f wide for 1 tall, the image %.3f", where, got, ratio))
			}
			if side := min(im.W, im.H); !screen && side < minH-0.01 && !warned {
				out = append(out, fmt.Sprintf("%s is %.1f mm on its smaller side, under 10 mm, and LogoWarnings does not say so", where, side/layout.PointsPerMM))
			}
			if !screen && ratio > 20 {
				// In a strip: at the page's foot beside the footer's
				// words where the page has a footer, else on a line of
				// its own.
				if foot && im.Y < p.Height/2 {
					out = append(out, fmt.Sprintf("%s is too wide for the band but not in the strip at the page's foot", where))
				}
				for _, t := range p.Elements {
					if t.Text == nil || t.Text.Rotate != 0 || len(t.Text.Line.Runs) == 0 {
						continue
					}
					top := t.Text.Y - t.Text.Line.Ascent
					if top < im.Y+im.H && im.Y < top+t.Text.Line.Height && !(foot && t.Tag.BlockOf() == doc.PartFooter) {
						out = append(out, fmt.Sprintf("%s is too wide for the band but shares a line with %q (%s), not in the strip", where, t.Text.Line.Runs[0].Text, t.Tag.BlockOf()))
						break
					}
				}
			}
			for _, b := range boxes {
				if b.text != "" && b.x0 < im.X+im.W && im.X < b.x1 && b.y0 < im.Y+im.H && im.Y < b.y1 {
					out = append(out, fmt.Sprintf("%s covers %q", where, b.text))
				}
			}
			for _, q := range p.Elements {
				if q.QR == nil {
					continue
				}
				side := q.QR.Module * float64(len(q.QR.Bits))
				if q.QR.X < im.X+im.W && im.X < q.QR.X+side && q.QR.Y < im.Y+im.H && im.Y < q.QR.Y+side {
					out = append(out, fmt.Sprintf("%s covers a QR code", where))
				}
			}
		}
	}
	if carries && n == 0 {
		out = append(out, "the logo is not printed")
	}
	return out
}

// TestLogoWarnings checks what the operator is told about a logo's
// shape and resolution: a very wide or very tall logo is too small to
// read on a flyer, a 1-pixel logo too coarse; each warning names the
// file and the fix, and a logo that prints well has none.
func TestLogoWarnings(t *testing.T) {
	tests := []struct {
		name string
		w, h int
		want []string // in the one warning, in order; nil for none
	}{
		{"wide.png", 3000, 60, []string{"logo wide.png is 50 times wider than tall", "on a handout it prints in the strip at the page's foot as little as 1.6 mm tall", "use a logo at most 8.1 times wider than tall"}},
		{"tall.png", 60, 3000, []string{"logo tall.png is 50 times taller than wide", "in the header band only 0.5 mm wide", "use a logo at most 2.3 times taller than wide"}},
		{"lanky.png", 100, 220, nil},
		{"stacked.png", 100, 300, []string{"3 times taller than wide", "no room to spare at its foot", "only 7.8 mm wide", "at most 2.3 times taller than wide"}},
		{"dot.png", 1, 1, []string{"logo dot.png is only 1 × 1 pixels", "printed 23.3 mm wide", "use one of at least 92 × 92 pixels"}},
		{"square.png", 300, 300, nil},
		{"five.png", 500, 100, nil},
		{"eight.png", 810, 100, nil},
		{"eight-and-a-half.png", 850, 100, []string{"8.5 times wider than tall", "as little as 9.6 mm tall", "at most 8.1 times wider than tall"}},
		{"small.png", 60, 60, []string{"only 60 × 60 pixels"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := layout.LogoWarnings(tt.name, &doc.Image{Width: tt.w, Height: tt.h})
			if tt.want == nil {
				if len(got) > 0 {
					t.Fatalf("LogoWarnings = %q, want none", got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("LogoWarnings = %q, want one warning", got)
			}
			rest := got[0]
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("LogoWarnings = %q, want %q in it (in order)", got[0], w)
				}
				rest = rest[i+len(w):]
			}
		})
	}
	if got := layout.LogoWarnings("none.png", nil); got != nil {
		t.Errorf("no logo: %q", got)
	}
}
