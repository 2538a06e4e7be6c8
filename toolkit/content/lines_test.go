package content_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/audiences"
	"github.com/awarekit/awarekit/locales"
	"github.com/awarekit/awarekit/toolkit/content"
)

// TestContentProblemsHaveLines: every problem of a content folder's
// message file that stands on a line names the file and the line, and
// says what to do. Each of these said only the file ("content file
// ours/locales/en.toml: message youth.headline is a number…"), or, for
// a message written below [_meta], "_meta: unknown key youth.headline",
// which tells a user nothing of TOML's tables; a type error in _meta
// was go-toml's "cannot decode TOML integer into struct field
// locale.Meta.Language of type string".
func TestContentProblemsHaveLines(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, file, data string
		want             string // after the file's path in the folder
	}{
		{"a number for a message", "en.toml", "# mine\n\"youth.headline\" = 3\n",
			`:2: message youth.headline is a number, not text; put the text in quotes, like youth.headline = "…"`},
		{"a list in a table", "en.toml", "[youth]\nintro = \"x\"\nheadline = [\"a\"]\n",
			`:3: message youth.headline is a list, not text; put the text in quotes, like headline = "…"`},
		{"an inline table", "en.toml", "youth = {intro = \"x\", headline = true}\n",
			`:1: message youth.headline is true or false, not text`},
		{"the first of several, in order", "en.toml", "[youth]\nsign.2 = 2\nheadline = 1\n",
			`:3: message youth.headline is a number`},
		{"a message below [_meta]", "en.toml", "\n[_meta]\nlanguage = \"en\"\n\"youth.headline\" = \"Hi\"\n",
			`:4: _meta has no key "youth.headline": lines after [_meta] belong to it until the next [table]; put your messages above [_meta], or under a table of their own ([youth], then headline = "…")`},
		{"a misspelt _meta key", "en.toml", "[_meta]\nlangauge = \"en\"\n",
			`:2: _meta has no key "langauge" (did you mean language?); its keys are: language, name, native, status`},
		{"a number in _meta", "en.toml", "[_meta]\nname = \"English\"\nlanguage = 3\n",
			`:3: _meta.language is a number, not text; put it in quotes, like language = "…"`},
		{"keep not a list", "zh-Hans.toml", "[_meta]\nkeep = \"加拿大\"\n",
			`:2: _meta.keep must be a list of texts in quotes, like keep = ["…", "…"]`},
		{"_meta not a table", "en.toml", "\n_meta = 3\n", `:2: _meta must be a table: [_meta] on a line of its own`},
		{"_meta.language not the file's", "en.toml", "[_meta]\n\nlanguage = \"fr\"\n",
			`:3: _meta.language is "fr" but the file name says "en"; name the file fr.toml, or write language = "en"`},
		{"a status there is not", "fr.toml", "[_meta]\n\nstatus = \"great\"\n", `:3: _meta.status is "great"; use one of: source, draft, reviewed, must-rewrite`},
		{"an apostrophe of two characters", "fr.toml", "[_meta]\n\napostrophe = \"xx\"\n", `:3: _meta.apostrophe is "xx"`},
		{"a script awarekit cannot lay out", "fr.toml", "[_meta]\n\nscript = \"Zzzz\"\n", `:3: _meta.script is "Zzzz", which awarekit cannot lay out; write one of: Arab, Cans`},
		{"a script the messages are not in", "fr.toml", "[_meta]\n\nscript = \"Cyrl\"\n", `:3: _meta.script is "Cyrl" (Cyrillic) but the messages are written in Latin`},
		{"a review without a reviewer", "fr.toml", "[_meta]\n\nreviews = [{scope=\"all\", date=\"2026-12-01\"}]\n", `:3: _meta.reviews: review 1 needs a scope (all, or an audience) and a reviewer`},
		{"a writer's date", "fr.toml", "[_meta]\n\nwriters = [{name=\"A\", date=\"x\"}]\n", `:3: _meta.writers: "A"'s date "x" is not a date like 2026-12-04`},
		{"a review as an array of tables", "fr.toml", "[[_meta.reviews]]\nscope = \"all\"\nreviewer = 3\n", `:1: _meta.reviews: reviewer is a number, not text`},
		{"a hash that is a number", "en.toml", "\"youth.headline\" = \"x\"\n[_source]\n\"youth.headline\" = 3\n",
			`:3: _source."youth.headline" must be 12 hexadecimal digits in quotes, like "3f1c0b6e2a91"`},
		{"a hash of no message", "en.toml", "[_source]\n\"youth.nosuch\" = \"abcdefabcdef\"\n",
			`:2: _source names message youth.nosuch, which the file does not have; delete the line, or add the message`},
		{"_source not a table", "en.toml", "\n_source = 3\n", `:2: _source must be a table of message ID = hash`},
		{"an escape written as \\u", "en.toml", "\n\"youth.headline\" = \"Hi \\u001b[31m\"\n", `:2: message youth.headline holds U+001B at character 4`},
		{"an escape in _meta", "fr.toml", "[_meta]\nname = \"Fr\\u001bench\"\n", `:2: _meta.name holds U+001B at character 3`},
		{"a file named in capitals", "EN.toml", "\"youth.headline\" = \"x\"\n", `: a message file is named after its language's tag as it is written: rename it en.toml`},
		{"a file named with an underscore", "fr_ca.toml", "\"youth.headline\" = \"x\"\n", `: a message file is named after its language's tag as it is written: rename it fr-CA.toml`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := userFolder(t, map[string]string{"locales/" + tt.file: tt.data})
			_, err := content.LoadUser(audiences.FS, locales.FS, dir)
			want := filepath.Join(dir, "locales", tt.file) + tt.want
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("error %v\nwant %q", err, want)
			}
		})
	}
}

// TestContentWarningsHaveLines: the warning about a message nothing
// prints names its line, and the ID it is nearest to.
func TestContentWarningsHaveLines(t *testing.T) {
	dir := userFolder(t, map[string]string{"locales/en.toml": "[youth]\nintro = \"Know this.\"\nheadlin = \"Hi\"\n"})
	lib, err := content.LoadUser(audiences.FS, locales.FS, dir)
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(dir, "locales", "en.toml") + ":3: message youth.headlin is not used by any material; is the ID spelt right? (did you mean youth.headline?)"
	if !strings.Contains(strings.Join(lib.Warnings, "\n"), want) {
		t.Errorf("warnings:\n%s\nwant %q", strings.Join(lib.Warnings, "\n"), want)
	}
}
