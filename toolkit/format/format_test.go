package format

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/doc"
)

// TestTable checks each entry is whole: a page format has a layout and
// backends, a text format a writer and an extension, never both.
func TestTable(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range Formats {
		t.Run(f.Name, func(t *testing.T) {
			if seen[f.Name] || f.Name != strings.ToLower(f.Name) || f.Description == "" {
				t.Errorf("name %q twice, not lower case, or without a description", f.Name)
			}
			seen[f.Name] = true
			switch {
			case f.Layout != nil && f.Text != nil:
				t.Error("both a layout and a text writer")
			case f.Layout == nil && (f.Text == nil || f.Text.Write == nil || f.Text.Ext == ""):
				t.Error("neither a layout nor a whole text writer")
			case f.Layout == nil && (f.Bilingual != nil || f.Backends != nil):
				t.Error("a text format with a bilingual form or backends")
			}
			if len(f.Budget.Must) == 0 || !slices.Contains(f.Budget.Must, Hotline) {
				t.Errorf("budget %v does not carry the hotline", f.Budget.Must)
			}
			for _, name := range f.BackendNames() {
				b, err := f.Backend(name)
				if err != nil || b.Name != name || b.Ext == "" || (b.Draw == nil) == (b.Page == nil) {
					t.Errorf("backend %q: %+v, %v", name, b, err)
				}
			}
		})
	}
}

func TestBackend(t *testing.T) {
	flyer, err := ByName(" Flyer ")
	if err != nil {
		t.Fatal(err)
	}
	if b, err := flyer.Backend(""); err != nil || b.Name != "pdf" || b.Ext != "pdf" {
		t.Errorf("the flyer's default backend is %+v, %v; want pdf", b, err)
	}
	if b, err := flyer.Backend("PDF"); err != nil || b.Name != "pdf" {
		t.Errorf("PDF: %+v, %v", b, err)
	}
	_, err = flyer.Backend("tiff")
	var unknown *UnknownError
	if !errors.As(err, &unknown) || !strings.Contains(err.Error(), `unknown backend "tiff"; choose one of: pdf, png, svg`) {
		t.Errorf("tiff: %v", err)
	}
	html, err := ByName("html")
	if err != nil {
		t.Fatal(err)
	}
	if b, err := html.Backend(""); err != nil || b.Draw != nil {
		t.Errorf("html's backend is %+v, %v; want none", b, err)
	}
	if _, err := html.Backend("pdf"); err == nil || !strings.Contains(err.Error(), "page formats only") {
		t.Errorf("html drawn as pdf: %v", err)
	}
	if _, err := ByName("banner"); err == nil || !strings.Contains(err.Error(), `unknown format "banner"; choose one of: flyer, handout`) {
		t.Errorf("banner: %v", err)
	}
}

func TestBudget(t *testing.T) {
	whole := &doc.Document{
		Help:   doc.Help{Hotline: doc.Contact{Phone: "1-833-900-1010"}, Emergency: "In danger, call 911."},
		Law:    &doc.Law{Items: []doc.LawItem{{Text: "t"}}},
		Safety: doc.Safety{FrontTitle: "f", InsideTitle: "t", InsideText: "i", Danger: "d"},
		Social: &doc.Social{Help: "h", Alt: "a", Avoid: []string{"trafficking"}},
		Kit: &doc.Kit{Guide: &doc.Guide{}, Slides: &doc.Slides{}, Scenarios: &doc.Scenarios{}, Myths: &doc.Myths{},
			Quiz: &doc.Quiz{}, SignIn: &doc.Form{}, Feedback: &doc.Form{}},
		Pocket: &doc.Pocket{Title: "t", Sections: []doc.PocketSection{{Title: "s", Items: []string{"i"}}}},
	}
	for _, f := range Formats {
		if err := f.Budget.Check(whole); err != nil {
			t.Errorf("%s: %v", f.Name, err)
		}
	}
	tests := []struct {
		name   string
		format string
		cut    func(*doc.Document)
		want   Block
	}{
		{"no hotline", "sms", func(d *doc.Document) { d.Help.Hotline.Phone = " " }, Hotline},
		{"no 911 line", "flyer", func(d *doc.Document) { d.Help.Emergency = "" }, Emergency},
		{"no law", "handout", func(d *doc.Document) { d.Law = nil }, Law},
		{"no safety text", "safety-card", func(d *doc.Document) { d.Safety = doc.Safety{} }, Safety},
		{"no social text", "social-square", func(d *doc.Document) { d.Social = nil }, Social},
		{"no words to avoid", "social-wide", func(d *doc.Document) { d.Social = &doc.Social{Help: "h", Alt: "a"} }, Social},
		{"no kit", "guide", func(d *doc.Document) { d.Kit = nil }, KitBlock(doc.PartGuide)},
		{"no pocket card", "clinician-card", func(d *doc.Document) { d.Pocket = nil }, PocketBlock},
		{"an empty pocket card", "clinician-card", func(d *doc.Document) { d.Pocket = &doc.Pocket{Title: "t"} }, PocketBlock},
		{"no presenter notes", "guide", func(d *doc.Document) { k := *d.Kit; k.Slides = nil; d.Kit = &k }, KitBlock(doc.PartSlides)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := *whole
			tt.cut(&d)
			f, _ := ByName(tt.format)
			var missing *MissingError
			if err := f.Budget.Check(&d); !errors.As(err, &missing) || missing.Block != tt.want {
				t.Errorf("%s: %v, want the %s missing", tt.format, err, tt.want)
			}
		})
	}
}

// TestLeaving: the formats with no room for what a user adds to the help
// panel say so (the engine tells the operator); the others carry it.
func TestLeaving(t *testing.T) {
	for _, f := range Formats {
		single := f.Budget.Leaving(false, true, true, true)
		both := f.Budget.Leaving(true, true, true, true)
		switch f.Name {
		case "sms":
			// The organisation's own number is in the SMS when three
			// segments hold it; the engine says when they do not.
			if len(single) != 2 {
				t.Errorf("sms leaves %v; want the province's lines and the local contacts", single)
			}
		case "safety-card", "scenarios", "myths", "quiz", "signin", "feedback", "clinician-card":
			// The kit's cards and participant sheets carry the hotline
			// and 911; the local help is in the guide and slides. The
			// clinician's card is the clinician's guide: the hotline and
			// 911 are for the patient.
			if len(single) != 3 {
				t.Errorf("%s leaves %v; want the province's lines, the local contacts and the organisation's own", f.Name, single)
			}
		case "cards":
			if len(single) != 0 || len(both) != 3 {
				t.Errorf("cards leave %v, bilingual cards %v; want nothing, then both", single, both)
			}
		default:
			if len(single) != 0 || len(both) != 0 {
				t.Errorf("%s leaves %v (bilingual %v); it has room", f.Name, single, both)
			}
		}
		if got := f.Budget.Leaving(true, false, false, false); len(got) != 0 {
			t.Errorf("%s leaves %v of a job that asks for neither", f.Name, got)
		}
	}
}

// TestGroups: a group is never a format of the table (sweeps over
// Formats never try to make one), it stands for its members where it is
// named, a format named itself is asked for once where it is named, and
// a misspelt group is suggested.
func TestGroups(t *testing.T) {
	for _, g := range Groups {
		if slices.Contains(Names(), g.Name) {
			t.Errorf("group %s is also a format", g.Name)
		}
		if g.Title == "" || g.Description == "" || len(g.Members()) == 0 {
			t.Errorf("group %s: no title, description or members", g.Name)
		}
		for _, m := range g.Members() {
			if _, err := ByName(m); err != nil {
				t.Errorf("group %s: member %s: %v", g.Name, m, err)
			}
		}
		var ge *GroupError
		if _, err := ByName(g.Name); !errors.As(err, &ge) || !strings.Contains(err.Error(), strings.Join(g.Members(), ", ")) {
			t.Errorf("ByName(%s) = %v, want a GroupError naming its members", g.Name, err)
		}
		if err := Check(" " + strings.ToUpper(g.Name) + " "); err != nil {
			t.Errorf("Check(%s): %v", g.Name, err)
		}
	}
	kit := KitFormats()
	if want := []string{"guide", "slides", "myths", "quiz", "scenarios", "signin", "feedback"}; !slices.Equal(kit, want) {
		t.Fatalf("kit members %v, want %v (a session's order)", kit, want)
	}
	asked := func(as []Asked) []string {
		var out []string
		for _, a := range as {
			out = append(out, a.Name+"/"+a.Group)
		}
		return out
	}
	tests := []struct {
		name  string
		names []string
		want  []string
	}{
		{"the group alone", []string{"kit"}, []string{"guide/kit", "slides/kit", "myths/kit", "quiz/kit", "scenarios/kit", "signin/kit", "feedback/kit"}},
		{"mixed, in place", []string{"flyer", "Kit", "sms"}, []string{"flyer/", "guide/kit", "slides/kit", "myths/kit", "quiz/kit", "scenarios/kit", "signin/kit", "feedback/kit", "sms/"}},
		{"a member named is asked for where it is named", []string{"kit", " Quiz"}, []string{"guide/kit", "slides/kit", "myths/kit", "scenarios/kit", "signin/kit", "feedback/kit", " Quiz/"}},
		{"twice is once", []string{"kit", "kit"}, []string{"guide/kit", "slides/kit", "myths/kit", "quiz/kit", "scenarios/kit", "signin/kit", "feedback/kit"}},
		{"a typo is kept for ByName", []string{"kti"}, []string{"kti/"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := asked(Expand(tt.names)); !slices.Equal(got, tt.want) {
				t.Errorf("Expand(%q) = %q, want %q", tt.names, got, tt.want)
			}
		})
	}
	err := Check("kti")
	var unknown *UnknownError
	if !errors.As(err, &unknown) || !strings.Contains(err.Error(), `(did you mean "kit"?)`) || !strings.HasSuffix(err.Error(), ", feedback, kit") {
		t.Errorf("Check(kti) = %v, want a did-you-mean of kit and kit among the choices", err)
	}
}
