package content_test

import (
	"strings"
	"testing"

	"github.com/awarekit/awarekit/audiences"
	"github.com/awarekit/awarekit/locales"
	"github.com/awarekit/awarekit/toolkit/content"
)

// TestLongMessagesRefused: a content folder's message longer than any page
// holds is refused at load, at its file and line, with the limit: a
// 19,000-character headline was laid out (some 2 CPU s a tear-off flyer)
// before it was found too long for the page. At the limits it loads.
func TestLongMessagesRefused(t *testing.T) {
	t.Parallel()
	words := func(n int) string {
		return strings.Repeat("Know the signs and call. ", n/25+1)[:n]
	}
	for _, c := range []struct {
		name, file, want string
	}{
		{"19,000-character headline", "# ours\n[youth]\nheadline = \"" + words(19000) + "\"\n", "locales/en.toml:3: message youth.headline is 19000 characters long; the most is 320 (four times the room it has where it prints in a fixed space, max: 80 in messages.yaml)"},
		{"headline one past the limit", "[youth]\nheadline = \"" + words(321) + "\"\n", "message youth.headline is 321 characters long; the most is 320"},
		{"a story of 2,001", "[youth]\nintro = \"x\"\nstory.1.text = \"" + words(2001) + "\"\n", "locales/en.toml:3: message youth.story.1.text is 2001 characters long; the most is 2000 (three times the longest built-in message"},
		{"a long French sign", "[youth]\nsign.1 = \"" + strings.Repeat("é", 2500) + "\"\n", "locales/fr.toml:2: message youth.sign.1 is 2500 characters long"},
	} {
		t.Run(c.name, func(t *testing.T) {
			file := "locales/en.toml"
			if strings.Contains(c.name, "French") {
				file = "locales/fr.toml"
			}
			dir := userFolder(t, map[string]string{file: c.file})
			_, err := content.LoadUser(audiences.FS, locales.FS, dir)
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "shorten it") {
				t.Errorf("error = %v; want %q", err, c.want)
			}
		})
	}
	dir := userFolder(t, map[string]string{"locales/en.toml": "[youth]\nheadline = \"" + words(320) + "\"\nstory.1.text = \"" + words(2000) + "\"\n"})
	if _, err := content.LoadUser(audiences.FS, locales.FS, dir); err != nil && strings.Contains(err.Error(), "characters long") {
		t.Errorf("at the limits: %v", err)
	}
}
