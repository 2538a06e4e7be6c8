package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/input"
	"github.com/awarekit/awarekit/toolkit/plan"
	"github.com/awarekit/awarekit/toolkit/spell"
)

// SchemaOptions are the options of schema.
type SchemaOptions struct {
	IO     *IOStreams
	Engine func(generate.Config) (*generate.Engine, error)
	What   string
}

// schemaKinds are the files schema describes; "settings" is another
// name for "config".
var schemaKinds = []string{"plan", "config", "settings"}

func newCmdSchema(f *Factory, runF func(*SchemaOptions) error) *cobra.Command {
	opts := &SchemaOptions{IO: f.IOStreams, Engine: f.Engine}
	return &cobra.Command{
		Use:   "schema {plan|config}",
		Short: "Print the JSON Schema of a file awarekit reads",
		Long: `Print a JSON Schema (draft 2020-12) of a build plan or of the settings
file (awarekit.yaml), so editors can complete and check them. The plan schema
lists the audiences, languages, formats and paper sizes this version of
awarekit knows; the settings schema is made from the table awarekit checks
settings files against.`,
		Example: `  # save it beside your plans
  $ awarekit schema plan > plan.schema.json

  # then point the YAML language server at it, on the first line of a plan:
  # yaml-language-server: $schema=plan.schema.json

  # the same for awarekit.yaml
  $ awarekit schema config > awarekit.schema.json`,
		ValidArgs: schemaKinds,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usage(fmt.Errorf("schema of what? choose one of: %s", strings.Join(schemaKinds[:2], ", ")))
			}
			if !slices.Contains(schemaKinds, args[0]) {
				hint := ""
				if near := spell.Nearest(args[0], schemaKinds[:2]); len(near) > 0 {
					hint = fmt.Sprintf(" (did you mean %s?)", strings.Join(near, " or "))
				}
				return usage(fmt.Errorf("no schema of %s%s; choose one of: %s", input.Quote(args[0]), hint, strings.Join(schemaKinds[:2], ", ")))
			}
			return nil
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
	var data []byte
	var err error
	switch opts.What {
	case "config", "settings":
		// No enums for audiences, languages or formats: the file takes
		// aliases (aboriginal), regional tags (fr-CA), pairs (fr+en) and
		// comma lists, which the engine checks with a message.
		data, err = settingsSchema()
	default:
		var eng *generate.Engine
		if eng, err = opts.Engine(generate.Config{}); err != nil {
			return err
		}
		data, err = plan.Schema(eng)
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(opts.IO.Out, "%s\n", data)
	return err
}
