package generate_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// TestBilingualLayoutFails: when the bilingual layout cannot place a
// document (here a French headline far too long for any page), the error
// comes back to the caller. It used to be lost to a shadowed variable, so
// a nil layout reached the PDF backend and the program panicked.
func TestBilingualLayoutFails(t *testing.T) {
	dir := t.TempDir()
	long := strings.TrimSpace(strings.Repeat("Connais les signes. Tu peux obtenir de l'aide. ", 400))
	writeFile(t, filepath.Join(dir, "locales", "fr.toml"), "[_meta]\nlanguage = \"fr\"\n[youth]\nheadline = \""+long+"\"\n")
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
			if !strings.Contains(err.Error(), "does not fit") {
				t.Errorf("error %q does not say the text does not fit", err)
			}
			if _, err := e.Render(r, profile.Organisation{}, brand); err == nil {
				t.Error("Render made a file from a layout that failed")
			}
		})
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
