//go:build !linux

package main

// dropStartPages does nothing where the program's pages are not known
// (see pages_linux.go).
func dropStartPages() {}
