package content_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/audiences"
	"github.com/awarekit/awarekit/locales"
	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/locale"
)

// userFolder writes a content folder with the given files.
func userFolder(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestUserWordsCannotWeakenSafety: a user's folder may reword a safety
// message, but not drop its placeholders, add digits of its own in any
// script, use template actions, or keep words written for English that
// has since changed.
func TestUserWordsCannotWeakenSafety(t *testing.T) {
	t.Parallel()
	lib := load(t)
	enDetail := english(t, lib, "contact.chth.detail")
	hash := locale.SourceHash(enDetail)
	src := func(id, h string) string { return "\n[_source]\n\"" + id + "\" = \"" + h + "\"\n" }
	tests := []struct {
		name, file, want string
	}{
		{"drops a placeholder", `[contact]` + "\n" + `chth.detail = "Free, any time, in many languages."` + src("contact.chth.detail", hash), "must keep {{.Hours}}"},
		// "call {{.Emergency}}. Where there is no {{.Emergency}}, …" with
		// the first dropped told a person in danger to call a neighbour.
		{"drops one of a repeated placeholder", `[common]` + "\n" + `do.call911 = "In immediate danger, call a neighbour. Where there is no {{.Emergency}}, call local police."` + src("common.do.call911", locale.SourceHash(english(t, lib, "common.do.call911"))), "must keep {{.Emergency}} as often as the English: twice, not once"},
		{"repeats a placeholder", `[common]` + "\n" + `do.call911 = "In immediate danger, call {{.Emergency}} {{.Emergency}}. Where there is no {{.Emergency}}, call local police."` + src("common.do.call911", locale.SourceHash(english(t, lib, "common.do.call911"))), "must keep {{.Emergency}} as often as the English: twice, not 3 times"},
		{"own digits", `[contact]` + "\n" + `chth.detail = "Free, {{.Hours}}, in more than {{.Languages}} languages. Call 1-833-555-0000."` + src("contact.chth.detail", hash), "may not write a number of its own"},
		{"Arabic-Indic digits", `[contact]` + "\n" + `chth.detail = "Free, {{.Hours}}, in more than {{.Languages}} languages. Call ١-٨٣٣-٥٥٥-٠٠٠٠."` + src("contact.chth.detail", hash), "may not write a number of its own"},
		{"no hash", `[contact]` + "\n" + `chth.detail = "Free, {{.Hours}}, in more than {{.Languages}} languages."`, "record the English it replaces"},
		{"stale hash", `[contact]` + "\n" + `chth.detail = "Free, {{.Hours}}, in more than {{.Languages}} languages."` + src("contact.chth.detail", locale.SourceHash("Free and confidential, {{.Hours}}, in more than {{.Languages}} languages. Not police or government.")), "English has changed"},
		{"template action", `[youth]` + "\n" + `headline = "{{if .X}}Know the signs{{end}}"`, "is not a placeholder"},
		{"unknown placeholder", `[youth]` + "\n" + `headline = "Know the signs, {{.Name}}"`, "uses {{.Name}}, which it does not have"},
		{"stray braces", `[youth]` + "\n" + `headline = "Know the signs }}"`, "stray }}"},
		// A headline or a sign of spaces printed a page with a blank
		// where it stood.
		{"blank headline", `[youth]` + "\n" + `headline = "   "`, "message youth.headline is blank"},
		{"blank sign", `[youth]` + "\n" + `sign.2 = "\u3000\t"`, "message youth.sign.2 is blank"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := userFolder(t, map[string]string{"locales/en.toml": tt.file})
			_, err := content.LoadUser(audiences.FS, locales.FS, dir)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v; want one saying %q", err, tt.want)
			}
		})
	}

	t.Run("reworded with its placeholders and today's hash", func(t *testing.T) {
		dir := userFolder(t, map[string]string{
			"locales/en.toml": `[contact]` + "\n" + `chth.detail = "Free, {{.Hours}}, in more than {{.Languages}} languages. They tell police if someone may be harmed, or if the law requires it."` + src("contact.chth.detail", hash),
		})
		lib, err := content.LoadUser(audiences.FS, locales.FS, dir)
		if err != nil {
			t.Fatal(err)
		}
		d, err := lib.Assemble(content.Request{Audience: "youth", Lang: "en"})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(d.Help.Hotline.Detail, "24/7") || !strings.Contains(d.Help.Hotline.Detail, "They tell police") {
			t.Errorf("detail = %q", d.Help.Hotline.Detail)
		}
	})
}

// TestUserWordsReported: other messages may change freely, but one that
// records no hash, or a stale one, is reported; a change made in some
// languages only warns once for the languages it does not reach alike.
func TestUserWordsReported(t *testing.T) {
	lib := load(t)
	headline := english(t, lib, "youth.headline")
	dir := userFolder(t, map[string]string{
		"locales/en.toml": "[youth]\nheadline = \"Our school knows the signs\"\nintro = \"Our own words.\"\n\n[_source]\n\"youth.headline\" = \"" + locale.SourceHash(headline) + "\"\n\"youth.intro\" = \"" + locale.SourceHash("an older English intro") + "\"\n",
		"locales/fr.toml": "[youth]\nheadline = \"Notre école connaît les signes\"\n",
	})
	lib, err := content.LoadUser(audiences.FS, locales.FS, dir)
	if err != nil {
		t.Fatal(err)
	}
	warnings := strings.Join(lib.Warnings, "\n")
	for _, want := range []string{
		"en.toml: the English of youth.intro has changed",
		"fr.toml: no hash of the English it replaces is recorded for youth.headline",
		"/locales: your folder changes youth.headline, youth.intro in en, fr but not in ar, crk, es, fa, iu, oj, pa, ti, tl, uk, ur, vi, zh-Hans (13 languages); their materials keep the built-in words there",
		"locales/fr.toml: your folder changes youth.intro in en but not in fr; fr materials keep the built-in words there",
	} {
		if !strings.Contains(warnings, want) {
			t.Errorf("warnings lack %q:\n%s", want, warnings)
		}
	}
	if n := strings.Count(warnings, "your folder changes"); n != 2 {
		t.Errorf("%d warnings about languages the folder does not change, want two (one for fr, one for the rest alike):\n%s", n, warnings)
	}
	if strings.Contains(warnings, "locales/en.toml: your folder changes") {
		t.Errorf("a warning about English, which the folder changes:\n%s", warnings)
	}
}

// TestProtectedFiles: a content folder cannot replace the verified
// contacts, the provinces, the facts register or the message table.
func TestProtectedFiles(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"contacts.yaml", "facts.yaml", "messages.yaml", "provinces.yaml", "content.yaml"} {
		dir := userFolder(t, map[string]string{"audiences/" + name: "x: 1\n"})
		_, err := content.LoadUser(audiences.FS, locales.FS, dir)
		if err == nil || !strings.Contains(err.Error(), "audiences/"+name+" cannot be replaced") {
			t.Errorf("%s: error = %v", name, err)
		}
	}
}

// TestProvincesAndLocalContacts: a province adds its verified lines, and
// the organisation's own contacts are printed as its list, apart.
func TestProvincesAndLocalContacts(t *testing.T) {
	lib := load(t)
	tests := []struct {
		province string
		phones   []string
	}{
		{"bc", []string{"1-888-712-7974"}},
		{"ab", []string{"211"}},
		{"Manitoba", []string{"1-866-345-9241", "211"}},
		{"ns", []string{"902-449-2425", "211"}},
		{"qc", []string{"211"}},
	}
	for _, tt := range tests {
		d, err := lib.Assemble(content.Request{Audience: "newcomers", Lang: "fr", Province: tt.province})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range d.Help.Province {
			got = append(got, c.Phone)
			if c.Name == "" || c.Detail == "" {
				t.Errorf("%s: contact %+v without a name or a detail", tt.province, c)
			}
		}
		if strings.Join(got, ",") != strings.Join(tt.phones, ",") {
			t.Errorf("%s: provincial lines %v, want %v", tt.province, got, tt.phones)
		}
	}
	d, _ := lib.Assemble(content.Request{Audience: "newcomers", Lang: "en", Province: "ns"})
	if !strings.Contains(d.Help.Province[0].Name, "(police)") || !strings.Contains(d.Help.Province[0].Detail, "not victim services") {
		t.Errorf("Nova Scotia's line is not labelled a police line: %+v", d.Help.Province[0])
	}
	if _, err := lib.Assemble(content.Request{Audience: "youth", Lang: "en", Province: "atlantis"}); err == nil || !strings.Contains(err.Error(), "ab, bc, mb") {
		t.Errorf("unknown province: %v", err)
	}
}

// TestProvinceNames: a province is found by its code, its English name
// and the names a French-speaking educator writes, with or without
// accents, capitals, hyphens or dots; a name of none is refused with the
// codes to choose from.
func TestProvinceNames(t *testing.T) {
	lib := load(t)
	for name, want := range map[string]string{
		"qc": "qc", "QC": "qc", "Quebec": "qc", "Québec": "qc", "québec": "qc", "QUÉBEC": "qc", " Québec ": "qc",
		"British Columbia": "bc", "Colombie-Britannique": "bc", "colombie britannique": "bc", "B.C.": "bc",
		"Nouvelle-Écosse": "ns", "Nouvelle Ecosse": "ns", "Nova Scotia": "ns",
		"Terre-Neuve-et-Labrador": "nl", "Newfoundland and Labrador": "nl", "Newfoundland": "nl",
		"Île-du-Prince-Édouard": "pe", "Ile du Prince Edouard": "pe", "PEI": "pe", "P.E.I.": "pe",
		"Territoires du Nord-Ouest": "nt", "NWT": "nt", "Nouveau-Brunswick": "nb", "Yukon": "yt",
		// The French short forms (review17 L15): "C.-B." was "c b", no name.
		"C.-B.": "bc", "c.-b.": "bc", "C.B.": "bc", "N.-B.": "nb", "N.-É.": "ns", "N.-E.": "ns",
		"T.N.-O.": "nt", "Î.-P.-É.": "pe", "T.-N.-L.": "nl",
		// Typed with the decomposed é (e and U+0301), as some keyboards do.
		"Que\u0301bec": "qc",
	} {
		p, err := lib.Province(name)
		if err != nil || p == nil || p.ID != want {
			t.Errorf("Province(%q) = %v, %v; want %s", name, p, err, want)
		}
	}
	for _, name := range []string{"Atlantis", "Québec City", "Colombie", "B", "Q-C-X"} {
		if p, err := lib.Province(name); err == nil || !strings.Contains(err.Error(), "ab, bc, mb") {
			t.Errorf("Province(%q) = %v, %v; want refused with the codes", name, p, err)
		}
	}
	if p, err := lib.Province("  "); p != nil || err != nil {
		t.Errorf("Province of spaces = %v, %v; want none", p, err)
	}
}

// TestUserMessageFileNamedWhereItIs: a problem in a message file of the
// user's folder names the file as she finds it, with its folder
// (ours/locales/fr.toml:2:18), as an audience's problem does; it said
// "content folder ours: fr.toml:2:18", which sends her to look for a
// fr.toml beside her plan.
func TestUserMessageFileNamedWhereItIs(t *testing.T) {
	for _, c := range []struct{ name, file, data, want string }{
		{"a NUL", "fr.toml", "[youth]\nheadline = \"Know \x00 the signs\"\n", "locales/fr.toml:2:18: holds U+0000"},
		{"a syntax error", "fr.toml", "[youth\n", "locales/fr.toml:1:7: expected ']'"},
		{"not UTF-8", "es.toml", "[youth]\nheadline = \"Caf\xe9\"\n", "locales/es.toml:2:16: is not UTF-8 text"},
		{"a name that is no language", "french.toml", "[youth]\nheadline = \"x\"\n", "locales/french.toml: \"french\" is not a language tag"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := userFolder(t, map[string]string{"locales/" + c.file: c.data})
			_, err := content.LoadUser(audiences.FS, locales.FS, dir)
			if want := "content file " + filepath.Join(dir, c.want); err == nil || !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error %v\nwant it to start %q", err, want)
			}
		})
	}
}

// TestUserMetaHeldToTextRules: the words of a user's _meta table are held
// to the rules for every value people type, as its messages are: they
// are printed on the terminal (a language's name in every draft line,
// list languages), on the print pack and in every translation file
// exported. An ESC in _meta.name reached the terminal as it was, and a
// NUL in the notes made a goi18n file import refused.
func TestUserMetaHeldToTextRules(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ meta, want string }{
		{`name = "Span\u001b[31mish"`, "_meta.name"},
		{`native = "espa\u202eñol"`, "_meta.native"},
		{`reviewer = "Ana\u0000"`, "_meta.reviewer"},
		{`reviewed = "2026\u001b[31mX\u001b]0;pwned\u0007"`, "_meta.reviewed"},
		{`notes = "Check the dates.\nThen \u001b[2J the rest."`, "_meta.notes"},
		{`keep = ["加拿大", "人口\u2066贩运"]`, "_meta.keep"},
		{`reviews = [{scope = "all", reviewer = "A\u202dB", date = "2026-11-01"}]`, "_meta.reviews.reviewer"},
		{`writers = [{name = "A\u0085B", date = "2026-11-01"}]`, "_meta.writers.name"},
	} {
		dir := userFolder(t, map[string]string{"locales/es.toml": "[_meta]\n" + c.meta + "\n[youth]\nheadline = \"Conoce las señales.\"\n"})
		_, err := content.LoadUser(audiences.FS, locales.FS, dir)
		// The file, the line of the key, the key and the character.
		if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "locales", "es.toml")+":2: "+c.want+" holds U+") {
			t.Errorf("%s: error %v\nwant one naming …locales/es.toml:2, %s and the character", c.meta, err, c.want)
		}
	}
	dir := userFolder(t, map[string]string{"locales/es.toml": "[_meta]\nnotes = \"Check the dates.\\nThen the rest.\"\nnative = \"español\"\n[youth]\nheadline = \"Conoce las señales.\"\n"})
	if _, err := content.LoadUser(audiences.FS, locales.FS, dir); err != nil {
		t.Errorf("notes of two lines: %v", err)
	}
}

// TestUserMessageEndsInAControl: a message of a content folder is kept as
// its file gives it, so a control character or a separator at one of its
// ends is refused as one inside it is: CheckText trims them, and "Conoce
// las señales.\f" was taken, then exported to XLIFF as U+FFFD (XML cannot
// hold a form feed) and came back changed (found by FuzzSheetRoundTrip).
// Spaces, tabs and the carriage returns of a file saved with CRLF line
// ends are fine there.
func TestUserMessageEndsInAControl(t *testing.T) {
	t.Parallel()
	for value, want := range map[string]string{
		`"Conoce las señales.\f"`:                "holds U+000C at character 20: a control character",
		`"\u2029Conoce las señales."`:            "holds U+2029 at character 1: PARAGRAPH SEPARATOR",
		`"Conoce las señales.\u0085"`:            "holds U+0085 at character 20: a C1 control character",
		`"Conoce\nlas señales.\u000b"`:           "holds U+000B at character 13: a control character",
		`"Conoce las señales.\t "`:               "",
		"\"\"\"\r\nConoce\r\nlas señales.\"\"\"": "",
	} {
		dir := userFolder(t, map[string]string{"locales/es.toml": "[youth]\r\nheadline = " + value + "\r\n"})
		_, err := content.LoadUser(audiences.FS, locales.FS, dir)
		switch {
		case want == "" && err != nil:
			t.Errorf("headline = %s: %v", value, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "locales", "es.toml")+":2: message youth.headline "+want)):
			t.Errorf("headline = %s: error %v\nwant one saying %q", value, err, want)
		}
	}
}
