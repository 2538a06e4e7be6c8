// Package cidfont draws already-shaped glyph runs into an fpdf document.
//
// fpdf draws text only through a font's cmap, so glyphs that no character
// maps to (conjuncts, contextual Arabic forms, positioned marks) cannot be
// reached through its text API. This package writes its own font objects
// instead: a Type0 font (Identity-H) whose descendant is a CIDFontType2 with
// its own /W widths, CIDToGIDMap and ToUnicode CMap, and whose FontFile2 is
// a subset of the TrueType font that keeps glyph IDs. Each run is a Form
// XObject that the page draws with fpdf's UseImportedTemplate, and every
// object reaches the file through fpdf's public import hooks
// (ImportObjects, ImportObjPos, ImportTemplates). fpdf itself is not changed.
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
// drawn as a composite glyph, added to the subset after the font's own, that
// carries the offset. A nonspacing mark (virama, nukta, harakat) in the text
// of a glyph with an advance goes to a zero-width glyph that draws nothing,
// next to it, and glyphs beyond their cluster's characters join the glyph
// before them. In right-to-left runs multi-character texts are stored
// reversed, because extractors reverse them. With this, pdftotext gives
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
// and after SetPage only if all pages have the same height (fpdf's
// UseImportedTemplate uses the height of the page last added).
//
// The fonts and XObjects are handed to fpdf by Finish, after the last Draw
// and before fpdf writes the file. fpdf writes imported objects in Go map
// order, so Finish followed by fpdf's own Output gives a valid file whose
// object order changes from run to run; Writer.Output gives the same bytes
// for the same drawing. The Writer must be the only user of fpdf's import
// hooks in its document (no gofpdi), and the document must not be
// encrypted: fpdf does not encrypt imported objects.
package cidfont
