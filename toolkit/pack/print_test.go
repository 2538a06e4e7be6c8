package pack

import (
	"testing"

	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/layout"
)

func sheetOf(t *testing.T, name, paper string) format.Sheet {
	t.Helper()
	f, err := format.ByName(name)
	if err != nil {
		t.Fatal(err)
	}
	s, ok := f.Sheet(layout.Papers[paper])
	if !ok {
		t.Fatalf("%s is not printed", name)
	}
	return s
}

// TestToPrint: each item says whether its number is of copies or of
// sheets, and whether both sides are printed, in plain words.
func TestToPrint(t *testing.T) {
	tests := []struct {
		format, paper string
		copies        int
		want          string
	}{
		{"flyer", "letter", 25, "25 copies, one side"},
		{"flyer", "letter", 1, "1 copy, one side"},
		{"handout", "a4", 10, "10 copies, duplex"},
		{"cards", "letter", 25, "25 sheets, duplex: 250 wallet cards"},
		{"cards", "a4", 1, "1 sheet, duplex: 8 wallet cards"},
		{"safety-card", "letter", 3, "3 sheets, duplex: 30 safety cards"},
		{"poster", "letter", 4, "4 copies, one side"},
		{"scenarios", "letter", 5, "10 sheets, duplex: 40 scenario cards"},
		{"guide", "letter", 2, "2 copies, duplex, 5 sheets each"},
	}
	for _, tt := range tests {
		it := Item{File: "x.pdf", Copies: tt.copies, Sheet: sheetOf(t, tt.format, tt.paper)}
		if tt.format == "guide" {
			it.Pages = 9 // the text decides: nine pages take five sheets
		}
		if got := it.ToPrint(); got != tt.want {
			t.Errorf("%s on %s, %d: %q, want %q", tt.format, tt.paper, tt.copies, got, tt.want)
		}
	}
	if got := (Item{Copies: 3}).ToPrint(); got != "" {
		t.Errorf("an item that is not printed: %q", got)
	}
	slides, err := format.ByName("slides")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := (Item{Copies: 20, Shown: slides.Shown}).ToPrint(), "not printed: shown on a projector"; got != want {
		t.Errorf("slides: %q, want %q", got, want)
	}
}

// TestTotal adds sheets by the paper they are printed on (a Letter
// poster goes on Tabloid), counts the two-sided ones, and says it in a
// sentence with singulars where they belong.
func TestTotal(t *testing.T) {
	items := []Item{
		{File: "youth-flyer-en.pdf", Copies: 25, Sheet: sheetOf(t, "flyer", "letter")},
		{File: "youth-cards-en.pdf", Copies: 10, Sheet: sheetOf(t, "cards", "letter")},
		{File: "youth-poster-en.pdf", Copies: 2, Sheet: sheetOf(t, "poster", "letter")},
		{File: "youth-md-en.md", Copies: 5},
		{File: "health-handout-en.pdf", Copies: 7, Sheet: sheetOf(t, "handout", "a4")},
		{File: "youth-scenarios-en.pdf", Copies: 3, Sheet: sheetOf(t, "scenarios", "letter"), Pages: 4},
		{File: "youth-guide-en.pdf", Copies: 1, Sheet: sheetOf(t, "guide", "letter"), Pages: 8},
	}
	got := Total(items)
	want := "6 materials: 45 sheets of letter (20 printed on both sides), 2 sheets of tabloid, 7 sheets of a4 (7 printed on both sides)"
	if got.String() != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if len(got.DuplexFiles) != 4 || got.DuplexFiles[0] != "youth-cards-en.pdf" {
		t.Errorf("duplex: %v", got.DuplexFiles)
	}
	one := Total(items[:1])
	if one.String() != "1 material: 25 sheets of letter" {
		t.Errorf("one: %s", one)
	}
	if s := Total(items[:1:1][:0]).String(); s != "nothing to print" {
		t.Errorf("none: %s", s)
	}
	single := Total([]Item{{File: "a.pdf", Copies: 1, Sheet: sheetOf(t, "flyer", "a4")}})
	if single.String() != "1 material: 1 sheet of a4" {
		t.Errorf("single: %s", single)
	}
}
