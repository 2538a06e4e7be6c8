package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/pdftest"
)

const printShopPlan = `defaults: {paper: letter, copies: 10}
outputs:
  - {audiences: [youth, newcomers], languages: [en, fr], format: flyer, copies: 25}
  - {audience: newcomers, language: pa, format: cards}
  - {audience: health, language: en, format: handout, paper: a4, copies: 1}
  - {audience: youth, language: en, format: poster, copies: 2}
  - {audience: youth, language: en, format: md}
  - {audience: youth, language: fr, format: flyer, as: png}
`

// TestDryRunForThePrintShop: build --dry-run says what the plan takes to
// print: documents, pages, sheets of each paper size given the copies,
// which items are printed on both sides, and where copies are sheets.
func TestDryRunForThePrintShop(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "plan.yaml"), printShopPlan)
	r := runCLI(t, dir, "build", "plan.yaml", "--dry-run")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{
		"new  newcomers-cards-pa.pdf",
		"\n9 documents in the plan, 10 pages.\n", // 4 flyers, cards 2, handout 2, poster 1, the png 1
		"To print, 7 PDF materials:\n",
		"  letter   110 sheets  10 of them on both sides\n",
		"  a4       1 sheet     1 of them on both sides\n",
		"  tabloid  2 sheets\n",
		"Both sides (duplex, turned on the long edge): newcomers-cards-pa.pdf, health-handout-en.pdf\n",
		"Copies are sheets for: newcomers-cards-pa.pdf (10 sheets, duplex: 100 wallet cards)",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}

	r = runCLI(t, dir, "build", "plan.yaml", "--dry-run", "--json")
	var got struct {
		Print printJSON `json:"print"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	p := got.Print
	if p.Documents != 9 || p.Pages != 10 || p.Materials != 7 || len(p.Papers) != 3 || p.Papers[0].Sheets != 110 || p.Papers[0].Duplex != 10 || len(p.DuplexFiles) != 2 {
		t.Errorf("print: %+v", p)
	}
}

// TestCoverSheetSaysWhatToPrint: the print pack's cover says, for each
// material, whether its number is of copies or of sheets, and the total
// in a sentence with singulars where they belong.
func TestCoverSheetSaysWhatToPrint(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "plan.yaml"), "outputs:\n  - {audience: newcomers, language: en, format: cards, copies: 1}\n")
	if r := runCLI(t, dir, "build", "plan.yaml"); r.code != exitOK {
		t.Fatal(r.stderr)
	}
	cover := pdftest.Text(t, filepath.Join(dir, "out", "pack.pdf"))
	for _, want := range []string{"To print", "1 sheet, duplex: 10 wallet cards", "Total: 1 material: 1 sheet of letter (1 printed on both sides)"} {
		if !strings.Contains(cover, want) {
			t.Errorf("cover lacks %q:\n%s", want, cover)
		}
	}
	if strings.Contains(cover, "1 materials") || strings.Contains(cover, "1 copies") {
		t.Errorf("cover has a plural for one:\n%s", cover)
	}
}
