package pack

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/pdftest"
	"github.com/awarekit/awarekit/toolkit/profile"
)

func engine(t *testing.T) *generate.Engine {
	t.Helper()
	e, err := generate.New("awarekit test", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestIndex: every item is a row, a made one with a link and its
// checksum, a missing one with why; text from the plan is escaped.
func TestIndex(t *testing.T) {
	s := Sheet{Event: doc.Event{Name: `Evening <script>alert(1)</script>`, Place: "Hall & annex"}, Brand: doc.Brand{OrgName: "Riverside", Color: doc.RGB{R: 0x0b, G: 0x5c, B: 0x6b}}}
	items := []Item{
		{File: "youth-flyer-en.pdf", What: "Youth flyer, English", Paper: "letter", Pages: 1, Copies: 3, SHA256: "0123456789abcdef0123"},
		{File: ".hidden name.pdf", What: "odd", Paper: "a4", Copies: 1, Failed: "write: no space left on device"},
	}
	data, err := Index(engine(t), s, items, true)
	if err != nil {
		t.Fatal(err)
	}
	page := string(data)
	for _, want := range []string{
		`<a href="pack.pdf">`, `<a href="youth-flyer-en.pdf">youth-flyer-en.pdf</a>`, "<code>0123456789ab</code>",
		`.hidden name.pdf: not made: write: no space left on device`, "Evening &lt;script&gt;", "Hall &amp; annex",
		"border-left:.5rem solid #0b5c6b", `<a href="manifest.json">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("index.html lacks %s", want)
		}
	}
	if strings.Contains(page, "<script>") {
		t.Error("the event's name is not escaped")
	}
	if got := pathEscape(".hidden name.pdf"); got != "./.hidden%20name.pdf" {
		t.Errorf("pathEscape = %q", got)
	}
}

// TestWrite joins a cover sheet and two materials into one valid PDF,
// and leaves nothing when cancelled.
func TestWrite(t *testing.T) {
	t.Parallel()
	pdftest.Need(t, "qpdf", "pdfinfo")
	e := engine(t)
	dir := t.TempDir()
	brand, err := profile.Organisation{Name: "Riverside"}.Brand()
	if err != nil {
		t.Fatal(err)
	}
	var items []Item
	for _, lang := range []string{"en", "fr"} {
		r, err := e.Resolve(generate.Job{Audience: "youth", Lang: lang, Format: "flyer", Paper: "letter"})
		if err != nil {
			t.Fatal(err)
		}
		if !Joinable(&r) {
			t.Fatalf("%s is not joinable", r.FileName(""))
		}
		path, err := e.Write(dir, "", r, profile.Organisation{Name: "Riverside"}, brand)
		if err != nil {
			t.Fatal(err)
		}
		items = append(items, Item{File: filepath.Base(path), What: e.Describe(r), Paper: "letter", Pages: 1, Copies: 2})
	}
	paper, err := layout.PaperByName("letter")
	if err != nil {
		t.Fatal(err)
	}
	s := Sheet{Event: doc.Event{Name: "Evening"}, Brand: brand, Paper: paper}
	entry, err := Write(context.Background(), e, dir, s, items)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, FileName)
	pdftest.Check(t, path)
	if info := pdftest.Info(t, path); info["Pages"] != "3" || entry.Pages != 3 || info["Title"] != "Print pack: Evening" {
		t.Errorf("pack: %d pages recorded, pdfinfo %v", entry.Pages, info)
	}
	// The cover gives each material's pages in the pack, and the outline
	// opens each one at its first page (qpdf reads it).
	if cover := pdftest.Text(t, path); !strings.Contains(cover, "youth-flyer-en.pdf letter 2 2 Youth flyer") || !strings.Contains(cover, "youth-flyer-fr.pdf letter 3 Total") {
		t.Errorf("the cover sheet does not give the materials' pages in the pack:\n%s", cover)
	}
	var got []string
	for _, o := range pdftest.Outline(t, path) {
		got = append(got, fmt.Sprintf("%d %s", o.Page, o.Title))
	}
	want := []string{"1 Cover sheet: what to print", "2 1. " + items[0].What + " (youth-flyer-en.pdf)", "3 2. " + items[1].What + " (youth-flyer-fr.pdf)"}
	if !slices.Equal(got, want) {
		t.Errorf("outline %q, want %q", got, want)
	}
	if st, _ := os.Stat(path); st == nil || st.Size() != entry.Bytes {
		t.Errorf("recorded %d bytes, file %v", entry.Bytes, st)
	}

	os.Remove(path)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Write(ctx, e, dir, s, items); err == nil {
		t.Error("a cancelled pack reported success")
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a cancelled pack left pack.pdf")
	}
	if tmps, _ := filepath.Glob(filepath.Join(dir, ".*")); len(tmps) > 0 {
		t.Errorf("files left: %v", tmps)
	}
}

// letterFlyer makes a youth flyer on Letter paper for Riverside and
// gives its bytes and the cover sheet of a pack of it.
func letterFlyer(t *testing.T, e *generate.Engine) ([]byte, Sheet) {
	t.Helper()
	dir := t.TempDir()
	brand, err := profile.Organisation{Name: "Riverside"}.Brand()
	if err != nil {
		t.Fatal(err)
	}
	r, err := e.Resolve(generate.Job{Audience: "youth", Lang: "en", Format: "flyer", Paper: "letter"})
	if err != nil {
		t.Fatal(err)
	}
	path, err := e.Write(dir, "", r, profile.Organisation{Name: "Riverside"}, brand)
	if err != nil {
		t.Fatal(err)
	}
	flyer, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	paper, err := layout.PaperByName("letter")
	if err != nil {
		t.Fatal(err)
	}
	s := Sheet{Event: doc.Event{Name: "Evening"}, Brand: brand, Paper: paper}
	return flyer, s
}

// TestCoverCountsItsPages: a cover of many pages gives each material the
// page it has in the pack (the one its bookmark opens), whether its rows
// are alike, so that the first two pages foretell its length, or not;
// and a cover is drawn whole once when its first two pages foretell its
// length (twice when they do not), not laid out to be counted first;
// and its pages are drawn coverChunk to a PDF.
func TestCoverCountsItsPages(t *testing.T) {
	t.Parallel()
	pdftest.Need(t, "qpdf", "pdfinfo", "pdftotext")
	e := engine(t)
	flyer, s := letterFlyer(t, e)
	for _, c := range []struct {
		name  string
		n     int
		long  int // rows from the long-th on are three lines long (0: none)
		draws int // times the cover is drawn whole
	}{
		{"one page", 3, 0, 1},
		{"alike rows", 100, 0, 1},
		{"longer rows after two pages", 100, 70, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			out := t.TempDir()
			w, err := Start(e, out, s)
			if err != nil {
				t.Fatal(err)
			}
			var items []Item
			for i := range c.n {
				what := "Youth flyer, English"
				if c.long > 0 && i >= c.long {
					what = strings.Repeat("Youth flyer, English, for the evening's second session ", 3)
				}
				items = append(items, Item{File: fmt.Sprintf("m-%d.pdf", i+1), What: what, Paper: "letter", Pages: 1, Copies: 1})
				if err := w.Add(flyer); err != nil {
					t.Fatal(err)
				}
			}
			entry, err := w.Finish(context.Background(), slices.Values(items))
			if err != nil {
				t.Fatal(err)
			}
			pack := filepath.Join(out, FileName)
			pdftest.Check(t, pack)
			cover := entry.Pages - c.n
			t.Logf("%d materials: %d pages of cover, drawn whole %d times", c.n, cover, w.coverDraws)
			if cover < 1 {
				t.Fatalf("%d pages for %d materials", entry.Pages, c.n)
			}
			if w.coverDraws != c.draws {
				t.Errorf("the cover was drawn whole %d times, want %d", w.coverDraws, c.draws)
			}
			// Its pages are drawn coverChunk to a PDF (each with its own
			// fonts, compressed at the highest level), not one to a PDF.
			if want := (cover + coverChunk - 1) / coverChunk; w.coverPDFs != want || cover > 1 && w.coverPDFs >= cover {
				t.Errorf("the cover's %d pages were drawn as %d PDFs, want %d", cover, w.coverPDFs, want)
			}
			marks := pdftest.Outline(t, pack)
			if len(marks) != c.n+1 {
				t.Fatalf("%d bookmarks for %d materials", len(marks), c.n)
			}
			for i := range c.n {
				if want := cover + i + 1; marks[i+1].Page != want {
					t.Fatalf("material %d opens at page %d, want %d (the cover has %d pages)", i+1, marks[i+1].Page, want, cover)
				}
			}
			// The cover's rows, column by column: each material's file,
			// paper and page in the pack.
			text, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", "-f", "1", "-l", fmt.Sprint(cover), pack, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			rows := regexp.MustCompile(`m-(\d+)\.pdf +letter +(\d+)`).FindAllStringSubmatch(string(text), -1)
			if len(rows) != c.n {
				t.Fatalf("%d rows on the cover for %d materials:\n%s", len(rows), c.n, text)
			}
			for i, row := range rows {
				if want := fmt.Sprintf("%d %d", i+1, cover+i+1); row[1]+" "+row[2] != want {
					t.Fatalf("row %d says material %s is at page %s, want %s", i+1, row[1], row[2], want)
				}
			}
			if tmps, _ := filepath.Glob(filepath.Join(out, ".*")); len(tmps) > 0 {
				t.Errorf("files left: %v", tmps)
			}
		})
	}
}

// TestCoverDrawnOnSeveralGoroutines: a cover whose pages are drawn on
// goroutines of their own (a build of several workers) gives the same
// pack, byte for byte, as one drawn page after page, whether it is drawn
// whole once or twice; and a pack stopped while they draw leaves nothing.
func TestCoverDrawnOnSeveralGoroutines(t *testing.T) {
	t.Parallel()
	e := engine(t)
	flyer, s := letterFlyer(t, e)
	pack := func(ctx context.Context, n, long, drawers int) ([]byte, int, error) {
		out := t.TempDir()
		w, err := Start(e, out, s)
		if err != nil {
			t.Fatal(err)
		}
		w.Drawers = drawers
		var items []Item
		for i := range n {
			what := fmt.Sprintf("Youth flyer, English, number %d", i)
			if long > 0 && i >= long {
				what = strings.Repeat("Youth flyer, English, for the evening's second session ", 3)
			}
			items = append(items, Item{File: fmt.Sprintf("m-%d.pdf", i+1), What: what, Paper: "letter", Pages: 1, Copies: i%7 + 1})
			if err := w.Add(flyer); err != nil {
				t.Fatal(err)
			}
		}
		_, err = w.Finish(ctx, slices.Values(items))
		if tmps, _ := filepath.Glob(filepath.Join(out, ".*")); len(tmps) > 0 {
			t.Errorf("files left: %v", tmps)
		}
		if err != nil {
			if _, serr := os.Stat(filepath.Join(out, FileName)); serr == nil {
				t.Errorf("a pack that failed (%v) is in place", err)
			}
			return nil, 0, err
		}
		data, err := os.ReadFile(filepath.Join(out, FileName))
		if err != nil {
			t.Fatal(err)
		}
		return data, w.coverDraws, nil
	}
	for _, c := range []struct{ n, long int }{{3, 0}, {150, 0}, {150, 100}} {
		want, wantDraws, err := pack(context.Background(), c.n, c.long, 1)
		if err != nil {
			t.Fatal(err)
		}
		for _, drawers := range []int{2, 3} {
			got, draws, err := pack(context.Background(), c.n, c.long, drawers)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) || draws != wantDraws {
				t.Errorf("%d materials (longer from %d), %d drawers: %d bytes drawn whole %d times, one drawer %d bytes %d times", c.n, c.long, drawers, len(got), draws, len(want), wantDraws)
			}
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := pack(ctx, 150, 0, 2); err == nil {
		t.Error("a cancelled pack reported success")
	}
}
