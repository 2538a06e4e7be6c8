// Command awarekit turns vetted human-trafficking awareness content into
// print-ready, translated materials for a chosen audience.
package main

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// Exit codes: this table, and run below, are the only place that
// decides them. exitHelp is the same table for --help and the README.
const (
	exitOK        = 0   // done
	exitFailure   = 1   // anything else that failed: bad content in a file, work that failed, a bug
	exitUsage     = 2   // the command line or the environment is wrong
	exitInterrupt = 130 // interrupted (Ctrl-C or SIGTERM); what was finished is kept
)

const exitHelp = `Exit status:
  0    done
  1    something failed: bad content in a file (settings, plan, content
       folder, logo, font; reported as file:line), a material that could
       not be made or written, or a bug
  2    the command line or the environment is wrong: an unknown command,
       flag or flag value, a file or folder it names that is not there or
       not of the kind asked for (a file given for a folder, a named
       pipe), a folder that cannot be written, a bad AWAREKIT_* variable
       or SOURCE_DATE_EPOCH
  130  interrupted; finished files are kept and nothing is half written`

// debugEnv, when set, makes a crash print its stack trace.
const debugEnv = "AWAREKIT_DEBUG"

func main() {
	streams := &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, IsTTY: term.IsTerminal(int(os.Stderr.Fd())), Plain: plainTerminal()}
	stopProfiles, err := startProfiles(streams.ErrOut)
	if err != nil {
		os.Exit(exitCode(err, streams, "awarekit --help"))
	}
	code := run(os.Args[1:], streams)
	if err := stopProfiles(); err != nil {
		fmt.Fprintln(streams.ErrOut, "awarekit:", err)
		if code == exitOK {
			code = exitFailure
		}
	}
	os.Exit(code)
}

// run executes the command line and maps its error to an exit code. A
// panic is a bug: it exits 1 with a short message, never 2, and shows
// its stack only when AWAREKIT_DEBUG is set.
func run(args []string, streams *IOStreams) int {
	return runWith(newFactory(streams), args)
}

// runWith is run with the factory given, so tests can replace what the
// commands share.
func runWith(f *Factory, args []string) (code int) {
	streams := f.IOStreams
	defer func() {
		if v := recover(); v != nil {
			fmt.Fprintf(streams.ErrOut, "awarekit: internal error: %v\nThis is a bug in awarekit; please report it with the command you ran.", v)
			if os.Getenv(debugEnv) != "" {
				fmt.Fprintf(streams.ErrOut, "\n\n%s", debug.Stack())
			} else {
				fmt.Fprintf(streams.ErrOut, " Set %s=1 to see where it happened.", debugEnv)
			}
			fmt.Fprintln(streams.ErrOut)
			code = exitFailure
		}
	}()
	root := newRootCmd(f)
	// Never nil: cobra reads os.Args for a nil list, which in a test
	// binary are the test's own flags.
	root.SetArgs(append([]string{}, args...))
	// Words cobra lets pass, refused before anything runs.
	root.InitDefaultHelpCmd()
	var cmd *cobra.Command
	var err error
	for _, check := range []func(*cobra.Command, []string) (*cobra.Command, error){commandWords, oneDash} {
		if cmd, err = check(root, args); err != nil {
			break
		}
	}
	if err == nil {
		cmd, err = root.ExecuteC()
	}
	help := "awarekit --help"
	if cmd != nil && cmd != root {
		help = cmd.CommandPath() + " --help"
	}
	return exitCode(err, streams, help)
}

// exitCode reports err and gives its exit code; help is the command that
// shows the usage of the command that failed.
func exitCode(err error, streams *IOStreams, help string) int {
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(streams.ErrOut, streams.colour("31", "awarekit:"), err)
	switch {
	case errors.Is(err, errInterrupted):
		return exitInterrupt
	case isUnknownFlag(err):
		fmt.Fprintf(streams.ErrOut, "Run '%s' to see all its flags.\n", help)
		return exitUsage
	case isUsage(err):
		fmt.Fprintf(streams.ErrOut, "Run '%s' for usage.\n", help)
		return exitUsage
	}
	return exitFailure
}

// errInterrupted marks a run stopped by a signal.
var errInterrupted = errors.New("interrupted")

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
