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
	t.Parallel()
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
					// Set larger than the front, its items stand half
					// a line apart at least: not item under item.
					if front, back := bodySize(ld.Pages[0], docs[0].Meta.Lang), bodySize(ld.Pages[1], docs[0].Meta.Lang); back > front+0.1 {
						if gap, line := itemGap(ld.Pages[1]); gap < line/2 {
							t.Errorf("%s: the back page, set at %.1f pt (the front %.1f), leaves %.1f pt between two of its items, less than half a line (%.1f)", name, back, front, gap, line/2)
						}
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

// bodySize is the size most of the lines of page's signs and actions
// in lang are set at (each language of a pair at its own: Urdu beside
// Arabic looks smaller at one size and is set larger).
func bodySize(page layout.Page, lang string) float64 {
	n := map[float64]int{}
	best := 0.0
	for _, el := range page.Elements {
		if el.Text == nil || el.Tag == nil || len(el.Text.Line.Runs) == 0 {
			continue
		}
		if b := el.Tag.BlockOf(); b != doc.PartSigns && b != doc.PartActions || el.Tag.Lang != lang {
			continue
		}
		size := math.Round(el.Text.Line.Runs[0].Size*10) / 10
		n[size]++
		if n[size] > n[best] || n[size] == n[best] && size > best {
			best = size
		}
	}
	return best
}

// itemGap is the least white between two items (list items of the
// signs and actions) one under the other in a column of page, and the
// height of their lines.
func itemGap(page layout.Page) (float64, float64) {
	type item struct{ top, bottom, x float64 }
	items := map[*layout.Tag]*item{}
	line := 0.0
	for _, el := range page.Elements {
		if el.Text == nil || el.Tag == nil {
			continue
		}
		if b := el.Tag.BlockOf(); b != doc.PartSigns && b != doc.PartActions {
			continue
		}
		li := el.Tag
		for li != nil && li.Role != layout.RoleLI {
			li = li.Parent
		}
		if li == nil {
			continue
		}
		top := el.Text.Y - el.Text.Line.Ascent
		it := items[li]
		if it == nil {
			it = &item{top: top, bottom: top, x: el.Text.X}
			items[li] = it
		}
		it.top, it.bottom = min(it.top, top), max(it.bottom, top+el.Text.Line.Height)
		it.x = min(it.x, el.Text.X)
		line = max(line, el.Text.Line.Height)
	}
	least := math.Inf(1)
	for _, a := range items {
		for _, b := range items {
			// b under a in the same column (their left ends on the
			// same half of the page).
			if a == b || (a.x < page.Width/2) != (b.x < page.Width/2) || b.top < a.bottom-0.5 {
				continue
			}
			below := true
			for _, c := range items {
				if c != a && c != b && (c.x < page.Width/2) == (a.x < page.Width/2) && c.top >= a.bottom-0.5 && c.top < b.top {
					below = false // another item stands between them
				}
			}
			if below {
				least = min(least, b.top-a.bottom)
			}
		}
	}
	return least, line
}
