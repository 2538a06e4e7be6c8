package translate

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/locale"
	"github.com/awarekit/awarekit/toolkit/pdftest"
)

// TestRoundTrip: for every format, a file exported for a translator,
// with one message changed the way the translator's tool saves it, is
// imported into a content folder, and the flyer prints the change.
func TestRoundTrip(t *testing.T) {
	t.Parallel()
	for _, f := range Formats {
		t.Run(f, func(t *testing.T) {
			dir := copied(t)
			folder := t.TempDir()
			p := reopen(t, dir, folder)
			const id = "youth.headline"
			text := "Conoce las señales de la trata: pide ayuda (" + f + ")"
			data := edit(t, f, export(t, p, "es", f, OnlyAll), id, text)
			res, err := p.Import("translation.es."+Ext(f), data, ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(res.Written, []string{id}) {
				t.Fatalf("written %v, want [%s]; skipped %v", res.Written, id, res.Skipped)
			}
			l, written := folderLocale(t, folder, "es")
			en, _ := p.Lib.Catalog.English(id)
			if len(l.Messages) != 1 || l.Messages[id] != text || l.Sources[id] != locale.SourceHash(en) || l.Meta.Status != locale.StatusDraft {
				t.Errorf("the content folder's es.toml holds %v, sources %v, status %q; want only the changed headline, its English hash and status draft:\n%s", l.Messages, l.Sources, l.Meta.Status, written)
			}
			q := reopen(t, dir, folder)
			got := flyerText(t, q, "youth", "es")
			if !strings.Contains(got, pdftest.Normalize(text)) {
				t.Errorf("the flyer does not print the new headline %q:\n%s", text, got)
			}
			if !strings.Contains(got, "borrador") {
				t.Errorf("the draft Spanish flyer lost its draft line:\n%s", got)
			}
		})
	}
}

// TestImportIntoProject: without a content folder, import changes the
// project's locales/es.toml in place: the one value, and nothing else
// of the file (comments, notes, sections, hashes) moves.
func TestImportIntoProject(t *testing.T) {
	t.Parallel()
	dir, p := checkout(t)
	path := filepath.Join(dir, "locales", "es.toml")
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data := editPO(t, export(t, p, "es", PO, OnlyAll), "ui.signs.title", "Señales de alarma")
	if _, err := p.Import("es.po", data, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a, b := strings.Split(string(before), "\n"), strings.Split(string(after), "\n")
	if len(a) != len(b) {
		t.Fatalf("the file went from %d to %d lines", len(a), len(b))
	}
	var changed []string
	for i := range a {
		if a[i] != b[i] {
			changed = append(changed, b[i])
		}
	}
	if !slices.Equal(changed, []string{`signs.title = "Señales de alarma"`}) {
		t.Errorf("changed lines %q; want only the message's", changed)
	}
}

// TestUnchangedImportWritesNothing: every language's file, exported in
// every format and imported untouched, passes every check and leaves
// the language file byte for byte as it was. The built-in translations
// are the checks' calibration. The quick run takes each language in two
// of the four formats, by turns (each format meets half the languages);
// AWAREKIT_FULL=1 every language in every format (1.8-1.9 CPU-seconds
// of the test binary run for this test alone, against 1.15-1.2).
func TestUnchangedImportWritesNothing(t *testing.T) {
	t.Parallel()
	dir, p := shared(t)
	full := os.Getenv("AWAREKIT_FULL") == "1"
	i := 0
	for _, tag := range p.Lib.Catalog.Tags() {
		if tag == locale.SourceTag {
			continue
		}
		path := filepath.Join(dir, "locales", tag+".toml")
		before, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		formats := []string{Formats[i%len(Formats)], Formats[(i+1)%len(Formats)]}
		if full {
			formats = Formats
		}
		i++
		for _, f := range formats {
			// A writer is named for the languages that must be
			// rewritten: an untouched file confirms none of their
			// draft (every message of it is marked as needing work).
			res, err := p.Import("x."+tag+"."+Ext(f), export(t, p, tag, f, OnlyAll), ImportOptions{Writer: "Test Writer"})
			if err != nil {
				t.Errorf("%s %s: %v", tag, f, err)
				continue
			}
			if len(res.Written) > 0 || len(res.Confirmed) > 0 || res.Target != "" {
				t.Errorf("%s %s: wrote %v, confirmed %v", tag, f, res.Written, res.Confirmed)
			}
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
			t.Errorf("%s.toml changed", tag)
		}
	}
}

// TestExportIsDeterministic: the same content gives the same bytes.
func TestExportIsDeterministic(t *testing.T) {
	_, p := shared(t)
	for _, f := range Formats {
		a, b := export(t, p, "pa", f, OnlyAll), export(t, p, "pa", f, OnlyAll)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two exports differ", f)
		}
	}
}

// TestImportChecks: each check has a case that fails it, reported as
// file:line: message-id: what is wrong, and nothing is written.
func TestImportChecks(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("ayuda ", 12)
	tests := []struct {
		name, lang, id, text string
		want                 string
	}{
		{"placeholder lost", "es", "contact.chth.detail", "Gratis, en muchos idiomas. No es la policía.", "lost the placeholder {{.Hours}}"},
		{"placeholder added", "es", "ui.signs.title", "Señales {{.Hours}}", "has the placeholder {{.Hours}}, which the English does not"},
		{"placeholder repeated", "es", "contact.chth.detail", "Gratis, {{.Hours}}, en más de {{.Languages}} {{.Languages}} idiomas. No es la policía.", "has the placeholder {{.Languages}} twice, the English once"},
		{"placeholder dropped where the English repeats it", "es", "common.do.call911", "Si hay peligro inmediato, llamar a un vecino. Donde no hay {{.Emergency}}, llamar a la policía local.", "has the placeholder {{.Emergency}} once, the English twice"},
		{"template action", "es", "ui.signs.title", `Señales {{printf "%d" 7}}`, "is not a placeholder"},
		{"unclosed braces", "es", "ui.signs.title", "Señales {{.Hours", "unclosed {{"},
		{"digits", "es", "ui.signs.title", "Las 7 señales", `writes the number "7"`},
		{"digits of another script", "es", "ui.signs.title", "Señales ७", `writes the number "७"`},
		{"vulgar fraction", "es", "ui.signs.title", "Señales ½", `writes the number "½"`},
		{"a number of its own in a safety message", "es", "common.do.call911", "Si hay peligro inmediato, llamar al 911. Donde no hay 911, llamar a la policía local.", `writes the number "911"`},
		{"length budget", "es", "ui.tab.label", long, "it has room for 50 where it is printed (tearoff"},
		{"script", "pa", "ui.signs.title", "Signs in the wrong letters", "has no letter of the Gurmukhi script"},
		{"copy of the English", "es", "ui.signs.title", "Signs to look for", "is the English text"},
		{"direction control", "es", "ui.signs.title", "Señales \u202ede alerta", "RIGHT-TO-LEFT OVERRIDE"},
		{"control character", "es", "ui.signs.title", "Señales\x07 de alerta", "a control character"},
		{"line break", "es", "ui.signs.title", "Señales\nde alerta", "has a line break, which the English does not"},
		{"number changed", "es", "contact.crimestoppers.detail", "Dar información sin decir su nombre. También en línea y con la app P4 Tips.", `writes the numbers "4"; the English writes "3"`},
		{"number added beside the English's", "es", "contact.crimestoppers.detail", "Dar información sin decir su nombre, 24 horas. También con la app P3 Tips.", `writes the numbers "24", "3"`},
		{"phone number", "es", "ui.signs.title", "Señales: llame al 1-800-555-0199", `writes the number "1"`},
		{"address changed", "es", "youth.do.adult", "Contarle a un adulto de confianza. ¿Tienes menos de {{.Age}} años? También puedes denunciarlo en Cybertips.com.", `writes the address "Cybertips.com", which is not verified`},
		{"address lost", "es", "youth.do.adult", "Contarle a un adulto de confianza. ¿Tienes menos de {{.Age}} años? También puedes denunciarlo en línea.", `lost the address "Cybertip.ca"`},
		{"address added", "es", "ui.signs.title", "Señales: vea ayuda-trata.org", `writes the address "ayuda-trata.org", which is not verified`},
		{"web link added", "es", "ui.signs.title", "Señales: https://example.net/x", `writes the address "https://example.net/x"`},
		{"email added", "es", "ui.signs.title", "Señales: escriba a ayuda@example.org", `writes the address "ayuda@example.org"`},
		{"HTML markup", "es", "ui.signs.title", "<b>Señales</b> de alerta", `holds the markup "<b>"`},
		{"HTML entity", "es", "ui.signs.title", "Señales&nbsp;de alerta", `holds the markup "&nbsp;"`},
		{"Markdown link", "es", "ui.signs.title", "[Señales](seniales) de alerta", `holds the markup "[Señales](seniales)"`},
		{"Markdown emphasis", "es", "ui.signs.title", "**Señales** de alerta", `holds the markup "**Señales**"`},
		{"unknown message", "es", "ui.signs.titel", "Señales", "is not one of awarekit's messages"},
	}
	// Nothing is written when a check fails, so the cases share the
	// package's project.
	dir, p := shared(t)
	exported := map[string][]byte{"es": export(t, p, "es", PO, OnlyAll), "pa": export(t, p, "pa", PO, OnlyAll)}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := exported[tt.lang]
			if tt.name == "unknown message" {
				data = bytes.Replace(data, []byte(`msgctxt "ui.signs.title"`), []byte(`msgctxt "ui.signs.titel"`), 1)
				tt.id = "ui.signs.titel"
			} else {
				data = editPO(t, data, tt.id, tt.text)
			}
			path := filepath.Join(dir, "locales", tt.lang+".toml")
			before, _ := os.ReadFile(path)
			_, err := p.Import("t.po", data, ImportOptions{})
			var perr *ProblemsError
			if !errors.As(err, &perr) {
				t.Fatalf("error %v; want problems", err)
			}
			line := lineOf(t, data, tt.id)
			found := false
			for _, pr := range perr.Problems {
				if pr.ID == tt.id && pr.Line == line && strings.Contains(pr.What, tt.want) {
					found = true
				}
				if !strings.HasPrefix(pr.String(), "t.po:") {
					t.Errorf("problem %q does not start with file:line", pr)
				}
			}
			if !found {
				t.Errorf("no problem at t.po:%d: %s: %q; got:\n%v", line, tt.id, tt.want, err)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Error("the language file was written")
			}
		})
	}
}

// lineOf is the line of a PO file holding the msgstr of message id.
func lineOf(t *testing.T, data []byte, id string) int {
	t.Helper()
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		if l == "msgctxt "+poQuote(id) {
			for j := i; j < len(lines); j++ {
				if strings.HasPrefix(lines[j], "msgstr") {
					return j + 1
				}
			}
		}
	}
	t.Fatalf("no %s", id)
	return 0
}

// TestImportFileProblems: what is wrong with the file as a whole, or
// with how it came back, is reported with its line.
func TestImportFileProblems(t *testing.T) {
	_, p := shared(t)
	po := export(t, p, "es", PO, OnlyAll)
	tests := []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"invalid UTF-8", "t.po", editPO(t, po, "ui.signs.title", "Se\xffales"), "t.po:"},
		{"English changed since export", "t.po", bytes.Replace(po, []byte(`msgid "Signs to look for"`), []byte(`msgid "Signs to watch for"`), 1), "changed since the file was exported"},
		{"twice", "t.po", append(slices.Clone(po), []byte("\nmsgctxt \"ui.signs.title\"\nmsgid \"Signs to look for\"\nmsgstr \"Señales\"\n")...), "is in the file twice"},
		{"goi18n hash", "translate.es.toml", bytes.Replace(export(t, p, "es", TOML, OnlyAll), []byte("Printed on"), []byte("Printed at"), 1), "its hash is not that of today's English"},
		{"not XLIFF 2.0", "t.xlf", []byte(`<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file/></xliff>`), "awarekit reads XLIFF 2.0"},
		{"broken XML", "t.xlf", []byte("<xliff version=\"2.0\" xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" srcLang=\"en\" trgLang=\"es\">\n<file id=\"f\">\n<unit id=\"a\">\n</file>"), "t.xlf:4: the file is not well-formed XML"},
		{"UTF-16 CSV", "t.csv", []byte{0xFF, 0xFE, 'i', 0, 'd', 0}, "save it as \"CSV UTF-8\""},
		// A placeholder whose data is another than the one its equiv and
		// disp show (which a tool shows the translator) would print
		// the languages' count where the hours were placed.
		{"placeholder's data and equiv told apart", "t.xlf", swapDataRef(t, export(t, p, "es", XLIFF, OnlyAll), "contact.chth.detail"), "unit contact.chth.detail: a placeholder <ph id=\"1\"> stands for {{.Languages}} (its data d2) but shows {{.Hours}}"},
		// Formatting in the target is refused whole, paired (<pc>) as by
		// its start and end (<sc>, <ec>): the words inside <pc> were
		// imported without it, the emphasis gone from the page unsaid.
		{"paired formatting", "t.xlf", withTarget(t, export(t, p, "es", XLIFF, OnlyAll), "ui.signs.title", `Señales <pc id="b1" type="fmt" subType="xlf:b">de alerta</pc>`), "unit ui.signs.title: the target holds <pc>, formatting awarekit's messages do not have, which would not print; remove the tags and keep the words"},
		{"formatting by its start and end", "t.xlf", withTarget(t, export(t, p, "es", XLIFF, OnlyAll), "ui.signs.title", `Señales <sc id="b1" type="fmt"/>de alerta<ec startRef="b1"/>`), "unit ui.signs.title: the target holds <sc>"},
		// A <ph> that names no value (no data, equiv or disp) was read
		// as nothing: the emergency number vanished from the sentence.
		{"placeholder naming no value", "t.xlf", withTarget(t, export(t, p, "es", XLIFF, OnlyAll), "common.do.call911", `Si hay peligro inmediato, llamar al <ph id="1"/>. Donde no hay <ph id="2" dataRef="d1"/>, llamar a la policía local.`), "unit common.do.call911: a placeholder <ph id=\"1\"> in the target names no value"},
		// Of two targets in one segment the second was imported and the
		// first dropped, unsaid.
		{"two targets", "t.xlf", withTarget(t, export(t, p, "es", XLIFF, OnlyAll), "ui.signs.title", `Señales de alerta</target><target>Otra cosa`), "unit ui.signs.title has a second <target>"},
		{"plural PO", "t.po", []byte("msgid \"\"\nmsgstr \"Language: es\\n\"\n\nmsgctxt \"ui.signs.title\"\nmsgid \"Sign\"\nmsgid_plural \"Signs\"\nmsgstr[0] \"Señal\"\n"), "plural forms"},
		{"no language", "t.csv", []byte("id,en,state\nui.signs.title,Signs to look for,translated\n"), "the columns must be"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := p.Import(tt.file, tt.data, ImportOptions{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v; want it to say %q", err, tt.want)
			}
		})
	}
}

// withTarget replaces what unit id's target holds with inner, XML as
// it is.
func withTarget(t *testing.T, xlf []byte, id, inner string) []byte {
	t.Helper()
	s := string(xlf)
	unit := strings.Index(s, `<unit id="`+id+`"`)
	start := unit + strings.Index(s[unit:], "<target>") + len("<target>")
	end := start + strings.Index(s[start:], "</target>")
	if unit < 0 || start < unit || end < start {
		t.Fatalf("no target in unit %s", id)
	}
	return []byte(s[:start] + inner + s[end:])
}

// swapDataRef points the first placeholder of unit id's target at the
// unit's second data, leaving its equiv and disp as they were.
func swapDataRef(t *testing.T, xlf []byte, id string) []byte {
	t.Helper()
	s := string(xlf)
	unit := strings.Index(s, `<unit id="`+id+`"`)
	target := unit + strings.Index(s[unit:], "<target>")
	ref := target + strings.Index(s[target:], `dataRef="d1"`)
	if unit < 0 || target < unit || ref < target {
		t.Fatalf("no target with a placeholder in unit %s", id)
	}
	return []byte(s[:ref] + `dataRef="d2"` + s[ref+len(`dataRef="d1"`):])
}

// TestPartial: --partial writes the messages that pass and lists the
// others; without it nothing is written.
func TestPartial(t *testing.T) {
	t.Parallel()
	dir := copied(t)
	folder := t.TempDir()
	p := reopen(t, dir, folder)
	data := export(t, p, "es", CSV, OnlyAll)
	data = editCSV(t, data, "ui.signs.title", "Señales de alarma", false)
	data = editCSV(t, data, "ui.do.title", "Qué hacer 24 horas 7", true)
	if _, err := p.Import("es.csv", data, ImportOptions{}); err == nil {
		t.Fatal("a file with a bad message was imported")
	}
	if _, err := os.Stat(filepath.Join(folder, "locales", "es.toml")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("something was written without --partial: %v", err)
	}
	res, err := p.Import("es.csv", data, ImportOptions{Partial: true})
	var perr *ProblemsError
	if !errors.As(err, &perr) || len(perr.Problems) != 1 || perr.Problems[0].ID != "ui.do.title" {
		t.Fatalf("error %v; want the one problem of ui.do.title", err)
	}
	if !slices.Equal(res.Written, []string{"ui.signs.title"}) {
		t.Errorf("written %v", res.Written)
	}
}

// TestStale: after the English of a message changes, every translation
// of it is stale: status counts it, export --only stale gives it (fuzzy
// in PO), the page still prints the old translation with the draft line
// and the operator is told; a stale safety message prints in English.
// Importing the new translation makes it current.
func TestStale(t *testing.T) {
	t.Parallel()
	dir, p := checkout(t)
	if r := p.StatusOf(p.Lib.Catalog.Locale("es")); r.Stale != 0 {
		t.Fatalf("es starts with %d stale messages", r.Stale)
	}
	enPath := filepath.Join(dir, "locales", "en.toml")
	en, err := os.ReadFile(enPath)
	if err != nil {
		t.Fatal(err)
	}
	en = bytes.Replace(en, []byte(`headline = "Know the signs. You can get help."`), []byte(`headline = "Know the signs. Help is free."`), 1)
	en = bytes.Replace(en, []byte(`tab.label = "Free help, any time"`), []byte(`tab.label = "Free, private help"`), 1)
	if err := os.WriteFile(enPath, en, 0o644); err != nil {
		t.Fatal(err)
	}
	p = reopen(t, dir, "")
	es := p.Lib.Catalog.Locale("es")
	r := p.StatusOf(es)
	if r.Stale != 2 || !slices.Equal(r.StaleIDs, []string{"ui.tab.label", "youth.headline"}) {
		t.Fatalf("es stale %d %v; want the two changed messages", r.Stale, r.StaleIDs)
	}
	po := export(t, p, "es", PO, OnlyStale)
	if n := strings.Count(string(po), "msgctxt "); n != 2 || !strings.Contains(string(po), "#, fuzzy\nmsgctxt \"youth.headline\"") {
		t.Fatalf("export --only stale:\n%s", po)
	}
	d, err := p.Lib.Assemble(content.Request{Audience: "youth", Lang: "es"})
	if err != nil {
		t.Fatal(err)
	}
	if d.Headline != es.Messages["youth.headline"] || d.Footer.Draft == "" {
		t.Errorf("headline %q, draft line %q; want the old Spanish and the draft line", d.Headline, d.Footer.Draft)
	}
	if !strings.HasPrefix(d.Labels.Tab, content.EnglishMark+"Free, private help") {
		t.Errorf("a stale safety message prints %q; want today's English, marked", d.Labels.Tab)
	}
	if n := p.Lib.DraftNotice("es"); !strings.Contains(n, "1 of its messages were translated from older English") {
		t.Errorf("the operator's notice: %q", n)
	}
	po = editPO(t, po, "youth.headline", "Conoce las señales. La ayuda es gratis.")
	po = editPO(t, po, "ui.tab.label", "Ayuda gratis y privada")
	if _, err := p.Import("es.po", po, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	p = reopen(t, dir, "")
	if r := p.StatusOf(p.Lib.Catalog.Locale("es")); r.Stale != 0 {
		t.Errorf("after the import es has %d stale messages", r.Stale)
	}
}

// TestFuzzyIsNotImported: a message a tool still marks as needing work
// is left as it was.
func TestFuzzyIsNotImported(t *testing.T) {
	_, p := shared(t)
	po := editPO(t, export(t, p, "es", PO, OnlyAll), "ui.signs.title", "Señales de alarma")
	po = bytes.Replace(po, []byte("\nmsgctxt \"ui.signs.title\""), []byte("\n#, fuzzy\nmsgctxt \"ui.signs.title\""), 1)
	res, err := p.Import("es.po", po, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Written) != 0 || len(res.Skipped) != 1 || !strings.Contains(res.Skipped[0].What, "fuzzy") {
		t.Errorf("written %v, skipped %v", res.Written, res.Skipped)
	}
}

// TestReview: a review of one audience is recorded per audience and
// leaves the language a draft; a review of all makes it reviewed and
// the flyer loses its draft line; a later change makes it a draft again.
func TestReview(t *testing.T) {
	t.Parallel()
	dir := copied(t)
	folder := t.TempDir()
	p := reopen(t, dir, folder)
	res, err := p.Review(ReviewOptions{Lang: "es", Reviewer: "Ana García", Scope: "youth", Date: "2026-12-05"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Reviewed || res.Messages == 0 || res.Left == 0 {
		t.Fatalf("a youth review: %+v", res)
	}
	p = reopen(t, dir, folder)
	es := p.Lib.Catalog.Locale("es")
	if r := p.StatusOf(es); r.Status != locale.StatusDraft || r.Reviewed != res.Messages || r.Reviewer != "Ana García (youth)" || r.Date != "2026-12-05" {
		t.Errorf("after the youth review: %+v", r)
	}
	if !strings.Contains(flyerText(t, p, "youth", "es"), "borrador") {
		t.Error("a partly reviewed language lost its draft line")
	}

	if _, err := p.Review(ReviewOptions{Lang: "es", Reviewer: "Ana García", Date: "2026-12-06"}); err != nil {
		t.Fatal(err)
	}
	p = reopen(t, dir, folder)
	es = p.Lib.Catalog.Locale("es")
	if r := p.StatusOf(es); r.Status != locale.StatusReviewed || r.Reviewed != r.Messages || r.Reviewer != "Ana García" {
		t.Errorf("after the full review: %+v", r)
	}
	if got := flyerText(t, p, "youth", "es"); strings.Contains(got, "borrador") || strings.Contains(strings.ToLower(got), "draft") {
		t.Errorf("the reviewed Spanish flyer still has a draft line:\n%s", got)
	}
	if n := p.Lib.DraftNotice("es"); n != "" {
		t.Errorf("the operator is still told %q", n)
	}

	po := editPO(t, export(t, p, "es", PO, OnlyAll), "ui.signs.title", "Señales de alarma")
	if _, err := p.Import("es.po", po, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	p = reopen(t, dir, folder)
	es = p.Lib.Catalog.Locale("es")
	if r := p.StatusOf(es); r.Status != locale.StatusDraft || r.Reviewed != r.Messages-1 {
		t.Errorf("after a change: %+v", r)
	}
	if !strings.Contains(flyerText(t, p, "youth", "es"), "borrador") {
		t.Error("a changed message did not bring the draft line back")
	}
}

// TestReviewRefuses: a review needs every message translated from
// today's English, a reviewer's name and a real, past date.
func TestReviewRefuses(t *testing.T) {
	_, p := shared(t)
	for _, tt := range []struct {
		o    ReviewOptions
		want string
	}{
		{ReviewOptions{Lang: "es", Reviewer: ""}, "say who reviewed"},
		{ReviewOptions{Lang: "es", Reviewer: "A\u202eB"}, "RIGHT-TO-LEFT OVERRIDE"},
		{ReviewOptions{Lang: "es", Reviewer: "Ana", Date: "2026-13-01"}, "is not a date"},
		{ReviewOptions{Lang: "es", Reviewer: "Ana", Date: "2999-01-01"}, "is after today"},
		{ReviewOptions{Lang: "es", Reviewer: "Ana", Scope: "pilots"}, "unknown audience"},
		{ReviewOptions{Lang: "en", Reviewer: "Ana"}, "English text is the source"},
		{ReviewOptions{Lang: "iu", Reviewer: "Ana"}, "cannot be reviewed yet"},
	} {
		if _, err := p.Review(tt.o); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: error %v; want %q", tt.o, err, tt.want)
		}
	}
}

// TestMustRewriteStays: a language that must be rewritten (Inuktitut
// here) takes text only from a named fluent speaker from its community.
// Without --writer nothing is imported; with it, each message they wrote
// (here a clearly fake fixture) or confirmed by clearing its "needs
// work" mark is recorded as theirs, and the language stays must-rewrite:
// its materials are refused without --allow-draft, a review is refused
// while any message is still the non-speaker's draft, and a content
// folder's file cannot lift the gate by saying "reviewed". No test
// writes words in the language: the fixture is syllabic letters in a
// row, and a confirmation keeps the existing draft's text.
func TestMustRewriteStays(t *testing.T) {
	t.Parallel()
	dir := copied(t)
	folder := t.TempDir()
	p := reopen(t, dir, folder)
	iu := p.Lib.Catalog.Locale("iu")
	before := p.StatusOf(iu)
	if before.Rewrite == 0 || before.Rewrite != before.Translated-before.Stale {
		t.Fatalf("iu before any import: %+v; want every current message to be rewritten", before)
	}
	data, err := os.ReadFile(filepath.Join("testdata", "iu-fake.po"))
	if err != nil {
		t.Fatal(err)
	}
	var need *WriterNeededError
	if _, err := p.Import("iu-fake.po", data, ImportOptions{}); !errors.As(err, &need) || !strings.Contains(err.Error(), "--writer") {
		t.Fatalf("an import with no writer: %v; want it refused, asking for --writer", err)
	}
	if _, err := os.Stat(filepath.Join(folder, "locales", "iu.toml")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("an import with no writer wrote the file: %v", err)
	}

	// The writer's file: the fake fixture's one message, and two of the
	// draft's messages confirmed as they are.
	const writer = "Test Writer (fixture)"
	res, err := p.Import("iu-fake.po", data, ImportOptions{Writer: writer})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Written, []string{"ui.signs.title"}) {
		t.Fatalf("written %v", res.Written)
	}
	po := export(t, p, "iu", PO, OnlyAll)
	if !strings.Contains(string(po), "#, fuzzy, awarekit-placeholders\nmsgctxt \"contact.chth.detail\"") && !strings.Contains(string(po), "#, fuzzy\nmsgctxt \"ui.do.title\"") {
		t.Errorf("the draft's messages are not marked fuzzy (needs work) in the export")
	}
	confirm := []string{"ui.do.title", "ui.help.title"}
	for _, id := range confirm {
		if p.State(iu, id) != StateRewrite {
			t.Fatalf("%s is %s, want %s", id, p.State(iu, id), StateRewrite)
		}
		po = editPO(t, po, id, iu.Messages[id])
	}
	res, err = p.Import("iu.po", po, ImportOptions{Writer: writer})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Confirmed, confirm) || len(res.Written) != 0 {
		t.Fatalf("confirmed %v, written %v; want %v confirmed and nothing written", res.Confirmed, res.Written, confirm)
	}
	l, written := folderLocale(t, folder, "iu")
	if len(l.Meta.Writers) != 1 || l.Meta.Writers[0].Name != writer || len(l.Rewritten) != 3 || l.Meta.Status != locale.StatusMustRewrite {
		t.Errorf("the folder's iu.toml: writers %v, %d rewritten, status %q; want the writer, 3 and must-rewrite:\n%s", l.Meta.Writers, len(l.Rewritten), l.Meta.Status, written)
	}

	p = reopen(t, dir, folder)
	if err := p.Lib.CheckLanguage("iu", false); err == nil {
		t.Error("after an import, Inuktitut materials are made without --allow-draft")
	}
	r := p.StatusOf(p.Lib.Catalog.Locale("iu"))
	if r.Status != locale.StatusMustRewrite || r.Rewrite != before.Rewrite-3 {
		t.Errorf("iu after the writer's files: %s with %d to rewrite; want must-rewrite with %d", r.Status, r.Rewrite, before.Rewrite-3)
	}
	if _, err := p.Review(ReviewOptions{Lang: "iu", Reviewer: "Ana", Date: "2026-12-05"}); err == nil || !strings.Contains(err.Error(), "still the draft a non-speaker wrote") {
		t.Errorf("a review of the draft: %v; want it refused", err)
	}

	// A hand-edited status does not lift the gate.
	edited := bytes.Replace(written, []byte(`status = "must-rewrite"`), []byte(`status = "reviewed"`), 1)
	if err := os.WriteFile(filepath.Join(folder, "locales", "iu.toml"), edited, 0o644); err != nil {
		t.Fatal(err)
	}
	src, _ := Checkout(dir)
	src.ContentDir = folder
	if _, err := Open(src, nil); err == nil || !strings.Contains(err.Error(), "must be rewritten by a fluent speaker from its community") {
		t.Errorf("a content folder's iu.toml saying reviewed: %v; want it refused", err)
	}
}

// TestNumbersAcrossScripts: a number is the same in any script's digits,
// so a translation may write P3 as P٣, and no other.
func TestNumbersAcrossScripts(t *testing.T) {
	tests := []struct {
		name, s string
		want    []string
	}{
		{"latin", "la app P3 Tips, 24 horas", []string{"24", "3"}},
		{"arabic-indic", "تطبيق P٣ Tips", []string{"3"}},
		{"devanagari and gurmukhi", "२४ ਘੰਟੇ ੭", []string{"24", "7"}},
		{"fraction", "½ hora", []string{"½"}},
		{"placeholders are not numbers", "{{.Age}} años", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := numbers(tt.s); !slices.Equal(got, tt.want) {
				t.Errorf("numbers(%q) = %q, want %q", tt.s, got, tt.want)
			}
		})
	}
}

// TestMustRewriteLifted: the gate of a language that must be rewritten
// lifts only the way it is meant to: once a named writer has written or
// confirmed every message it prints, a review makes it reviewed, the
// content loads with that status, and its materials are made without
// --allow-draft. The "writing" here is a fake: syllabic letters in a
// row with the English's placeholders, numbers and addresses, in a
// temporary folder, never words of the language.
func TestMustRewriteLifted(t *testing.T) {
	t.Parallel()
	dir := copied(t)
	folder := t.TempDir()
	p := reopen(t, dir, folder)
	iu := p.Lib.Catalog.Locale("iu")
	s, err := p.Sheet(iu, OnlyAll)
	if err != nil {
		t.Fatal(err)
	}
	po := export(t, p, "iu", PO, OnlyAll)
	for i, e := range s.Entries {
		m, _ := p.Lib.Message(e.ID)
		switch {
		case e.State == StateMissing && (m.KitOnly() || p.Lib.Unbegun(e.ID, "iu")):
			continue // the language does not make the kit, nor has begun the audience
		case e.State == StateRewrite:
			po = editPO(t, po, e.ID, e.Text) // confirmed as it is
		case e.State == StateMissing || e.State == StateStale:
			po = editPO(t, po, e.ID, fakeSyllabics(i, e.English))
		}
	}
	const writer = "Test Writer (fixture)"
	if _, err := p.Import("iu.po", po, ImportOptions{Writer: writer}); err != nil {
		t.Fatal(err)
	}
	p = reopen(t, dir, folder)
	if r := p.StatusOf(p.Lib.Catalog.Locale("iu")); r.Rewrite != 0 || r.Stale != 0 || r.Missing != 0 || r.Status != locale.StatusMustRewrite {
		t.Fatalf("after the writer's file: %+v", r)
	}
	res, err := p.Review(ReviewOptions{Lang: "iu", Reviewer: writer, Date: "2026-12-06"})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Reviewed {
		t.Fatalf("the review: %+v", res)
	}
	p = reopen(t, dir, folder)
	if r := p.StatusOf(p.Lib.Catalog.Locale("iu")); r.Status != locale.StatusReviewed {
		t.Errorf("after the review iu is %s", r.Status)
	}
	if err := p.Lib.CheckLanguage("iu", false); err != nil {
		t.Errorf("the reviewed language's materials are refused: %v", err)
	}
}

// fakeSyllabics stands in for a writer's text: syllabic letters in a
// row, a different row for each n (so no fake names another, as a
// headline may not name a word of social.avoid), then the placeholders,
// numbers and addresses of english, on as many lines as it has.
func fakeSyllabics(n int, english string) string {
	letters := []rune("ᐊᐃᐅᐸᐱᐳᑕᑎᑐᑲᑭᑯ")
	word := string([]rune{letters[n%12], letters[n/12%12], letters[n/144%12]})
	lines := strings.Split(english, "\n")
	for i, line := range lines {
		parts := []string{word}
		parts = append(parts, placeholderRE.FindAllString(line, -1)...)
		parts = append(parts, numbers(line)...)
		parts = append(parts, addresses(line)...)
		lines[i] = strings.Join(parts, " ")
	}
	return strings.Join(lines, "\n")
}

// TestCurledApostrophesRoundTrip: French prints ’ where its file writes
// ' (locale.Locale.Apostrophes); the reviewer gets the file's text, and
// a message that comes back from a tool that curled its apostrophes is
// the same message: nothing is written and the file does not move. A
// changed message is stored with the typewriter's ', as the rest of the
// file writes it, and prints with ’.
func TestCurledApostrophesRoundTrip(t *testing.T) {
	t.Parallel()
	dir, p := checkout(t)
	path := filepath.Join(dir, "locales", "fr.toml")
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fr, err := p.Language("fr")
	if err != nil {
		t.Fatal(err)
	}
	const same, changed = "youth.headline", "youth.sign.4"
	if !strings.Contains(fr.Messages[same], "'") {
		t.Fatalf("%s = %q has no apostrophe to test with", same, fr.Messages[same])
	}
	for _, f := range Formats {
		t.Run(f, func(t *testing.T) {
			data := export(t, p, "fr", f, OnlyAll)
			if bytes.ContainsRune(data, '’') {
				t.Errorf("the %s export shows the reviewer ’, which the file does not hold", f)
			}
			curled := strings.ReplaceAll(fr.Messages[same], "'", "’")
			res, err := p.Import("fr."+Ext(f), edit(t, f, data, same, curled), ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Written) > 0 || len(res.Problems) > 0 {
				t.Errorf("%q came back as a change: wrote %v, problems %v", curled, res.Written, res.Problems)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Errorf("fr.toml changed")
			}
		})
	}
	res, err := p.Import("fr.po", editPO(t, export(t, p, "fr", PO, OnlyAll), changed, "Ses résultats à l’école baissent."), ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Written, []string{changed}) {
		t.Fatalf("wrote %v, want [%s]; problems %v", res.Written, changed, res.Problems)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(after, []byte(`sign.4 = "Ses résultats à l'école baissent."`)) {
		t.Errorf("fr.toml does not store the message with the typewriter's apostrophe")
	}
	if text := flyerText(t, reopen(t, dir, ""), "youth", "fr"); !strings.Contains(text, "Ses résultats à l'école baissent.") {
		t.Errorf("the flyer does not print the imported sign:\n%s", text)
	}
}

// TestImportKeepsAnnotatedText: an annotation in the target (a term
// marked, text not to translate) prints nothing of its own: the words
// are imported, whole or by start and end markers.
func TestImportKeepsAnnotatedText(t *testing.T) {
	const id = "youth.headline"
	for _, inner := range []string{
		`Conoce <mrk id="m1" translate="no">las señales</mrk> de la trata`,
		`Conoce <sm id="m1" type="term"/>las señales<em startRef="m1"/> de la trata`,
	} {
		dir := copied(t)
		folder := t.TempDir()
		p := reopen(t, dir, folder)
		data := withTarget(t, export(t, p, "es", XLIFF, OnlyAll), id, inner)
		if _, err := p.Import("t.xlf", data, ImportOptions{}); err != nil {
			t.Errorf("%s: %v", inner, err)
			continue
		}
		l, _ := folderLocale(t, folder, "es")
		if got := l.Messages[id]; got != "Conoce las señales de la trata" {
			t.Errorf("%s: imported %q, want the words alone", inner, got)
		}
	}
}

// folderLocale reads and parses the content folder's locales/LANG.toml,
// and returns its bytes too, for a failure's message.
func folderLocale(t *testing.T, folder, lang string) (*locale.Locale, []byte) {
	t.Helper()
	written, err := os.ReadFile(filepath.Join(folder, "locales", lang+".toml"))
	if err != nil {
		t.Fatal(err)
	}
	l, err := locale.ParseFile(lang+".toml", written)
	if err != nil {
		t.Fatal(err)
	}
	return l, written
}
