package generate_test

import (
	"strings"
	"testing"
	"time"

	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/profile"
)

func engine(tb testing.TB) *generate.Engine {
	tb.Helper()
	e, err := generate.New("awarekit test", time.Time{})
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

func TestResolve(t *testing.T) {
	e := engine(t)
	r, err := e.Resolve(generate.Job{Audience: "Aboriginal", Lang: "fr-CA", Format: "Flyer", Paper: "A4"})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.FileName(""); got != "indigenous-flyer-fr.pdf" {
		t.Errorf("file name = %q, want indigenous-flyer-fr.pdf", got)
	}
	if got := r.FileName("../../{audience}/{paper} {lang}.{ext}"); got != "indigenous-a4-fr.pdf" {
		t.Errorf("a pattern that climbs out of the folder gave %q", got)
	}
}

// TestResolveRefuses: names that must not become a document.
func TestResolveRefuses(t *testing.T) {
	e := engine(t)
	tests := []struct {
		name string
		job  generate.Job
		want string
	}{
		{"und is no language", generate.Job{Lang: "und"}, `unknown language "und"`},
		{"und with a region", generate.Job{Lang: "und-CA"}, `unknown language "und-CA"`},
		{"mul", generate.Job{Lang: "en+mul"}, `unknown language "mul"`},
		{"three languages", generate.Job{Lang: "fr+en+es"}, "at most two languages"},
		{"unknown backend", generate.Job{Backend: "tiff"}, `unknown backend "tiff"; choose one of: pdf`},
		{"text with a backend", generate.Job{Format: "md", Backend: "pdf"}, "page formats only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := generate.Job{Audience: "youth", Lang: "en", Format: "flyer", Paper: "letter"}
			if tt.job.Lang != "" {
				j.Lang = tt.job.Lang
			}
			if tt.job.Format != "" {
				j.Format = tt.job.Format
			}
			j.Backend = tt.job.Backend
			if r, err := e.Resolve(j); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Resolve(%+v) = %+v, %v; want an error with %q", j, r, err, tt.want)
			}
		})
	}
}

// TestResolveBackend: a page format is drawn by pdf unless the job says
// otherwise, and the file's extension is the backend's; a text format's
// is its own.
func TestResolveBackend(t *testing.T) {
	e := engine(t)
	for _, tt := range []struct{ format, backend, wantBackend, wantFile string }{
		{"flyer", "", "pdf", "youth-flyer-en.pdf"},
		{"poster", "PDF", "pdf", "youth-poster-en.pdf"},
		{"md", "", "", "youth-md-en.md"},
		{"sms", "", "", "youth-sms-en.txt"},
	} {
		r, err := e.Resolve(generate.Job{Audience: "youth", Lang: "en", Format: tt.format, Backend: tt.backend, Paper: "letter"})
		if err != nil {
			t.Fatal(err)
		}
		if r.Backend.Name != tt.wantBackend || r.FileName("") != tt.wantFile {
			t.Errorf("%s/%q: backend %q, file %s; want %q, %s", tt.format, tt.backend, r.Backend.Name, r.FileName(""), tt.wantBackend, tt.wantFile)
		}
	}
}

// BenchmarkFlyer measures one flyer per language, from assembly to PDF
// bytes, with content and fonts already loaded (as in a build).
func BenchmarkFlyer(b *testing.B) {
	for _, lang := range []string{"en", "ar", "pa", "zh-Hans"} {
		b.Run(lang, func(b *testing.B) { benchmarkFlyer(b, lang) })
	}
}

func benchmarkFlyer(b *testing.B, lang string) {
	e := engine(b)
	org := profile.Organisation{Name: "Riverside Youth Council", Phone: "604-555-0134", Website: "riverside.example.org"}
	brand, err := org.Brand()
	if err != nil {
		b.Fatal(err)
	}
	r, err := e.Resolve(generate.Job{Audience: "youth", Lang: lang, Format: "flyer", Paper: "letter"})
	if err != nil {
		b.Skipf("%s: %v", lang, err)
	}
	b.ReportAllocs()
	size := 0
	for b.Loop() {
		data, err := e.Render(r, org, brand)
		if err != nil {
			b.Fatal(err)
		}
		size = len(data)
	}
	b.ReportMetric(float64(size), "bytes/doc")
}
