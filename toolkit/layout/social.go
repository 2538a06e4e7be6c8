package layout

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// socialSpec sizes a social-media image. Social images are laid out in
// pixels: one point of the page is one pixel of the image, which the
// image backends draw at 72 dpi.
type socialSpec struct {
	name       string
	w, h       float64
	margin     float64
	org        float64   // organisation name
	headlines  []float64 // headline sizes tried, largest first, to fit three lines
	sign       float64
	help       float64 // the line above the number, and the emergency line
	number     float64
	small      float64 // hotline name, draft notice
	logoW      float64
	logoH      float64
	signs      int  // at most this many signs (two per language in a bilingual image)
	twoColumns bool // words at the reading start, the number beside them
}

var (
	socialSquare = socialSpec{name: "social-square", w: 1080, h: 1080, margin: 64, org: 30, headlines: []float64{84, 76, 68, 60, 54, 48},
		sign: 36, help: 32, number: 118, small: 24, logoW: 240, logoH: 110, signs: 3}
	socialStory = socialSpec{name: "social-story", w: 1080, h: 1920, margin: 80, org: 40, headlines: []float64{120, 108, 96, 88, 80, 72},
		sign: 56, help: 46, number: 150, small: 30, logoW: 300, logoH: 160, signs: 3}
	socialWide = socialSpec{name: "social-wide", w: 1200, h: 630, margin: 48, org: 24, headlines: []float64{60, 54, 48, 44, 40, 36},
		sign: 27, help: 25, number: 76, small: 18, logoW: 180, logoH: 72, signs: 2, twoColumns: true}
)

// SocialSquare lays out a 1080 × 1080 image for social media posts.
func SocialSquare(ts *typeset.Typesetter, d *doc.Document, _ Options) (*Document, error) {
	return social(ts, []*doc.Document{d}, socialSquare)
}

// SocialStory lays out a 1080 × 1920 image for stories and status updates.
func SocialStory(ts *typeset.Typesetter, d *doc.Document, _ Options) (*Document, error) {
	return social(ts, []*doc.Document{d}, socialStory)
}

// SocialWide lays out a 1200 × 630 image, the size of link previews.
func SocialWide(ts *typeset.Typesetter, d *doc.Document, _ Options) (*Document, error) {
	return social(ts, []*doc.Document{d}, socialWide)
}

// BilingualSocialSquare is the square image in two languages.
func BilingualSocialSquare(ts *typeset.Typesetter, first, second *doc.Document, _ Options) (*Document, error) {
	return social(ts, []*doc.Document{first, second}, socialSquare)
}

// BilingualSocialStory is the story image in two languages.
func BilingualSocialStory(ts *typeset.Typesetter, first, second *doc.Document, _ Options) (*Document, error) {
	return social(ts, []*doc.Document{first, second}, socialStory)
}

// BilingualSocialWide is the wide image in two languages.
func BilingualSocialWide(ts *typeset.Typesetter, first, second *doc.Document, _ Options) (*Document, error) {
	return social(ts, []*doc.Document{first, second}, socialWide)
}

// social lays out one image for a screen: a band in the brand colour with
// the organisation's name, its logo and the headline; two or three
// signs; the hotline number large under what the call gives; the
// emergency line. Every language of the image has its own words; the
// number is printed once. Written for a phone that someone else may see:
// for a discreet audience the largest words (the headline) name no
// crime, and the hotline is not named. Nothing is dropped to make room:
// text gets smaller, down to a limit, and then the image is refused.
func social(ts *typeset.Typesetter, docs []*doc.Document, s socialSpec) (*Document, error) {
	first := docs[0]
	langs := first.Meta.Lang
	if len(docs) == 2 {
		langs += "+" + docs[1].Meta.Lang
	}
	fail := func(err error) (*Document, error) {
		return nil, fmt.Errorf("lay out %s %s (%s): %w", first.Meta.Audience, s.name, langs, err)
	}
	kits := make([]*kit, len(docs))
	for i, d := range docs {
		if d.Social == nil {
			return fail(fmt.Errorf("no one has written the social-media text (social.* messages) in %s yet", d.Meta.Lang))
		}
		if w := d.Social.Names(d.Headline); d.Social.Discreet && w != "" {
			return fail(fmt.Errorf("the headline %q names %q: an image for %s shows no crime in its largest words (social.avoid in %s); reword the headline", d.Headline, w, d.Meta.AudienceName, d.Meta.Lang))
		}
		kits[i] = newKit(ts, d, Standard)
	}
	matched(kits...)
	shareKeep(kits...)
	signs := s.signs
	if len(docs) == 2 {
		signs = 2
	}
	page, ok := socialFit(kits, docs, s, signs)
	for _, k := range kits {
		if k.err != nil {
			return fail(k.err)
		}
	}
	if !ok {
		hint := fitHint(first)
		if len(docs) == 2 {
			hint += fmt.Sprintf("; or make one per language (-l %s,%s)", first.Meta.Lang, docs[1].Meta.Lang)
		}
		return fail(fmt.Errorf("the text does not fit, even at %.0f%% of its size%s", socialScales[len(socialScales)-1]*100, hint))
	}
	m := first.Meta
	if len(docs) == 2 {
		m.Title = first.Headline + " / " + docs[1].Headline
	}
	return &Document{Meta: m, Pages: []Page{{Width: s.w, Height: s.h, Elements: page.elements()}}}, nil
}

// socialFit sets the image the first way it fits, and reports whether
// one did: at each of socialScales, largest first, with as many signs
// (up to signs, two at least) as fit, the words' column 55% of the
// width beside the panel. Where none fits, a wide image tries the
// scales again with the column between the words and the panel moved
// (socialSplits), at each scale to where the two columns are nearest
// one height (the share leaving the most room): two languages beside a
// very wide logo and the longest name (Chinese and Urdu, Arabic,
// Persian, Ukrainian or Vietnamese) set each language's help and
// emergency lines in a panel far taller than their two signs.
func socialFit(kits []*kit, docs []*doc.Document, s socialSpec, signs int) (box, bool) {
	tries := [][]float64{socialSplits[:1]}
	if s.twoColumns {
		tries = append(tries, socialSplits[1:])
	}
	for _, splits := range tries {
		for _, scale := range socialScales {
			for n := signs; n >= 2; n-- {
				var best box
				most := math.Inf(-1)
				for _, split := range splits {
					b, free := socialPage(kits, docs, s, scale, n, split)
					if slices.ContainsFunc(kits, func(k *kit) bool { return k.err != nil }) {
						return box{}, false
					}
					if free > most+0.5 {
						best, most = b, free
					}
				}
				if most >= 0 {
					return best, true
				}
			}
		}
	}
	return box{}, false
}

// socialSplits are the shares of a wide image's two columns' width
// that its words' column is given, the specified first, then the
// others nearest halves: between 40% and 60%, as the two-language
// flyer's columns move (pair.balancedShare).
var socialSplits = []float64{0.55, 0.5, 0.45, 0.6, 0.4}

// socialPage builds the image at one scale with n signs per language,
// the words' column split of the width beside the panel on a wide
// image, and says how much room is left: the image, when none is
// short.
func socialPage(kits []*kit, docs []*doc.Document, s socialSpec, scale float64, n int, split float64) (box, float64) {
	first, k0 := docs[0], kits[0]
	w := s.w - 2*s.margin
	colW := w
	if s.twoColumns {
		colW = (w - s.margin) * split
	}
	panelW := w
	if s.twoColumns {
		panelW = w - colW - s.margin
	}
	// The hotline number is the largest thing on the image: the headline
	// is never set larger.
	number := numberStyle(k0, first, s, panelW, scale)
	band := socialBand(kits, docs, s, scale, number.Size)

	signSt := textStyle{Style: typeset.Style{Size: s.sign * scale, Leading: 1.25}, Color: ink}
	accent := number.Color
	var words []box
	for i, d := range docs {
		items := d.Signs.Items[:min(n, len(d.Signs.Items))]
		words = append(words, kits[i].list(items, "•", accent, colW, 12*scale, signSt))
	}
	signBox := vstack(colW, 24*scale, words...)

	panel := socialPanel(kits, docs, s, panelW, scale, number)

	var body box
	if s.twoColumns {
		body = box{W: w}
		x0, x1 := 0.0, colW+s.margin
		if k0.rtl {
			x0, x1 = w-colW, 0
		}
		body.place(signBox, x0, 0)
		body.place(panel, x1, 0)
		body.H = max(signBox.H, panel.H)
	} else {
		body = vstack(w, 40*scale, signBox, panel)
	}

	// Each draft language's notice in its own words and in English, the
	// English once, reading left to right on every image (on a
	// right-to-left one its full stop came first: ".Draft translation:
	// not yet checked by a fluent speaker").
	var notes []box
	seen := map[string]bool{}
	for i, d := range docs {
		for _, draft := range d.Footer.DraftLines() {
			if !seen[draft] {
				seen[draft] = true
				set := kits[i].text
				if draft == d.Footer.DraftEnglish {
					set = kits[i].ltrText
				}
				notes = append(notes, set(draft, w, textStyle{Style: typeset.Style{Size: s.small * scale, Bold: true, Leading: 1.2}, Color: muted}))
			}
		}
	}
	footer := vstack(w, 4, notes...)

	free := s.h - band.H - body.H - footer.H - 2*s.margin
	if free < 0 {
		return box{}, free
	}
	out := box{W: s.w, H: s.h}
	// Brand colour under the band, white under the rest.
	out.place(band, 0, 0)
	gap := min(free/2, 90*scale)
	out.place(body, s.margin, band.H+s.margin+(free-gap)/2)
	out.place(footer, s.margin, s.h-s.margin-footer.H)
	return out, free
}

// socialLogoSpec is the logo's room in a social image's band at scale.
func socialLogoSpec(s socialSpec, scale float64) headerSpec {
	return headerSpec{logoArea: s.logoW * s.logoH * 0.5 * scale * scale, logoMaxW: s.logoW * scale, logoMaxH: s.logoH * scale}
}

// socialBand is the top of the image in the brand colour: the
// organisation's name and each language's headline, the logo on the side
// opposite the reading start.
func socialBand(kits []*kit, docs []*doc.Document, s socialSpec, scale, largest float64) box {
	first, k0 := docs[0], kits[0]
	band := first.Brand.Color
	fg := onColor(band)
	pad := s.margin * 0.8
	textW := s.w - 2*s.margin
	var logo, strip box
	if first.Brand.Logo != nil {
		lp := placeLogo(first.Brand.Logo, socialLogoSpec(s, scale), textW)
		if lp.strip {
			// A very wide logo takes a row of its own over the text,
			// which keeps the band's whole width.
			strip = k0.row(textW, 0, k0.logo(first, lp.w, lp.h))
		} else {
			logo = k0.logo(first, lp.w, lp.h)
			textW -= logo.W + s.margin/2
		}
	}
	var parts []box
	if strip.W > 0 {
		parts = append(parts, strip)
	}
	if first.Brand.OrgName != "" {
		// In capitals when that takes one line; a long name keeps its
		// case, which is narrower.
		st := textStyle{Style: typeset.Style{Size: s.org * scale, Bold: true}, Color: fg}
		name := strings.ToUpper(first.Brand.OrgName)
		if k0.width(name, st) > textW {
			name = first.Brand.OrgName
		}
		parts = append(parts, inBlock(k0.text(k0.own(name), textW, st), doc.PartOrg))
	}
	for i, d := range docs {
		var hl box
		for _, sz := range s.headlines {
			sz = min(sz*scale, largest*0.9)
			if len(docs) == 2 {
				sz *= 0.8
			}
			st := textStyle{Style: typeset.Style{Size: sz, Bold: true, Leading: 1.1}, Color: fg}
			hl = kits[i].text(kits[i].bySentence(d.Headline, textW, st), textW, st)
			if hl.H <= sz*1.1*3+0.1 {
				break
			}
		}
		parts = append(parts, hl)
	}
	content := vstack(textW, 12*scale, parts...)
	h := max(content.H, logo.H) + 2*pad
	out := box{W: s.w, H: h, els: []Element{{Rect: &Rect{W: s.w, H: h, Fill: band}}}}
	textX := s.margin
	if logo.W > 0 {
		logoX := s.w - s.margin - logo.W
		if k0.rtl {
			logoX, textX = s.margin, s.margin+logo.W+s.margin/2
		}
		out.place(logo, logoX, (h-logo.H)/2)
	}
	out.place(content, textX, (h-content.H)/2)
	out.H = h
	return out
}

// numberStyle is the hotline number's style in a panel w wide: as large
// as the format wants, or as fits on one line.
func numberStyle(k *kit, d *doc.Document, s socialSpec, w, scale float64) textStyle {
	inner := w - 2*panelPad(scale)
	st := textStyle{Style: typeset.Style{Size: s.number * scale, Bold: true, Leading: 1.1}, Color: readable(d.Brand.Color)}
	if width := k.width(d.Help.Hotline.Phone, st); width > inner {
		st.Size *= inner / width * 0.99
	}
	return st
}

func panelPad(scale float64) float64 { return 32 * scale }

// socialPanel frames the hotline: what the call gives in each language,
// the number once and large (never broken), the hotline's name where the
// audience is not discreet, and the emergency line in each language.
func socialPanel(kits []*kit, docs []*doc.Document, s socialSpec, w, scale float64, number textStyle) box {
	first, k0 := docs[0], kits[0]
	pad := panelPad(scale)
	inner := w - 2*pad
	helpSt := textStyle{Style: typeset.Style{Size: s.help * scale, Leading: 1.2}, Color: ink}
	var parts []box
	for i, d := range docs {
		parts = append(parts, kits[i].text(d.Social.Help, inner, helpSt))
	}
	parts = append(parts, k0.number(first.Help.Hotline.Phone, inner, number))
	for i, d := range docs {
		if !d.Social.Discreet {
			parts = append(parts, kits[i].text(d.Help.Hotline.Name, inner, textStyle{Style: typeset.Style{Size: s.small * scale, Bold: true, Leading: 1.2}, Color: ink}))
		}
	}
	for i, d := range docs {
		parts = append(parts, kits[i].text(socialEmergency(d), inner, textStyle{Style: typeset.Style{Size: s.help * scale, Bold: true, Leading: 1.2}, Color: danger}))
	}
	content := vstack(inner, 10*scale, parts...)
	content.W = inner
	return k0.panel(w, content, panelStyle{pad: pad, radius: 24 * scale, stroke: 3 * scale})
}

// socialEmergency is the emergency line of a social image: the full
// line, which names local police where there is no 911, or, for a
// discreet audience, whose largest words name no police, the safety
// card's short one ("In danger now? Call 911.").
func socialEmergency(d *doc.Document) string {
	if d.Social.Discreet && d.Safety.Danger != "" {
		return d.Safety.Danger
	}
	return d.Help.Emergency
}

// socialScales are the sizes an image tries, as parts of its specified
// sizes, largest first.
var socialScales = []float64{1, 0.94, 0.88, 0.82, 0.76, 0.7, 0.64, 0.58}
