package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/format"
	"github.com/awarekit/awarekit/toolkit/input"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/profile"
	"github.com/awarekit/awarekit/toolkit/spell"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// ConfigFileName is the project file read from the working folder.
const ConfigFileName = "awarekit.yaml"

// shape is what a setting's value may be in a settings file.
type shape int

const (
	scalar   shape = iota // one value: text or a number, kept as written
	values                // one value or a list ("en,fr" and [en, fr] alike)
	scripts               // a map of script code to font files
	boolean               // true or false
	contacts              // a list of local contacts: label, phone, website
)

// setting is one key of the settings file, its AWAREKIT_ variable and
// its flag. The loader checks files against this table and `awarekit
// schema config` prints it as a JSON Schema, so they cannot disagree.
type setting struct {
	Key   string // dotted: organisation.phone
	Flag  string // "" when no flag sets it
	Shape shape
	Doc   string
	Enum  []string // the values it takes, when it is a fixed set
}

var settings = []setting{
	{Key: "audience", Flag: "audience", Shape: values, Doc: "Audiences to make material for, as 'awarekit list audiences' shows them: youth, newcomers…"},
	{Key: "lang", Flag: "lang", Shape: values, Doc: "Languages, as tags: en, fr, fr-CA… or two joined by + for a bilingual document (fr+en)."},
	{Key: "format", Flag: "format", Shape: values, Doc: "Formats to make, as 'awarekit list formats' shows them: flyer, cards, html…"},
	{Key: "paper", Flag: "paper", Shape: scalar, Doc: "Paper size.", Enum: layout.PaperNames},
	{Key: "style", Flag: "style", Shape: scalar, Doc: "How page formats are printed: standard; large-print (CNIB Clear Print: body text 14 pt or more, black on white, aligned left; more pages, cards two to a sheet) or high-contrast (black on white, no tints behind text), which the flyer, handout, wallet cards and safety card take.", Enum: layout.StyleNames},
	{Key: "out", Flag: "out", Shape: scalar, Doc: "Folder to write into, relative to this file."},
	{Key: "content", Flag: "content", Shape: scalar, Doc: "Your own content over the built-in: a folder with audiences/ and locales/, relative to this file."},
	{Key: "organisation.name", Flag: "org-name", Shape: scalar, Doc: fmt.Sprintf("Your organisation's name, printed on the material (at most %d characters).", profile.MaxName)},
	{Key: "organisation.phone", Flag: "phone", Shape: scalar, Doc: "Your phone number, printed as written: digits, spaces and + - . ( ), a word after the digits (1-855-554-HEAL), an extension (ext. 12)."},
	{Key: "organisation.email", Flag: "email", Shape: scalar, Doc: "Your email address, like info@example.org."},
	{Key: "organisation.website", Flag: "website", Shape: scalar, Doc: "Your website, like example.org or https://example.org/help; the QR code opens it."},
	{Key: "organisation.logo", Flag: "logo", Shape: scalar, Doc: "Your logo, a PNG or JPEG file, relative to this file."},
	{Key: "organisation.color", Flag: "color", Shape: scalar, Doc: `Your colour for the header, in quotes: "#0b5c6b". Also spelt colour.`},
	{Key: "organisation.local", Shape: contacts, Doc: fmt.Sprintf("Up to %d local contacts of your own (police non-emergency, victim services, an Indigenous-led service), each a label (at most %d characters) and a phone or a website: printed as your organisation's list, apart from the verified lines.", profile.MaxLocal, profile.MaxLabel)},
	{Key: "province", Flag: "province", Shape: scalar, Doc: "Add the verified lines of a province or territory, by its two-letter code (bc, ab, on…)."},
	{Key: "allow_draft", Flag: "allow-draft", Shape: boolean, Doc: "Make languages whose translation a fluent speaker must rewrite before it is printed (today iu, crk, oj): proofs for a reviewer, not for print."},
	{Key: "fonts", Shape: scripts, Doc: "TrueType fonts per script (ISO 15924 code: Guru, Deva, Ethi, Hani…): the regular file, then the bold, relative to this file."},
}

func lookupSetting(key string) (setting, bool) {
	i := slices.IndexFunc(settings, func(s setting) bool { return s.Key == key })
	if i < 0 {
		return setting{}, false
	}
	return settings[i], true
}

// envName is the environment variable of a setting.
func envName(key string) string {
	return "AWAREKIT_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// keyAliases are the other spellings of words in settings keys: British
// and Canadian (colour) beside the ones in the help, and American
// (organization). They work in settings files and AWAREKIT_ variables.
var keyAliases = map[string]string{"organization": "organisation", "colour": "color"}

// flagAliases are the other spellings of flags; they work, and the help
// names them beside the flag they stand for.
var flagAliases = map[string]string{
	"colour":            "color",
	"organisation":      "org-name",
	"organization":      "org-name",
	"organisation-name": "org-name",
	"organization-name": "org-name",
}

// normalizeFlag makes an alias of a flag that flag.
func normalizeFlag(_ *pflag.FlagSet, name string) pflag.NormalizedName {
	if to, ok := flagAliases[name]; ok {
		name = to
	}
	return pflag.NormalizedName(name)
}

// canonicalKey spells a settings key as the table does.
func canonicalKey(key string) string {
	parts := strings.Split(key, ".")
	for i, p := range parts {
		if to, ok := keyAliases[strings.ToLower(p)]; ok {
			parts[i] = to
		}
	}
	return strings.Join(parts, ".")
}

// envNames lists a setting's environment variables: its own, then those
// spelt with the key's aliases (AWAREKIT_ORGANIZATION_NAME).
func envNames(key string) []string {
	spellings := []string{""}
	for i, word := range strings.Split(key, ".") {
		forms := []string{word}
		for alias, to := range keyAliases {
			if to == word {
				forms = append(forms, alias)
			}
		}
		var next []string
		for _, s := range spellings {
			for _, f := range forms {
				if i > 0 {
					f = s + "." + f
				}
				next = append(next, f)
			}
		}
		spellings = next
	}
	names := make([]string, len(spellings))
	for i, s := range spellings {
		names[i] = envName(s)
	}
	return names
}

// Settings are the resolved configuration: flags over environment
// (AWAREKIT_…) over the project file over the user's config file over
// defaults. Organisation values are checked (profile.Organisation.Check).
type Settings struct {
	Audiences []string
	Langs     []string
	Formats   []string
	Paper     string
	Style     string
	Out       string
	Org       profile.Organisation
	// Content is a folder of the user's own content over the embedded
	// content: audiences/ (file by file) and locales/ (message by message).
	Content string
	// Fonts maps a script code (Guru, Hani…) to font files: regular, then bold.
	Fonts map[string][]string
	// Province is the province or territory whose verified lines are
	// added, as typed ("" for none); the engine checks the name.
	Province string
	// AllowDraft lets languages that must be rewritten be made (proofs).
	AllowDraft bool
	// ConfigFiles lists the files that were read, lowest precedence first.
	ConfigFiles []string
	// From says where the names only the engine can check came from
	// (audience, lang, province → "--lang", "AWAREKIT_LANG", "settings
	// file awarekit.yaml:3"), for its messages: see nameError.
	From map[string]string
}

// fileSettings is one settings file, read and checked.
type fileSettings struct {
	path   string
	values map[string]any // key → string or []string, as written
	lines  map[string]int // key → line
	fonts  map[string][]string
	fontAt map[string]string      // each font file → "settings file F:line"
	local  []profile.LocalContact // organisation.local
	// localAt is the line of each contact of organisation.local and of
	// each of its fields, by Organisation.Check's key: "local[1]",
	// "local[1].phone".
	localAt map[string]int
}

// parseSettings checks one settings file against the settings table:
// every key known, every value of the right shape, at file:line. Values
// are kept as written: a phone number 0123 stays 0123.
func parseSettings(path string, data []byte) (*fileSettings, error) {
	fset := &fileSettings{path: path, values: map[string]any{}, lines: map[string]int{}}
	root, err := input.ParseYAML(input.Settings, path, data)
	if err != nil || root == nil || isNull(root) {
		// Nothing, or a document of nothing ("---", every line
		// commented out under it): no settings, as an empty file.
		return fset, err
	}
	at := func(n *yaml.Node) string { return fmt.Sprintf("settings file %s:%d", path, n.Line) }
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: the file must be a list of settings, like paper: a4", at(root))
	}
	var walk func(prefix string, m *yaml.Node) error
	walk = func(prefix string, m *yaml.Node) error {
		for i := 0; i+1 < len(m.Content); i += 2 {
			k, v := m.Content[i], alias(m.Content[i+1])
			key := canonicalKey(prefix + k.Value)
			if k.Kind != yaml.ScalarNode || k.Value == "" {
				return fmt.Errorf("%s: a setting without a name; write name: value", at(k))
			}
			if key == "organisation" {
				if isNull(v) {
					continue // every entry commented out
				}
				if v.Kind != yaml.MappingNode {
					return fmt.Errorf("%s: organisation holds settings (name:, phone:…), one per line under it", at(v))
				}
				if err := walk("organisation.", v); err != nil {
					return err
				}
				continue
			}
			s, ok := lookupSetting(key)
			if !ok {
				hint := ""
				if near := spell.Nearest(key, settingKeys()); len(near) > 0 {
					hint = fmt.Sprintf(" (did you mean %s?)", strings.Join(near, " or "))
				}
				return fmt.Errorf("%s: unknown setting %s%s; known: %s", at(k), input.Quote(key), hint, strings.Join(settingKeys(), ", "))
			}
			if _, dup := fset.lines[key]; dup {
				return fmt.Errorf("%s: %s is set twice; keep one", at(k), key)
			}
			if isNull(v) {
				// "color: #7a1f5c" is a setting followed by a comment.
				if c := strings.TrimSpace(strings.TrimPrefix(v.LineComment+k.LineComment, "#")); c != "" && (key == "organisation.color" || !strings.Contains(c, " ")) {
					return fmt.Errorf("%s: %s reads as empty: in YAML, # starts a comment; quote the value: %s: \"#%s\"", at(k), k.Value, k.Value, c)
				}
				continue
			}
			fset.lines[key] = k.Line
			switch s.Shape {
			case scalar:
				val, err := scalarValue(v, at, key)
				if err != nil {
					return err
				}
				fset.values[key] = val
			case values:
				var list []string
				items := []*yaml.Node{v}
				if v.Kind == yaml.SequenceNode {
					items = v.Content
				}
				for _, it := range items {
					val, err := scalarValue(alias(it), at, key)
					if err != nil {
						return err
					}
					list = append(list, val)
				}
				fset.values[key] = list
			case scripts:
				if fset.fonts, fset.fontAt, err = fontSettings(v, at, filepath.Dir(path)); err != nil {
					return err
				}
			case boolean:
				if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
					return fmt.Errorf("%s: %s is true or false, not %s", at(v), key, describeNode(v))
				}
				fset.values[key] = strings.ToLower(v.Value)
			case contacts:
				if fset.local, fset.localAt, err = localSettings(v, at); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := walk("", root); err != nil {
		return nil, err
	}
	return fset, nil
}

// alias is the value an alias (*name) names, or n itself: "lang: *l"
// said "lang has no value".
func alias(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null" && (n.Value == "" || n.Value == "~" || n.Value == "null")
}

// scalarValue is a single value as written, or an error saying what
// was found instead.
func scalarValue(n *yaml.Node, at func(*yaml.Node) string, key string) (string, error) {
	switch {
	case n.Kind == yaml.MappingNode:
		return "", fmt.Errorf("%s: %s is a map here; give it one value", at(n), key)
	case n.Kind == yaml.SequenceNode:
		return "", fmt.Errorf("%s: %s is a list here; give it one value", at(n), key)
	case n.Kind != yaml.ScalarNode:
		return "", fmt.Errorf("%s: %s has no value; give it one", at(n), key)
	case n.Tag == "!!bool":
		return "", fmt.Errorf("%s: %s reads as true or false; if %s is meant, quote it: \"%s\"", at(n), key, n.Value, n.Value)
	case n.Tag == "!!binary" || n.Tag == "!!timestamp" && strings.HasPrefix(key, "organisation."):
		return "", fmt.Errorf("%s: %s is not text; quote it", at(n), key)
	}
	return n.Value, nil
}

// describeNode says what a YAML value is, for messages.
func describeNode(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a map"
	case yaml.SequenceNode:
		return "a list"
	}
	return "text"
}

// localSettings reads organisation.local: a list of contacts, each with
// a label and a phone or a website. Their text is checked with the rest
// of the organisation's (profile.Organisation.Check).
func localSettings(v *yaml.Node, at func(*yaml.Node) string) ([]profile.LocalContact, map[string]int, error) {
	const shape = "organisation.local is a list of contacts, each like {label: \"Riverside police, non-emergency\", phone: 604-555-0199}"
	if v.Kind != yaml.SequenceNode {
		return nil, nil, fmt.Errorf("%s: %s", at(v), shape)
	}
	var out []profile.LocalContact
	lines := map[string]int{}
	for n, item := range v.Content {
		if item.Kind != yaml.MappingNode {
			return nil, nil, fmt.Errorf("%s: %s", at(item), shape)
		}
		var c profile.LocalContact
		key := fmt.Sprintf("local[%d]", n)
		lines[key] = item.Line
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, val := item.Content[i], item.Content[i+1]
			text, err := scalarValue(val, at, "organisation.local "+k.Value)
			if err != nil {
				return nil, nil, err
			}
			lines[key+"."+k.Value] = val.Line
			switch k.Value {
			case "label":
				c.Label = text
			case "phone":
				c.Phone = text
			case "website":
				c.Website = text
			default:
				return nil, nil, fmt.Errorf("%s: organisation.local: unknown key %s; a contact has label, phone and website", at(k), input.Quote(k.Value))
			}
		}
		out = append(out, c)
	}
	return out, lines, nil
}

// fontSettings reads fonts: {Guru: [regular.ttf, bold.ttf]}, paths
// relative to the file's folder.
func fontSettings(v *yaml.Node, at func(*yaml.Node) string, dir string) (map[string][]string, map[string]string, error) {
	const shape = "fonts maps a script code to font files, like fonts: {Guru: [NotoSansGurmukhi-Regular.ttf, NotoSansGurmukhi-Bold.ttf]}"
	if v.Kind != yaml.MappingNode {
		return nil, nil, fmt.Errorf("%s: %s", at(v), shape)
	}
	out := map[string][]string{}
	lines := map[string]string{} // each file → the settings file and line naming it
	// A file is named by its whole path: the manifest records it, and
	// the next build, perhaps from another folder, checks it by it.
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, files := v.Content[i], v.Content[i+1]
		sc, err := typeset.ParseScriptCode(k.Value)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: fonts: %w", at(k), err)
		}
		code := typeset.ScriptCode(sc)
		items := []*yaml.Node{files}
		if files.Kind == yaml.SequenceNode {
			items = files.Content
		}
		if len(items) == 0 || len(items) > 2 {
			return nil, nil, fmt.Errorf("%s: fonts: %s takes one or two files (regular, then bold)", at(files), k.Value)
		}
		if _, dup := out[code]; dup {
			return nil, nil, fmt.Errorf("%s: fonts: %s is given twice", at(k), code)
		}
		for _, it := range items {
			f, err := scalarValue(it, at, "fonts."+k.Value)
			if err != nil {
				return nil, nil, err
			}
			if f == "" {
				return nil, nil, fmt.Errorf("%s: fonts: %s has an empty file name", at(it), k.Value)
			}
			if !filepath.IsAbs(f) {
				f = filepath.Join(dir, f)
			}
			out[code] = append(out[code], f)
			lines[f] = at(it)
		}
	}
	return out, lines, nil
}

// readSettingsFile reads and checks one file; a missing optional file is
// nil, nil.
func readSettingsFile(path string, required bool) (*fileSettings, error) {
	if _, err := profile.CheckPath(profile.Field{Name: "settings file", From: "--config"}, path); err != nil {
		return nil, usage(err)
	}
	data, err := input.ReadFile(input.Settings, path)
	if errors.Is(err, fs.ErrNotExist) {
		if required {
			return nil, usage(fmt.Errorf("settings file %s (--config) does not exist; check the name, or leave --config out to use ./%s", path, ConfigFileName))
		}
		return nil, nil
	}
	if err != nil {
		if required {
			return nil, usage(fmt.Errorf("--config: %w", err))
		}
		return nil, err
	}
	return parseSettings(path, data)
}

// source is a settings file to read, and whether it must exist.
type source struct {
	path     string
	required bool
}

// settingsSources are the settings files a run reads: the user's file,
// then the project's (or --config), lowest precedence first; only
// --config must exist.
func settingsSources(configFile string) []source {
	var paths []source
	if dir, err := os.UserConfigDir(); err == nil {
		paths = append(paths, source{filepath.Join(dir, "awarekit", ConfigFileName), false})
	}
	if configFile != "" {
		paths = append(paths, source{configFile, true})
	} else {
		paths = append(paths, source{ConfigFileName, false})
	}
	return paths
}

// loadSettings reads configuration for one run with a fresh viper.
// configFile is --config ("" looks for awarekit.yaml in the working
// folder); a missing default file is not an error, a missing named one is.
func loadSettings(flags *pflag.FlagSet, configFile string) (*Settings, error) {
	if err := checkEnv(os.Environ(), flags); err != nil {
		return nil, err
	}
	v := viper.New()
	v.SetDefault("audience", []string{"youth"})
	v.SetDefault("lang", []string{"en"})
	v.SetDefault("format", []string{"flyer"})
	v.SetDefault("paper", "letter")
	v.SetDefault("style", string(layout.Standard))
	v.SetDefault("out", ".")

	s := &Settings{}
	var files []*fileSettings
	fontAt := map[string]string{}
	for _, p := range settingsSources(configFile) {
		fset, err := readSettingsFile(p.path, p.required)
		if err != nil {
			return nil, err
		}
		if fset == nil {
			continue
		}
		files = append(files, fset)
		s.ConfigFiles = append(s.ConfigFiles, p.path)
		nested := map[string]any{}
		for key, val := range fset.values {
			m := nested
			parts := strings.Split(key, ".")
			for _, p := range parts[:len(parts)-1] {
				if _, ok := m[p].(map[string]any); !ok {
					m[p] = map[string]any{}
				}
				m = m[p].(map[string]any)
			}
			m[parts[len(parts)-1]] = val
		}
		if err := v.MergeConfigMap(nested); err != nil {
			return nil, fmt.Errorf("settings file %s could not be merged (%v); check its layout against `awarekit schema config`", p.path, err)
		}
		if fset.local != nil {
			s.Org.Local = fset.local // a later file's list replaces an earlier one's
		}
		for script, f := range fset.fonts {
			if s.Fonts == nil {
				s.Fonts = map[string][]string{}
			}
			s.Fonts[script] = f // a later file's fonts for a script replace an earlier one's
		}
		for f, at := range fset.fontAt {
			fontAt[f] = at
		}
	}

	v.SetEnvPrefix("AWAREKIT")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	for _, st := range settings {
		if st.Shape == scripts || st.Shape == contacts {
			continue
		}
		// Unmarshal and Get ignore environment values of keys that were
		// never bound, so bind every key explicitly.
		if err := v.BindEnv(append([]string{st.Key}, envNames(st.Key)...)...); err != nil {
			return nil, fmt.Errorf("bind environment for %s: %w", st.Key, err)
		}
		if f := flags.Lookup(st.Flag); f != nil {
			if err := v.BindPFlag(st.Key, f); err != nil {
				return nil, fmt.Errorf("bind flag --%s: %w", st.Flag, err)
			}
		}
	}

	// origin says where a key's value came from; file is the file that
	// set it, if a file did.
	origin := func(key string) (from string, file *fileSettings) {
		st, _ := lookupSetting(key)
		if flagChanged(flags, st.Flag) {
			return "--" + st.Flag, nil
		}
		for _, name := range envNames(key) {
			if _, ok := os.LookupEnv(name); ok {
				return name, nil
			}
		}
		for i := len(files) - 1; i >= 0; i-- {
			if line, ok := files[i].lines[key]; ok {
				return fmt.Sprintf("settings file %s:%d", files[i].path, line), files[i]
			}
		}
		return "the default", nil
	}
	// A relative path in a settings file is relative to that file, not
	// to wherever the command happens to run.
	fromFile := func(key, val string) string {
		if _, f := origin(key); f != nil && val != "" && !filepath.IsAbs(val) {
			return filepath.Join(filepath.Dir(f.path), val)
		}
		return val
	}

	s.Audiences = list(v.GetStringSlice("audience"))
	s.Langs = list(v.GetStringSlice("lang"))
	if from, _ := origin("lang"); strings.HasPrefix(from, "--") {
		// A flag's values are already split at commas; a space there may
		// be part of a language's name (-l "Tiếng Việt"), which only the
		// engine knows: generate splits the rest.
		s.Langs = trimmed(v.GetStringSlice("lang"))
	}
	s.Formats = list(v.GetStringSlice("format"))
	s.Paper = v.GetString("paper")
	s.Style = v.GetString("style")
	// Names that need no engine are checked here, where it is known
	// where they came from: a plan would otherwise blame its own
	// defaults for a value set in the environment.
	checks := []struct {
		key   string
		vals  []string
		check func(string) error
	}{
		{"paper", []string{s.Paper}, func(n string) error { _, err := layout.PaperByName(n); return err }},
		{"style", []string{s.Style}, func(n string) error { _, err := layout.StyleByName(n); return err }},
		{"format", s.Formats, format.Check},
	}
	for _, c := range checks {
		for _, val := range c.vals {
			if err := c.check(val); err != nil {
				from, file := origin(c.key)
				if file != nil {
					return nil, fmt.Errorf("%s: %w", from, err)
				}
				return nil, usage(fmt.Errorf("%s: %w", from, err))
			}
		}
	}
	s.Out = fromFile("out", v.GetString("out"))
	s.Content = fromFile("content", v.GetString("content"))
	// Paths are printed (the files written, messages): no control or
	// direction character may ride along.
	for key, val := range map[string]string{"out": s.Out, "content": s.Content, "organisation.logo": v.GetString("organisation.logo")} {
		from, _ := origin(key)
		field := profile.Field{Name: strings.TrimPrefix(key, "organisation."), From: from}
		if key == "out" && strings.TrimSpace(val) == "" {
			// "" would be no folder at all, and " " a folder whose name
			// nobody sees.
			err := &profile.FieldError{Field: field, Problem: "is empty or only spaces", Fix: "give a folder's name, or leave it out to write into the current folder"}
			if strings.HasPrefix(from, "settings file") {
				return nil, err
			}
			return nil, usage(err)
		}
		if _, err := profile.CheckPath(field, val); err != nil {
			if strings.HasPrefix(from, "settings file") {
				return nil, err
			}
			return nil, usage(err)
		}
	}
	for script, files := range s.Fonts {
		for _, f := range files {
			if _, err := profile.CheckPath(profile.Field{Name: "font for " + script, From: "settings file"}, f); err != nil {
				return nil, err
			}
		}
	}
	s.Province = v.GetString("province")
	s.From = map[string]string{}
	for _, key := range []string{"audience", "lang", "province", "content", "out", "organisation.logo"} {
		s.From[key], _ = origin(key)
	}
	for f, at := range fontAt {
		s.From["fonts "+f] = at
	}
	if raw, ok := os.LookupEnv(envName("allow_draft")); ok && !flagChanged(flags, "allow-draft") {
		if _, err := strconv.ParseBool(raw); err != nil {
			return nil, usage(fmt.Errorf("%s is %s; set it to true or false", envName("allow_draft"), input.Quote(raw)))
		}
	}
	s.AllowDraft = v.GetBool("allow_draft")
	org := profile.Organisation{
		Local:   s.Org.Local,
		Name:    v.GetString("organisation.name"),
		Phone:   v.GetString("organisation.phone"),
		Email:   v.GetString("organisation.email"),
		Website: v.GetString("organisation.website"),
		Logo:    fromFile("organisation.logo", v.GetString("organisation.logo")),
		Color:   v.GetString("organisation.color"),
	}
	var err error
	s.Org, err = org.Check(func(field string) string {
		from, _ := origin("organisation." + field)
		if rest, ok := strings.CutPrefix(field, "local["); ok {
			// A contact's field at its own line, in the file whose
			// list is the one used; else the contact's line.
			var f *fileSettings
			from, f = origin("organisation.local")
			if f != nil {
				contact := "local[" + rest[:strings.IndexByte(rest, ']')+1]
				for _, k := range []string{field, contact} {
					if line, ok := f.localAt[k]; ok {
						return fmt.Sprintf("settings file %s:%d", f.path, line)
					}
				}
			}
		}
		return from
	})
	if err != nil {
		// A bad value on the command line or in the environment is a
		// usage error (exit 2); one in a file is bad content (exit 1).
		for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
			var fe *profile.FieldError
			if errors.As(e, &fe) && strings.HasPrefix(fe.Field.From, "settings file") {
				return nil, err
			}
		}
		return nil, usage(err)
	}
	return s, nil
}

// loadContentSettings is loadSettings for a command that prints or reads
// the content folder the settings name (not one that writes into it, as
// new and translate import do): a folder that is none (content: /etc, an
// empty folder; content.CheckFolder) is refused, naming where it was set,
// a usage error (exit 2) when a flag or the environment set it, bad
// content (exit 1) when a settings file did.
func loadContentSettings(flags *pflag.FlagSet, configFile string) (*Settings, error) {
	s, err := loadSettings(flags, configFile)
	if err != nil || s.Content == "" {
		return s, err
	}
	if err := content.CheckFolder(s.Content); err != nil {
		return nil, settingError(s.From["content"], err)
	}
	return s, nil
}

// folderToWrite refuses a content folder a command writes into (new,
// translate import and review) that is no folder (a file, a named pipe,
// a device), or, unless made is true, is not there; from says where it
// was named (settingError). Whether it is a content folder is not asked:
// it may hold nothing yet.
func folderToWrite(from, dir string, made bool) error {
	k := input.Kind{Name: "content folder"}
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist) && made:
		return nil
	case errors.Is(err, fs.ErrNotExist):
		err = &input.Error{Kind: k, Path: dir, Problem: "does not exist", Fix: "check the name; 'awarekit new audience ID --content FOLDER' starts a content folder", Err: err}
	case err != nil:
		err = &input.Error{Kind: k, Path: dir, Problem: "cannot be read (" + err.Error() + ")", Err: err}
	case !st.IsDir():
		what := input.What(st.Mode())
		if what == "" {
			what = "a file"
		}
		err = &input.Error{Kind: k, Path: dir, Problem: "is " + what + ", not a folder", Fix: "give the folder to write into"}
	default:
		return nil
	}
	return settingError(from, err)
}

// settingError is err about a setting's value, prefixed with where the
// value came from: a usage error (exit 2) when a flag, the environment
// or the default set it, bad content (exit 1) when a settings file did,
// at its line.
func settingError(from string, err error) error {
	err = fmt.Errorf("%s: %w", from, err)
	if strings.HasPrefix(from, "settings file") {
		return err
	}
	return usage(err)
}

// checkFiles makes sure the logo and the fonts the settings name are
// files that can be read (not missing, a folder, a named pipe or a
// device), before any work; from is Settings.From. A wrong --logo (or
// AWAREKIT_ORGANISATION_LOGO) is a usage error, a wrong
// organisation.logo or font in a settings file bad content at its line.
// Whether they are a PNG or JPEG, or a font, is checked when they are
// read.
func checkFiles(logo string, fonts map[string][]string, from map[string]string) error {
	if logo != "" {
		if err := input.Check(input.Logo, logo); err != nil {
			at := from["organisation.logo"]
			if strings.HasPrefix(at, "settings file") {
				at += ": organisation.logo"
			}
			return settingError(at, err)
		}
	}
	scripts := slices.Sorted(maps.Keys(fonts))
	for _, script := range scripts {
		for _, f := range fonts[script] {
			if err := input.Check(input.Font, f); err != nil {
				at := cmp.Or(from["fonts "+f], "settings file")
				return settingError(at+": fonts: "+script, err)
			}
		}
	}
	return nil
}

// fontError is err, from opening the engine with the settings' fonts,
// with where a font file that is no usable font was named: the settings
// file's line (awarekit.yaml:3: fonts: Guru: font … could not be read
// as a TrueType font), as a missing one is said (checkFiles). Any other
// error is err.
func fontError(err error, from map[string]string) error {
	var fe *typeset.FontFileError
	if !errors.As(err, &fe) {
		return err
	}
	at := from["fonts "+fe.Path]
	if at == "" {
		return err
	}
	return settingError(at+": fonts: "+fe.Script, fe.Err)
}

// outDirError is the error of an output folder that cannot be written
// (a file, a named pipe, a device, no permission, a full or read-only
// disk, inside the content folder), from says where the folder was
// named: a usage error when a flag, the environment or the default
// named it, bad content of the settings file when it did.
func outDirError(from string, err error) error {
	if !strings.HasPrefix(from, "settings file") {
		return usage(err) // the message names --out already
	}
	return settingError(from+": out", err)
}

// toolEnv are the AWAREKIT_ variables that are no setting: the ones the
// program reads to profile itself or show where it crashed, and the ones
// the tests and CI read (DEVELOPERS.md). The environment check lets them
// pass.
var toolEnv = []string{
	debugEnv, "AWAREKIT_CPUPROFILE", "AWAREKIT_MEMPROFILE", "AWAREKIT_TRACE",
	"AWAREKIT_FULL", "AWAREKIT_REQUIRE_FONTS", "AWAREKIT_REQUIRE_FACTS",
	"AWAREKIT_PDFJS_DIST", "AWAREKIT_AXE_CORE", "AWAREKIT_SCREENSHOTS",
	"AWAREKIT_IMAGES_OUT", "AWAREKIT_TEST_HOLD_LOCK",
}

// checkEnv refuses an AWAREKIT_ variable that is no setting's and none
// of toolEnv (a misspelt AWAREKIT_PAPR, or AWAREKIT_JOBS, which only a
// flag sets), and one for a setting that only a settings file can hold:
// viper would pass over it, and a misspelt phone would be left off every
// page, or a page printed on the wrong paper, without a word. An
// organisation's variable may be spelt _ORGANIZATION_ or _ORG_, as the
// --org-name flag suggests; the suggestion then names the right one.
func checkEnv(environ []string, flags *pflag.FlagSet) error {
	known := map[string]setting{}
	var names, orgNames []string
	for _, st := range settings {
		for _, n := range envNames(st.Key) {
			known[n] = st
		}
		if st.Shape == scripts || st.Shape == contacts {
			continue
		}
		names = append(names, envName(st.Key))
		if strings.HasPrefix(st.Key, "organisation.") {
			orgNames = append(orgNames, envName(st.Key))
		}
	}
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(name, "AWAREKIT_") || slices.Contains(toolEnv, name) {
			continue
		}
		if st, isSetting := known[name]; isSetting {
			if st.Shape == scripts || st.Shape == contacts {
				return usage(fmt.Errorf("%s: %s can be given only in a settings file (awarekit.yaml), not in the environment; unset it", name, st.Key))
			}
			continue
		}
		msg := fmt.Sprintf("%s is not a setting awarekit reads", name)
		for _, prefix := range []string{"AWAREKIT_ORGANIZATION_", "AWAREKIT_ORG_"} {
			if rest, found := strings.CutPrefix(name, prefix); found {
				name = "AWAREKIT_ORGANISATION_" + rest
			}
		}
		rest := strings.TrimPrefix(name, "AWAREKIT_")
		flag := strings.ToLower(strings.ReplaceAll(rest, "_", "-"))
		switch {
		case slices.Contains(names, name):
			msg += fmt.Sprintf(" (did you mean %s?)", name)
		case flags != nil && flags.Lookup(flag) != nil:
			return usage(fmt.Errorf("%s: --%s is given on the command line only; unset it and add --%s to the command", msg, flag, flag))
		default:
			// Compare what follows AWAREKIT_: the shared prefix would
			// make any two names look alike.
			rests := make([]string, len(names))
			for i, n := range names {
				rests[i] = strings.TrimPrefix(n, "AWAREKIT_")
			}
			if near := spell.Nearest(rest, rests); len(near) > 0 {
				msg += fmt.Sprintf(" (did you mean AWAREKIT_%s?)", strings.Join(near, " or AWAREKIT_"))
			}
		}
		if strings.HasPrefix(name, "AWAREKIT_ORGANISATION_") {
			return usage(fmt.Errorf("%s; the organisation's are %s", msg, strings.Join(orgNames, ", ")))
		}
		return usage(fmt.Errorf("%s; unset it. The settings' variables are %s", msg, strings.Join(names, ", ")))
	}
	return nil
}

func flagChanged(flags *pflag.FlagSet, name string) bool {
	if name == "" {
		return false
	}
	f := flags.Lookup(name)
	return f != nil && f.Changed
}

// list splits values on commas and spaces, so "en,fr", "en fr" and
// repeated flags all work, from flags, environment and files alike.
func list(values []string) []string {
	var out []string
	for _, v := range values {
		out = append(out, strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' })...)
	}
	return out
}

// trimmed is values without surrounding spaces or empty ones.
func trimmed(values []string) []string {
	var out []string
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func settingKeys() []string {
	keys := make([]string, 0, len(settings))
	for _, s := range settings {
		keys = append(keys, s.Key)
	}
	slices.Sort(keys)
	return keys
}

// settingsSchema is the JSON Schema (draft 2020-12) of a settings file,
// made from the table the loader checks against.
func settingsSchema() ([]byte, error) {
	type object = map[string]any
	props := object{}
	org := object{}
	for _, s := range settings {
		var p object
		// Empty (null) means not set, as in the file awarekit init writes.
		one := object{"type": []string{"string", "number", "null"}}
		if len(s.Enum) > 0 {
			enum := []any{nil}
			for _, e := range s.Enum {
				enum = append(enum, e)
			}
			one = object{"enum": enum}
		}
		switch s.Shape {
		case scalar:
			p = one
		case values:
			p = object{"anyOf": []any{one, object{"type": "array", "items": one}}}
		case boolean:
			p = object{"type": "boolean"}
		case contacts:
			text := func(max int) object { return object{"type": "string", "minLength": 1, "maxLength": max} }
			p = object{"type": "array", "maxItems": profile.MaxLocal, "items": object{
				"type": "object", "additionalProperties": false, "required": []string{"label"},
				"properties": object{"label": text(profile.MaxLabel), "phone": text(profile.MaxPhone), "website": text(profile.MaxWebsite)},
				"anyOf":      []any{object{"required": []string{"phone"}}, object{"required": []string{"website"}}},
			}}
		case scripts:
			files := object{"type": "string", "minLength": 1}
			p = object{
				"type":                 "object",
				"propertyNames":        object{"pattern": "^[A-Za-z]{4}$", "examples": typeset.ScriptCodes()},
				"additionalProperties": object{"anyOf": []any{files, object{"type": "array", "items": files, "minItems": 1, "maxItems": 2}}},
			}
		}
		p["description"] = s.Doc
		if name, ok := strings.CutPrefix(s.Key, "organisation."); ok {
			org[name] = p
		} else {
			props[s.Key] = p
		}
	}
	for name, max := range map[string]int{"name": profile.MaxName, "phone": profile.MaxPhone, "email": profile.MaxEmail, "website": profile.MaxWebsite} {
		org[name].(object)["maxLength"] = max
	}
	org["color"].(object)["pattern"] = "^#?([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$"
	// The other spellings the loader takes, so editors do not flag them.
	for alias, to := range keyAliases {
		if p, ok := org[to]; ok {
			org[alias] = p
		}
	}
	props["organisation"] = object{"type": "object", "additionalProperties": false, "properties": org,
		"description": "Your organisation, printed on every material. Also spelt organization."}
	for alias, to := range keyAliases {
		if p, ok := props[to]; ok {
			props[alias] = p
		}
	}
	return json.MarshalIndent(object{
		"$schema":              "https://json-schema.org/draft/2020-12/schema",
		"title":                "awarekit settings (" + ConfigFileName + ")",
		"type":                 "object",
		"additionalProperties": false,
		"properties":           props,
	}, "", "  ")
}

// maxSourceDate is the last second that PDF and ZIP dates can write
// (9999-12-31T23:59:59Z).
const maxSourceDate = 253402300799

// sourceDateEpoch reads SOURCE_DATE_EPOCH, the reproducible-builds
// convention for fixing the dates written into files: a whole number of
// seconds from 0 (1970) to the end of year 9999. A bad value is a mistake
// in the environment: a usage error (exit 2). Unset or empty is the zero
// time.
func sourceDateEpoch() (time.Time, error) {
	s, ok := os.LookupEnv("SOURCE_DATE_EPOCH")
	if !ok || s == "" {
		return time.Time{}, nil
	}
	sec, err := strconv.ParseInt(s, 10, 64)
	if err != nil || sec < 0 || sec > maxSourceDate {
		return time.Time{}, usage(fmt.Errorf("SOURCE_DATE_EPOCH %q is not a whole number of seconds since 1970 from 0 to %d (the end of year 9999); unset it or give one like %d",
			s, maxSourceDate, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC).Unix()))
	}
	return time.Unix(sec, 0).UTC(), nil
}

// addConfigFlag adds --config to cmd.
func addConfigFlag(cmd *cobra.Command, target *string) {
	cmd.Flags().StringVar(target, "config", "", "read settings from `FILE` instead of ./"+ConfigFileName)
}
