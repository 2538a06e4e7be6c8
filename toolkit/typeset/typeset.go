package typeset

import (
	"cmp"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/go-text/typesetting/bidi"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	ubidi "golang.org/x/text/unicode/bidi"
	"golang.org/x/text/unicode/norm"
)

// units is the fixed-point scale the shaper works in: shaping at
// size×units gives advances in hundredths of a point, precise enough for
// print and far from int32 overflow on any paper size.
const units = 100

// Style is how a paragraph looks.
type Style struct {
	Size    float64 // font size in points
	Bold    bool
	Leading float64 // line height as a multiple of Size; 0 means 1.25
}

func (s Style) lineHeight() float64 {
	if s.Leading == 0 {
		return s.Size * 1.25
	}
	return s.Size * s.Leading
}

// Options says how to set one paragraph.
type Options struct {
	Style Style
	// Width is the measure in points; 0 means a single line of any width.
	Width float64
	// Lang is the BCP 47 tag of the text, used for shaping and messages.
	Lang string
	// RTL sets the paragraph's base direction to right-to-left.
	RTL bool
	// split is the Typesetter's SplitEmbedded, part of what a
	// paragraph set is kept under.
	split bool
}

// Paragraph is text broken into lines, ready to draw.
type Paragraph struct {
	Lines  []Line
	Width  float64 // the widest line, in points
	Height float64 // the sum of line heights, in points
	// Loose says the ties gave way (see Tie): something they tie was
	// wider than the line, so a short number may start a line or a last
	// word stand alone. A caller with sizes to choose from tries another.
	Loose bool
}

// Line is one line of a paragraph; runs are in visual order.
type Line struct {
	Runs   []Run
	Width  float64 // advance of the visible text, trailing spaces excluded
	Height float64 // distance to the next line's top
	Ascent float64 // distance from the line's top to its baseline
}

// Run is text in one font, size and direction.
type Run struct {
	Font  *Font
	Size  float64 // points
	X     float64 // offset of the run's left edge from the line's left edge
	Width float64 // advance in points
	RTL   bool
	Start int // byte offset of the run in the paragraph's logical text
	// FakeBold asks the renderer to embolden: the text is bold but its
	// font has no bold face.
	FakeBold bool
	Text     string  // the logical text the glyphs stand for
	Glyphs   []Glyph // visual (left to right) order
}

// Glyph is one shaped glyph. Metrics are in the font's units.
type Glyph struct {
	GID      uint16
	Cluster  int // byte offset in Run.Text of the glyph's cluster
	XAdvance int32
	XOffset  int32
	YOffset  int32
}

// MissingGlyphError reports a character that no available font draws.
type MissingGlyphError struct {
	Lang   string
	Char   rune
	Script string   // the character's script: "Gurmukhi", or its ISO 15924 code
	Fonts  []string // the families tried, each once
	// User is the family the user named for the script under fonts:,
	// which lacks it; "" when they named none.
	User string
	// Damaged is the machine's font for the script that was passed over
	// because a PDF cannot hold it: "FILE, is damaged (why)"; "" when
	// none was.
	Damaged string
	Hint    string // what to install
}

func (e *MissingGlyphError) Error() string {
	lang := e.Lang
	if lang == "" {
		lang = "the text"
	}
	what := fmt.Sprintf("%q (U+%04X)", e.Char, e.Char)
	if e.Script != "" {
		what += ", a " + e.Script + " character,"
	}
	if e.User != "" {
		return fmt.Sprintf("no font can draw %s in %s: %s, the font named for it under fonts:, has no %s; %s",
			what, lang, e.User, cmp.Or(e.Script, "such characters"), e.Hint)
	}
	if e.Damaged != "" {
		return fmt.Sprintf("no font can draw %s in %s: the font for it on this computer, %s and was passed over; put it back: %s",
			what, lang, e.Damaged, e.Hint)
	}
	return fmt.Sprintf("no font can draw %s in %s: tried %s; %s", what, lang, strings.Join(e.Fonts, ", "), e.Hint)
}

// Typesetter sets paragraphs. It keeps shaping buffers and caches, so it
// is not safe for concurrent use: make one per goroutine. Fonts are shared.
type Typesetter struct {
	fonts *Fonts
	extra []*Family // families for the scripts of the paragraph being set
	// fontsKey names extra, for the shaping and wrapping caches.
	fontsKey string
	faces    map[*Font]*font.Face
	shaper   shaping.HarfbuzzShaper
	seg      shaping.Segmenter
	wrapper  shaping.LineWrapper
	fontmap  fontmap
	// The caches, each in two generations (see generations and
	// limitCaches).
	cache    generations[shapeKey, *shaped]
	checked  generations[shapeKey, []*Family] // texts whose characters all have a font, with the families they need
	wraps    generations[wrapKey, []Line]
	prepared generations[preparedKey, string] // texts as given → as set
	// paras are paragraphs as Set returned them: a layout sets the same
	// message at the same size and width in every document of a build,
	// and in every attempt of a page that tries several sizes.
	paras generations[setKey, Paragraph]
	// runs are runs as the shaper returned them (shapeRun), at the
	// offset they had in their text; runKey is shapeRun's scratch.
	runs   generations[runKey, shaping.Output]
	runKey []byte
	// noRuns turns shapeRun's cache off (TestShapeRunAsShape).
	noRuns bool
	// held is about how many bytes the caches' young generation holds
	// (see limitCaches); limit is what they may hold in all (cacheBytes
	// unless SetCacheBytes said otherwise).
	held, limit int
	// optical holds each script's Optical, per language.
	optical map[opticalKey]float64
	// opticalTexts holds each text's Optical, bounded with the caches.
	opticalTexts generations[opticalText, float64]
	// split breaks runs of the other direction where they fall
	// (SplitEmbedded).
	split bool
	// wrapOuts and wrapGlyphs are wrap's copies of a shaped text,
	// reused from paragraph to paragraph.
	wrapOuts   []shaping.Output
	wrapGlyphs []shaping.Glyph
	// runeSeen is check's memory of the characters it has looked at.
	runeSeen runeSeen
}

// maxWrapScratch is the most glyphs a Typesetter keeps room for between
// paragraphs (wrap): a page's longest paragraph has some hundreds.
const maxWrapScratch = 4096

// setKey is what Set's result depends on: the text as given and every
// option. The fonts are the Typesetter's own, the same for every call.
type setKey struct {
	text string
	opts Options
}

// New returns a Typesetter that draws each character in the family for
// its script when there is one, else in the base family.
func New(fonts *Fonts) *Typesetter {
	t := &Typesetter{fonts: fonts, faces: make(map[*Font]*font.Face), cache: newGenerations[shapeKey, *shaped](),
		checked: newGenerations[shapeKey, []*Family](), wraps: newGenerations[wrapKey, []Line](),
		prepared: newGenerations[preparedKey, string](), paras: newGenerations[setKey, Paragraph](),
		runs: newGenerations[runKey, shaping.Output](), opticalTexts: newGenerations[opticalText, float64](), limit: cacheBytes}
	t.fontmap.t = t
	return t
}

func (t *Typesetter) face(f *Font) *font.Face {
	face, ok := t.faces[f]
	if !ok {
		face = font.NewFace(f.font)
		t.faces[f] = face
	}
	return face
}

// fontmap resolves each rune to a face of the chain, for go-text's
// segmenter. bold selects the family member; script is the script of
// the run the segmenter is in (SetScript), which punctuation takes.
type fontmap struct {
	t      *Typesetter
	bold   bool
	script language.Script
	// memo holds the faces found for characters: the segmenter asks for
	// every character of a text, and the answer, a search of one or two
	// fonts' character maps and of Unicode's scripts, is the same each
	// time the character comes in a run of the same script, regular or
	// bold, in a paragraph of the same families (extra, as memoExtra
	// holds them: sync). Entries of another generation are stale.
	memo      [256]faceMemo
	gen       uint32
	memoExtra []*Family
	memoFonts *Fonts
}

// faceMemo is one face found, and what it was found for.
type faceMemo struct {
	r      rune
	gen    uint32
	script language.Script
	bold   bool
	face   *font.Face
}

// sync starts a new generation of the memo when the paragraph's families
// are not those its faces were found with. Call it before each Split.
func (m *fontmap) sync() {
	if m.gen != 0 && m.memoFonts == m.t.fonts && slices.Equal(m.memoExtra, m.t.extra) {
		return
	}
	m.memoExtra = append(m.memoExtra[:0], m.t.extra...)
	m.memoFonts = m.t.fonts
	m.gen++
	if m.gen == 0 { // after 4 billion generations: none may match by chance
		m.memo = [256]faceMemo{}
		m.gen = 1
	}
}

func (m *fontmap) ResolveFace(r rune) *font.Face {
	e := &m.memo[(uint32(r)^uint32(r)>>8)&255]
	if e.gen == m.gen && e.r == r && e.script == m.script && e.bold == m.bold && m.gen != 0 {
		return e.face
	}
	face := m.resolveFace(r)
	*e = faceMemo{r: r, gen: m.gen, script: m.script, bold: m.bold, face: face}
	return face
}

// resolveFace is ResolveFace without the memo.
func (m *fontmap) resolveFace(r rune) *font.Face {
	if f := m.t.commonFont(r, m.bold, m.script); f != nil {
		return m.t.face(f)
	}
	if f := m.t.fontFor(r, m.bold); f != nil {
		return m.t.face(f)
	}
	return m.t.face(m.t.fonts.base.Pick(m.bold))
}

// SetScript is told the script of the run whose runes ResolveFace is
// asked for next (shaping.FontmapScript): a run of Urdu is Arabic, its
// commas and colons included.
func (m *fontmap) SetScript(sc language.Script) { m.script = sc }

// commonFont picks the font for a character of no script of its own
// (Common: punctuation) that the paragraph draws in the family of a
// script: a character whose Script_Extensions name the script (the
// Arabic comma ، U+060C is Arabic, Syriac, Thaana…; scriptExtensions),
// or punctuation inside a run of a right-to-left script (around): the
// colon after an Urdu word. Without it, the
// base family came first for every Common character it has: Urdu,
// set in Noto Sans Arabic, had its ، ؟ : in DejaVu Sans, another
// design, with a wider space after the comma. nil leaves it to fontFor.
func (t *Typesetter) commonFont(r rune, bold bool, around language.Script) *Font {
	if len(t.extra) == 0 || r < 0x80 && !unicode.IsPunct(r) {
		return nil // letters and digits of ASCII, spaces: fontFor
	}
	if scriptOf(r) != language.Common {
		return nil
	}
	for _, sc := range scriptExtensions(r) {
		if f := t.extraFont(sc, r, bold); f != nil {
			return f
		}
	}
	if rightToLeft[around] && unicode.IsPunct(r) {
		return t.extraFont(around, r, bold)
	}
	return nil
}

// rightToLeft are the scripts written right to left that punctuation
// in their runs takes (commonFont). In right-to-left text every number
// is a run of its own (isolateNumbers), so a run of the script holds
// no digit whose hyphens or periods would then be drawn in another
// font than the digits; in left-to-right text it may: in Punjabi,
// "ਕਾਲ ਕਰੋ 1-833-900-1010" is one Gurmukhi run, and its hyphens in
// Noto Sans Gurmukhi would not match its digits in DejaVu Sans.
var rightToLeft = map[language.Script]bool{
	language.Arabic: true, language.Hebrew: true, language.Syriac: true, language.Thaana: true,
	language.Nko: true, language.Adlam: true, language.Hanifi_Rohingya: true,
}

// extraFont is the font of the family the paragraph draws sc in, when
// it is one of the paragraph's families besides the base (t.extra) and
// has r.
func (t *Typesetter) extraFont(sc language.Script, r rune, bold bool) *Font {
	fam := t.fonts.forScript(sc)
	if fam == nil || !slices.Contains(t.extra, fam) {
		return nil
	}
	if f := fam.Pick(bold); f.Has(r) {
		return f
	}
	return nil
}

// fontFor picks the font for r: its script's family first (Gurmukhi in
// Noto Sans Gurmukhi), then the base family (digits, Latin, spaces), then
// any other family the paragraph uses (CJK punctuation in a Han font).
func (t *Typesetter) fontFor(r rune, bold bool) *Font {
	for _, fam := range t.extra {
		if f := fam.Pick(bold); f.Has(r) && scriptOf(r) != language.Common {
			return f
		}
	}
	if f := t.fonts.base.Pick(bold); f.Has(r) {
		return f
	}
	for _, fam := range t.extra {
		if f := fam.Pick(bold); f.Has(r) {
			return f
		}
	}
	return nil
}

// Set breaks text into lines no wider than opts.Width. A newline in text
// starts a new line. It fails, before shaping anything, when a character
// has no glyph in any font of the chain. The paragraph may be one Set
// returned before for the same text and options: its lines are shared,
// and must not be changed.
func (t *Typesetter) Set(text string, opts Options) (Paragraph, error) {
	opts.split = t.split
	pkey := setKey{text, opts}
	if p, ok := t.paras.get(t, pkey, nil); ok {
		return p, nil
	}
	p, err := t.set(text, opts)
	if err != nil {
		return p, err
	}
	// The paragraph's glyphs are counted with the lines wrap kept in
	// the same generation; once it moves to another without them, it
	// holds them alone.
	t.limitCaches(len(text) + paraBytes(p, false))
	t.paras.put(pkey, p, len(text)+paraBytes(p, true))
	return p, nil
}

func (t *Typesetter) set(text string, opts Options) (Paragraph, error) {
	if !(opts.Style.Size > 0) || math.IsInf(opts.Style.Size, 0) {
		return Paragraph{}, fmt.Errorf("typeset: font size %v is not a positive number", opts.Style.Size)
	}
	if math.IsNaN(opts.Width) || math.IsInf(opts.Width, 0) || math.IsNaN(opts.Style.Leading) || math.IsInf(opts.Style.Leading, 0) {
		return Paragraph{}, fmt.Errorf("typeset: width %v or leading %v is not a number", opts.Width, opts.Style.Leading)
	}
	// Everything below reads t.fonts.base.
	if _, err := t.fonts.Base(); err != nil {
		return Paragraph{}, err
	}
	text, err := t.prepare(text, opts.RTL)
	if err != nil {
		return Paragraph{}, err
	}
	key := shapeKey{text: text, lang: opts.Lang, bold: opts.Style.Bold, rtl: opts.RTL}
	// The families a text needs are found once and kept with it: shaping
	// after a cache miss must use this text's fonts, not those of the
	// paragraph set before.
	if extra, ok := t.checked.get(t, key, nil); ok {
		t.extra = append(t.extra[:0], extra...)
	} else {
		if err := t.check(text, opts); err != nil {
			return Paragraph{}, err
		}
		n := len(text) + 8*len(t.extra) + 64
		t.limitCaches(n)
		t.checked.put(key, slices.Clone(t.extra), n)
	}
	var sig strings.Builder
	for _, fam := range t.extra {
		sig.WriteString(fam.Regular.Source)
		sig.WriteByte(0)
	}
	t.fontsKey = sig.String()
	var p Paragraph
	for _, part := range strings.Split(text, "\n") {
		if err := t.setLines(&p, part, opts); err != nil {
			return Paragraph{}, err
		}
	}
	return p, nil
}

// lineBreaks are the characters that end a line, as a newline does:
// CR LF and CR, vertical tab, form feed, NEXT LINE and the Unicode line
// and paragraph separators. Each becomes "\n" before shaping, so that a
// separator never reaches the line breaker, which cannot place it.
var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\v", "\n", "\f", "\n", "\u0085", "\n", "\u2028", "\n", "\u2029", "\n")

// clean makes any string safe to shape: bytes that are not UTF-8 (a
// lone surrogate written as WTF-8 among them) become U+FFFD, every line
// break becomes "\n", and a tab a space. Other control characters have
// no glyph and no place on a page: they are an error, not a panic or an
// empty box. User values are checked before they get here (package
// profile); this is the typesetter keeping its own promise never to fail
// on a string.
// prepare returns text cleaned, NFC-normalised and, in right-to-left text,
// with its numbers isolated; from the cache when it can, for normalising
// Gurmukhi or Arabic is not cheap and a build sets the same texts again
// and again.
func (t *Typesetter) prepare(text string, rtl bool) (string, error) {
	key := preparedKey{text, rtl}
	if p, ok := t.prepared.get(t, key, nil); ok {
		return p, nil
	}
	p, err := clean(text)
	if err != nil {
		return "", err
	}
	p = norm.NFC.String(p)
	if strings.ContainsAny(p, "\u202D\u202E") {
		p = overridesAsEmbeddings.Replace(p)
	}
	if rtl {
		p = isolateNumbers(p)
	}
	n := len(text) + len(p) + 48
	t.limitCaches(n)
	t.prepared.put(key, p, n)
	return p, nil
}

// overridesAsEmbeddings makes each directional override in a text to
// set an embedding of its direction: RIGHT-TO-LEFT OVERRIDE drew the
// digits after it backwards ("\u202E1-833-900-1010" as 0101-009-338-1
// on a left-to-right line), and LEFT-TO-RIGHT OVERRIDE draws Arabic
// letters in the wrong order; an embedding only sets the level, and
// every character keeps its own direction. The overrides isolateNumbers
// adds come after this. User values are refused with a direction
// control before they get here (package profile); this is the
// typesetter's own promise never to print a number backwards.
var overridesAsEmbeddings = strings.NewReplacer("\u202E", "\u202B", "\u202D", "\u202A")

// preparedKey is a text as given to Set, and its direction.
type preparedKey struct {
	text string
	rtl  bool
}

func clean(text string) (string, error) {
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	if !strings.ContainsFunc(text, func(r rune) bool { return unicode.IsControl(r) || r == 0x2028 || r == 0x2029 }) {
		return text, nil
	}
	text = strings.ReplaceAll(lineBreaks.Replace(text), "\t", " ")
	if i := strings.IndexFunc(text, func(r rune) bool { return r != '\n' && unicode.IsControl(r) }); i >= 0 {
		r, _ := utf8.DecodeRuneInString(text[i:])
		return "", &ControlError{Char: r}
	}
	return text, nil
}

// ControlError reports a control character (U+0000–U+001F, U+007F–U+009F)
// other than a line break or tab in text to set.
type ControlError struct{ Char rune }

func (e *ControlError) Error() string {
	return fmt.Sprintf("typeset: control character U+%04X cannot be printed; remove it from the text", e.Char)
}

// Measure returns the width of text set on one line.
func (t *Typesetter) Measure(text string, opts Options) (float64, error) {
	opts.Width = 0
	p, err := t.Set(text, opts)
	return p.Width, err
}

// check finds the families the text's scripts need and fails on the
// first character that no font draws.
func (t *Typesetter) check(text string, opts Options) error {
	t.extra = t.extra[:0]
	base := t.fonts.base.Pick(opts.Style.Bold)
	langBase, _, _ := strings.Cut(opts.Lang, "-")
	var seen []language.Script
	// A character is looked at once in each pass: what it needs does not
	// change from one time it comes to the next, and the families found
	// only grow (a Gurmukhi text is some 30 letters, each many times).
	t.runeSeen.next()
	for _, r := range text {
		if t.runeSeen.seen(r) {
			continue
		}
		sc := scriptOf(r)
		if r == '\n' || invisible(r) || sc == language.Common && base.Has(r) {
			continue
		}
		if slices.Contains(seen, sc) {
			continue
		}
		userFont := t.fonts.hasUser(sc)
		if _, ok := needs[sc]; !ok && !userFont {
			continue
		}
		if baseFirst[sc] && base.Has(r) && systemFor[langBase] != sc && !userFont {
			continue // drawn by the embedded font unless a later character needs more
		}
		seen = append(seen, sc)
		if fam := t.fonts.forScript(sc); fam != nil {
			t.extra = append(t.extra, fam)
		}
	}
	t.runeSeen.next()
	for _, r := range text {
		if t.runeSeen.seen(r) || r == '\n' || invisible(r) || t.fontFor(r, opts.Style.Bold) != nil {
			continue
		}
		// Families by their regular face's name, each once: the base
		// family named again for a script ("DejaVu Sans, DejaVu Sans")
		// says nothing.
		names := []string{family(t.fonts.base)}
		for _, fam := range t.extra {
			if n := family(*fam); !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
		sc := scriptOf(r)
		e := &MissingGlyphError{Lang: opts.Lang, Char: r, Script: scriptName(sc), Fonts: names, Hint: installHint(sc), Damaged: t.fonts.damagedFor(sc)}
		if sc == language.Common || sc == language.Inherited {
			// A symbol (★, ✓, an arrow) belongs to no script: its fix
			// is most often to take it out of the name or words it
			// was typed into.
			e.Script, e.Hint = "symbol", "take it out of the text it is in (a name, a contact, your own words), or "+e.Hint
		}
		if t.fonts.hasUser(sc) {
			if fam := t.fonts.forScript(sc); fam != nil {
				e.User = family(*fam)
			}
		}
		return e
	}
	return nil
}

// refSize is the size text is shaped at. Without hinting, shaped
// advances scale linearly with size, so a paragraph is shaped once and
// wrapped at any size by scaling the width instead: a layout that tries
// several sizes, or a build that sets the same messages in a hundred
// documents, shapes each text once.
const refSize = 10.0

// cacheBytes bounds what a Typesetter's caches hold, by an estimate of
// their bytes: a build of documents each for another organisation adds
// texts that no other document sets, and a bound by the number of
// entries let two workers hold 80 MB. The caches hold every message of a
// few audiences in a few languages at a few sizes well within it. At 6
// MB, the two workers' caches were a third of what a build of 1,000
// flyers held at its peak; at 3 MB a build of 200 takes 1.5% more
// instructions, and 1,000 peak at 79 MB instead of 97. At 2 MB, 1,000
// flyers each for its own organisation (bench/run) hold some 1.5 MB less
// live, with as many collections (22-23 against 23-24) and the same CPU
// (median of 5 interleaved rounds 2.84 s against 2.91 s). The caches
// hold it in two generations of half as much each (generations).
const cacheBytes = 2 << 20

// paraBytes estimates the bytes a Paragraph holds: its lines and runs,
// and their glyphs when it holds them (they are shared with the wrapping
// cache's lines).
func paraBytes(p Paragraph, glyphs bool) int {
	n := 48
	for _, l := range p.Lines {
		n += lineBytes(l, glyphs)
	}
	return n
}

// lineBytes estimates a line's bytes, its glyphs counted when it holds
// them.
func lineBytes(l Line, glyphs bool) int {
	n := int(unsafe.Sizeof(l)) + int(unsafe.Sizeof(Run{}))*len(l.Runs)
	if glyphs {
		for _, r := range l.Runs {
			n += int(unsafe.Sizeof(Glyph{})) * len(r.Glyphs)
		}
	}
	return n
}

type shapeKey struct {
	text, lang string
	bold, rtl  bool
	// fonts names the families the paragraph draws with besides the base:
	// the same line shapes differently in a paragraph that needs Noto
	// Sans Arabic than in one that does not.
	fonts string
}

// shaped is one paragraph part shaped at refSize.
type shaped struct {
	runes  []rune
	byteAt []int // byte offset of each rune, and the length at the end
	outs   []shaping.Output
	// levels are the bidi runs' embedding levels: levelAt[i] from rune
	// ends[i-1] (0 for the first) to ends[i].
	levels []bidi.Level
	ends   []int
}

// splitLevels splits the shaper's inputs where the embedding level
// changes, so that each output has one level for visualOrder: go-text
// splits only where the direction changes. A formatting character
// (an isolate's, a break mark) draws nothing: it splits nothing, and
// takes the level of the piece it falls in.
func splitLevels(inputs []shaping.Input, runes []rune, lv []bidi.Level) []shaping.Input {
	var out []shaping.Input
	for _, in := range inputs {
		start, level, seen := in.RunStart, bidi.Level(0), false
		for i := in.RunStart; i < in.RunEnd; i++ {
			if isDirectionControl(runes[i]) {
				continue
			}
			if seen && lv[i] != level {
				piece := in
				piece.RunStart, piece.RunEnd = start, i
				piece.Direction = levelDirection(level, in.Direction)
				out = append(out, piece)
				setLevel(lv[start:i], level)
				start = i
			}
			level, seen = lv[i], true
		}
		if seen {
			setLevel(lv[start:in.RunEnd], level)
			in.Direction = levelDirection(level, in.Direction)
		}
		in.RunStart = start
		out = append(out, in)
	}
	return out
}

// levelDirection is the direction a piece at level is shaped in: the
// level's, for keepNumbersWhole raises a number's right-to-left hyphens
// and brackets to its digits' left-to-right level, and a bracket shaped
// right to left is drawn mirrored ("+1 )613( 555-0100"). Otherwise the
// level and go-text's direction agree, and d is kept.
func levelDirection(level bidi.Level, d di.Direction) di.Direction {
	if rtl := d.Progression() == di.TowardTopLeft; rtl == (level%2 == 1) {
		return d
	}
	if level%2 == 1 {
		return di.DirectionRTL
	}
	return di.DirectionLTR
}

// setLevel gives a piece's runes its level: its formatting characters
// too.
func setLevel(lv []bidi.Level, level bidi.Level) {
	for i := range lv {
		lv[i] = level
	}
}

// levelAt is the embedding level of the rune at i.
func (sh *shaped) levelAt(i int) bidi.Level {
	j, _ := slices.BinarySearch(sh.ends, i+1)
	return sh.levels[min(j, len(sh.levels)-1)]
}

// shape returns text shaped at refSize, from the cache when it can.
func (t *Typesetter) shape(text string, opts Options) *shaped {
	key := shapeKey{text: text, lang: opts.Lang, bold: opts.Style.Bold, rtl: opts.RTL, fonts: t.fontsKey}
	if sh, ok := t.cache.get(t, key, nil); ok {
		return sh
	}
	runes := []rune(text)
	byteAt := make([]int, len(runes)+1)
	off := 0
	for i, r := range runes {
		byteAt[i] = off
		off += utf8.RuneLen(r)
	}
	byteAt[len(runes)] = off
	dir := di.DirectionLTR
	if opts.RTL {
		dir = di.DirectionRTL
	}
	t.fontmap.bold = opts.Style.Bold
	input := shaping.Input{
		Text:      runes,
		RunStart:  0,
		RunEnd:    len(runes),
		Direction: dir,
		Size:      fixed.Int26_6(refSize * units * 64),
		Language:  language.NewLanguage(opts.Lang),
	}
	t.fontmap.sync()
	split := t.seg.Split(input, &t.fontmap)
	lv := levels(runes, inputDirections(split, len(runes)), opts.RTL)
	inputs := splitLevels(split, runes, lv)
	outs := make([]shaping.Output, len(inputs))
	main := t.ScriptOptical(mainScript(text), opts.Lang)
	for i, in := range inputs {
		// A run in another script than the text's main one is set at
		// the size that looks like the text's (Optical): the Gurmukhi
		// name in an English line, the web address in a Punjabi one.
		if f := t.ScriptOptical(in.Script, opts.Lang) / main; f != 1 {
			in.Size = fixed.Int26_6(math.Round(refSize * f * units * 64))
		}
		if len(inputs) == 1 {
			// The run is the text: kept whole in t.cache.
			outs[i] = t.shaper.Shape(in)
		} else {
			outs[i] = t.shapeRun(in)
		}
	}
	sh := &shaped{runes: runes, byteAt: byteAt, outs: outs}
	for i, l := range lv {
		if i == 0 || l != lv[i-1] {
			sh.levels, sh.ends = append(sh.levels, l), append(sh.ends, i)
		}
		sh.ends[len(sh.ends)-1] = i + 1
	}
	size := len(text) + 12*len(runes) + 64 + 16*len(sh.levels)
	for _, o := range outs {
		size += 96 + int(unsafe.Sizeof(shaping.Glyph{}))*len(o.Glyphs)
	}
	t.limitCaches(size)
	t.cache.put(key, sh, size)
	return sh
}

func (t *Typesetter) setLines(p *Paragraph, text string, opts Options) error {
	style := opts.Style
	lineHeight := style.lineHeight()
	if strings.TrimSpace(text) == "" {
		p.Lines = append(p.Lines, Line{Height: lineHeight, Ascent: style.Size})
		p.Height += lineHeight
		return nil
	}
	scale := style.Size / refSize
	// A width of 0 or less means one line; a width past what fixed point
	// holds is as good as unlimited.
	width := fixed.Int26_6(math.MaxInt32 >> 1)
	if w := math.Round(opts.Width / scale * units * 64); opts.Width > 0 && w < float64(width) {
		width = fixed.Int26_6(max(w, 1))
	}
	// Words never break inside (a phone number, a part of a web address,
	// a word); ties give way only when what they tie is wider than the
	// line, and a word is broken only when it alone is wider, and never
	// when it is a unit: then its line is wider than the measure, and the
	// caller sets it smaller.
	limit := opts.Width/scale + 0.01
	refLines := t.wrap(text, opts, width, shaping.Never)
	wrapped := text // the text refLines hold, broken between words only
	if opts.Width > 0 && overflows(refLines, limit) {
		relaxed := text
		if strings.ContainsFunc(text, isTie) {
			relaxed = relax(text)
			refLines = t.wrap(relaxed, opts, width, shaping.Never)
			p.Loose = true
		}
		wrapped = relaxed
		if overflows(refLines, limit) {
			wrapped = ""
			if forced := t.wrap(relaxed, opts, width, shaping.WhenNecessary); !breaksUnit(forced, relaxed) {
				refLines = forced
			}
		}
	}
	if len(refLines) > 1 && wrapped != "" && !opts.split {
		refLines = t.keepEmbedded(wrapped, opts, width, limit, refLines)
	}

	for _, rl := range refLines {
		line := scaleLine(rl, style.Size, scale)
		line.Height = lineHeight
		line.Ascent = (lineHeight-style.Size)/2 + style.Size*0.8
		p.Lines = append(p.Lines, line)
		p.Height += lineHeight
		p.Width = math.Max(p.Width, line.Width)
	}
	return nil
}

// wrap breaks text, shaped at refSize, into lines at most width wide
// (in reference units) with the given policy for breaking inside words.
// Lines at refSize are cached: a build sets the same message at the same
// size and width in many documents.
func (t *Typesetter) wrap(text string, opts Options, width fixed.Int26_6, policy shaping.LineBreakPolicy) []Line {
	style := opts.Style
	wkey := wrapKey{shapeKey{text: text, lang: opts.Lang, bold: style.Bold, rtl: opts.RTL, fonts: t.fontsKey}, width, policy}
	if refLines, ok := t.wraps.get(t, wkey, nil); ok {
		return refLines
	}
	sh := t.shape(text, opts)
	dir := di.DirectionLTR
	if opts.RTL {
		dir = di.DirectionRTL
	}
	// The wrapper zeroes the advance of trailing spaces in place: give
	// it copies so the cached shaping stays whole. The copies are the
	// Typesetter's scratch, used again by the next wrap: the lines made
	// of them (line) hold glyphs of their own. Copies made afresh were
	// 4% of what a build of flyers allocated.
	n := 0
	for _, o := range sh.outs {
		n += len(o.Glyphs)
	}
	outs := slices.Grow(t.wrapOuts[:0], len(sh.outs))
	glyphs := slices.Grow(t.wrapGlyphs[:0], n)
	ends := strings.ContainsRune(text, lineBreak)
	for _, o := range sh.outs {
		start := len(glyphs)
		glyphs = append(glyphs, o.Glyphs...)
		o.Glyphs = glyphs[start:len(glyphs):len(glyphs)]
		if ends {
			// A line separator stands for the space between two
			// words where keepEmbedded ends a line: it is drawn as
			// the space a line ends with, with no width (the font
			// has no glyph for it).
			space, _ := o.Face.NominalGlyph(' ')
			for i, g := range o.Glyphs {
				if sh.runes[g.TextIndex()] == lineBreak {
					o.Glyphs[i].GlyphID = space
					o.Glyphs[i].Advance, o.Glyphs[i].Width = 0, 0
				}
			}
			o.RecomputeAdvance()
		}
		outs = append(outs, o)
	}
	lines := t.wrapLines(shaping.WrapConfig{Direction: dir, BreakPolicy: policy}, width, sh.runes, outs)
	refLines := make([]Line, len(lines))
	for i, l := range lines {
		refLines[i] = t.line(l, text, sh, refSize, 1, style.Bold)
	}
	// Scratch as large as a long paragraph's is kept; a larger one goes.
	if cap(glyphs) <= maxWrapScratch {
		clear(outs)
		t.wrapOuts, t.wrapGlyphs = outs[:0], glyphs[:0]
	} else {
		t.wrapOuts, t.wrapGlyphs = nil, nil
	}
	size := len(text) + 64
	for _, l := range refLines {
		size += lineBytes(l, true)
	}
	t.limitCaches(size)
	t.wraps.put(wkey, refLines, size)
	return refLines
}

// wrapLines is go-text's WrapParagraphF for a paragraph without a
// mandatory break, less its first pass over the text. WrapParagraphF
// analyses the text's line breaks (UAX #14) twice: once only to learn
// whether it has a mandatory break, which it needs to know before it
// may keep one run that fits as one line, and again to wrap. The
// analysis is most of what wrapping costs (an Arabic build spent 6.7%
// of its instructions in it). A mandatory break follows only a
// character of the classes BK, CR, LF and NL (UAX #14 rules LB4, LB5),
// which are those of mandatoryBreaks: in a text with none of them (a
// paragraph part never holds a newline, only keepEmbedded's LINE
// SEPARATOR), the run that fits is the line without an analysis, and
// any other text is wrapped line by line after one analysis, as
// WrapParagraphF does after its first pass. The lines are those
// WrapParagraphF returns (TestWrapLinesAsWrapParagraph).
func (t *Typesetter) wrapLines(config shaping.WrapConfig, width fixed.Int26_6, runes []rune, outs []shaping.Output) []shaping.Line {
	if slices.ContainsFunc(runes, mandatoryBreakAfter) {
		lines, _ := t.wrapper.WrapParagraphF(config, width, runes, shaping.NewSliceIterator(outs))
		return lines
	}
	if len(outs) == 1 && outs[0].Advance <= width {
		return []shaping.Line{outs[:1:1]}
	}
	if len(outs) > 1 && fitsOneLine(outs, width) {
		return []shaping.Line{oneLine(config.Direction, outs)}
	}
	t.wrapper.Prepare(config, runes, shaping.NewSliceIterator(outs))
	var lines []shaping.Line
	for {
		line, done := t.wrapper.WrapNextLineF(width)
		if line.Line != nil {
			lines = append(lines, line.Line)
		}
		if done {
			return lines
		}
	}
}

// fitsOneLine reports whether runs, none of whose glyphs has a negative
// advance, are no wider together than width. Then every place where the
// line could end fits too, for what stands before it is part of the
// whole, and the wrapper makes one line of them all: in Arabic and
// Punjabi text, where every number is a run of its own, most texts a
// page sets are such a line (1,049 of 2,402 wraps of 250 Arabic
// flyers).
func fitsOneLine(runs []shaping.Output, width fixed.Int26_6) bool {
	var total fixed.Int26_6
	for _, o := range runs {
		var adv fixed.Int26_6
		for _, g := range o.Glyphs {
			if g.Advance < 0 {
				return false
			}
			adv += g.Advance
		}
		if adv != o.Advance {
			return false
		}
		total += adv
	}
	return total <= width
}

// oneLine is the line go-text's wrapper makes of runs that fit on it
// (fitsOneLine): each run whole, numbered in the order they are drawn
// (VisualIndex: paragraph order, each group of runs against the
// paragraph's direction turned round, all of it turned round in a
// right-to-left paragraph), and the glyph drawn last, at the line's end
// edge, given no advance when it has no ink (a space).
func oneLine(dir di.Direction, runs []shaping.Output) shaping.Line {
	n := len(runs)
	for i := 0; i < n; {
		j := i + 1
		if runs[i].Direction != dir {
			for j < n && runs[j].Direction != dir {
				j++
			}
		}
		for k := i; k < j; k++ {
			v := int32(i + j - 1 - k)
			if dir.Progression() == di.TowardTopLeft {
				v = int32(n-1) - v
			}
			runs[k].VisualIndex = v
		}
		i = j
	}
	end := int32(n - 1)
	if dir.Progression() == di.TowardTopLeft {
		end = 0
	}
	for k := range runs {
		if runs[k].VisualIndex != end || len(runs[k].Glyphs) == 0 {
			continue
		}
		g := &runs[k].Glyphs[len(runs[k].Glyphs)-1]
		if dir.Progression() == di.TowardTopLeft {
			g = &runs[k].Glyphs[0]
		}
		if g.Width == 0 {
			// Both, as the wrapper does, for the line to be its.
			//lint:ignore SA1019 zeroed, not read
			g.XAdvance, g.Advance = 0, 0
			runs[k].RecomputeAdvance()
		}
		break
	}
	return runs
}

// mandatoryBreakAfter reports the characters of the line break classes
// BK, CR, LF and NL: a line must end after each (UAX #14 rules LB4 and
// LB5), and after no other.
func mandatoryBreakAfter(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', '\u0085', '\u2028', '\u2029':
		return true
	}
	return false
}

// overflows reports whether a line is wider than limit points at
// refSize.
func overflows(lines []Line, limit float64) bool {
	for _, l := range lines {
		if l.Width > limit {
			return true
		}
	}
	return false
}

// breaksUnit reports whether lines of text break inside a unit: next to
// a word joiner, between two digits, or inside a word of a script whose
// letters join (Arabic, Persian, Urdu): broken, "محلی" was set "محل" over
// "ی", each piece with its end letters in the forms of a word's end and
// start, another spelling to the reader. Such a word wider than the
// line stands whole, as a long number does, its line wider than the
// measure: the layout then sets the text smaller.
func breaksUnit(lines []Line, text string) bool {
	for _, l := range lines[min(1, len(lines)):] {
		if len(l.Runs) == 0 {
			continue
		}
		start := l.Runs[0].Start
		for _, r := range l.Runs[1:] {
			start = min(start, r.Start)
		}
		if start <= 0 || start >= len(text) {
			continue
		}
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		after, _ := utf8.DecodeRuneInString(text[start:])
		if before == wordJoiner || after == wordJoiner || unicode.IsDigit(before) && unicode.IsDigit(after) ||
			joins(before) && (joins(after) || after == zwnj || after == zwj) || (before == zwnj || before == zwj) && joins(after) {
			return true
		}
	}
	return false
}

// joins reports a letter or mark of a script whose letters join one
// another in a word.
func joins(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsMark(r)) &&
		unicode.In(r, unicode.Arabic, unicode.Syriac, unicode.Nko, unicode.Mongolian, unicode.Mandaic, unicode.Adlam, unicode.Hanifi_Rohingya)
}

// SetCacheBytes bounds what t's caches hold to about n bytes in place of
// cacheBytes: for a typesetter that sets texts mostly set once (the rows
// of a pack's cover sheet: a number, a file name, a page range each), which
// only keep memory from the rest of the program.
func (t *Typesetter) SetCacheBytes(n int) { t.limit = max(n, 0) }

// limitCaches makes room in the caches' young generation for an entry
// of about size bytes: when it would hold more than half of t.limit,
// every cache turns over together (generations): the old generation is
// dropped and the young becomes the old, so that the caches hold about
// cacheBytes at most.
func (t *Typesetter) limitCaches(size int) {
	if t.held+size > t.limit/2 {
		t.prepared.turn()
		t.checked.turn()
		t.cache.turn()
		t.wraps.turn()
		t.paras.turn()
		t.opticalTexts.turn()
		t.runs.turn()
		t.held = 0
	}
	t.held += size
}

// wrapKey is a shaped text wrapped at a width in reference units.
type wrapKey struct {
	shapeKey
	width  fixed.Int26_6
	policy shaping.LineBreakPolicy
}

// scaleLine is a line set at refSize, resized: glyphs are in font units
// and stay shared; positions and widths scale.
func scaleLine(l Line, size, scale float64) Line {
	out := Line{Width: l.Width * scale, Runs: make([]Run, len(l.Runs))}
	for i, r := range l.Runs {
		r.Size *= scale
		r.X *= scale
		r.Width *= scale
		out.Runs[i] = r
	}
	return out
}

// line converts one wrapped line of go-text output into runs in visual
// order, measured in points.
func (t *Typesetter) line(l shaping.Line, text string, sh *shaped, size, scale float64, bold bool) Line {
	byteAt := sh.byteAt
	ordered := visualOrder(l, sh)
	// Spaces at the line's logical end take no room. go-text zeroes the
	// last glyph in visual order alone, which in a line that ends inside
	// a run of the other direction is a letter: "Community " ending a
	// 10-point Persian line in a 60-point column measured 61.1 pt with
	// its space, so the line was taken to overflow and every word was
	// broken where the line ended ("Communit" / "y Services").
	first, end := len(sh.runes), 0
	for _, r := range l {
		first, end = min(first, r.Runes.Offset), max(end, r.Runes.Offset+r.Runes.Count)
	}
	trail := end
	for trail > first && (isDirectionControl(sh.runes[trail-1]) || unicode.IsSpace(sh.runes[trail-1]) && sh.runes[trail-1] != nbsp) {
		trail--
	}
	// The runs, and their glyphs, in an allocation each.
	line := Line{Runs: make([]Run, 0, len(ordered))}
	n := 0
	for _, out := range ordered {
		n += len(out.Glyphs)
	}
	glyphs := make([]Glyph, 0, n)
	x := 0.0
	for _, out := range ordered {
		f := t.fontOfFace(out.Face)
		start, end := byteAt[out.Runes.Offset], byteAt[out.Runes.Offset+out.Runes.Count]
		runText, newAt := stripControls(text[start:end])
		run := Run{
			Font:  f,
			Size:  size * float64(out.Size) / (refSize * units * 64), // a run in another script has its own (shape)
			X:     x,
			RTL:   out.Direction.Progression() == di.TowardTopLeft,
			Start: start,
			// A bold run in a font without a bold face (Droid Sans
			// Fallback for Chinese) is emboldened when drawn.
			FakeBold: bold && !f.Bold,
			Text:     runText,
		}
		upem := float64(f.UnitsPerEm())
		toFont := func(v fixed.Int26_6) int32 {
			return int32(math.Round(float64(v) * upem / float64(out.Size)))
		}
		from := len(glyphs)
		var adv fixed.Int26_6
		for _, g := range out.Glyphs {
			at := byteAt[g.TextIndex()] - start
			if newAt != nil {
				if newAt[at] < 0 {
					continue // a direction control: shaped, never drawn
				}
				at = newAt[at]
			}
			if g.TextIndex() >= trail {
				g.Advance = 0
			}
			glyphs = append(glyphs, Glyph{
				GID:      uint16(g.GlyphID),
				Cluster:  at,
				XAdvance: toFont(g.Advance),
				XOffset:  toFont(g.XOffset),
				YOffset:  toFont(g.YOffset),
			})
			adv += g.Advance
		}
		run.Glyphs = glyphs[from:len(glyphs):len(glyphs)]
		run.Width = float64(adv) / 64 / units * scale
		x += run.Width
		line.Runs = append(line.Runs, run)
	}
	line.Width = x
	return line
}

func (t *Typesetter) fontOfFace(face *font.Face) *Font {
	for f, fc := range t.faces {
		if fc == face {
			return f
		}
	}
	return t.fonts.base.Regular
}

// phoneNumber matches a phone number or other digit group joined by
// hyphens, dots, slashes or spaces (no-break ones too: a number a
// translator typed as "1 833 900 1010" with no-break spaces came out
// 1010 900 833 1 in Arabic): 1-833-900-1010, 911, 24/7; with the
// word joiners Tie puts between a number's characters, for the number is
// one run to isolate, not one digit after another (isolated one by one,
// the digits of a number in Arabic text come out in reverse).
var phoneNumber = regexp.MustCompile(`(?:[+(]\x{2060}?)?[0-9٠-٩۰-۹][0-9٠-٩۰-۹)(./\- \x{00A0}\x{202F}\x{2060}]*[0-9٠-٩۰-۹]|[0-9٠-٩۰-۹]`)

// isolateNumbers wraps each number in LEFT-TO-RIGHT ISOLATE and
// LEFT-TO-RIGHT OVERRIDE … POP DIRECTIONAL FORMATTING, POP DIRECTIONAL
// ISOLATE. The override keeps the digit groups in order (the bidi
// algorithm lays out "1-833-900-1010" inside Arabic as 1010-900-833-1,
// and an isolate alone does not fix Arabic-Indic digits); the isolate
// makes the number a neutral to the text around it, so that two numbers
// in a row ("24/7، 200") or a number before Latin text keep their
// right-to-left order instead of joining one left-to-right run.
//
// Every number starts with a digit, "+" or "(": the pattern is run from
// the first of them (nothing before can start a match, and the pattern
// looks at nothing around what it matches), and not at all on text
// without one. Running it over every right-to-left text a document sets
// was 0.8% of an Arabic build's instructions.
func isolateNumbers(text string) string {
	start := strings.IndexFunc(text, mayStartNumber)
	if start < 0 {
		return text
	}
	return isolateFrom(text, start)
}

// isolateFrom is isolateNumbers, looking for numbers from byte start of
// text on. A number holds its brackets in pairs: a closing bracket right
// after "(24/7" goes into the isolate with it; one it does not pair,
// "(24 ساعة)", "5 (24 ساعة)", ends it and stays outside, drawn with its
// partner, or the two face the same way.
func isolateFrom(text string, start int) string {
	var b strings.Builder
	b.Grow(len(text) + 32)
	b.WriteString(text[:start])
	done, pos := start, start
	for pos < len(text) {
		m := phoneNumber.FindStringIndex(text[pos:])
		if m == nil {
			break
		}
		from, to := pos+m[0], pos+m[1]
		if to < len(text) && text[to] == ')' && openBrackets([]byte(text[from:to])) > 0 {
			to++
		}
		if u := from + unpaired([]byte(text[from:to])); u < to {
			k := u
			for k > from {
				r, n := utf8.DecodeLastRuneInString(text[from:k])
				if isNumberDigit(r) {
					break
				}
				k -= n
			}
			if k == from {
				pos = u + 1 // no digit before the bracket: it is not the number's
				continue
			}
			to = k
		}
		if afterLeftToRight(text, from) && westernDigits(text[from:to]) {
			// A number after Latin text joins it (rule W7: "Hall 12",
			// "Suite 200" inside Arabic text), as Chromium draws it;
			// isolated, it was drawn "12 Hall". Western digits and
			// their separators after left-to-right text keep their
			// order without help (W4, W7).
			pos = to
			continue
		}
		b.WriteString(text[done:from])
		b.WriteString("\u2066\u202D")
		b.WriteString(text[from:to])
		b.WriteString("\u202C\u2069")
		done, pos = to, to
	}
	b.WriteString(text[done:])
	return b.String()
}

// afterLeftToRight reports whether the last strong character before
// byte i of text, in the same isolate, is left to right (rule W2's
// search, which W7 uses): an isolate before it counts as nothing; at the
// start of the isolate that holds it, the isolate's own direction; at
// the start of the text, the paragraph's, right to left (isolateNumbers
// runs on right-to-left paragraphs only). An embedding or override
// control on the way ends the search with false: the number is isolated,
// as before.
func afterLeftToRight(text string, i int) bool {
	depth := 0 // isolates closed after the search's point, not yet opened
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:i])
		i -= n
		switch r {
		case '\u2069': // POP DIRECTIONAL ISOLATE
			depth++
			continue
		case '\u2066', '\u2067', '\u2068': // LRI, RLI, FSI
			if depth > 0 {
				depth--
				continue
			}
			switch r {
			case '\u2066':
				return true
			case '\u2067':
				return false
			}
			return firstStrongLeftToRight(text[i+n:])
		case '\u202A', '\u202B', '\u202D', '\u202E', '\u202C':
			return false
		}
		if depth > 0 {
			continue
		}
		if ltr, strong := strongDirection(r); strong {
			return ltr
		}
	}
	return false
}

// strongDirection reports whether r is a strong character (UAX #9 L, R
// or AL), and whether it is left to right.
func strongDirection(r rune) (ltr, strong bool) {
	switch p, _ := ubidi.LookupRune(r); p.Class() {
	case ubidi.L:
		return true, true
	case ubidi.R, ubidi.AL:
		return false, true
	}
	return false, false
}

// firstStrongLeftToRight reports whether the first strong character of
// text, before the end of the isolate it starts in, is left to right
// (rules P2, P3: what FIRST STRONG ISOLATE resolves to).
func firstStrongLeftToRight(text string) bool {
	depth := 0
	for _, r := range text {
		switch r {
		case '\u2066', '\u2067', '\u2068':
			depth++
			continue
		case '\u2069':
			if depth == 0 {
				return false
			}
			depth--
			continue
		}
		if depth > 0 {
			continue
		}
		if ltr, strong := strongDirection(r); strong {
			return ltr
		}
	}
	return false
}

// westernDigits reports whether a number's digits are all 0–9: an
// Arabic-Indic or Persian digit is an Arabic number (AN) whatever is
// before it, and its groups are reversed without the override.
func westernDigits(number string) bool {
	for _, r := range number {
		if isNumberDigit(r) && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// mayStartNumber reports the characters a match of phoneNumber starts
// with.
func mayStartNumber(r rune) bool {
	return r == '+' || r == '(' || r >= '0' && r <= '9' || r >= '٠' && r <= '٩' || r >= '۰' && r <= '۹'
}

// isDirectionControl reports the characters that steer layout but must
// not reach the page or the text a reader copies: the bidi embedding,
// override and isolate controls, and the break marks (ZERO WIDTH SPACE,
// a place a line may break; WORD JOINER, a place it may not; LINE
// SEPARATOR, the space where keepEmbedded ends a line, which is copied
// as a space: stripControls).
func isDirectionControl(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r == zwsp || r == wordJoiner || r == tie || r == lineBreak
}

// stripControls removes direction controls from s, makes each no-break
// space a space, and returns, for each byte offset of s, the offset in
// the result (-1 for removed bytes); nil when s has nothing to remove
// or change, each offset its own (most runs: no list made for them).
func stripControls(s string) (string, []int) {
	if !strings.ContainsFunc(s, func(r rune) bool { return isDirectionControl(r) || r == nbsp }) {
		return s, nil
	}
	at := make([]int, len(s)+1)
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s {
		n := utf8.RuneLen(r)
		if isDirectionControl(r) && r != lineBreak {
			for j := 0; j < n; j++ {
				at[i+j] = -1
			}
			continue
		}
		if r == nbsp || r == lineBreak {
			// A no-break space keeps two words on one line, and a line
			// separator ends a line between them (keepEmbedded);
			// copied, each is the space between them.
			for j := 0; j < n; j++ {
				at[i+j] = b.Len()
			}
			b.WriteByte(' ')
			continue
		}
		for j := 0; j < n; j++ {
			at[i+j] = b.Len() + j
		}
		b.WriteRune(r)
	}
	at[len(s)] = b.Len()
	return b.String(), at
}

// Sources lists the font files that draw text as the typesetter would
// for a document, one per script, in order of first use: what
// `awarekit list languages --fonts` and `awarekit doctor` report. It
// fails as Set does when a character has no font. It splits the text
// into runs by direction, script and font as shaping does, and shapes
// nothing: a language's every message, regular and bold, took a
// quarter of a second to shape and wrap.
func (t *Typesetter) Sources(text string, opts Options) ([]Source, error) {
	if _, err := t.fonts.Base(); err != nil {
		return nil, err
	}
	text, err := t.prepare(text, opts.RTL)
	if err != nil {
		return nil, err
	}
	dir := di.DirectionLTR
	if opts.RTL {
		dir = di.DirectionRTL
	}
	// Each character is checked once and each line split once: what a
	// character needs, and how a line splits, do not depend on what came
	// before, so the fonts found, their order and the first character
	// without one are those of the whole text (a language's messages
	// hold each letter hundreds of times).
	chars, lines := distinct(text)
	var out []Source
	seen := map[Source]bool{}
	for _, bold := range []bool{false, true} {
		opts.Style.Bold = bold
		if err := t.check(chars, opts); err != nil {
			return nil, err
		}
		t.fontmap.bold = bold
		t.fontmap.sync()
		for _, part := range lines {
			runes := []rune(part)
			in := shaping.Input{Text: runes, RunEnd: len(runes), Direction: dir, Size: fixed.Int26_6(refSize * units * 64), Language: language.NewLanguage(opts.Lang)}
			for _, r := range t.seg.Split(in, &t.fontmap) {
				script := "Common" // digits, punctuation, spaces
				for _, c := range runes[r.RunStart:r.RunEnd] {
					if sc := language.LookupScript(c); sc != language.Common && sc != language.Inherited {
						script = sc.String()
						break
					}
				}
				f := t.fontOfFace(r.Face)
				src := Source{Script: script, Font: f.Name, File: f.Source}
				if !seen[src] {
					seen[src] = true
					out = append(out, src)
				}
			}
		}
	}
	// The next Set finds its own families again.
	t.extra = t.extra[:0]
	return out, nil
}

// Covers fails as Sources does when a character of text has no font,
// regular or bold, and finds no more: it splits nothing into runs by
// direction, script and font, which is most of what Sources costs (a
// language's every message, for `awarekit list languages` and
// `awarekit serve`, which say only whether this computer can draw it).
func (t *Typesetter) Covers(text string, opts Options) error {
	if _, err := t.fonts.Base(); err != nil {
		return err
	}
	text, err := t.prepare(text, opts.RTL)
	if err != nil {
		return err
	}
	chars, _ := distinct(text)
	// The next Set finds its own families again.
	defer func() { t.extra = t.extra[:0] }()
	for _, bold := range []bool{false, true} {
		opts.Style.Bold = bold
		if err := t.check(chars, opts); err != nil {
			return err
		}
	}
	return nil
}

// distinct returns text's characters, each once, and its lines that are
// not blank, each once, in the order they first appear.
func distinct(text string) (chars string, lines []string) {
	var b strings.Builder
	seenRune := map[rune]bool{'\n': true}
	for _, r := range text {
		if !seenRune[r] {
			seenRune[r] = true
			b.WriteRune(r)
		}
	}
	seenLine := map[string]bool{}
	for part := range strings.SplitSeq(text, "\n") {
		if strings.TrimSpace(part) != "" && !seenLine[part] {
			seenLine[part] = true
			lines = append(lines, part)
		}
	}
	return b.String(), lines
}

// visualOrder is a line's runs in the order they are drawn, left to
// right, by the bidi algorithm's rule L2 over their embedding levels:
// from the highest level down to the lowest odd one, each sequence of
// runs at that level or higher is reversed. go-text's wrapper orders
// runs by two levels only, the paragraph's direction and the other: an
// Arabic name with a number in an English line (levels 1 and 2 in 0:
// "جمعية النخيل 24.") came out with the number and the period after the
// name instead of before it, and a Latin name isolated in Arabic text
// would lose the order of an Arabic word inside it (level 3). Where a
// line has two levels, this is the wrapper's order. The levels are each
// rune's own (levels), not go-text's runs'.
func visualOrder(l shaping.Line, sh *shaped) []shaping.Output {
	ordered := slices.Clone(l)
	levels := make([]bidi.Level, len(l))
	var high, lowOdd bidi.Level = 0, 127
	for i, out := range l {
		levels[i] = sh.levelAt(out.Runes.Offset)
		high = max(high, levels[i])
		if levels[i]%2 == 1 {
			lowOdd = min(lowOdd, levels[i])
		}
	}
	for lv := high; lv >= lowOdd && lv > 0; lv-- {
		for i := 0; i < len(ordered); {
			if levels[i] < lv {
				i++
				continue
			}
			j := i
			for j < len(ordered) && levels[j] >= lv {
				j++
			}
			slices.Reverse(ordered[i:j])
			slices.Reverse(levels[i:j])
			i = j
		}
	}
	return ordered
}
