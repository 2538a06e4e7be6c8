package typeset

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-text/typesetting/fontscan"
)

// The machine's fonts are found when the index fontscan keeps in the
// user's cache folder cannot be kept (no home folder, one that cannot be
// written): the font folders are read without it.
func TestSystemFontsWithoutACacheFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "DejaVuSans.ttf"), dejavusans.TTF, 0o644); err != nil {
		t.Fatal(err)
	}
	noCache := func(fontscan.Logger, string) ([]fontscan.Footprint, error) {
		return nil, errors.New("updating cache: mkdir /nonexistent: permission denied")
	}
	prints, err := systemFootprints(noCache, func(fontscan.Logger) ([]string, error) { return []string{dir}, nil })
	if err != nil {
		t.Fatalf("with no cache folder: %v", err)
	}
	if len(prints) != 1 || prints[0].Family != "dejavusans" {
		t.Fatalf("with no cache folder found %+v; want the one DejaVu Sans in %s", prints, dir)
	}

	_, err = systemFootprints(noCache, func(fontscan.Logger) ([]string, error) { return nil, errors.New("no font folders") })
	if err == nil || !strings.Contains(err.Error(), "updating cache") || !strings.Contains(err.Error(), "no font folders") {
		t.Fatalf("with neither: err = %v; want both causes", err)
	}

	indexed := func(fontscan.Logger, string) ([]fontscan.Footprint, error) {
		return []fontscan.Footprint{{Family: "indexed"}}, nil
	}
	prints, err = systemFootprints(indexed, func(fontscan.Logger) ([]string, error) {
		t.Error("the font folders were read although the index answered")
		return nil, nil
	})
	if err != nil || len(prints) != 1 || prints[0].Family != "indexed" {
		t.Fatalf("with the index: %+v, %v", prints, err)
	}
}
