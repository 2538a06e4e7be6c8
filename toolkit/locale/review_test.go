package locale_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/awarekit/awarekit/toolkit/locale"
)

// TestReviewRecords: a file's [_reviewed] table and _meta.reviews are
// read and checked, and a reviewed language is a draft again when a
// message was made from older English or changed after its review.
func TestReviewRecords(t *testing.T) {
	en := "[_meta]\nlanguage = \"en\"\nstatus = \"source\"\n[ui]\na = \"One\"\nb = \"Two\"\n"
	hash := func(s string) string { return locale.SourceHash(s) }
	es := func(a, checkedA string) string {
		return "[_meta]\nlanguage = \"es\"\nstatus = \"reviewed\"\nreviewer = \"Ana\"\nreviewed = \"2026-12-05\"\n" +
			"reviews = [{scope = \"all\", reviewer = \"Ana\", date = \"2026-12-05\"}]\n" +
			"[ui]\na = \"" + a + "\"\nb = \"Dos\"\n" +
			"[_source]\n\"ui.a\" = \"" + hash("One") + "\"\n\"ui.b\" = \"" + hash("Two") + "\"\n" +
			"[_reviewed]\n\"ui.a\" = \"" + hash(checkedA) + "\"\n\"ui.b\" = \"" + hash("Dos") + "\"\n"
	}
	tests := []struct {
		name  string
		es    string
		draft bool
	}{
		{"reviewed as it is", es("Uno", "Uno"), false},
		{"changed after the review", es("Una", "Uno"), true},
		{"stale", strings.Replace(es("Uno", "Uno"), hash("One"), hash("Once"), 1), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cat, err := locale.Load(fstest.MapFS{"en.toml": {Data: []byte(en)}, "es.toml": {Data: []byte(tt.es)}})
			if err != nil {
				t.Fatal(err)
			}
			l := cat.Locale("es")
			if l.Draft() != tt.draft {
				t.Errorf("Draft() = %v, want %v (stale %v, unchecked %v)", l.Draft(), tt.draft, l.Stale(), l.Unchecked())
			}
			if len(l.Meta.Reviews) != 1 || l.Meta.Reviews[0].Reviewer != "Ana" {
				t.Errorf("reviews %+v", l.Meta.Reviews)
			}
			if tt.draft && !strings.Contains(l.StatusLine(), "draft again") {
				t.Errorf("status line %q", l.StatusLine())
			}
		})
	}
	for _, bad := range []struct{ file, want string }{
		{"[_meta]\nreviews = [{scope = \"all\", date = \"2026-12-05\"}]\n", "es.toml:2: _meta.reviews: review 1 needs a scope (all, or an audience) and a reviewer"},
		{"[_meta]\nreviews = [{scope = \"all\", reviewer = \"A\", date = \"5 Dec\"}]\n", "is not a date"},
		{"[_reviewed]\n\"ui.a\" = \"xyz\"\n", "_reviewed.\"ui.a\" must be 12 hexadecimal digits"},
	} {
		if _, err := locale.ParseFile("es.toml", []byte(bad.file)); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%q: error %v; want %q", bad.file, err, bad.want)
		}
	}
}

// TestTranslationOverride: a user's file with a status of its own is a
// translation of the language; its review replaces the built-in one.
func TestTranslationOverride(t *testing.T) {
	en := "[_meta]\nlanguage = \"en\"\nstatus = \"source\"\n[ui]\na = \"One\"\n"
	es := "[_meta]\nlanguage = \"es\"\nstatus = \"draft\"\n[ui]\na = \"Uno\"\n[_source]\n\"ui.a\" = \"" + locale.SourceHash("One") + "\"\n"
	cat, err := locale.Load(fstest.MapFS{"en.toml": {Data: []byte(en)}, "es.toml": {Data: []byte(es)}})
	if err != nil {
		t.Fatal(err)
	}
	user := "[_meta]\nstatus = \"reviewed\"\nreviewer = \"Ana\"\nreviewed = \"2026-12-05\"\n[ui]\na = \"Una\"\n[_source]\n\"ui.a\" = \"" + locale.SourceHash("One") + "\"\n[_reviewed]\n\"ui.a\" = \"" + locale.SourceHash("Una") + "\"\n"
	if err := cat.Override(fstest.MapFS{"es.toml": {Data: []byte(user)}}); err != nil {
		t.Fatal(err)
	}
	l := cat.Locale("es")
	if !l.Translation || l.Draft() || !l.CheckedNow("ui.a") {
		t.Errorf("translation %v, draft %v, checked %v", l.Translation, l.Draft(), l.CheckedNow("ui.a"))
	}
	words := "[ui]\na = \"Unos\"\n"
	if err := cat.Override(fstest.MapFS{"es.toml": {Data: []byte(words)}}); err != nil {
		t.Fatal(err)
	}
	if l := cat.Locale("es"); l.Translation || !l.Draft() {
		t.Errorf("a group's own words: translation %v, draft %v", l.Translation, l.Draft())
	}
}

// TestScriptHas: a script knows its letters.
func TestScriptHas(t *testing.T) {
	for _, tt := range []struct {
		tag  string
		r    rune
		want bool
	}{{"pa", 'ਸ', true}, {"pa", 's', false}, {"zh-Hans", '中', true}, {"ar", 'ع', true}, {"es", 'ñ', true}, {"iu", 'ᐊ', true}} {
		sc, ok := locale.ScriptOf(tt.tag)
		if !ok {
			t.Fatalf("no script for %s", tt.tag)
		}
		if sc.Has(tt.r) != tt.want {
			t.Errorf("%s Has(%q) = %v", tt.tag, tt.r, !tt.want)
		}
	}
}

// TestOverrideSavedOnWindows: a user's message file saved by Notepad
// (UTF-8 with a byte order mark, CRLF line ends) is read as any other;
// a message that is not text says what it is in words.
func TestOverrideSavedOnWindows(t *testing.T) {
	en := "[_meta]\nlanguage = \"en\"\nstatus = \"source\"\n[ui]\na = \"One\"\n"
	cat, err := locale.Load(fstest.MapFS{"en.toml": {Data: []byte(en)}})
	if err != nil {
		t.Fatal(err)
	}
	if err := cat.Override(fstest.MapFS{"en.toml": {Data: []byte("\ufeff[ui]\r\na = \"Uno\"\r\n")}}); err != nil {
		t.Fatalf("a file with a byte order mark: %v", err)
	}
	if got := cat.Locale("en").Messages["ui.a"]; got != "Uno" {
		t.Errorf("ui.a = %q, want the file's", got)
	}
	for _, tt := range []struct{ value, says string }{
		{"42", "message ui.a is a number, not text; put the text in quotes, like a = \"…\""},
		{"true", "message ui.a is true or false, not text"},
		{"[\"x\"]", "message ui.a is a list, not text"},
	} {
		err := cat.Override(fstest.MapFS{"en.toml": {Data: []byte("[ui]\na = " + tt.value + "\n")}})
		if err == nil || !strings.Contains(err.Error(), tt.says) {
			t.Errorf("a = %s: %v, want it to say %q", tt.value, err, tt.says)
		}
	}
}
