package content

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/locale"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// Request is one document to assemble.
type Request struct {
	Audience string // ID or alias
	Lang     string // an available tag (see locale.Catalog.Resolve)
	Org      profile.Organisation
	Brand    doc.Brand // from Org.Brand(), loaded once per run
	Creator  string    // the program, for the file's metadata
	Event    *doc.Event
	// Province adds the verified lines of a province or territory (a
	// code like "bc"); "" adds none.
	Province string
	// AllowDraft makes documents in languages whose file says a fluent
	// speaker must rewrite it (a proof for the reviewer).
	AllowDraft bool
	// Kit lists the parts of the workshop kit to add (doc.Kit), for the
	// kit's formats; none for the others.
	Kit []doc.KitPart
	// Pocket adds the audience's pocket card (doc.Pocket), for the
	// format that prints it.
	Pocket bool
}

// DraftError is a language that may not be printed without the
// operator's say-so: its file says a fluent speaker must rewrite it.
type DraftError struct {
	Lang, Name, File string
}

func (e *DraftError) Error() string {
	return e.Problem() + "; to make a proof for a reviewer anyway, add --allow-draft (allow_draft: true in settings or a plan)"
}

// Problem is what is wrong, without the fix, for a caller that says the
// fix its input takes (a plan's allow_draft: true).
func (e *DraftError) Problem() string {
	return fmt.Sprintf("%s (%s) is a draft that a fluent speaker must rewrite before anything in it is printed (the notes in %s say why)", e.Name, e.Lang, e.File)
}

// CheckLanguage refuses a language that must be rewritten before it is
// printed, unless allowDraft; tag is an available tag.
func (lib *Library) CheckLanguage(tag string, allowDraft bool) error {
	l := lib.Catalog.Locale(tag)
	if l == nil {
		return &locale.UnknownLanguageError{Lang: tag, Valid: lib.Catalog.Tags()}
	}
	if l.Meta.MustRewrite() && !allowDraft {
		name := l.Meta.Name
		if name == "" {
			name = tag
		}
		return &DraftError{Lang: tag, Name: name, File: l.File}
	}
	return nil
}

// DraftNotice is the line an operator sees for a draft language, in
// English: its name, tag and status; "" for English and reviewed text.
// It is worked out once per language: a plan asks for it at every item
// (plan.Parse), and counting the messages that fall back reads every
// message of the table.
func (lib *Library) DraftNotice(tag string) string {
	st := lib.lang(tag)
	if st == nil {
		return lib.draftNotice(tag)
	}
	st.noticeOnce.Do(func() { st.notice = lib.draftNotice(tag) })
	return st.notice
}

// draftNotice is DraftNotice worked out.
func (lib *Library) draftNotice(tag string) string {
	l := lib.Catalog.Locale(tag)
	if l == nil || !l.Draft() {
		return ""
	}
	name := l.Meta.Name
	if name == "" {
		name = tag
	}
	line := fmt.Sprintf("%s (%s) is a %s", name, tag, l.StatusLine())
	if n := lib.fallbacks(l); n > 0 {
		line += fmt.Sprintf("; %d of its messages are missing or older than today's English and print in English, marked %q", n, strings.TrimSpace(EnglishMark))
	}
	if n := lib.staleKept(l); n > 0 {
		line += fmt.Sprintf("; %d of its messages were translated from older English and print as they are (awarekit translate export -l %s --only stale gives them to a translator)", n, tag)
	}
	return line
}

// staleKept counts the printed messages l translated from older English
// that print all the same, with the page's draft line.
func (lib *Library) staleKept(l *locale.Locale) int {
	n := 0
	for _, id := range l.Stale() {
		if m, ok := lib.table[id]; ok && len(m.Uses) > 0 && !lib.fallsBack(l, id) {
			n++
		}
	}
	return n
}

// fallbacks counts the messages l prints in English, marked.
func (lib *Library) fallbacks(l *locale.Locale) int {
	n := 0
	for _, m := range lib.table {
		if lib.usedWhereWritten(m, l) && lib.fallsBack(l, m.ID) {
			n++
		}
	}
	return n
}

// Assemble builds the format-neutral document for one audience in one
// language. Every text comes from the locale; a missing message is an
// error, never another language's text, except in a draft that must be
// rewritten, which prints a missing or stale message in English, marked.
func (lib *Library) Assemble(req Request) (*doc.Document, error) {
	a, err := lib.Audience(req.Audience)
	if err != nil {
		return nil, err
	}
	loc := lib.Catalog.Locale(req.Lang)
	if loc == nil {
		return nil, &locale.UnknownLanguageError{Lang: req.Lang, Valid: lib.Catalog.Tags()}
	}
	if err := lib.CheckLanguage(req.Lang, req.AllowDraft); err != nil {
		return nil, err
	}
	if err := lib.Written(a.ID, req.Lang); err != nil {
		return nil, err
	}
	province, err := lib.Province(req.Province)
	if err != nil {
		return nil, err
	}
	for _, p := range req.Kit {
		if err := lib.CheckKit(a.ID, req.Lang, p); err != nil {
			return nil, err
		}
	}
	if req.Pocket {
		if err := lib.CheckPocket(a.ID, req.Lang); err != nil {
			return nil, err
		}
	}
	t := &translator{lib: lib, loc: loc, en: lib.Catalog.Locale(locale.SourceTag), audience: a}

	// The organisation's words (its name, its contacts' labels, the
	// session's details) are printed text too: their apostrophes print
	// as the language's, as the messages' do; their addresses do not
	// change (see locale.Locale.Apostrophes).
	req.Brand.OrgName = loc.Apostrophes(req.Brand.OrgName)
	d := &doc.Document{Brand: req.Brand}
	if req.Event != nil {
		d.Event = &doc.Event{Name: loc.Apostrophes(req.Event.Name), Date: loc.Apostrophes(req.Event.Date),
			Place: loc.Apostrophes(req.Event.Place), Facilitator: loc.Apostrophes(req.Event.Facilitator)}
	}
	d.Headline = t.text(a.Headline, nil)
	if a.Prints(BlockIntro) {
		d.Intro = t.text(a.Intro, nil)
	}
	d.Signs = doc.List{
		Title:   t.text("ui.signs.title", nil),
		Items:   t.items(a.Signs, nil),
		Caution: t.text("ui.signs.caution", nil),
	}
	if id := t.shortSign(a.Signs); id != "" && !lib.omitted(a, loc.Tag, id) {
		d.ShortSign = t.text(id, nil)
	}
	emergency, ok := lib.contacts[EmergencyID]
	if !ok {
		return nil, fmt.Errorf("contacts.yaml has no %q contact", EmergencyID)
	}
	vars := map[string]any{"Emergency": emergency.Phone}
	for k, v := range a.Vars {
		vars[k] = v
	}
	for _, g := range a.Actions {
		d.Actions = append(d.Actions, doc.Actions{Title: t.text(g.Title, nil), Do: t.items(g.Do, vars), Dont: t.items(g.Dont, vars)})
	}
	if a.Notes != nil && a.Prints(BlockNotes) {
		d.Notes = &doc.List{Title: t.text(a.Notes.Title, nil), Items: t.items(a.Notes.Items, vars)}
	}
	if a.Fact != nil && a.Prints(BlockFact) {
		fv := make(map[string]any, len(a.Fact.Vars))
		for k, v := range a.Fact.Vars {
			fv[k] = v
		}
		d.Fact = &doc.Fact{
			Text:   t.text(a.Fact.Text, fv),
			Source: t.text("ui.fact.source", map[string]any{"Source": t.text(a.Fact.Source, fv)}),
		}
	}

	hotline := lib.contacts[HotlineID]
	d.Help = doc.Help{
		Title:     t.text("ui.help.title", nil),
		Lead:      t.text("ui.help.hotline_lead", nil),
		Hotline:   t.contact(hotline),
		Emergency: t.text("common.do.call911", vars),
	}
	for _, id := range a.Contacts[1:] {
		d.Help.Others = append(d.Help.Others, t.contact(lib.contacts[id]))
	}
	if province != nil {
		for _, id := range province.Contacts {
			if !slices.Contains(a.Contacts, id) {
				d.Help.Province = append(d.Help.Province, t.contact(lib.contacts[id]))
			}
		}
	}
	if local := localContacts(req.Org, req.Brand.OrgName, loc); len(local) > 0 {
		// With no name, the title is the label alone: "listed by" the
		// organisation's number printed the number twice, the second
		// time right under the first.
		var title string
		if owner := req.Brand.OrgName; owner == "" {
			title = t.text("ui.help.local", nil)
		} else {
			// The name is the organisation's own, in its own script: in
			// a sentence of the other direction it is an isolate
			// (doc.Isolate), or "St. Mary's Centre 2." in Arabic loses
			// its period to the sentence's end and the sentence's words
			// their order.
			title = t.text("ui.help.listed_by", map[string]any{"Org": doc.Isolate(owner, loc.Script.RTL)})
		}
		d.Help.Local = &doc.Local{Title: title, Contacts: local}
	}

	if _, ok := loc.Messages["social.help"]; ok {
		// Social text is written per language; where it is missing the
		// social formats refuse the language (see format).
		d.Social = &doc.Social{
			Help:     t.text("social.help", nil),
			Alt:      t.text("social.alt", nil),
			Discreet: a.Discreet,
		}
		for _, w := range strings.Split(t.text("social.avoid", nil), ",") {
			if w = strings.ToLower(strings.TrimSpace(w)); w != "" {
				d.Social.Avoid = append(d.Social.Avoid, w)
			}
		}
	}

	// The hotline's code always opens the hotline's site; the
	// organisation's site gets a code of its own, which the address under
	// it captions, beside the organisation's list.
	d.QR = doc.QR{URL: hotline.URL, Text: hotline.Website, Caption: t.text("ui.qr.caption", nil)}
	if site := strings.TrimSpace(req.Org.Website); site != "" {
		d.OrgQR = &doc.QR{URL: websiteURL(site), Text: websiteText(site)}
	}

	audienceName := t.text("audience."+a.ID+".name", nil)
	author := req.Brand.OrgName
	if author == "" {
		author = "awarekit"
	}
	d.Meta = doc.Meta{
		Audience:     a.ID,
		AudienceName: audienceName,
		Lang:         req.Lang,
		RTL:          loc.Script.RTL,
		Title:        d.Headline,
		Subject:      audienceName + ": " + d.Signs.Title,
		Author:       author,
		Creator:      req.Creator,
		Version:      lib.Info.Version,
		Keep:         loc.Meta.Keep,
	}
	d.Footer = doc.Footer{
		OrgName: req.Brand.OrgName,
		Version: t.text("ui.footer.version", map[string]any{"Version": lib.Info.Version}),
	}
	if loc.Draft() {
		d.Footer.Draft = t.text("ui.draft", nil)
		if t.en != nil && loc.Tag != locale.SourceTag {
			en, err := t.en.Text("ui.draft", nil)
			if err != nil {
				return nil, err
			}
			d.Footer.DraftEnglish = t.en.Apostrophes(strings.TrimSpace(en))
		}
	}
	if lib.Law != nil && a.Prints(BlockLaw) {
		law := &doc.Law{Title: t.text(lib.Law.Title, nil), Intro: t.text(lib.Law.Intro, nil), Note: t.text(lib.Law.Note, nil)}
		for _, it := range lib.Law.Items {
			vars := map[string]any{"Section": it.Section}
			for k, v := range it.Vars {
				vars[k] = v
			}
			law.Items = append(law.Items, doc.LawItem{Text: t.text(it.Text, vars), Citation: t.text(it.Cite, vars)})
		}
		d.Law = law
	}
	for _, st := range a.Stories {
		if !a.Prints(BlockStories) {
			break
		}
		// A story's words and its consent record come from the same
		// place: a user's story prints only where the user wrote it, and a
		// built-in story whose words a user replaced does not print at all,
		// or the user's words would stand under the content team's record.
		// A translation of the language (a user file with a status, as
		// awarekit translate writes) translates the content team's story:
		// it is not the user's own words.
		userTitle, userText := slices.Contains(loc.Overridden, st.Title), slices.Contains(loc.Overridden, st.Text)
		ownTitle, ownText := userTitle && !loc.Translation, userText && !loc.Translation
		if st.FromUser && !(userTitle && userText) || !st.FromUser && (ownTitle || ownText) {
			continue
		}
		if lib.omitted(a, loc.Tag, st.Title) || lib.omitted(a, loc.Tag, st.Text) {
			continue
		}
		story := doc.Story{Title: t.text(st.Title, nil), Text: t.text(st.Text, nil)}
		if st.Composite {
			story.Label = t.text("story.label", nil)
		}
		if slices.Contains(req.Kit, doc.PartGuide) {
			story.Consent = t.text(lib.Kit.Guide.Consent, map[string]any{"Date": st.Consent.Recorded, "By": doc.Isolate(st.Consent.By, loc.Script.RTL)})
		}
		d.Stories = append(d.Stories, story)
	}
	// Every locale has these (Load checks it): a missing label is an
	// error, never a blank on the page.
	d.Safety = doc.Safety{
		FrontTitle:  t.text("safety.front.title", nil),
		FrontText:   t.text("safety.front.text", nil),
		InsideTitle: t.text("safety.inside.title", nil),
		InsideText:  t.text("safety.inside.text", nil),
		Danger:      t.text("safety.inside.danger", vars),
	}
	d.Labels = doc.Labels{
		Tab:          t.text("ui.tab.label", nil),
		MoreContacts: t.text("ui.law.more", nil),
		StorySection: t.text("story.title_section", nil),
		SMSLead:      t.text("ui.sms.lead", nil),
		PosterCall:   t.text("ui.poster.call", nil),
		CardsBack:    t.text("ui.cards.back", nil),
	}
	if loc.Draft() {
		d.Labels.SMSDraft = t.text("ui.sms.draft", nil)
		if en, ok := lib.Catalog.English("ui.sms.draft"); ok && strings.TrimPrefix(d.Labels.SMSDraft, EnglishMark) != t.en.Apostrophes(en) {
			d.Labels.SMSDraft += " / " + t.en.Apostrophes(en)
		}
	}
	if len(req.Kit) > 0 {
		lib.assembleKit(t, a, d, req.Kit, vars)
	}
	if req.Pocket {
		t.assemblePocket(a.Pocket, d, vars)
	}
	if t.err != nil {
		return nil, fmt.Errorf("assemble %s (%s): %w", a.ID, req.Lang, t.err)
	}
	return d, nil
}

// translator keeps the first error so assembling reads as a list of
// texts rather than a ladder of checks. Every message enters the
// document through text, which is where it becomes printed text: its
// typewriter apostrophes become the language's (locale.Apostrophes), so
// every format draws the same characters, and the SMS alone writes them
// back (txt.SMS) to stay in the GSM alphabet.
type translator struct {
	lib      *Library
	loc      *locale.Locale
	en       *locale.Locale // for messages a must-rewrite draft prints in English
	audience *Audience
	err      error
}

func (t *translator) text(id string, data map[string]any) string {
	if t.err != nil {
		return ""
	}
	if _, ok := t.lib.table[id]; !ok {
		t.err = fmt.Errorf("message %s is not in the message table (audiences/messages.yaml)", id)
		return ""
	}
	vals, memo := memoData(data)
	key := textKey{lib: t.lib, loc: t.loc, id: id, data: vals}
	if memo {
		if s, ok := memoGet(key); ok {
			return s
		}
	}
	s, err := t.fill(id, data)
	if err != nil {
		t.err = err
	} else if memo {
		memoPut(key, s)
	}
	return s
}

// fill is message id's printed text with data filled in: in English,
// marked, where the language falls back to it.
func (t *translator) fill(id string, data map[string]any) (string, error) {
	if t.lib.fallsBack(t.loc, id) && t.en != nil {
		s, err := t.en.Text(id, data)
		return EnglishMark + t.en.Apostrophes(strings.TrimSpace(s)), err
	}
	s, err := t.loc.Text(id, data)
	return t.loc.Apostrophes(strings.TrimSpace(s)), err
}

// items are the texts of a list, without those the language or the
// audience leaves out.
func (t *translator) items(ids []string, data map[string]any) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if t.audience != nil && t.lib.omitted(t.audience, t.loc.Tag, id) {
			continue
		}
		out = append(out, t.text(id, data))
	}
	return out
}

// shortSign is the ID of the sign of ids whose English is shortest (the
// first of equals): the sign an SMS sends in every language. Choosing it
// in each language by its own length sent a different sign in French
// than in English, so an educator sending both could not tell that
// they said the same thing.
func (t *translator) shortSign(ids []string) string {
	best, bestLen := "", 0
	if t.en == nil {
		return ""
	}
	for _, id := range ids {
		en, err := t.en.Text(id, nil)
		if err != nil {
			continue
		}
		if n := utf8.RuneCountInString(strings.TrimSpace(en)); n > 0 && (best == "" || n < bestLen) {
			best, bestLen = id, n
		}
	}
	return best
}

func (t *translator) contact(c *Contact) doc.Contact {
	vars := make(map[string]any, len(c.Vars))
	for k, v := range c.Vars {
		vars[k] = v
	}
	out := doc.Contact{Name: t.text(c.Name, vars), Phone: c.Phone, Website: c.Website, Email: c.Email}
	if c.PhoneLetters != "" {
		out.Phone = c.PhoneLetters + " (" + c.Phone[strings.LastIndex(c.Phone, "-")+1:] + ")"
	}
	if c.Detail != "" {
		out.Detail = t.text(c.Detail, vars)
	}
	if c.Text != nil {
		out.Text = t.text(c.textID(), map[string]any{"Keyword": c.Text.Keyword, "Number": c.Text.Number})
	}
	return out
}

// localContacts are the organisation's own: the organisation itself,
// when it gave a way to reach it, then the local contacts it labelled.
func localContacts(o profile.Organisation, name string, loc *locale.Locale) []doc.Contact {
	var out []doc.Contact
	if o.Phone != "" || o.Email != "" || o.Website != "" {
		out = append(out, doc.Contact{
			Name:    name,
			Phone:   strings.TrimSpace(o.Phone),
			Email:   strings.TrimSpace(o.Email),
			Website: websiteText(o.Website),
		})
	}
	for _, c := range o.Local {
		out = append(out, doc.Contact{Name: loc.Apostrophes(strings.TrimSpace(c.Label)), Phone: strings.TrimSpace(c.Phone), Website: websiteText(c.Website)})
	}
	return out
}

func websiteURL(site string) string {
	site = strings.TrimSpace(site)
	if strings.HasPrefix(site, "http://") || strings.HasPrefix(site, "https://") {
		return site
	}
	return "https://" + site
}

func websiteText(site string) string {
	site = strings.TrimSpace(site)
	site = strings.TrimPrefix(strings.TrimPrefix(site, "https://"), "http://")
	return strings.TrimSuffix(site, "/")
}
