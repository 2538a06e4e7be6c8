package txt

import (
	"strings"
	"testing"
)

func TestWidth(t *testing.T) {
	tests := []struct {
		s    string
		want int
	}{
		{"hotline", 7},
		{"Café", 4},
		{"Cafe\u0301", 4}, // e and a combining acute
		{"汉字", 4},
		{"ｈｅｌｌｏ", 10}, // full-width Latin
		{"한국어", 6},
		{"😀", 2},
		{"ਪੰਜਾਬੀ", 5}, // Gurmukhi: the nasal sign above takes no column, spacing vowel signs one
		{"مرحبا", 5},
		{"a\u200bb", 2}, // zero width space
	}
	for _, tt := range tests {
		if got := Width(tt.s); got != tt.want {
			t.Errorf("Width(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		name string
		text string
		o    WrapOptions
		want []string
	}{
		{
			name: "at spaces",
			text: "Know the signs. You can get help.",
			o:    WrapOptions{Width: 16},
			want: []string{"Know the signs.", "You can get", "help."},
		},
		{
			name: "hanging indent",
			text: "Tell an adult you trust, like a parent, teacher or coach.",
			o:    WrapOptions{Width: 24, First: "- ", Rest: "  "},
			want: []string{"- Tell an adult you", "  trust, like a parent,", "  teacher or coach."},
		},
		{
			name: "never inside a phone number",
			text: "Call the hotline at 1-833-900-1010 any time.",
			o:    WrapOptions{Width: 27},
			want: []string{"Call the hotline at", "1-833-900-1010 any time."},
		},
		{
			name: "nor inside one written with spaces",
			text: "Call us at (604) 555 0134 today",
			o:    WrapOptions{Width: 18},
			want: []string{"Call us at", "(604) 555 0134", "today"},
		},
		{
			name: "nor inside one the document names",
			text: "Call 1-800-222-TIPS (8477) now",
			o:    WrapOptions{Width: 16, Keep: []string{"1-800-222-TIPS (8477)"}},
			want: []string{"Call", "1-800-222-TIPS (8477)", "now"},
		},
		{
			name: "Chinese breaks between characters, two columns each",
			text: "人口贩运是指有人利用恐惧",
			o:    WrapOptions{Width: 10},
			want: []string{"人口贩运是", "指有人利用", "恐惧"},
		},
		{
			name: "closing punctuation stays with its character",
			text: "你可以获得帮助。请拨打",
			o:    WrapOptions{Width: 14},
			want: []string{"你可以获得帮", "助。请拨打"},
		},
		{
			name: "spaces only keeps Chinese whole",
			text: "人口贩运是指有人利用恐惧 1-833",
			o:    WrapOptions{Width: 10, SpacesOnly: true},
			want: []string{"人口贩运是指有人利用恐惧", "1-833"},
		},
		{
			name: "a long word stands alone",
			text: "see canadianhumantraffickinghotline.ca now",
			o:    WrapOptions{Width: 20},
			want: []string{"see", "canadianhumantraffickinghotline.ca", "now"},
		},
		{
			name: "line starts can be rewritten",
			text: "one - two",
			o:    WrapOptions{Width: 4, LineStart: func(w string) string { return strings.ReplaceAll(w, "-", `\-`) }},
			want: []string{"one", `\-`, "two"},
		},
		{
			name: "a newline ends a line and white space folds",
			text: "first  line\nsecond\tline",
			o:    WrapOptions{Width: 40, First: "> ", Rest: "> "},
			want: []string{"> first line", "> second line"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Wrap(tt.text, tt.o)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Wrap =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestTelURI(t *testing.T) {
	tests := []struct{ phone, want string }{
		{"1-833-900-1010", "tel:+18339001010"},
		{"604-555-0134", "tel:+16045550134"},
		{"(604) 555-0134", "tel:+16045550134"},
		{"+44 20 7946 0958", "tel:+442079460958"},
		{"911", "tel:911"},
		{"1-800-222-TIPS (8477)", "tel:+18002228477"},
		{"604-555-0134 ext. 12", "tel:+16045550134;ext=12"},
		{"call us", ""},
		{"Call 911", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := TelURI(tt.phone); got != tt.want {
			t.Errorf("TelURI(%q) = %q, want %q", tt.phone, got, tt.want)
		}
	}
}
