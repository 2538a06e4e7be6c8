package layout_test

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"image"
	imgcolor "image/color"
	"image/png"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/pdftest"
	"github.com/awarekit/awarekit/toolkit/profile"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// testEngine is the engine the layout tests make pages with: the
// built-in content, dated 2026-12-01 so that pages are the same bytes
// on any day.
//
// The tests share one, made once: an engine does not change once made
// (a build's workers share one), and its content and fonts took some
// 3 CPU-seconds of the package's run to load again for each of 20 tests.
func testEngine(t testing.TB) *generate.Engine {
	t.Helper()
	e, err := sharedEngine()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

var sharedEngine = sync.OnceValues(func() (*generate.Engine, error) {
	return generate.New("awarekit test", time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
})

// longest is an organisation at every limit profile states: a name of
// profile.MaxName characters, profile.MaxLocal local contacts whose
// labels have profile.MaxLabel characters, each with a number and a web
// address, and the organisation's own number, email and website.
func longest(t testing.TB) profile.Organisation {
	t.Helper()
	fill := func(s string, n int) string {
		r := []rune(s)
		for len(r) < n {
			r = append(r, []rune(" "+s)...)
		}
		return strings.TrimSpace(string(r[:n]))
	}
	o := profile.Organisation{
		Name:    fill("Riverside Settlement Services and Community Legal Clinic of the Greater Eastside and Northern Region", profile.MaxName),
		Phone:   "1-604-555-0134 ext. 1234",
		Email:   "information.desk@riverside-settlement.example.org",
		Website: "www.riverside-settlement-services.example.org/help",
		Local: []profile.LocalContact{
			{Label: fill("Riverside Police Service, non-emergency line, 24 hours a day", profile.MaxLabel), Phone: "604-555-0100", Website: "police.riverside.example.org"},
			{Label: fill("Eastside Victim Services and Crisis Support Centre for Youth", profile.MaxLabel), Phone: "604-555-0101 ext. 22", Website: "victims.eastside.example.org"},
			{Label: fill("Côte-des-Neiges–Notre-Dame-de-Grâce Community Health Clinic", profile.MaxLabel), Phone: "1-888-555-0102"},
		},
	}
	if n := len([]rune(o.Name)); n != profile.MaxName {
		t.Fatalf("the name has %d characters, want %d", n, profile.MaxName)
	}
	return o
}

// logoPNG is a w × h pixel logo.
func logoPNG(t testing.TB, w, h int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, imgcolor.NRGBA{uint8(x), uint8(y), 0x80, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// carriesCase is one organisation, logo and province the sweep makes
// every format with.
type carriesCase struct {
	name     string
	org      profile.Organisation
	logo     []byte
	province string
}

// brand is c's organisation as the layout gets it, with its logo.
func (c carriesCase) brand(t *testing.T) doc.Brand {
	t.Helper()
	brand, err := c.org.Brand()
	if err != nil {
		t.Fatal(err)
	}
	if c.logo != nil {
		if brand.Logo, err = profile.DecodeLogo("logo.png", c.logo); err != nil {
			t.Fatal(err)
		}
	}
	return brand
}

// limitCases are the organisations a layout rule is checked with: none
// (a province's lines alone), and the longest at every input limit
// (long) beside a logo very wide, very tall and square, each with a
// province.
func limitCases(t *testing.T, long profile.Organisation) []carriesCase {
	return []carriesCase{
		{name: "plain, MB", province: "mb"},
		{name: "longest, wide logo, NS", org: long, logo: logoPNG(t, 2000, 100), province: "ns"},
		{name: "longest, tall logo, MB", org: long, logo: logoPNG(t, 100, 1200), province: "mb"},
		{name: "longest, square logo, BC", org: long, logo: logoPNG(t, 300, 300), province: "bc"},
	}
}

// TestEveryFormatCarriesItsContent lays out every page format for every
// audience, in a set of languages and bilingual pairs, with no
// organisation and with one at every input limit (the longest name,
// three local contacts, a website) with a logo very wide, very tall or
// square and a province's lines; and checks that the pages print every
// word of every block the format declares it carries
// (format.Format.Carries): nothing is dropped to make room; that lines
// break where a reader accepts (breaks); and the sizes (hierarchy).
//
// Quick: a sample of languages, and of pairs each for audiencesPerPair
// audiences in turn. Under AWAREKIT_FULL=1: every
// language, every pair with English, and the 110 pairs without it
// (pairsWithoutEnglish), each for audiencesPerPair audiences in turn
// (sampleAudiences: every pair, every audience and every format made,
// in every case and on both papers), the quick run's four pairs for
// every audience: every audience of every pair took some three minutes
// of CPU more (the print formats: 243.9 s user against 99.0 s).
func TestEveryFormatCarriesItsContent(t *testing.T) {
	t.Parallel()
	e := testEngine(t)
	long := longest(t)
	cases := limitCases(t, long)
	// The languages and pairs the content review made hardest to fit,
	// and one of each script.
	langs := []string{"en", "fr", "uk", "tl", "pa", "ar", "zh-Hans", "iu"}
	pairs := []string{"fr+en", "en+fr", "uk+en", "tl+en", "pa+en", "ar+en", "zh-Hans+en"}
	// Without English (quick): Chinese, which takes the least room,
	// beside the languages that take the most (French, Urdu), two long
	// right-to-left and Cyrillic ones, and a right-to-left page whose
	// Chinese contacts go on over lines (ar+zh-Hans).
	quickWithoutEnglish := []string{"fr+zh-Hans", "zh-Hans+ur", "uk+fa", "ar+zh-Hans"}
	pairs = append(pairs, quickWithoutEnglish...)
	papers := []string{"letter"}
	audiences := e.AudienceIDs()
	// sampled holds the audiences a pair without English is made for in
	// the full sweep; a pair not in it is made for every audience.
	var sampled map[string][]string
	// singles holds, for each case of the quick run, the audiences a
	// single language other than English and French is made for.
	singles := make([]map[string][]string, len(cases))
	if os.Getenv("AWAREKIT_FULL") != "" {
		langs, pairs = e.Languages(), nil
		for _, a := range langs {
			for _, b := range langs {
				if a != b && (a == "en" || b == "en") {
					pairs = append(pairs, a+"+"+b)
				}
			}
		}
		without := pairsWithoutEnglish(langs)
		sampled = sampleAudiences(without, audiences, audiencesPerPair)
		for _, l := range quickWithoutEnglish {
			delete(sampled, l) // made for every audience
		}
		pairs = append(pairs, without...)
		papers = layout.PaperNames
	} else {
		// Quick: no organisation, and the longest with the logo that
		// leaves the least room; each pair for two audiences in turn
		// (every audience meets four or five of the eleven pairs):
		// every pair for every audience took 18.5 CPU-seconds against
		// 11.6. English and French for every audience; each other
		// language for two of the audiences written in it, in turn,
		// the two cases taking the next two (singlesPerCase): every
		// language in every audience in both cases took 6.4 CPU-seconds
		// against 4.5.
		cases = []carriesCase{cases[0], cases[2]}
		sampled = sampleAudiences(pairs, audiences, audiencesPerPair)
		singles = sampleSingles(t, e, audiences, langs[2:], len(cases)) // all but en and fr
	}
	for ci, c := range cases {
		brand := c.brand(t)
		maps.Copy(sampled, singles[ci])
		for _, f := range format.Formats {
			if !f.Paged() || len(f.Carries.Blocks) == 0 {
				continue
			}
			for _, a := range audiences {
				for _, l := range append(slices.Clone(langs), pairs...) {
					bilingual := strings.Contains(l, "+")
					if bilingual && f.Bilingual == nil {
						continue
					}
					if only, ok := sampled[l]; ok && !slices.Contains(only, a) {
						continue
					}
					for _, paper := range papers {
						if paper != "letter" && ci > 1 {
							continue // A4 is taller and narrower: two cases tell
						}
						name := fmt.Sprintf("%s/%s/%s/%s/%s", c.name, f.Name, a, l, paper)
						r, err := e.Resolve(generate.Job{Audience: a, Lang: l, Format: f.Name, Paper: paper, Province: c.province, AllowDraft: true})
						if err != nil {
							continue // a combination the engine refuses on purpose (no social text in a language)
						}
						docs, err := docsOf(e, r, c.org, brand)
						if err != nil {
							continue // a format the content does not have in this language (social text)
						}
						ld, err := e.Layout(r, c.org, brand)
						if err != nil {
							t.Errorf("%s: %v", name, err)
							continue
						}
						carries := f.Carries
						if bilingual {
							carries = f.BilingualCarries
						}
						for _, msg := range missing(ld, docs, carries) {
							t.Errorf("%s: %s", name, msg)
						}
						var keep []string
						for _, d := range docs {
							keep = append(keep, d.Meta.Keep...)
						}
						for _, msg := range breaks(ld, keep) {
							t.Errorf("%s: %s", name, msg)
						}
						for _, msg := range hierarchy(ld, docs, f.Name, bilingual) {
							t.Errorf("%s: %s", name, msg)
						}
					}
				}
			}
		}
	}
}

// audiencesPerPair is how many audiences the full sweep makes each pair
// without English for (sampleAudiences).
const audiencesPerPair = 2

// pairsWithoutEnglish are the ordered two-language pairs of langs that
// leave out English and the Indigenous languages (iu, crk, oj, whose
// drafts are paired with English until fluent speakers have written
// them): the 110 of ar es fa fr pa ti tl uk ur vi zh-Hans.
func pairsWithoutEnglish(langs []string) []string {
	var out []string
	for _, a := range langs {
		for _, b := range langs {
			if a != b && !slices.ContainsFunc([]string{a, b}, func(l string) bool { return slices.Contains([]string{"en", "iu", "crk", "oj"}, l) }) {
				out = append(out, a+"+"+b)
			}
		}
	}
	return out
}

// sampleAudiences gives each of pairs n of audiences, in turn: the i-th
// pair the n after the first (i·n mod len(audiences)), so that every
// pair has n audiences and every audience as many pairs (n·len(pairs) /
// len(audiences)), the same on every run.
func sampleAudiences(pairs, audiences []string, n int) map[string][]string {
	out := map[string][]string{}
	for i, p := range pairs {
		for m := range min(n, len(audiences)) {
			out[p] = append(out[p], audiences[(i*n+m)%len(audiences)])
		}
	}
	return out
}

// singlesPerCase is how many audiences the quick run of
// TestEveryFormatCarriesItsContent makes each single language other
// than English and French for, in each case (sampleSingles).
const singlesPerCase = 2

// sampleSingles gives, for each of n cases, each of langs singlesPerCase
// of the audiences written in every one of them, in turn, case after
// case: with five such audiences and six languages, each language meets
// four of the five over two cases and each audience two or three of the
// languages in each case. It fails when no audience is written in all
// of langs, which would leave them out.
func sampleSingles(t *testing.T, e *generate.Engine, audiences, langs []string, n int) []map[string][]string {
	t.Helper()
	var written []string
	for _, a := range audiences {
		if !slices.ContainsFunc(langs, func(l string) bool {
			r, err := e.Resolve(generate.Job{Audience: a, Lang: l, Format: "flyer", Paper: "letter", AllowDraft: true})
			if err == nil {
				_, err = e.Document(r, profile.Organisation{}, doc.Brand{})
			}
			return err != nil
		}) {
			written = append(written, a)
		}
	}
	if len(written) == 0 {
		t.Fatalf("no audience is written in all of %v", langs)
	}
	out := make([]map[string][]string, n)
	for c := range out {
		skip := c * singlesPerCase * len(langs)
		rotated := append(slices.Clone(written[skip%len(written):]), written[:skip%len(written)]...)
		out[c] = sampleAudiences(langs, rotated, singlesPerCase)
	}
	return out
}

// lineVisual is the size of Latin a line looks like (layout.LineVisual,
// in formats_test.go: one typesetter and one lock for the tests of both
// packages, which share a binary).
var lineVisual = layout.LineVisual

// squash drops white space, soft hyphens and the marks that steer line
// breaks and direction (which the typesetter does not print), so that
// text broken over lines compares with the model's.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u00ad' || r == '\u200b' || r == '\u2060' || unicode.Is(unicode.Bidi_Control, r) {
			return -1
		}
		return r
	}, s)
}

// docsOf makes the document of each of r's languages (one, or two for a
// two-language material), as the layout sets them side by side.
func docsOf(e *generate.Engine, r generate.Resolved, org profile.Organisation, brand doc.Brand) ([]*doc.Document, error) {
	var docs []*doc.Document
	for _, lang := range strings.Split(strings.TrimSuffix(r.Lang+"+"+r.Second, "+"), "+") {
		one := r
		one.Lang, one.Second = lang, ""
		d, err := e.Document(one, org, brand)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// laidOut resolves job and lays it out for org with brand, as generate
// does, with the documents of each of its languages (docsOf). ok is false
// when there is nothing to check: the engine refuses the combination on
// purpose (an audience or a kit not written in the language), or the
// layout failed, which is reported naming the case. A missing system
// font skips the test, naming the package to install, unless
// AWAREKIT_REQUIRE_FONTS=1 (pdftest.Required).
func laidOut(t *testing.T, e *generate.Engine, name string, job generate.Job, org profile.Organisation, brand doc.Brand) (docs []*doc.Document, ld *layout.Document, ok bool) {
	t.Helper()
	r, err := e.Resolve(job)
	if err != nil {
		return nil, nil, false
	}
	if docs, err = docsOf(e, r, org, brand); err != nil {
		return nil, nil, false
	}
	ld, err = e.Layout(r, org, brand)
	var missingGlyph *typeset.MissingGlyphError
	if errors.As(err, &missingGlyph) && !pdftest.Required() {
		t.Skip(err)
	}
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return nil, nil, false
	}
	return docs, ld, true
}

// missing lists what of carries the pages do not print, for each
// document (one per language).
//
// missing reads the pages as pagesText does, in the order a reader reads
// them, so a model text must be printed whole, its punctuation in its
// place, on a right-to-left page as on any other.
func missing(ld *layout.Document, docs []*doc.Document, carries layout.Content) []string {
	images := 0
	for _, p := range ld.Pages {
		for _, e := range p.Elements {
			if e.Image != nil {
				images++
			}
		}
	}
	all := pagesText(ld)
	var out []string
	for _, d := range docs {
		for _, b := range carries.Blocks {
			switch b {
			case doc.PartLogo:
				if d.Brand.Logo != nil && images == 0 {
					out = append(out, "the logo is not printed")
				}
				continue
			}
			want := d.Texts(b)
			if b == doc.PartLocal && d.Help.Local != nil {
				var own, labelled []doc.Contact
				for _, c := range d.Help.Local.Contacts {
					if c.Name == d.Brand.OrgName {
						own = append(own, c)
					} else {
						labelled = append(labelled, c)
					}
				}
				if carries.LeavesLocal(len(labelled)) {
					nd := *d
					nl := *d.Help.Local
					nl.Contacts = own
					nd.Help.Local = &nl
					d2 := &nd
					want = d2.Texts(b)
					if carries.Compact {
						want = compact(d2, b, want)
					}
					out = append(out, absent(all, want, b, d.Meta.Lang)...)
					continue
				}
			}
			if b == doc.PartSigns && carries.Signs > 0 {
				// The format prints the first signs: the least it
				// declares at least.
				least := carries.MinSigns
				if least == 0 {
					least = carries.Signs
				}
				if least < 0 {
					continue
				}
				want = append([]string{d.Signs.Title}, d.Signs.Items[:min(least, len(d.Signs.Items))]...)
				if carries.Untitled {
					want = want[1:]
				}
			}
			if b == doc.PartStory && carries.Stories > 0 {
				want = nil
				for _, st := range d.Stories[:min(carries.Stories, len(d.Stories))] {
					want = append(want, st.Title, st.Text, st.Label)
				}
			}
			if carries.Compact {
				want = compact(d, b, want)
			}
			if b == doc.PartFooter && carries.ShortDraft {
				want = nil
				if d.Footer.Draft != "" {
					want = []string{d.Labels.SMSDraft}
				}
			}
			out = append(out, absent(all, want, b, d.Meta.Lang)...)
		}
	}
	return out
}

// compact is what a small piece prints of block b (layout.Content's
// Compact): contacts by name and number, the QR code without its
// caption, and of the footer the draft notice.
func compact(d *doc.Document, b doc.Part, want []string) []string {
	switch b {
	case doc.PartContacts:
		var out []string
		for _, c := range d.Help.Others {
			if c.Phone != "" {
				out = append(out, c.Name, c.Phone)
			}
		}
		return out
	case doc.PartProvince:
		var out []string
		for _, c := range d.Help.Province {
			out = append(out, c.Name, cmp.Or(c.Phone, c.Website))
		}
		return out
	case doc.PartLocal:
		l := d.Help.Local
		if l == nil {
			return nil
		}
		out := []string{l.Title}
		for _, c := range l.Contacts {
			if c.Name != d.Brand.OrgName {
				out = append(out, c.Name)
			}
			out = append(out, cmp.Or(c.Phone, c.Website, c.Email))
		}
		return out
	case doc.PartQR:
		return nil
	case doc.PartFooter:
		return d.Footer.DraftLines()
	}
	return want
}

// pagesText is the text of ld's pages as a reader reads it, squashed
// and in lower case: each line's runs in logical order (a line's runs
// are in visual order: on a right-to-left line the first is at the
// right, and a Chinese name that goes on to the next line stands at its
// left), one line after another, so that a text broken over lines reads
// whole.
func pagesText(ld *layout.Document) string {
	var text strings.Builder
	for _, p := range ld.Pages {
		for _, e := range p.Elements {
			if e.Text != nil {
				text.WriteString(logicalText(e.Text.Line))
			}
		}
	}
	return strings.ToLower(squash(text.String()))
}

// absent lists the strings of want that all (the pages' text, squashed
// and in lower case) does not hold.
func absent(all string, want []string, b doc.Part, lang string) []string {
	var out []string
	for _, s := range want {
		if !strings.Contains(all, strings.ToLower(squash(s))) {
			out = append(out, fmt.Sprintf("%s (%s): %q is not printed", b, lang, s))
		}
	}
	return out
}

// leastNumber is the hotline number's least size where a format names
// one (the rule: a flyer's at least 36 pt, a poster's 72).
var leastNumber = map[string]float64{"flyer": 36, "handout": 36, "tearoff": 36, "poster": 72}

// hierarchy checks the size rules over the laid-out pages, in the sizes
// text looks (a Gurmukhi line at 12.9 pt looks like Latin at 11): the
// hotline number is the largest text on every page that prints it, at
// least the format's least size; the body (signs, what to do, the
// introduction) of a flyer's pages and a handout's front looks 11 pt or
// more, whatever the branding adds; on a one-language flyer and poster the organisation's
// name is printed once in the header and once over its contacts.
func hierarchy(ld *layout.Document, docs []*doc.Document, format string, bilingual bool) []string {
	var out []string
	phone := squash(docs[0].Help.Hotline.Phone)
	for i, p := range ld.Pages {
		number, other := 0.0, 0.0
		var otherText string
		for _, e := range p.Elements {
			if e.Text == nil || len(e.Text.Line.Runs) == 0 {
				continue
			}
			// Sizes are what the text looks like: the size of Latin
			// letters as large (typeset.Typesetter.RunOptical).
			var sb strings.Builder
			for _, r := range e.Text.Line.Runs {
				sb.WriteString(r.Text)
			}
			size := lineVisual(e.Text.Line)
			text := squash(sb.String())
			switch {
			case strings.Contains(text, phone):
				number = max(number, size)
			case size > other:
				other, otherText = size, sb.String()
			}
			// A list's marker alone on its line (•, ✓, ✗) is no text to
			// read: set at the size asked, beside Chinese at 10.1 pt it
			// is not the body's size.
			body := (format == "flyer" || format == "handout" && i == 0) && strings.ContainsFunc(text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
			if blk := e.Tag.BlockOf(); body && size < 11-0.01 && (blk == doc.PartSigns || blk == doc.PartActions || blk == doc.PartIntro) {
				caution := slices.ContainsFunc(docs, func(d *doc.Document) bool {
					return squash(d.Signs.Caution) != "" && strings.Contains(squash(d.Signs.Caution), text)
				})
				if blk != doc.PartSigns || !caution { // the caution is a note, in small print
					out = append(out, fmt.Sprintf("page %d: %q (%s) is set at %.1f pt, below 11", i+1, sb.String(), blk, size))
				}
			}
		}
		if number == 0 {
			continue
		}
		if number < other-0.01 {
			out = append(out, fmt.Sprintf("page %d: the hotline number is %.1f pt, smaller than %q at %.1f pt", i+1, number, otherText, other))
		}
		if least := leastNumber[format]; number < least-0.01 {
			out = append(out, fmt.Sprintf("page %d: the hotline number is %.1f pt, below %.0f", i+1, number, least))
		}
	}
	// (Lines read in logical order: a name in Latin letters inside a
	// right-to-left line reads whole.)
	if d := docs[0]; !bilingual && (format == "flyer" || format == "poster") {
		name := strings.ToLower(squash(d.Brand.OrgName))
		if name != "" {
			text := pagesText(&layout.Document{Pages: ld.Pages[:1]})
			want := 1
			if d.Help.Local != nil {
				want = 2
			}
			if n := strings.Count(text, name); n != want {
				out = append(out, fmt.Sprintf("the organisation's name is printed %d times, want %d (the header and over its contacts)", n, want))
			}
		}
	}
	return out
}

// TestChecksReadRightToLeftLines sets a right-to-left paragraph that
// ends in Chinese, as the contacts of an Arabic and Chinese page are
// ("خط الخدمات المحلية / 本地服务求助热线"), at the widths where its
// first line ends inside the Chinese name, and checks what the sweep's
// checks read of it: the whole text (missing: a name broken over two
// lines of a right-to-left page was said not printed, its lines read
// in visual order), and a Chinese word split at the break
// (ChineseWordWhole, which must see 加拿 / 大 there, and nothing where
// the break falls between words).
func TestChecksReadRightToLeftLines(t *testing.T) {
	ts := layout.OpticalSetter()
	const text = "خط الخدمات المحلية / 加拿大人口贩运求助热线"
	split, whole := false, false
	for w := 200.0; w > 60 && !(split && whole); w-- {
		p, err := ts.Set(text, typeset.Options{Style: typeset.Style{Size: 11}, Width: w, Lang: "ar", RTL: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Lines) != 2 {
			continue
		}
		first, second := logicalText(p.Lines[0]), logicalText(p.Lines[1])
		if !strings.ContainsFunc(first, isHan) || !strings.ContainsFunc(second, isHan) {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(runsText(p.Lines[0].Runs)); !isHan(r) {
			t.Fatalf("at %.0f pt the first line's runs %q do not start at the left with its Chinese end: not the case this test is for", w, runsText(p.Lines[0].Runs))
		}
		tag := &layout.Tag{Role: layout.RoleP, Block: doc.PartContacts, Lang: "ar"}
		ld := &layout.Document{Pages: []layout.Page{{Width: 612, Height: 792}}}
		for i, l := range p.Lines {
			ld.Pages[0].Elements = append(ld.Pages[0].Elements, layout.Element{Tag: tag, Text: &layout.TextLine{X: 72, Y: 72 + 14*float64(i), Line: l}})
		}
		if got, want := pagesText(ld), strings.ToLower(squash(text)); !strings.Contains(got, want) {
			t.Errorf("at %.0f pt (%q / %q) the pages' text reads %q, not %q", w, first, second, got, want)
		}
		var found []string
		for _, msg := range breaks(ld, nil) {
			if strings.HasPrefix(msg, "ChineseWordWhole") {
				found = append(found, msg)
			}
		}
		switch {
		case strings.HasSuffix(first, "加拿"):
			split = true
			if len(found) != 1 || !strings.Contains(found[0], `"加拿" / "大`) {
				t.Errorf("at %.0f pt the break splits 加拿 / 大 (%q / %q); ChineseWordWhole found %q", w, first, second, found)
			}
		case strings.HasSuffix(first, "加拿大") || strings.HasSuffix(first, "人口"):
			whole = true
			if len(found) != 0 {
				t.Errorf("at %.0f pt the break is between words (%q / %q); ChineseWordWhole found %q", w, first, second, found)
			}
		}
	}
	if !split || !whole {
		t.Fatalf("no width set the paragraph's first line ending in 加拿 (%v) and at a word's end (%v): the typesetter breaks it elsewhere now; choose another text", split, whole)
	}
}

// TestAddressBreakRule checks the rule AddressBreaksAfterDotOrSlash on
// breaks seen on pages: an address broken inside a part, and one that
// ends at the break, before a full-width parenthesis (Chinese puts no
// space before it).
func TestAddressBreakRule(t *testing.T) {
	var rule breakRule
	for _, r := range breakRules {
		if r.name == "AddressBreaksAfterDotOrSlash" {
			rule = r
		}
	}
	for _, c := range []struct {
		before, after string
		broken        bool
	}{
		{"QR: canadianhumantraffickinghotline.c", "a", true},
		{"www.riverside-settlement", "services.example.org/help", true},
		{"ምዝማዝ ቆልዑ ሪፖርት ንምግባር) / Cybertip.ca", "（网上儿童性剥削举报平台）", false},
		{"Cybertip.ca", "(Canada's tipline)", false},
		{"canadianhumantraffickinghotline.", "ca", false},
		{"www.riverside-settlement-services.example.org/", "help", false},
		{"Call the ", "hotline.ca", false},
	} {
		if got := rule.at(c.before, c.after); got != c.broken {
			t.Errorf("%q / %q: broken %v, want %v", c.before, c.after, got, c.broken)
		}
	}
}

// TestSampleAudiences checks that the full sweep's sample makes every
// pair without English for audiencesPerPair different audiences and
// every audience for as many pairs.
func TestSampleAudiences(t *testing.T) {
	e := testEngine(t)
	audiences := e.AudienceIDs()
	pairs := pairsWithoutEnglish(e.Languages())
	if len(pairs) != 110 {
		t.Errorf("%d pairs without English, want the 110 of ar es fa fr pa ti tl uk ur vi zh-Hans: %q", len(pairs), pairs)
	}
	sampled := sampleAudiences(pairs, audiences, audiencesPerPair)
	per := map[string]int{}
	for _, p := range pairs {
		got := sampled[p]
		if len(slices.Compact(slices.Sorted(slices.Values(got)))) != audiencesPerPair {
			t.Errorf("%s is made for %q, want %d audiences", p, got, audiencesPerPair)
		}
		for _, a := range got {
			per[a]++
		}
	}
	for _, a := range audiences {
		if want := len(pairs) * audiencesPerPair / len(audiences); per[a] != want {
			t.Errorf("%s is made for %d pairs, want %d", a, per[a], want)
		}
	}
}
