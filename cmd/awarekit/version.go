package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/awarekit/awarekit/toolkit/content"
)

// devVersion is the version of a build that was not given one.
const devVersion = "0.1.0-dev"

// version, commit and date may be set at build time:
//
//	go build -ldflags "-X main.version=1.2.0 -X main.commit=$(git rev-parse HEAD) -X main.date=2026-12-04" ./cmd/awarekit
//
// Otherwise they come from what the Go tool records in the binary: the
// module version of `go install …@v1.2.0`, and the commit, its date and
// whether the tree had changes when built from a checkout.
var (
	version = devVersion
	commit  = ""
	date    = ""
)

// buildInfo is what this program was built from.
type buildInfo struct {
	Version  string `json:"version"`
	Commit   string `json:"commit,omitempty"`
	Date     string `json:"date,omitempty"`
	Modified bool   `json:"modified,omitempty"` // built from a tree with uncommitted changes
	Go       string `json:"go"`
	Platform string `json:"platform"`
}

func readBuildInfo() buildInfo {
	b := buildInfo{Version: version, Commit: commit, Date: date, Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return b
	}
	if b.Version == devVersion && info.Main.Version != "" && info.Main.Version != "(devel)" {
		b.Version = strings.TrimPrefix(info.Main.Version, "v")
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			if b.Commit == "" {
				b.Commit = s.Value
			}
		case "vcs.time":
			if b.Date == "" {
				b.Date = s.Value
			}
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	return b
}

// String is the version line: "awarekit 1.2.0 (commit 1019ebd5a3f2,
// 2026-12-04T10:11:12Z; go1.26.0 linux/amd64)".
func (b buildInfo) String() string {
	var parts []string
	if b.Commit != "" {
		c := b.Commit
		if len(c) > 12 {
			c = c[:12]
		}
		if b.Modified {
			c += " with uncommitted changes"
		}
		parts = append(parts, "commit "+c)
	} else {
		parts = append(parts, "commit unknown")
	}
	if b.Date != "" {
		parts = append(parts, b.Date)
	}
	return fmt.Sprintf("awarekit %s (%s; %s %s)", b.Version, strings.Join(parts, ", "), b.Go, b.Platform)
}

// VersionOptions are the options of version.
type VersionOptions struct {
	IO *IOStreams
	// Release reads the content's release: version opens no engine, so
	// it reads no audience, message, language or font.
	Release func() (*content.Release, error)
	Now     func() time.Time
}

func newCmdVersion(f *Factory, runF func(*VersionOptions) error) *cobra.Command {
	opts := &VersionOptions{IO: f.IOStreams, Release: f.Release, Now: f.Now}
	return &cobra.Command{
		Use:   "version",
		Short: "Show the version, commit and date of the program and content",
		Long: `Show the program's version, the commit it was built from and that
commit's date, and the version and date of the content it prints, with
the date by which its facts must be checked against their sources again
(after it, a warning on stderr). Give both lines when you report a
problem. 'awarekit --version' shows the same.`,
		Example: `  $ awarekit version`,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return versionRun(opts)
		},
	}
}

func versionRun(opts *VersionOptions) error {
	fmt.Fprintln(opts.IO.Out, readBuildInfo())
	rel, err := opts.Release()
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.Out, "content %s (%s), facts checked again by %s\n", rel.Info.Version, rel.Info.Date, rel.Facts.CheckAgainBy)
	warnDue(opts.IO.ErrOut, opts.IO.warning(), rel, opts.Now)
	return nil
}
