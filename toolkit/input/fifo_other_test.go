//go:build !unix

package input

import "errors"

// mkfifo reports that this system has no named pipes in its file
// system; the tests that need one skip.
func mkfifo(string) error { return errors.ErrUnsupported }
