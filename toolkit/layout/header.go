package layout

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// headerSpec sizes a header band.
type headerSpec struct {
	org       float64   // organisation name size
	headlines []float64 // headline sizes tried, largest first, to fit three lines
	pad       float64   // space above and below the text
	logoArea  float64   // the logo's area, in square points
	logoMaxW  float64   // the widest a logo may be in the band
	logoMaxH  float64   // the tallest
	tallMaxH  float64   // the tallest a logo taller than wide may stand in the band to be 10 mm wide: the page's full band's logoMaxH, which its compact band shares; 0 is logoMaxH
	stripMaxH float64   // the tallest a logo taller than wide stands in the strip; 0: no strip, it stays in the band
	gap       float64   // between the logo and the text
	orgGap    float64   // between the organisation's name and the headline
	leading   float64   // of the headline
	lines     int       // the most lines the headline takes at a size before a smaller one is tried; 0 is 3
}

// minLogoHeight is the least a logo's smaller side prints at, in the
// band and in the strip: 10 mm tall (10 mm wide for a logo taller than
// wide). Under it, a logo's words cannot be read.
const minLogoHeight = 10 * PointsPerMM

// logoPlace is where a logo goes and how large.
type logoPlace struct {
	w, h  float64
	strip bool // in the strip at the page's foot: too wide, or too tall, for the band
}

// bandOnly is hs with no strip for a logo taller than wide: it stays in
// the band, as tall as the page's full band (tallMaxH).
func bandOnly(hs headerSpec) headerSpec {
	hs.stripMaxH = 0
	return hs
}

// branding is one way to put a page's organisation on it: its header
// bands, roomiest first, and its footer.
type branding struct {
	headers []box
	footer  box
}

// brandings are a page's brandings: band, with the logo where placeLogo
// puts it but a very tall one in the band (bandOnly), and strip, with a
// very tall logo standing in the strip at the page's foot; strip is nil
// when the logo does not stand in the strip. header makes a band for a
// spec, footer the footer; specs are the page's bands, full first.
func (k *kit) brandings(d *doc.Document, header func(headerSpec) box, footer func(headerSpec) box, specs ...headerSpec) (band branding, strip *branding) {
	for _, hs := range specs {
		band.headers = append(band.headers, header(bandOnly(hs)))
	}
	band.footer = footer(bandOnly(specs[0]))
	if d.Brand.Logo == nil || !placeLogo(d.Brand.Logo, specs[0], 0).tall() {
		return band, nil
	}
	strip = &branding{footer: footer(specs[0])}
	for _, hs := range specs {
		strip.headers = append(strip.headers, header(hs))
	}
	return band, strip
}

// stripCost is the most a very tall logo standing in the strip may
// shrink the body: three of scalesDown's steps (12.5 pt to 11.1, the
// tear-off's whole room for it), never below the format's least.
const stripCost = 0.88

// fitBranded is fitPage over the tries that tries makes for the page's
// band branding; then, when a very tall logo could stand in the strip
// at the page's foot (strip), over strip's tries with the body at least
// stripCost of the size that fit, and that page when one fits: the logo
// reads better standing in the strip (10 mm wide) than in the band,
// and a page's body grows to fill it, so the strip's room is the body's;
// it may take a little, never below the format's least.
func fitBranded(k *kit, band branding, strip *branding, tries func(branding) []try, build func(try) []box) (box, try, branding, error) {
	page, t, err := fitPage(k, tries(band), build)
	if err != nil || strip == nil {
		return page, t, band, err
	}
	var same []try
	for _, s := range tries(*strip) {
		if s.scale >= t.scale*stripCost-1e-9 {
			same = append(same, s)
		}
	}
	if p, st, err := fitPage(k, same, build); err == nil {
		return p, st, *strip, nil
	}
	if k.err != nil {
		return box{}, t, band, k.err
	}
	return page, t, band, nil
}

// tall reports whether a logo in the strip stands upright at the strip's
// end (taller than wide) rather than lying along it.
func (lp logoPlace) tall() bool { return lp.strip && lp.h > lp.w }

// placeLogo sizes a logo by its area, the same for every shape: a square
// logo and a wide one look equally important, within the band's largest
// box (hs.logoMaxW × hs.logoMaxH), and never with its smaller side under
// 10 mm. A logo too wide to be 10 mm tall in the band goes to the strip
// at the page's foot (footer): there it has the area it would have had,
// at least 10 mm tall, at most maxStripW wide. A logo too tall to be
// 10 mm wide in the page's band (hs.tallMaxH) goes to the strip too,
// standing at its end beside the footer's words: a stacked logo (its
// symbol over its name) reads by its width, and the foot of the page
// can give it the height a band cannot without pushing the headline
// down; there it is 10 mm wide, at most hs.stripMaxH tall (a designer's
// corner signature, not a column); a logo too thin to be 10 mm wide
// even there stays in the band. Whether a logo is in the strip
// depends on its shape and hs.logoMaxW, tallMaxH and stripMaxH alone, so a
// page's bands (compact or not) share them with the footer's spec: the
// footer and the band then agree, and no logo falls between them.
// LogoWarnings says when a place is too small to read.
func placeLogo(img *doc.Image, hs headerSpec, maxStripW float64) logoPlace {
	r := float64(max(img.Width, 1)) / float64(max(img.Height, 1))
	areaW, areaH := math.Sqrt(hs.logoArea*r), math.Sqrt(hs.logoArea/r)
	w, h := areaW, areaH
	if w > hs.logoMaxW {
		w, h = hs.logoMaxW, hs.logoMaxW/r
	}
	if h > hs.logoMaxH {
		w, h = hs.logoMaxH*r, hs.logoMaxH
	}
	tallMax := hs.tallMaxH
	if tallMax == 0 {
		tallMax = hs.logoMaxH
	}
	switch {
	case r >= 1 && h >= minLogoHeight-0.01, r < 1 && w >= minLogoHeight-0.01:
		return logoPlace{w: w, h: h}
	case r >= 1 && minLogoHeight*r <= hs.logoMaxW+0.01:
		// Capped by the band's width under 10 mm: 10 mm, a little wider.
		return logoPlace{w: minLogoHeight * r, h: minLogoHeight}
	case r < 1 && minLogoHeight/r <= tallMax+0.01:
		// Capped by the band's height under 10 mm wide: 10 mm wide, a
		// little taller (a compact band as tall as the full one).
		return logoPlace{w: minLogoHeight, h: minLogoHeight / r}
	case r < 1 && minLogoHeight/r > hs.stripMaxH+0.01:
		// Too thin to read even standing in the strip (or no strip:
		// bandOnly): the strip's room would be spent for nothing, so
		// it stays in the band, as tall as this one allows, and
		// LogoWarnings says so.
		return logoPlace{w: w, h: h}
	case r < 1:
		return logoPlace{w: minLogoHeight, h: minLogoHeight / r, strip: true}
	}
	h = max(areaH, minLogoHeight)
	w = h * r
	if w > maxStripW {
		w, h = maxStripW, maxStripW/r
	}
	return logoPlace{w: w, h: h, strip: true}
}

// footerLogoShare is the least share of the footer's width the strip
// gives a logo: the rest is the footer's words.
const footerLogoShare = 0.45

// minLogoPPI is the least resolution a logo prints at without looking
// blurred or blocky: pixels per inch at its printed size.
const minLogoPPI = 100

// LogoWarnings says what is wrong with logo file name (img, as profile
// read it) on the tightest pages a logo prints on: a handout or a large-
// print page on A4 (the narrowest strip at a page's foot: A4's width in
// the widest margins, a footer with two lines of words beside the
// strip) and a flyer's band, whose sizes every other page's band and
// strip are at least. It is too small to read when its smaller side
// prints under 10 mm: a very wide logo lying in the strip, a very tall
// one in the band (where it stands in the strip only when the page has
// the room: fitBranded), or has too few pixels for its printed size;
// each warning names the fix. None when it prints well. formats are the
// formats being made that print the logo, which the warnings name (the
// sizes are the least any page prints it at); none names the pages the
// sizes are measured on.
func LogoWarnings(name string, img *doc.Image, formats ...string) []string {
	if img == nil || img.Width <= 0 || img.Height <= 0 {
		return nil
	}
	handout, flyer := "on a handout", "on a flyer"
	if len(formats) > 0 {
		handout = "on the " + andList(formats)
		flyer = handout
	}
	stripW := (Papers["a4"].Width - 2*max(handoutMargin, clearMargin)) * footerLogoShare
	lp := placeLogo(img, bandOnly(flyerHeaderSpec), stripW)
	var out []string
	w, h := float64(img.Width), float64(img.Height)
	mm := func(pt float64) string { return fmt.Sprintf("%.1f mm", pt/PointsPerMM) }
	times := func(f float64) string { return strconv.FormatFloat(math.Floor(f*10)/10, 'f', -1, 64) }
	switch {
	case lp.strip && !lp.tall() && lp.h < minLogoHeight-0.01:
		out = append(out, fmt.Sprintf("logo %s is %s times wider than tall: %s it prints in the strip at the page's foot as little as %s tall, too small to read (less than 10 mm); use a logo at most %s times wider than tall, such as a version with its words on two lines",
			name, times(w/h), handout, mm(lp.h), times(stripW/minLogoHeight)))
	case lp.w < minLogoHeight-0.01:
		out = append(out, fmt.Sprintf("logo %s is %s times taller than wide: %s, where a page has no room to spare at its foot, it prints in the header band only %s wide, too small to read (less than 10 mm); use a logo at most %s times taller than wide, such as a version with its words beside the symbol",
			name, times(h/w), flyer, mm(lp.w), times(flyerHeaderSpec.tallMaxH/minLogoHeight)))
	}
	if ppi := w / (lp.w / 72); ppi < minLogoPPI {
		need := func(pt float64) int { return int(math.Ceil(pt / 72 * minLogoPPI)) }
		out = append(out, fmt.Sprintf("logo %s is only %d × %d pixels: printed %s wide %s it looks blurred or blocky; use one of at least %d × %d pixels",
			name, img.Width, img.Height, mm(lp.w), flyer, need(lp.w), need(lp.h)))
	}
	return out
}

// LogoDPI is the resolution a logo is kept at where it prints largest:
// print shops ask for 300 pixels an inch; minLogoPPI is the least.
const LogoDPI = 300

// LogoPixels is the size a logo of width × height pixels is kept at
// (profile.DecodeLogo scales a larger one down): LogoDPI at the largest
// any page format prints a logo of its shape (placeLogo in every band a
// page has, with a strip as wide as the widest page: a poster on A3),
// and one pixel a unit in a social image, which is drawn so; never more
// than it has. A 3,900-pixel square logo prints at most 120 pt (the
// poster's band) and keeps 500 × 500 pixels; at 2,000 a side it made
// every flyer 10 MB.
func LogoPixels(width, height int) (int, int) {
	if width <= 0 || height <= 0 {
		return width, height
	}
	img := &doc.Image{Width: width, Height: height}
	widest := 0.0
	for _, p := range Papers {
		widest = max(widest, p.Width)
	}
	for _, p := range posterPapers {
		widest = max(widest, p.Width)
	}
	need := 0.0 // pixels along the width
	for _, hs := range logoSpecs {
		for _, s := range []headerSpec{hs, bandOnly(hs)} {
			need = max(need, placeLogo(img, s, widest).w/72*LogoDPI)
		}
	}
	for _, s := range []socialSpec{socialSquare, socialStory, socialWide} {
		need = max(need, placeLogo(img, socialLogoSpec(s, 1), s.w-2*s.margin).w)
	}
	w := int(math.Ceil(need - 1e-9))
	if w >= width {
		return width, height
	}
	return w, max(1, int(math.Round(float64(height)*float64(w)/float64(width))))
}

// logoSpecs are the bands of every page that prints a logo (LogoPixels):
// a test lays out every format and checks that none prints one larger.
var logoSpecs = []headerSpec{flyerHeaderSpec, compactHeaderSpec, clearHeaderSpec, posterHeaderSpec, compactPosterHeaderSpec, kitLogoSpec, bilingualSpec}

// andList joins names as a sentence does: "flyer", "flyer and poster",
// "flyer, poster and cards".
func andList(names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// logoStrip is a logo too wide for the header band (placeLogo's strip)
// across a strip w wide at the page's foot, at the reading end; an
// empty box when the logo is in the band, stands upright in the strip
// at its end, or there is none.
func (k *kit) logoStrip(d *doc.Document, w float64, hs headerSpec) box {
	if d.Brand.Logo == nil {
		return box{}
	}
	lp := placeLogo(d.Brand.Logo, hs, w)
	if !lp.strip || lp.tall() {
		return box{}
	}
	out := box{W: w, H: lp.h}
	x := w - lp.w
	if k.rtl {
		x = 0
	}
	out.place(k.logo(d, lp.w, lp.h), x, 0)
	out.W, out.H = w, lp.h
	return out
}

// header is the top of a page: a band in the brand colour with the
// organisation's name, the headline at the largest size that fits in
// three lines (broken at the end of a sentence where it can), and the
// logo at the reading end, unless it is too wide for the band (then it
// is at the foot of the page). In the clear styles
// the band is white, its text black, over a thick rule in the brand
// colour: no text sits on colour.
func (k *kit) header(d *doc.Document, pageW, margin float64, hs headerSpec) box {
	fg := k.col.onBand
	if !k.col.onColour {
		fg = k.col.ink
	}
	textW := pageW - 2*margin
	var logo box
	if d.Brand.Logo != nil {
		// A logo too wide or too tall for the band goes to the footer
		// (k.footer).
		if lp := placeLogo(d.Brand.Logo, hs, textW); !lp.strip {
			logo = k.logo(d, lp.w, lp.h)
			textW -= logo.W + hs.gap
		}
	}
	var org box
	if name := d.Brand.OrgName; name != "" {
		// Capitals for a short name; a long one keeps its case, which
		// takes fewer lines.
		if utf8.RuneCountInString(name) <= 40 {
			name = strings.ToUpper(name)
		}
		org = inBlock(k.text(k.own(name), textW, textStyle{Style: typeset.Style{Size: hs.org, Bold: true, Leading: 1.2}, Color: fg}), doc.PartOrg)
	}
	lines := hs.lines
	if lines == 0 {
		lines = 3
	}
	headline := k.headline(d.Headline, textW, hs.headlines, hs.leading, fg, float64(lines))
	content := vstack(textW, hs.orgGap, org, headline)
	h := max(content.H, logo.H) + 2*hs.pad
	out := box{W: pageW, H: h}
	if k.col.onColour {
		out.els = append(out.els, Element{Rect: &Rect{W: pageW, H: h, Fill: k.col.band}})
	} else {
		out.els = append(out.els, Element{Rect: &Rect{Y: h - 6, W: pageW, H: 6, Fill: k.col.band}})
	}
	textX := margin
	if logo.W > 0 {
		logoX := pageW - margin - logo.W
		if k.rtl {
			logoX, textX = margin, margin+logo.W+hs.gap
		}
		out.place(logo, logoX, (h-logo.H)/2)
	}
	out.place(content, textX, (h-content.H)/2)
	out.H = h
	out.W = pageW
	return out
}

// kitLogoSpec is the logo's room in the workshop kit's bands: a logo
// taller than wide has the flyer's room (tallMaxH, stripMaxH), so that
// what LogoWarnings says of the flyer holds for the kit.
var kitLogoSpec = headerSpec{logoArea: 4400, logoMaxW: 150, logoMaxH: 56, tallMaxH: flyerHeaderSpec.tallMaxH, stripMaxH: flyerHeaderSpec.stripMaxH}

// kitLogo is d's logo in a workshop kit's band, which has no strip at
// its page's foot: at the band's end (logo, its width taken from the
// text's), a very tall one standing there as tall as the strip would
// have it (the band grows to hold it), or, too wide for that, in a strip
// of its own across the band under the words (strip, w wide).
func (k *kit) kitLogo(d *doc.Document, w float64) (logo, strip box) {
	if d.Brand.Logo == nil {
		return box{}, box{}
	}
	if lp := placeLogo(d.Brand.Logo, kitLogoSpec, w); !lp.strip || lp.tall() {
		return k.logo(d, lp.w, lp.h), box{}
	}
	return box{}, k.logoStrip(d, w, kitLogoSpec)
}

// logo is the organisation's logo w × h, a figure named by the
// organisation.
func (k *kit) logo(d *doc.Document, w, h float64) box {
	alt := d.Brand.OrgName
	if alt == "" {
		alt = "Logo"
	}
	return box{W: w, H: h, els: []Element{{Tag: &Tag{Role: RoleFigure, Block: doc.PartLogo, Lang: k.lang, Alt: alt}, Image: &Image{W: w, H: h, Image: d.Brand.Logo}}}}
}

// headline sets the headline at the largest of sizes that fits in
// lines, breaking only where a reader accepts (headlineAt); only when no
// size does is the headline let flow as it can.
func (k *kit) headline(s string, w float64, sizes []float64, leading float64, color doc.RGB, lines float64) box {
	for _, size := range sizes {
		if b, ok := k.headlineAt(s, w, size, leading, color, lines); ok {
			return b
		}
	}
	return k.headlineFlow(s, w, sizes, leading, color, lines)
}

// headlineAt sets the headline at size, and reports whether it fits in
// lines breaking only where a reader accepts: a headline of several
// sentences puts each on a line of its own ("Know the signs. / You can
// get help." reads better than "Know the signs. You can / get help."),
// unless it fits on one line, and no tie gives way (a last word alone).
func (k *kit) headlineAt(s string, w, size, leading float64, color doc.RGB, lines float64) (box, bool) {
	st := textStyle{Style: typeset.Style{Size: size, Bold: true, Leading: leading}, Color: color, Role: RoleH1}
	fits := func(b box) bool { return b.H <= size*leading*lines+0.1 && !k.loose }
	if parts := sentences(s); len(parts) > 1 && len(parts) <= 3 {
		if b := inBlock(k.text(strings.Join(parts, "\n"), w, st), doc.PartHeadline); fits(b) {
			return b, true
		}
		b := inBlock(k.text(s, w, st), doc.PartHeadline)
		return b, fits(b) && b.H <= size*leading+0.1
	}
	b := inBlock(k.text(s, w, st), doc.PartHeadline)
	return b, fits(b)
}

// headlineFlow is the headline when no size keeps every sentence whole
// and every tie: a size at which the words flow with their ties kept,
// else as they can, each sentence on its own line where each fits on
// one.
func (k *kit) headlineFlow(s string, w float64, sizes []float64, leading float64, color doc.RGB, lines float64) box {
	for _, size := range sizes {
		st := textStyle{Style: typeset.Style{Size: size, Bold: true, Leading: leading}, Color: color, Role: RoleH1}
		if b := inBlock(k.text(k.bySentence(s, w, st), w, st), doc.PartHeadline); b.H <= size*leading*lines+0.1 && !k.loose {
			return b
		}
	}
	var out box
	for _, size := range sizes {
		st := textStyle{Style: typeset.Style{Size: size, Bold: true, Leading: leading}, Color: color, Role: RoleH1}
		text := s
		if parts := sentences(s); len(parts) > 1 && len(parts) <= 3 {
			fits := true
			for _, p := range parts {
				if k.width(p, st) > w {
					fits = false
					break
				}
			}
			if fits {
				text = strings.Join(parts, "\n")
			}
		}
		out = inBlock(k.text(text, w, st), doc.PartHeadline)
		if out.H <= size*leading*lines+0.1 {
			break
		}
	}
	return out
}

// bySentence is s with each of its two or three sentences on a line of
// its own ("Know the signs. / Keep talking with your child.", not "Know
// the signs. Keep talking with / your child.") when s does not fit on one
// line at st, each sentence does, and that takes no more lines than s
// flowing; otherwise s.
func (k *kit) bySentence(s string, w float64, st textStyle) string {
	parts := sentences(s)
	if len(parts) < 2 || len(parts) > 3 || k.width(s, st) <= w {
		return s
	}
	for _, p := range parts {
		if k.width(p, st) > w {
			return s
		}
	}
	joined := strings.Join(parts, "\n")
	if k.text(joined, w, st).H > k.text(s, w, st).H+0.1 {
		return s
	}
	return joined
}

// sentences splits s after each sentence's end (. ! ? and their CJK,
// Arabic, Urdu, Devanagari/Gurmukhi, Ethiopic and Canadian syllabics
// forms) followed by a space or the end; "" parts are dropped.
func sentences(s string) []string {
	var out []string
	rs := []rune(s)
	start := 0
	for i, r := range rs {
		if !sentenceEnd(r) {
			continue
		}
		cjk := strings.ContainsRune("。！？", r)
		if i+1 < len(rs) && !cjk && !unicode.IsSpace(rs[i+1]) {
			continue
		}
		if p := strings.TrimSpace(string(rs[start : i+1])); p != "" {
			out = append(out, p)
		}
		start = i + 1
	}
	if p := strings.TrimSpace(string(rs[start:])); p != "" {
		out = append(out, p)
	}
	return out
}

// sentenceEnd reports the characters that end a sentence (sentences):
// a switch, not a search of a string of them, for sentences looks at
// every character of every headline the header tries.
func sentenceEnd(r rune) bool {
	switch r {
	case '.', '!', '?', '\u3002', '\uFF01', '\uFF1F', '\u061F', '\u06D4', '\u0964', '\u1362', '\u1367', '\u166E':
		return true
	}
	return false
}

// footer closes a page: the content version and, for a draft
// translation, the draft notice in the page's language and in English;
// and a logo too wide for the header band, at the reading end (wide
// logos' defined place). The organisation's name is in the header and
// with its contacts, not here too.
func (k *kit) footer(d *doc.Document, w float64, hs headerSpec) box {
	draft := textStyle{Style: typeset.Style{Size: minSize, Leading: 1.2}, Color: k.col.muted}
	drafts := d.Footer.DraftLines()
	first := d.Footer.Version
	if len(drafts) > 0 {
		first += "  ·  " + drafts[0]
	}
	// linesAt are the footer's lines set w wide: a line is aligned in
	// the width it is set in (to the right on a right-to-left page), so
	// the lines are set again for a narrower strip beside a logo.
	joined := len(drafts) > 1 && !k.rtl && k.width(first+"  ·  "+drafts[1], draft) <= w*0.6
	linesAt := func(w float64, join bool) []box {
		if join {
			return []box{k.text(first+"  ·  "+drafts[1], w, draft)}
		}
		out := []box{k.text(first, w, draft)}
		if len(drafts) > 1 {
			// The English line reads left to right on every page.
			out = append(out, k.ltrText(drafts[1], w, draft))
		}
		return out
	}
	lines := linesAt(w, joined)
	text := inBlock(vstack(w, 1, lines...), doc.PartFooter)
	out := box{W: w, els: k.rule(w).els}
	row := text
	if d.Brand.Logo != nil {
		// The strip: the logo at the reading end, the words beside it,
		// 10 mm tall and as wide as the words leave (45% of the width
		// at least, when they must be narrower). Its height is the
		// footer's, so it never takes more of the body's room than
		// 10 mm; a logo too wide for it prints less tall, and
		// LogoWarnings says so. A logo too tall for the band stands
		// there 10 mm wide (placeLogo), as tall as it must be to be
		// that wide, up to the strip's height.
		maxW := max(w*footerLogoShare, w-widestAll(lines)-12)
		if lp := placeLogo(d.Brand.Logo, hs, maxW); lp.strip {
			if !lp.tall() && lp.h > minLogoHeight {
				lp.w, lp.h = lp.w*minLogoHeight/lp.h, minLogoHeight
			}
			logo := k.logo(d, lp.w, lp.h)
			textW := w - logo.W - 12
			text = inBlock(vstack(textW, 1, linesAt(textW, joined && widestAll(lines) <= textW)...), doc.PartFooter)
			if lp.tall() {
				// The words at the page's foot, level with the
				// logo's: a running footer's place.
				text = vstack(textW, 0, box{W: textW, H: logo.H - text.H}, text)
			}
			row = k.row(w, 12, text, logo)
			row.W, row.H = w, max(text.H, logo.H)
		}
	}
	out.place(row, 0, 5)
	out.W = w
	return out
}

// widestAll is the widest text line in any of boxes.
func widestAll(boxes []box) float64 {
	w := 0.0
	for _, b := range boxes {
		w = max(w, widest(b))
	}
	return w
}

// ltrText sets English text on a page of any direction: left to right,
// at the page's reading start, tagged as English.
func (k *kit) ltrText(s string, w float64, st textStyle) box {
	e := k.ltr()
	e.lang = "en"
	if k.rtl && st.Align == alignStart {
		st.Align = alignEnd
	}
	b := e.text(s, w, st)
	k.err = e.err
	return b
}
