package locale

import "strings"

// Script is how a language is written.
type Script struct {
	Code string // ISO 15924, e.g. "Latn", "Arab", "Guru", "Cans"
	Name string // in English
	RTL  bool
}

// scripts holds the writing system of each language the project writes
// or plans to, by base language.
var scripts = map[string]Script{
	"en":  {"Latn", "Latin", false},
	"fr":  {"Latn", "Latin", false},
	"es":  {"Latn", "Latin", false},
	"tl":  {"Latn", "Latin", false},
	"vi":  {"Latn", "Latin", false},
	"oj":  {"Latn", "Latin", false},
	"uk":  {"Cyrl", "Cyrillic", false},
	"ar":  {"Arab", "Arabic", true},
	"fa":  {"Arab", "Arabic", true},
	"ur":  {"Arab", "Arabic", true},
	"pa":  {"Guru", "Gurmukhi", false},
	"hi":  {"Deva", "Devanagari", false},
	"zh":  {"Hans", "Han (Simplified)", false},
	"ti":  {"Ethi", "Ethiopic", false},
	"iu":  {"Cans", "Canadian Aboriginal Syllabics", false},
	"crk": {"Cans", "Canadian Aboriginal Syllabics", false},
}

// ScriptOf returns the script of a language tag, Latin when unknown.
func ScriptOf(tag string) Script {
	base, _, _ := strings.Cut(tag, "-")
	if s, ok := scripts[base]; ok {
		return s
	}
	return Script{"Latn", "Latin", false}
}
