package translate

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rivo/uniseg"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/locale"
	"github.com/awarekit/awarekit/toolkit/pdftest"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// ofCells is English-like text of n terminal cells: the message's own
// words, repeated and cut, then its placeholders.
func ofCells(en string, n int) string {
	n -= len(locale.Placeholders(en)) // the space before each placeholder
	words := strings.Fields(placeholderRE.ReplaceAllString(en, ""))
	if len(words) == 0 {
		words = []string{"words"}
	}
	var b strings.Builder
	for i := 0; uniseg.StringWidth(b.String()) < n; i++ {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(words[i%len(words)])
	}
	s := []rune(b.String())
	for uniseg.StringWidth(string(s)) > n {
		s = s[:len(s)-1]
	}
	if s[len(s)-1] == ' ' {
		s[len(s)-1] = 'x'
	}
	out := string(s)
	for _, ph := range locale.Placeholders(en) {
		out += " {{." + ph + "}}"
	}
	return out
}

// TestMaxFits: every message whose room the message table declares
// (max) is laid out at that length in every format and audience that
// print it, all of them at once, and every page still fits; so the room
// import allows is room the layouts have.
func TestMaxFits(t *testing.T) {
	t.Parallel()
	_, p := shared(t)
	long := map[string]string{}
	for _, m := range p.Lib.Messages() {
		if m.Max > 0 {
			en, _ := p.Lib.Catalog.English(m.ID)
			long[m.ID] = ofCells(en, m.Max)
			if got := Cells(long[m.ID]); got != m.Max {
				t.Fatalf("%s: test text of %d cells, want %d", m.ID, got, m.Max)
			}
		}
	}
	if len(long) == 0 {
		t.Fatal("no message declares its room")
	}
	lib, err := p.probeWith(func(_ int, id, en string) string {
		if s, ok := long[id]; ok {
			return s
		}
		return en
	})
	if err != nil {
		t.Fatal(err)
	}
	where, err := p.Where()
	if err != nil {
		t.Fatal(err)
	}
	ts := typeset.New(p.Fonts)
	done := map[Place]bool{}
	for id := range long {
		if len(where[id]) == 0 {
			t.Errorf("%s declares its room but is printed nowhere", id)
		}
		for _, pl := range where[id] {
			if done[pl] || pl.With != "" {
				continue
			}
			done[pl] = true
			f, _ := format.ByName(pl.Format)
			d, ok, err := document(lib, f, content.Request{Audience: pl.Audience, Lang: probeTag, AllowDraft: true})
			if err != nil || !ok {
				t.Fatalf("%s %s: %v", pl.Audience, pl.Format, err)
			}
			if _, err := printed(ts, f, d); err != nil {
				t.Errorf("%s %s with every declared room full: %v", pl.Audience, pl.Format, err)
			}
		}
	}
}

// TestWhere: where messages print is measured from what the formats
// print, so it follows the layouts: a few facts any reader of the
// layouts can check.
func TestWhere(t *testing.T) {
	_, p := shared(t)
	where, err := p.Where()
	if err != nil {
		t.Fatal(err)
	}
	formats := func(id string) []string {
		var out []string
		for _, pl := range where[id] {
			if !slices.Contains(out, pl.Format) {
				out = append(out, pl.Format)
			}
		}
		return sortFormats(out)
	}
	for id, want := range map[string][]string{
		"ui.tab.label":       {"tearoff"},
		"ui.cards.back":      {"cards"},
		"ui.poster.call":     {"poster"},
		"safety.front.title": {"safety-card"},
		"ui.sms.draft":       {"sms"},
	} {
		if got := formats(id); !slices.Equal(got, want) {
			t.Errorf("%s prints on %v, want %v", id, got, want)
		}
	}
	for _, pl := range where["youth.headline"] {
		if pl.Audience != "youth" {
			t.Errorf("youth.headline prints for %q", pl.Audience)
		}
	}
	if got := formats("common.do.call911"); len(got) < 10 {
		t.Errorf("the 911 line prints on only %v", got)
	}
	note, err := p.WhereNote("contact.bcoctip.name")
	if err != nil || !strings.Contains(note, "with the lines of province bc") {
		t.Errorf("contact.bcoctip.name: %q, %v", note, err)
	}
	note, _ = p.WhereNote("ui.help.listed_by")
	if !strings.Contains(note, "your organisation's own contacts") {
		t.Errorf("ui.help.listed_by: %q", note)
	}
}

// TestProof: the proof holds, for a message, its ID, the English and
// the translation as they print (placeholders filled), in embedded
// fonts, and qpdf finds the file sound.
func TestProof(t *testing.T) {
	t.Parallel()
	pdftest.Need(t, "pdftotext", "qpdf", "pdffonts")
	const kitID = "kit.youth.scenario.5.notes"
	_, p := shared(t)
	dir := t.TempDir()
	for _, tag := range []string{"es", "ar"} {
		path := filepath.Join(dir, "proof-"+tag+".pdf")
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := p.Proof(f, ProofOptions{Lang: tag}); err != nil {
			t.Fatal(err)
		}
		f.Close()
		pdftest.Check(t, path)
		text := pdftest.Normalize(pdftest.Text(t, path))
		en, _ := p.Lib.Catalog.English("ui.signs.title")
		for _, want := range []string{"contact.chth.detail", "ui.signs.title", en, "24/7"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s proof lacks %q", tag, want)
			}
		}
		if tag == "es" && !strings.Contains(text, pdftest.Normalize(p.Lib.Catalog.Locale("es").Messages["ui.signs.title"])) {
			t.Error("the Spanish proof lacks the Spanish text")
		}
		// The English as it prints, with its typographic apostrophes
		// (pdftest.Text folds them; read the raw text).
		if raw, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output(); err != nil || !strings.Contains(string(raw), "person’s") {
			t.Errorf("%s proof does not print the English's apostrophes as its pages do (%v)", tag, err)
		}
		// Spanish lacks the workshop kit's messages (it does not make
		// the kit) and the sector audiences' (it has not begun them):
		// the proof of all leaves them out.
		if m, ok := p.Lib.Message(kitID); !ok || !m.KitOnly() || p.State(p.Lib.Catalog.Locale(tag), kitID) != StateMissing {
			t.Fatalf("%s is not a kit message %s lacks", kitID, tag)
		}
		all, err := p.Sheet(p.Lib.Catalog.Locale(tag), OnlyAll)
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		for _, e := range all.Entries {
			if m, _ := p.Lib.Message(e.ID); e.State != StateMissing || !m.KitOnly() && !p.Lib.Unbegun(e.ID, tag) {
				want++
			}
		}
		// A message ID breaks across lines only after one of its dots:
		// joined there, every ID reads whole.
		joined := strings.ReplaceAll(text, ". ", ".")
		for _, e := range all.Entries {
			if m, _ := p.Lib.Message(e.ID); (e.State != StateMissing || !m.KitOnly() && !p.Lib.Unbegun(e.ID, tag)) && !strings.Contains(joined, e.ID) {
				t.Errorf("%s proof: the ID %s is broken inside a word", tag, e.ID)
			}
		}
		if n := fmt.Sprintf(" %d messages;", want); !strings.Contains(text, n) {
			t.Errorf("%s proof of all does not say%s (every message but those of the kit and of audiences it lacks)", tag, n)
		}
		for _, font := range pdftest.Fonts(t, path) {
			if !font.Embedded {
				t.Errorf("%s proof: font %s is not embedded", tag, font.Name)
			}
		}
	}
}
