package generate_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// TestBilingualLayoutFails: when the bilingual layout cannot place a
// document (here French signs far too long for any page), the error
// comes back to the caller. It used to be lost to a shadowed variable, so
// a nil layout reached the PDF backend and the program panicked.
func TestBilingualLayoutFails(t *testing.T) {
	dir := t.TempDir()
	// Three signs of 41 sentences (1,926 characters each, under the
	// 2,000 a content folder's message may have) fit no two-language
	// flyer. (A headline of 1,900 did, and was refused at load once
	// headlines were held to 320 characters.)
	long := strings.TrimSpace(strings.Repeat("Connais les signes. Tu peux obtenir de l'aide. ", 41))
	writeFile(t, filepath.Join(dir, "locales", "fr.toml"), "[_meta]\nlanguage = \"fr\"\n[youth]\nsign.1 = \""+long+"\"\nsign.2 = \""+long+"\"\nsign.3 = \""+long+"\"\n")
	e, err := generate.Open(generate.Config{Creator: "awarekit test", Date: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), ContentDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	brand, err := profile.Organisation{}.Brand()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"fr+en", "en+fr"} {
		t.Run(lang, func(t *testing.T) {
			r, err := e.Resolve(generate.Job{Audience: "youth", Lang: lang, Format: "flyer", Paper: "letter"})
			if err != nil {
				t.Fatal(err)
			}
			ld, err := e.Layout(r, profile.Organisation{}, brand)
			if err == nil || ld != nil {
				t.Fatalf("Layout = %v, %v; want no layout and an error", ld, err)
			}
			if !errors.Is(err, layout.ErrDoesNotFit) || !strings.Contains(err.Error(), "not fit") {
				t.Errorf("error %q does not say the text does not fit", err)
			}
			if _, err := e.Render(r, profile.Organisation{}, brand); err == nil {
				t.Error("Render made a file from a layout that failed")
			}
		})
	}
}

// TestTooLongOwnTextNamesTheFolder: when a content folder's words do not
// fit a format, the advice names the folder, and asks to shorten the
// organisation's name only when one was given; it said "shorten the
// organisation's name and local contacts" with neither given.
func TestTooLongOwnTextNamesTheFolder(t *testing.T) {
	dir := t.TempDir()
	long := strings.TrimSpace(strings.Repeat("Has new friends who are older, sometimes met online, and who give gifts. ", 6))
	var b strings.Builder
	b.WriteString("[_meta]\nlanguage = \"en\"\n[youth]\n")
	for i := 1; i <= 5; i++ {
		fmt.Fprintf(&b, "sign.%d = %q\n", i, long)
	}
	writeFile(t, filepath.Join(dir, "locales", "en.toml"), b.String())
	e, err := generate.Open(generate.Config{Creator: "awarekit test", Date: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), ContentDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	r, err := e.Resolve(generate.Job{Audience: "youth", Lang: "en", Format: "poster", Paper: "letter"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		org       profile.Organisation
		want, not string
	}{
		{profile.Organisation{}, "shorten what you gave (the text in your content folder ", "organisation's name"},
		{profile.Organisation{Name: "Eastside Youth Council"}, "shorten what you gave (the organisation's name and local contacts, or the text in your content folder ", "\x00"},
	} {
		brand, err := tt.org.Brand()
		if err != nil {
			t.Fatal(err)
		}
		_, err = e.Layout(r, tt.org, brand)
		var fe *layout.FitError
		if !errors.As(err, &fe) || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), tt.not) || !strings.Contains(err.Error(), "lay out youth poster (en)") {
			t.Errorf("name %q: error %v\nwant a FitError saying %q", tt.org.Name, err, tt.want)
		}
	}
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestOutputInsideContent: an output folder inside the content folder
// is refused, also when reached through a symbolic link or not made yet;
// one beside it is fine.
func TestOutputInsideContent(t *testing.T) {
	root := t.TempDir()
	content := filepath.Join(root, "ours")
	writeFile(t, filepath.Join(content, "locales", "en.toml"), "[_meta]\nlanguage = \"en\"\n")
	if err := os.Symlink(content, filepath.Join(root, "link")); err != nil {
		t.Fatal(err)
	}
	e, err := generate.Open(generate.Config{Creator: "awarekit test", ContentDir: content})
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{content, filepath.Join(content, "out"), filepath.Join(content, "a", "b"), filepath.Join(root, "link", "out")} {
		if err := e.CheckOutDir(dir); err == nil || !strings.Contains(err.Error(), "inside the content folder") {
			t.Errorf("%s: %v, want it refused", dir, err)
		}
		if _, err := os.Stat(dir); dir != content && err == nil {
			t.Errorf("%s was made although it was refused", dir)
		}
	}
	for _, dir := range []string{filepath.Join(root, "out"), filepath.Join(root, "ours-out")} {
		if err := e.CheckOutDir(dir); err != nil {
			t.Errorf("%s: %v", dir, err)
		}
	}
}

// TestOpenWithFonts: a library caller gets the user's fonts from Config,
// as the command line does; a font file that is not there stops Open.
func TestOpenWithFonts(t *testing.T) {
	const gurmukhi = "/usr/share/fonts/truetype/noto/NotoSansGurmukhi-Regular.ttf"
	if _, err := os.Stat(gurmukhi); err != nil {
		if os.Getenv("AWAREKIT_REQUIRE_FONTS") == "1" {
			t.Fatal(err)
		}
		t.Skip("needs the Debian package fonts-noto-core")
	}
	e, err := generate.Open(generate.Config{Creator: "awarekit test", Fonts: map[string][]string{"Guru": {gurmukhi}}})
	if err != nil {
		t.Fatal(err)
	}
	l, err := e.Language("pa")
	if err != nil || l.FontsErr != nil {
		t.Fatalf("pa: %+v, %v", l, err)
	}
	found := false
	for _, src := range l.Fonts {
		found = found || src.File == gurmukhi
	}
	if !found || l.Script != "Gurmukhi" || l.Coverage != 100 {
		t.Errorf("pa: %+v; want Gurmukhi drawn by %s, fully translated", l, gurmukhi)
	}
	missing := filepath.Join(t.TempDir(), "missing.ttf")
	if _, err := generate.Open(generate.Config{Fonts: map[string][]string{"Guru": {missing}}}); err == nil || !strings.Contains(err.Error(), "missing.ttf") {
		t.Errorf("a missing font file: %v", err)
	}
}

// TestExpand: every audience × language × format, in that order, and
// every bad name once, together.
func TestExpand(t *testing.T) {
	e, err := generate.New("awarekit test", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	jobs, err := e.Expand(generate.Matrix{Audiences: []string{"youth", "health"}, Langs: []string{"en", "fr"}, Formats: []string{"flyer", "md"}, Paper: "a4"})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range jobs {
		names = append(names, r.FileName(""))
	}
	want := "youth-flyer-en.pdf youth-md-en.md youth-flyer-fr.pdf youth-md-fr.md health-flyer-en.pdf health-md-en.md health-flyer-fr.pdf health-md-fr.md"
	if strings.Join(names, " ") != want {
		t.Errorf("jobs %v\nwant %s", names, want)
	}
	jobs, err = e.Expand(generate.Matrix{Audiences: []string{"youth", "teens"}, Langs: []string{"en", "xx"}, Formats: []string{"flyer"}, Paper: "letter"})
	if len(jobs) != 1 || err == nil {
		t.Fatalf("%d jobs, error %v; want youth in en and an error", len(jobs), err)
	}
	msg := err.Error()
	if strings.Count(msg, `"teens"`) != 1 || strings.Count(msg, `"xx"`) != 1 {
		t.Errorf("want each bad name once:\n%s", msg)
	}
}
