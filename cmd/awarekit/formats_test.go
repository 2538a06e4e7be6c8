package main

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/locale"
	"github.com/awarekit/awarekit/toolkit/pdftest"
	"github.com/awarekit/awarekit/toolkit/profile"
)

const hotlineNumber = "1-833-900-1010"

// cardLangs are the languages the card formats are checked in with the
// command line: the two every audience has, and the first right-to-left
// language the project has.
func cardLangs(tags []string) []string {
	langs := []string{"en", "fr"}
	for _, tag := range tags {
		if sc, _ := locale.ScriptOf(tag); sc.RTL {
			return append(langs, tag)
		}
	}
	return langs
}

// TestGenerateCardsAndTearoff makes wallet cards, safety cards and
// tear-off flyers for every audience on both papers (a sample unless
// AWAREKIT_FULL=1)
// and checks them as a reader's tools see them: a valid file, the page
// size and count, the hotline on every card and every tab, and nothing on
// the outside of a safety card that gives it away.
func TestGenerateCardsAndTearoff(t *testing.T) {
	sweep(t)
	pdftest.Need(t, "qpdf", "pdftotext", "pdfinfo")
	e, err := generate.Open(generate.Config{Creator: "awarekit test", Library: embedded(t)})
	if err != nil {
		t.Fatal(err)
	}
	noOrg := profile.Organisation{}
	brand, err := noOrg.Brand()
	if err != nil {
		t.Fatal(err)
	}
	langs := cardLangs(e.Languages())
	work := t.TempDir()
	papers := []struct {
		name, size string
		cards      int
	}{
		{"letter", "612 x 792 pts (letter)", 10},
		{"a4", "595.28 x 841.89 pts (A4)", 8},
	}
	for i, paper := range papers {
		// The sample: one audience on each paper; AWAREKIT_FULL=1 makes
		// every audience on both, each in the languages of langs it is
		// written in (the sector audiences in English and French).
		ids := e.AudienceIDs()
		auds := []string{ids[(i*3)%len(ids)]}
		if full() {
			auds = ids
		}
		out := filepath.Join(work, paper.name)
		writtenIn := func(id string) []string {
			return slices.DeleteFunc(slices.Clone(langs), func(l string) bool { return !slices.Contains(e.Lib.Languages(id), l) })
		}
		// The paper's files are joined, so that qpdf --check, pdftotext
		// and pdfinfo run once for them all (AWAREKIT_FULL=1 checks each
		// file with qpdf too).
		var paths []string
		for _, id := range auds {
			written := writtenIn(id)
			r := runCLI(t, work, "generate", "-a", id, "-l", strings.Join(written, ","),
				"-f", "cards,safety-card,tearoff", "--paper", paper.name, "-o", out)
			if r.code != 0 {
				t.Fatalf("generate -a %s --paper %s: exit %d\n%s", id, paper.name, r.code, r.stderr)
			}
			for _, lang := range written {
				for _, f := range []string{"cards", "safety-card", "tearoff"} {
					paths = append(paths, filepath.Join(out, id+"-"+f+"-"+lang+".pdf"))
				}
			}
		}
		joined := pdftest.Join(t, paths...)
		joined.Check(t)
		// The join leaves out each file's catalog and structure tree:
		// the last file of each format is checked alone.
		for _, p := range paths[max(0, len(paths)-3):] {
			pdftest.Check(t, p)
		}
		texts, sizes := joined.Pages(t), joined.Sizes(t)
		pagesOf := map[string][]string{}
		sizesOf := map[string][]string{}
		for k, path := range paths {
			pagesOf[path], sizesOf[path] = texts[k], sizes[k]
		}
		for _, id := range auds {
			for _, lang := range writtenIn(id) {
				file := func(format string) string { return filepath.Join(out, id+"-"+format+"-"+lang+".pdf") }
				res, err := e.Resolve(generate.Job{Audience: id, Lang: lang, Format: "cards", Paper: paper.name})
				if err != nil {
					t.Fatal(err)
				}
				d, err := e.Document(res, noOrg, brand)
				if err != nil {
					t.Fatal(err)
				}
				// check checks the file's page count and sizes, and returns
				// pageText, its page n's text (from 1).
				check := func(t *testing.T, path string, pages int) (pageText func(n int) string) {
					t.Helper()
					if full() {
						pdftest.Check(t, path)
					}
					if got := sizesOf[path]; len(got) != pages || slices.ContainsFunc(got, func(s string) bool { return s != paper.size }) {
						t.Fatalf("page sizes %q; want %d pages of %q", got, pages, paper.size)
					}
					return func(n int) string { return pagesOf[path][n-1] }
				}

				t.Run(paper.name+"/"+id+"/"+lang+"/cards", func(t *testing.T) {
					path := file("cards")
					pageText := check(t, path, 2)
					if n := strings.Count(pageText(1), hotlineNumber); n != paper.cards {
						t.Errorf("the hotline is on %d fronts, want %d", n, paper.cards)
					}
					backs := pageText(2)
					if strings.Contains(backs, hotlineNumber) {
						t.Error("the backs repeat the hotline; they are for the other contacts")
					}
					// pdftotext reorders brackets by its own guess at the
					// direction in right-to-left pages, even where the page
					// draws them in place; compare without them.
					backs = withoutBrackets(backs)
					for _, c := range d.Help.Others {
						if n := strings.Count(backs, withoutBrackets(c.Phone)); c.Phone != "" && n != paper.cards {
							t.Errorf("%s (%s) is on %d backs, want %d", c.Name, c.Phone, n, paper.cards)
						}
					}
				})

				t.Run(paper.name+"/"+id+"/"+lang+"/safety-card", func(t *testing.T) {
					path := file("safety-card")
					pageText := check(t, path, 2)
					front := pageText(1)
					// The outside says its calm words and nothing else.
					allowed := strings.Fields(pdftest.Normalize(d.Safety.FrontTitle + " " + d.Safety.FrontText))
					for _, word := range strings.Fields(front) {
						if !containsWord(allowed, word) {
							t.Errorf("the outside of the safety card says %q", word)
						}
					}
					for _, bad := range []string{hotlineNumber, "911", "rafficking", "traite", pdftest.Normalize(d.Help.Hotline.Name)} {
						if strings.Contains(front, bad) {
							t.Errorf("the outside of the safety card shows %q:\n%s", bad, front)
						}
					}
					if n := strings.Count(pageText(2), hotlineNumber); n != paper.cards {
						t.Errorf("the hotline is inside %d safety cards, want %d", n, paper.cards)
					}
				})

				t.Run(paper.name+"/"+id+"/"+lang+"/tearoff", func(t *testing.T) {
					path := file("tearoff")
					pageText := check(t, path, 1)
					res.Format, _ = format.ByName("tearoff")
					ld, err := e.Layout(res, noOrg, brand)
					if err != nil {
						t.Fatal(err)
					}
					tabs, all := 0, 0
					for _, el := range ld.Pages[0].Elements {
						if el.Text == nil {
							continue
						}
						var s strings.Builder
						for _, run := range el.Text.Line.Runs {
							s.WriteString(run.Text)
						}
						if strings.Contains(s.String(), hotlineNumber) {
							all++
							if el.Text.Rotate != 0 {
								tabs++
							}
						}
					}
					if tabs < 8 || tabs > 10 {
						t.Errorf("%d tabs, want 8 to 10", tabs)
					}
					if n := strings.Count(pageText(1), hotlineNumber); n != all {
						t.Errorf("pdftotext finds the hotline %d times, want %d: on each of %d tabs and above them", n, all, tabs)
					}
				})
			}
		}
	}
}

// withoutBrackets drops brackets and bidi controls.
func withoutBrackets(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '(' || r == ')' || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 {
			return -1
		}
		return r
	}, s)
}

func containsWord(words []string, w string) bool {
	for _, x := range words {
		if x == w {
			return true
		}
	}
	return false
}

// TestGenerateCardsBleed asks for a 3 mm bleed and crop marks and checks
// the print boxes pdfinfo reports: the bleed box 3 mm outside the trim
// box on every side, both on the page.
func TestGenerateCardsBleed(t *testing.T) {
	pdftest.Need(t, "qpdf", "pdfinfo")
	work := t.TempDir()
	for _, paper := range []string{"letter", "a4"} {
		out := filepath.Join(work, paper)
		r := runCLI(t, work, "generate", "-a", "youth", "-l", "en", "-f", "cards,safety-card,tearoff",
			"--paper", paper, "--bleed", "3", "--crop-marks", "-o", out)
		if r.code != 0 {
			t.Fatalf("exit %d\n%s", r.code, r.stderr)
		}
		for _, format := range []string{"cards", "safety-card", "tearoff"} {
			t.Run(paper+"/"+format, func(t *testing.T) {
				path := filepath.Join(out, "youth-"+format+"-en.pdf")
				pdftest.Check(t, path)
				info := pdftest.Info(t, path, "-box")
				trim, bleed := boxOf(t, info["TrimBox"]), boxOf(t, info["BleedBox"])
				media := boxOf(t, info["MediaBox"])
				want := 3 * layout.PointsPerMM
				for i, sign := range []float64{-1, -1, 1, 1} {
					if d := (bleed[i] - trim[i]) * sign; d < want-0.02 || d > want+0.02 {
						t.Errorf("bleed box %v is %.2f pt outside trim box %v on side %d, want %.2f", bleed, d, trim, i, want)
					}
				}
				if bleed[0] < media[0] || bleed[1] < media[1] || bleed[2] > media[2] || bleed[3] > media[3] {
					t.Errorf("bleed box %v is not on the page %v", bleed, media)
				}
			})
		}
	}
}

// boxOf parses a pdfinfo box: four numbers, left bottom right top.
func boxOf(t *testing.T, s string) [4]float64 {
	t.Helper()
	f := strings.Fields(s)
	if len(f) != 4 {
		t.Fatalf("box %q: want four numbers", s)
	}
	var b [4]float64
	for i, v := range f {
		n, err := strconv.ParseFloat(v, 64)
		if err != nil {
			t.Fatalf("box %q: %v", s, err)
		}
		b[i] = n
	}
	return b
}
