package typeset

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/go-text/typesetting/language"
)

// scriptAliases are ISO 15924 codes for variants of a script that fonts
// do not tell apart: a font for Chinese draws Han, simplified or not.
var scriptAliases = map[string]string{"Hans": "Hani", "Hant": "Hani", "Jpan": "Hani", "Kore": "Hang"}

var knownScripts = sync.OnceValue(func() map[language.Script]bool {
	known := map[language.Script]bool{}
	for _, r := range language.ScriptRanges {
		known[r.Script] = true
	}
	return known
})

// ScriptCode returns the four-letter ISO 15924 code of sc ("Guru").
func ScriptCode(sc language.Script) string {
	return string(binary.BigEndian.AppendUint32(nil, uint32(sc)))
}

// ParseScriptCode reads an ISO 15924 script code in any case ("guru",
// "Guru"): the script of some Unicode characters, or Hans, Hant, Jpan or
// Kore, which mean the script their fonts draw (Hani, Hang).
func ParseScriptCode(code string) (language.Script, error) {
	if len(code) == 4 && !strings.ContainsFunc(code, func(r rune) bool { return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') }) {
		title := strings.ToUpper(code[:1]) + strings.ToLower(code[1:])
		if alias, ok := scriptAliases[title]; ok {
			title = alias
		}
		if sc, err := language.ParseScript(title); err == nil && knownScripts()[sc] && sc != language.Common && sc != language.Inherited {
			return sc, nil
		}
	}
	return 0, fmt.Errorf("%q is not a script code awarekit knows; use a four-letter ISO 15924 code: %s, or that of another Unicode script (Hebr for Hebrew…)", code, strings.Join(ScriptCodes(), ", "))
}

// ScriptCodes lists the codes of the scripts awarekit's own languages are
// written in, with the aliases it takes, for messages and schemas.
func ScriptCodes() []string {
	var codes []string
	for _, sc := range []language.Script{language.Latin, language.Cyrillic, language.Canadian_Aboriginal} {
		codes = append(codes, ScriptCode(sc))
	}
	for sc := range needs {
		codes = append(codes, ScriptCode(sc))
	}
	for alias := range scriptAliases {
		codes = append(codes, alias)
	}
	slices.Sort(codes)
	return codes
}

// scriptExtensions are the scripts of Unicode's Script_Extensions
// (ScriptExtensions.txt) for the characters of no script of their own
// (Common) that the project's languages write inside text of one: the
// Arabic comma, semicolon, question mark and tatweel, which Urdu and
// Persian write, and the Devanagari danda, which Punjabi writes. Others
// have none listed here: punctuation then takes the script of the run
// it stands in (commonFont).
func scriptExtensions(r rune) []language.Script {
	switch r {
	case 0x060C, 0x061B, 0x061F, 0x0640:
		return []language.Script{language.Arabic, language.Syriac, language.Thaana}
	case 0xFD3E, 0xFD3F: // ornate parentheses
		return []language.Script{language.Arabic}
	case 0x0964, 0x0965:
		return []language.Script{language.Gurmukhi, language.Devanagari, language.Bengali, language.Gujarati}
	}
	return nil
}
