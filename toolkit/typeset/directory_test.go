package typeset

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/fontscan"
)

// A font in a font folder whose directory claims a table larger than
// the file is passed over without go-text making a buffer of the length
// it claims: at 4 GB such a file ended every run that looked for a
// system font. 256 MB here, so that the old code shows in the count of
// bytes allocated instead of running out of memory.
func TestClaimedTableLengthsNotAllocated(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "DejaVuSans.ttf")
	if err := os.WriteFile(good, dejavusans.TTF, 0o644); err != nil {
		t.Fatal(err)
	}
	// Every table of the directory claims 256 MB.
	huge := append([]byte(nil), dejavusans.TTF...)
	for i := range int(binary.BigEndian.Uint16(huge[4:])) {
		binary.BigEndian.PutUint32(huge[12+16*i+12:], 256<<20)
	}
	// A collection of one font, the same font after its header.
	ttc := make([]byte, 16, 16+len(huge))
	copy(ttc, "ttcf\x00\x01\x00\x00\x00\x00\x00\x01")
	binary.BigEndian.PutUint32(ttc[12:], 16)
	ttc = append(ttc, dejavusans.TTF...)
	for i := range int(binary.BigEndian.Uint16(ttc[16+4:])) {
		rec := ttc[16+12+16*i:]
		binary.BigEndian.PutUint32(rec[8:], binary.BigEndian.Uint32(rec[8:])+16) // offsets from the file's start
	}
	if err := os.WriteFile(filepath.Join(dir, "collection.ttc"), ttc, 0o644); err != nil {
		t.Fatal(err)
	}
	hugeTTC := append([]byte(nil), ttc...)
	binary.BigEndian.PutUint32(hugeTTC[16+12+12:], 256<<20)
	// A WOFF file whose one table unpacks to 256 MB.
	woff := make([]byte, 64)
	copy(woff, "wOFF\x00\x01\x00\x00")
	binary.BigEndian.PutUint32(woff[8:], 64)
	binary.BigEndian.PutUint16(woff[12:], 1)
	copy(woff[44:], "name")
	binary.BigEndian.PutUint32(woff[48:], 60)
	binary.BigEndian.PutUint32(woff[52:], 4)
	binary.BigEndian.PutUint32(woff[56:], 256<<20)
	for name, data := range map[string][]byte{"huge.ttf": huge, "huge.ttc": hugeTTC, "huge.woff": woff} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	prints, err := systemFootprints(func(fontscan.Logger) ([]string, error) { return []string{dir}, nil })
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 64<<20 {
		t.Errorf("the scan allocated %d MB: a table's claimed length was allocated", got>>20)
	}
	var files []string
	for _, p := range prints {
		files = append(files, filepath.Base(p.Location.File))
	}
	if len(files) != 2 || files[0] != "DejaVuSans.ttf" || files[1] != "collection.ttc" {
		t.Errorf("found %v, want DejaVuSans.ttf and collection.ttc alone", files)
	}
	for _, name := range []string{"huge.ttf", "huge.ttc"} {
		if usableCmap(font.FontID{File: filepath.Join(dir, name)}) {
			t.Errorf("%s: its character map is taken as usable", name)
		}
	}
}
