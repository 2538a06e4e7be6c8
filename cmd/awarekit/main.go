// Command awarekit turns vetted human-trafficking awareness content into
// print-ready, translated materials for a chosen audience.
package main

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/term"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

func main() {
	streams := &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, IsTTY: term.IsTerminal(int(os.Stderr.Fd()))}
	os.Exit(run(os.Args[1:], streams))
}

// run executes the command line and maps its error to an exit code. It
// is the only place that decides exit codes.
func run(args []string, streams *IOStreams) int {
	root := newRootCmd(newFactory(streams))
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(streams.ErrOut, "awarekit:", err)
	if isUsage(err) {
		fmt.Fprintln(streams.ErrOut, "Run 'awarekit --help' for usage.")
		return exitUsage
	}
	return exitFailure
}

// usageError marks a mistake in how the command was called.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usage(err error) error {
	if err == nil {
		return nil
	}
	return &usageError{err: err}
}

func isUsage(err error) bool {
	var u *usageError
	return errors.As(err, &u)
}
