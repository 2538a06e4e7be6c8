package pdf

// SetKeepPageContents sets whether documents keep their page contents
// (renderer.raw) or draw through fpdf's pages; the returned function
// undoes it.
func SetKeepPageContents(keep bool) (undo func()) {
	old := keepPageContents
	keepPageContents = keep
	return func() { keepPageContents = old }
}
