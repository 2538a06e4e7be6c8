package content

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/awarekit/awarekit/toolkit/doc"
)

// assembleKit adds the workshop kit's parts to d, which is otherwise
// whole: the guide and slides print its signs, actions, help panel and
// stories. vars are the document's placeholder values (the emergency
// line). The caller has checked that the language has every part
// (CheckKit).
func (lib *Library) assembleKit(t *translator, a *Audience, d *doc.Document, parts []doc.KitPart, vars map[string]any) {
	k, ak := lib.Kit, a.Kit
	kt := &kitText{t: t, vars: vars}
	kit := &doc.Kit{PageOf: kt.text(k.Labels.Page, map[string]string{"Page": "{page}", "Pages": "{pages}"})}
	if k.Review.Draft() {
		kit.Review = kt.text(k.Labels.Review, nil)
	}
	for _, p := range parts {
		switch p {
		case doc.PartGuide:
			kit.Guide = lib.guide(kt, ak, d)
		case doc.PartSlides:
			kit.Slides = &doc.Slides{Slides: lib.slides(kt, ak, d)}
		case doc.PartScenarios:
			kit.Scenarios = scenarios(kt, k.Scenarios, ak)
		case doc.PartMyths:
			kit.Myths = lib.myths(kt, k.Myths, ak)
		case doc.PartQuiz:
			kit.Quiz = quiz(kt, k.Quiz, ak)
		case doc.PartSignIn:
			kit.SignIn = form(kt, k.SignIn)
		case doc.PartFeedback:
			kit.Feedback = form(kt, k.Feedback)
		}
	}
	d.Kit = kit
}

// kitText sets the kit's messages with the document's placeholder values
// and each message's own.
type kitText struct {
	t    *translator
	vars map[string]any
}

func (kt *kitText) text(id string, vars map[string]string) string {
	if id == "" {
		return ""
	}
	data := maps.Clone(kt.vars)
	for k, v := range vars {
		data[k] = v
	}
	return kt.t.text(id, data)
}

func (kt *kitText) texts(ids []string, vars map[string]string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		out = append(out, kt.text(id, vars))
	}
	return out
}

// guide builds the facilitator guide's sections from kit.yaml, taking
// the audience's key messages, questions and note from its kit and the
// signs, actions, help panel and stories from the document.
func (lib *Library) guide(kt *kitText, ak *AudienceKit, d *doc.Document) *doc.Guide {
	spec := lib.Kit.Guide
	g := &doc.Guide{Title: kt.text(spec.Title, nil), Subtitle: d.Meta.AudienceName}
	lengths := map[string]string{}
	for i, ag := range lib.Kit.Agendas {
		// The shortest and the longest session: {{.Short}}, {{.Long}}.
		if i == 0 {
			lengths["Short"] = strconv.Itoa(ag.Minutes)
		}
		lengths["Long"] = strconv.Itoa(ag.Minutes)
	}
	for _, ss := range spec.Sections {
		s := doc.Section{Title: kt.text(ss.Title, nil)}
		add := func(b ...doc.Block) { s.Blocks = append(s.Blocks, b...) }
		for _, bs := range ss.Blocks {
			vars := maps.Clone(lengths)
			maps.Copy(vars, bs.Vars)
			switch {
			case bs.Para != "":
				add(doc.Block{Kind: doc.Paragraph, Text: kt.text(bs.Para, vars)})
			case len(bs.List) > 0:
				add(doc.Block{Kind: doc.Bullets, Items: kt.texts(bs.List, vars)})
			case len(bs.Steps) > 0:
				add(doc.Block{Kind: doc.Steps, Items: kt.texts(bs.Steps, vars)})
			case bs.Note != "":
				add(doc.Block{Kind: doc.Callout, Text: kt.text(bs.Note, vars)})
			case bs.Agenda != 0:
				add(lib.agenda(kt, spec, bs.Agenda))
			case bs.From == "prepare":
				add(doc.Block{Kind: doc.Callout, Text: kt.text(ak.Prepare, vars)})
			case bs.From == "key_messages":
				add(doc.Block{Kind: doc.Bullets, Items: kt.texts(ak.KeyMessages, vars)})
			case bs.From == "questions":
				add(doc.Block{Kind: doc.Steps, Items: kt.texts(ak.Questions, vars)})
			case bs.From == "signs":
				add(doc.Block{Kind: doc.Subhead, Text: d.Signs.Title},
					doc.Block{Kind: doc.Bullets, Items: d.Signs.Items},
					doc.Block{Kind: doc.Paragraph, Text: d.Signs.Caution})
			case bs.From == "actions":
				for _, g := range d.Actions {
					add(doc.Block{Kind: doc.Subhead, Text: g.Title})
					if len(g.Do) > 0 {
						add(doc.Block{Kind: doc.Bullets, Mark: "✓", Items: g.Do})
					}
					if len(g.Dont) > 0 {
						add(doc.Block{Kind: doc.Bullets, Mark: "✗", Items: g.Dont})
					}
				}
			case bs.From == "help":
				add(doc.Block{Kind: doc.HelpPanel})
			case bs.From == "stories":
				for i := range d.Stories {
					add(doc.Block{Kind: doc.StoryBlock, Story: &d.Stories[i]})
				}
			case bs.From == "slides":
				for i, sl := range lib.slides(kt, ak, d) {
					title := sl.Title
					if sl.Kind == doc.TitleSlide {
						title = d.Headline
					}
					add(doc.Block{Kind: doc.Subhead, Text: kt.text(spec.Slide, map[string]string{"N": strconv.Itoa(i + 1), "Title": title})},
						doc.Block{Kind: doc.Paragraph, Text: sl.Notes})
				}
			}
		}
		g.Sections = append(g.Sections, s)
	}
	return g
}

// agenda is the table of the agenda of the given minutes.
func (lib *Library) agenda(kt *kitText, spec GuideSpec, minutes int) doc.Block {
	b := doc.Block{Kind: doc.Table, Title: kt.text(spec.Agenda, map[string]string{"Minutes": strconv.Itoa(minutes)}),
		Rows: [][]string{{kt.text(spec.Minutes, nil), kt.text(spec.Activity, nil)}}}
	for _, ag := range lib.Kit.Agendas {
		if ag.Minutes != minutes {
			continue
		}
		for _, st := range ag.Steps {
			b.Rows = append(b.Rows, []string{strconv.Itoa(st.Minutes), kt.text(st.Text, nil)})
		}
	}
	return b
}

// slides are the slide show: its words and, for the guide, what the
// presenter says with each slide.
func (lib *Library) slides(kt *kitText, ak *AudienceKit, d *doc.Document) []doc.Slide {
	var out []doc.Slide
	for _, ss := range lib.Kit.Slides {
		s := doc.Slide{Kind: slideKinds[ss.Kind], Title: kt.text(ss.Title, nil), Text: kt.text(ss.Text, nil),
			Items: kt.texts(ss.Items, nil), Caution: kt.text(ss.Caution, nil), Notes: kt.text(ss.Notes, nil)}
		if s.Kind == doc.TitleSlide && s.Title == "" {
			s.Title = d.Headline
		}
		switch ss.From {
		case "key_messages":
			s.Items = append(s.Items, kt.texts(ak.KeyMessages, nil)...)
		case "signs":
			s.Items = append(s.Items, d.Signs.Items...)
			if s.Caution == "" {
				s.Caution = d.Signs.Caution
			}
		}
		out = append(out, s)
	}
	return out
}

func scenarios(kt *kitText, spec ScenariosSpec, ak *AudienceKit) *doc.Scenarios {
	sc := &doc.Scenarios{Title: kt.text(spec.Title, nil), Questions: kt.text(spec.Questions, nil), Back: kt.text(spec.Back, nil),
		Signs: kt.text(spec.Signs, nil), MadeUp: kt.text(spec.MadeUp, nil)}
	for i, s := range ak.Scenarios {
		qs := kt.texts(spec.Before, nil)
		qs = append(qs, kt.text(s.Question, nil))
		qs = append(qs, kt.texts(spec.After, nil)...)
		sc.Cards = append(sc.Cards, doc.Scenario{
			Label:     kt.text(spec.Card, map[string]string{"N": strconv.Itoa(i + 1)}),
			Situation: kt.text(s.Text, s.Vars),
			Questions: qs,
			Signs:     kt.t.items(s.Signs, kt.vars),
			Notes:     kt.text(s.Notes, s.Vars),
		})
	}
	return sc
}

// myths are the audience's myths, then every audience's, each fact with
// the sources of the register entries its message names.
func (lib *Library) myths(kt *kitText, spec MythsSpec, ak *AudienceKit) *doc.Myths {
	m := &doc.Myths{Title: kt.text(spec.Title, nil), Intro: kt.text(spec.Intro, nil), Myth: kt.text(spec.Myth, nil),
		Fact: kt.text(spec.Fact, nil), Source: kt.text(spec.Source, nil)}
	for _, it := range append(slices.Clone(ak.Myths), spec.Items...) {
		mf := doc.MythFact{Myth: kt.text(it.Myth, it.Vars), Fact: kt.text(it.Fact, it.Vars)}
		if msg, ok := lib.table[it.Fact]; ok {
			for _, f := range lib.FactsOf(msg.Facts) {
				src := doc.Source{Publisher: f.Publisher, Address: printedAddress(f.Source)}
				if !slices.Contains(mf.Sources, src) {
					mf.Sources = append(mf.Sources, src)
				}
			}
		}
		m.Items = append(m.Items, mf)
	}
	return m
}

// printedAddress is a web address as a page prints it: no scheme, no
// "www.", no closing slash.
func printedAddress(url string) string {
	s := strings.TrimPrefix(strings.TrimPrefix(url, "https://"), "http://")
	return strings.TrimSuffix(strings.TrimPrefix(s, "www."), "/")
}

func quiz(kt *kitText, spec QuizSpec, ak *AudienceKit) *doc.Quiz {
	items := append(slices.Clone(spec.Items), ak.Quiz...)
	q := &doc.Quiz{Title: kt.text(spec.Title, nil), Before: kt.text(spec.Before, nil), After: kt.text(spec.After, nil),
		How: kt.text(spec.How, nil), True: kt.text(spec.True, nil), False: kt.text(spec.False, nil),
		Score: kt.text(spec.Score, map[string]string{"Count": strconv.Itoa(len(items))}),
		Key:   kt.text(spec.Key, nil), KeyNote: kt.text(spec.KeyNote, nil)}
	for _, it := range items {
		q.Questions = append(q.Questions, doc.QuizQuestion{Text: kt.text(it.Statement, it.Vars), Answer: *it.Answer, Why: kt.text(it.Why, it.Vars)})
	}
	return q
}

func form(kt *kitText, spec FormSpec) *doc.Form {
	f := &doc.Form{Title: kt.text(spec.Title, nil), Intro: kt.text(spec.Intro, nil), Note: kt.text(spec.Note, nil), Columns: kt.texts(spec.Columns, nil)}
	for _, fs := range spec.Fields {
		f.Fields = append(f.Fields, doc.Field{Label: kt.text(fs.Label, nil), Lines: fs.Lines, Choices: kt.texts(fs.Choices, nil)})
	}
	return f
}
