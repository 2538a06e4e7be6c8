package typeset

import (
	"strings"
	"testing"

	"github.com/go-text/typesetting/language"
)

func TestParseScriptCode(t *testing.T) {
	ok := map[string]language.Script{"Guru": language.Gurmukhi, "guru": language.Gurmukhi, "HANS": language.Han,
		"Hant": language.Han, "Hani": language.Han, "Arab": language.Arabic, "hebr": language.Hebrew, "Ethi": language.Ethiopic}
	for code, want := range ok {
		if got, err := ParseScriptCode(code); err != nil || got != want {
			t.Errorf("ParseScriptCode(%q) = %v, %v; want %v", code, got, err, want)
		}
	}
	for _, code := range []string{"", "H", "Xxxx", "Zyyy", "Zinh", "Gurmukhi", "Gur\u00fc", "12ab"} {
		_, err := ParseScriptCode(code)
		if err == nil || !strings.Contains(err.Error(), "Guru") {
			t.Errorf("ParseScriptCode(%q): error %v, want one listing the codes", code, err)
		}
	}
	// Every code the message suggests must be one it accepts.
	for _, code := range ScriptCodes() {
		if _, err := ParseScriptCode(code); err != nil {
			t.Errorf("suggested code %s is refused: %v", code, err)
		}
	}
}

func TestSetUserRefusesUnknownScripts(t *testing.T) {
	fam, _ := Embedded()
	for _, name := range []string{"", "Hxns", "latin"} {
		if _, err := NewFonts(fam, map[string][]string{name: {"x.ttf"}}); err == nil || !strings.Contains(err.Error(), "not a script code") {
			t.Errorf("fonts key %q: error %v", name, err)
		}
	}
}
