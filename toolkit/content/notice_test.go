package content

import (
	"testing"

	"github.com/awarekit/awarekit/audiences"
	"github.com/awarekit/awarekit/locales"
)

// TestDraftNoticeKept: the line DraftNotice keeps for each language is
// the one it works out afresh, asked again and again, and a draft's
// says it is one.
func TestDraftNoticeKept(t *testing.T) {
	lib, err := Load(audiences.FS, locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	drafts := 0
	for _, tag := range append(lib.Catalog.Tags(), "xx") {
		want := lib.draftNotice(tag)
		if want != "" {
			drafts++
		}
		for range 2 {
			if got := lib.DraftNotice(tag); got != want {
				t.Errorf("DraftNotice(%s) = %q, worked out afresh %q", tag, got, want)
			}
		}
	}
	if drafts == 0 {
		t.Error("no language has a draft notice: the test compares nothing")
	}
}
