// Package cidfont draws already-shaped glyph runs into an fpdf document.
//
// fpdf draws text only through a font's cmap, so glyphs that no character
// maps to (conjuncts, contextual Arabic forms, positioned marks) cannot be
// reached through its text API. This package writes its own font objects
// instead: a Type0 font (Identity-H) whose descendant is a CIDFontType2 with
// its own /W widths and ToUnicode CMap, and whose FontFile2 is a subset of
// the TrueType font, without hinting, that holds the glyphs the document
// draws in a fixed order (documents that draw the same glyphs share it),
// each CID reaching its glyph through the document's CIDToGIDMap. One such font per font and document serves every run:
// each run is a few text operators written straight into the page's content
// stream with fpdf's RawWriteStr, so it keeps its place among fpdf's own
// drawing (and can be wrapped in marked content like anything else drawn
// that way). fpdf itself is not changed.
//
// # Copying text out
//
// A CID stands for a glyph together with the text it copies out as, so the
// same glyph can copy out differently in different clusters. A cluster's
// characters are spread over its glyphs in reading order (the first glyph
// takes the first character, the last glyph the rest), which gives back the
// logical text where the shaper reordered glyphs, as with the pre-base
// vowel signs of Gurmukhi and Devanagari. Every glyph is shown at the
// shaper's pen position on the baseline; a glyph with an x or y offset is
// drawn as a composite glyph made for the document, which carries the
// offset. A nonspacing mark (virama, nukta, harakat) in the text
// of a glyph with an advance goes to a zero-width glyph that draws nothing,
// next to it, and glyphs beyond their cluster's characters join the glyph
// before them.
//
// The content stream holds the text in reading order, as Tagged PDF asks
// (ISO 32000-1, 14.8.2.3): a right-to-left run's glyphs are shown from
// right to left, each moved to its place, so that a reader of the stream
// (a screen reader following the tags, pdfinfo -struct-text) gets the
// logical text. Readers that order by position (pdftotext) split a
// CID's text over its width from left to right and lose text of no
// width; so in right-to-left runs each character of a glyph and its
// marks gets its own slot of the glyph's width, from the right, the last
// one on the glyph itself (see rtlGroup). The glyphs land exactly where
// drawing them from left to right puts them. With this, pdftotext gives
// back the source text of English, French, Punjabi, Hindi, Bengali, Arabic
// (also vocalised) and Persian samples exactly (see the tests; pdftotext
// still moves Arabic punctuation at word ends, whatever the encoding).
//
// # Using it with fpdf
//
// Run.X and Run.Y are in the document's user units with y downward, like
// fpdf's Text: a run and fpdf's Text at the same point render identically.
// Draw writes to the current page at once, so a run keeps its place among
// the page's other drawing; it must be called while that page is current,
// and after SetPage only if all pages have the same height (fpdf keeps the
// height of the page last added).
//
// A caller that keeps each page's content itself, rather than in fpdf's
// page buffers (which grow a page at a time and are copied twice on the
// way out), draws with DrawTo, which appends a run's operators to its
// own buffer, and gives Output the pages with SetContents: Output then
// writes each page's content stream as that function makes it from what
// fpdf has for the page (fpdf must not compress the pages).
//
// fpdf cannot name a font of one's own in a page's resources, so the
// document must be written with Writer.Output, not fpdf's Output: it lets
// fpdf write the file, then appends the fonts, names them in the resources
// that every page shares, compresses the page contents and writes the
// cross-reference table anew. The same drawing gives the same bytes. The
// document must not be encrypted: the fonts would not be.
package cidfont
