package content

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/locale"

	"github.com/awarekit/awarekit/toolkit/input"
)

// KitSpec is the workshop kit's shared structure (audiences/kit.yaml):
// what each part of the kit prints, by message ID, in order. What is
// particular to an audience (its key messages, scenarios, myths and quiz
// questions) is in the audience's own kit.yaml (AudienceKit).
type KitSpec struct {
	Review KitReview `yaml:"review"`
	// Labels are printed by every part: the review line, page numbers.
	Labels struct {
		Review string `yaml:"review"`
		Page   string `yaml:"page"`
	} `yaml:"labels"`
	Agendas   []Agenda      `yaml:"agendas"`
	Guide     GuideSpec     `yaml:"guide"`
	Slides    []SlideSpec   `yaml:"slides"`
	Scenarios ScenariosSpec `yaml:"scenarios"`
	Myths     MythsSpec     `yaml:"myths"`
	Quiz      QuizSpec      `yaml:"quiz"`
	SignIn    FormSpec      `yaml:"signin"`
	Feedback  FormSpec      `yaml:"feedback"`
}

// KitReview records whether the kit's own text was reviewed with the
// communities it serves. Until it is, every guide page and slide says it
// is a draft for community review.
type KitReview struct {
	Status    string   `yaml:"status"` // draft or reviewed
	Reviewers []string `yaml:"reviewers"`
	Reviewed  string   `yaml:"reviewed"` // YYYY-MM-DD
}

// Draft reports whether the kit still waits for its community review.
func (r KitReview) Draft() bool {
	return r.Status != "reviewed" || len(r.Reviewers) == 0 || r.Reviewed == ""
}

// Agenda is a session plan of a given length.
type Agenda struct {
	Minutes int          `yaml:"minutes"`
	Steps   []AgendaStep `yaml:"steps"`
}

// AgendaStep is one activity and its minutes.
type AgendaStep struct {
	Minutes int    `yaml:"minutes"`
	Text    string `yaml:"text"`
}

// GuideSpec is the facilitator guide: its title and sections.
type GuideSpec struct {
	Title string `yaml:"title"`
	// Agenda heads each agenda table ({{.Minutes}}); Minutes and Activity
	// head its columns.
	Agenda   string        `yaml:"agenda"`
	Minutes  string        `yaml:"minutes"`
	Activity string        `yaml:"activity"`
	Consent  string        `yaml:"consent"` // a story's consent record ({{.Date}}, {{.By}})
	Slide    string        `yaml:"slide"`   // "Slide {{.N}}: {{.Title}}", heading presenter notes
	Sections []SectionSpec `yaml:"sections"`
}

// SectionSpec is a titled section of the guide.
type SectionSpec struct {
	Title  string      `yaml:"title"`
	Blocks []BlockSpec `yaml:"blocks"`
}

// BlockSpec is one block of a section. Exactly one of its kinds is set:
// a paragraph, a bulleted list, numbered steps, a callout, an agenda (by
// its minutes), or a block made from other content (From).
type BlockSpec struct {
	Para   string            `yaml:"para"`
	List   []string          `yaml:"list"`
	Steps  []string          `yaml:"steps"`
	Note   string            `yaml:"note"`
	Agenda int               `yaml:"agenda"`
	From   string            `yaml:"from"`
	Vars   map[string]string `yaml:"vars"` // values of the messages' placeholders
}

// Blocks a guide can take from other content (BlockSpec.From).
var guideFrom = []string{"prepare", "key_messages", "signs", "actions", "questions", "help", "stories", "slides"}

// SlideSpec is one slide. Kind is title, list, actions, hotline,
// contacts or closing (doc.SlideKind); From fills a list slide from the
// audience: key_messages or signs.
type SlideSpec struct {
	Kind    string   `yaml:"kind"`
	Title   string   `yaml:"title"`
	Text    string   `yaml:"text"`
	Items   []string `yaml:"items"`
	From    string   `yaml:"from"`
	Caution string   `yaml:"caution"`
	Notes   string   `yaml:"notes"`
}

var slideKinds = map[string]doc.SlideKind{
	"title": doc.TitleSlide, "list": doc.ListSlide, "actions": doc.ActionsSlide,
	"hotline": doc.HotlineSlide, "contacts": doc.ContactsSlide, "closing": doc.ClosingSlide,
}

// ScenariosSpec are the scenario cards' shared words: headings, and the
// questions every card asks before and after its own.
type ScenariosSpec struct {
	Title     string   `yaml:"title"`
	Card      string   `yaml:"card"` // "Scenario {{.N}}"
	Questions string   `yaml:"questions"`
	Back      string   `yaml:"back"`
	Signs     string   `yaml:"signs"`
	MadeUp    string   `yaml:"made_up"`
	Before    []string `yaml:"before"`
	After     []string `yaml:"after"`
}

// MythsSpec is the myths and facts page's words and the myths every
// audience gets, after its own.
type MythsSpec struct {
	Title  string     `yaml:"title"`
	Intro  string     `yaml:"intro"`
	Myth   string     `yaml:"myth"`
	Fact   string     `yaml:"fact"`
	Source string     `yaml:"source"`
	Items  []MythSpec `yaml:"items"`
}

// MythSpec is a myth and its fact, message IDs. The fact's sources are
// the facts register entries its message names in the message table.
type MythSpec struct {
	Myth string            `yaml:"myth"`
	Fact string            `yaml:"fact"`
	Vars map[string]string `yaml:"vars"`
}

// QuizSpec is the quiz's words and the questions every audience gets,
// before its own.
type QuizSpec struct {
	Title   string         `yaml:"title"`
	Before  string         `yaml:"before"`
	After   string         `yaml:"after"`
	How     string         `yaml:"how"`
	True    string         `yaml:"true"`
	False   string         `yaml:"false"`
	Score   string         `yaml:"score"` // {{.Count}}
	Key     string         `yaml:"key"`
	KeyNote string         `yaml:"key_note"`
	Items   []QuestionSpec `yaml:"items"`
}

// QuestionSpec is a true-or-false statement. The answer is data, not
// words, so that no translation can turn it round.
type QuestionSpec struct {
	Statement string            `yaml:"statement"`
	Answer    *bool             `yaml:"answer"`
	Why       string            `yaml:"why"`
	Vars      map[string]string `yaml:"vars"`
}

// FormSpec is a sign-in sheet or a feedback form.
type FormSpec struct {
	Title   string      `yaml:"title"`
	Intro   string      `yaml:"intro"`
	Note    string      `yaml:"note"`
	Columns []string    `yaml:"columns"`
	Fields  []FieldSpec `yaml:"fields"`
}

// FieldSpec is one question of a form.
type FieldSpec struct {
	Label   string   `yaml:"label"`
	Lines   int      `yaml:"lines"`
	Choices []string `yaml:"choices"`
}

// AudienceKit is what an audience's kit says of its own
// (audiences/<id>/kit.yaml).
type AudienceKit struct {
	// Prepare is a note for the facilitator of this audience's session.
	Prepare     string         `yaml:"prepare"`
	KeyMessages []string       `yaml:"key_messages"`
	Questions   []string       `yaml:"questions"`
	Scenarios   []ScenarioSpec `yaml:"scenarios"`
	Myths       []MythSpec     `yaml:"myths"`
	Quiz        []QuestionSpec `yaml:"quiz"`
}

// ScenarioSpec is one scenario card: its situation, its own question,
// notes for the facilitator, and the audience's signs it shows.
type ScenarioSpec struct {
	Text     string            `yaml:"text"`
	Question string            `yaml:"question"`
	Notes    string            `yaml:"notes"`
	Signs    []string          `yaml:"signs"`
	Vars     map[string]string `yaml:"vars"`
}

// KitScenarios is how many scenario cards each audience has: two sheets
// of four.
const KitScenarios = 8

// KitQuestions is how many questions the quiz has.
const KitQuestions = 10

// loadKit reads the kit's shared structure and each audience's kit, when
// the content has them.
func (lib *Library) loadKit(audiences fs.FS) error {
	if _, err := fs.Stat(audiences, "kit.yaml"); err != nil {
		return nil
	}
	k := &KitSpec{}
	if err := decodeAs(audiences, "kit.yaml", lib.displayName("kit.yaml"), k); err != nil {
		return err
	}
	for _, id := range lib.ids {
		file := path.Join(id, "kit.yaml")
		if _, err := fs.Stat(audiences, file); err != nil {
			continue
		}
		ak := &AudienceKit{}
		if err := decodeAs(audiences, file, lib.displayName(file), ak); err != nil {
			return err
		}
		lib.audiences[id].Kit = ak
	}
	lib.Kit = k
	return nil
}

// kitUses lists, for each part, the message IDs it prints for audience
// a (nil for the shared ones only): the shared labels, the part's
// shared messages and the audience's own.
func (lib *Library) kitUses(a *Audience) map[doc.KitPart][]string {
	k := lib.Kit
	if k == nil {
		return nil
	}
	uses := map[doc.KitPart][]string{}
	add := func(p doc.KitPart, ids ...string) {
		for _, id := range ids {
			if id != "" {
				uses[p] = append(uses[p], id)
			}
		}
	}
	var ak AudienceKit
	if a != nil && a.Kit != nil {
		ak = *a.Kit
	}
	for _, p := range doc.KitParts {
		add(p, k.Labels.Review, k.Labels.Page)
	}
	g := k.Guide
	add(doc.PartGuide, g.Title, g.Agenda, g.Minutes, g.Activity, g.Consent, g.Slide)
	for _, s := range g.Sections {
		add(doc.PartGuide, s.Title)
		for _, b := range s.Blocks {
			add(doc.PartGuide, b.Para, b.Note)
			add(doc.PartGuide, b.List...)
			add(doc.PartGuide, b.Steps...)
			switch b.From {
			case "prepare":
				add(doc.PartGuide, ak.Prepare)
			case "key_messages":
				add(doc.PartGuide, ak.KeyMessages...)
			case "questions":
				add(doc.PartGuide, ak.Questions...)
			}
		}
	}
	for _, ag := range k.Agendas {
		for _, st := range ag.Steps {
			add(doc.PartGuide, st.Text)
		}
	}
	for _, s := range k.Slides {
		// The guide prints what the presenter says with each slide.
		for _, p := range []doc.KitPart{doc.PartSlides, doc.PartGuide} {
			add(p, s.Title, s.Text, s.Caution, s.Notes)
			add(p, s.Items...)
			if s.From == "key_messages" {
				add(p, ak.KeyMessages...)
			}
		}
	}
	sc := k.Scenarios
	add(doc.PartScenarios, sc.Title, sc.Card, sc.Questions, sc.Back, sc.Signs, sc.MadeUp)
	add(doc.PartScenarios, sc.Before...)
	add(doc.PartScenarios, sc.After...)
	for _, s := range ak.Scenarios {
		add(doc.PartScenarios, s.Text, s.Question, s.Notes)
	}
	m := k.Myths
	add(doc.PartMyths, m.Title, m.Intro, m.Myth, m.Fact, m.Source)
	for _, it := range append(slices.Clone(ak.Myths), m.Items...) {
		add(doc.PartMyths, it.Myth, it.Fact)
	}
	q := k.Quiz
	add(doc.PartQuiz, q.Title, q.Before, q.After, q.How, q.True, q.False, q.Score, q.Key, q.KeyNote)
	for _, it := range append(slices.Clone(q.Items), ak.Quiz...) {
		add(doc.PartQuiz, it.Statement, it.Why)
	}
	for p, f := range map[doc.KitPart]FormSpec{doc.PartSignIn: k.SignIn, doc.PartFeedback: k.Feedback} {
		add(p, f.Title, f.Intro, f.Note)
		add(p, f.Columns...)
		for _, fl := range f.Fields {
			add(p, fl.Label)
			add(p, fl.Choices...)
		}
	}
	for p, ids := range uses {
		slices.Sort(ids)
		uses[p] = slices.Compact(ids)
	}
	return uses
}

// checkKit checks the kit's structure: every message it names is in the
// message table (useTable), every audience with a kit has what each part
// needs, scenarios show the audience's own signs, agendas add up.
func (lib *Library) checkKit() {
	k := lib.Kit
	if k == nil {
		return
	}
	const file = "kit.yaml"
	if k.Review.Status != "draft" && k.Review.Status != "reviewed" {
		lib.problemAt(file, "status", "review.status is %s; use draft, or reviewed with the reviewers and the date", input.Quote(k.Review.Status))
	}
	if k.Labels.Review == "" || k.Labels.Page == "" {
		lib.problemAt(file, "labels", "labels needs review and page")
	}
	if len(k.Agendas) == 0 {
		lib.problemAt(file, "agendas", "no agendas")
	}
	for _, ag := range k.Agendas {
		sum := 0
		for _, st := range ag.Steps {
			sum += st.Minutes
			if st.Minutes <= 0 || st.Text == "" {
				lib.problemAt(file, "agendas", "the %d-minute agenda has a step without minutes or text", ag.Minutes)
			}
		}
		if sum != ag.Minutes {
			lib.problemAt(file, "agendas", "the %d-minute agenda's steps add up to %d minutes", ag.Minutes, sum)
		}
	}
	for i, s := range k.Guide.Sections {
		if s.Title == "" || len(s.Blocks) == 0 {
			lib.problemAt(file, s.Title, "guide.sections[%d] needs a title and blocks", i)
		}
		for j, b := range s.Blocks {
			n := 0
			for _, set := range []bool{b.Para != "", len(b.List) > 0, len(b.Steps) > 0, b.Note != "", b.Agenda != 0, b.From != ""} {
				if set {
					n++
				}
			}
			if n != 1 {
				lib.problemAt(file, s.Title, "guide.sections[%d].blocks[%d] must be one of para, list, steps, note, agenda or from", i, j)
			}
			if b.From != "" && !slices.Contains(guideFrom, b.From) {
				lib.problemAt(file, "from: "+b.From, "guide.sections[%d].blocks[%d]: from %s; use one of %s", i, j, input.Quote(b.From), strings.Join(guideFrom, ", "))
			}
			if b.Agenda != 0 && !slices.ContainsFunc(k.Agendas, func(a Agenda) bool { return a.Minutes == b.Agenda }) {
				lib.problemAt(file, "agenda:", "guide.sections[%d].blocks[%d]: no %d-minute agenda", i, j, b.Agenda)
			}
		}
	}
	for i, s := range k.Slides {
		if _, ok := slideKinds[s.Kind]; !ok {
			lib.problemAt(file, "kind: "+s.Kind, "slides[%d]: kind %s; use title, list, actions, hotline, contacts or closing", i, input.Quote(s.Kind))
		}
		if s.Kind != "title" && s.Title == "" || s.Notes == "" {
			lib.problemAt(file, "slides", "slides[%d] needs a title and notes for the presenter", i)
		}
		if s.From != "" && s.From != "key_messages" && s.From != "signs" {
			lib.problemAt(file, "from: "+s.From, "slides[%d]: from %s; use key_messages or signs", i, input.Quote(s.From))
		}
	}
	questions := func(file string, items []QuestionSpec) {
		for i, q := range items {
			if q.Statement == "" || q.Why == "" || q.Answer == nil {
				lib.problemAt(file, q.Statement, "quiz[%d] needs statement, answer (true or false) and why", i)
			}
		}
	}
	questions(file, k.Quiz.Items)
	for _, id := range lib.ids {
		a := lib.audiences[id]
		if a.Kit == nil {
			continue
		}
		file := path.Join(id, "kit.yaml")
		ak := a.Kit
		if ak.Prepare == "" || len(ak.KeyMessages) == 0 || len(ak.Questions) == 0 {
			lib.problemAt(file, "", "needs prepare, key_messages and questions")
		}
		if len(ak.Scenarios) != KitScenarios {
			lib.problemAt(file, "scenarios", "has %d scenarios; an audience's kit has %d (two sheets of four cards)", len(ak.Scenarios), KitScenarios)
		}
		for i, s := range ak.Scenarios {
			if s.Text == "" || s.Question == "" || s.Notes == "" || len(s.Signs) == 0 {
				lib.problemAt(file, s.Text, "scenarios[%d] needs text, question, notes and the signs it shows", i+1)
			}
			for _, sign := range s.Signs {
				if !slices.Contains(a.Signs, sign) {
					lib.problemAt(file, sign, "scenarios[%d] shows %s, which is not one of the audience's signs", i+1, sign)
				}
			}
		}
		if n := len(k.Quiz.Items) + len(ak.Quiz); n != KitQuestions {
			lib.problemAt(file, "quiz", "the quiz has %d questions with the shared ones; it has %d", n, KitQuestions)
		}
		questions(file, ak.Quiz)
		for i, m := range append(slices.Clone(ak.Myths), k.Myths.Items...) {
			if m.Myth == "" || m.Fact == "" {
				lib.problemAt(file, "myths", "myth %d needs myth and fact", i+1)
			} else if msg, ok := lib.table[m.Fact]; ok && len(msg.Facts) == 0 {
				lib.problemAt("messages.yaml", m.Fact, "%s answers a myth but names no facts register entry, so the page cannot give its source", m.Fact)
			}
		}
	}
}

// KitLanguages lists the languages in which audience id's part p can be
// made.
func (lib *Library) KitLanguages(id string, p doc.KitPart) []string {
	var out []string
	for _, tag := range lib.Catalog.Tags() {
		if lib.KitMissing(id, tag, p) == nil {
			out = append(out, tag)
		}
	}
	return out
}

// KitMissing lists the messages of audience id's kit part p that
// language tag lacks, or has from older English; nil when the part can
// be made. A language a fluent speaker must rewrite has no kit: nobody
// else writes new text in it.
func (lib *Library) KitMissing(id, tag string, p doc.KitPart) []string {
	a, err := lib.Audience(id)
	l := lib.Catalog.Locale(tag)
	if err != nil || l == nil || lib.Kit == nil || a.Kit == nil {
		return []string{"kit.yaml"}
	}
	var missing []string
	for _, mid := range lib.kitUses(a)[p] {
		if l.Meta.MustRewrite() || lib.fallsBack(l, mid) {
			missing = append(missing, mid)
			continue
		}
		if _, ok := l.Messages[mid]; !ok {
			missing = append(missing, mid)
		}
	}
	return missing
}

// NoKitError is a kit part asked for in an audience or a language that
// does not have it.
type NoKitError struct {
	Part     doc.KitPart
	Audience string
	Lang     string // tag
	Name     string // the language's name in English
	// In lists the names of the languages that have the part.
	In      []string
	Missing int  // messages the language lacks
	NoKit   bool // the audience has no kit at all
	Rewrite bool // the language waits for fluent speakers
}

func (e *NoKitError) Error() string {
	what := KitPartName(e.Part)
	// "the quiz is … make it", "the scenario cards are … make them"
	is, it, its := "is", "it", "its"
	if kitPartPlural[e.Part] {
		is, it, its = "are", "them", "their"
	}
	switch {
	case e.NoKit:
		return fmt.Sprintf("the %s %s not made for audience %s: it has no workshop kit (audiences/%s/kit.yaml)", what, is, e.Audience, e.Audience)
	case e.Rewrite:
		return fmt.Sprintf("the %s %s not made in %s (%s): no kit text is written in it, as its messages wait for fluent speakers from the community; make %s in %s", what, is, e.Name, e.Lang, it, orList(e.In))
	}
	return fmt.Sprintf("the %s for %s %s written in %s only, not in %s (%s): %d of %s messages are not written in it; to make a draft, add them (kit.* in locales/en.toml) to locales/%s.toml in your content folder", what, e.Audience, is, andList(e.In), e.Name, e.Lang, e.Missing, its, e.Lang)
}

// kitPartPlural are the parts a sentence names in the plural.
var kitPartPlural = map[doc.KitPart]bool{doc.PartScenarios: true}

// KitPartName is what a part of the kit is called in a sentence:
// "facilitator guide", "sign-in sheet".
func KitPartName(p doc.KitPart) string {
	if n, ok := kitPartNames[p]; ok {
		return n
	}
	return string(p)
}

var kitPartNames = map[doc.KitPart]string{
	doc.PartGuide: "facilitator guide", doc.PartSlides: "slide show", doc.PartScenarios: "scenario cards",
	doc.PartMyths: "myths and facts page", doc.PartQuiz: "quiz", doc.PartSignIn: "sign-in sheet", doc.PartFeedback: "feedback form",
}

func andList(xs []string) string {
	switch len(xs) {
	case 0:
		return "no language"
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

func orList(xs []string) string {
	if len(xs) < 2 {
		return andList(xs)
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
}

// CheckKit says why audience id's part p cannot be made in language tag,
// or nil when it can.
func (lib *Library) CheckKit(id, tag string, p doc.KitPart) error {
	a, err := lib.Audience(id)
	if err != nil {
		return err
	}
	missing := lib.KitMissing(a.ID, tag, p)
	if missing == nil {
		return nil
	}
	e := &NoKitError{Part: p, Audience: a.ID, Lang: tag, Missing: len(missing)}
	if lib.Kit == nil || a.Kit == nil {
		e.NoKit = true
		return e
	}
	l := lib.Catalog.Locale(tag)
	if l == nil {
		return &locale.UnknownLanguageError{Lang: tag, Valid: lib.Catalog.Tags()}
	}
	e.Name, e.Rewrite = l.Meta.Name, l.Meta.MustRewrite()
	for _, t := range lib.KitLanguages(a.ID, p) {
		name := t
		if l := lib.Catalog.Locale(t); l != nil && l.Meta.Name != "" {
			name = l.Meta.Name + " (" + t + ")"
		}
		e.In = append(e.In, name)
	}
	return e
}
