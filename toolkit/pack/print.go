package pack

import (
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/awarekit/awarekit/toolkit/format"
)

// ToPrint says in words what the print shop makes of an item: "25
// copies, one side", "25 copies, duplex", "1 copy, duplex, 5 sheets
// each" for a copy of several sheets, or for a format cut from sheets,
// where the number is of sheets, "25 sheets, duplex: 250 wallet
// cards". For an item that is not printed it is how the item is used
// (Shown: slides are shown on a projector), or "".
func (it Item) ToPrint() string {
	s := it.Sheet
	if s.Sides == 0 {
		return it.Shown
	}
	per := s.PerCopy(it.Pages)
	if s.Up > 1 {
		words := count(it.Copies*per, "sheets") + sides(s)
		return words + fmt.Sprintf(": %d %s", it.Copies*per*s.Up, s.Pieces)
	}
	words := count(it.Copies, "copies") + sides(s)
	if per > 1 {
		words += fmt.Sprintf(", %d sheets each", per)
	}
	return words
}

// sides says how a sheet is printed, in the print shop's word.
func sides(s format.Sheet) string {
	if s.Duplex() {
		return ", duplex"
	}
	return ", one side"
}

// count is n and its unit, singular for one: "1 copy", "3 copies".
func count(n int, plural string) string {
	if n == 1 {
		switch plural {
		case "copies":
			return "1 copy"
		case "materials":
			return "1 material"
		}
		return "1 " + strings.TrimSuffix(plural, "s")
	}
	return fmt.Sprintf("%d %s", n, plural)
}

// PaperTotal is the sheets of one paper size a set of items needs.
type PaperTotal struct {
	Paper  string `json:"paper"`
	Sheets int    `json:"sheets"`
	// Duplex is how many of them are printed on both sides.
	Duplex int `json:"duplex"`
}

// Totals is what a set of items takes to print.
type Totals struct {
	Materials int          `json:"materials"` // items printed
	Papers    []PaperTotal `json:"papers"`    // by paper, in the order first met
	// DuplexFiles are the files printed on both sides.
	DuplexFiles []string `json:"duplex_files"`
}

// Total adds up the sheets of every printed item, by paper size: most
// copies are a sheet (one copy of a two-sided handout is one sheet
// printed on both sides; one copy of wallet cards is one sheet of them);
// a copy of a facilitator guide or a set of scenario cards is several.
func Total(items []Item) Totals { return TotalOf(slices.Values(items)) }

// TotalOf is Total of the items a sequence yields.
func TotalOf(items iter.Seq[Item]) Totals {
	t := Totals{Papers: []PaperTotal{}, DuplexFiles: []string{}}
	for it := range items {
		s := it.Sheet
		if s.Sides == 0 {
			continue
		}
		t.Materials++
		i := slices.IndexFunc(t.Papers, func(p PaperTotal) bool { return p.Paper == s.Paper.Name })
		if i < 0 {
			t.Papers = append(t.Papers, PaperTotal{Paper: s.Paper.Name})
			i = len(t.Papers) - 1
		}
		sheets := it.Copies * s.PerCopy(it.Pages)
		t.Papers[i].Sheets += sheets
		if s.Duplex() {
			t.Papers[i].Duplex += sheets
			t.DuplexFiles = append(t.DuplexFiles, it.File)
		}
	}
	return t
}

// String is the totals in a sentence: "3 materials: 110 sheets of
// letter (25 printed on both sides), 10 sheets of tabloid".
func (t Totals) String() string {
	var papers []string
	for _, p := range t.Papers {
		s := count(p.Sheets, "sheets") + " of " + p.Paper
		if p.Duplex > 0 {
			s += fmt.Sprintf(" (%d printed on both sides)", p.Duplex)
		}
		papers = append(papers, s)
	}
	if len(papers) == 0 {
		return "nothing to print"
	}
	return count(t.Materials, "materials") + ": " + strings.Join(papers, ", ")
}
