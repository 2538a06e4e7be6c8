package content

import (
	"fmt"
	"slices"
	"strings"

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
}

// Assemble builds the format-neutral document for one audience in one
// language. Every text comes from the locale; a missing message is an
// error, never another language's text.
func (lib *Library) Assemble(req Request) (*doc.Document, error) {
	a, err := lib.Audience(req.Audience)
	if err != nil {
		return nil, err
	}
	loc := lib.Catalog.Locale(req.Lang)
	if loc == nil {
		return nil, &locale.UnknownLanguageError{Lang: req.Lang, Valid: lib.Catalog.Tags()}
	}
	t := &translator{loc: loc}
	script := locale.ScriptOf(req.Lang)

	d := &doc.Document{Brand: req.Brand, Event: req.Event}
	d.Headline = t.text(a.Headline, nil)
	d.Intro = t.text(a.Intro, nil)
	d.Signs = doc.List{
		Title:   t.text("ui.signs.title", nil),
		Items:   t.texts(a.Signs),
		Caution: t.text("ui.signs.caution", nil),
	}
	emergency, ok := lib.contacts[EmergencyID]
	if !ok {
		return nil, fmt.Errorf("contacts.yaml has no %q contact", EmergencyID)
	}
	vars := map[string]any{"Emergency": emergency.Phone}
	d.Do = doc.List{Title: t.text("ui.do.title", nil), Items: t.textsWith(a.Do, vars)}
	d.Dont = doc.List{Title: t.text("ui.dont.title", nil), Items: t.textsWith(a.Dont, vars)}
	if a.Notes != nil {
		d.Notes = &doc.List{Title: t.text(a.Notes.Title, nil), Items: t.texts(a.Notes.Items)}
	}
	if a.Fact != nil {
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
	if org := orgContact(req.Org, req.Brand.OrgName); org != nil {
		d.Help.Local = org
		d.Help.Others = append(d.Help.Others, *org)
	}
	for _, id := range a.Contacts[1:] {
		if id == EmergencyID {
			continue
		}
		d.Help.Others = append(d.Help.Others, t.contact(lib.contacts[id]))
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

	d.QR = doc.QR{URL: hotline.URL, Text: hotline.Website, Caption: t.text("ui.qr.caption", nil)}
	if site := strings.TrimSpace(req.Org.Website); site != "" {
		d.QR.URL, d.QR.Text = websiteURL(site), websiteText(site)
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
		RTL:          script.RTL,
		Title:        d.Headline,
		Subject:      audienceName + ": " + d.Signs.Title,
		Author:       author,
		Creator:      req.Creator,
		Version:      lib.Info.Version,
	}
	d.Footer = doc.Footer{
		OrgName: req.Brand.OrgName,
		Version: t.text("ui.footer.version", map[string]any{"Version": lib.Info.Version}),
	}
	if loc.Meta.Draft() {
		d.Footer.Draft = t.text("ui.draft", nil)
	}
	if lib.Law != nil {
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
		// A story's words and its consent record come from the same
		// place: a user's story prints only where the user wrote it, and a
		// built-in story whose words a user replaced does not print at all,
		// or the user's words would stand under the content team's record.
		userTitle, userText := slices.Contains(loc.Overridden, st.Title), slices.Contains(loc.Overridden, st.Text)
		if st.FromUser && !(userTitle && userText) || !st.FromUser && (userTitle || userText) {
			continue
		}
		story := doc.Story{Title: t.text(st.Title, nil), Text: t.text(st.Text, nil)}
		if st.Composite {
			story.Label = t.text("story.label", nil)
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
	if t.err != nil {
		return nil, fmt.Errorf("assemble %s (%s): %w", a.ID, req.Lang, t.err)
	}
	return d, nil
}

// translator keeps the first error so assembling reads as a list of
// texts rather than a ladder of checks.
type translator struct {
	loc *locale.Locale
	err error
}

func (t *translator) text(id string, data map[string]any) string {
	if t.err != nil {
		return ""
	}
	s, err := t.loc.Text(id, data)
	if err != nil {
		t.err = err
	}
	return strings.TrimSpace(s)
}

func (t *translator) texts(ids []string) []string { return t.textsWith(ids, nil) }

func (t *translator) textsWith(ids []string, data map[string]any) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = t.text(id, data)
	}
	return out
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
		out.Text = t.text("contact."+c.ID+".text", map[string]any{"Keyword": c.Text.Keyword, "Number": c.Text.Number})
	}
	return out
}

// orgContact is the organisation as a local contact, when it gave any way
// to reach it.
func orgContact(o profile.Organisation, name string) *doc.Contact {
	if o.Phone == "" && o.Email == "" && o.Website == "" {
		return nil
	}
	return &doc.Contact{
		Name:    name,
		Phone:   strings.TrimSpace(o.Phone),
		Email:   strings.TrimSpace(o.Email),
		Website: websiteText(o.Website),
	}
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
