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
// hotline bar at its foot, and shares its own white between its rows.
// Before, business ti+en on A4 left 205 pt white over one row and the
// help panel, zh-Hans+en 256 pt. Quick: four pairs on A4, at most
// 200 pt; AWAREKIT_FULL=1: every pair with English (the Indigenous
// drafts' too, whose text is shortest), every audience, both papers,
// plain and with the longest organisation, at most 250 pt (the worst
// was 314). The back's help panel prints the hotline's number (beside
// its code, where no other contact is listed under it: health pa+en on
// A4 printed none). Quick: business and health.
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
	pairs := []string{"ti+en", "zh-Hans+en", "es+en", "en+vi"}
	most := 200.0
	if os.Getenv("AWAREKIT_FULL") != "" {
		orgs = append(orgs, org{long, longBrand})
		audiences, papers, pairs, most = e.AudienceIDs(), layout.PaperNames, nil, 250
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
					if white := top - 28; white > most {
						t.Errorf("%s: the back page leaves %.0f pt of white over its rows, more than %.0f", name, white, most)
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
