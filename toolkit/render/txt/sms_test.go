package txt

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/doc"
)

func TestSegments(t *testing.T) {
	a := func(n int) string { return strings.Repeat("a", n) }
	r := strings.Repeat
	tests := []struct {
		name     string
		s        string
		n        int
		encoding string
	}{
		{"empty", "", 0, GSM7},
		{"latin", "Canadian Human Trafficking Hotline\n1-833-900-1010", 1, GSM7},
		{"160 GSM-7 fill one", a(160), 1, GSM7},
		{"161 GSM-7 take two", a(161), 2, GSM7},
		{"306 GSM-7 fill two parts of 153", a(306), 2, GSM7},
		{"307 GSM-7 take three", a(307), 3, GSM7},
		{"459 GSM-7 fill three", a(459), 3, GSM7},
		{"460 GSM-7 take four", a(460), 4, GSM7},
		{"euro counts two: 158+2 fit", a(158) + "€", 1, GSM7},
		{"euro counts two: 159+2 do not", a(159) + "€", 2, GSM7},
		{"extension table", "^{}\\[~]|€", 1, GSM7},
		{"escape pair never split between parts", a(152) + "€" + a(152), 3, GSM7},
		{"French é is GSM-7", "Café, élève, à, è, ù", 1, GSM7},
		{"French capital Ç is GSM-7", "ÇA VA", 1, GSM7},
		{"French small ç is not", "Ça, français", 1, UCS2},
		{"French ê is not", "être", 1, UCS2},
		{"curly apostrophe is not GSM-7", "l’aide", 1, UCS2},
		{"backtick is not GSM-7", "a`b", 1, UCS2},
		{"Arabic 70 fill one", r("ع", 70), 1, UCS2},
		{"Arabic 71 take two", r("ع", 71), 2, UCS2},
		{"Arabic 134 fill two parts of 67", r("ع", 134), 2, UCS2},
		{"Arabic 135 take three", r("ع", 135), 3, UCS2},
		{"Arabic 201 fill three", r("ع", 201), 3, UCS2},
		{"Arabic 202 take four", r("ع", 202), 4, UCS2},
		{"Arabic sentence", "اتصل بالرقم 1-833-900-1010", 1, UCS2},
		{"Chinese 70", r("汉", 70), 1, UCS2},
		{"Chinese 71", r("汉", 71), 2, UCS2},
		{"Latin with one Chinese character", a(69) + "汉", 1, UCS2},
		{"Latin with one Chinese character over", a(70) + "汉", 2, UCS2},
		{"emoji counts two: 35 fill one", r("😀", 35), 1, UCS2},
		{"emoji counts two: 36 do not", r("😀", 36), 2, UCS2},
		{"emoji 68 units on one", a(68) + "😀", 1, UCS2},
		{"emoji 71 units on two", a(69) + "😀", 2, UCS2},
		{"surrogate pair never split between parts", a(66) + "😀" + a(66), 3, UCS2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, enc := Segments(tt.s)
			if n != tt.n || enc != tt.encoding {
				t.Errorf("Segments = %d %s, want %d %s", n, enc, tt.n, tt.encoding)
			}
		})
	}
}

func smsDoc() *doc.Document {
	return &doc.Document{
		Signs: doc.List{Title: "Signs to look for", Items: []string{
			"Has new friends who are older, sometimes met online.",
			"Has a second phone.",
			"Is always with someone who speaks for them.",
		}},
		ShortSign: "Has a second phone.",
		Help: doc.Help{
			Hotline:   doc.Contact{Name: "Canadian Human Trafficking Hotline", Phone: "1-833-900-1010"},
			Emergency: "In immediate danger, call 911.",
		},
	}
}

func TestSMS(t *testing.T) {
	long := strings.Repeat("ع", 150)
	tests := []struct {
		name    string
		edit    func(*doc.Document)
		want    string
		wantErr string
	}{
		{
			name: "everything fits",
			edit: func(*doc.Document) {},
			want: "Canadian Human Trafficking Hotline\n1-833-900-1010\nSigns to look for\nHas a second phone.\nIn immediate danger, call 911.",
		},
		{
			name: "a long sign is dropped first",
			edit: func(d *doc.Document) { d.ShortSign = long + long },
			want: "Canadian Human Trafficking Hotline\n1-833-900-1010\nIn immediate danger, call 911.",
		},
		{
			name: "a long name gives way to the SMS lead",
			edit: func(d *doc.Document) {
				d.Help.Hotline.Name = "Ligne d'urgence canadienne contre la traite des personnes"
				d.Labels.SMSLead = "Ligne contre la traite"
			},
			want: "Ligne contre la traite\n1-833-900-1010\nSigns to look for\nHas a second phone.\nIn immediate danger, call 911.",
		},
		{
			name: "a long name and no SMS lead: no lead",
			edit: func(d *doc.Document) { d.Help.Hotline.Name = strings.Repeat("Hotline ", 8) },
			want: "1-833-900-1010\nSigns to look for\nHas a second phone.\nIn immediate danger, call 911.",
		},
		{
			name: "then the name goes",
			edit: func(d *doc.Document) {
				d.Help.Hotline.Name = strings.Repeat("ع", 80)
				d.Labels.SMSLead = strings.Repeat("ع", 55)
				d.Help.Emergency = strings.Repeat("ع", 140)
			},
			want: "1-833-900-1010\n" + strings.Repeat("ع", 140),
		},
		{
			name:    "and then it fails naming the count and the limit",
			edit:    func(d *doc.Document) { d.Help.Emergency = long + long },
			wantErr: "sms takes 5 segments (UCS-2, 315 characters), more than the limit of 3",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := smsDoc()
			tt.edit(d)
			got, err := SMS(d)
			if tt.wantErr != "" {
				var tooLong *TooLongError
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.As(err, &tooLong) {
					t.Fatalf("err = %v, want *TooLongError containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("SMS =\n%q\nwant\n%q", got, tt.want)
			}
			if n, _ := Segments(got); n > MaxSegments {
				t.Errorf("%d segments", n)
			}
		})
	}
}

func TestSMSEveryDocument(t *testing.T) {
	for _, d := range documents(t) {
		t.Run(d.Meta.Audience+"/"+d.Meta.Lang, func(t *testing.T) {
			var b strings.Builder
			if err := WriteSMS(&b, d); err != nil {
				t.Fatal(err)
			}
			s := b.String()
			_, enc := Segments(s)
			for _, want := range []string{d.Help.Hotline.Phone, d.Help.Emergency} {
				// A GSM-7 message writes the document's typographic
				// apostrophes as the typewriter's (gsmQuotes).
				if enc == GSM7 {
					want = typewriterQuotes.Replace(want)
				}
				if !strings.Contains(s, want) {
					t.Errorf("the SMS lacks %q:\n%s", want, s)
				}
			}
			if strings.HasSuffix(s, "\n") || strings.HasPrefix(s, "\n") {
				t.Errorf("the SMS has white space around it: %q", s)
			}
			n, enc := Segments(s)
			if d.Meta.Lang == "en" && enc != GSM7 {
				t.Errorf("the English SMS is sent in %s, not GSM-7:\n%s", enc, s)
			}
			if enc == UCS2 && strings.ContainsAny(s, "’‘“”") && gsmUnits(typewriterQuotes.Replace(s)) != nil {
				t.Errorf("the SMS is sent in UCS-2 for its typographic quotes alone:\n%s", s)
			}
			if n < 1 || n > MaxSegments {
				t.Errorf("%d segments (%s):\n%s", n, enc, s)
			}
			t.Logf("%d segments (%s), %d characters", n, enc, length(s, enc))
		})
	}
}

// TestSMSKeepsGSM7 holds that the typographic apostrophes and quotes
// the document prints (’ ‘ “ ”, none of them in the GSM alphabet) are
// written as the typewriter's in an SMS, where one of them would send the
// whole message in UCS-2 at 70 characters a part; text that needs UCS-2
// anyway keeps them.
func TestSMSKeepsGSM7(t *testing.T) {
	tests := []struct {
		name, emergency, want, enc string
	}{
		{"French", "En cas de danger immédiat, composer le 911. Là où le 911 n’existe pas, appeler la police locale.",
			"En cas de danger immédiat, composer le 911. Là où le 911 n'existe pas, appeler la police locale.", GSM7},
		{"English", "Call 911 if you’re in danger; the ‘hotline’ is “free”.", "Call 911 if you're in danger; the 'hotline' is \"free\".", GSM7},
		{"Ukrainian keeps its own apostrophe", "У небезпеці дзвоніть 911, м’ята.", "У небезпеці дзвоніть 911, м’ята.", UCS2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := smsDoc()
			d.Help.Emergency = tt.emergency
			got, err := SMS(d)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("SMS =\n%s\nwant it to hold %q", got, tt.want)
			}
			if _, enc := Segments(got); enc != tt.enc {
				t.Errorf("the SMS is sent in %s, want %s:\n%s", enc, tt.enc, got)
			}
		})
	}
}

// TestSMSSendsTheSameSignInEveryLanguage: an audience's SMS sends the
// same sign (the same item of its list) in every language it is written
// in, or none where it does not fit; never the sign that happens to be
// shortest in one language. Languages that leave signs out (_meta.omit)
// are compared by the sign's text in English order only when they keep
// every sign.
func TestSMSSendsTheSameSignInEveryLanguage(t *testing.T) {
	sent := map[string]map[int][]string{} // audience → sign index → languages
	for _, d := range documents(t) {
		sms, err := SMS(d)
		if err != nil {
			t.Fatalf("%s %s: %v", d.Meta.Audience, d.Meta.Lang, err)
		}
		sms = typewriterQuotes.Replace(sms)
		for i, item := range d.Signs.Items {
			if strings.Contains(sms, "\n"+typewriterQuotes.Replace(doc.StripIsolates(strings.TrimSpace(item)))+"\n") {
				if sent[d.Meta.Audience] == nil {
					sent[d.Meta.Audience] = map[int][]string{}
				}
				sent[d.Meta.Audience][i] = append(sent[d.Meta.Audience][i], d.Meta.Lang+"/"+strconv.Itoa(len(d.Signs.Items)))
			}
		}
	}
	if len(sent) == 0 {
		t.Fatal("no SMS sent a sign")
	}
	t.Logf("signs sent: %v", sent)
	for aud, byIndex := range sent {
		if len(byIndex) > 1 {
			t.Errorf("%s: the SMS sends different signs by language (sign index: languages/signs): %v", aud, byIndex)
		}
	}
}

// TestSMSCarriesTheOrganisationsNumber: the organisation's own number is
// in the SMS under its list's title when three segments hold it; when
// they cannot, it is left out and SMSLeaves says so, so that the
// operator is told rather than finding out from the reader.
func TestSMSCarriesTheOrganisationsNumber(t *testing.T) {
	d := smsDoc()
	d.Brand.OrgName = "Riverside Club"
	d.Help.Local = &doc.Local{Title: "Local help listed by Riverside Club", Contacts: []doc.Contact{
		{Name: "Riverside Club", Phone: "604-555-0134", Website: "riverside.example"},
		{Name: "Riverside police", Phone: "604-555-0199"},
	}}
	got, err := SMS(d)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(got, "In immediate danger, call 911.\nLocal help listed by Riverside Club\n604-555-0134") || strings.Contains(got, "0199") {
		t.Errorf("SMS = %q, want the organisation's own number under its title, and no labelled contact", got)
	}
	if left := SMSLeaves(d); len(left) != 0 {
		t.Errorf("SMSLeaves = %v, want nothing", left)
	}

	d.Help.Emergency = strings.Repeat("ع", 180) // with the number, four UCS-2 parts
	got, err = SMS(d)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(got, "604-555-0134") {
		t.Errorf("SMS = %q: the number fits after all; lengthen the test's emergency line", got)
	}
	if left := SMSLeaves(d); !slices.Equal(left, []doc.Part{doc.PartSigns, doc.PartHotlineName, doc.PartLocal}) {
		t.Errorf("SMSLeaves = %v, want the sign, the hotline's name and the organisation's local part", left)
	}

	d.Help.Local = nil
	if left := SMSLeaves(d); !slices.Equal(left, []doc.Part{doc.PartSigns, doc.PartHotlineName}) {
		t.Errorf("no organisation: SMSLeaves = %v, want the sign and the hotline's name", left)
	}
	d.Help.Emergency = strings.Repeat("ع", 130) // room for the lead, not the sign
	if left := SMSLeaves(d); !slices.Equal(left, []doc.Part{doc.PartSigns}) {
		t.Errorf("SMSLeaves = %v, want the sign", left)
	}
}
