package layout_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/layout"
)

// TestFitErrorNeverOffersTheFormatItRefuses: a refusal's advice names
// formats with more room, never the one it refuses ("does not fit on the
// bilingual flyer …; or choose a format with more room (flyer, …)" told
// an educator to make again what had just failed).
func TestFitErrorNeverOffersTheFormatItRefuses(t *testing.T) {
	roomier := regexp.MustCompile(`more room \(([^)]*)\)`)
	for _, format := range []string{"flyer", "bilingual flyer", "poster", "bilingual poster", "handout", "handout back", "tear-off", "wallet card back", "safety card inside"} {
		for _, e := range []*layout.FitError{
			{Format: format, Blocks: []doc.Part{doc.PartSigns}, Size: 11, Need: 745, Have: 690},
			{Format: format, Size: 8, Unit: "1-604-555-0100 ext. 12345"},
		} {
			m := roomier.FindStringSubmatch(e.Error())
			if m == nil || strings.TrimSpace(m[1]) == "" {
				t.Errorf("%s: the error names no format with more room: %s", format, e)
				continue
			}
			for _, offered := range strings.Split(m[1], ", ") {
				if strings.Contains(format, offered) {
					t.Errorf("%s: the error offers the %s it refuses: %s", format, offered, e)
				}
			}
		}
	}
}

// TestFitErrorOfAnUnbreakableLine: a phone number or a piece of a web
// address wider than its line says which it is and what to shorten, and
// quotes a long one cut short (a 180-letter path filled the terminal).
func TestFitErrorOfAnUnbreakableLine(t *testing.T) {
	long := "example.org/" + strings.Repeat("a", 180)
	for _, tt := range []struct {
		unit string
		want string
	}{
		{"1-604-555-0100 ext. 12345", `"1-604-555-0100 ext. 12345" is wider than a line of the wallet card back even set small, and a phone number is never broken across lines; give it without its extension, or shorten`},
		{"+1 604 555 0100", "a phone number is never broken"},
		{long, `"example.org/aaaaaaaaaaaaaaaaaaaaaaaaaaaa…" (192 characters) is wider than a line of the wallet card back even set small, and a web address is broken only after a dot or a slash; give a shorter address (the site's home page, or a short link), or shorten`},
	} {
		got := (&layout.FitError{Format: "wallet card back", Size: 7, Unit: tt.unit}).Error()
		if !strings.Contains(got, tt.want) {
			t.Errorf("FitError for %q:\n%s\nwant it to say\n%s", tt.unit, got, tt.want)
		}
		if strings.Contains(got, strings.Repeat("a", 41)) {
			t.Errorf("FitError for %q quotes the whole address: %s", tt.unit, got)
		}
	}
}
