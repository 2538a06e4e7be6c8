package typeset

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/image/font/gofont/goregular"
)

// withTableLength is font data with table tag's length in the table
// directory set to n (its bytes left where they are).
func withTableLength(t testing.TB, data []byte, tag string, n uint32) []byte {
	t.Helper()
	out := bytes.Clone(data)
	tables := int(binary.BigEndian.Uint16(out[4:]))
	for i := range tables {
		rec := out[12+16*i:]
		if string(rec[:4]) == tag {
			binary.BigEndian.PutUint32(rec[12:], n)
			return out
		}
	}
	t.Fatalf("no %s table", tag)
	return nil
}

// TestDamagedFontRefused: a font file cut short (a half-finished copy or
// download) named in the fonts: setting is refused when it is loaded,
// naming it: half of a Noto Serif Gurmukhi made go-text's reader panic
// (slice bounds out of range, "internal error"), and its first 3,000
// bytes were taken and stopped the PDF writer later ("table "DSIG" runs
// past the end of the file"). A glyf table shorter than its glyphs say
// is an error too, never a crash.
func TestDamagedFontRefused(t *testing.T) {
	font := goregular.TTF
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"cut in half", font[:len(font)/2], "is cut short or damaged (its table"},
		{"cut in its tables", font[:3000], "is cut short or damaged (its table"},
		{"cut in its directory", font[:40], "is cut short or damaged (its table directory runs past the end of the file)"},
		{"cut in its header", font[:8], "is cut short or damaged (it is shorter than a font's header)"},
		{"glyf shorter than its glyphs", withTableLength(t, font, "glyf", 64), "font f.ttf"},
		{"not a font", []byte(strings.Repeat("not a font ", 100)), "could not be read as a TrueType font"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var err error
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("panic: %v", r)
					}
				}()
				_, err = parseFace("f.ttf", c.data, 0)
			}()
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
	if _, err := parseFace("f.ttf", font, 0); err != nil {
		t.Errorf("the whole font: %v", err)
	}
}

// TestFontThePDFWriterCannotEmbed: a font named in fonts: whose loca
// table is empty or shorter than its glyph count passed the load (go-text
// reads glyphs lazily) and stopped every PDF later ("render pdf: font
// Noto Sans Gurmukhi (loca0.ttf): parse font: loca table too short for
// the glyph count"); it is refused when named, saying what to do.
func TestFontThePDFWriterCannotEmbed(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty loca", withTableLength(t, goregular.TTF, "loca", 0), "(loca table too short for the glyph count); copy or download it again"},
		{"loca of ten bytes", withTableLength(t, goregular.TTF, "loca", 10), "loca table too short"},
	} {
		path := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-")+".ttf")
		if err := os.WriteFile(path, c.data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := NewFonts(Family{}, map[string][]string{"Guru": {path}})
		if err == nil || !strings.Contains(err.Error(), "fonts: Guru: font "+path+" cannot be put into a PDF") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want the font named and %q", c.name, err, c.want)
		}
	}
	whole := filepath.Join(dir, "whole.ttf")
	if err := os.WriteFile(whole, goregular.TTF, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := NewFonts(Family{}, map[string][]string{"Guru": {whole}}); err != nil {
		t.Errorf("the whole font: %v", err)
	}
}

// FuzzFontFile: any bytes as a font file a user names: an error or a
// font, never a panic.
func FuzzFontFile(f *testing.F) {
	font := goregular.TTF
	f.Add(font[:len(font)/2])
	f.Add(font[:3000])
	f.Add(withTableLength(f, font, "glyf", 64))
	f.Add(withTableLength(f, font, "hmtx", 8))
	f.Add(withTableLength(f, font, "loca", 0))
	f.Fuzz(func(t *testing.T, data []byte) {
		fnt, err := parseFace("f.ttf", data, 0)
		if err == nil {
			if fnt == nil || !strings.Contains(fnt.Source, "f.ttf") {
				t.Fatalf("font %v, no error", fnt)
			}
			err = embeddable(fnt)
		}
		if err != nil && !strings.Contains(err.Error(), "f.ttf") {
			t.Fatalf("error %v does not name the file", err)
		}
	})
}

// TestDamagedSystemFontPassedOver: a font of the machine's that the PDF
// writer cannot embed (its loca table emptied) was chosen for its
// script, and every PDF in that script stopped at the end ("render pdf:
// font Noto Sans Gurmukhi (…): parse font: loca table too short for the
// glyph count"), after a PNG or the text of the same page was made. It
// is passed over when it is looked for: the next family draws the
// script, and with none the error names the damaged file and the fix.
func TestDamagedSystemFontPassedOver(t *testing.T) {
	sans := systemFont(t, "NotoSansGurmukhi-Regular.ttf")
	serif := systemFont(t, "NotoSerifGurmukhi-Regular.ttf")
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	damaged := filepath.Join(dir, "NotoSansGurmukhi-Regular.ttf")
	if err := os.WriteFile(damaged, withTableLength(t, sans, "loca", 0), 0o644); err != nil {
		t.Fatal(err)
	}
	sources := func() ([]Source, error) {
		fonts, err := NewFonts(base, nil)
		if err != nil {
			t.Fatal(err)
		}
		fonts.SearchIn([]string{dir})
		return New(fonts).Sources("ਮਨੁੱਖੀ ਤਸਕਰੀ", Options{Lang: "pa"})
	}

	_, err = sources()
	var mg *MissingGlyphError
	if !errors.As(err, &mg) || !strings.Contains(err.Error(), "the font for it on this computer, "+damaged+", is damaged (loca table too short for the glyph count) and was passed over; put it back: install the Debian package fonts-noto-core") {
		t.Errorf("with the damaged font alone: %v", err)
	}

	if err := os.WriteFile(filepath.Join(dir, "NotoSerifGurmukhi-Regular.ttf"), serif, 0o644); err != nil {
		t.Fatal(err)
	}
	src, err := sources()
	if err != nil {
		t.Fatalf("with a sound Noto Serif Gurmukhi beside it: %v", err)
	}
	for _, s := range src {
		if s.Script == "Guru" && s.File != filepath.Join(dir, "NotoSerifGurmukhi-Regular.ttf") {
			t.Errorf("Gurmukhi drawn with %s (%s), want the sound serif", s.Font, s.File)
		}
	}
}
