package main

import "io"

// IOStreams are where a command reads and writes: results on Out,
// progress and warnings on ErrOut. Tests replace them with buffers.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	IsTTY  bool // ErrOut is a terminal: progress may redraw lines
}
