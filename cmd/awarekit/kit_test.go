package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/pdftest"
)

// kitFormats are the formats of the workshop kit, from the format table.
func kitFormats() []string {
	var names []string
	for _, f := range format.Formats {
		if len(f.Budget.Kit) > 0 {
			names = append(names, f.Name)
		}
	}
	return names
}

// TestGenerateKit makes the whole workshop kit for newcomers in English
// and French, as an organiser would, and reads every file with tools
// nobody here wrote: qpdf finds it valid, pdftotext finds the hotline,
// the organisation's local line and the province's, pdffonts finds every
// font embedded.
func TestGenerateKit(t *testing.T) {
	pdftest.Need(t, "qpdf", "pdftotext", "pdffonts")
	work := t.TempDir()
	out := filepath.Join(work, "out")
	formats := kitFormats()
	r := runCLI(t, work, "generate", "-a", "newcomers", "-l", "en,fr", "-f", strings.Join(formats, ","), "-o", out,
		"--org-name", "Riverside Settlement Services", "--phone", "604-555-0134", "--province", "mb")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	for _, f := range formats {
		for _, lang := range []string{"en", "fr"} {
			path := filepath.Join(out, "newcomers-"+f+"-"+lang+".pdf")
			t.Run(filepath.Base(path), func(t *testing.T) {
				if _, err := os.Stat(path); err != nil {
					t.Fatalf("not written: %v", err)
				}
				if !strings.Contains(r.stdout, path) {
					t.Errorf("stdout does not list %s", path)
				}
				pdftest.Check(t, path)
				text := pdftest.Text(t, path)
				if !strings.Contains(text, "1-833-900-1010") {
					t.Errorf("no hotline number in the text")
				}
				for _, font := range pdftest.Fonts(t, path) {
					if !font.Embedded {
						t.Errorf("font %s is not embedded", font.Name)
					}
				}
				fm, _ := format.ByName(f)
				if !slices.Contains(fm.Budget.Leaves, format.Province) && (!strings.Contains(text, "1-866-345-9241") || !strings.Contains(text, "604-555-0134")) {
					t.Errorf("the province's line or the organisation's phone is not printed")
				}
			})
		}
	}
}

// TestGenerateKitRefuses: a kit part asked for in a language it is not
// written in is a choice the command line cannot have, as a social image
// in a language no one wrote its words in: exit 2, with the languages it
// is written in, and nothing written.
func TestGenerateKitRefuses(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"guide in Spanish", []string{"-a", "newcomers", "-l", "es", "-f", "guide"}, []string{"English (en) and French (fr) only", "Spanish (es)"}},
		{"guide in Inuktitut, drafts allowed", []string{"-a", "indigenous", "-l", "iu", "-f", "guide", "--allow-draft"}, []string{"Inuktitut (iu)", "fluent speakers"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			work := t.TempDir()
			out := filepath.Join(work, "out")
			r := runCLI(t, work, append(append([]string{"generate"}, tt.args...), "-o", out)...)
			if r.code != 2 {
				t.Fatalf("exit %d, want 2\n%s", r.code, r.stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr %q does not say %q", r.stderr, w)
				}
			}
			if entries, _ := os.ReadDir(out); len(entries) > 0 {
				t.Errorf("wrote %d files", len(entries))
			}
		})
	}
}
