package content

import (
	"slices"
	"strings"
	"sync"

	"github.com/awarekit/awarekit/toolkit/locale"
)

// A build assembles the same messages for every document of a language
// and audience: only the organisation's words differ. Filling a message's
// template (go-i18n's Localize, then the language's apostrophes) was most
// of assembling a document, some 5% of a 1,000-flyer build. textMemo
// remembers each message's printed text for the library, the language,
// the message and the values filled in, the whole of what it depends on
// (translator.text): the library's message table and the catalog it
// falls back to English through are its own and do not change once it is
// open, and a language's messages do not change once loaded.
type textKey struct {
	lib  *Library
	loc  *locale.Locale
	id   string
	data string // the values filled in, by name (memoData)
}

// textMemoLimit bounds the texts remembered, some 0.6 MB at most: a
// message that names the organisation is remembered for each
// organisation, so a build for thousands of organisations starts again
// empty every few thousand documents, and remembers again the hundred or
// so messages each audience prints in each language.
const textMemoLimit = 4096

var textMemo struct {
	sync.Mutex
	m map[textKey]string
}

// memoData is data's names and values in a key, and whether the text
// filled from them may be remembered: only strings are (every value the
// content gives is one), each by its exact value.
func memoData(data map[string]any) (string, bool) {
	if len(data) == 0 {
		return "", true
	}
	names := make([]string, 0, len(data))
	for k := range data {
		names = append(names, k)
	}
	slices.Sort(names)
	var b strings.Builder
	for _, k := range names {
		b.WriteString(k)
		b.WriteByte(0)
		switch v := data[k].(type) {
		case string:
			b.WriteByte('s')
			b.WriteString(v)
		default:
			return "", false
		}
		b.WriteByte(0)
	}
	return b.String(), true
}

func memoGet(k textKey) (string, bool) {
	textMemo.Lock()
	defer textMemo.Unlock()
	s, ok := textMemo.m[k]
	return s, ok
}

func memoPut(k textKey, s string) {
	textMemo.Lock()
	defer textMemo.Unlock()
	if textMemo.m == nil || len(textMemo.m) >= textMemoLimit {
		textMemo.m = make(map[textKey]string)
	}
	textMemo.m[k] = s
}
