package doc

import (
	"strconv"
	"strings"
)

// Kit is the workshop kit's text for one audience in one language: what
// an organiser needs in the room besides the materials people take home.
// It is a section of the Document, not a document of its own, because
// every part of the kit also prints what the material prints (the
// brand, the signs and actions, the help panel with its province and
// local lines, the stories, the footer with its draft lines): the kit's
// layouts compose the same pieces over the same document.
//
// Each part is nil unless the format being made asked for it and its
// language has it: the guide and slides are written in English and
// French only, the participant parts may have drafts in other languages.
type Kit struct {
	// Review says the kit's own text has not been reviewed with the
	// communities it serves yet, in the page's language; "" once a
	// community review is recorded (audiences/kit.yaml).
	Review string
	// PageOf numbers pages, with "{page}" and "{pages}" where the
	// numbers go: "Page {page} of {pages}".
	PageOf string

	Guide     *Guide
	Slides    *Slides
	Scenarios *Scenarios
	Myths     *Myths
	Quiz      *Quiz
	SignIn    *Form
	Feedback  *Form
}

// KitPart names a part of the workshop kit: the text one of its formats
// prints.
type KitPart string

// The parts of the kit.
const (
	PartGuide     KitPart = "guide"
	PartSlides    KitPart = "slides"
	PartScenarios KitPart = "scenarios"
	PartMyths     KitPart = "myths"
	PartQuiz      KitPart = "quiz"
	PartSignIn    KitPart = "signin"
	PartFeedback  KitPart = "feedback"
)

// KitParts lists the parts in the order a session uses them.
var KitParts = []KitPart{PartGuide, PartSlides, PartScenarios, PartMyths, PartQuiz, PartSignIn, PartFeedback}

// Has reports whether k carries part p.
func (k *Kit) Has(p KitPart) bool {
	if k == nil {
		return false
	}
	switch p {
	case PartGuide:
		return k.Guide != nil
	case PartSlides:
		return k.Slides != nil
	case PartScenarios:
		return k.Scenarios != nil
	case PartMyths:
		return k.Myths != nil
	case PartQuiz:
		return k.Quiz != nil
	case PartSignIn:
		return k.SignIn != nil
	case PartFeedback:
		return k.Feedback != nil
	}
	return false
}

// Page fills PageOf with page n of total.
func (k *Kit) Page(n, total int) string {
	return strings.NewReplacer("{page}", strconv.Itoa(n), "{pages}", strconv.Itoa(total)).Replace(k.PageOf)
}

// Guide is the facilitator guide: a title and sections that flow over
// as many pages as they need.
type Guide struct {
	Title    string // "Facilitator guide"
	Subtitle string // who the session is for: the audience's name
	Sections []Section
}

// Section is a titled part of a flowing document.
type Section struct {
	Title  string
	Blocks []Block
}

// BlockKind says what a Block is.
type BlockKind int

// The kinds of blocks a flowing document is made of.
const (
	Paragraph  BlockKind = iota // Text
	Bullets                     // Items, each after a bullet
	Steps                       // Items, numbered
	Callout                     // Text in a tinted box: a script to read aloud, a caution
	Subhead                     // Text as a small heading
	Table                       // Rows, the first its heading; Title above it
	HelpPanel                   // the document's Help: hotline, emergency line, contacts
	StoryBlock                  // Story
)

// Block is one piece of a flowing document. Which fields are set
// depends on Kind.
type Block struct {
	Kind  BlockKind
	Title string
	Text  string
	Items []string
	// Mark is the marker of Bullets: "" for a bullet, or "✓" and "✗"
	// for what to do and what to avoid.
	Mark  string
	Rows  [][]string
	Story *Story
}

// Slides are a slide show for a projector: one idea a slide, large.
type Slides struct {
	Slides []Slide
}

// SlideKind says how a slide is laid out.
type SlideKind int

// The kinds of slides.
const (
	TitleSlide    SlideKind = iota // Title large, Text under it, the event and organisation
	ListSlide                      // Title and Items; Caution under them
	ActionsSlide                   // Title and the document's Actions
	HotlineSlide                   // Title, then the hotline's name and number, largest
	ContactsSlide                  // Title, then the document's other, province and local contacts
	ClosingSlide                   // Title, Items, and the hotline's number
)

// Slide is one slide and what the presenter says with it (the notes go
// in the guide, not on the screen).
type Slide struct {
	Kind    SlideKind
	Title   string
	Text    string
	Items   []string
	Caution string
	Notes   string
}

// Scenarios are cards for small groups: a made-up situation and
// questions on the front, notes for the facilitator on the back.
type Scenarios struct {
	Title     string // "Scenario cards", for the file's metadata
	Questions string // heading of the questions: "Talk about it"
	Back      string // heading of the back: "For the facilitator"
	Signs     string // heading of the signs on the back: "Signs in this story"
	MadeUp    string // that the story is made up
	Cards     []Scenario
}

// Scenario is one card.
type Scenario struct {
	Label     string // "Scenario 3"
	Situation string
	Questions []string
	Signs     []string // the audience's signs the story shows
	Notes     string
}

// Myths is a page of common wrong ideas and the facts, each with its
// source.
type Myths struct {
	Title  string
	Intro  string
	Myth   string // "Myth"
	Fact   string // "Fact"
	Source string // "Source"
	Items  []MythFact
}

// MythFact is a myth, the fact that answers it, and where the fact
// comes from.
type MythFact struct {
	Myth, Fact string
	Sources    []Source
}

// Source is where a fact comes from: its publisher and its address, as
// printed (no scheme).
type Source struct {
	Publisher, Address string
}

// String is the source as printed: "Justice Canada, justice.gc.ca/…".
func (s Source) String() string { return s.Publisher + ", " + s.Address }

// Quiz is a true-or-false quiz given before and after a session, with
// an answer key on a page of its own.
type Quiz struct {
	Title       string // "Quiz"
	Before      string // "Before the session"
	After       string // "After the session"
	How         string // how to answer
	True, False string
	Score       string // a line to count right answers
	Key         string // "Answer key"
	KeyNote     string // who the key is for
	Questions   []QuizQuestion
}

// QuizQuestion is a statement that is true or false, and why.
type QuizQuestion struct {
	Text   string
	Answer bool
	Why    string
}

// Form is a sheet people fill in: a sign-in sheet or a feedback form.
type Form struct {
	Title string
	Intro string
	// Note says why the form asks what it asks, or what to do with it.
	Note   string
	Fields []Field
	// Columns are the columns of a sign-in table, which has as many
	// rows as fit on the page.
	Columns []string
}

// Field is one question of a form: answered on Lines lines, or by
// ticking one of Choices.
type Field struct {
	Label   string
	Lines   int
	Choices []string
}
