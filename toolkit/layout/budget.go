package layout

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/awarekit/awarekit/toolkit/doc"
)

// Content is a format's content budget: the blocks of the document it
// carries, every one in full (a layout fits them all or fails naming
// what did not fit), and how many signs at least. The format table
// (package format) lists each format's, and tests hold every layout to
// it.
type Content struct {
	Blocks []doc.Part
	// Signs is how many signs the format prints where it has no room
	// for them all (a wallet card's back), the first ones; 0 means
	// every sign.
	Signs int
	// MinSigns is the fewest the format prints when the contacts (the
	// audience's, a province's lines, the organisation's) need the room:
	// on a wallet card the contacts are what the card is for. 0 means
	// Signs; NoSigns means none (the card then shows no signs title).
	MinSigns int
	// Compact is a small piece's way (a wallet card): each contact by
	// its name and number, the QR code without a caption, and of the
	// footer the draft notice only.
	Compact bool
	// ShortDraft prints the draft notice in its fewest words, the
	// language's and English on one line (doc.Labels.SMSDraft), where
	// the two sentences of the footer's notice have no room: the sides
	// of a two-language wallet card.
	ShortDraft bool
	// Stories is how many stories the format tells, the first ones; 0
	// means every one.
	Stories int
	// Untitled lists the signs without their title (a social image).
	Untitled bool
	// LocalRoom is how many of the local contacts the organisation
	// labelled the format has room for, besides its own number and
	// addresses: with more, it prints none of them (and the operator is
	// told). 0 means every one (profile.MaxLocal); NoLocal none.
	LocalRoom int
}

// NoLocal as a LocalRoom: the format prints none of the local contacts
// the organisation labelled.
const NoLocal = -1

// LeavesLocal reports whether a format prints without the n local
// contacts the organisation labelled.
func (c Content) LeavesLocal(n int) bool {
	return n > 0 && (c.LocalRoom == NoLocal || c.LocalRoom > 0 && n > c.LocalRoom)
}

// ownLocal is d without the local contacts the organisation labelled
// when c has no room for them: the organisation's own number and
// addresses stay.
func (c Content) ownLocal(d *doc.Document) *doc.Document {
	l := d.Help.Local
	if l == nil {
		return d
	}
	var own, labelled []doc.Contact
	for _, ct := range l.Contacts {
		if ct.Name == d.Brand.OrgName {
			own = append(own, ct)
		} else {
			labelled = append(labelled, ct)
		}
	}
	if !c.LeavesLocal(len(labelled)) {
		return d
	}
	nd := *d
	nl := *l
	nl.Contacts = own
	nd.Help.Local = &nl
	if len(own) == 0 {
		nd.Help.Local = nil
	}
	return &nd
}

// Has reports whether c carries b.
func (c Content) Has(b doc.Part) bool { return slices.Contains(c.Blocks, b) }

// NoSigns as a MinSigns lets a format print no signs at all.
const NoSigns = -1

// SignCounts lists how many of n signs the format tries to print, most
// first.
func (c Content) SignCounts(n int) []int {
	if c.Signs == 0 {
		return []int{n}
	}
	var out []int
	least := min(n, cmp.Or(c.MinSigns, c.Signs))
	if c.MinSigns == NoSigns {
		least = 0
	}
	for i := min(n, c.Signs); i >= least; i-- {
		out = append(out, i)
	}
	return out
}

// helpBlocks are what every help panel carries; most have a title too
// (doc.PartHelp).
var helpBlocks = []doc.Part{doc.PartHotline, doc.PartEmergency, doc.PartProvince, doc.PartLocal}

func blocks(groups ...[]doc.Part) []doc.Part {
	var out []doc.Part
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

// The content budgets of the page formats.
var (
	// FlyerContent: one page, body at 11 pt or more whatever the
	// branding adds. The notes and the statistic are the handout's.
	FlyerContent = Content{Blocks: blocks(
		[]doc.Part{doc.PartHeadline, doc.PartOrg, doc.PartLogo, doc.PartSigns, doc.PartActions},
		helpBlocks, []doc.Part{doc.PartContacts, doc.PartQR, doc.PartOrgQR, doc.PartFooter})}
	// BilingualFlyerContent: the flyer's blocks in both languages, on
	// both sides of a sheet.
	BilingualFlyerContent = FlyerContent
	// HandoutContent: everything a printed page can say, on both sides
	// of a sheet (or more when the text needs it), with one story.
	HandoutContent = Content{Blocks: blocks(
		[]doc.Part{doc.PartHeadline, doc.PartOrg, doc.PartLogo, doc.PartEvent, doc.PartIntro, doc.PartSigns, doc.PartActions, doc.PartNotes, doc.PartFact},
		helpBlocks, []doc.Part{doc.PartHelp, doc.PartContacts, doc.PartDetails, doc.PartQR, doc.PartOrgQR, doc.PartLaw, doc.PartStory, doc.PartFooter}), Stories: 1}
	// PosterContent: read in passing, from across a room: the headline,
	// the signs, what to do and the help, in large type.
	PosterContent = Content{Blocks: blocks(
		[]doc.Part{doc.PartHeadline, doc.PartOrg, doc.PartLogo, doc.PartSigns, doc.PartActions},
		helpBlocks, []doc.Part{doc.PartQR, doc.PartOrgQR, doc.PartFooter})}
	// BilingualPosterContent: two languages' signs and help fill a
	// sheet; what to do is on the one-language poster and the bilingual
	// flyer.
	BilingualPosterContent = Content{Blocks: blocks(
		[]doc.Part{doc.PartHeadline, doc.PartOrg, doc.PartLogo, doc.PartSigns},
		helpBlocks, []doc.Part{doc.PartContacts, doc.PartQR, doc.PartOrgQR, doc.PartFooter})}
	// TearoffContent: three quarters of a flyer and the tabs. Of the
	// organisation's list it prints the organisation's own number and
	// addresses, not the local contacts it labelled (format's Budget
	// leaves them, and the operator is told).
	TearoffContent = Content{Blocks: []doc.Part{doc.PartHeadline, doc.PartOrg, doc.PartLogo, doc.PartSigns, doc.PartActions,
		doc.PartHotline, doc.PartEmergency, doc.PartProvince, doc.PartOrgQR, doc.PartTabs, doc.PartFooter}, LocalRoom: NoLocal}
	// CardsContent: the hotline and 911 on the front; three signs, the
	// other contacts and the organisation's list on the back: its own
	// number and one contact it labelled (with more, the labelled ones
	// are left out and the operator told).
	CardsContent = Content{Blocks: blocks(
		[]doc.Part{doc.PartHeadline, doc.PartOrg, doc.PartSigns, doc.PartContacts, doc.PartQR},
		helpBlocks, []doc.Part{doc.PartFooter}), Signs: 3, MinSigns: NoSigns, Compact: true, LocalRoom: 1}
	// BilingualCardsContent: a front in each language, no back; each
	// side carries its language's draft notice, in its short form.
	BilingualCardsContent = Content{Blocks: []doc.Part{doc.PartHeadline, doc.PartOrg, doc.PartHotline, doc.PartEmergency, doc.PartFooter}, Compact: true, ShortDraft: true}
	// PocketContent: the clinician's pocket card prints the
	// organisation's name over its guide, the emergency line under the
	// hotline's number, and the draft notice.
	PocketContent = Content{Blocks: []doc.Part{doc.PartOrg, doc.PartEmergency, doc.PartFooter}, Compact: true}
	// SafetyContent: the discreet card's words, the hotline and 911.
	SafetyContent = Content{Blocks: []doc.Part{doc.PartSafety, doc.PartFooter}, Compact: true}
	// SocialContent: for a phone: the headline, three signs (two per
	// language in two, or on a wide image), the hotline and the social
	// text's words about it and 911.
	SocialContent = Content{Blocks: []doc.Part{doc.PartHeadline, doc.PartOrg, doc.PartLogo, doc.PartSigns, doc.PartSocial}, Signs: 3, MinSigns: 2, Untitled: true}
)

// ErrDoesNotFit means the text is too long for the format even at the
// smallest size the format allows.
var ErrDoesNotFit = errors.New("the text does not fit on the page at a readable size")

// FitError says what did not fit: which blocks, on which format, at
// what size, and how much room they needed.
type FitError struct {
	Format string     // "poster", "handout back"
	Blocks []doc.Part // the blocks of the part that did not fit
	Size   float64    // the smallest body size tried, in points
	Need   float64    // points the content needed …
	Have   float64    // … and the room there was
	// Fix says what the user can change; "" for the organisation's
	// text, or a format with more room.
	Fix string
	// Unit is a line that may not break (a phone number, a part of a web
	// address) and is wider than its line even set at Size.
	Unit string
	// Gave is what the user gave that takes the room, for the advice to
	// shorten it; "" is the organisation's name and local contacts. The
	// caller that knows of a content folder names it here.
	Gave string
}

// gave is what the message asks the user to shorten.
func (e *FitError) gave() string {
	return cmp.Or(e.Gave, "the organisation's name and local contacts")
}

func (e *FitError) Error() string {
	if e.Unit != "" {
		where := "a line"
		if e.Format != "" {
			where += " of the " + e.Format
		}
		rule := "a phone number is never broken across lines; give it without its extension"
		if u := strings.TrimLeft(e.Unit, "( "); u == "" || !(u[0] == '+' || '0' <= u[0] && u[0] <= '9') {
			rule = "a web address is broken only after a dot or a slash; give a shorter address (the site's home page, or a short link)"
		}
		return fmt.Sprintf("%s is wider than %s even set small, and %s, or shorten %s beside it, or choose a format with more room (%s)", quoteUnit(e.Unit), where, rule, e.gave(), moreRoom(e.Format))
	}
	what := "the text"
	if len(e.Blocks) > 0 {
		names := make([]string, len(e.Blocks))
		for i, b := range e.Blocks {
			names[i] = "the " + string(b)
		}
		what = joinAnd(names)
	}
	verb, pronoun := "do", "they need"
	if len(e.Blocks) == 1 || len(e.Blocks) == 0 {
		verb, pronoun = "does", "it needs"
	}
	msg := fmt.Sprintf("%s %s not fit on the %s", what, verb, cmp.Or(e.Format, "page"))
	if e.Size > 0 {
		msg += fmt.Sprintf(" at %.0f pt", e.Size)
	}
	if e.Need > 0 {
		room := "the page"
		if strings.Contains(e.Format, "card") { // a side of a card: "wallet card back"
			room = "the card"
		}
		msg += fmt.Sprintf(" (%s %.0f pt of height, %s has %.0f)", pronoun, e.Need, room, e.Have)
	}
	return msg + "; " + cmp.Or(e.Fix, "shorten what you gave ("+e.gave()+"), or choose a format with more room ("+moreRoom(e.Format)+")")
}

// quoteUnit quotes an unbreakable piece of text for a message, cut to
// its first 40 characters and its length when it is longer than 60.
func quoteUnit(u string) string {
	if n := utf8.RuneCountInString(u); n > 60 {
		r := []rune(u)
		return fmt.Sprintf("%q (%d characters)", string(r[:40])+"…", n)
	}
	return strconv.Quote(u)
}

// moreRoom names the formats with more room than format ("bilingual
// flyer", "handout back", "wallet card back"), so that a refusal never
// offers the format it refuses: a flyer's text goes on a handout or a
// poster, a poster's on a handout's pages, a handout's on a poster; any
// smaller format's on all three.
func moreRoom(format string) string {
	switch {
	case strings.Contains(format, "flyer"):
		return "handout, poster"
	case strings.Contains(format, "poster"):
		return "handout"
	case strings.Contains(format, "handout"):
		return "poster"
	}
	return "flyer, handout, poster"
}

// Unwrap makes a FitError an ErrDoesNotFit.
func (e *FitError) Unwrap() error { return ErrDoesNotFit }

// joinAnd joins words as a list: "a, b and c".
func joinAnd(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// fitHint says what a user can change when a page does not fit: the
// parts of it that are theirs to choose.
func fitHint(d *doc.Document) string {
	var parts []string
	if n := utf8.RuneCountInString(d.Brand.OrgName); n > 40 {
		parts = append(parts, fmt.Sprintf("a shorter organisation name (it has %d characters)", n))
	}
	if d.Help.Local != nil && len(d.Help.Local.Contacts) > 1 {
		parts = append(parts, "fewer local contacts (organisation.local)")
	}
	if len(d.Help.Province) > 0 {
		parts = append(parts, "leaving out the province for this format")
	}
	// A logo far from square takes a strip across the page or the
	// band's height beside the headline.
	if l := d.Brand.Logo; l != nil && (l.Width > 2*l.Height || l.Height > 2*l.Width) {
		parts = append(parts, fmt.Sprintf("a logo closer to square (organisation.logo: this one is %d × %d pixels)", l.Width, l.Height))
	}
	if len(parts) == 0 {
		return ""
	}
	return "; to make room, try " + strings.Join(parts, ", or ")
}

// layoutError wraps a layout's error, with a hint when the page did not
// fit.
func layoutError(what string, d *doc.Document, err error) error {
	if errors.Is(err, ErrDoesNotFit) {
		return fmt.Errorf("lay out %s %s (%s): %w%s", d.Meta.Audience, what, d.Meta.Lang, err, fitHint(d))
	}
	return fmt.Errorf("lay out %s %s (%s): %w", d.Meta.Audience, what, d.Meta.Lang, err)
}

// blocksOf lists the blocks b's elements come from, in order.
func blocksOf(boxes ...box) []doc.Part {
	var out []doc.Part
	for _, b := range boxes {
		b.eachTagged(nil, func(e *Element, up *Tag) {
			blk := e.Tag.BlockOf()
			if blk == "" && e.Tag.Root().kept {
				blk = up.BlockOf()
			}
			if blk != "" && !slices.Contains(out, blk) {
				out = append(out, blk)
			}
		})
	}
	return out
}
