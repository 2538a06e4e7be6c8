package txt

import (
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/content/contenttest"

	"github.com/awarekit/awarekit/toolkit/doc"
)

// documents assembles every audience in every language, as an
// organisation with its own phone number and website would.
func documents(t *testing.T) []*doc.Document {
	return contenttest.Documents(t)
}

func TestWriteEveryDocument(t *testing.T) {
	law, stories := 0, 0
	for _, d := range documents(t) {
		if d.Law != nil {
			law++
		}
		stories += len(d.Stories)
		t.Run(d.Meta.Audience+"/"+d.Meta.Lang, func(t *testing.T) {
			var b strings.Builder
			if err := Write(&b, d); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			lines := strings.Split(out, "\n")
			for i, l := range lines {
				if w := Width(l); w > LineWidth {
					t.Errorf("line %d is %d columns wide: %q", i+1, w, l)
				}
			}
			// The hotline number stands on a line of its own, exactly as
			// contacts.yaml writes it, where a reader can copy it.
			if !containsLine(lines, d.Help.Hotline.Phone) {
				t.Errorf("no line is just the hotline number %q", d.Help.Hotline.Phone)
			}
			// Lines may break after a hyphen (UAX #14), so compare with all
			// white space removed.
			squeezed := strings.Join(strings.Fields(out), "")
			for _, want := range append([]string{d.Headline, d.Help.Emergency, d.Signs.Items[0], "604-555-0134", d.Footer.Draft}, optional(d)...) {
				if !strings.Contains(squeezed, strings.Join(strings.Fields(want), "")) {
					t.Errorf("the text lacks %q", want)
				}
			}
			if !strings.HasSuffix(out, "\n") || strings.HasSuffix(out, "\n\n") {
				t.Errorf("the text should end with exactly one newline")
			}
		})
	}
	if law == 0 || stories == 0 {
		t.Errorf("%d documents have the law and %d stories in all: the law and story text went unchecked", law, stories)
	}
}

// optional lists texts of the parts only some documents have (the law,
// stories), which every text format must show when they are there.
func optional(d *doc.Document) []string {
	var out []string
	if d.Law != nil && len(d.Law.Items) > 0 {
		out = append(out, d.Law.Title, d.Law.Items[0].Text, d.Law.Items[0].Citation)
	}
	for _, st := range d.Stories {
		out = append(out, st.Title, st.Label, st.Text)
	}
	return out
}

func containsLine(lines []string, want string) bool {
	for _, l := range lines {
		if strings.TrimSpace(l) == want {
			return true
		}
	}
	return false
}

// TestWriteWideScripts writes a document in scripts whose characters are
// two columns wide or need no spaces to break, to check widths and that
// a phone number inside such text stays whole.
func TestWriteWideScripts(t *testing.T) {
	tests := []struct {
		name, lang, headline, intro string
	}{
		{"Chinese", "zh", "了解这些迹象。你可以获得帮助。", strings.Repeat("人口贩运是指有人利用恐惧或控制，强迫他人从事性行为或劳动。", 4) + "请拨打1-833-900-1010。"},
		{"Japanese with Latin", "ja", "サインを知ろう", strings.Repeat("カナダの人身取引ホットライン（Canadian Human Trafficking Hotline）は無料です。", 3)},
		{"Arabic", "ar", "اعرف العلامات. يمكنك الحصول على المساعدة.", strings.Repeat("الاتجار بالبشر هو عندما يستخدم شخص الخوف أو السيطرة لإجبار شخص آخر على العمل. ", 3) + "اتصل بالرقم 1-833-900-1010"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := smsDoc()
			d.Meta.Lang, d.Headline, d.Intro = tt.lang, tt.headline, tt.intro
			var b strings.Builder
			if err := Write(&b, d); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(b.String(), "\n")
			phoneWhole := false
			for i, l := range lines {
				if w := Width(l); w > LineWidth {
					t.Errorf("line %d is %d columns wide: %q", i+1, w, l)
				}
				if strings.Contains(l, "1-833-900-1010") {
					phoneWhole = true
				}
			}
			if !phoneWhole {
				t.Errorf("the number was split:\n%s", b.String())
			}
		})
	}
}

// TestTextKeepsIsolates: plain text and the social caption keep the
// isolate around the organisation's name in a sentence of the other
// direction (doc.Isolate): a mail client, editor or web page that reads
// them (UAX #9, every current one) draws the name in its own order, where
// without them it scrambles it as the page did; they are invisible, no
// column wide, and only where the name's script differs from the page's,
// so an English text with a Latin name has none. An SMS sends none (see
// SMS).
func TestTextKeepsIsolates(t *testing.T) {
	rtl := 0
	for _, d := range documents(t) {
		var b strings.Builder
		if err := Write(&b, d); err != nil {
			t.Fatal(err)
		}
		isolated := "\u2068" + d.Brand.OrgName + "\u2069"
		if got := strings.Contains(b.String(), isolated); got != d.Meta.RTL {
			t.Errorf("%s (%s): the name is isolated: %v, want %v", d.Meta.Audience, d.Meta.Lang, got, d.Meta.RTL)
		}
		if !d.Meta.RTL && strings.ContainsAny(b.String(), "\u2066\u2067\u2068\u2069") {
			t.Errorf("%s (%s): an isolate in a text whose names read in its direction", d.Meta.Audience, d.Meta.Lang)
		}
		if d.Meta.RTL {
			rtl++
		}
	}
	if rtl == 0 {
		t.Fatal("no right-to-left document tested")
	}
	d := documents(t)[0]
	d.Help.Emergency = "اتصل بـ " + doc.Isolate("St. Mary's 2.", true)
	sms, err := SMS(d)
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(sms, "\u2066\u2067\u2068\u2069") || !strings.Contains(sms, "اتصل بـ St. Mary's 2.") {
		t.Errorf("the SMS %q keeps an isolate or loses the name", sms)
	}
}
