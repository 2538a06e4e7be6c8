package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/awarekit/awarekit/toolkit/generate"
)

func newCmdVersion(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Show the program and content versions",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			out := f.IOStreams.Out
			fmt.Fprintf(out, "awarekit %s\n", version)
			eng, err := f.Engine(generate.Config{})
			if err != nil {
				return err
			}
			fmt.Fprintf(out, "content %s (%s)\n", eng.Lib.Info.Version, eng.Lib.Info.Date)
			return nil
		},
	}
}
