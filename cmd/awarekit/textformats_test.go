package main

import (
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/pdftest"
	"github.com/awarekit/awarekit/toolkit/render/txt"
)

// TestGenerateTextFormats makes html, md, txt and sms for every audience
// in every language in-process, and reads each file as its
// reader would: the hotline number whole, the headline, the page's
// language and direction, lines that fit an email, and an SMS that
// reports its segment count and stays within three.
func TestGenerateTextFormats(t *testing.T) {
	sweep(t)
	lib := embedded(t)
	work := t.TempDir()
	out := filepath.Join(work, "out")
	// Each audience in every language it is written in.
	var r result
	for _, id := range lib.AudienceIDs() {
		ri := runCLI(t, work, "generate", "-a", id,
			"-l", strings.Join(lib.Languages(id), ","), "-f", "html,md,txt,sms", "-o", out,
			"--org-name", "Riverside Youth Council", "--phone", "604-555-0134", "--website", "riverside.example.org", "--allow-draft")
		if ri.code != 0 {
			t.Fatalf("%s: exit %d\n%s", id, ri.code, ri.stderr)
		}
		r.stdout += ri.stdout
		r.stderr += ri.stderr
	}
	segments := regexp.MustCompile(`(?m)^(.+-sms-.+\.txt): (\d) SMS segments? \((GSM-7|UCS-2)\)$`)
	reported := map[string]string{}
	for _, m := range segments.FindAllStringSubmatch(r.stderr, -1) {
		reported[m[1]] = m[2] + " " + m[3]
	}
	squeeze := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	for _, lang := range lib.Catalog.Tags() {
		for _, id := range lib.AudienceIDs() {
			if !slices.Contains(lib.Languages(id), lang) {
				continue
			}
			d, err := lib.Assemble(content.Request{Audience: id, Lang: lang, AllowDraft: true})
			if err != nil {
				t.Fatal(err)
			}
			read := func(t *testing.T, format, ext string) string {
				t.Helper()
				path := filepath.Join(out, id+"-"+format+"-"+lang+"."+ext)
				if !strings.Contains(r.stdout, path+"\n") {
					t.Errorf("generate did not print %s", path)
				}
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				return string(data)
			}
			t.Run(id+"/"+lang+"/html", func(t *testing.T) {
				page := read(t, "html", "html")
				dir := "ltr"
				if d.Meta.RTL {
					dir = "rtl"
				}
				for _, want := range []string{
					`<html lang="` + lang + `" dir="` + dir + `">`,
					`<h1>` + template.HTMLEscapeString(d.Headline) + `</h1>`,
					`<a href="tel:&#43;18339001010"><span dir="ltr">1-833-900-1010</span></a>`,
				} {
					if !strings.Contains(page, want) {
						t.Errorf("the page lacks %s", want)
					}
				}
			})
			for _, f := range []struct{ format, ext string }{{"md", "md"}, {"txt", "txt"}} {
				t.Run(id+"/"+lang+"/"+f.format, func(t *testing.T) {
					text := read(t, f.format, f.ext)
					if !strings.Contains(text, "1-833-900-1010") {
						t.Errorf("no hotline number")
					}
					if !strings.Contains(squeeze(strings.ReplaceAll(text, `\`, "")), squeeze(d.Headline)) {
						t.Errorf("no headline %q", d.Headline)
					}
					for i, line := range strings.Split(text, "\n") {
						if w := txt.Width(line); w > txt.LineWidth && (f.format == "txt" || breakable(line)) {
							t.Errorf("line %d is %d columns: %q", i+1, w, line)
						}
					}
				})
			}
			t.Run(id+"/"+lang+"/sms", func(t *testing.T) {
				sms := read(t, "sms", "txt")
				if strings.HasSuffix(sms, "\n") {
					t.Error("the SMS ends with a newline, one more character to pay for")
				}
				// The SMS writes the page's ’ as ' to stay in GSM-7.
				for _, want := range []string{"1-833-900-1010", d.Help.Emergency} {
					if !strings.Contains(pdftest.Normalize(sms), pdftest.Normalize(want)) {
						t.Errorf("the SMS lacks %q:\n%s", want, sms)
					}
				}
				n, enc := txt.Segments(sms)
				path := filepath.Join(out, id+"-sms-"+lang+".txt")
				if got, want := reported[path], fmt.Sprintf("%d %s", n, enc); got != want {
					t.Errorf("generate reported %q segments, the file takes %q", got, want)
				}
				if n > txt.MaxSegments {
					t.Errorf("%d segments", n)
				}
			})
		}
	}
}

// breakable reports whether Markdown could have broken a line: not a
// link definition, and with a space after its list or quote marker (a
// line break between two Chinese characters would render as a space, so
// Markdown only breaks at spaces).
func breakable(line string) bool {
	if strings.HasPrefix(line, "[") && strings.Contains(line, "]: <") {
		return false
	}
	return strings.Contains(strings.TrimLeft(line, "-> "), " ")
}

func TestListFormatsNamesTextFormats(t *testing.T) {
	r := runCLI(t, t.TempDir(), "list", "formats")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"html", "md", "txt", "sms"} {
		if !regexp.MustCompile(`(?m)^\s*` + want + `\b`).MatchString(r.stdout) {
			t.Errorf("list formats does not name %s:\n%s", want, r.stdout)
		}
	}
}
