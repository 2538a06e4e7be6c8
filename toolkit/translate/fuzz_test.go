package translate

import (
	"bytes"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/locale"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// FuzzImport reads any bytes as a translation file in each format and
// checks every message as import does (nothing is written): never a
// panic, every error names the file, and no problem puts a control or
// direction character on the terminal.
func FuzzImport(f *testing.F) {
	// The corpus in testdata/fuzz/FuzzImport holds the heads of real
	// exports in each format; these are hostile shapes.
	for _, s := range []string{
		"msgid \"\"\nmsgstr \"Language: es\\n\"\n\nmsgctxt \"ui.signs.title\"\nmsgid \"Signs to look for\"\nmsgstr \"Se\\xf1ales\"\n",
		"msgctxt \"ui.signs.title\"\nmsgid \"Signs to look for\"\nmsgstr \"\\u202e{{.X}}\"\n",
		"\"\n", "msgstr[0] \"x\"\n", "#~ msgid \"a\"\nmsgstr \"b\"\n",
		"<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"es\"><file id=\"f\"><unit id=\"ui.signs.title\"><segment state=\"translated\"><source>Signs to look for</source><target><ph id=\"1\" dataRef=\"d9\"/>x</target></segment></unit></file></xliff>",
		"<!DOCTYPE x [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]><xliff>&b;</xliff>",
		"\ufeffid,en,es\nui.signs.title,Signs to look for,\"Señales\n", "id;en;es\nui.tab.label;Free help, any time;" + strings.Repeat("x", 80) + "\n",
		"[\"ui.signs.title\"]\nhash = \"sha1-0\"\nother = \"Señales\"\n", "[[a]]\n", "a = 1\n", "[\"ui.signs.title\"]\nother = 7\n",
	} {
		for which := range uint8(4) {
			f.Add([]byte(s), which)
		}
	}
	names := []string{"f.es.xlf", "f.es.po", "f.es.csv", "translate.es.toml"}
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		if len(data) > 1<<14 {
			return
		}
		_, p := shared(t)
		name := names[int(which)%len(names)]
		_, res, _, err := p.examine(name, data, ImportOptions{Lang: "es", noLayout: true})
		if err != nil {
			if !strings.Contains(err.Error(), name) {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		for _, pr := range append(res.Problems, res.Skipped...) {
			s := pr.String()
			if !strings.HasPrefix(s, name) {
				t.Fatalf("problem %q does not start with the file's name", s)
			}
			for _, bad := range []string{"\x1b", "\u202e", "\u2066", "\r", "\x00"} {
				if strings.Contains(s, bad) {
					t.Fatalf("problem %q carries %q", s, bad)
				}
			}
		}
	})
}

// FuzzSheetRoundTrip writes a message a language file can hold (each
// line one that profile.CheckText takes, as the content folder's check
// asks) in every format, with the file's notes for the reviewer (held to
// the same rules), and
// reads it back: the translation and its English come back as they
// went, and the message after it whole. A translator who saves the file
// untouched sends back what she was given; a change here is a changed
// translation on a page no one here can read.
func FuzzSheetRoundTrip(f *testing.F) {
	for _, s := range [][3]string{
		{"Know the signs.", "Conoce las señales.", ""},
		{"Call {{.Phone}} now.", "Llama al {{.Phone}} ahora.", "Check the numbers."},
		{"=SUM(A1)", "'=SUM(A1)", "=HYPERLINK(\"x\")"},
		{"Line one\nLine two", "Línea uno\nLínea dos", "a\nb"},
		{"<b>&amp;</b> \"quoted\" \\n", "]]> &lt; \\\" {{.X}}", "# msgid \"x\"\nmsgstr \"y\""},
		{"  spaced  ", " espacio ", "   "},
		{"Help is free", "-5 %", "@all"},
	} {
		for state := range uint8(2) {
			f.Add(s[0], s[1], s[2], state)
		}
	}
	f.Fuzz(func(t *testing.T, english, text, notes string, state uint8) {
		if !holdable(english) || !holdable(text) || !holdable(notes) {
			return
		}
		next := Entry{ID: "youth.intro", English: "Help is free.", Text: "La ayuda es gratuita.", State: StateTranslated, Where: "the flyer"}
		sheet := &Sheet{Lang: "es", Name: "Spanish", Native: "español", Notes: notes, Version: "2026.12.1", Entries: []Entry{
			{ID: "youth.headline", English: english, Text: text, State: []string{StateTranslated, StateReviewed}[state%2],
				Where: "the flyer", Max: 40, Placeholders: locale.Placeholders(english)},
			next,
		}}
		for _, format := range Formats {
			var b bytes.Buffer
			var err error
			switch format {
			case XLIFF:
				err = writeXLIFF(&b, sheet)
			case PO:
				err = writePO(&b, sheet, "2026-12-01")
			case CSV:
				err = writeCSV(&b, sheet)
			case TOML:
				err = writeGoi18n(&b, sheet)
			}
			if err != nil {
				t.Fatal(err)
			}
			file, err := Read("f.es."+Ext(format), b.Bytes(), format)
			if err != nil {
				t.Fatalf("%s: the file exported does not read back: %v\n%s", format, err, b.String())
			}
			if len(file.Got) != 2 || file.Got[0].ID != "youth.headline" || file.Got[1].ID != next.ID {
				t.Fatalf("%s: read back %d messages %+v, want youth.headline and %s\n%s", format, len(file.Got), file.Got, next.ID, b.String())
			}
			for i, want := range sheet.Entries {
				got := file.Got[i]
				if got.Problem != "" || got.Text != want.Text || !got.HasText && strings.TrimSpace(want.Text) != "" {
					t.Errorf("%s: %s came back %q (has text: %v, problem %q), want %q\n%s", format, want.ID, got.Text, got.HasText, got.Problem, want.Text, b.String())
				}
				if format != TOML && got.English != want.English {
					t.Errorf("%s: the English of %s came back %q, want %q\n%s", format, want.ID, got.English, want.English, b.String())
				}
			}
		}
	})
}

// holdable reports whether a content folder's language file may hold s
// as a message: each line of it is one profile.CheckTextAsIs takes.
func holdable(s string) bool {
	for _, line := range strings.Split(s, "\n") {
		if err := profile.CheckTextAsIs(profile.Field{Name: "m"}, line, len(line)+1); err != nil {
			return false
		}
	}
	return true
}
