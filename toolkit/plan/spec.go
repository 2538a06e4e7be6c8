package plan

import "github.com/awarekit/awarekit/toolkit/profile"

// The types in this file are the plan file's shape. They are the single
// source of truth for both reading a plan (decode.go walks a YAML node
// tree against them, so every problem has a line) and the JSON Schema
// (schema.go): yaml names the key, doc describes it, names says which of
// the engine's lists holds its valid values, min is the smallest number
// or list length, required marks a key that must be given, and either
// names a key that must not be given together with this one.

// planSpec is a whole plan file.
type planSpec struct {
	Event        eventSpec `yaml:"event" doc:"The session the materials are for. Printed on the print pack's cover sheet."`
	Organisation orgSpec   `yaml:"organisation" doc:"Your organisation, printed on every material. Fields left out come from awarekit.yaml beside the plan."`
	// Organisations is read by partners.go: a CSV file, not YAML.
	Organisations string       `yaml:"organisations" doc:"Co-branding in bulk: a CSV file of partner organisations, relative to the plan's folder, with a header row naming its columns (name, phone, email, website, logo, colour; folder optional). Every output of the plan is made once per partner, each partner's files in a folder of its own with its own pack.pdf and index.html."`
	Defaults      defaultsSpec `yaml:"defaults" doc:"Values every output takes unless it gives its own."`
	Outputs       []outputSpec `yaml:"outputs" required:"true" min:"1" doc:"The materials to make, in the order the print pack shows them. Each item is one material or a matrix of audiences × languages × formats; at most 10,000 outputs in all."`
	Pack          *bool        `yaml:"pack" doc:"Make pack.pdf (a cover sheet and every PDF material) and index.html. Default true."`
	Province      string       `yaml:"province" names:"province" doc:"Add the verified lines of a province or territory (ab, bc, mb, nb, nl, ns, nt, nu, on, pe, qc, sk, yt) to every material. Default from awarekit.yaml, else none."`
	AllowDraft    *bool        `yaml:"allow_draft" doc:"Make languages whose translation a fluent speaker must rewrite before it is printed (today iu, crk, oj): proofs for a reviewer, not for print. Default from awarekit.yaml, else false."`
}

type eventSpec struct {
	Name        string `yaml:"name" doc:"The event's name, e.g. \"Neighbourhood safety evening\"."`
	Date        string `yaml:"date" doc:"When it takes place, as you want it printed, e.g. 2026-12-03 or \"Thursday 3 December, 7 pm\"."`
	Place       string `yaml:"place" doc:"Where it takes place."`
	Facilitator string `yaml:"facilitator" doc:"Who leads it."`
}

type orgSpec struct {
	Name    string                 `yaml:"name" doc:"Your organisation's name."`
	Phone   string                 `yaml:"phone" doc:"Your organisation's phone number."`
	Email   string                 `yaml:"email" doc:"Your organisation's email address."`
	Website string                 `yaml:"website" doc:"Your website; the QR code opens it."`
	Logo    string                 `yaml:"logo" doc:"A PNG or JPEG file, relative to the plan's folder."`
	Color   string                 `yaml:"color" doc:"Header colour as hex, quoted: \"#0b5c6b\"."`
	Local   []profile.LocalContact `yaml:"local" doc:"Up to three local contacts of your own (police non-emergency, victim services, an Indigenous-led service), each with a label and a phone or a website; printed as your organisation's list, apart from the verified lines."`
}

type defaultsSpec struct {
	Audiences  []string `yaml:"audiences" names:"audience" min:"1" doc:"Audiences of outputs that name none."`
	Languages  []string `yaml:"languages" names:"language" min:"1" doc:"Languages of outputs that name none."`
	Formats    []string `yaml:"formats" names:"format" min:"1" doc:"Formats of outputs that name none."`
	Paper      string   `yaml:"paper" names:"paper" doc:"Paper size of outputs that name none (default from awarekit.yaml, else letter)."`
	Style      string   `yaml:"style" names:"style" doc:"How outputs that name none are printed: standard (default from awarekit.yaml, else standard), large-print (CNIB Clear Print: body text 14 pt or more, black on white, aligned left; more pages or larger cards where needed) or high-contrast (black on white, no tints behind text). Only the flyer, handout, cards and safety-card take large-print or high-contrast."`
	Copies     int      `yaml:"copies" min:"1" max:"100000" maxwhy:": the most awarekit counts for one material, past any workshop's or campaign's print run; check for a digit too many" doc:"Copies to print of each output that names none (default 1, at most 100000)."`
	Pattern    string   `yaml:"pattern" doc:"Output file name: {audience} {format} {lang} {paper} {style} {ext}. Default {audience}-{format}-{lang}.{ext}."`
	Bleed      float64  `yaml:"bleed" doc:"Bleed in millimetres, 0 to 20 (3 is usual): backgrounds run past the trim edge and the PDF records TrimBox and BleedBox. Default 0."`
	CropMarks  bool     `yaml:"crop_marks" doc:"Draw crop marks at the trim corners, outside the bleed. Default false."`
	Imposition string   `yaml:"imposition" names:"imposition" doc:"How card formats meet the paper: sheet (default) puts several cards on a sheet of the paper, with cutting guides at every card's corners (with bleed the sheet stays the paper and holds fewer cards when the bleed needs the room); single makes one page per card at its trim size plus the bleed, as print shops that impose their own sheets ask. Other formats print one page to a sheet either way."`
	As         string   `yaml:"as" names:"backend" doc:"Draw page formats as pdf (default), png or svg: an image backend makes one file per page, {page} in the pattern or -{page} before the extension."`
	DPI        float64  `yaml:"dpi" doc:"Resolution of PNG images, 36 to 600 pixels per inch of paper. Default 150."`
}

type outputSpec struct {
	Audience  string   `yaml:"audience" names:"audience" either:"audiences" doc:"One audience."`
	Audiences []string `yaml:"audiences" names:"audience" min:"1" doc:"Several audiences: one output each."`
	Language  string   `yaml:"language" names:"language" either:"languages" doc:"One language tag, e.g. fr or fr-CA."`
	Languages []string `yaml:"languages" names:"language" min:"1" doc:"Several languages: one output each."`
	Format    string   `yaml:"format" names:"format" either:"formats" doc:"One format, or kit: the whole workshop kit."`
	Formats   []string `yaml:"formats" names:"format" min:"1" doc:"Several formats: one output each. kit among them is the whole workshop kit, where it stands (as kit: true)."`
	// Kit adds the kit group (format.KitFormats) after the item's own
	// formats, in the order of a session: the same as kit among them.
	Kit        bool     `yaml:"kit" doc:"Add the whole workshop kit for this item's audiences and languages, in the order of a session: the facilitator guide (one copy, for the facilitator), the slides, myths and facts, the quiz, the scenario cards, the sign-in sheet (one for every 12 copies, as each has at least 12 rows) and the feedback form. With format or formats, the kit comes after them; without, the item is the kit alone. The same as kit among the formats. The guide and the slides are made in English and French, the other parts in the languages they are written in."`
	Paper      string   `yaml:"paper" names:"paper" doc:"Paper size."`
	Style      string   `yaml:"style" names:"style" doc:"How this item's outputs are printed: standard, large-print or high-contrast (flyer, handout, cards and safety-card only). A style other than standard adds -large-print or -high-contrast to the file names, unless the pattern has {style}."`
	Copies     int      `yaml:"copies" min:"1" max:"100000" maxwhy:": the most awarekit counts for one material, past any workshop's or campaign's print run; check for a digit too many" doc:"Copies to print of each output of this item (at most 100000)."`
	Pattern    string   `yaml:"pattern" doc:"Output file name for this item: {audience} {format} {lang} {paper} {style} {ext}."`
	Bleed      *float64 `yaml:"bleed" doc:"Bleed in millimetres for this item's PDFs."`
	CropMarks  *bool    `yaml:"crop_marks" doc:"Crop marks on this item's PDFs."`
	Imposition string   `yaml:"imposition" names:"imposition" doc:"sheet or single: how this item's card formats meet the paper."`
	As         string   `yaml:"as" names:"backend" doc:"Draw this item's page formats as pdf, png or svg."`
	DPI        float64  `yaml:"dpi" doc:"Resolution of this item's PNG images, 36 to 600."`
	// Organisation replaces the plan's organisation for this item's
	// outputs, whole: a partner's flyer must not carry another
	// organisation's phone or logo.
	Organisation *orgSpec `yaml:"organisation" doc:"This item's own organisation, printed on its outputs instead of the plan's. It replaces the plan's organisation whole: fields left out are left off."`
}
