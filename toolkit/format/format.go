// Package format is the table of what awarekit makes. Each format is one
// entry: its name and description, its layout (or, for a text format, the
// writer that turns the document model straight into text), the backends
// that can draw its pages and their file extensions, its bilingual form,
// and its content budget (the blocks it must carry).
//
// The engine (toolkit/generate) dispatches on this table once; the build,
// the print pack and any other front end reuse that dispatch instead of
// asking "is this a PDF?". A new format or backend is one entry here.
package format

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/render/html"
	"github.com/awarekit/awarekit/toolkit/render/md"
	"github.com/awarekit/awarekit/toolkit/render/pdf"
	"github.com/awarekit/awarekit/toolkit/render/png"
	"github.com/awarekit/awarekit/toolkit/render/svg"
	"github.com/awarekit/awarekit/toolkit/render/txt"
	"github.com/awarekit/awarekit/toolkit/spell"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// Options are what every backend is given besides the pages.
type Options struct {
	// Date is written as the file's creation and modification date, so
	// the same inputs give the same bytes.
	Date time.Time
	// DPI is the resolution of an image backend, in pixels per inch of
	// the page; 0 means png.DefaultDPI.
	DPI float64
}

// Backend draws laid-out pages: into one file (Draw), or one file per
// page (Page), as images are.
type Backend struct {
	Name        string // as a user names it: pdf
	Ext         string // file extension, without the dot
	Description string
	Draw        func(w io.Writer, ld *layout.Document, opts Options) error
	// Page draws page i (from 0) alone; set instead of Draw by a backend
	// that makes one file per page.
	Page func(w io.Writer, ld *layout.Document, i int, opts Options) error
}

// PerPage reports whether b makes one file per page.
func (b Backend) PerPage() bool { return b.Page != nil }

// PDF draws pages with fpdf; it is the default backend of every page
// format, and the only one the print pack joins.
var PDF = Backend{
	Name:        "pdf",
	Ext:         "pdf",
	Description: "print-ready PDF with embedded fonts",
	Draw: func(w io.Writer, ld *layout.Document, opts Options) error {
		return pdf.Render(w, ld, pdf.Options{Date: opts.Date})
	},
}

// PNG draws each page as a PNG image, with the same fonts and shaping as
// the PDF: for phones, newsletters and web pages.
var PNG = Backend{
	Name:        "png",
	Ext:         "png",
	Description: "one PNG image per page, at --dpi (150 by default)",
	Page: func(w io.Writer, ld *layout.Document, i int, opts Options) error {
		return png.Render(w, ld, i, png.Options{DPI: opts.DPI})
	},
}

// SVG draws each page as an SVG image: text as outlines, so it looks the
// same everywhere, with the page's words in its title and description.
var SVG = Backend{
	Name:        "svg",
	Ext:         "svg",
	Description: "one SVG image per page, text drawn as outlines, the words kept for screen readers",
	Page: func(w io.Writer, ld *layout.Document, i int, _ Options) error {
		return svg.Render(w, ld, i)
	},
}

// Backends lists every page backend, the default first.
var Backends = []Backend{PDF, PNG, SVG}

// BackendNames lists the backends' names.
func BackendNames() []string {
	names := make([]string, len(Backends))
	for i, b := range Backends {
		names[i] = b.Name
	}
	return names
}

// Layout places one document on pages.
type Layout func(ts *typeset.Typesetter, d *doc.Document, opts layout.Options) (*layout.Document, error)

// Text writes a document straight from the model, with no pages.
type Text struct {
	Ext   string // file extension, without the dot
	Write func(w io.Writer, d *doc.Document) error
	// Leaves, when set, says what Write leaves out of d for want of
	// room (the SMS: the organisation's number when three segments
	// cannot hold it), for the operator.
	Leaves func(d *doc.Document) []doc.Part
}

// Block names a part of a document that a format must carry.
type Block string

// Blocks a budget can ask for.
const (
	Hotline   Block = "hotline number"   // the national hotline's number
	Emergency Block = "emergency line"   // the "in danger, call 911" line
	Law       Block = "law section"      // the "Know the law" section
	Safety    Block = "safety card text" // the discreet card's outside and inside
	Social    Block = "social-media text (social.* messages)"
	// Province, Local and Own are what a user adds to the help panel:
	// the verified lines of a province, the local contacts the
	// organisation labelled, and its own phone, email and website.
	Province Block = "province's lines"
	Local    Block = "organisation's local contacts"
	Own      Block = "organisation's phone, email and website"
)

// KitBlock is the text of a part of the workshop kit, as a block a
// format must carry.
func KitBlock(p doc.KitPart) Block {
	return Block("workshop kit's " + string(p) + " text (kit.* messages)")
}

// Budget is what a format must carry. A document that lacks a block its
// format needs is refused before anything is laid out or written, so a
// safety-critical part is never silently dropped.
type Budget struct {
	Must []Block
	// Leaves are blocks the format has no room for (a wallet-sized
	// safety card, three SMS segments): it prints without them and the
	// operator is told, never silently. LeavesBilingual are those its
	// bilingual form leaves too (bilingual cards have a front in each
	// language and no back).
	Leaves, LeavesBilingual []Block
	// Kit lists the parts of the workshop kit the format prints (the
	// facilitator guide prints the slides' presenter notes too). The
	// engine assembles them only for such a format, and refuses an
	// audience or a language that does not have them.
	Kit []doc.KitPart
	// OneWay says the format carries one of the organisation's own ways
	// to be reached: its phone, else its website, else its email (an
	// SMS); the others are left out, and the operator told.
	OneWay bool
	// Pocket says the format prints the audience's pocket card
	// (doc.Pocket): the engine assembles it only for such a format, and
	// refuses an audience or a language that does not have one.
	Pocket bool
}

// PocketBlock is the text of an audience's pocket card, as a block a
// format must carry.
const PocketBlock Block = "pocket card text (pocket: in audience.yaml)"

// Leaving lists the blocks of d's kind the budget leaves out, of those
// the job has: a province (province), the local contacts the
// organisation labelled (local), its own phone, email or website (own).
func (b Budget) Leaving(bilingual, province, local, own bool) []Block {
	var out []Block
	for _, blk := range []Block{Province, Local, Own} {
		has := blk == Province && province || blk == Local && local || blk == Own && own
		if has && (slices.Contains(b.Leaves, blk) || bilingual && slices.Contains(b.LeavesBilingual, blk)) {
			out = append(out, blk)
		}
	}
	return out
}

// Needs reports whether the budget asks for blk.
func (b Budget) Needs(blk Block) bool { return slices.Contains(b.Must, blk) }

// Check names the first block d lacks, as an error.
func (b Budget) Check(d *doc.Document) error {
	if b.Pocket && (d.Pocket == nil || len(d.Pocket.Sections) == 0) {
		return &MissingError{Block: PocketBlock}
	}
	for _, p := range b.Kit {
		if !d.Kit.Has(p) {
			return &MissingError{Block: KitBlock(p)}
		}
	}
	for _, blk := range b.Must {
		var ok bool
		switch blk {
		case Hotline:
			ok = strings.TrimSpace(d.Help.Hotline.Phone) != ""
		case Emergency:
			ok = strings.TrimSpace(d.Help.Emergency) != ""
		case Law:
			ok = d.Law != nil && len(d.Law.Items) > 0
		case Safety:
			sf := d.Safety
			ok = sf.FrontTitle != "" && sf.InsideTitle != "" && sf.InsideText != "" && sf.Danger != ""
		case Social:
			ok = d.Social != nil && d.Social.Help != "" && d.Social.Alt != "" && len(d.Social.Avoid) > 0
		case Province, Local, Own:
			return fmt.Errorf("block %q is added by the user; no format must carry it", blk)
		default:
			return fmt.Errorf("unknown block %q in a format's budget", blk)
		}
		if !ok {
			return &MissingError{Block: blk}
		}
	}
	return nil
}

// MissingError is a document without a block its format must carry.
type MissingError struct{ Block Block }

func (e *MissingError) Error() string {
	return fmt.Sprintf("the content has no %s, which this format must carry", e.Block)
}

// Format is one kind of material. A page format has a Layout and is drawn
// by one of its backends; a text format has Text and no pages.
type Format struct {
	Name        string
	Description string
	Layout      Layout
	// Bilingual lays out two languages in one document; nil when the
	// format has no bilingual form.
	Bilingual layout.Bilingual
	// Backends names the backends a page format can be drawn with, the
	// default first; nil means every backend in Backends.
	Backends []string
	Text     *Text
	Budget   Budget
	// Carries is what a page format's layout prints of a document, every
	// block in full (or fails naming what did not fit); Bilingual
	// carries BilingualCarries of each language's document.
	Carries, BilingualCarries layout.Content
	// Screen formats are laid out in pixels for phones and the web, not
	// on paper: one unit of the page is one pixel of the image.
	Screen bool
	// Caption writes the text posted beside each image (its languages'
	// documents in order), into a .txt file of the image's name; nil for
	// none.
	Caption func(w io.Writer, docs ...*doc.Document) error
	// Print says how a copy goes through a printer; nil for a format
	// that is not printed (text, images for screens).
	Print *Printing
	// Styled says the format is made in every layout.Style (large print,
	// high contrast) as well as the standard one; every other format
	// refuses another style. Text formats are not styled: the reader's
	// browser, mail or phone sets their size and colours.
	Styled bool
	// Shown says how a page format that is not printed is used, where a
	// print shop's list says what to print: slides are shown on a
	// projector.
	Shown string
}

// Printing is how one copy of a page format is printed.
type Printing struct {
	// Sides is 1, or 2 for a copy printed on both sides of its sheets
	// (duplex, turned on the long edge).
	Sides int
	// Pages is how many pages a copy has: 0 for Sides (one sheet), or
	// VariesPages when it depends on the text (a facilitator guide): then
	// the pages are counted once the file is made.
	Pages int
	// BilingualSides is Sides for the bilingual form, when it differs:
	// a bilingual flyer has a language's rows on each side.
	BilingualSides int
	// Sheet is the paper a copy prints on when the plan asks for paper:
	// nil for the same; a poster asks a larger sheet.
	Sheet func(layout.Paper) layout.Paper
	// Up is how many pieces are cut from one sheet with the print
	// options, for a format imposed several to a sheet; nil for one. For
	// such a format a copy is a sheet.
	Up func(layout.Paper, layout.PrintOptions) int
	// LargeUp is Up in large print, whose cards are larger; nil for Up.
	LargeUp func(layout.Paper, layout.PrintOptions) int
	// Pieces names what is cut from the sheet: "wallet cards".
	Pieces string
}

// VariesPages says that a format's pages depend on its text.
const VariesPages = -1

// Sheet is how one copy of a format prints on a paper.
type Sheet struct {
	Paper  layout.Paper // the sheet fed to the printer
	Sides  int          // 1, or 2 for both sides (duplex)
	Pages  int          // of a copy; VariesPages when the text decides
	Up     int          // pieces cut from the sheet; 1 when the page is the piece
	Pieces string       // what the pieces are, when Up > 1
}

// Duplex reports whether the sheet is printed on both sides.
func (s Sheet) Duplex() bool { return s.Sides == 2 }

// PerCopy is how many sheets one copy takes, given the pages its file
// has (0 when not yet made: then the table's count, or one sheet when
// the text decides).
func (s Sheet) PerCopy(pages int) int {
	if pages <= 0 {
		pages = max(s.Pages, s.Sides)
	}
	return max(1, (pages+s.Sides-1)/s.Sides)
}

// Sheet says how f prints on paper; ok is false when f is not printed.
func (f Format) Sheet(paper layout.Paper) (s Sheet, ok bool) {
	return f.SheetFor(paper, layout.PrintOptions{}, false, layout.Standard)
}

// SheetFor says how f, or its bilingual form, prints on paper with the
// print options po (a bleed can leave room for fewer cards) in a style
// (large print puts fewer cards on a sheet); ok is false when f is not
// printed.
func (f Format) SheetFor(paper layout.Paper, po layout.PrintOptions, bilingual bool, style layout.Style) (s Sheet, ok bool) {
	if f.Print == nil {
		return Sheet{}, false
	}
	sides := f.Print.Sides
	if bilingual && f.Print.BilingualSides > 0 {
		sides = f.Print.BilingualSides
	}
	s = Sheet{Paper: paper, Sides: sides, Pages: cmp.Or(f.Print.Pages, sides), Up: 1}
	if f.Print.Sheet != nil {
		s.Paper = f.Print.Sheet(paper)
	}
	if f.Print.Up != nil {
		s.Up, s.Pieces = f.Print.Up(paper, po), f.Print.Pieces
		if style == layout.LargePrint && f.Print.LargeUp != nil {
			s.Up = f.Print.LargeUp(paper, po)
		}
	}
	return s, true
}

// Paged reports whether the format is laid out on pages.
func (f Format) Paged() bool { return f.Layout != nil }

// BackendNames lists the backends f can be drawn with, the default
// first; none for a text format.
func (f Format) BackendNames() []string {
	if !f.Paged() {
		return nil
	}
	if f.Backends != nil {
		return slices.Clone(f.Backends)
	}
	return BackendNames()
}

// Backend finds the backend name draws f with; "" is f's default. A text
// format has no backend: it gives the zero Backend for "", and an error
// for any name.
func (f Format) Backend(name string) (Backend, error) {
	key := strings.ToLower(strings.TrimSpace(name))
	valid := f.BackendNames()
	if !f.Paged() {
		if key == "" {
			return Backend{}, nil
		}
		return Backend{}, fmt.Errorf("format %s is text, written as .%s; a backend (%s) draws page formats only", f.Name, f.Text.Ext, name)
	}
	if key == "" {
		key = valid[0]
	}
	if slices.Contains(valid, key) {
		for _, b := range Backends {
			if b.Name == key {
				return b, nil
			}
		}
	}
	return Backend{}, &UnknownError{Kind: "backend", Name: name, Valid: valid}
}

var pageBudget = Budget{Must: []Block{Hotline, Emergency}}

// helpOnly leaves what the user adds to the help panel: the format has
// room for the hotline and 911 only.
var helpOnly = []Block{Province, Local, Own}

// socialBudget: a social image carries the hotline, the emergency line
// and the words written for social media in its language.
var socialBudget = Budget{Must: []Block{Hotline, Emergency, Social}}

// screenBackends draw the social formats: images only, PNG by default.
var screenBackends = []string{"png", "svg"}

// Formats lists what the tool can make, in the order help shows them.
var Formats = []Format{
	{Name: "flyer", Description: "One page: headline, signs, what to do, and the hotline large, with a QR code",
		Layout: layout.Flyer, Bilingual: layout.BilingualFlyer, Budget: pageBudget,
		Carries: layout.FlyerContent, BilingualCarries: layout.BilingualFlyerContent, Print: &Printing{Sides: 1, BilingualSides: 2}, Styled: true},
	{Name: "handout", Description: "Both sides of a sheet (a third page when the text needs it): the flyer with room to breathe; on the back the law in plain words, contacts and a story",
		Layout: layout.Handout, Budget: Budget{Must: []Block{Hotline, Emergency, Law}}, Carries: layout.HandoutContent, Print: &Printing{Sides: 2, Pages: VariesPages}, Styled: true},
	{Name: "poster", Description: "Tabloid (11×17 in) or A3: large type and the hotline readable from across a room",
		Layout: layout.Poster, Bilingual: layout.BilingualPoster, Budget: pageBudget,
		Carries: layout.PosterContent, BilingualCarries: layout.BilingualPosterContent, Print: &Printing{Sides: 1, Sheet: layout.PosterSheet}},
	{Name: "cards", Description: "Wallet cards, 10 on Letter or 8 on A4 with crop marks: the hotline on the front, the contacts and up to three signs on the back",
		Layout: layout.Cards, Bilingual: layout.BilingualCards, Budget: Budget{Must: pageBudget.Must, LeavesBilingual: helpOnly},
		Carries: layout.CardsContent, BilingualCarries: layout.BilingualCardsContent,
		Print: &Printing{Sides: 2, Up: layout.WalletCardsPerSheet, LargeUp: layout.ClearCardsPerSheet, Pieces: "wallet cards"}, Styled: true},
	{Name: "tearoff", Description: "A flyer whose bottom quarter is 8 to 10 tear-off tabs with the hotline number",
		Layout: layout.Tearoff, Budget: pageBudget, Carries: layout.TearoffContent, Print: &Printing{Sides: 1}},
	{Name: "safety-card", Description: "Discreet credit-card sized cards: a neutral front, the hotline and 911 inside",
		Layout: layout.SafetyCard, Budget: Budget{Must: []Block{Hotline, Emergency, Safety}, Leaves: helpOnly}, Carries: layout.SafetyContent,
		Print: &Printing{Sides: 2, Up: layout.SafetyCardsPerSheet, LargeUp: layout.ClearSafetyCardsPerSheet, Pieces: "safety cards"}, Styled: true},
	{Name: "social-square", Description: "A 1080 × 1080 image for social media posts: headline, signs, the hotline large; its caption beside it in a .txt file",
		Layout: layout.SocialSquare, Bilingual: layout.BilingualSocialSquare, Carries: layout.SocialContent, BilingualCarries: layout.SocialContent, Backends: screenBackends, Screen: true, Caption: txt.WriteCaption, Budget: socialBudget},
	{Name: "social-story", Description: "A 1080 × 1920 image for stories and status updates, with its caption",
		Layout: layout.SocialStory, Bilingual: layout.BilingualSocialStory, Carries: layout.SocialContent, BilingualCarries: layout.SocialContent, Backends: screenBackends, Screen: true, Caption: txt.WriteCaption, Budget: socialBudget},
	{Name: "social-wide", Description: "A 1200 × 630 image for link previews and newsletters, with its caption",
		Layout: layout.SocialWide, Bilingual: layout.BilingualSocialWide, Carries: layout.SocialContent, BilingualCarries: layout.SocialContent, Backends: screenBackends, Screen: true, Caption: txt.WriteCaption, Budget: socialBudget},
	{Name: "html", Description: "One self-contained web page, accessible, with a print stylesheet",
		Text: &Text{Ext: "html", Write: html.Write}, Budget: pageBudget},
	{Name: "md", Description: "Markdown for newsletters and websites",
		Text: &Text{Ext: "md", Write: md.Write}, Budget: pageBudget},
	{Name: "txt", Description: "Plain text for email, wrapped at 72 columns",
		Text: &Text{Ext: "txt", Write: txt.Write}, Budget: pageBudget},
	{Name: "sms", Description: "The shortest text: the hotline, one sign, one action; at most 3 SMS segments",
		Text: &Text{Ext: "txt", Write: txt.WriteSMS, Leaves: txt.SMSLeaves}, Budget: Budget{Must: pageBudget.Must, Leaves: []Block{Province, Local}, OneWay: true}},

	{Name: "clinician-card", Description: "For health care providers: a pocket conversation guide, 4 to a sheet printed on both sides with crop marks (seeing the patient alone, questions to ask, what to document, referral, children), the hotline and 911 on the back",
		Layout: layout.PocketCard, Budget: Budget{Must: pageBudget.Must, Leaves: helpOnly, Pocket: true}, Carries: layout.PocketContent,
		Print: &Printing{Sides: 2, Up: layout.PocketCardsPerSheet, Pieces: "pocket cards"}},

	// The workshop kit: what an organiser needs in the room for a
	// session, for every audience (English and French; the participant
	// sheets in other languages where someone wrote them), in the order
	// a session uses them and the print pack shows them (KitFormats):
	// the guide, the slides, the handouts, the cards, sign-in, feedback.
	{Name: "guide", Description: "Workshop kit: the facilitator guide (6 to 12 pages): goals, agendas, opening safely, responding to a disclosure, presenter notes",
		Layout: layout.Guide, Budget: Budget{Must: pageBudget.Must, Kit: []doc.KitPart{doc.PartGuide, doc.PartSlides}},
		Print: &Printing{Sides: 2, Pages: VariesPages}},
	{Name: "slides", Description: "Workshop kit: 16:9 slides for a projector (1920 × 1080), the hotline at its largest; what to say with each is in the guide",
		Layout: layout.Slides, Screen: true, Shown: "not printed: shown on a projector", Budget: Budget{Must: pageBudget.Must, Kit: []doc.KitPart{doc.PartSlides}}},
	{Name: "myths", Description: "Workshop kit: myths and facts on one page, each fact with its source",
		Layout: layout.Myths, Budget: kitSheet(doc.PartMyths), Print: &Printing{Sides: 1}},
	{Name: "quiz", Description: "Workshop kit: a ten-question quiz to give before and after the session (the same questions), and its answer key on a page of its own",
		Layout: layout.Quiz, Budget: kitSheet(doc.PartQuiz), Print: &Printing{Sides: 1, Pages: 3}},
	{Name: "scenarios", Description: "Workshop kit: eight scenario cards for small groups, four to a sheet with cutting guides, the facilitator's notes on the back",
		Layout: layout.Scenarios, Budget: Budget{Must: pageBudget.Must, Leaves: helpOnly, Kit: []doc.KitPart{doc.PartScenarios}},
		Print: &Printing{Sides: 2, Pages: 4, Up: layout.ScenarioCardsPerSheet, Pieces: "scenario cards"}},
	{Name: "signin", Description: "Workshop kit: a sign-in sheet that asks only for a first name or initials, if people want, and the language they read; with two languages (-l fr+en), both on one sheet",
		Layout: layout.SignIn, Bilingual: layout.BilingualSignIn, Budget: kitSheet(doc.PartSignIn), Print: &Printing{Sides: 1}},
	{Name: "feedback", Description: "Workshop kit: a feedback form with no name on it: what people learned, what was missing, the languages they need; with two languages (-l fr+en), both on one page",
		Layout: layout.Feedback, Bilingual: layout.BilingualFeedback, Budget: kitSheet(doc.PartFeedback), Print: &Printing{Sides: 1}},
}

// kitSheet is the budget of a participant sheet of the workshop kit: the
// hotline and 911 at its foot, and its part of the kit; no room for the
// province's or the organisation's lines, which the guide and the slides
// print.
func kitSheet(p doc.KitPart) Budget {
	return Budget{Must: pageBudget.Must, Leaves: helpOnly, Kit: []doc.KitPart{p}}
}

// KitFormats lists the formats of the workshop kit, in the order of a
// session.
func KitFormats() []string {
	var names []string
	for _, f := range Formats {
		if len(f.Budget.Kit) > 0 {
			names = append(names, f.Name)
		}
	}
	return names
}

// Names lists the format names.
func Names() []string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = f.Name
	}
	return names
}

// BilingualNames lists the formats that have a bilingual form.
func BilingualNames() []string {
	var names []string
	for _, f := range Formats {
		if f.Bilingual != nil {
			names = append(names, f.Name)
		}
	}
	return names
}

// StyledNames lists the formats made in every style (Format.Styled).
func StyledNames() []string {
	var names []string
	for _, f := range Formats {
		if f.Styled {
			names = append(names, f.Name)
		}
	}
	return names
}

// ByName finds a format; case and surrounding spaces do not matter. A
// group's name is a *GroupError: a group is not one format.
func ByName(name string) (Format, error) {
	key := strings.ToLower(strings.TrimSpace(name))
	for _, f := range Formats {
		if f.Name == key {
			return f, nil
		}
	}
	if g, ok := GroupByName(key); ok {
		return Format{}, &GroupError{Group: g}
	}
	return Format{}, unknown(name)
}

// UnknownError is a name that is not in a table.
type UnknownError struct {
	Kind  string // format, backend
	Name  string
	Valid []string
}

func (e *UnknownError) Error() string {
	return spell.Unknown(nil, e.Kind, e.Name, e.Valid, nil).Error()
}
