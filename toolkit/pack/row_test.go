package pack

import (
	"bytes"
	"html/template"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestAppendRowAsTemplate: every row without a picture comes out of
// appendRow as the template's "row" writes it, byte for byte: names of
// quotes, ampersands, plus signs, angle brackets, NUL and other control
// characters, right-to-left text, broken UTF-8; links as pathEscape makes
// them and links of any bytes; failed rows; numbers of every size.
func TestAppendRowAsTemplate(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(15, 13))
	pieces := []string{"", "a", "youth-en-0.pdf", `"`, "'", "&", "&amp;", "+", "<", ">", "<script>", "\x00", "\x01", "\n", "\t",
		"%", "%4", "%41", "%zz", "%%", "/", "?", "#", "=", " ", "(", ")", "{", "}", "|", "^", "`", "\\", "~", "!", "*", ",", ";", ":", "@", "[", "]", "$",
		"عربي", "ਪੰਜਾਬੀ", "😀", "\u2028", "\xff", "\xc3", "\xef\xbf\xbd", "\ufdd0", "\ufff0", "é", "Partner organisation 12"}
	str := func() string {
		var b strings.Builder
		for range r.IntN(6) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		return b.String()
	}
	nums := []int{0, 0, 1, 7, 250, 10000, -3, 1 << 40}
	var want bytes.Buffer
	for i := range 20000 {
		row := indexRow{N: nums[r.IntN(len(nums))], What: str(), File: str(), Paper: str(),
			Pages: nums[r.IntN(len(nums))], Copies: nums[r.IntN(len(nums))], SHA: str()}
		switch r.IntN(3) {
		case 0:
			row.Href = template.URL(pathEscape(row.File))
		case 1:
			row.Href = template.URL(str())
		}
		if r.IntN(4) == 0 {
			row.Failed = str()
			if row.Failed == "" {
				row.Failed = "x"
			}
		}
		want.Reset()
		if err := indexPage().ExecuteTemplate(&want, "row", row); err != nil {
			t.Fatal(err)
		}
		if got := appendRow(nil, &row); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("row %d %+v:\n%q\ntemplate:\n%q", i, row, got, want.Bytes())
		}
	}
}
