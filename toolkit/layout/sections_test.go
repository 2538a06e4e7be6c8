package layout_test

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// sharedBlocks are printed once on a bilingual page for both languages
// (the organisation, the contacts named in both, the codes), or are the
// user's own: they are in one language's tags only.
var sharedBlocks = []doc.Part{doc.PartOrg, doc.PartLogo, doc.PartContacts, doc.PartProvince, doc.PartLocal, doc.PartQR, doc.PartOrgQR, doc.PartFooter}

// sectionStart is where a section's or an item's first line starts:
// its page and the top of the line.
type sectionStart struct {
	page int
	top  float64
}

// sectionsOf lists, per language, the blocks a bilingual document prints
// words of and where each of its titles (H2) and list items starts, in
// order.
func sectionsOf(ld *layout.Document) (blocks map[string][]doc.Part, starts map[string]map[string][]sectionStart) {
	blocks, starts = map[string][]doc.Part{}, map[string]map[string][]sectionStart{}
	seen := map[*layout.Tag]bool{}
	for pi, p := range ld.Pages {
		for _, e := range p.Elements {
			if e.Text == nil || e.Tag == nil || e.Tag.Lang == "" {
				continue
			}
			lang, blk := e.Tag.Lang, e.Tag.BlockOf()
			if blk != "" && !slices.Contains(sharedBlocks, blk) && !slices.Contains(blocks[lang], blk) {
				blocks[lang] = append(blocks[lang], blk)
			}
			// The element that starts a title or an item: its tag, or
			// the list item it is in.
			var unit *layout.Tag
			for t := e.Tag; t != nil; t = t.Parent {
				if t.Role == layout.RoleH2 || t.Role == layout.RoleLI {
					unit = t
					break
				}
			}
			if unit == nil || seen[unit] || slices.Contains(sharedBlocks, blk) {
				continue
			}
			seen[unit] = true
			if starts[lang] == nil {
				starts[lang] = map[string][]sectionStart{}
			}
			key := fmt.Sprintf("%s %s", blk, unit.Role)
			starts[lang][key] = append(starts[lang][key], sectionStart{pi, e.Text.Y - e.Text.Line.Ascent})
		}
	}
	return blocks, starts
}

// TestBilingualSectionsAligned lays out every bilingual format for every
// audience with English and Punjabi, Arabic, Chinese and French (every
// language with AWAREKIT_FULL=1) and checks that both languages print
// the same sections and, on the pages that set them side by side (flyer,
// poster), that each section's title and each item start at the same
// height on the same page in both columns.
func TestBilingualSectionsAligned(t *testing.T) {
	t.Parallel()
	e := testEngine(t)
	audiences := e.AudienceIDs()
	checked := 0
	for _, f := range format.Formats {
		if f.Bilingual == nil {
			continue
		}
		sideBySide := f.Name == "flyer" || f.Name == "poster"
		for _, a := range audiences {
			for _, pair := range bilingualPairs(e) {
				name := fmt.Sprintf("%s/%s/%s", f.Name, a, pair)
				r, err := e.Resolve(generate.Job{Audience: a, Lang: pair, Format: f.Name, Paper: "letter", AllowDraft: true})
				if err != nil || !written(e, r, profile.Organisation{}, doc.Brand{}) {
					continue
				}
				ld, err := e.Layout(r, profile.Organisation{}, doc.Brand{})
				if err != nil {
					t.Errorf("%s: %v", name, err)
					continue
				}
				langs := strings.Split(pair, "+")
				blocks, starts := sectionsOf(ld)
				x, y := slices.Clone(blocks[langs[0]]), slices.Clone(blocks[langs[1]])
				slices.Sort(x)
				slices.Sort(y)
				if !slices.Equal(x, y) {
					t.Errorf("%s: %s prints %v, %s %v", name, langs[0], x, langs[1], y)
				}
				checked++
				if !sideBySide {
					continue
				}
				for key, as := range starts[langs[0]] {
					bs := starts[langs[1]][key]
					// A translation may have fewer signs or actions than
					// English (one waiting for a fluent speaker): its items
					// stand beside the first of the other's.
					if len(as) != len(bs) && !strings.HasSuffix(key, string(layout.RoleLI)) {
						t.Errorf("%s: %d of %s in %s, %d in %s", name, len(as), key, langs[0], len(bs), langs[1])
						continue
					}
					for i := range min(len(as), len(bs)) {
						if as[i].page != bs[i].page || math.Abs(as[i].top-bs[i].top) > 0.5 {
							t.Errorf("%s: %s %d starts on page %d at %.1f in %s, on page %d at %.1f in %s", name, key, i+1, as[i].page+1, as[i].top, langs[0], bs[i].page+1, bs[i].top, langs[1])
						}
					}
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no bilingual document was laid out")
	}
}
