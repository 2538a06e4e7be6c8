package typeset

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/go-text/typesetting/fontscan"
	"github.com/go-text/typesetting/language"
	"golang.org/x/image/font/gofont/goregular"
)

// SearchAhead runs the search of the machine's fonts only for languages
// whose text would run it, once, and what it found wrong is said only
// once text needs the search.
func TestSearchAhead(t *testing.T) {
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	own := filepath.Join(t.TempDir(), "own.ttf")
	if err := os.WriteFile(own, goregular.TTF, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		langs  map[string]string
		user   map[string][]string
		script language.Script // the text's, set after the search ahead
		search bool
	}{
		{"English", map[string]string{"en": "Latn"}, nil, language.Latin, false},
		{"French and Ukrainian", map[string]string{"fr": "Latn", "uk": "Cyrl"}, nil, language.Cyrillic, false},
		{"Arabic, drawn by the embedded fonts", map[string]string{"ar": "Arab"}, nil, language.Arabic, false},
		{"Urdu, set in a system font", map[string]string{"ur": "Arab"}, nil, language.Arabic, true},
		{"Punjabi", map[string]string{"pa": "Guru"}, nil, language.Gurmukhi, true},
		{"Punjabi and English", map[string]string{"pa": "Guru", "en": "Latn"}, nil, language.Gurmukhi, true},
		{"Simplified Chinese", map[string]string{"zh-Hans": "Hans"}, nil, language.Han, true},
		{"Punjabi in the user's font", map[string]string{"pa": "Guru"}, map[string][]string{"Guru": {own}}, language.Gurmukhi, false},
		{"a script code no font is for", map[string]string{"xx": "Zzzz"}, nil, language.Latin, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs, err := NewFonts(base, tt.user)
			if err != nil {
				t.Fatal(err)
			}
			scans := 0
			var once bool
			fs.scan = func() ([]fontscan.Footprint, error) {
				if !once {
					once = true
					scans++
					fs.warnMu.Lock()
					fs.warnings = []string{"a settings file passed over"}
					fs.warnMu.Unlock()
				}
				return nil, nil
			}
			fs.SearchAhead(tt.langs)
			if got := scans == 1; got != tt.search {
				t.Errorf("searched ahead: %v, want %v", got, tt.search)
			}
			if w := fs.Warnings(); len(w) > 0 {
				t.Errorf("warnings after the search ahead alone: %q, want none", w)
			}
			// Text that needs the search says what it found wrong; the
			// search is not run again.
			fs.forScript(tt.script)
			if scans > 1 {
				t.Errorf("%d searches, want one", scans)
			}
			if _, needed := needs[tt.script]; needed && tt.user == nil {
				if w := fs.Warnings(); !slices.Equal(w, []string{"a settings file passed over"}) {
					t.Errorf("warnings once text needed the search: %q", w)
				}
			}
		})
	}
}
