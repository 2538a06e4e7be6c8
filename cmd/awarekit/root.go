package main

import (
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/awarekit/awarekit/toolkit/generate"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

// Factory gives commands what they share: streams and the engine, which
// is loaded once, on first use.
type Factory struct {
	IOStreams *IOStreams
	Engine    func() (*generate.Engine, error)
	// ContentDir is the user's content folder (content: in the settings);
	// a command sets it before it first asks for the engine.
	ContentDir string
}

func newFactory(streams *IOStreams) *Factory {
	var (
		once sync.Once
		eng  *generate.Engine
		err  error
	)
	f := &Factory{IOStreams: streams}
	f.Engine = func() (*generate.Engine, error) {
		once.Do(func() {
			var date time.Time
			// SOURCE_DATE_EPOCH is the reproducible-builds convention for
			// fixing the dates written into files.
			if date, err = sourceDateEpoch(); err != nil {
				return
			}
			eng, err = generate.Open(generate.Config{Creator: "awarekit " + version, Date: date, ContentDir: f.ContentDir})
		})
		return eng, err
	}
	return f
}

func newRootCmd(f *Factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "awarekit <command> [flags]",
		Short: "Make print-ready, translated human-trafficking awareness materials",
		Long: `awarekit turns vetted Canadian human-trafficking awareness content into
print-ready materials for youth, Indigenous communities, newcomers, businesses
and health providers, in their languages, with your organisation's name,
contacts, logo and colour.`,
		Example: `  # a flyer for youth in English and French, in this folder
  $ awarekit generate --audience youth --lang en,fr

  # newcomers, A4, with your agency's details
  $ awarekit generate -a newcomers -l fr --paper a4 --org-name "Maison d'accueil" --phone 514-555-0100

  # what can be made
  $ awarekit list audiences`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(f.IOStreams.Out)
	root.SetErr(f.IOStreams.ErrOut)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usage(err) })
	root.AddCommand(
		newCmdGenerate(f, nil),
		newCmdList(f, nil),
		newCmdVersion(f),
		newCmdBuild(f, nil),
		newCmdInit(f, nil),
		newCmdSchema(f, nil),
	)
	return root
}

// noArgs is cobra.NoArgs as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	return usage(cobra.NoArgs(cmd, args))
}
