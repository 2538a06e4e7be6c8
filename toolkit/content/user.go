package content

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/awarekit/awarekit/toolkit/input"
	"github.com/awarekit/awarekit/toolkit/locale"
	"github.com/awarekit/awarekit/toolkit/spell"
)

// protected are content files a user folder may not replace: contacts,
// provinces and the facts register are verified facts, the message
// table says which messages are safety messages, and the release fixes
// versions and dates.
var protected = []string{"contacts.yaml", "content.yaml", "facts.yaml", "messages.yaml", "provinces.yaml"}

// folderFix is what to do about a folder that is no content folder.
const folderFix = "a content folder holds audiences/ (a folder for each audience of your own, with its audience.yaml) and locales/ (message files like fr.toml), which change the built-in content; 'awarekit new audience ID --content FOLDER' starts one. Name the right folder, or leave the content setting out to print the built-in content"

// CheckFolder refuses a content folder that cannot change anything: one
// that is not there, not a folder, has neither audiences/ nor locales/
// (content: /etc, a project's folder given for its content folder), or
// holds no file in them (an empty folder). Such a folder was taken
// without a word, and the built-in content printed as if it were the
// user's. Loading content does not call it: translate import and new
// write into a folder that may hold nothing yet; the commands that only
// read one do, and check.
func CheckFolder(dir string) error {
	k := input.Kind{Name: "content folder"}
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &input.Error{Kind: k, Path: dir, Problem: "does not exist", Fix: "check the name; " + folderFix, Err: err}
	case err != nil:
		why := err
		var pe *fs.PathError
		if errors.As(err, &pe) {
			why = pe.Err // the path is in the message already
		}
		return &input.Error{Kind: k, Path: dir, Problem: "cannot be read (" + why.Error() + ")", Err: err}
	case !st.IsDir():
		what := input.What(st.Mode())
		if what == "" {
			what = "a file"
		}
		return &input.Error{Kind: k, Path: dir, Problem: "is " + what + ", not a folder", Fix: folderFix}
	}
	fsys := os.DirFS(dir)
	var subs []string
	for _, sub := range []string{"audiences", "locales"} {
		if st, err := fs.Stat(fsys, sub); err == nil && st.IsDir() {
			subs = append(subs, sub)
		}
	}
	if len(subs) == 0 {
		if m := misplaced(fsys); m != "" {
			return &input.Error{Kind: k, Path: dir, Problem: "has neither audiences/ nor locales/ in it, so it is not a content folder: " + m}
		}
		return &input.Error{Kind: k, Path: dir, Problem: "has neither audiences/ nor locales/ in it, so it is not a content folder", Fix: folderFix}
	}
	errFound := errors.New("found")
	for _, sub := range subs {
		err := fs.WalkDir(fsys, sub, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // said when the folder is read
			}
			if !d.IsDir() {
				return errFound
			}
			return nil
		})
		if err == errFound {
			return nil
		}
	}
	if m := misplaced(fsys); m != "" {
		return &input.Error{Kind: k, Path: dir, Problem: "has no file in " + strings.Join(subs, "/ or ") + "/, so it changes nothing in the built-in content: " + m}
	}
	return &input.Error{Kind: k, Path: dir, Problem: "has no file in " + strings.Join(subs, "/ or ") + "/, so it changes nothing in the built-in content", Fix: folderFix}
}

func (lib *Library) loadUser(o Options) error {
	dir := o.UserDir
	// No link leads out of the folder, and only regular files of a sane
	// size are read: a link to /etc/passwd or a named pipe is an error
	// that names the file, never its contents.
	user, err := input.OpenFolder(input.Content, dir)
	if err != nil {
		return fmt.Errorf("content folder %s: %w", input.ShortPath(dir), err)
	}
	lib.user, lib.userDir = user, dir
	// Its audiences and locales folders are in it: one that is a link
	// out of it was read as no folder at all ("no audiences found").
	for _, name := range []string{"audiences", "locales"} {
		if _, err := user.Stat(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("content folder %s: %w", input.ShortPath(dir), err)
		}
	}
	for _, name := range protected {
		if _, err := fs.Stat(user, path.Join("audiences", name)); err == nil {
			return fmt.Errorf("content folder %s: audiences/%s cannot be replaced: it holds verified facts; give your own contacts with --phone, --email, --website or organisation.local", input.ShortPath(dir), name)
		}
	}
	var aud fs.FS = o.Audiences
	if sub, err := fs.Sub(user, "audiences"); err == nil {
		aud = Overlay{Upper: sub, Lower: o.Audiences}
	}
	// A file nothing reads explains what else goes wrong (the messages
	// of an audience whose locales/ is misspelt are in no file): it is
	// said first, alone.
	unread, warnings := lib.unreadFiles(aud)
	if len(unread) > 0 {
		slices.SortFunc(unread, func(a, b Problem) int { return strings.Compare(a.File, b.File) })
		return &ProblemsError{Problems: unread}
	}
	lib.Warnings = append(lib.Warnings, warnings...)
	if sub, err := fs.Sub(user, "locales"); err == nil {
		// A message file's problem names it as the user finds it, in
		// her folder (ours/locales/fr.toml:2:18), as an audience's does.
		shown := filepath.Join(dir, "locales")
		if err := lib.Catalog.OverrideFrom(sub, shown); err != nil {
			if strings.HasPrefix(err.Error(), shown+string(filepath.Separator)) {
				return fmt.Errorf("content file %w", err)
			}
			return fmt.Errorf("content folder %s: %w", input.ShortPath(dir), err)
		}
	}
	if err := lib.load(aud, o.Now); err != nil {
		return err
	}
	lib.checkUserMessages()
	lib.warnUnusedOverrides()
	slices.Sort(lib.Warnings)
	// The version printed on every page and recorded in build manifests
	// says the content was customised, and changes when the folder does.
	sum, err := folderHash(user)
	if err != nil {
		return fmt.Errorf("content folder %s: %w", input.ShortPath(dir), err)
	}
	lib.Info.Version += "+user." + sum[:12]
	return nil
}

// folderHash is a sha256 over the names and bytes of every file of the
// audiences and locales folders of fsys, in path order.
func folderHash(fsys fs.FS) (string, error) {
	h := sha256.New()
	for _, top := range []string{"audiences", "locales"} {
		if err := HashTree(h, fsys, top, false); err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// HashTree writes the name, length and bytes of every file under root of
// fsys to h, in path order, for a digest of content; a root that does
// not exist writes nothing. With plainOnly, an entry that is neither a
// folder nor a plain file (a link, a pipe) is an error (fs.ErrInvalid):
// reading it could give other bytes than the content was read from, or
// never end.
func HashTree(h io.Writer, fsys fs.FS, root string, plainOnly bool) error {
	return fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && p == root {
			return fs.SkipDir
		}
		if err != nil || d.IsDir() {
			return err
		}
		if plainOnly && !d.Type().IsRegular() {
			return fs.ErrInvalid
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(data))
		_, err = h.Write(data)
		return err
	})
}

// MaxMessage is the most characters a message of a content folder may
// have: about three times the longest built-in one (694, a story on the
// youth handout in Tagalog), which the handout, the longest page format
// that prints stories, holds on its pages. A message printed in a fixed
// space (max: in messages.yaml) may have four times its max.
const MaxMessage = 2000

// messageLimit is the most characters message m may have.
func messageLimit(m *Message) int {
	if m != nil && m.Max > 0 {
		return 4 * m.Max
	}
	return MaxMessage
}

// limitWhy says where a message's limit comes from.
func limitWhy(m *Message) string {
	if m != nil && m.Max > 0 {
		return fmt.Sprintf("four times the room it has where it prints in a fixed space, max: %d in messages.yaml", m.Max)
	}
	return "three times the longest built-in message; no page holds more in one place"
}

// templateAction is any {{…}} in a message; plainField is the one kind
// a message may use: a placeholder like {{.Emergency}}.
var (
	templateAction = regexp.MustCompile(`{{.*?}}`)
	plainField     = regexp.MustCompile(`^{{\s*\.([A-Za-z_][A-Za-z0-9_]*)\s*}}$`)
)

// checkUserMessages holds the user's messages to the rules that keep
// safety text safe. Any message: only placeholders, no other template
// actions, and only the placeholders its English has. A safety message
// (the hotline, 911, a contact, a number): every placeholder of its
// English kept, no digits of its own in any script, and a recorded hash
// of the English it replaced that matches today's English. Other
// messages that are stale or record no hash are reported.
func (lib *Library) checkUserMessages() {
	dir := lib.userDir
	overridden := map[string][]string{} // built-in message ID → languages that replace it
	for _, tag := range lib.Catalog.Tags() {
		l := lib.Catalog.Locale(tag)
		file := dir + "/locales/" + tag + ".toml"
		src := "locales/" + tag + ".toml"
		var noHash, stale []string
		for _, id := range l.Overridden {
			text := l.Messages[id]
			en, builtin := lib.Catalog.English(id)
			fields, err := fieldsOf(text)
			if err != nil {
				lib.problemAt(src, id, "message %s: %v", id, err)
				continue
			}
			if strings.TrimSpace(text) == "" {
				lib.problemAt(src, id, "message %s is blank, and would print as a gap on the page; write its words, or delete the line to keep the built-in text", id)
				continue
			}
			if most, n := messageLimit(lib.table[id]), utf8.RuneCountInString(text); n > most {
				// A 19,000-character headline cost some 2 CPU seconds
				// a layout (a tear-off flyer) before it was found too
				// long for the page.
				lib.problemAt(src, id, "message %s is %d characters long; the most is %d (%s); shorten it", id, n, most, limitWhy(lib.table[id]))
				continue
			}
			if !builtin {
				continue // the user's own message: no English to follow
			}
			// A translation changes the language's text, not the
			// group's words: nothing to carry to the other languages.
			if lib.Catalog.BuiltIn(tag) && !l.Translation {
				overridden[id] = append(overridden[id], tag)
			}
			want := locale.Placeholders(en)
			for _, f := range fields {
				if !slices.Contains(want, f) {
					lib.problemAt(src, id, "message %s uses {{.%s}}, which it does not have; its placeholders are: %s", id, f, placeholderList(want))
				}
			}
			m := lib.table[id]
			current := lib.Catalog.Current(l, id)
			_, hashed := l.Sources[id]
			if m == nil || !m.Safety {
				switch {
				case !hashed:
					noHash = append(noHash, id)
				case !current:
					stale = append(stale, id)
				}
				continue
			}
			for _, f := range want {
				// As often as the English: "call {{.Emergency}}. Where
				// there is no {{.Emergency}}, call local police" with
				// the first dropped told a person in danger to call a
				// neighbour, and translate import refuses it too.
				switch n, english := locale.PlaceholderCount(text, f), locale.PlaceholderCount(en, f); {
				case n == 0:
					lib.problemAt(src, id, "message %s is a safety message and must keep {{.%s}}: it prints the number or contact people call", id, f)
				case n != english:
					lib.problemAt(src, id, "message %s is a safety message and must keep {{.%s}} as often as the English: %s, not %s; each prints the number or contact people call where the English gives it", id, f, locale.Times(english), locale.Times(n))
				}
			}
			if r, ok := ownDigit(text); ok {
				lib.problemAt(src, id, "message %s is a safety message and may not write a number of its own (%q); numbers come from the verified contacts through its placeholders: %s", id, r, placeholderList(want))
			}
			if l.Translation {
				// A translation's safety message made from older English
				// prints in English, marked, and the page says draft.
				if !current {
					stale = append(stale, id)
				}
				continue
			}
			switch {
			case !hashed:
				lib.problemAt(src, id, "message %s is a safety message; record the English it replaces by adding under [_source]: %q = %q (awarekit messages -l en shows it), after checking your words against that English", id, id, locale.SourceHash(en))
			case !current:
				lib.problemAt(src, id, "message %s is a safety message whose English has changed since you wrote it; compare your words with today's English (awarekit messages -l en), update them, then set %q = %q under [_source]", id, id, locale.SourceHash(en))
			}
		}
		if len(stale) > 0 && l.Translation {
			lib.Warnings = append(lib.Warnings, fmt.Sprintf("%s: %s were translated from English that has changed since; they print with the draft line (safety messages in English); awarekit translate export -l %s --only stale gives them to a translator", file, strings.Join(stale, ", "), tag))
		} else if len(stale) > 0 {
			lib.Warnings = append(lib.Warnings, fmt.Sprintf("%s: the English of %s has changed since you wrote your words; compare them with awarekit messages -l en and update the hashes under [_source]", file, strings.Join(stale, ", ")))
		}
		if len(noHash) > 0 {
			lib.Warnings = append(lib.Warnings, fmt.Sprintf("%s: no hash of the English it replaces is recorded for %s, so awarekit cannot tell you when that English changes; add one under [_source] for each (awarekit messages -l en shows them)", file, strings.Join(noHash, ", ")))
		}
	}
	// A change made in some languages only: one warning for the
	// languages it does not reach alike (fourteen lines, one a language,
	// buried what else was said).
	var ids []string
	for id := range overridden {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	type reach struct{ missing, langs string }
	var order []reach
	tags := map[reach][]string{}
	for _, tag := range lib.Catalog.Tags() {
		if !lib.Catalog.BuiltIn(tag) {
			continue
		}
		var missing []string
		for _, id := range ids {
			if !slices.Contains(overridden[id], tag) {
				missing = append(missing, id)
			}
		}
		if len(missing) > 0 {
			langs := map[string]bool{}
			for _, id := range missing {
				for _, t := range overridden[id] {
					langs[t] = true
				}
			}
			r := reach{strings.Join(missing, ", "), strings.Join(sortedKeys(langs), ", ")}
			if tags[r] == nil {
				order = append(order, r)
			}
			tags[r] = append(tags[r], tag)
		}
	}
	for _, r := range order {
		if t := tags[r]; len(t) == 1 {
			lib.Warnings = append(lib.Warnings, fmt.Sprintf("%s/locales/%s.toml: your folder changes %s in %s but not in %s; %s materials keep the built-in words there",
				dir, t[0], r.missing, r.langs, t[0], t[0]))
			continue
		}
		lib.Warnings = append(lib.Warnings, fmt.Sprintf("%s/locales: your folder changes %s in %s but not in %s (%d languages); their materials keep the built-in words there",
			dir, r.missing, r.langs, strings.Join(tags[r], ", "), len(tags[r])))
	}
}

// fieldsOf lists the placeholders of a user's message, and refuses any
// template action other than a placeholder: a message is text, never a
// program.
func fieldsOf(text string) ([]string, error) {
	var fields []string
	for _, a := range templateAction.FindAllString(text, -1) {
		m := plainField.FindStringSubmatch(a)
		if m == nil {
			return nil, fmt.Errorf("%q is not a placeholder; a message may hold only placeholders like {{.Name}}", a)
		}
		fields = append(fields, m[1])
	}
	if rest := templateAction.ReplaceAllString(text, ""); strings.Contains(rest, "{{") || strings.Contains(rest, "}}") {
		return nil, errors.New("has an unclosed {{ or a stray }}; a message may hold only placeholders like {{.Name}}")
	}
	slices.Sort(fields)
	return slices.Compact(fields), nil
}

// ownDigit finds a digit (of any script: 2, ٢, ੨…) or other number
// character outside the placeholders of text.
func ownDigit(text string) (string, bool) {
	for _, r := range templateAction.ReplaceAllString(text, "") {
		if unicode.IsNumber(r) {
			return string(r), true
		}
	}
	return "", false
}

func placeholderList(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "{{." + n + "}}"
	}
	return strings.Join(out, ", ")
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// usedIDs lists the IDs of the messages some material prints.
func (lib *Library) usedIDs() []string {
	var ids []string
	for id, m := range lib.table {
		if len(m.Uses) > 0 {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

// warnUnusedOverrides warns about messages in the user's folder that no
// material uses: most often a misspelt ID, which would otherwise change
// nothing without a word.
func (lib *Library) warnUnusedOverrides() {
	for _, tag := range lib.Catalog.Tags() {
		for _, id := range lib.Catalog.Locale(tag).Overridden {
			if m, ok := lib.table[id]; !ok || len(m.Uses) == 0 {
				hint := ""
				if near := spell.Nearest(id, lib.usedIDs()); len(near) > 0 {
					hint = fmt.Sprintf(" (did you mean %s?)", strings.Join(near, " or "))
				}
				p := lib.problemOf("locales/"+tag+".toml", id, "message %s is not used by any material; is the ID spelt right?%s (awarekit messages lists them)", id, hint)
				lib.Warnings = append(lib.Warnings, p.String())
			}
		}
	}
}
