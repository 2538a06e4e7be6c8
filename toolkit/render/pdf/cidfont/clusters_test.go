package cidfont

import (
	"bytes"
	"strings"
	"testing"

	"github.com/go-text/typesetting/language"
)

// TestByteClusters: a run whose clusters count bytes (ByteClusters)
// draws the same file as the run with its clusters in runes, in
// Punjabi and Arabic too; a cluster inside a character is an error.
func TestByteClusters(t *testing.T) {
	tests := []struct {
		name   string
		font   func(testing.TB) *testFont
		script language.Script
		lang   string
		rtl    bool
		text   string
	}{
		{"English", dejaVuSans, language.Latin, "en", false, "Call 911 now"},
		{"Punjabi", noto("NotoSansGurmukhi-Regular.ttf"), language.Gurmukhi, "pa", false, "ਕਿ ਪ੍ਰਿਯ ਕ੍ਰਿਪਾ ਸ੍ਵਰ ਖ਼ੁਸ਼ੀ ਤੁਸੀਂ"},
		{"Arabic", noto("NotoSansArabic-Regular.ttf"), language.Arabic, "ar", true, "اتصل بالرقم ١٢٣ يُعَرِّض"},
	}
	file := func(r Run) ([]byte, error) {
		pdf := newDoc()
		pdf.AddPage()
		w := NewWriter(pdf)
		if err := w.Draw(r); err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		err := w.Output(&buf)
		return buf.Bytes(), err
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := shape(tt.font(t), tt.text, tt.script, tt.lang, tt.rtl)
			var at []int // byte offset of each rune, and the end
			for i := range tt.text {
				at = append(at, i)
			}
			at = append(at, len(tt.text))
			byBytes := r
			byBytes.ByteClusters = true
			byBytes.Glyphs = append([]Glyph(nil), r.Glyphs...)
			for i := range byBytes.Glyphs {
				byBytes.Glyphs[i].Cluster = at[r.Glyphs[i].Cluster]
			}
			want, err := file(r)
			if err != nil {
				t.Fatal(err)
			}
			got, err := file(byBytes)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Error("the run with byte clusters draws another file")
			}
			if len(at) > 2 && at[1] > 1 {
				byBytes.Glyphs[0].Cluster = 1 // inside the first character
				byBytes.Text += " "           // a run not met before
				if _, err := file(byBytes); err == nil || !strings.Contains(err.Error(), "not where a character") {
					t.Errorf("a cluster inside a character gave %v", err)
				}
			}
		})
	}
}
