package content

import (
	"regexp"
	"strings"
	"unicode"
)

var placeholderRe = regexp.MustCompile(`{{[^}]*}}`)

// Readability is a Flesch–Kincaid measure of English text.
type Readability struct {
	Words, Sentences, Syllables int
}

// Grade is the Flesch–Kincaid grade level:
// 0.39 × words per sentence + 11.8 × syllables per word − 15.59.
func (r Readability) Grade() float64 {
	if r.Words == 0 || r.Sentences == 0 {
		return 0
	}
	return 0.39*float64(r.Words)/float64(r.Sentences) + 11.8*float64(r.Syllables)/float64(r.Words) - 15.59
}

// Add counts one more piece of text: a message. A message is at least
// one sentence even without a full stop (a list item, a heading);
// inside it, sentences end at . ! or ?. Placeholders count as one
// one-syllable word (a number or a name).
func (r *Readability) Add(text string) {
	text = placeholderRe.ReplaceAllString(text, " N ")
	sentences := 0
	inSentence := false
	for _, f := range strings.FieldsFunc(text, func(c rune) bool {
		return unicode.IsSpace(c) || c == '/' || c == '—' || c == '–'
	}) {
		word := strings.TrimFunc(f, func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) })
		if word != "" {
			r.Words++
			r.Syllables += syllables(word)
			inSentence = true
		}
		if end := strings.TrimRight(f, "\"'”’)»"); inSentence && end != "" && strings.ContainsRune(".!?", rune(end[len(end)-1])) {
			sentences++
			inSentence = false
		}
	}
	if inSentence || sentences == 0 {
		sentences++
	}
	r.Sentences += sentences
}

// syllables estimates the syllables of an English word. The heuristic:
// count groups of vowels (a e i o u y); a final silent e (make, store)
// and the e of a final -es or -ed that adds no sound (takes, moved) do
// not count, but -le after a consonant does (people, able); a word has
// at least one. Digits (a number or a placeholder) count as one. It is
// right for most everyday words and within a syllable for most others,
// which is enough to compare texts against a grade level.
func syllables(word string) int {
	w := strings.ToLower(word)
	w = strings.NewReplacer("’", "", "'", "").Replace(w)
	if strings.IndexFunc(w, unicode.IsLetter) < 0 {
		return 1
	}
	parts := strings.Split(w, "-")
	if len(parts) > 1 {
		n := 0
		for _, p := range parts {
			if p != "" {
				n += syllables(p)
			}
		}
		return max(n, 1)
	}
	isVowel := func(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }
	n := 0
	prev := false
	for i := 0; i < len(w); i++ {
		v := isVowel(w[i])
		if v && !prev {
			n++
		}
		prev = v
	}
	l := len(w)
	switch {
	case l > 2 && strings.HasSuffix(w, "le") && !isVowel(w[l-3]):
		// people, able: the -le is a syllable of its own
	case l > 2 && strings.HasSuffix(w, "e") && !isVowel(w[l-2]) && !strings.HasSuffix(w, "ee"):
		n-- // make, store
	case l > 3 && strings.HasSuffix(w, "es") && !isVowel(w[l-3]) && !strings.ContainsAny(w[l-3:l-2], "sxzc") && !strings.HasSuffix(w, "shes") && !strings.HasSuffix(w, "ges"):
		n-- // takes, times; not boxes, wishes, pages, places
	case l > 3 && strings.HasSuffix(w, "ed") && !isVowel(w[l-3]) && w[l-3] != 't' && w[l-3] != 'd':
		n-- // moved, asked; not wanted, needed
	}
	return max(n, 1)
}
