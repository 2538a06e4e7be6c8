//go:build !unix

package output

import "os"

// createFile creates the new file name.
func createFile(name string, flag int, perm os.FileMode) (*os.File, error) {
	return os.OpenFile(name, flag|os.O_CREATE|os.O_EXCL, perm)
}

// rename puts the file oldname in newname's place.
func rename(oldname, newname string) error { return os.Rename(oldname, newname) }
