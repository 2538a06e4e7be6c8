package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/locale"
)

// MessagesOptions are the options of messages.
type MessagesOptions struct {
	IO       *IOStreams
	Engine   func(generate.Config) (*generate.Engine, error)
	Audience string // "" for every message
	Lang     string // the language whose text is shown; English by default
	Content  string // the user's content folder, or ""
}

func newCmdMessages(f *Factory, runF func(*MessagesOptions) error) *cobra.Command {
	opts := &MessagesOptions{IO: f.IOStreams, Engine: f.Engine}
	var configFile string
	cmd := &cobra.Command{
		Use:   "messages [-a AUDIENCE] [-l LANG]",
		Short: "List message IDs and texts, to change words in a content folder",
		Long: `List the messages the materials print: each ID with its text in a language
(English by default), the placeholders it must keep, whether it is a safety
message, and the hash of its English.

To change a message, put its ID and your words in locales/LANG.toml of your
content folder (content: in awarekit.yaml, or --content), keeping its
placeholders, and record the hash of the English you replaced under
[_source]. A safety message (it carries the hotline, 911, a contact or a
number) may be reworded, but must keep its placeholders and may not write
digits of its own; when its English changes, awarekit stops until you
update your words and the hash.`,
		Example: `  # every message of the youth materials, in English
  $ awarekit messages -a youth

  # the French text of every message
  $ awarekit messages -l fr

  # then, in your-folder/locales/en.toml:
  #   [youth]
  #   headline = "Our school knows the signs"
  #   [_source]
  #   "youth.headline" = "<the english hash shown>"`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := loadContentSettings(cmd.Flags(), configFile)
			if err != nil {
				return err
			}
			opts.Content = s.Content
			if runF != nil {
				return runF(opts)
			}
			return messagesRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Audience, "audience", "a", "", "only the messages of this audience's materials")
	cmd.Flags().StringVarP(&opts.Lang, "lang", "l", "en", "show the text in this language")
	cmd.Flags().String("content", "", "your own content over the built-in: a `FOLDER` with audiences/ and locales/")
	addConfigFlag(cmd, &configFile)
	return cmd
}

func messagesRun(opts *MessagesOptions) error {
	eng, err := opts.Engine(generate.Config{ContentDir: opts.Content})
	if err != nil {
		return err
	}
	// The engine's resolver takes a language's name and says "did you
	// mean" for a near miss, as generate does.
	tag, second, err := eng.ResolveLang(opts.Lang)
	if err != nil {
		return usage(err)
	}
	if second != "" {
		return usage(fmt.Errorf("-l %s: give one language; messages are listed one language at a time", opts.Lang))
	}
	msgs, err := eng.Lib.MessagesFor(opts.Audience)
	if err != nil {
		return usage(err)
	}
	l := eng.Lib.Catalog.Locale(tag)
	w := opts.IO.Out
	for _, m := range msgs {
		en, builtin := eng.Lib.Catalog.English(m.ID)
		text, ok := l.Messages[m.ID]
		switch {
		case !ok && builtin:
			text = "(missing in " + tag + "; English: " + en + ")"
		case !ok:
			text = "(missing in " + tag + ")"
		}
		fmt.Fprintln(w, m.ID)
		fmt.Fprintf(w, "  text:         %s\n", oneLine(text))
		if ph := locale.Placeholders(en); len(ph) > 0 {
			fmt.Fprintf(w, "  placeholders: %s\n", placeholderNames(ph))
		}
		var kind []string
		if m.Safety {
			kind = append(kind, "safety message: reword it, keep its placeholders, write no digits")
		}
		if m.User {
			kind = append(kind, "yours")
		} else if tag != locale.SourceTag && ok && !eng.Lib.Catalog.Current(l, m.ID) {
			kind = append(kind, "older than today's English")
		}
		if len(kind) > 0 {
			fmt.Fprintf(w, "  note:         %s\n", strings.Join(kind, "; "))
		}
		if len(m.Facts) > 0 {
			fmt.Fprintf(w, "  facts:        %s\n", strings.Join(m.Facts, ", "))
		}
		if builtin {
			fmt.Fprintf(w, "  english hash: %s\n", locale.SourceHash(en))
		}
	}
	return nil
}

// oneLine keeps a message on one line of the listing.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func placeholderNames(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "{{." + n + "}}"
	}
	return strings.Join(out, " ")
}
