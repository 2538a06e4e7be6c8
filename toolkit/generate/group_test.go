package generate_test

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// spanishSignIn is a content folder whose Spanish has the sign-in
// sheet's messages (test words, not a translation), and nothing else of
// the workshop kit: a language in which one participant sheet is written.
func spanishSignIn(t *testing.T) *generate.Engine {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "locales", "es.toml"), `[kit]
review = "prueba: borrador"
page = "prueba {{.Page}} / {{.Pages}}"
signin.title = "prueba: hoja"
signin.intro = "prueba: nombre si quiere"
signin.note = "prueba: nota"
signin.name = "prueba: nombre"
signin.lang = "prueba: idioma"
`)
	e, err := generate.Open(generate.Config{Creator: "awarekit test", Date: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), ContentDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestExpandGroup: kit among the formats is its members where it
// stands, each made only in the languages it is written in, with a note
// for what it leaves out; a language none of them is written in is
// refused once, naming every part and where it is written.
func TestExpandGroup(t *testing.T) {
	files := func(jobs []generate.Resolved) string {
		var names []string
		for _, r := range jobs {
			names = append(names, r.FileName("")+"/"+r.Group)
		}
		return strings.Join(names, " ")
	}
	t.Run("en and fr: all seven, in a session's order", func(t *testing.T) {
		e := engine(t)
		jobs, err := e.Expand(generate.Matrix{Audiences: []string{"newcomers"}, Langs: []string{"en", "fr"}, Formats: []string{"flyer", "kit"}, Paper: "letter"})
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, l := range []string{"en", "fr"} {
			want = append(want, "newcomers-flyer-"+l+".pdf/")
			for _, f := range format.KitFormats() {
				want = append(want, "newcomers-"+f+"-"+l+".pdf/kit")
			}
		}
		if got := files(jobs); got != strings.Join(want, " ") {
			t.Errorf("jobs %s\nwant %s", got, strings.Join(want, " "))
		}
		for _, n := range e.Leaves(jobs, profile.Organisation{}) {
			if strings.Contains(n, "kit") {
				t.Errorf("note %q, but the whole kit is made", n)
			}
		}
	})
	t.Run("a language with one part: that part, and a note naming the rest", func(t *testing.T) {
		e := spanishSignIn(t)
		jobs, err := e.Expand(generate.Matrix{Audiences: []string{"newcomers"}, Langs: []string{"es", "en"}, Formats: []string{"kit"}, Paper: "letter"})
		if err != nil {
			t.Fatal(err)
		}
		got := files(jobs)
		if !strings.HasPrefix(got, "newcomers-signin-es.pdf/kit newcomers-guide-en.pdf/kit") || len(jobs) != 1+len(format.KitFormats()) {
			t.Errorf("jobs %s; want the Spanish sign-in sheet, then the English kit", got)
		}
		notes := e.Leaves(jobs, profile.Organisation{})
		want := "the workshop kit for newcomers in Spanish (es) is made without the facilitator guide (guide), slide show (slides), myths and facts page (myths), quiz, scenario cards (scenarios) and feedback form (feedback): written in English (en) and French (fr) only"
		if !slices.Contains(notes, want) {
			t.Errorf("notes %q\nwant %q", notes, want)
		}
		// The guide named itself is the user's wish: refused, not left out.
		_, err = e.Expand(generate.Matrix{Audiences: []string{"newcomers"}, Langs: []string{"es"}, Formats: []string{"kit", "guide"}, Paper: "letter"})
		var noKit *content.NoKitError
		if !errors.As(err, &noKit) || noKit.Part != "guide" {
			t.Errorf("the guide named in Spanish: %v; want the guide refused", err)
		}
	})
	t.Run("a language with none: one refusal naming every part", func(t *testing.T) {
		e := engine(t)
		jobs, err := e.Expand(generate.Matrix{Audiences: []string{"youth", "health"}, Langs: []string{"en", "ar"}, Formats: []string{"kit"}, Paper: "letter"})
		if len(jobs) != 2*len(format.KitFormats()) {
			t.Errorf("%d jobs, want the English kit of both audiences", len(jobs))
		}
		var ge *generate.GroupNotMadeError
		var noKit *content.NoKitError
		if !errors.As(err, &ge) || !errors.As(err, &noKit) {
			t.Fatalf("error %v; want a GroupNotMadeError wrapping the first part's NoKitError", err)
		}
		msg := err.Error()
		for _, w := range []string{
			"the workshop kit (kit) for youth is not made in Arabic (ar): facilitator guide (guide), slide show (slides), myths and facts page (myths), quiz, scenario cards (scenarios), sign-in sheet (signin) and feedback form (feedback): written in English (en) and French (fr) only; to make a draft of a part, add its messages (kit.* in locales/en.toml) to locales/ar.toml in your content folder",
			"the workshop kit (kit) for health is not made in Arabic (ar)",
		} {
			if !strings.Contains(msg, w) {
				t.Errorf("error %q\ndoes not say %q", msg, w)
			}
		}
	})
	t.Run("two languages on one page: the sheets that have a bilingual form, and a note naming the rest", func(t *testing.T) {
		e := engine(t)
		jobs, err := e.Expand(generate.Matrix{Audiences: []string{"newcomers"}, Langs: []string{"fr+en"}, Formats: []string{"kit"}, Paper: "letter"})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := files(jobs), "newcomers-signin-fr-en.pdf/kit newcomers-feedback-fr-en.pdf/kit"; got != want {
			t.Fatalf("jobs %s, want %s", got, want)
		}
		// The print pack's cover names both languages of the page.
		if got, want := e.Describe(jobs[0]), "Newcomers and migrant workers sign-in sheet, French (draft translation) and English"; got != want {
			t.Errorf("Describe = %q, want %q", got, want)
		}
		want := "the workshop kit for newcomers in French (fr) and English (en) on one page is made without the facilitator guide (guide), slide show (slides), myths and facts page (myths), quiz and scenario cards (scenarios): no bilingual form (-l fr,en makes one in each language)"
		if notes := e.Leaves(jobs, profile.Organisation{}); !slices.Contains(notes, want) {
			t.Errorf("notes %q\nwant %q", notes, want)
		}
		// A pair whose second language has no kit: refused, naming it.
		_, err = e.Expand(generate.Matrix{Audiences: []string{"newcomers"}, Langs: []string{"fr+es"}, Formats: []string{"kit"}, Paper: "letter"})
		if want := "the workshop kit (kit) for newcomers is not made in French (fr) and Spanish (es) on one page: facilitator guide (guide), slide show (slides), myths and facts page (myths), quiz, scenario cards (scenarios), sign-in sheet (signin) and feedback form (feedback): written in English (en) and French (fr) only"; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("fr+es: %v\nwant %s", err, want)
		}
	})
	t.Run("a language that waits for fluent speakers", func(t *testing.T) {
		_, err := engine(t).Expand(generate.Matrix{Audiences: []string{"indigenous"}, Langs: []string{"iu"}, Formats: []string{"kit"}, Paper: "letter", AllowDraft: true})
		if err == nil || !strings.Contains(err.Error(), "no kit text is written in Inuktitut (iu), as its messages wait for fluent speakers from the community") {
			t.Errorf("error %v", err)
		}
	})
	t.Run("a group where one format must be named", func(t *testing.T) {
		_, err := engine(t).Resolve(generate.Job{Audience: "youth", Lang: "en", Format: "kit", Paper: "letter"})
		var ge *format.GroupError
		if !errors.As(err, &ge) {
			t.Errorf("Resolve(kit) = %v, want a GroupError", err)
		}
	})
}
