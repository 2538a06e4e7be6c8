package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/awarekit/awarekit/toolkit/generate"
)

// VersionOptions are the options of version.
type VersionOptions struct {
	IO     *IOStreams
	Engine func(generate.Config) (*generate.Engine, error)
}

func newCmdVersion(f *Factory, runF func(*VersionOptions) error) *cobra.Command {
	opts := &VersionOptions{IO: f.IOStreams, Engine: f.Engine}
	return &cobra.Command{
		Use:   "version",
		Short: "Show the program and content versions",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return versionRun(opts)
		},
	}
}

func versionRun(opts *VersionOptions) error {
	fmt.Fprintf(opts.IO.Out, "awarekit %s\n", version)
	eng, err := opts.Engine(generate.Config{})
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.Out, "content %s (%s)\n", eng.Lib.Info.Version, eng.Lib.Info.Date)
	return nil
}
