// Package typeset turns text into positioned glyph runs: it normalises,
// splits text by direction, script and font, shapes each run with
// go-text's HarfBuzz port, breaks lines by UAX #14 and orders each line
// for display. Renderers draw what it returns and never measure text
// themselves.
package typeset

import (
	"fmt"
	"sync"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"github.com/go-text/typesetting/font"
)

// Font is one parsed font file, shared read-only by every document and
// goroutine of the process.
type Font struct {
	// Name is the font's family and style, e.g. "DejaVu Sans Bold".
	Name string
	// Source says where the file came from: "embedded" or a path.
	Source string
	// Data is the font file itself, needed by renderers that embed it.
	Data []byte
	// Bold says the face is a bold weight.
	Bold bool

	// font is the font as shaping and measuring read it: without its
	// glyphs' outlines (parseLean), which Outline reads when asked.
	font *font.Font
}

// ParseFont parses a TrueType font file. name and source label it in
// messages and manifests.
func ParseFont(name, source string, data []byte) (*Font, error) {
	face, err := parseLean(data)
	if err != nil {
		return nil, fmt.Errorf("read font %s (%s): %w", name, source, err)
	}
	return &Font{Name: name, Source: source, Data: data, font: face.Font}, nil
}

// UnitsPerEm is the font's design grid size.
func (f *Font) UnitsPerEm() int { return int(f.font.Upem()) }

// Has reports whether the font has a glyph for r.
func (f *Font) Has(r rune) bool {
	_, ok := f.font.Cmap.Lookup(r)
	return ok
}

// Family is a regular and a bold font used together.
type Family struct {
	Regular, Bold *Font
}

// Pick returns the bold or regular member.
func (fam Family) Pick(bold bool) *Font {
	if bold && fam.Bold != nil {
		return fam.Bold
	}
	return fam.Regular
}

var (
	embeddedOnce sync.Once
	embedded     Family
	embeddedErr  error
)

// Embedded returns DejaVu Sans and DejaVu Sans Bold, compiled into the
// binary. They cover Latin (Vietnamese included), Cyrillic, Arabic and
// Canadian Aboriginal Syllabics. They are parsed once per process.
func Embedded() (Family, error) {
	embeddedOnce.Do(func() {
		var regular, bold *Font
		regular, embeddedErr = ParseFont("DejaVu Sans", "embedded", dejavusans.TTF)
		if embeddedErr != nil {
			return
		}
		bold, embeddedErr = ParseFont("DejaVu Sans Bold", "embedded", dejavusansbold.TTF)
		if embeddedErr != nil {
			return
		}
		bold.Bold = true
		embedded = Family{Regular: regular, Bold: bold}
	})
	return embedded, embeddedErr
}
