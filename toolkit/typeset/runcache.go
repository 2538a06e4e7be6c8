package typeset

import (
	"encoding/binary"
	"slices"
	"strings"
	"unsafe"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// shapeContext is how many characters before and after a run
// go-text's HarfBuzz is given with it (harfbuzz.contextLength, as
// HarfBuzz's HB_BUFFER_CONTEXT_LENGTH).
const shapeContext = 5

// runKey is everything a run's shaping depends on: the input's face,
// size, direction, script and language, and its characters with what
// HarfBuzz reads of their context (runText). The project sets no font
// features.
type runKey struct {
	face   *font.Face
	size   fixed.Int26_6
	dir    uint8
	script language.Script
	lang   language.Language
	text   string
}

// runText is a run's characters, how many there are, and what of the
// characters around it HarfBuzz reads. go-text's HarfBuzz (v0.3.5)
// reads the context of a run in two places only: Arabic joining takes
// the joining type of the first character on either side, outward,
// that is not transparent (a mark, a format character such as an
// isolate's); and a mark that starts a text gets a dotted circle only
// when nothing comes before it and the buffer is flagged as the text's
// beginning, which go-text's shaper never flags (it clears the flags
// before each run). A printable ASCII character is not
// transparent and joins nothing (type U: no ASCII character is in
// ArabicShaping.txt, and none is a mark or a format character), so the
// context is kept up to the first of them, which stands as 0x20 for
// them all: "... Partner organisation 17 على" and "... Riverside على"
// give the Arabic run the same key. A run of a script HarfBuzz does not
// join (joinsAsArabic) reads no context: its key has none, so that the
// comma between two Punjabi words, a run of its own in DejaVu Sans, is
// shaped once, not once for every pair of words around it (87 times in
// a build of 250 Punjabi flyers).
func runText(b []byte, in shaping.Input) []byte {
	b = binary.AppendUvarint(b, uint64(in.RunEnd-in.RunStart))
	for _, r := range in.Text[in.RunStart:in.RunEnd] {
		b = binary.AppendUvarint(b, uint64(r))
	}
	if !joinsAsArabic(in.Script) {
		return append(b, 0, 0)
	}
	// Before, nearest first; then after. Each side ends with 0 (no
	// character is 0 here: clean refuses it).
	for i := in.RunStart - 1; i >= max(0, in.RunStart-shapeContext); i-- {
		if r := in.Text[i]; r >= 0x20 && r < 0x7f {
			b = append(b, 0x20)
			break
		} else {
			b = binary.AppendUvarint(b, uint64(r))
		}
	}
	b = append(b, 0)
	for i := in.RunEnd; i < min(len(in.Text), in.RunEnd+shapeContext); i++ {
		if r := in.Text[i]; r >= 0x20 && r < 0x7f {
			b = append(b, 0x20)
			break
		} else {
			b = binary.AppendUvarint(b, uint64(r))
		}
	}
	return append(b, 0)
}

// shapeRun shapes one run, or gives the glyphs it had when the same
// characters, with the same context, were shaped before in the same
// face, size, direction, script and language: in another text, or at
// another place in it. The texts of a build differ by an organisation's
// name, number or address: an Arabic or Punjabi text that holds a Latin
// name is shaped again for every organisation, though only the name's
// run is new. The glyphs' clusters are moved by the difference of the
// runs' offsets: HarfBuzz numbers clusters from the text's start, and
// the rest of the output does not depend on where the run is
// (TestShapeRunAsShape).
func (t *Typesetter) shapeRun(in shaping.Input) shaping.Output {
	if len(in.FontFeatures) > 0 || t.noRuns {
		return t.shaper.Shape(in) // no cache: TestShapeRunAsShape's reference
	}
	t.runKey = runText(t.runKey[:0], in)
	key := runKey{face: in.Face, size: in.Size, dir: uint8(in.Direction), script: in.Script, lang: in.Language}
	if out, ok := t.runs.get(t, runKeyLookup(key, t.runKey), ownRunKey); ok {
		if delta := in.RunStart - out.Runes.Offset; delta != 0 {
			out.Glyphs = slices.Clone(out.Glyphs)
			for i := range out.Glyphs {
				// go-text reads the field as TextIndex and has no other
				// way to set it.
				//lint:ignore SA1019 the cluster is moved, not read
				out.Glyphs[i].ClusterIndex += delta
			}
			out.Runes.Offset = in.RunStart
		}
		return out
	}
	out := t.shaper.Shape(in)
	key.text = string(t.runKey)
	n := len(key.text) + 160 + int(unsafe.Sizeof(shaping.Glyph{}))*len(out.Glyphs)
	t.limitCaches(n)
	t.runs.put(key, out, n)
	return out
}

// runKeyLookup is key with text as its text, for a map look-up that
// copies nothing (the compiler does not allocate a string converted
// from bytes only to index a map).
func runKeyLookup(key runKey, text []byte) runKey {
	key.text = unsafe.String(unsafe.SliceData(text), len(text))
	return key
}

// ownRunKey is key with a text of its own, for a key that borrows
// shapeRun's scratch (runKeyLookup) to be kept.
func ownRunKey(key runKey) runKey {
	key.text = strings.Clone(key.text)
	return key
}

// joinsAsArabic reports the scripts whose runs go-text's HarfBuzz
// (v0.3.5) shapes with Arabic joining, which reads the characters
// around a run: those Unicode's ArabicShaping.txt gives joining letters
// (Arabic and Syriac by the Arabic shaper, the others by the Universal
// Shaping Engine), and, to be safe, runs of no script of their own,
// whose shaper HarfBuzz may choose from what they hold.
func joinsAsArabic(sc language.Script) bool {
	switch sc {
	case language.Adlam, language.Arabic, language.Chorasmian, language.Hanifi_Rohingya, language.Mandaic,
		language.Manichaean, language.Mongolian, language.Nko, language.Old_Uyghur, language.Phags_Pa,
		language.Psalter_Pahlavi, language.Sogdian, language.Syriac,
		language.Common, language.Inherited, language.Unknown, 0:
		return true
	}
	return false
}
