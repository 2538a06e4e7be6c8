package main

import (
	"bytes"
	"hash/crc32"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/pdftest"
)

// TestGenerateEveryFlyer makes every audience × {en, fr} × {letter, a4}
// (a sample unless AWAREKIT_FULL=1)
// in-process and checks each file as a reader's tools see it.
func TestGenerateEveryFlyer(t *testing.T) {
	sweep(t)
	pdftest.Need(t, "qpdf", "pdftotext", "pdffonts", "pdfinfo")
	lib := embedded(t)
	work := t.TempDir()
	org := "Riverside Youth Council"
	papers := map[string]string{"letter": "612 x 792 pts (letter)", "a4": "595.28 x 841.89 pts (A4)"}
	for paper, size := range papers {
		// The sample: every audience in English on letter, one in French
		// on A4; AWAREKIT_FULL=1 makes them all on both.
		auds, langs := lib.AudienceIDs(), []string{"en"}
		if paper == "a4" {
			auds, langs = []string{"youth"}, []string{"fr"}
		}
		if full() {
			auds, langs = lib.AudienceIDs(), []string{"en", "fr"}
		}
		out := filepath.Join(work, paper)
		r := runCLI(t, work, "generate", "-a", strings.Join(auds, ","), "-l", strings.Join(langs, ","),
			"--paper", paper, "-o", out, "--org-name", org, "--phone", "604-555-0134", "--website", "riverside.example.org")
		if r.code != 0 {
			t.Fatalf("generate --paper %s: exit %d\n%s", paper, r.code, r.stderr)
		}
		// The files are joined so that qpdf --check, pdftotext and
		// pdffonts run once for them all; pdfinfo reads the first file's
		// metadata (every file's with AWAREKIT_FULL=1, and its qpdf --check).
		var paths []string
		for _, id := range auds {
			for _, lang := range langs {
				paths = append(paths, filepath.Join(out, id+"-flyer-"+lang+".pdf"))
			}
		}
		joined := pdftest.Join(t, paths...)
		joined.Check(t)
		// The join leaves out each file's catalog and structure tree:
		// the last file, whose tree's stream the process found made, is
		// checked alone.
		pdftest.Check(t, paths[len(paths)-1])
		for _, f := range joined.Fonts(t) {
			if !f.Embedded {
				t.Errorf("font %s is not embedded", f.Name)
			}
		}
		pages := joined.Pages(t)
		k := 0
		for _, id := range auds {
			for _, lang := range langs {
				path, pages := paths[k], pages[k]
				first := k == 0
				k++
				t.Run(paper+"/"+id+"/"+lang, func(t *testing.T) {
					if !strings.Contains(r.stdout, path) {
						t.Errorf("generate did not print %s:\n%s", path, r.stdout)
					}
					if len(pages) != 1 {
						t.Errorf("%d pages; want 1", len(pages))
					}
					d, err := lib.Assemble(content.Request{Audience: id, Lang: lang, AllowDraft: true})
					if err != nil {
						t.Fatal(err)
					}
					text := strings.Join(pages, " ")
					for _, want := range []string{"1-833-900-1010", pdftest.Normalize(d.Headline), org, "911"} {
						if !strings.Contains(text, want) {
							t.Errorf("pdftotext does not contain %q:\n%s", want, text)
						}
					}
					if !first && !full() {
						return
					}
					pdftest.Check(t, path)
					info := pdftest.Info(t, path)
					if info["Page size"] != size || info["Pages"] != "1" {
						t.Errorf("page size %q, %s pages; want %q, 1 page", info["Page size"], info["Pages"], size)
					}
					// Both sides normalised: a French headline keeps its
					// no-break space before the colon in the metadata.
					if pdftest.Normalize(info["Title"]) != pdftest.Normalize(d.Headline) || info["Author"] != org {
						t.Errorf("title %q author %q; want %q by %q", info["Title"], info["Author"], d.Headline, org)
					}
				})
			}
		}
	}
}

func TestGenerateIsReproducible(t *testing.T) {
	work := t.TempDir()
	var files [2][]byte
	for i := range files {
		out := filepath.Join(work, "run", string(rune('a'+i)))
		r := runCLI(t, work, "generate", "-a", "indigenous", "-l", "fr", "-o", out, "--org-name", "Cercle")
		if r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		data, err := os.ReadFile(filepath.Join(out, "indigenous-flyer-fr.pdf"))
		if err != nil {
			t.Fatal(err)
		}
		files[i] = data
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Error("two runs with the same inputs gave different bytes")
	}
}

func TestGenerateBadInput(t *testing.T) {
	work := t.TempDir()
	notImage := filepath.Join(work, "logo.png")
	writeFile(t, notImage, "this is not a picture")
	huge := filepath.Join(work, "huge.png")
	writeHugePNG(t, huge)
	readOnly := filepath.Join(work, "locked")
	if err := os.MkdirAll(readOnly, 0o555); err != nil {
		t.Fatal(err)
	}
	aFile := filepath.Join(work, "a-file")
	writeFile(t, aFile, "")

	tests := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"unknown audience", []string{"-a", "teens"}, 2, []string{`"teens"`, "agriculture, business, caregivers, health, hospitality, indigenous, newcomers, parents, students, youth"}},
		{"unknown language", []string{"-l", "en,xx"}, 2, []string{`"xx"`, "choose one of: ", " en, ", " fr, "}},
		{"unknown format", []string{"-f", "banner"}, 2, []string{`"banner"`, "flyer"}},
		{"unknown paper", []string{"--paper", "legal"}, 2, []string{`"legal"`, "letter, a4"}},
		{"stray argument", []string{"youth"}, 2, []string{"awarekit generate takes its choices as flags, not words: write awarekit generate -a youth"}},
		{"logo missing", []string{"--logo", filepath.Join(work, "nope.png")}, 2, []string{"--logo: logo", "nope.png", "does not exist"}},
		{"logo not an image", []string{"--logo", notImage}, 1, []string{"not a PNG or JPEG"}},
		{"logo too large", []string{"--logo", huge}, 1, []string{"10000 × 10000 pixels"}},
		{"bad colour", []string{"--color", "teal"}, 2, []string{"colour (from --color)", "hex"}},
		{"output folder is a file", []string{"-o", filepath.Join(aFile, "sub")}, 2, []string{"output folder"}},
	}
	if os.Geteuid() != 0 { // root writes anywhere
		tests = append(tests, struct {
			name string
			args []string
			code int
			want []string
		}{"output folder not writable", []string{"-o", readOnly}, 1, []string{"permission denied"}})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(work, "out-"+strings.ReplaceAll(tt.name, " ", "-"))
			args := append([]string{"generate", "-o", out}, tt.args...)
			r := runCLI(t, work, args...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", r.code, tt.code, r.stderr)
			}
			for _, want := range tt.want {
				if !strings.Contains(r.stderr, want) {
					t.Errorf("stderr does not mention %q:\n%s", want, r.stderr)
				}
			}
			if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine") {
				t.Errorf("it panicked:\n%s", r.stderr)
			}
			if entries, _ := os.ReadDir(out); len(entries) > 0 {
				t.Errorf("it wrote %d files after failing", len(entries))
			}
		})
	}
}

func TestListAndVersion(t *testing.T) {
	work := t.TempDir()
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"list", "audiences"}, []string{"youth", "indigenous (also aboriginal)", "newcomers", "business", "health"}},
		{[]string{"list", "formats"}, []string{"flyer"}},
		{[]string{"list", "languages"}, []string{"en", "English", "fr", "Français", "draft"}},
		{[]string{"version"}, []string{"awarekit", "content"}},
		{[]string{"__complete", "generate", "--audience", ""}, []string{"youth", "health"}},
		{[]string{"__complete", "generate", "--lang", ""}, []string{"en", "fr"}},
		{[]string{"completion", "bash"}, []string{"__awarekit"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := runCLI(t, work, tt.args...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			for _, want := range tt.want {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("output does not contain %q:\n%s", want, r.stdout)
				}
			}
		})
	}
	if r := runCLI(t, work, "list", "colours"); r.code != 2 || !strings.Contains(r.stderr, "audiences") {
		t.Errorf("list colours: exit %d, stderr %q; want 2 naming the choices", r.code, r.stderr)
	}
}

// writeHugePNG writes a real PNG that is one pixel over the size limit.
// writeHugePNG writes the header of a 16-bit 10,000 × 10,000 PNG, small
// on disk and 800 MB decoded: it must be refused before any decoding.
func writeHugePNG(t *testing.T, path string) {
	t.Helper()
	writeFile(t, path, string(pngWithHeader(10000, 10000, 16, 6, 0)))
}

// pngWithHeader is a PNG with the given header and no pixels to speak
// of: enough for a decoder's header check, which must refuse it.
func pngWithHeader(w, h uint32, depth, colorType, interlace byte) []byte {
	u32 := func(b []byte, v uint32) []byte { return append(b, byte(v>>24), byte(v>>16), byte(v>>8), byte(v)) }
	chunk := func(typ string, data []byte) []byte {
		out := u32(nil, uint32(len(data)))
		out = append(out, typ...)
		out = append(out, data...)
		return u32(out, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	ihdr := append(u32(u32(nil, w), h), depth, colorType, 0, 0, interlace)
	data := append([]byte("\x89PNG\r\n\x1a\n"), chunk("IHDR", ihdr)...)
	data = append(data, chunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})...)
	return append(data, chunk("IEND", nil)...)
}

// TestEveryLanguage makes every audience in every language (a sample
// unless AWAREKIT_FULL=1) and checks
// that a reader's tools get the localised headline and the hotline back.
func TestEveryLanguage(t *testing.T) {
	sweep(t)
	pdftest.Need(t, "qpdf", "pdftotext", "pdffonts")
	lib := embedded(t)
	work := t.TempDir()
	// The sample: every language once, the audiences written in it taking
	// turns; AWAREKIT_FULL=1 makes every audience in every language it is
	// written in.
	written := func(lang string) []string {
		var ids []string
		for _, id := range lib.AudienceIDs() {
			if slices.Contains(lib.Languages(id), lang) {
				ids = append(ids, id)
			}
		}
		return ids
	}
	langs := lib.Catalog.Tags()
	pick := func(i int) []string { ids := written(langs[i]); return ids[i%len(ids) : i%len(ids)+1] }
	if full() {
		pick = func(i int) []string { return written(langs[i]) }
	}
	for i, lang := range lib.Catalog.Tags() {
		out := filepath.Join(work, "all")
		r := runCLI(t, work, "generate", "-a", strings.Join(pick(i), ","), "-l", lang, "-o", out, "--allow-draft")
		if r.code != 0 {
			t.Fatalf("%s: exit %d\n%s", lang, r.code, r.stderr)
		}
	}
	out := filepath.Join(work, "all")
	squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
	// The files are joined into one, so that qpdf --check, pdftotext and
	// pdffonts run once for all of them (AWAREKIT_FULL=1 checks each file
	// with qpdf too).
	type made struct{ lang, id, path string }
	var files []made
	var paths []string
	for i, lang := range lib.Catalog.Tags() {
		for _, id := range pick(i) {
			path := filepath.Join(out, id+"-flyer-"+lang+".pdf")
			files = append(files, made{lang, id, path})
			paths = append(paths, path)
		}
	}
	joined := pdftest.Join(t, paths...)
	joined.Check(t)
	for _, f := range joined.Fonts(t) {
		if !f.Embedded {
			t.Errorf("font %s is not embedded", f.Name)
		}
	}
	texts := joined.Texts(t)
	// The join copies what the pages reach: each file's catalog and
	// structure tree (what a screen reader reads) are checked on a file
	// of their own, the last of each language (a process's later files
	// find their tree's stream already made), every file with
	// AWAREKIT_FULL=1.
	lastOf := map[string]string{}
	for _, f := range files {
		lastOf[f.lang] = f.path
	}
	for k, f := range files {
		t.Run(f.lang+"/"+f.id, func(t *testing.T) {
			if full() || lastOf[f.lang] == f.path {
				pdftest.Check(t, f.path)
			}
			d, err := lib.Assemble(content.Request{Audience: f.id, Lang: f.lang, AllowDraft: true})
			if err != nil {
				t.Fatal(err)
			}
			text := squeeze(texts[k])
			if !strings.Contains(text, "1-833-900-1010") {
				t.Errorf("pdftotext lacks the hotline 1-833-900-1010:\n%s", text)
			}
			// pdftotext joins a word broken after a hyphen at a line end
			// and drops the hyphen, so compare headlines without hyphens.
			unhyphen := func(s string) string { return strings.ReplaceAll(s, "-", "") }
			if want := unhyphen(squeeze(pdftest.Normalize(d.Headline))); !strings.Contains(unhyphen(text), want) {
				t.Errorf("pdftotext lacks the headline %q:\n%s", want, text)
			}
		})
	}
}

// TestBilingual makes two languages in one document, a right-to-left
// one included, and refuses a format that has no bilingual form.
func TestBilingual(t *testing.T) {
	pdftest.Need(t, "qpdf", "pdftotext")
	work := t.TempDir()
	out := filepath.Join(work, "bi")
	r := runCLI(t, work, "generate", "-a", "newcomers", "-l", "fr+en,ar+en", "-f", "flyer,poster", "-o", out)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	lib := embedded(t)
	for _, pair := range [][2]string{{"fr", "en"}, {"ar", "en"}} {
		for _, format := range []string{"flyer", "poster"} {
			path := filepath.Join(out, "newcomers-"+format+"-"+pair[0]+"-"+pair[1]+".pdf")
			pdftest.Check(t, path)
			text := strings.Join(strings.Fields(pdftest.Text(t, path)), "")
			// The number once on each side: a bilingual flyer's two
			// sides each end with the hotline.
			pages, _ := strconv.Atoi(pdftest.Info(t, path)["Pages"])
			if n := strings.Count(text, "1-833-900-1010"); n != pages {
				t.Errorf("%s: the hotline appears %d times on %d pages, want once a page", path, n, pages)
			}
			for _, lang := range pair {
				d, err := lib.Assemble(content.Request{Audience: "newcomers", Lang: lang, AllowDraft: true})
				if err != nil {
					t.Fatal(err)
				}
				// On a page mixing directions poppler may give a right-to-left
				// line's runs in visual order, so look for each word.
				for _, word := range strings.Fields(pdftest.Normalize(d.Help.Emergency)) {
					if w := noPunct(word); !strings.Contains(noPunct(text), w) {
						t.Errorf("%s lacks %q of the %s emergency line", path, w, lang)
					}
				}
			}
		}
	}
	// Cards carry one language on each side, the hotline on every card.
	r = runCLI(t, work, "generate", "-a", "youth", "-l", "en+ar", "-f", "cards", "-o", out)
	if r.code != 0 {
		t.Fatalf("bilingual cards: exit %d\n%s", r.code, r.stderr)
	}
	cards := filepath.Join(out, "youth-cards-en-ar.pdf")
	pdftest.Check(t, cards)
	for _, page := range []string{"1", "2"} {
		out, err := exec.Command("pdftotext", "-f", page, "-l", page, cards, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(string(out), "1-833-900-1010"); n != 10 {
			t.Errorf("bilingual cards page %s: %d hotline numbers, want 10", page, n)
		}
	}
	r = runCLI(t, work, "generate", "-l", "fr+en", "-f", "handout", "-o", filepath.Join(work, "no"))
	if r.code != 2 || !strings.Contains(r.stderr, "flyer, poster, cards") {
		t.Errorf("bilingual handout: exit %d, stderr %q; want 2 naming the bilingual formats", r.code, r.stderr)
	}
}

// noPunct drops punctuation and white space.
func noPunct(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsPunct(r) || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// TestFontsSetting: fonts named in awarekit.yaml are used by list,
// generate and build alike, and a missing file stops each of them.
func TestFontsSetting(t *testing.T) {
	gurmukhi := "/usr/share/fonts/truetype/noto/NotoSansGurmukhi-Regular.ttf"
	if _, err := os.Stat(gurmukhi); err != nil {
		if pdftest.Required() {
			t.Fatal(err)
		}
		t.Skip("needs the Debian package fonts-noto-core")
	}
	work := t.TempDir()
	// A font beside the settings, named by a relative path.
	data, err := os.ReadFile(gurmukhi)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(work, "fonts", "Gurmukhi.ttf"), string(data))
	writeFile(t, filepath.Join(work, "awarekit.yaml"), "fonts:\n  Guru: [fonts/Gurmukhi.ttf]\n")
	writeFile(t, filepath.Join(work, "plan.yaml"), "outputs:\n  - {audience: youth, language: pa, format: flyer}\n")
	r := runCLI(t, work, "list", "languages", "--fonts")
	if r.code != 0 || !strings.Contains(r.stdout, "Gurmukhi.ttf") {
		t.Errorf("list languages --fonts: exit %d, the configured file is not listed:\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := runCLI(t, work, "build", "plan.yaml", "-q"); r.code != 0 {
		t.Errorf("build: exit %d\n%s", r.code, r.stderr)
	}
	// The same build run from another folder finds nothing changed.
	r = runCLI(t, filepath.Dir(work), "build", filepath.Join(filepath.Base(work), "plan.yaml"), "--dry-run", "--json")
	if r.code != 0 || !strings.Contains(r.stdout, `"unchanged": 1`) {
		t.Errorf("build from the parent folder: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	writeFile(t, filepath.Join(work, "awarekit.yaml"), "fonts:\n  Guru: [missing.ttf]\n")
	for _, args := range [][]string{{"list", "languages"}, {"generate", "-l", "pa"}, {"build", "plan.yaml", "-q"}} {
		r := runCLI(t, work, args...)
		if r.code == 0 || !strings.Contains(r.stderr, "missing.ttf") {
			t.Errorf("%v with a missing font file: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
}

// TestOrganisationOnEveryFormat: the organisation's phone number, when
// given, is printed on every PDF format.
func TestOrganisationOnEveryFormat(t *testing.T) {
	pdftest.Need(t, "pdftotext")
	work := t.TempDir()
	out := filepath.Join(work, "org")
	for _, args := range [][]string{
		{"-a", "youth", "-l", "en", "-f", "flyer,handout,poster,tearoff,cards"},
		// Youth material holds two groups of actions: in two languages it
		// is too long for one page (TestBilingualTooLong); newcomers' fits.
		{"-a", "newcomers", "-l", "fr+en", "-f", "flyer,poster"},
	} {
		r := runCLI(t, work, append([]string{"generate", "-o", out, "--org-name", "Riverside Youth Council", "--phone", "604-555-0134"}, args...)...)
		if r.code != 0 {
			t.Fatalf("exit %d\n%s", r.code, r.stderr)
		}
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if text := pdftest.Text(t, filepath.Join(out, e.Name())); !strings.Contains(text, "604-555-0134") {
			t.Errorf("%s does not print the organisation's phone", e.Name())
		}
	}
	if len(entries) != 7 {
		t.Errorf("%d files, want 7", len(entries))
	}
}

// TestBilingualLong: the youth flyer in French and English, whose two
// languages' signs and actions do not fit on one side, goes on to the
// back rather than leave a group of actions out, or refuse.
func TestBilingualLong(t *testing.T) {
	pdftest.Need(t, "pdftotext", "pdfinfo")
	work := t.TempDir()
	r := runCLI(t, work, "generate", "-a", "youth", "-l", "fr+en", "-f", "flyer", "-o", filepath.Join(work, "out"),
		"--org-name", "Riverside Youth Council", "--phone", "604-555-0134", "--website", "riverside.example.org")
	if r.code != 0 {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	path := filepath.Join(work, "out", "youth-flyer-fr-en.pdf")
	if pages := pdftest.Info(t, path)["Pages"]; pages != "2" {
		t.Errorf("%s pages, want 2 (both sides)", pages)
	}
	text := pdftest.Text(t, path)
	for _, want := range []string{"Si vous vous inquiétez pour quelqu'un", "If you are worried about someone", "604-555-0134"} {
		if !strings.Contains(text, want) {
			t.Errorf("the flyer lacks %q", want)
		}
	}
}

// TestUserContent: a youth group's own headline (one message) and its
// own story (with recorded consent) replace the built-in ones; a story
// without consent stops the run (exit 1) until it has one; verified
// contacts cannot be replaced.
func TestUserContent(t *testing.T) {
	pdftest.Need(t, "pdftotext")
	work := t.TempDir()
	own := filepath.Join(work, "ours")
	writeFile(t, filepath.Join(own, "locales", "en.toml"), `[_meta]
language = "en"
[youth]
headline = "Eastside Youth: know the signs"
story.2.text = "Words of ours under a built-in story's consent record."
yuoth.headline = "A misspelt ID"
[eastside]
story.title = "Our friend Sam"
story.text = "Sam met someone online who promised a job and a place to stay. A teacher at our school helped Sam call the hotline."
`)
	writeFile(t, filepath.Join(own, "audiences", "youth", "stories.yaml"), `stories:
  - id: eastside-1
    title: eastside.story.title
    text: eastside.story.text
    anonymised: true
    consent: {recorded: "2026-11-20", by: "Eastside Youth Council"}
  - id: eastside-2
    title: youth.story.2.title
    text: youth.story.2.text
    anonymised: true
`)
	writeFile(t, filepath.Join(work, "awarekit.yaml"), "content: ours\n")
	out := filepath.Join(work, "out")
	r := runCLI(t, work, "generate", "-a", "youth", "-l", "en,fr", "-f", "handout", "-o", out)
	if r.code != 1 || !strings.Contains(r.stderr, `"eastside-2"`) || !strings.Contains(r.stderr, "no recorded consent") {
		t.Fatalf("a story without consent: exit %d, stderr %q; want exit 1 naming the story", r.code, r.stderr)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("%d files written although a story has no consent", len(entries))
	}
	writeFile(t, filepath.Join(own, "audiences", "youth", "stories.yaml"), `stories:
  - id: eastside-1
    title: eastside.story.title
    text: eastside.story.text
    anonymised: true
    consent: {recorded: "2026-11-20", by: "Eastside Youth Council"}
  - id: eastside-2
    title: youth.story.2.title
    text: youth.story.2.text
    anonymised: true
    consent: {recorded: "2026-11-21", by: "Eastside Youth Council"}
`)
	r = runCLI(t, work, "generate", "-a", "youth", "-l", "en,fr", "-f", "handout", "-o", out)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "youth.yuoth.headline is not used") {
		t.Errorf("no warning about the misspelt message ID:\n%s", r.stderr)
	}
	en := pdftest.Text(t, filepath.Join(out, "youth-handout-en.pdf"))
	for _, want := range []string{"Eastside Youth: know the signs", "Our friend Sam", "1-833-900-1010", "+user."} {
		if !strings.Contains(en, want) {
			t.Errorf("the English handout lacks %q", want)
		}
	}
	if strings.Contains(en, "Draft translation") {
		t.Error("a _meta with only the language made the English source a draft")
	}
	if strings.Contains(en, "A story: The new friend online") {
		t.Error("the built-in story is still printed")
	}
	fr := pdftest.Text(t, filepath.Join(out, "youth-handout-fr.pdf"))
	if strings.Contains(fr, "Eastside Youth") || !strings.Contains(fr, "Connais les signes") {
		t.Error("an English override reached the French handout")
	}
	// The group wrote its story in English only: the French handout must
	// not print the built-in French text under the group's consent record.
	frStory := lib(t).Catalog.Locale("fr").Messages["youth.story.1.title"]
	if strings.Contains(fr, frStory) {
		t.Error("the French handout prints built-in story text in place of the group's story")
	}
	r = runCLI(t, work, "list", "audiences")
	if !strings.Contains(r.stdout, "[yours: youth/stories.yaml]") {
		t.Errorf("list audiences does not say which files are the group's:\n%s", r.stdout)
	}
	r = runCLI(t, work, "list", "languages")
	if !strings.Contains(r.stdout, "5 messages yours") {
		t.Errorf("list languages does not count the group's messages:\n%s", r.stdout)
	}
	writeFile(t, filepath.Join(own, "audiences", "contacts.yaml"), "contacts: []\n")
	if r := runCLI(t, work, "generate", "-o", out); r.code == 0 || !strings.Contains(r.stderr, "contacts.yaml cannot be replaced") {
		t.Errorf("replacing contacts.yaml: exit %d, stderr %q", r.code, r.stderr)
	}
}

func lib(t *testing.T) *content.Library {
	t.Helper()
	return embedded(t)
}

// TestGenerateWritesWhatItCanDraw: a language that cannot be drawn is
// refused alone, naming the letter its font lacks; the other languages
// are written and the run exits 1 (TestGenerateWritesWhatFits).
func TestGenerateWritesWhatItCanDraw(t *testing.T) {
	ethiopic := "/usr/share/fonts/truetype/noto/NotoSansEthiopic-Regular.ttf"
	if _, err := os.Stat(ethiopic); err != nil {
		if pdftest.Required() {
			t.Fatal(err)
		}
		t.Skip("needs the Debian package fonts-noto-core")
	}
	work := t.TempDir()
	// A font for Gurmukhi that has no Gurmukhi: Punjabi cannot be drawn.
	writeFile(t, filepath.Join(work, "awarekit.yaml"), "fonts:\n  Guru: ["+ethiopic+"]\n")
	out := filepath.Join(work, "out")
	r := runCLI(t, work, "generate", "-a", "youth", "-l", "en,fr,pa", "-o", out)
	if r.code != 1 || !strings.Contains(r.stderr, "1 of 3 failed, 2 written:\n  "+filepath.Join(out, "youth-flyer-pa.pdf")+": ") || !strings.Contains(r.stderr, "U+0A") {
		t.Fatalf("exit %d, stderr %q; want 1 naming the Punjabi flyer and the Gurmukhi character", r.code, r.stderr)
	}
	var names []string
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{"youth-flyer-en.pdf", "youth-flyer-fr.pdf"}; !slices.Equal(names, want) {
		t.Errorf("written %v, want %v", names, want)
	}
}
