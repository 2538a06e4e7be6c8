package generate

import (
	"io"

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
