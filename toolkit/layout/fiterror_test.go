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
