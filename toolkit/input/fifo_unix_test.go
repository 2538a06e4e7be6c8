//go:build unix

package input

import "syscall"

// mkfifo makes a named pipe at path, for the tests that check a pipe is
// refused rather than read (which would hang).
func mkfifo(path string) error { return syscall.Mkfifo(path, 0o644) }
