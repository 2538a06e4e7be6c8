package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/awarekit/awarekit/toolkit/generate"
	"github.com/awarekit/awarekit/toolkit/output"
	"github.com/awarekit/awarekit/toolkit/plan"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// InitOptions are the options of init.
type InitOptions struct {
	IO     *IOStreams
	Engine func(generate.Config) (*generate.Engine, error)
	Dir    string
	Force  bool
}

// planSchemaName is the schema file init writes beside the sample plan.
const planSchemaName = "plan.schema.json"

func newCmdInit(f *Factory, runF func(*InitOptions) error) *cobra.Command {
	opts := &InitOptions{IO: f.IOStreams, Engine: f.Engine}
	cmd := &cobra.Command{
		Use:   "init [folder]",
		Short: "Start a project: your organisation's settings and a sample plan",
		Long: `Write a starter project into folder (default the current folder):

  awarekit.yaml      your organisation's name, contacts, logo and colour, and
                     what 'awarekit generate' makes by default; commented
  workshop.yaml      a sample plan that 'awarekit build' turns into flyers,
                     a workshop kit and a print pack
  plan.schema.json   lets editors complete and check plan files

It never overwrites a file unless you give --force.`,
		Example: `  # a new project in the folder demo, then its print pack
  $ awarekit init demo
  $ cd demo && awarekit build workshop.yaml

  # start again, replacing the files
  $ awarekit init --force`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usage(fmt.Errorf("init takes one folder, not %d", len(args)))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = "."
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			if _, err := profile.CheckPath(profile.Field{Name: "folder", From: "the command line"}, opts.Dir); err != nil {
				return usage(err)
			}
			if runF != nil {
				return runF(opts)
			}
			return initRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Force, "force", false, "overwrite files that already exist")
	return cmd
}

func initRun(opts *InitOptions) error {
	eng, err := opts.Engine(generate.Config{})
	if err != nil {
		return err
	}
	schema, err := plan.Schema(eng)
	if err != nil {
		return err
	}
	files := []struct {
		name string
		data []byte
	}{
		{ConfigFileName, []byte(initConfig)},
		{"workshop.yaml", []byte(initPlan)},
		{planSchemaName, append(schema, '\n')},
	}
	// Check every file before writing any, so a refusal changes nothing.
	var exist []string
	for _, f := range files {
		path := filepath.Join(opts.Dir, f.name)
		if _, err := os.Lstat(path); err == nil {
			exist = append(exist, path)
		}
	}
	if len(exist) > 0 && !opts.Force {
		verb := "exists"
		if len(exist) > 1 {
			verb = "exist"
		}
		// Nothing in them is wrong and nothing failed: the command line
		// asks for files where files are, and --force or another folder
		// mends it (exit 2).
		return usage(fmt.Errorf("%s already %s; use --force to overwrite, or give another folder: awarekit init FOLDER", strings.Join(exist, ", "), verb))
	}
	if err := output.CheckFolder(opts.Dir, ""); err != nil {
		return usage(err) // the folder named on the command line
	}
	for _, f := range files {
		path := filepath.Join(opts.Dir, f.name)
		if st, err := os.Stat(path); err == nil && st.IsDir() {
			return usage(errors.New(path + " is a folder; move it away and run init again, or give another folder: awarekit init FOLDER"))
		}
		if err := output.WriteFile(path, f.data); err != nil {
			return err
		}
		fmt.Fprintln(opts.IO.Out, path)
	}
	next := "awarekit build workshop.yaml"
	if opts.Dir != "." {
		next = "cd " + opts.Dir + " && " + next
	}
	fmt.Fprintf(opts.IO.ErrOut, "Next: add your organisation to %s, then run\n  %s\n", ConfigFileName, next)
	return nil
}

const initConfig = `# awarekit project settings, read by every awarekit command run in this
# folder and by 'awarekit build' for plans in this folder. Every key is
# optional. Flags and AWAREKIT_* environment variables win over this file,
# e.g. AWAREKIT_ORGANISATION_NAME or AWAREKIT_PAPER.

# Your organisation, printed on every material. Until you fill it in, the
# materials show only the national contacts, which are verified. Print only
# numbers and addresses you have checked yourself. Remove the # before
# organisation: and before each line you fill in.
# organisation:
  # name: "Riverside Settlement Services"   # in the header and the footer
  # phone: "604-555-0134"                   # under "Get help", with your name
  # email: "info@riverside.example.org"
  # website: "riverside.example.org"        # the QR code opens it
  # logo: "logo.png"                        # PNG or JPEG, relative to this file
  # color: "#0b5c6b"                        # header colour; keep the quotes: # starts a comment
  # local:                                  # up to three contacts of your own, printed as your list
  #   - {label: "Riverside police, non-emergency", phone: "604-555-0199"}
  #   - {label: "Riverside victim services", phone: "604-555-0142", website: "victims.example.org"}

# The verified lines of your province or territory, added to every material:
# ab, bc, mb, nb, nl, ns, nt, nu, on, pe, qc, sk, yt.
# province: bc

# Proofs in languages whose translation a fluent speaker must rewrite before
# anything is printed (today Inuktitut, Plains Cree, Ojibwe): for a reviewer,
# never for handing out.
# allow_draft: false

# Paper for every material: letter or a4.
paper: letter

# How the flyer, handout, cards and safety card are printed: standard;
# large-print (CNIB Clear Print: every word 14 pt or more, black on white,
# aligned left; more pages, or two cards to a sheet) or high-contrast
# (black on white, no tints behind text). A plan's item may set its own.
# style: standard

# What 'awarekit generate' makes when no flags say otherwise.
# See 'awarekit list audiences', 'awarekit list languages', 'awarekit list formats'.
audience: [youth]
lang: [en, fr]
format: [flyer]

# Where 'awarekit generate' writes, relative to this file. ('awarekit build'
# writes to out/ beside the plan, or --out.)
out: .

# Your own words over the built-in content, in a folder beside this file:
#   ours/locales/en.toml           messages you change, by ID, e.g.
#                                  [youth]
#                                  headline = "Eastside Youth: know the signs"
#   ours/audiences/youth/stories.yaml
#                                  your own stories, each with
#                                  consent: {recorded: YYYY-MM-DD, by: NAME}
#                                  and anonymised: true, or it is not printed
# Contacts are verified facts and cannot be replaced: give your own with
# phone, email and website above. Message IDs are those of locales/en.toml
# in the awarekit source; every page then shows the content version with
# "+user." and a fingerprint of your folder.
# content: ours

# Fonts for scripts your computer has no font for, TrueType files
# (regular, then bold), by script code:
# fonts:
#   Guru: [NotoSansGurmukhi-Regular.ttf, NotoSansGurmukhi-Bold.ttf]
`

const initPlan = `# yaml-language-server: $schema=plan.schema.json
#
# A workshop plan. Make everything it lists with
#
#   awarekit build workshop.yaml
#
# Files go to out/ beside this plan: one PDF per material, pack.pdf (a cover
# sheet with the copies to print, then every material) for the print shop,
# index.html to browse them, and manifest.json. Run it again after an edit:
# only what changed is made again. 'awarekit schema plan' lists every key.

# The session; printed on the print pack's cover sheet.
event:
  name: "Neighbourhood safety evening"
  date: "Thursday 3 December 2026, 7 pm"
  place: "Community centre, main hall"
  # facilitator: "A. Singh"

# The organisation comes from awarekit.yaml. To change it for this event
# only, give the fields here:
# organisation:
#   name: "Riverside Settlement Services"

defaults:
  paper: letter          # letter or a4
  copies: 10             # per material, unless an output says otherwise
  # pattern: "{audience}-{format}-{lang}.{ext}"   # file names; also {paper} {style}
  # style: large-print   # standard, large-print or high-contrast (flyer, handout, cards, safety-card)
  # bleed: 3             # mm of background past the trim edge, if the print shop trims
  # crop_marks: true     # marks at the trim corners

outputs:
  # A matrix: youth and newcomers, in English and French, four flyers.
  - audiences: [youth, newcomers]
    languages: [en, fr]
    format: flyer
    copies: 25

  # A single material: the health-care flyer in English, on A4.
  - audience: health
    language: en
    format: flyer
    paper: a4

  # The workshop kit for leading the session, in the order you use it: the
  # facilitator guide (one copy), slides for a projector, myths and facts,
  # the quiz, scenario cards, the sign-in sheet (one for every 12 copies)
  # and the feedback form.
  # English and French; its text is a draft for community review.
  - audience: newcomers
    languages: [en, fr]
    kit: true
`
