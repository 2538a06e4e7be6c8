package profile

import (
	"strings"
	"testing"
)

var from = Field{Name: "organisation phone", From: "--phone"}

func TestCheckText(t *testing.T) {
	tests := []struct {
		name, in, want, err string
	}{
		{"plain", "  Eastside Youth Council ", "Eastside Youth Council", ""},
		{"NFC", "Cafe\u0301 Jeunesse", "Café Jeunesse", ""},
		{"ZWNJ kept (Persian)", "می\u200cخواهم", "می\u200cخواهم", ""},
		{"ZWJ kept (Devanagari)", "क्\u200dष", "क्\u200dष", ""},
		{"empty", "   ", "", ""},
		{"invalid UTF-8", "A\xffB", "", "is not valid UTF-8 text (byte 0xFF after 1 characters)"},
		{"WTF-8 surrogate", "A\xed\xa0\x80", "", "is not valid UTF-8"},
		{"paragraph separator", "Org\u2029Name", "", "U+2029 at character 4: PARAGRAPH SEPARATOR"},
		{"line separator", "Org\u2028Name", "", "U+2028"},
		{"newline", "Org\nName", "", "a line break"},
		{"tab", "Org\tName", "", "a tab"},
		{"NUL", "Org\x00", "", "U+0000"},
		{"terminal escape", "\x1b]0;pwn\x07Org", "", "ESC, the start of a terminal escape sequence"},
		{"C1 CSI", "Org\u009b2J", "", "C1 control"},
		{"DEL", "Org\x7f", "", "U+007F"},
		{"RLO", "Org\u202e", "", "RIGHT-TO-LEFT OVERRIDE"},
		{"LRE", "\u202aOrg", "", "LEFT-TO-RIGHT EMBEDDING"},
		{"RLI", "Org\u2067", "", "RIGHT-TO-LEFT ISOLATE"},
		{"PDI", "Org\u2069", "", "POP DIRECTIONAL ISOLATE"},
		{"LRM", "Org\u200e", "", "LEFT-TO-RIGHT MARK"},
		{"RLM", "Org\u200f", "", "RIGHT-TO-LEFT MARK"},
		{"ALM", "Org\u061c", "", "ARABIC LETTER MARK"},
		{"replacement character", "Org\ufffd", "", "REPLACEMENT CHARACTER"},
		{"noncharacter", "Org\uffff", "", "noncharacter"},
		{"forty accents on one letter", "Cafe" + strings.Repeat("\u0301", 40), "", "holds more than 8 marks on one letter at character 13, which print above the line"},
		{"nine enclosing marks", "A" + strings.Repeat("\u20dd", 9), "", "more than 8 marks"},
		{"eight marks", "x" + strings.Repeat("\u0300", 8), "x" + strings.Repeat("\u0300", 8), ""},
		{"Vietnamese", "Nguye\u0302\u0303n", "Nguyễn", ""},
		{"Hebrew with points", "שָׁלוֹם", "שָׁלוֹם", ""},
		{"emoji", "Club 🌈", "", "holds an emoji at character 6 (U+1F308), which no font awarekit prints with can draw; take it out"},
		{"emoji family with ZWJ", "Club 👩\u200d👩\u200d👧", "", "an emoji at character 6"},
		{"emoji presentation selector", "Club \u2764\ufe0f", "", "an emoji at character 7"},
		// An icon font's character failed every material's layout; two
		// accents with no letter printed as an accent alone.
		{"private use", "Club \ue000", "", "holds a private-use character at character 6 (U+E000)"},
		{"private use, plane 15", "Club \U000F0001", "", "a private-use character at character 6"},
		{"marks only", "\u0301\u0301", "", "starts with U+0301, a mark that sits on the letter before it, and there is none"},
		{"a mark first", " \u0308Org", "", "starts with U+0308"},
		{"symbols DejaVu draws", "Club © ★ ☎", "Club © ★ ☎", ""},
		{"100 characters", strings.Repeat("é", 100), strings.Repeat("é", 100), ""},
		{"101 characters", strings.Repeat("a", 101), "", "is 101 characters long; the most is 100"},
		{"huge", strings.Repeat("a", 1<<20), "", "is 1048576 characters long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CheckText(Field{Name: "organisation name", From: "settings file awarekit.yaml:3"}, tt.in, MaxName)
			if tt.err == "" {
				if err != nil || got != tt.want {
					t.Fatalf("got %q, %v; want %q", got, err, tt.want)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("error %v, want one saying %q", err, tt.err)
			}
			if !strings.HasPrefix(err.Error(), "organisation name (from settings file awarekit.yaml:3) ") {
				t.Errorf("error %q does not start with the field and where it came from", err)
			}
			if strings.ContainsFunc(err.Error(), func(r rune) bool { return forbidden(r) != "" }) {
				t.Errorf("error %q carries a forbidden character", err)
			}
		})
	}
}

func TestCheckPhone(t *testing.T) {
	ok := []string{"604-555-0134", "1-833-900-1010", "+1 (604) 555-0134", "604.555.0134", "911",
		"1-855-554-HEAL", "1-800-GOT-JUNK", "416-555-0199 ext. 12", "416-555-0199 ext 12", "416-555-0199x12",
		"416-555-0199 x 12", "514-555-0100 poste 221", "+44 20 7946 0958",
		"+1 (604) 555-0134 ext. 22", "1 800 GOT-HELP", "1 800 O-Canada", "6045550134", "(604)555-0134 poste 22",
		"16045550134", "(1) 604 555-0134", "011 44 20 7946 0958", "686868", "555-0134", "211"}
	for _, s := range ok {
		got, err := CheckPhone(from, " "+s+" ")
		if err != nil || got != s {
			t.Errorf("CheckPhone(%q) = %q, %v; want it as typed", s, got, err)
		}
	}
	bad := []struct{ in, err string }{
		{"HEAL", "no digits before its letters"},
		{"CALL-NOW", "no digits"},
		{"call 604-555-0134", "no digits before its letters"},
		{"604-555-0134 or 911", "letters that are not one word"},
		{"12", "has only 2 digits"},
		{"604-555-0134; DROP", "has the character ;, which a phone number does not use"},
		{"604_555_0134", "has the character _"},
		{"604-555-0134#", "has the character #"},
		{"604+555-0134", "a + after its first character"},
		{"+", "has no digits"},
		{"()", "has no digits"},
		{"1", "has only 1 digit before"},
		// A letter typed for a digit would print a number nobody can
		// reach: a keypad dials O as 6, l as 5, S as 7.
		{"604 555 O134", "has the letter O run together with digits"},
		{"604-555-l34", "has the letter l run together with digits"},
		{"604-5S5-0134", "has the letter S run together with digits"},
		{"604-555-013O", "letters that look like digits"},
		{"604-555-O-134", "letters that look like digits"},
		{"604-555-0134 x12 x13", "more than one extension"},
		{"604-555-0134 ext. 2O", "has the letter O run together with digits"},
		{"(604 555-0134", "unmatched brackets"},
		{"1234567890123456", "has 16 digits"},
		{"604-555\u202e-0134", "RIGHT-TO-LEFT OVERRIDE"},
		{"604-555-0134\u2066", "LEFT-TO-RIGHT ISOLATE"},
		{"\x1b]0;pwn\x07555-1234\x1b[2J", "ESC"},
		{"٦٠٤-٥٥٥-٠١٣٤", "has the character U+0666, which a phone number does not use"},
		{"604-555-0134 ext. 1234567", "letters that are not one word"},
		// A digit typed twice or left out dials someone else, or no one.
		{"604-555-01345", "has 11 digits, which no number in Canada has"},
		{"604-555-013", "has 9 digits, which no number in Canada has"},
		{"26045550134", "has 11 digits, which no number in Canada has"},
		{"604-5555-0134 ext. 2", "has 11 digits"},
		{"44 20 7946 0958", "has 12 digits, which no number in Canada has; check the number"},
		{"(604) 555-01", "has 8 digits"},
		{"+1 604 555 01345", "has 11 digits after +1"},
		{"+1 (604) 555-013", "has 9 digits after +1"},
	}
	for _, tt := range bad {
		_, err := CheckPhone(from, tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.HasPrefix(err.Error(), "organisation phone (from --phone) ") {
			t.Errorf("CheckPhone(%q): error %v, want one naming the field and saying %q", tt.in, err, tt.err)
		}
	}
}

func TestCheckEmail(t *testing.T) {
	for _, s := range []string{"info@example.org", "first.last+flyers@riverside.example.ca", "jeunesse@maison-accueil.qc.ca", "aide@café.ca", "допомога@пример.укр"} {
		if got, err := CheckEmail(from, s); err != nil || got != s {
			t.Errorf("CheckEmail(%q) = %q, %v", s, got, err)
		}
	}
	bad := []struct{ in, err string }{
		{"a@b.c?cc=evil@x.y", "holds ? & or ="},
		{"info@example.org?subject=hi", "holds ? & or ="},
		{"mailto:info@example.org", "starts with mailto:"},
		{"info@example.org, evil@x.y", "2 @ signs"},
		{"Info <info@example.org>", "not a plain email address"},
		{"\"x\"@example.org", "not a plain email address"},
		{"info.example.org", "0 @ signs"},
		{"info@localhost", "not a plain email address"},
		{"x@y.z\"onmouseover=\"alert(1)", "holds ? & or ="},
		{"a..b@example.org", "a dot in the wrong place"},
		{"<script>@x.org", "not a plain email address"},
		{"info@ex\u0430mple.org", "mixes Latin and Cyrillic letters in one part of the domain"},
		{"help@riverside.\u03bfrg", "mixes Greek and Latin letters"},
	}
	for _, tt := range bad {
		if _, err := CheckEmail(from, tt.in); err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("CheckEmail(%q): error %v, want one saying %q", tt.in, err, tt.err)
		}
	}
}

func TestCheckWebsite(t *testing.T) {
	ok := map[string]string{
		"riverside.example.org":                  "https://riverside.example.org",
		"https://riverside.example.org/help?x=1": "https://riverside.example.org/help?x=1",
		"HTTP://Example.org":                     "HTTP://Example.org",
		"example.org:8080/path":                  "https://example.org:8080/path",
		"www.café.ca":                            "https://www.café.ca",
		"https://xn--bcher-kva.example/":         "https://xn--bcher-kva.example/",
		"пример.рф":                              "https://пример.рф",
		"example.org:65535":                      "https://example.org:65535",
	}
	for in, url := range ok {
		got, err := CheckWebsite(from, in)
		if err != nil || got != in || WebsiteURL(got) != url {
			t.Errorf("CheckWebsite(%q) = %q (%q), %v; want it as typed, address %q", in, got, WebsiteURL(got), err, url)
		}
	}
	bad := []struct{ in, err string }{
		{"javascript:alert(1)", "is a javascript: address"},
		{"JavaScript:alert(1)//x.org", "is a javascript: address"},
		{"data:text/html,<script>alert(1)</script>", "is a data: address"},
		{"mailto:info@example.org", "is a mailto: address"},
		{"ftp://example.org", "is a ftp: address"},
		{"https:example.org", "no // after https:"},
		{"a.org> <img src=x onerror=alert(1)", "a space or one of"},
		{"https://bank.example@evil.example", "a user name"},
		{"example", "no domain"},
		{"https://", "no domain"},
		{"exa_mple.org", "not a domain"},
		{"https://example.org/\u202etxt.exe", "RIGHT-TO-LEFT OVERRIDE"},
		{"example.org/" + strings.Repeat("a", 200), "the most is 200"},
		// A Cyrillic а in a Latin name: the QR code leads elsewhere than
		// the address printed under it seems to say.
		{"http://ex\u0430mple.org", "mixes Latin and Cyrillic letters"},
		{"pay\u03bfl.example.ca", "mixes Latin and Greek letters"},
		{"https://example.org:99999", "a port number that is not one"},
		{"example.org:0/help", "a port number that is not one"},
	}
	for _, tt := range bad {
		if _, err := CheckWebsite(from, tt.in); err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("CheckWebsite(%q): error %v, want one saying %q", tt.in, err, tt.err)
		}
	}
}

func TestOrganisationCheck(t *testing.T) {
	o := Organisation{Name: " Cafe\u0301 ", Phone: "604-555-0134", Email: "info@example.org", Website: "example.org", Color: " #7a1f5c "}
	got, err := o.Check(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Café" || got.Color != "#7a1f5c" {
		t.Errorf("got %+v", got)
	}
	o.Website = "javascript:alert(1)"
	_, err = o.Check(func(key string) string {
		return "settings file awarekit.yaml:" + map[string]string{"website": "7"}[key]
	})
	if err == nil || !strings.HasPrefix(err.Error(), "organisation website (from settings file awarekit.yaml:7) is a javascript: address") {
		t.Errorf("error %v", err)
	}
	o.Website, o.Color = "", "teal"
	if _, err = o.Check(nil); err == nil || !strings.Contains(err.Error(), `organisation colour is not a hex colour; write it like "#0b5c6b"`) {
		t.Errorf("error %v", err)
	}
}
