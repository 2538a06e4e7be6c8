package content_test

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/audiences"
	"github.com/awarekit/awarekit/locales"
	"github.com/awarekit/awarekit/toolkit/content"
)

// TestUnreadFiles: a file of a content folder that nothing reads is
// never passed over without a word. Each of these was: the educator's
// words in locales/en.TOML, audiences/youth/audience.yml or a locale/
// folder printed nowhere, and the built-in words in their place. A file
// whose name says what it was meant to be stops the content, naming the
// name and place it should have; where that file is there too, or where
// it cannot be told, a warning names it.
func TestUnreadFiles(t *testing.T) {
	t.Parallel()
	youth, err := fs.ReadFile(audiences.FS, "youth/audience.yaml")
	if err != nil {
		t.Fatal(err)
	}
	club := strings.Replace(string(youth), "id: youth", "id: club", 1)
	const msg = "[youth]\nheadline = \"Our own headline\"\n"
	tests := []struct {
		name    string
		files   map[string]string
		problem string // the error, after the folder; "" for none
		warning string // a warning, after the folder; "" for none
	}{
		{name: "a message file's .toml in capitals", files: map[string]string{"locales/en.TOML": msg},
			problem: "/locales/en.TOML: awarekit does not read this file: a message file is named after its language's tag and .toml, in small letters; rename it en.toml"},
		{name: "a .txt Notepad added", files: map[string]string{"locales/fr.toml.txt": msg},
			problem: "/locales/fr.toml.txt: awarekit does not read this file: a message file is named after its language's tag and .toml, in small letters (Windows may hide the .txt at the end of the name); rename it fr.toml"},
		{name: "locale/ for locales/", files: map[string]string{"locale/en.toml": msg, "locales/fr.toml": "[youth]\nheadline = \"Notre titre\"\n"},
			problem: "/locale/en.toml: awarekit does not read this file: message files are read from locales/ (with an s, in small letters), beside audiences/; move it to DIR/locales/en.toml"},
		{name: "a message file at the top", files: map[string]string{"en.toml": msg, "audiences/youth/stories.yaml": "stories: []\n"},
			problem: "/en.toml: awarekit does not read this file: message files are read from locales/ (with an s, in small letters), beside audiences/; move it to DIR/locales/en.toml"},
		{name: "audience.yml", files: map[string]string{"audiences/youth/audience.yml": string(youth)},
			problem: "/audiences/youth/audience.yml: awarekit does not read this file: its name must be audience.yaml exactly; rename it audience.yaml"},
		{name: "Stories.yaml", files: map[string]string{"audiences/youth/Stories.yaml": "stories: []\n"},
			problem: "/audiences/youth/Stories.yaml: awarekit does not read this file: its name must be stories.yaml exactly; rename it stories.yaml"},
		{name: "Audiences/ in capitals", files: map[string]string{"Audiences/club/audience.yaml": club, "locales/en.toml": msg},
			problem: "/Audiences/club/audience.yaml: awarekit does not read this file: an audience's files are read from audiences/ (with an s, in small letters); move it to DIR/audiences/club/audience.yaml"},
		{name: "an audience's file outside its folder", files: map[string]string{"audiences/audience.yaml": club},
			problem: "/audiences/audience.yaml: awarekit does not read this file: an audience's files are read from its own folder, audiences/ID/, ID being the id it gives; move it to DIR/audiences/club/audience.yaml"},

		{name: "a copy beside the file read", files: map[string]string{"en.toml": msg, "locales/en.toml": msg},
			warning: "/en.toml is not read: DIR/locales/en.toml is; put what you changed into DIR/locales/en.toml and delete DIR/en.toml"},
		{name: "a folder that is no audience", files: map[string]string{"audiences/yuoth/stories.yaml": "stories: []\n", "locales/en.toml": msg},
			warning: "/audiences/yuoth/stories.yaml is not read: there is no audience yuoth (did you mean youth?), neither built in nor in DIR/audiences/yuoth/audience.yaml"},
		{name: "a PO file", files: map[string]string{"locales/fr.po": "msgid \"\"\n", "locales/en.toml": msg},
			warning: "/locales/fr.po is not read: a translation file is brought in with awarekit translate import"},
		{name: "YAML nothing reads", files: map[string]string{"audiences/youth/notes.yaml": "a: 1\n", "locales/en.toml": msg},
			warning: "/audiences/youth/notes.yaml is not read: a content folder reads audiences/ID/audience.yaml, stories.yaml and kit.yaml"},
		// One letter from kit or law is no slip of them (review17: lab.yaml
		// stopped the content, sent to be audiences/law.yaml).
		{name: "a short name near law", files: map[string]string{"lab.yaml": "a: 1\n", "locales/en.toml": msg},
			warning: "/lab.yaml is not read: a content folder reads audiences/ID/audience.yaml, stories.yaml and kit.yaml"},
		{name: "a short name near kit", files: map[string]string{"audiences/youth/kid.yaml": "a: 1\n", "locales/en.toml": msg},
			warning: "/audiences/youth/kid.yaml is not read: a content folder reads audiences/ID/audience.yaml, stories.yaml and kit.yaml"},
		{name: "notes, pictures, backups and hidden files are let be", files: map[string]string{"README.md": "x", "logo.png": "x", "locales/en.toml~": msg,
			".git/config": "x", "locales/.en.toml.swp": "x", "locales/en.toml": msg}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := userFolder(t, tt.files)
			lib, err := content.LoadUser(audiences.FS, locales.FS, dir)
			if tt.problem != "" {
				want := dir + strings.ReplaceAll(tt.problem, "DIR", dir)
				if err == nil || err.Error() != want {
					t.Errorf("error %v\nwant %s", err, want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range lib.Warnings {
				if strings.Contains(w, "is not read") {
					got = append(got, w)
				}
			}
			switch {
			case tt.warning == "" && len(got) > 0:
				t.Errorf("warnings %q", got)
			case tt.warning != "" && (len(got) != 1 || !strings.HasPrefix(got[0], dir+strings.ReplaceAll(tt.warning, "DIR", dir))):
				t.Errorf("warnings %q\nwant %s", got, dir+strings.ReplaceAll(tt.warning, "DIR", dir))
			}
		})
	}
}

// TestCheckFolderSaysWhatIsMisplaced: a folder refused as no content
// folder says what in it looks like content in the wrong place.
func TestCheckFolderSaysWhatIsMisplaced(t *testing.T) {
	tests := []struct {
		files map[string]string
		want  string
	}{
		{map[string]string{"locale/en.toml": "x"}, "has neither audiences/ nor locales/ in it, so it is not a content folder: it has locale/, which is not read: rename it locales/"},
		{map[string]string{"Locales/en.toml": "x"}, "it has Locales/, which is not read: rename it locales/"},
		{map[string]string{"languages/en.toml": "x"}, "it has languages/, which is not read: rename it locales/"},
		{map[string]string{"fr.toml": "x"}, "has neither audiences/ nor locales/ in it, so it is not a content folder: it has fr.toml at its top, which is not read: move it into locales/"},
		{map[string]string{"audience.yaml": "x"}, "it has audience.yaml at its top, which is not read: an audience's files go in audiences/ID/, ID being its id"},
	}
	for _, tt := range tests {
		dir := userFolder(t, tt.files)
		err := content.CheckFolder(dir)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: %v\nwant %q", tt.files, err, tt.want)
		}
	}
}

// TestSignCountSaidOnce: an audience with too many signs is said once,
// at its signs: line; it was said once for each of the 15 languages
// ("has 8 signs in ar; …", "has 8 signs in crk; …"), at the first line
// naming signs, a comment above.
func TestSignCountSaidOnce(t *testing.T) {
	youth, err := fs.ReadFile(audiences.FS, "youth/audience.yaml")
	if err != nil {
		t.Fatal(err)
	}
	eight := strings.Replace(string(youth), "signs: [youth.sign.1,", "signs: [youth.sign.1, youth.sign.2,", 1)
	dir := userFolder(t, map[string]string{"audiences/youth/audience.yaml": eight})
	_, err = content.LoadUser(audiences.FS, locales.FS, dir)
	want := filepath.Join(dir, "audiences", "youth", "audience.yaml") + ":26: has 8 signs; an audience needs 3 to 7"
	if err == nil || err.Error() != want {
		t.Errorf("error %v\nwant %s", err, want)
	}
}
