package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWebsiteCodeLeftOutIsReported checks that when a page has no room
// for the QR code of the organisation's website (a 100-character name,
// three local contacts and a very wide logo on the two-language poster),
// generate says on stderr which file lost it, that the address is in
// the list, and what to shorten. (TestOrgWebsiteOnceAndItsCodeKeptOrReported
// in toolkit/layout holds the layouts to saying it exactly when they
// leave the code out.)
func TestWebsiteCodeLeftOutIsReported(t *testing.T) {
	work := t.TempDir()
	writeLogo(t, filepath.Join(work, "wide.png"), 2000, 40)
	settings := `organisation:
  name: "Riverside Settlement Services and Community Legal Clinic of the Greater Eastside and Northern Region"
  phone: "1-604-555-0134 ext. 1234"
  email: "information.desk@riverside-settlement.example.org"
  website: "www.riverside-settlement-services.example.org/help"
  logo: wide.png
  local:
    - {label: "Riverside Police Service, non-emergency line, 24 hours a day", phone: "604-555-0100", website: "police.riverside.example.org"}
    - {label: "Eastside Victim Services and Crisis Support Centre for Youth", phone: "604-555-0101 ext. 22", website: "victims.eastside.example.org"}
    - {label: "Côte-des-Neiges–Notre-Dame-de-Grâce Community Health Clinic", phone: "1-888-555-0102"}
`
	if err := os.WriteFile(filepath.Join(work, "awarekit.yaml"), []byte(settings), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, work, "generate", "-a", "youth", "-l", "fr+en", "-f", "poster", "-o", "out", "--allow-draft")
	if r.code != 0 {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	want := "note: " + filepath.Join("out", "youth-poster-fr-en.pdf") + ": no room for the QR code of your website (www.riverside-settlement-services.example.org/help), so it is left out; the address is printed in your list. To make room, shorten the organisation's name, give fewer or shorter local contacts, or use a logo closer to square"
	if !strings.Contains(r.stderr, want) {
		t.Errorf("stderr %q, want %q in it", r.stderr, want)
	}
}
