package layout_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// TestBilingualSheets lays out the sign-in sheet and the feedback form
// in two languages on one page, for every audience with a kit, in every
// pair of the languages the sheets are written in, both ways, on both
// papers, with and without an organisation, a province, local contacts
// and a session's details; and checks each page as TestKitLayouts does
// (on the page, nothing over anything, 8 pt or more, contrast), that
// each language's sheet is printed whole (the checks of its
// one-language form, and carries_test's missing for the frame), the
// hotline number once, and each label's two languages aligned: a column
// of the sign-in table, a choice to tick, start at the same place.
func TestBilingualSheets(t *testing.T) {
	t.Parallel()
	lib, ts := setup(t)
	orgs := []struct {
		name     string
		org      profile.Organisation
		province string
	}{
		{"plain", profile.Organisation{}, ""},
		{"organisation", profile.Organisation{Name: "Riverside Settlement Services and Community Legal Clinic", Phone: "604-555-0134",
			Local: []profile.LocalContact{{Label: "Riverside police, non-emergency", Phone: "604-555-0199"}}}, "mb"},
	}
	for _, f := range format.Formats {
		if len(f.Budget.Kit) == 0 || f.Bilingual == nil {
			continue
		}
		for _, o := range orgs {
			brand, err := o.org.Brand()
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range lib.AudienceIDs() {
				langs := lib.KitLanguages(id, f.Budget.Kit[0])
				for _, a := range langs {
					for _, b := range langs {
						if a == b {
							continue
						}
						for _, paper := range layout.PaperNames {
							if testing.Short() && (paper != "letter" || o.province != "") {
								continue
							}
							t.Run(fmt.Sprintf("%s/%s/%s/%s+%s/%s", f.Name, o.name, id, a, b, paper), func(t *testing.T) {
								var docs []*doc.Document
								for _, lang := range []string{a, b} {
									req := content.Request{Audience: id, Lang: lang, Org: o.org, Brand: brand, Province: o.province, Kit: f.Budget.Kit}
									if o.province != "" {
										req.Event = &doc.Event{Name: "Neighbourhood safety evening", Date: "Thursday 3 December 2026, 7 pm", Place: "Community centre, main hall", Facilitator: "A. Singh"}
									}
									d, err := lib.Assemble(req)
									if err != nil {
										t.Fatal(err)
									}
									docs = append(docs, d)
								}
								p, _ := layout.PaperByName(paper)
								ld, err := f.Bilingual(ts, docs[0], docs[1], layout.Options{Paper: p})
								if err != nil {
									t.Fatal(err)
								}
								for i, page := range ld.Pages {
									t.Run(fmt.Sprint("page ", i+1), func(t *testing.T) {
										checkPage(t, page)
										checkContrast(t, page)
									})
								}
								for _, d := range docs {
									kitChecks[f.Name](t, d, ld)
								}
								for _, msg := range missing(ld, docs, layout.Content{Blocks: []doc.Part{doc.PartEmergency, doc.PartOrg, doc.PartEvent}}) {
									t.Error(msg)
								}
								if n := countContaining(ld.Pages[0], hotlineNumber); n != 1 {
									t.Errorf("the hotline number is printed %d times, want once", n)
								}
								checkAligned(t, ld.Pages[0], pairLabels(f.Name, docs[0], docs[1]))
							})
						}
					}
				}
			}
		}
	}
}

// pairLabels are the two languages' words for each thing a bilingual
// sheet labels in both: the sign-in table's columns, the feedback
// form's choices.
func pairLabels(format string, first, second *doc.Document) [][2]string {
	var out [][2]string
	switch format {
	case "signin":
		for i, c := range first.Kit.SignIn.Columns {
			out = append(out, [2]string{c, second.Kit.SignIn.Columns[i]})
		}
	case "feedback":
		for i, fd := range first.Kit.Feedback.Fields {
			for j, c := range fd.Choices {
				out = append(out, [2]string{c, second.Kit.Feedback.Fields[i].Choices[j]})
			}
		}
	}
	return out
}

// checkAligned fails when the first line of a label's second language
// does not start where its first language's does, or is not under it.
func checkAligned(t *testing.T, p layout.Page, labels [][2]string) {
	t.Helper()
	if len(labels) == 0 {
		t.Error("no labels in both languages to check")
	}
	for _, l := range labels {
		if l[0] == l[1] {
			continue // printed once
		}
		a, okA := firstLine(p, l[0])
		b, okB := firstLine(p, l[1])
		switch {
		case !okA || !okB:
			t.Errorf("%q / %q: not found on the page (%v, %v)", l[0], l[1], okA, okB)
		case math.Abs(a.x0-b.x0) > 0.5 || b.y0 < a.y1-0.5:
			t.Errorf("%q at (%.1f, %.1f) and %q at (%.1f, %.1f): not one under the other, aligned", l[0], a.x0, a.y0, l[1], b.x0, b.y0)
		}
	}
}

// firstLine finds the line that begins s: the first whose words start
// s, as long as the label's first line is a label's and not a word of
// a sentence elsewhere on the page.
func firstLine(p layout.Page, s string) (textBox, bool) {
	want := squeeze(s)
	for _, b := range lineBoxes(p) {
		got := squeeze(b.text)
		if got != "" && strings.HasPrefix(want, got) && (len(got) >= 6 || got == want) {
			return b, true
		}
	}
	return textBox{}, false
}

// countContaining counts the lines of p that hold s.
func countContaining(p layout.Page, s string) int {
	n := 0
	for _, b := range lineBoxes(p) {
		if strings.Contains(b.text, s) {
			n++
		}
	}
	return n
}
