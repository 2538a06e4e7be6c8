package generate

import (
	"io"

	"github.com/awarekit/awarekit/toolkit/doc"

	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/render/pdf"
)

// RenderPages draws a laid-out document as PDF with the engine's file
// options (fixed dates), for callers that lay out themselves: the build
// needs each document's page count and fonts, and draws its print pack
// from many documents' pages at once.
func (e *Engine) RenderPages(w io.Writer, ld *layout.Document) error {
	return pdf.Render(w, ld, pdf.Options{Date: e.Date})
}

// MergePDF joins PDF files, read one at a time from next until io.EOF,
// into one PDF with the engine's file options; see pdf.Merge.
func (e *Engine) MergePDF(w io.Writer, meta doc.Meta, next func() ([]byte, error)) (int, error) {
	return pdf.Merge(w, meta, pdf.Options{Date: e.Date}, next)
}
