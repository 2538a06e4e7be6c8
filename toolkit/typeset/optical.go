package typeset

import (
	"strings"

	"github.com/go-text/typesetting/language"
)

// opticalRef says how a script's letters are matched in size with Latin
// letters: lines of the script, each the mean ink top of a group of its
// letters, and the lines of Latin they stand beside. A script's optical
// height is the mean of its lines, measured in the font that draws it;
// Latin's is the mean of the matching Latin lines in the base font.
//
// Which lines match is typographic convention, set here once per script
// (never per language); the heights are measured from the fonts:
//   - Cyrillic's lower case is Latin's: its x-height beside Latin's.
//   - Arabic text is low bodies (ه م س) and tall strokes (ا ل ك), as Latin
//     text is x-height letters and capitals: both lines, beside both.
//   - Gurmukhi and Devanagari hang their letters from a headline that
//     closes each word like a capital's top: the headline beside
//     Latin's cap height.
//   - Han ideographs, Ethiopic and the Canadian syllabics are unicameral
//     and fill their height: their letters' height beside the capitals'.
//
// Scripts not listed (Latin itself) are set at the size asked.
type opticalRef struct {
	own, latin []string
}

const (
	latinX   = "xvz"
	latinCap = "HEI"
)

var opticalRefs = map[language.Script]opticalRef{
	language.Cyrillic:            {own: []string{"хвн"}, latin: []string{latinX}},
	language.Arabic:              {own: []string{"همس", "الك"}, latin: []string{latinX, latinCap}},
	language.Gurmukhi:            {own: []string{"ਕਮਸ"}, latin: []string{latinCap}},
	language.Devanagari:          {own: []string{"कमस"}, latin: []string{latinCap}},
	language.Han:                 {own: []string{"国中人大"}, latin: []string{latinCap}},
	language.Ethiopic:            {own: []string{"ለመሰ"}, latin: []string{latinCap}},
	language.Canadian_Aboriginal: {own: []string{"ᐊᑲᒪ"}, latin: []string{latinCap}},
}

// opticalKey is a script as one language draws it (Urdu's Arabic is in
// another font than Arabic's).
type opticalKey struct {
	script language.Script
	lang   string
}

// Optical is how many times the size asked text must be set for its
// letters to look as large as Latin letters at that size: the ratio of
// Latin's optical height in the base font to that of the text's main
// script (the script most of its letters are in) in the font that draws
// it for lang (see opticalRef). Text mostly in Latin, digits or
// punctuation is 1. A bilingual page sets each language at one size
// times its own Optical, so that both look the same size, and a body
// floor of 11 pt means what 11 pt of Latin looks like in every script.
func (t *Typesetter) Optical(text, lang string) float64 {
	// A layout asks for every text it sets, at every size it tries: the
	// answer is kept with the paragraphs (looking at every letter's
	// script was 8% of a build of flyers).
	key := opticalText{text, lang}
	if v, ok := t.opticalTexts.get(t, key, nil); ok {
		return v
	}
	v := 1.0
	if sc := mainScript(text); hasRef(sc) {
		v = t.ScriptOptical(sc, lang)
	}
	n := len(text) + len(lang) + 48
	t.limitCaches(n)
	t.opticalTexts.put(key, v, n)
	return v
}

// hasRef reports whether script sc is matched in size with Latin.
func hasRef(sc language.Script) bool {
	_, ok := opticalRefs[sc]
	return ok
}

// opticalText is a text in a language, whose Optical is kept.
type opticalText struct{ text, lang string }

// ScriptOptical is Optical for text in script sc.
func (t *Typesetter) ScriptOptical(sc language.Script, lang string) float64 {
	ref, ok := opticalRefs[sc]
	if !ok {
		return 1
	}
	langBase, _, _ := strings.Cut(lang, "-")
	key := opticalKey{sc, langBase}
	if v, ok := t.optical[key]; ok {
		return v
	}
	if t.optical == nil {
		t.optical = map[opticalKey]float64{}
	}
	v := 1.0
	base, err := t.fonts.Base()
	if err == nil {
		own := t.drawnIn(sc, []rune(ref.own[0])[0], lang)
		if o, l := t.opticalHeight(own, ref.own), t.opticalHeight(base.Regular, ref.latin); o > 0 && l > 0 {
			v = l / o
		}
	}
	t.optical[key] = v
	return v
}

// RunOptical is Optical for the text of a run, measured in the font
// that drew it: a run's size divided by it is the size of Latin it
// looks like.
func (t *Typesetter) RunOptical(r Run) float64 {
	sc := mainScript(r.Text)
	ref, ok := opticalRefs[sc]
	if !ok || r.Font == nil {
		return 1
	}
	base, err := t.fonts.Base()
	if err != nil {
		return 1
	}
	if o, l := t.opticalHeight(t.fonts.regularOf(r.Font, sc), ref.own), t.opticalHeight(base.Regular, ref.latin); o > 0 && l > 0 {
		return l / o
	}
	return 1
}

// regularOf is the regular face of the family of f, a face that draws
// script sc: a script's factor is measured in its regular face and holds
// for its bold (Noto Sans Arabic Bold's letters stand lower, and a bold
// heading is not set smaller than the text under it for that). Faces are
// compared by name and file, so that a run set by another Typesetter's
// fonts finds its family here.
func (fs *Fonts) regularOf(f *Font, sc language.Script) *Font {
	same := func(a, b *Font) bool { return a != nil && b != nil && a.Name == b.Name && a.Source == b.Source }
	if !f.Bold {
		return f
	}
	if same(fs.base.Bold, f) {
		return fs.base.Regular
	}
	if fam := fs.forScript(sc); fam != nil && same(fam.Bold, f) {
		return fam.Regular
	}
	return f
}

// drawnIn is the regular font that draws script sc in lang, as check
// and fontFor pick it (Set cannot be asked: shaping asks for Optical in
// the middle of setting a paragraph).
func (t *Typesetter) drawnIn(sc language.Script, letter rune, lang string) *Font {
	base := t.fonts.base.Regular
	langBase, _, _ := strings.Cut(lang, "-")
	user := t.fonts.hasUser(sc)
	_, needed := needs[sc]
	if (needed || user) && (!baseFirst[sc] || !base.Has(letter) || systemFor[langBase] == sc || user) {
		if fam := t.fonts.forScript(sc); fam != nil && fam.Regular.Has(letter) {
			return fam.Regular
		}
	}
	if base.Has(letter) {
		return base
	}
	return nil
}

// opticalHeight is the mean of lines' heights in f, each the mean ink
// top of its letters in ems (their isolated forms, from the cmap); 0 when
// f lacks one.
func (t *Typesetter) opticalHeight(f *Font, lines []string) float64 {
	if f == nil {
		return 0
	}
	face := t.face(f)
	upem := float64(f.UnitsPerEm())
	sum := 0.0
	for _, line := range lines {
		top, n := 0.0, 0
		for _, r := range line {
			gid, ok := f.font.Cmap.Lookup(r)
			if !ok {
				return 0
			}
			ext, ok := face.GlyphExtents(gid)
			if !ok {
				return 0
			}
			top += float64(ext.YBearing) / upem
			n++
		}
		sum += top / float64(n)
	}
	return sum / float64(len(lines))
}

// mainScript is the script most letters of text are in; Common when it
// has no letters.
func mainScript(text string) language.Script {
	type count struct {
		sc language.Script
		n  int
	}
	var counts []count // a text has a few scripts at most
	best, most := language.Common, 0
	for _, r := range text {
		var sc language.Script
		switch {
		case 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z':
			sc = language.Latin // without looking it up: most letters a page sets
		case r < 0x80:
			continue
		default:
			f := factsOf(r)
			if f.flags&factLetter == 0 {
				continue
			}
			sc = f.script
		}
		i := 0
		for i < len(counts) && counts[i].sc != sc {
			i++
		}
		if i == len(counts) {
			counts = append(counts, count{sc, 0})
		}
		counts[i].n++
		if counts[i].n > most {
			best, most = sc, counts[i].n
		}
	}
	return best
}
