package md

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/renderer/html"

	"github.com/awarekit/awarekit/toolkit/content/contenttest"
	"github.com/awarekit/awarekit/toolkit/doc"
)

// TestUserValuesNeverBecomeHTML writes documents whose organisation
// values are attacks, past any check at the edge, and renders the
// Markdown with a CommonMark parser nobody here wrote: no raw HTML, no
// javascript: or data: link may come out.
func TestUserValuesNeverBecomeHTML(t *testing.T) {
	attacks := []string{
		"a.org> <img src=x onerror=alert(1)",
		"javascript:alert(1)//",
		"<script>alert(1)</script>",
		"x@y.z\"onmouseover=\"alert(1)",
		"data:text/html,<b>hi</b>",
		"](javascript:alert(1))",
		"[x]: javascript:alert(1)",
		"<https://a.org>\n<img src=x>",
		"`<img src=x>`",
		"&lt;img src=x&gt;",
	}
	base := contenttest.Documents(t)[0]
	// Unsafe: render raw HTML as many Markdown tools do, so that any
	// that got through shows.
	md := goldmark.New(goldmark.WithRendererOptions(html.WithUnsafe()))
	for _, a := range attacks {
		t.Run(a, func(t *testing.T) {
			d := *base
			d.Brand.OrgName = a
			d.Footer.OrgName = a
			local := doc.Contact{Name: a, Phone: a, Email: a, Website: a, Text: a}
			d.Help.Others = append([]doc.Contact{local}, d.Help.Others...)
			d.QR = doc.QR{URL: "https://" + a, Text: a}
			out := write(t, &d)
			var buf bytes.Buffer
			if err := md.Convert([]byte(out), &buf); err != nil {
				t.Fatal(err)
			}
			h := buf.String()
			for _, bad := range []string{"<img", "<script", "<b>", "href=\"javascript:", "href=\"data:", "\" onmouseover"} {
				if strings.Contains(h, bad) {
					i := strings.Index(h, bad)
					t.Errorf("HTML from the Markdown holds %q: …%s…", bad, h[max(0, i-80):min(len(h), i+80)])
				}
			}
		})
	}
}
