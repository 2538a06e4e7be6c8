package locale_test

import (
	"strings"
	"testing"

	"github.com/awarekit/awarekit/locales"
	"github.com/awarekit/awarekit/toolkit/locale"
)

func TestApostrophes(t *testing.T) {
	curly := &locale.Locale{Meta: locale.Meta{Apostrophe: "’"}}
	tests := []struct {
		name, in, want string
	}{
		{"inside an English word", "don't, can't, Canada's hotline", "don’t, can’t, Canada’s hotline"},
		{"French elisions", "l'exploitation, aujourd'hui, qu'il, J'écoute", "l’exploitation, aujourd’hui, qu’il, J’écoute"},
		{"a plural possessive at a word's end", "the workers' passports", "the workers’ passports"},
		{"before punctuation", "(l'aide), «l'école» and workers'.", "(l’aide), «l’école» and workers’."},
		{"an organisation's name", "St. Mary's Women's Centre", "St. Mary’s Women’s Centre"},
		{"single quotes around a word", "the 'Do Not Announce' flag", "the ‘Do Not Announce’ flag"},
		{"an elision at a word's start", "the '90s and 'til then", "the ’90s and ’til then"},
		{"a decade", "the 1990's", "the 1990’s"},
		{"a web address", "see st-mary's.example.ca/o'brien or https://x.ca/l'aide", "see st-mary's.example.ca/o'brien or https://x.ca/l'aide"},
		{"an email address", "write to o'brien@example.ca, o'brien's office", "write to o'brien@example.ca, o’brien’s office"},
		{"a file name", "open l'aide.pdf now", "open l'aide.pdf now"},
		{"feet and inches", "5'10\" tall, 6' 2", "5'10\" tall, 6' 2"},
		{"a lone mark", "a ' b", "a ' b"},
		{"already typographic", "l’aide et l’école", "l’aide et l’école"},
		{"no apostrophe", "Call 1-833-900-1010", "Call 1-833-900-1010"},
		{"combining accent before it", "e\u0301'a", "e\u0301’a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := curly.Apostrophes(tt.in)
			if got != tt.want {
				t.Errorf("Apostrophes(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := curly.Apostrophes(got); again != got {
				t.Errorf("not stable: a second pass gives %q", again)
			}
			if back := curly.Unprinted(got); back != strings.NewReplacer("’", "'", "‘", "'").Replace(tt.in) {
				t.Errorf("Unprinted(%q) = %q, not the typewriter text", got, back)
			}
		})
	}
	for _, l := range []*locale.Locale{nil, {Meta: locale.Meta{Language: "es"}}} {
		if got := l.Apostrophes("l'aide 'x'"); got != "l'aide 'x'" {
			t.Errorf("a language without _meta.apostrophe changed %q", got)
		}
		if got := l.Unprinted("м’ясо"); got != "м’ясо" {
			t.Errorf("a language without _meta.apostrophe lost its own apostrophe: %q", got)
		}
	}
}

func TestApostropheMeta(t *testing.T) {
	for _, tt := range []struct {
		value string
		ok    bool
	}{{"’", true}, {"ʼ", true}, {"", true}, {"'", false}, {"ab", false}, {"’’", false}, {"x", false}, {" ", false}} {
		_, err := locale.ParseFile("fr.toml", []byte("[_meta]\napostrophe = \""+tt.value+"\"\n[ui]\na = \"b\"\n"))
		if (err == nil) != tt.ok {
			t.Errorf("apostrophe = %q: err = %v, want ok=%v", tt.value, err, tt.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "_meta.apostrophe") {
			t.Errorf("apostrophe = %q: the error does not name the key: %v", tt.value, err)
		}
	}
}

// TestApostropheLanguages holds which languages print typographic
// apostrophes: English and French, whose files write the typewriter's;
// no other language's text is touched.
func TestApostropheLanguages(t *testing.T) {
	c, err := locale.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range c.Tags() {
		l := c.Locale(tag)
		want := ""
		if tag == "en" || tag == "fr" {
			want = "’"
		}
		if l.Meta.Apostrophe != want {
			t.Errorf("%s: _meta.apostrophe = %q, want %q", tag, l.Meta.Apostrophe, want)
		}
	}
}
