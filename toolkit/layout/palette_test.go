package layout_test

import (
	"fmt"
	"testing"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/profile"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// TestTextReadsOnItsBackground lays out every format with brand colours
// light, dark and in between (orange #e67e22 is issue 9's) and checks
// every line of text against what is drawn beneath it: at least WCAG
// AA's 4.5:1. The colours come from doc.NewPalette, as HTML's do.
func TestTextReadsOnItsBackground(t *testing.T) {
	t.Parallel()
	lib, ts := setup(t)
	layouts := map[string]func(*typeset.Typesetter, *doc.Document, layout.Options) (*layout.Document, error){
		"flyer": layout.Flyer, "handout": layout.Handout, "poster": layout.Poster, "cards": layout.Cards,
		"safety-card": layout.SafetyCard, "tearoff": layout.Tearoff,
		"social-square": layout.SocialSquare, "social-story": layout.SocialStory, "social-wide": layout.SocialWide,
	}
	for _, color := range []string{"#e67e22", "#ffd700", "#777777", "#0b5c6b", "#7a1f5c", "#e0f0ff"} {
		org := profile.Organisation{Name: "Riverside", Phone: "604-555-0134", Color: color}
		brand, err := org.Brand()
		if err != nil {
			t.Fatal(err)
		}
		d, err := lib.Assemble(content.Request{Audience: "youth", Lang: "en", Org: org, Brand: brand})
		if err != nil {
			t.Fatal(err)
		}
		for name, lay := range layouts {
			t.Run(fmt.Sprintf("%s/%s", color, name), func(t *testing.T) {
				p, _ := layout.PaperByName("letter")
				ld, err := lay(ts, d, layout.Options{Paper: p})
				if err != nil {
					t.Fatal(err)
				}
				for pi, page := range ld.Pages {
					for i, e := range page.Elements {
						if e.Text == nil || len(e.Text.Line.Runs) == 0 {
							continue
						}
						back := background(page.Elements[:i], e.Text)
						if c := doc.Contrast(e.Text.Color, back); c < doc.MinContrast {
							t.Errorf("page %d: %q in %v on %v: %.2f:1", pi+1, lineText(e.Text.Line), e.Text.Color, back, c)
						}
					}
				}
			})
		}
	}
}

// background is the fill of the last rectangle drawn under the middle of
// a line, or white paper.
func background(below []layout.Element, tl *layout.TextLine) doc.RGB {
	x := tl.X + tl.Line.Width/2
	y := tl.Y - tl.Line.Ascent + tl.Line.Height/2
	back := doc.White
	for _, e := range below {
		if r := e.Rect; r != nil && x >= r.X && x <= r.X+r.W && y >= r.Y && y <= r.Y+r.H {
			back = r.Fill
		}
	}
	return back
}

func lineText(l typeset.Line) string {
	s := ""
	for _, r := range l.Runs {
		s += r.Text
	}
	return s
}
