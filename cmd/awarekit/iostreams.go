package main

import (
	"io"
	"os"
)

// IOStreams are where a command reads and writes: results on Out,
// progress and warnings on ErrOut. Tests replace them with buffers.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	IsTTY  bool // ErrOut is a terminal: progress is shown there
	// Plain asks for no colour and no animation on the terminal: NO_COLOR
	// is set (no-color.org) or TERM is dumb.
	Plain bool
}

// plainTerminal reports whether the environment asks for plain output.
func plainTerminal() bool {
	return os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb"
}

// colour wraps s in an ANSI colour (31 red, 33 yellow) when ErrOut is a
// terminal that may show colour.
func (s *IOStreams) colour(code, text string) string {
	if !s.IsTTY || s.Plain {
		return text
	}
	return "\x1b[" + code + "m" + text + "\x1b[0m"
}

// warning is the word that starts a warning line on ErrOut.
func (s *IOStreams) warning() string { return s.colour("33", "warning:") }
