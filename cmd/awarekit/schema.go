package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/plan"
)

// SchemaOptions are the options of schema.
type SchemaOptions struct {
	IO     *IOStreams
	Engine func(generate.Config) (*generate.Engine, error)
	What   string
}

var schemaKinds = []string{"plan", "settings"}

func newCmdSchema(f *Factory, runF func(*SchemaOptions) error) *cobra.Command {
	opts := &SchemaOptions{IO: f.IOStreams, Engine: f.Engine}
	return &cobra.Command{
		Use:   "schema {plan|settings}",
		Short: "Print the JSON Schema of a file awarekit reads",
		Long: `Print a JSON Schema (draft 2020-12) of a build plan or of the settings
file (awarekit.yaml), so editors can complete and check them. It lists the
audiences, languages, formats and paper sizes this version of awarekit knows.`,
		Example: `  # save it beside your plans
  $ awarekit schema plan > plan.schema.json

  # then point the YAML language server at it, on the first line of a plan:
  # yaml-language-server: $schema=plan.schema.json

  # the same for awarekit.yaml
  $ awarekit schema settings > settings.schema.json`,
		ValidArgs: schemaKinds,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usage(fmt.Errorf("schema of what? choose one of: %s", strings.Join(schemaKinds, ", ")))
			}
			return usage(cobra.OnlyValidArgs(cmd, args))
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.What = args[0]
			if runF != nil {
				return runF(opts)
			}
			return schemaRun(opts)
		},
	}
}

func schemaRun(opts *SchemaOptions) error {
	eng, err := opts.Engine(generate.Config{})
	if err != nil {
		return err
	}
	var data []byte
	switch opts.What {
	case "settings":
		data, err = settingsSchema(map[string][]string{
			"audience": eng.AudienceIDs(), "lang": eng.Languages(), "format": format.Names(), "paper": layout.PaperNames,
		})
	default:
		data, err = plan.Schema(eng)
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(opts.IO.Out, "%s\n", data)
	return err
}
