package locale_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/locales"
	"github.com/awarekit/awarekit/toolkit/locale"
)

func TestResolve(t *testing.T) {
	cat, err := locale.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in, want string
	}{
		{"en", "en"},
		{"fr", "fr"},
		{"fr-CA", "fr"},
		{"FR", "fr"},
		{"en_US", "en"},
		{"en-CA", "en"},
		{"zh", "zh-Hans"},
		{"zh-CN", "zh-Hans"},
		{"pa-IN", "pa"},
		{"es-MX", "es"},
		{"ar-EG", "ar"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := cat.Resolve(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("Resolve(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	for _, bad := range []string{"klingon", "xx", "", "de", "sw", "zh-Hant", "zh-TW", "zh-HK", "pa-Arab", "pa-PK", "iu-Latn", "sr-Latn"} {
		_, err := cat.Resolve(bad)
		var unknown *locale.UnknownLanguageError
		if !errors.As(err, &unknown) || !strings.Contains(err.Error(), "en, ") {
			t.Errorf("Resolve(%q) error = %v; want an UnknownLanguageError listing the languages", bad, err)
		}
	}
}

func TestTextIsStrict(t *testing.T) {
	cat, err := locale.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	fr := cat.Locale("fr")
	if _, err := fr.Text("no.such.message", nil); err == nil {
		t.Error("a missing message gave no error")
	}
	if _, err := fr.Text("common.do.call911", nil); err == nil {
		t.Error("a message rendered without its placeholder value gave no error")
	}
	s, err := fr.Text("common.do.call911", map[string]any{"Emergency": "911"})
	if err != nil || !strings.Contains(s, "911") {
		t.Errorf("Text = %q, %v; want the French line with 911", s, err)
	}
}

// TestNoPluralRuleLanguages: go-i18n has no plural rules for Cree or
// Ojibwe; they load under an art-x- tag (as Hugo does) and still render.
func TestNoPluralRuleLanguages(t *testing.T) {
	cat, err := locale.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	for tag, want := range map[string]string{"crk": "art-x-crk", "oj": "art-x-oj", "fr": "fr", "zh-Hans": "zh-Hans"} {
		l := cat.Locale(tag)
		if l == nil {
			t.Fatalf("no %s locale", tag)
		}
		if l.I18nTag != want {
			t.Errorf("%s loads as %q, want %q", tag, l.I18nTag, want)
		}
		s, err := l.Text("common.do.call911", map[string]any{"Emergency": "911"})
		if err != nil || !strings.Contains(s, "911") {
			t.Errorf("%s: %q, %v", tag, s, err)
		}
	}
}
