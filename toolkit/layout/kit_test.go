package layout_test

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/profile"
)

const hotlineNumber = "1-833-900-1010"

// kitChecks are what each format of the workshop kit must show, beyond
// the rules every page keeps.
var kitChecks = map[string]func(t *testing.T, d *doc.Document, ld *layout.Document){
	"guide":     checkGuideLayout,
	"scenarios": checkScenariosLayout,
	"slides":    checkSlidesLayout,
	"myths":     checkMythsLayout,
	"quiz":      checkQuizLayout,
	"signin":    checkSignInLayout,
	"feedback":  checkFeedbackLayout,
}

// broadAudiences are laid out in every kit format with every organisation
// and paper under AWAREKIT_FULL=1 (in the quick form they take turns as
// the sector audiences do). Each sector audience (issue 17) is laid out once per format
// and language, with one organisation and one paper taking turns, so that
// five more audiences add a quarter of their matrix, not all of it: their
// pages are the same layouts with other words, and CI runs this test too.
var broadAudiences = []string{"business", "health", "indigenous", "newcomers", "youth"}

// TestKitLayouts lays out every format of the workshop kit for every
// audience, in English and French, on both papers, with and without an
// organisation that adds its name, a province and local contacts, and
// checks each page as a reader would: nothing off the page, nothing over
// anything else, no type below 8 pt, every text on a background it reads
// on; then what the format itself must show.
func TestKitLayouts(t *testing.T) {
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
	full := os.Getenv("AWAREKIT_FULL") != ""
	for fi, f := range format.Formats {
		if len(f.Budget.Kit) == 0 {
			continue
		}
		check, ok := kitChecks[f.Name]
		if !ok {
			t.Errorf("no check for the kit's format %s", f.Name)
			continue
		}
		for oi, o := range orgs {
			brand, err := o.org.Brand()
			if err != nil {
				t.Fatal(err)
			}
			for ai, id := range lib.AudienceIDs() {
				if a, _ := lib.Audience(id); a.Kit == nil {
					continue // an audience without a kit: the kit's formats refuse it (content.TestKitLanguages)
				}
				for li, lang := range []string{"en", "fr"} {
					for pi, paper := range layout.PaperNames {
						if testing.Short() && (paper != "letter" || o.province != "") {
							continue
						}
						if (!full || !slices.Contains(broadAudiences, id)) && (fi+ai+li)%(len(orgs)*len(layout.PaperNames)) != oi*len(layout.PaperNames)+pi {
							// A sector audience, and every audience in the
							// quick form: one organisation and paper,
							// taking turns.
							continue
						}
						t.Run(fmt.Sprintf("%s/%s/%s/%s/%s", f.Name, o.name, id, lang, paper), func(t *testing.T) {
							req := content.Request{Audience: id, Lang: lang, Org: o.org, Brand: brand, Province: o.province, Kit: f.Budget.Kit}
							if o.province != "" {
								// A session with every detail given, as a plan's event: has.
								req.Event = &doc.Event{Name: "Neighbourhood safety evening", Date: "Thursday 3 December 2026, 7 pm", Place: "Community centre, main hall", Facilitator: "A. Singh"}
							}
							d, err := lib.Assemble(req)
							if err != nil {
								t.Fatal(err)
							}
							p, _ := layout.PaperByName(paper)
							ld, err := f.Layout(ts, d, layout.Options{Paper: p})
							if err != nil {
								t.Fatal(err)
							}
							for i, page := range ld.Pages {
								t.Run(fmt.Sprint("page ", i+1), func(t *testing.T) {
									checkPage(t, page)
									checkContrast(t, page)
								})
							}
							check(t, d, ld)
							if o.province != "" && !slices.Contains(f.Budget.Leaves, format.Province) {
								all := documentText(ld)
								for _, want := range []string{"1-866-345-9241", "604-555-0199"} {
									if !strings.Contains(all, want) {
										t.Errorf("the province's or the organisation's line %s is not printed", want)
									}
								}
							}
						})
					}
				}
			}
		}
	}
}

// checkContrast fails on text drawn on a background it does not read on.
func checkContrast(t *testing.T, page layout.Page) {
	t.Helper()
	for i, e := range page.Elements {
		if e.Text == nil || len(e.Text.Line.Runs) == 0 {
			continue
		}
		back := background(page.Elements[:i], e.Text)
		if c := doc.Contrast(e.Text.Color, back); c < doc.MinContrast {
			t.Errorf("%q in %v on %v: %.2f:1", lineText(e.Text.Line), e.Text.Color, back, c)
		}
	}
}

// documentText is every page's text, in drawing order.
func documentText(ld *layout.Document) string {
	var sb strings.Builder
	for _, p := range ld.Pages {
		sb.WriteString(pageText(p))
	}
	return sb.String()
}

// squeeze drops white space, so that text broken into lines compares with
// the text it was set from.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// printsAll fails for each text of want that the layout does not print.
func printsAll(t *testing.T, ld *layout.Document, what string, want ...string) {
	t.Helper()
	all := squeeze(documentText(ld))
	for _, w := range want {
		if w != "" && !strings.Contains(all, squeeze(w)) {
			t.Errorf("%s: %q is not printed", what, w)
		}
	}
}

// checkGuideLayout: 6 to 12 pages; every block of every section printed;
// every page numbered "page i of n" and carrying the kit's review line
// and the translation's draft lines; the hotline on the first page,
// larger than anything else there.
func checkGuideLayout(t *testing.T, d *doc.Document, ld *layout.Document) {
	n := len(ld.Pages)
	if n < 6 || n > 12 {
		t.Errorf("the guide has %d pages, want 6 to 12", n)
	}
	for _, s := range d.Kit.Guide.Sections {
		printsAll(t, ld, "section title", s.Title)
		for _, b := range s.Blocks {
			printsAll(t, ld, "block", b.Text, b.Title)
			printsAll(t, ld, "list", b.Items...)
			for _, r := range b.Rows {
				printsAll(t, ld, "table row", r...)
			}
			if b.Story != nil {
				printsAll(t, ld, "story", b.Story.Text, b.Story.Consent)
			}
		}
	}
	printsAll(t, ld, "help panel", d.Help.Emergency)
	for _, c := range d.Help.Others {
		printsAll(t, ld, "help panel", c.Phone)
	}
	for i, p := range ld.Pages {
		text := squeeze(pageText(p))
		for _, want := range append([]string{d.Kit.Page(i+1, n), d.Kit.Review}, d.Footer.DraftLines()...) {
			if !strings.Contains(text, squeeze(want)) {
				t.Errorf("page %d lacks %q", i+1, want)
			}
		}
	}
	first := ld.Pages[0]
	if size := largest(first, hotlineNumber); size == 0 || size < largest(first, "") {
		t.Errorf("page 1: the hotline number is %.0f pt; the largest text there is %.0f pt", size, largest(first, ""))
	}
}

// largest is the largest size of the text lines of p that contain substr.
func largest(p layout.Page, substr string) float64 {
	size := 0.0
	for _, b := range lineBoxes(p) {
		if strings.Contains(b.text, substr) {
			size = max(size, b.size)
		}
	}
	return size
}

// checkScenariosLayout: a page of fronts then a page of backs for each
// sheet of four; every situation, question, sign and note printed; the
// made-up line on every front; the hotline on every back, its largest
// text.
func checkScenariosLayout(t *testing.T, d *doc.Document, ld *layout.Document) {
	sc := d.Kit.Scenarios
	if want := 2 * ((len(sc.Cards) + 3) / 4); len(ld.Pages) != want {
		t.Errorf("%d pages, want %d", len(ld.Pages), want)
	}
	for _, c := range sc.Cards {
		printsAll(t, ld, c.Label, append(append([]string{c.Situation, c.Notes}, c.Questions...), c.Signs...)...)
	}
	for i, p := range ld.Pages {
		text := squeeze(pageText(p))
		if i%2 == 0 {
			if n := strings.Count(text, squeeze(sc.MadeUp)); n != 4 {
				t.Errorf("page %d: the made-up line is on %d fronts, want 4", i+1, n)
			}
			continue
		}
		if n := strings.Count(text, hotlineNumber); n != 4 {
			t.Errorf("page %d: the hotline is on %d backs, want 4", i+1, n)
		}
		if largest(p, hotlineNumber) < largest(p, "") {
			t.Errorf("page %d: the hotline number is %.0f pt, smaller than other text (%.0f pt)", i+1, largest(p, hotlineNumber), largest(p, ""))
		}
	}
}

// checkSheetPages: the sheet has pages pages, and each carries the
// hotline, the emergency line, the kit's review line and the
// translation's draft lines, the hotline number its largest text after
// the band's title.
func checkSheetPages(t *testing.T, d *doc.Document, ld *layout.Document, pages int) {
	t.Helper()
	if len(ld.Pages) != pages {
		t.Errorf("%d pages, want %d", len(ld.Pages), pages)
	}
	for i, p := range ld.Pages {
		text := squeeze(pageText(p))
		for _, want := range append([]string{hotlineNumber, d.Help.Emergency, d.Kit.Review}, d.Footer.DraftLines()...) {
			if !strings.Contains(text, squeeze(want)) {
				t.Errorf("page %d lacks %q", i+1, want)
			}
		}
		if size := largest(p, hotlineNumber); size < 18 {
			t.Errorf("page %d: the hotline number is %.0f pt", i+1, size)
		}
	}
}

// checkMythsLayout: one page (two at most for a session with long
// details); every myth and fact printed, and each fact's sources (at
// least one each) with their publisher and address.
func checkMythsLayout(t *testing.T, d *doc.Document, ld *layout.Document) {
	pages := 1
	if d.Event != nil && len(ld.Pages) == 2 {
		pages = 2
	}
	checkSheetPages(t, d, ld, pages)
	m := d.Kit.Myths
	printsAll(t, ld, "myths", m.Title, m.Intro, m.Myth, m.Fact)
	for _, it := range m.Items {
		if len(it.Sources) == 0 {
			t.Errorf("the fact %q has no source", it.Fact)
		}
		printsAll(t, ld, "myth", it.Myth, it.Fact)
		for _, src := range it.Sources {
			printsAll(t, ld, "source", src.Publisher, src.Address)
		}
	}
}

// checkQuizLayout: three pages, the same statements on the first two
// (before and after) with True and False to circle after each and no
// answer given; the answer key on the third alone, each statement's
// answer in order as the data says, and why.
func checkQuizLayout(t *testing.T, d *doc.Document, ld *layout.Document) {
	checkSheetPages(t, d, ld, 3)
	if len(ld.Pages) != 3 {
		return
	}
	q := d.Kit.Quiz
	if len(q.Questions) != 10 {
		t.Errorf("%d questions, want 10", len(q.Questions))
	}
	for i, when := range []string{q.Before, q.After} {
		p := ld.Pages[i]
		text := squeeze(pageText(p))
		for _, want := range []string{when, q.How, q.Score} {
			if !strings.Contains(text, squeeze(want)) {
				t.Errorf("page %d lacks %q", i+1, want)
			}
		}
		for _, qq := range q.Questions {
			if !strings.Contains(text, squeeze(qq.Text)) {
				t.Errorf("page %d lacks %q", i+1, qq.Text)
			}
			// The emergency line is at every page's foot: a why that
			// says only that gives nothing away.
			if strings.Contains(text, squeeze(qq.Why)) && !strings.Contains(squeeze(d.Help.Emergency), squeeze(qq.Why)) {
				t.Errorf("page %d gives the answer %q", i+1, qq.Why)
			}
		}
		for _, word := range []string{q.True, q.False} {
			if n := countLines(p, word); n != len(q.Questions) {
				t.Errorf("page %d: %q to circle %d times, want %d", i+1, word, n, len(q.Questions))
			}
		}
	}
	key := ld.Pages[2]
	text := squeeze(pageText(key))
	var answers []string
	for _, l := range lineBoxes(key) {
		if l.text == q.True || l.text == q.False {
			answers = append(answers, l.text)
		}
	}
	var want []string
	for _, qq := range q.Questions {
		for _, s := range []string{qq.Text, qq.Why} {
			if !strings.Contains(text, squeeze(s)) {
				t.Errorf("the key lacks %q", s)
			}
		}
		if qq.Answer {
			want = append(want, q.True)
		} else {
			want = append(want, q.False)
		}
	}
	if !slices.Equal(answers, want) {
		t.Errorf("the key's answers are %q, the data says %q", answers, want)
	}
	if !strings.Contains(text, squeeze(q.KeyNote)) {
		t.Errorf("the key lacks %q", q.KeyNote)
	}
}

// countLines counts the lines of p whose text is s.
func countLines(p layout.Page, s string) int {
	n := 0
	for _, l := range lineBoxes(p) {
		if l.text == s {
			n++
		}
	}
	return n
}

// checkSignInLayout: one page; the intro saying why it asks so little,
// each column, the facilitator's note; at least 12 numbered rows to
// write in.
func checkSignInLayout(t *testing.T, d *doc.Document, ld *layout.Document) {
	checkSheetPages(t, d, ld, 1)
	fm := d.Kit.SignIn
	printsAll(t, ld, "sign-in sheet", append([]string{fm.Title, fm.Intro, fm.Note}, fm.Columns...)...)
	if len(ld.Pages) == 1 {
		for n := 1; n <= layout.SignInRows; n++ {
			if countLines(ld.Pages[0], fmt.Sprint(n)) != 1 {
				t.Errorf("row %d is not numbered once", n)
			}
		}
	}
}

// checkFeedbackLayout: one page; every question and choice, the intro and
// the note.
func checkFeedbackLayout(t *testing.T, d *doc.Document, ld *layout.Document) {
	checkSheetPages(t, d, ld, 1)
	fm := d.Kit.Feedback
	printsAll(t, ld, "feedback form", fm.Title, fm.Intro, fm.Note)
	for _, f := range fm.Fields {
		printsAll(t, ld, "question", append([]string{f.Label}, f.Choices...)...)
		if f.Lines == 0 && len(f.Choices) == 0 {
			t.Errorf("%q has nowhere to answer", f.Label)
		}
	}
}

// checkSlidesLayout: a 16:9 page for each slide; each carries the
// hotline number, the review and draft lines and its number; the hotline
// slide's number is the largest text of the show; every slide's words
// are printed and no presenter note is; the contacts slide has every
// contact's number, the province's and the organisation's.
func checkSlidesLayout(t *testing.T, d *doc.Document, ld *layout.Document) {
	sl := d.Kit.Slides.Slides
	if len(ld.Pages) != len(sl) {
		t.Fatalf("%d pages for %d slides", len(ld.Pages), len(sl))
	}
	biggest, hotline := 0.0, 0.0
	for i, p := range ld.Pages {
		if p.Width/p.Height < 16.0/9-0.001 || p.Width/p.Height > 16.0/9+0.001 {
			t.Errorf("slide %d is %.0f × %.0f, not 16:9", i+1, p.Width, p.Height)
		}
		text := squeeze(pageText(p))
		for _, want := range append([]string{hotlineNumber, d.Kit.Review, fmt.Sprintf("%d/%d", i+1, len(sl)), sl[i].Title, sl[i].Text, sl[i].Caution}, append(d.Footer.DraftLines(), sl[i].Items...)...) {
			if !strings.Contains(text, squeeze(want)) {
				t.Errorf("slide %d lacks %q", i+1, want)
			}
		}
		if sl[i].Notes != "" && strings.Contains(text, squeeze(sl[i].Notes)) {
			t.Errorf("slide %d shows its presenter notes", i+1)
		}
		biggest = max(biggest, largest(p, ""))
		switch sl[i].Kind {
		case doc.HotlineSlide:
			hotline = largest(p, hotlineNumber)
			printsAll(t, ld, "hotline slide", d.Help.Hotline.Name, d.Help.Emergency)
		case doc.ActionsSlide:
			for _, g := range d.Actions {
				printsAll(t, ld, "actions slide", append(append([]string{g.Title}, g.Do...), g.Dont...)...)
			}
		case doc.ContactsSlide:
			var phones []string
			for _, c := range append(append([]doc.Contact(nil), d.Help.Others...), d.Help.Province...) {
				phones = append(phones, c.Phone)
			}
			if d.Help.Local != nil {
				for _, c := range d.Help.Local.Contacts {
					phones = append(phones, c.Phone)
				}
			}
			for _, ph := range phones {
				if !strings.Contains(text, squeeze(ph)) {
					t.Errorf("the contacts slide lacks %s", ph)
				}
			}
		}
	}
	if hotline == 0 || hotline < biggest {
		t.Errorf("the hotline slide's number is %.0f, smaller than the largest text of the show (%.0f)", hotline, biggest)
	}
}
