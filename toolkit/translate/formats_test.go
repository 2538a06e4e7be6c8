package translate

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	toml "github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"

	"github.com/awarekit/awarekit/toolkit/pdftest"
)

// The languages the format tests export: a draft in Latin letters, one
// right to left, one in an Indic script, and one that must be rewritten
// (with stale and missing messages).
var formatLangs = []string{"es", "ar", "pa", "iu"}

// TestXLIFFValidates: the XLIFF export is well-formed and valid against
// the XLIFF 2.0 core schema (OASIS), as libxml2's xmllint reads it, and
// its placeholders are <ph> codes whose original text is kept.
func TestXLIFFValidates(t *testing.T) {
	t.Parallel()
	pdftest.Need(t, "xmllint")
	_, p := shared(t)
	dir := t.TempDir()
	schema := filepath.Join("testdata", "xliff", "xliff_core_2.0.xsd")
	for _, tag := range formatLangs {
		data := export(t, p, tag, XLIFF, OnlyAll)
		path := filepath.Join(dir, tag+".xlf")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("xmllint", "--noout", "--nonet", "--schema", schema, path).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "validates") {
			t.Errorf("%s: xmllint: %v\n%s", tag, err, out)
		}
		// xmllint's own reading of a placeholder: the code and its data.
		out, err = exec.Command("xmllint", "--nonet", "--xpath",
			`string(//*[local-name()="unit"][@id="contact.chth.detail"]//*[local-name()="data"][1])`, path).CombinedOutput()
		if err != nil || strings.TrimSpace(string(out)) != "{{.Hours}}" {
			t.Errorf("%s: the hotline detail's first placeholder is %q (%v); want {{.Hours}}", tag, out, err)
		}
	}
	data := export(t, p, "iu", XLIFF, OnlyAll)
	if !bytes.Contains(data, []byte(`state="initial" subState="awarekit:stale"`)) {
		t.Error("a stale message is not marked initial, awarekit:stale")
	}
}

// TestPOMsgfmt: the PO export passes GNU msgfmt --check (format,
// header, and the msgctxt of every message), before and after msgcat
// writes it again as gettext tools do; and it reads back the same.
func TestPOMsgfmt(t *testing.T) {
	t.Parallel()
	pdftest.Need(t, "msgfmt")
	_, p := shared(t)
	dir := t.TempDir()
	for _, tag := range formatLangs {
		data := export(t, p, tag, PO, OnlyAll)
		for i, d := range [][]byte{data, msgcat(t, data)} {
			path := filepath.Join(dir, tag+".po")
			if err := os.WriteFile(path, d, 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command("msgfmt", "--check", "--statistics", "-o", os.DevNull, path).CombinedOutput()
			if err != nil || strings.Contains(string(out), "warning") {
				t.Errorf("%s (pass %d): msgfmt --check: %v\n%s", tag, i, err, out)
			}
			a, errA := readPO("a.po", data)
			b, errB := readPO("b.po", d)
			if errA != nil || errB != nil {
				t.Fatal(errA, errB)
			}
			if len(a.Got) != len(b.Got) {
				t.Fatalf("%s: %d messages, %d after msgcat", tag, len(a.Got), len(b.Got))
			}
			for k := range a.Got {
				ga, gb := a.Got[k], b.Got[k]
				if ga.ID != gb.ID || ga.English != gb.English || ga.Text != gb.Text || ga.Fuzzy != gb.Fuzzy {
					t.Errorf("%s: %s reads back as %+v after msgcat, was %+v", tag, ga.ID, gb, ga)
				}
			}
		}
	}
}

// TestCSVForSpreadsheets: the CSV starts with a byte order mark, reads
// with another CSV reader into the columns its heading names, and reads
// back after a spreadsheet saves it with semicolons.
func TestCSVForSpreadsheets(t *testing.T) {
	_, p := shared(t)
	data := export(t, p, "ar", CSV, OnlyAll)
	if !bytes.HasPrefix(data, []byte("\ufeff")) {
		t.Error("no byte order mark: Excel would read the file as ANSI")
	}
	recs, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != "id,en,ar,state,room,placeholders,where,notes" {
		t.Errorf("heading %v", recs[0])
	}
	if recs[1][0] != "_notes" || !strings.Contains(recs[1][7], "Modern Standard Arabic") {
		t.Errorf("the second row does not carry the reviewer's notes: %v", recs[1][:1])
	}
	semi := editCSV(t, data, "ui.signs.title", p.Lib.Catalog.Locale("ar").Messages["ui.signs.title"], true)
	f, err := readCSV("ar.csv", semi)
	if err != nil {
		t.Fatal(err)
	}
	if f.Lang != "ar" || len(f.Got) != len(recs)-2 {
		t.Errorf("read back %q with %d messages, want ar with %d", f.Lang, len(f.Got), len(recs)-2)
	}
}

// TestGoi18nReadsTOML: go-i18n's own parser reads the TOML export as a
// message file (description, hash, other), and the hashes are goi18n
// merge's: SHA-1 of the description then the source.
func TestGoi18nReadsTOML(t *testing.T) {
	_, p := shared(t)
	data := export(t, p, "iu", TOML, OnlyAll)
	bundle := i18n.NewBundle(language.English)
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	mf, err := bundle.ParseMessageFileBytes(data, "translate.es.toml")
	if err != nil {
		t.Fatalf("go-i18n cannot read the export: %v", err)
	}
	s, err := p.Sheet(p.Lib.Catalog.Locale("iu"), OnlyAll)
	if err != nil {
		t.Fatal(err)
	}
	if len(mf.Messages) != len(s.Entries) {
		t.Fatalf("go-i18n read %d messages, want %d", len(mf.Messages), len(s.Entries))
	}
	stale := p.StatusOf(p.Lib.Catalog.Locale("iu")).StaleIDs
	if len(stale) == 0 {
		t.Fatal("iu has no stale message to look at")
	}
	for _, m := range mf.Messages {
		if m.Hash != goi18nHash(m.Description, englishOf(t, p, m.ID)) {
			t.Errorf("%s: hash %s is not sha1(description + English)", m.ID, m.Hash)
		}
		if m.ID == stale[0] && m.Other != englishOf(t, p, m.ID) {
			t.Errorf("a stale message's other is %q; goi18n leaves the English there", m.Other)
		}
	}
}

func englishOf(t *testing.T, p *Project, id string) string {
	en, ok := p.Lib.Catalog.English(id)
	if !ok {
		t.Fatalf("no English %s", id)
	}
	return en
}

// TestGoi18nLines: each message read back from a TOML export is placed
// on the line of its other = "…", where an error about it points.
func TestGoi18nLines(t *testing.T) {
	_, p := shared(t)
	data := export(t, p, "es", TOML, OnlyAll)
	f, err := readGoi18n("translate.es.toml", data)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	if len(f.Got) < 100 {
		t.Fatalf("read %d messages; want the whole catalogue", len(f.Got))
	}
	for _, g := range f.Got {
		if g.Line < 1 || g.Line > len(lines) || !strings.HasPrefix(lines[g.Line-1], "other = ") {
			t.Fatalf("%s is placed on line %d, which is not its other = line", g.ID, g.Line)
		}
	}
}

// TestCSVRunsNoFormula: a cell that a spreadsheet would run as a formula
// (a translation "=HYPERLINK(…)" a volunteer imported, notes starting
// with "-") is exported after an apostrophe, so Excel shows it as text,
// and the apostrophe is taken off again when the file comes back.
func TestCSVRunsNoFormula(t *testing.T) {
	s := &Sheet{Lang: "es", Notes: "-- read me", Entries: []Entry{
		{ID: "youth.headline", English: "Know the signs.", Text: `=HYPERLINK("http://x.example","Señales")`, State: StateTranslated},
		{ID: "ui.signs.title", English: "Signs to look for", Text: "@Señales", State: StateTranslated},
		{ID: "ui.actions.title", English: "What to do", Text: "'Qué hacer'", State: StateTranslated},
		// A cell that starts with an apostrophe before a formula's
		// first character came back without it: "'-5" as "-5".
		{ID: "ui.tab.label", English: "'=x", Text: "'-5 %", State: StateTranslated},
		{ID: "ui.draft", English: "''+1", Text: "''@", State: StateTranslated},
	}}
	var b bytes.Buffer
	if err := writeCSV(&b, s); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b.Bytes(), []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs {
		for _, cell := range rec {
			if cell != "" && strings.ContainsAny(cell[:1], "=+-@\t\r") {
				t.Errorf("cell %q would run as a formula", cell)
			}
		}
	}
	f, err := readCSV("es.csv", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for i, g := range f.Got {
		if want := s.Entries[i]; g.Text != want.Text || g.English != want.English {
			t.Errorf("read back %q (English %q), want %q (%q)", g.Text, g.English, want.Text, want.English)
		}
	}
}
