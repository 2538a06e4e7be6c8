package layout

import (
	"strings"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/spell"
)

// Style is how a material is printed for its readers.
type Style string

// The styles a user can choose.
const (
	// Standard is the brand's look: a coloured header band, tinted help
	// panels, the sizes each format gives.
	Standard Style = "standard"
	// LargePrint follows the CNIB Clear Print guidelines: body text at
	// least 14 pt, everything aligned left, black on white, no text over
	// colour or pictures.
	LargePrint Style = "large-print"
	// HighContrast keeps the standard sizes with Clear Print's colours:
	// black on white, the brand colour only in rules and frames.
	HighContrast Style = "high-contrast"
)

// StyleNames lists the styles in the order help shows them.
var StyleNames = []string{string(Standard), string(LargePrint), string(HighContrast)}

// StyleByName finds a style, case-insensitively; "" is Standard.
func StyleByName(name string) (Style, error) {
	key := strings.ToLower(strings.TrimSpace(name))
	if key == "" {
		return Standard, nil
	}
	for _, s := range StyleNames {
		if s == key {
			return Style(s), nil
		}
	}
	return "", spell.Unknown(nil, "style", name, StyleNames, nil)
}

// clear reports whether the style keeps text off colour and in black.
func (s Style) clear() bool { return s == LargePrint || s == HighContrast }

// MinContrastClear is the contrast every text colour of a clear style
// reaches on white: WCAG 2 AAA's 7:1.
const MinContrastClear = 7.0

// colours are a document's colours in a style: the brand's palette, or
// for the clear styles black text on white and the brand colour darkened
// for headings, rules and frames.
type colours struct {
	ink, muted, danger doc.RGB
	accent             doc.RGB // headings, the hotline number, frames
	band, onBand       doc.RGB // the header band and its text
	panel              doc.RGB // the help panel's fill
	// onColour is false in the clear styles: no text sits on a coloured
	// band; the band becomes a rule above the header's text.
	onColour bool
}

func coloursFor(brand doc.RGB, st Style) colours {
	p := doc.NewPalette(brand)
	c := colours{ink: ink, muted: muted, danger: danger, accent: p.Accent, band: p.Band, onBand: p.OnBand, panel: p.Panel, onColour: true}
	if st.clear() {
		c.ink, c.muted, c.onBand, c.panel, c.onColour = doc.Black, doc.RGB{R: 0x33, G: 0x33, B: 0x33}, doc.Black, doc.White, false
		c.accent = doc.Darken(p.Accent, doc.White, MinContrastClear)
		c.danger = doc.Darken(danger, doc.White, MinContrastClear)
	}
	return c
}
