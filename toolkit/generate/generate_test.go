package generate_test

import (
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
