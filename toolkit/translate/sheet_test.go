package translate

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestExportCarriesNotes: in every format, a message with a room says
// where it prints and its room, a message with placeholders has them
// marked the way the format's tools protect them, and the language's
// notes for the reviewer (_meta.notes) are in the file.
func TestExportCarriesNotes(t *testing.T) {
	_, p := shared(t)
	const roomy, coded = "ui.tab.label", "contact.chth.detail"
	notes := p.Lib.Catalog.Locale("es").Meta.Notes
	if len(notes) < 40 {
		t.Fatalf("es has no notes to look for: %q", notes)
	}
	notesStart := strings.Join(strings.Fields(notes[:40]), " ")
	for _, f := range Formats {
		t.Run(f, func(t *testing.T) {
			data := string(export(t, p, "es", f, OnlyAll))
			// The entry of a message: from its ID to the next entry.
			entry := func(id string) string {
				var start string
				switch f {
				case XLIFF:
					start = `<unit id="` + id + `"`
				case PO:
					start = "msgctxt " + poQuote(id)
				case CSV:
					start = "\r\n\"" + id + "\","
				case TOML:
					start = `["` + id + `"]`
				}
				i := strings.Index(data, start)
				if i < 0 {
					t.Fatalf("no entry for %s", id)
				}
				if f == PO {
					// A PO entry's comments come before its msgctxt.
					i = strings.LastIndex(data[:i], "\n\n")
				}
				rest := data[i+1:]
				end := len(rest)
				for _, sep := range []string{"<unit id=", "\n\n", "\r\n\"", "\n[\""} {
					if j := strings.Index(rest[len(start):], sep); j >= 0 && len(start)+j < end {
						end = len(start) + j
					}
				}
				return rest[:end]
			}
			flat := func(s string) string {
				return strings.Join(strings.Fields(strings.NewReplacer("#.", " ", "#", " ", `\n`, " ").Replace(s)), " ")
			}

			room := flat(entry(roomy))
			if f == CSV {
				rec := csvRecord(t, data, roomy)
				if rec[4] != "50" || !strings.Contains(rec[6], "tearoff") {
					t.Errorf("the CSV row of %s: room %q, where %q; want 50 and the tear-off", roomy, rec[4], rec[6])
				}
			} else if !strings.Contains(room, "Room: at most 50 characters") || !strings.Contains(room, "Printed on:") || !strings.Contains(room, "tearoff") {
				t.Errorf("the entry of %s does not say where it prints and its room:\n%s", roomy, entry(roomy))
			}

			code := entry(coded)
			switch f {
			case XLIFF:
				if !strings.Contains(code, `<ph id="1" dataRef=`) || !strings.Contains(code, `canDelete="no"`) {
					t.Errorf("the XLIFF unit of %s has no protected <ph>:\n%s", coded, code)
				}
			case PO:
				if !strings.Contains(code, "#, awarekit-placeholders") {
					t.Errorf("the PO entry of %s has no placeholder flag:\n%s", coded, code)
				}
			case CSV:
				if rec := csvRecord(t, data, coded); !strings.Contains(rec[5], "{{.Hours}}") {
					t.Errorf("the CSV row of %s names no placeholders: %q", coded, rec[5])
				}
			}
			if f != CSV && !strings.Contains(flat(code), "Keep {{.Hours}}") {
				t.Errorf("the entry of %s does not say to keep its placeholders:\n%s", coded, code)
			}

			if !strings.Contains(flat(strings.ReplaceAll(data, "&#39;", "'")), notesStart) {
				t.Errorf("the file lacks the reviewer's notes (%q…)", notesStart)
			}
		})
	}
}

// csvRecord is the row of message id in a CSV export.
func csvRecord(t *testing.T, data, id string) []string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(data, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if r[0] == id {
			return r
		}
	}
	t.Fatalf("no CSV row %s", id)
	return nil
}

// TestFollowsTheTable: status and export follow the message table, so a
// message added to it (here a seventh sign for the Indigenous
// communities' materials, a test's own, in a copy of the repository) is missing in every translation, and export
// --only missing and --only todo give it, and only it.
func TestFollowsTheTable(t *testing.T) {
	t.Parallel()
	dir, p := checkout(t)
	before := p.StatusOf(p.Lib.Catalog.Locale("es"))
	if before.Missing != 0 {
		t.Fatalf("es misses %v to start with", before.MissingIDs)
	}
	const id = "indigenous.sign.7"
	edit := func(rel, old, new string) {
		t.Helper()
		path := filepath.Join(dir, rel)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte(old)) {
			t.Fatalf("%s has no %q", rel, old)
		}
		if err := os.WriteFile(path, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit("audiences/messages.yaml", "  - {id: indigenous.sign.6,", "  - {id: indigenous.sign.7, facts: [general-signs]}\n  - {id: indigenous.sign.6,")
	edit("audiences/indigenous/audience.yaml", "indigenous.sign.6]", "indigenous.sign.6, indigenous.sign.7]")
	edit("locales/en.toml", "\nsign.6 = \"Has a new, older friend or partner, sometimes met online.\"", "\nsign.6 = \"Has a new, older friend or partner, sometimes met online.\"\nsign.7 = \"A sign this test adds to the table\"")
	p = reopen(t, dir, "")
	for _, tag := range []string{"es", "pa", "fr"} {
		r := p.StatusOf(p.Lib.Catalog.Locale(tag))
		if r.Missing != 1 || !slices.Equal(r.MissingIDs, []string{id}) || r.Messages != before.Messages+1 && tag == "es" {
			t.Errorf("%s: %d messages, missing %v; want %s missing", tag, r.Messages, r.MissingIDs, id)
		}
	}
	for _, only := range []string{OnlyMissing, OnlyTodo} {
		s, err := p.Sheet(p.Lib.Catalog.Locale("es"), only)
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Entries) != 1 || s.Entries[0].ID != id || !strings.Contains(s.Entries[0].Where, "indigenous") {
			t.Errorf("export --only %s: %d entries (%+v); want %s, printed for indigenous", only, len(s.Entries), s.Entries, id)
		}
	}
	s, err := p.Sheet(p.Lib.Catalog.Locale("es"), OnlyKit)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range s.Entries {
		if m, _ := p.Lib.Message(e.ID); !m.KitOnly() {
			t.Errorf("export --only kit gives %s, which is not the kit's only", e.ID)
		}
	}
	if len(s.Entries) == 0 {
		t.Error("export --only kit gives nothing")
	}
}
