package pdf

// SetSpillAfter makes the packer spill its offsets after n objects, so a
// test of a few files spills many times; the returned function undoes it.
func SetSpillAfter(n int) (undo func()) {
	old := spillAfter
	spillAfter = n
	return func() { spillAfter = old }
}
