package translate

import (
	"strings"
	"testing"
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
