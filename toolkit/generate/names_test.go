package generate_test

import (
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/generate"
)

// TestLanguageByName: a language is found by its tag or by its name, in
// English or in itself, as the locale files' _meta give them, without
// regard to case or accents; pairs take names too.
func TestLanguageByName(t *testing.T) {
	e, err := generate.Open(generate.Config{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		typed, lang, second string
	}{
		{"pa", "pa", ""},
		{"punjabi", "pa", ""},
		{"Punjabi", "pa", ""},
		{"ਪੰਜਾਬੀ", "pa", ""},
		{"Français", "fr", ""},
		{"francais", "fr", ""},
		{"FRENCH", "fr", ""},
		{"español", "es", ""},
		{"Espanol", "es", ""},
		{"Chinese", "zh-Hans", ""},
		{"chinese (simplified)", "zh-Hans", ""},
		{"简体中文", "zh-Hans", ""},
		{"العربية", "ar", ""},
		{"fr-CA", "fr", ""},
		{"français+english", "fr", "en"},
		{"Punjabi+English", "pa", "en"},
		// Names people type that the locale files do not give, for the
		// same language.
		{"Farsi", "fa", ""},
		{"filipino", "tl", ""},
		{"Farsi+English", "fa", "en"},
	}
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			r, err := e.Resolve(generate.Job{Audience: "newcomers", Lang: tt.typed, Format: "flyer", Paper: "letter"})
			if err != nil {
				t.Fatal(err)
			}
			if r.Lang != tt.lang || r.Second != tt.second {
				t.Errorf("got %s+%s, want %s+%s", r.Lang, r.Second, tt.lang, tt.second)
			}
		})
	}
}

// TestDidYouMean: a name close to a valid one is answered with it; a name
// close to nothing gets only the list.
func TestDidYouMean(t *testing.T) {
	e, err := generate.Open(generate.Config{})
	if err != nil {
		t.Fatal(err)
	}
	good := generate.Job{Audience: "youth", Lang: "en", Format: "flyer", Paper: "letter"}
	tests := []struct {
		name string
		job  func(j *generate.Job)
		want string
	}{
		{"audience", func(j *generate.Job) { j.Audience = "yuoth" }, `unknown audience "yuoth" (did you mean "youth"?); choose one of: agriculture, business, caregivers, health, hospitality, indigenous, newcomers, parents, students, youth`},
		{"audience start", func(j *generate.Job) { j.Audience = "newcom" }, `(did you mean "newcomers"?)`},
		{"language name", func(j *generate.Job) { j.Lang = "punjbi" }, `unknown language "punjbi" (did you mean "Punjabi"?); choose one of: ar,`},
		{"language in itself", func(j *generate.Job) { j.Lang = "espagnol" }, `(did you mean "Español"?)`},
		{"second language", func(j *generate.Job) { j.Lang = "fr+englsh" }, `unknown language "englsh" (did you mean "English"?)`},
		{"format", func(j *generate.Job) { j.Format = "flyr" }, `unknown format "flyr" (did you mean "flyer"?); choose one of: flyer,`},
		{"backend", func(j *generate.Job) { j.Backend = "pgn" }, `unknown backend "pgn" (did you mean "png"?); choose one of: pdf, png, svg`},
		{"paper", func(j *generate.Job) { j.Paper = "leter" }, `unknown paper "leter" (did you mean "letter"?); choose one of: letter, a4`},
		{"style start", func(j *generate.Job) { j.Style = "large" }, `unknown style "large" (did you mean "large-print"?); choose one of: standard, large-print, high-contrast`},
		{"style slip", func(j *generate.Job) { j.Style = "hihg-contrast" }, `(did you mean "high-contrast"?)`},
		{"style of a format in one style", func(j *generate.Job) { j.Format, j.Style = "poster", "large-print" }, `format poster is made in the standard style only; large-print works with: flyer, handout, cards, safety-card`},
		{"large print in two languages", func(j *generate.Job) { j.Lang, j.Style = "fr+en", "large-print" }, `large print holds one language to a document; make one of each (-l fr,en)`},
		{"nothing near", func(j *generate.Job) { j.Audience = "teens" }, `unknown audience "teens"; choose one of:`},
		{"no language near", func(j *generate.Job) { j.Lang = "klingon" }, `unknown language "klingon"; choose one of: ar,`},
		// A name near a language but not the same one offers its tag
		// (pes suggested "es" by its spelling).
		{"spoken name", func(j *generate.Job) { j.Lang = "Mandarin" }, `unknown language "Mandarin" (did you mean "zh-Hans"?)`},
		{"several languages", func(j *generate.Job) { j.Lang = "cree" }, `unknown language "cree" (did you mean "crk"?)`},
		{"a code of a variety", func(j *generate.Job) { j.Lang = "pes" }, `unknown language "pes" (did you mean "fa"?)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := good
			tt.job(&j)
			_, err := e.Resolve(j)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v\nwant %s", err, tt.want)
			}
		})
	}
}

// TestStyleFileNames: a style other than standard is in the file's name,
// so the styles of one material never overwrite each other, and the
// standard style keeps the names files always had; a pattern that
// names {style} puts it where it says.
func TestStyleFileNames(t *testing.T) {
	e, err := generate.Open(generate.Config{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		style, format, backend, pattern string
		want                            string
	}{
		{"", "flyer", "", "", "youth-flyer-en.pdf"},
		{"standard", "flyer", "", "", "youth-flyer-en.pdf"},
		{"large-print", "flyer", "", "", "youth-flyer-en-large-print.pdf"},
		{"High-Contrast", "cards", "", "", "youth-cards-en-high-contrast.pdf"},
		{"large-print", "handout", "png", "", "youth-handout-en-large-print-2.png"},
		{"large-print", "flyer", "", "{style}/{audience}.{ext}", "large-print-youth.pdf"},
		{"standard", "flyer", "", "{audience}-{style}.{ext}", "youth-standard.pdf"},
	}
	for _, tt := range tests {
		t.Run(tt.style+"/"+tt.format+"/"+tt.pattern, func(t *testing.T) {
			r, err := e.Resolve(generate.Job{Audience: "youth", Lang: "en", Format: tt.format, Backend: tt.backend, Paper: "letter", Style: tt.style})
			if err != nil {
				t.Fatal(err)
			}
			got := r.FileName(tt.pattern)
			if tt.backend == "png" {
				got = r.PageName(tt.pattern, 2, "png")
			}
			if got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}
