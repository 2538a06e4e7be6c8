package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/pdftest"
	"github.com/awarekit/awarekit/toolkit/profile"
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
	// The files are joined, so that qpdf --check, pdftotext and pdffonts
	// run once for them all (AWAREKIT_FULL=1 checks each file with qpdf
	// too).
	var paths []string
	for _, f := range formats {
		for _, lang := range []string{"en", "fr"} {
			path := filepath.Join(out, "newcomers-"+f+"-"+lang+".pdf")
			if _, err := os.Stat(path); err != nil {
				t.Fatalf("not written: %v", err)
			}
			paths = append(paths, path)
		}
	}
	joined := pdftest.Join(t, paths...)
	joined.Check(t)
	// The join leaves out each file's catalog and structure tree: the
	// last file is checked alone.
	pdftest.Check(t, paths[len(paths)-1])
	for _, font := range joined.Fonts(t) {
		if !font.Embedded {
			t.Errorf("font %s is not embedded", font.Name)
		}
	}
	texts := joined.Texts(t)
	k := 0
	for _, f := range formats {
		for range []string{"en", "fr"} {
			path, text := paths[k], texts[k]
			k++
			t.Run(filepath.Base(path), func(t *testing.T) {
				if !strings.Contains(r.stdout, path) {
					t.Errorf("stdout does not list %s", path)
				}
				if full() {
					pdftest.Check(t, path)
				}
				if !strings.Contains(text, "1-833-900-1010") {
					t.Errorf("no hotline number in the text")
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

// TestGenerateKitGroup: -f kit is the kit's seven formats where it
// stands, in a session's order, mixed with others (-f flyer,kit); a part
// not written in a language is left out with a note naming it (here a
// content folder writes only the sign-in sheet in Spanish); a language
// none of the kit is written in is refused (exit 2), nothing written; a
// misspelt kit is suggested. With AWAREKIT_FULL=1, -f kit writes the
// same bytes as the seven formats named.
func TestGenerateKitGroup(t *testing.T) {
	pdftest.Need(t, "qpdf")
	work := t.TempDir()
	writeFile(t, filepath.Join(work, "ours", "locales", "es.toml"), `[kit]
review = "prueba: borrador"
page = "prueba {{.Page}} / {{.Pages}}"
signin.title = "prueba: hoja"
signin.intro = "prueba: nombre si quiere"
signin.note = "prueba: nota"
signin.name = "prueba: nombre"
signin.lang = "prueba: idioma"
`)
	t.Run("flyer and kit", func(t *testing.T) {
		out := filepath.Join(work, "mixed")
		r := runCLI(t, work, "generate", "-a", "youth", "-l", "fr", "-f", "flyer,kit", "-o", out)
		if r.code != 0 {
			t.Fatalf("exit %d\n%s", r.code, r.stderr)
		}
		var want []string
		for _, f := range append([]string{"flyer"}, format.KitFormats()...) {
			want = append(want, filepath.Join(out, "youth-"+f+"-fr.pdf"))
		}
		if got := strings.Fields(r.stdout); !slices.Equal(got, want) {
			t.Errorf("wrote %q\nwant %q", got, want)
		}
		if strings.Contains(r.stderr, "note:") {
			t.Errorf("stderr %q: a note, but the whole kit is made", r.stderr)
		}
		for _, path := range want[1:2] {
			pdftest.Check(t, path)
		}
	})
	t.Run("a part written in Spanish", func(t *testing.T) {
		out := filepath.Join(work, "es")
		r := runCLI(t, work, "generate", "-a", "newcomers", "-l", "es", "-f", "kit", "--content", "ours", "-o", out)
		if r.code != 0 {
			t.Fatalf("exit %d\n%s", r.code, r.stderr)
		}
		if got, want := strings.TrimSpace(r.stdout), filepath.Join(out, "newcomers-signin-es.pdf"); got != want {
			t.Errorf("wrote %q, want %q only", got, want)
		}
		pdftest.Check(t, filepath.Join(out, "newcomers-signin-es.pdf"))
		if want := "note: the workshop kit for newcomers in Spanish (es) is made without the facilitator guide (guide), slide show (slides), myths and facts page (myths), quiz, scenario cards (scenarios) and feedback form (feedback): written in English (en) and French (fr) only\n"; !strings.Contains(r.stderr, want) {
			t.Errorf("stderr %q\ndoes not say %q", r.stderr, want)
		}
	})
	refusals := []struct {
		name string
		args []string
		want string
	}{
		{"a language with no kit", []string{"-a", "newcomers", "-l", "en,ar", "-f", "kit"}, "the workshop kit (kit) for newcomers is not made in Arabic (ar): facilitator guide (guide), slide show (slides), myths and facts page (myths), quiz, scenario cards (scenarios), sign-in sheet (signin) and feedback form (feedback): written in English (en) and French (fr) only"},
		{"misspelt", []string{"-a", "newcomers", "-l", "en", "-f", "flyer,kti"}, `--format: unknown format "kti" (did you mean "kit"?)`},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(work, "refused")
			r := runCLI(t, work, append(append([]string{"generate"}, tt.args...), "-o", out)...)
			if r.code != 2 || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, stderr %q\nwant exit 2 and %q", r.code, r.stderr, tt.want)
			}
			if entries, _ := os.ReadDir(out); len(entries) > 0 {
				t.Errorf("wrote %d files", len(entries))
			}
		})
	}
	t.Run("the same bytes as the formats named", func(t *testing.T) {
		if !full() {
			t.Skip("the whole kit twice; AWAREKIT_FULL=1")
		}
		args := []string{"generate", "-a", "newcomers", "-l", "en,fr", "--org-name", "Riverside Settlement Services", "--province", "mb"}
		named := runCLI(t, work, append(args, "-f", strings.Join(format.KitFormats(), ","), "-o", "named")...)
		group := runCLI(t, work, append(args, "-f", "kit", "-o", "group")...)
		if named.code != 0 || group.code != 0 {
			t.Fatalf("exit %d and %d\n%s%s", named.code, group.code, named.stderr, group.stderr)
		}
		if strings.ReplaceAll(named.stdout, "named", "group") != group.stdout || named.stderr != group.stderr {
			t.Errorf("named:\n%s%s\ngroup:\n%s%s", named.stdout, named.stderr, group.stdout, group.stderr)
		}
		if n := len(strings.Fields(group.stdout)); n != 2*len(format.KitFormats()) {
			t.Errorf("-f kit wrote %d files, want %d", n, 2*len(format.KitFormats()))
		}
		for _, path := range strings.Fields(group.stdout) {
			a, errA := os.ReadFile(path)
			b, errB := os.ReadFile(strings.Replace(path, "group", "named", 1))
			if errA != nil || errB != nil || !bytes.Equal(a, b) {
				t.Errorf("%s differs from the file the formats named make (%v, %v)", path, errA, errB)
			}
		}
	})
}

// TestGenerateKitBilingual: -l fr+en makes one sign-in sheet and one
// feedback form with both languages on the page, as a session in two
// languages needs; pdftotext finds every word of each language's sheet
// (nothing dropped to make room), the hotline number once, and the
// file is valid with every font embedded. -f kit in the pair makes
// these two and says what has no bilingual form.
func TestGenerateKitBilingual(t *testing.T) {
	pdftest.Need(t, "qpdf", "pdftotext", "pdffonts")
	work := t.TempDir()
	out := filepath.Join(work, "out")
	r := runCLI(t, work, "generate", "-a", "newcomers", "-l", "fr+en", "-f", "kit", "-o", out, "--org-name", "Riverside Settlement Services")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	want := []string{filepath.Join(out, "newcomers-signin-fr-en.pdf"), filepath.Join(out, "newcomers-feedback-fr-en.pdf")}
	if got := strings.Fields(r.stdout); !slices.Equal(got, want) {
		t.Errorf("wrote %q, want %q", got, want)
	}
	if note := "note: the workshop kit for newcomers in French (fr) and English (en) on one page is made without the facilitator guide (guide), slide show (slides), myths and facts page (myths), quiz and scenario cards (scenarios): no bilingual form (-l fr,en makes one in each language)\n"; !strings.Contains(r.stderr, note) {
		t.Errorf("stderr %q\ndoes not say %q", r.stderr, note)
	}
	eng, err := newFactory(&IOStreams{}).Engine(generate.Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range want {
		t.Run(filepath.Base(path), func(t *testing.T) {
			pdftest.Check(t, path)
			for _, font := range pdftest.Fonts(t, path) {
				if !font.Embedded {
					t.Errorf("font %s is not embedded", font.Name)
				}
			}
			text := pdftest.Text(t, path)
			if n := strings.Count(text, "1-833-900-1010"); n != 1 {
				t.Errorf("the hotline number is printed %d times, want once", n)
			}
			page := squash(text)
			f := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(path), "newcomers-"), "-fr-en.pdf")
			fm, _ := format.ByName(f)
			for _, lang := range []string{"fr", "en"} {
				d, err := eng.Document(generate.Resolved{Audience: "newcomers", Lang: lang, Format: fm}, profile.Organisation{Name: "Riverside Settlement Services"}, doc.Brand{})
				if err != nil {
					t.Fatal(err)
				}
				form := d.Kit.SignIn
				if f == "feedback" {
					form = d.Kit.Feedback
				}
				words := append([]string{form.Title, form.Intro, form.Note, d.Help.Hotline.Name, d.Help.Emergency, d.Kit.Review}, form.Columns...)
				words = append(words, d.Footer.DraftLines()...)
				for _, fd := range form.Fields {
					words = append(append(words, fd.Label), fd.Choices...)
				}
				for _, w := range words {
					if !strings.Contains(page, squash(w)) {
						t.Errorf("%s: %q is not on the page", lang, w)
					}
				}
			}
		})
	}
}

// squash drops white space and the hyphen pdftotext may leave where a
// word was broken at the end of a line, so words set over several lines
// compare with the text they were set from; both are normalised as
// pdftest compares extracted with source text (the page's ’ is the
// message's ').
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u00ad' {
			return -1
		}
		return r
	}, pdftest.Normalize(s))
}
