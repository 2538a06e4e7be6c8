package main

import (
	"html"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/pdftest"
	"github.com/awarekit/awarekit/toolkit/render/txt"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// typewriterInWord is a typewriter apostrophe between two letters, where
// a typesetter prints ’: "l'aide", "don't", "Mary's".
var typewriterInWord = regexp.MustCompile(`\pL'\pL`)

// TestTypographicApostrophes: English and French pages print ’ where
// the message files and the organisation wrote the typewriter's ' ("l’aide",
// "girl’s", "St. Mary’s"), in every format a reader sees, as pdftotext
// and the files' own bytes give them; the organisation's list keeps the
// addresses as typed; the SMS keeps ' so that it stays in GSM-7.
func TestTypographicApostrophes(t *testing.T) {
	pdftest.Need(t, "pdftotext")
	// Latin text is set in the embedded DejaVu Sans: it draws ’ and ‘
	// (typeset would refuse a character no font draws, never print a
	// .notdef box).
	fam, err := typeset.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []*typeset.Font{fam.Regular, fam.Bold} {
		if !f.Has('’') || !f.Has('‘') {
			t.Errorf("%s has no glyph for ’ or ‘", f.Name)
		}
	}
	work := t.TempDir()
	out := filepath.Join(work, "out")
	writeFile(t, filepath.Join(work, "awarekit.yaml"), `organisation:
  name: "St. Mary's Youth Centre"
  email: "info@stmarys.example.org"
  website: "stmarys.example.org/help"
  local:
    - {label: "Women's shelter", phone: "604-555-0199"}
`)
	for _, args := range [][]string{
		{"-a", "youth", "-l", "fr", "-f", "flyer,html,txt,sms"},
		{"-a", "youth", "-l", "en", "-f", "handout,md,sms"},
		{"-a", "newcomers", "-l", "fr+en", "-f", "flyer"},
	} {
		if r := runCLI(t, work, append([]string{"generate", "-o", out}, args...)...); r.code != 0 {
			t.Fatalf("%v: exit %d\n%s", args, r.code, r.stderr)
		}
	}
	tests := []struct {
		file string
		want []string // words printed with ’
	}{
		{"youth-flyer-fr.pdf", []string{"l’aide", "l’école", "quelqu’un", "St. Mary’s Youth Centre", "Women’s shelter"}},
		{"youth-handout-en.pdf", []string{"girl’s", "person’s", "St. Mary’s Youth Centre", "Women’s shelter"}},
		{"newcomers-flyer-fr-en.pdf", []string{"d’urgence", "St. Mary’s Youth Centre"}},
		{"youth-html-fr.html", []string{"l’aide", "St. Mary’s Youth Centre"}},
		{"youth-md-en.md", []string{"girl’s", "St. Mary’s Youth Centre"}},
		{"youth-txt-fr.txt", []string{"l’aide", "St. Mary’s Youth Centre"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join(out, tt.file)
			var text string
			if strings.HasSuffix(path, ".pdf") {
				b, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
				if err != nil {
					t.Fatal(err)
				}
				// Lines may break inside a name; the words are what is
				// checked.
				text = strings.Join(strings.Fields(string(b)), " ")
			} else {
				// html escapes ' as &#39;: read the characters.
				text = html.UnescapeString(readFile(t, path))
			}
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("%s lacks %q", tt.file, w)
				}
			}
			if m := typewriterInWord.FindAllString(text, 5); m != nil {
				t.Errorf("%s prints the typewriter's apostrophe in words: %q", tt.file, m)
			}
			for _, addr := range []string{"info@stmarys.example.org", "stmarys.example.org/help"} {
				if !strings.Contains(text, addr) {
					t.Errorf("%s lacks the address %q as typed", tt.file, addr)
				}
			}
		})
	}
	for _, lang := range []string{"fr", "en"} {
		t.Run("sms-"+lang, func(t *testing.T) {
			sms := readFile(t, filepath.Join(out, "youth-sms-"+lang+".txt"))
			if _, enc := txt.Segments(sms); enc != txt.GSM7 {
				t.Errorf("the %s SMS is sent in %s:\n%s", lang, enc, sms)
			}
			if strings.ContainsAny(sms, "’‘") {
				t.Errorf("the %s SMS holds a typographic apostrophe:\n%s", lang, sms)
			}
		})
	}
	if sms := readFile(t, filepath.Join(out, "youth-sms-fr.txt")); !strings.Contains(sms, "n'existe") {
		t.Errorf("the French SMS does not write the emergency line with its apostrophe:\n%s", sms)
	}
}
