//go:build unix

package main

import "syscall"

// mkfifo makes a named pipe at path, for the tests that check a pipe is
// refused rather than read (which would hang).
func mkfifo(path string) error { return syscall.Mkfifo(path, 0o644) }

// mknull makes a character device like /dev/null at path (only root
// can), for the tests that check a device is never written over: a test
// must not name the real /dev/null, which the old code replaced.
func mknull(path string) error { return syscall.Mknod(path, syscall.S_IFCHR|0o644, 1<<8|3) }
