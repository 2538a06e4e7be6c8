//go:build unix

package input

import "syscall"

// nonBlocking opens a named pipe without waiting for a writer, so that
// checking what a path is can never hang.
const nonBlocking = syscall.O_NONBLOCK
