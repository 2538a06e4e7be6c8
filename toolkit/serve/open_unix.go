//go:build unix

package serve

import "syscall"

// nonBlocking opens a named pipe without waiting for a writer, so that a
// pipe in out/ can never hang a download.
const nonBlocking = syscall.O_NONBLOCK
