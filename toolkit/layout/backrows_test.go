package layout_test

import (
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// TestBackPageTakesRows lays out two-language flyers whose text leaves
// their back page short (the business audience's few signs, in A4 and
// Letter) and checks the white over the back page's rows (settle puts
// what the page leaves there): the back takes rows from the end of the
// front while the front's white, shared between its rows, keeps its
// hotline bar at its foot, the front's rows set larger where they
// cannot share it at their size, and the back sets its rows and panel
// larger and shares its own white between its rows. It holds a row
// besides its help panel. Before 834752b, business ti+en on A4 left
// 205 pt white over one row and the help panel, zh-Hans+en 256 pt;
// after it, 114 and 188 pt (iu+en 245 pt), for the front kept "What
// you can do" and its first item where the signs alone left it 100 pt
// of white, and the back was set no larger where a tie gave way in the
// front's rows set larger. Quick: five pairs on A4; AWAREKIT_FULL=1:
// every pair with English (the Indigenous drafts' too, whose text is
// shortest) and four without, every audience, both papers, plain and
// with the longest organisation. At most three of the frame's gaps
// (balanceWhite), but for the Cree and Inuktitut drafts, whose ties
// give way in the signs at every larger size: 90 pt (iu+en A4 70,
// ti+crk 83). The back's help panel prints the hotline's number
// (beside its code, where no other contact is listed under it: health
// pa+en on A4 printed none). Quick: business and health.
func TestBackPageTakesRows(t *testing.T) {
	e := testEngine(t)
	long := longest(t)
	longBrand, err := long.Brand()
	if err != nil {
		t.Fatal(err)
	}
	type org struct {
		org   profile.Organisation
		brand doc.Brand
	}
	orgs := []org{{}}
	audiences, papers := []string{"business", "health"}, []string{"a4"}
	pairs := []string{"ti+en", "zh-Hans+en", "es+en", "en+vi", "ar+ti"}
	if os.Getenv("AWAREKIT_FULL") != "" {
		orgs = append(orgs, org{long, longBrand})
		audiences, papers, pairs = e.AudienceIDs(), layout.PaperNames, []string{"ar+ti", "ti+uk", "ar+ur", "zh-Hans+ur"}
		for _, l := range e.Languages() {
			if l != "en" {
				pairs = append(pairs, l+"+en", "en+"+l)
			}
		}
	}
	for _, a := range audiences {
		for _, l := range pairs {
			for _, paper := range papers {
				for oi, o := range orgs {
					name := fmt.Sprintf("%s/%s/%s/%d", a, l, paper, oi)
					r, err := e.Resolve(generate.Job{Audience: a, Lang: l, Format: "flyer", Paper: paper, AllowDraft: true})
					if err != nil {
						continue
					}
					docs, err := docsOf(e, r, o.org, o.brand)
					if err != nil {
						continue // the audience is not written in the language
					}
					ld, err := e.Layout(r, o.org, o.brand)
					if err != nil {
						t.Errorf("%s: %v", name, err)
						continue
					}
					if len(ld.Pages) != 2 {
						t.Errorf("%s: %d pages, want 2", name, len(ld.Pages))
						continue
					}
					// The back's band is 14 pt, and the frame's gap
					// under it 14 (8 on the tightest pages).
					top := math.Inf(1)
					for _, el := range ld.Pages[1].Elements {
						if el.Text != nil {
							top = min(top, el.Text.Y-el.Text.Line.Ascent)
						}
					}
					most := 45.0
					if strings.Contains(l, "iu") || strings.Contains(l, "crk") {
						most = 90
					}
					if white := top - 28; white > most {
						t.Errorf("%s: the back page leaves %.0f pt of white over its rows, more than %.0f", name, white, most)
					}
					// It holds a row (signs or actions), not its
					// help panel alone.
					rows := false
					for _, el := range ld.Pages[1].Elements {
						if el.Text != nil && el.Tag != nil {
							if b := el.Tag.BlockOf(); b == doc.PartSigns || b == doc.PartActions {
								rows = true
							}
						}
					}
					if !rows {
						t.Errorf("%s: the back page holds its help panel alone", name)
					}
					// Its help panel prints the hotline's number.
					var back strings.Builder
					for _, el := range ld.Pages[1].Elements {
						if el.Text != nil {
							back.WriteString(logicalText(el.Text.Line))
						}
					}
					if phone := docs[0].Help.Hotline.Phone; !strings.Contains(squash(back.String()), squash(phone)) {
						t.Errorf("%s: the back page's help panel does not print the hotline's number %s", name, phone)
					}
				}
			}
		}
	}
}
