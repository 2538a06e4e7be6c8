package generate

import (
	"io"

	"github.com/awarekit/awarekit/toolkit/doc"

	"github.com/awarekit/awarekit/toolkit/render/pdf"
)

// MergePDF joins PDF files, read one at a time from next until io.EOF,
// into one PDF with the engine's file options; see pdf.Merge.
func (e *Engine) MergePDF(w io.Writer, meta doc.Meta, next func() ([]byte, error)) (int, error) {
	return pdf.Merge(w, meta, pdf.Options{Date: e.Date}, next)
}
