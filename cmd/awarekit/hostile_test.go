package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/awarekit/awarekit/toolkit/pdftest"
)

// hostileCase is one hostile input given to a command in-process.
type hostileCase struct {
	family string
	name   string
	args   []string          // after the program name; "$DIR" is replaced by the test's folder
	env    map[string]string // environment, besides a clean one
	files  map[string]string // files to make first, relative to the folder; "FIFO" makes a named pipe
	code   int               // the exit code wanted
	want   []string          // in stderr: the input named, and what is wrong
}

func hostileCases() []hostileCase {
	gen := func(args ...string) []string { return append([]string{"generate", "-o", "$DIR/out"}, args...) }
	build := []string{"build", "$DIR/plan.yaml", "-o", "$DIR/out"}
	plan := func(extra string) map[string]string {
		return map[string]string{"plan.yaml": extra + "outputs: [{audience: youth, language: en}]\n"}
	}
	settings := func(s string) map[string]string { return map[string]string{"awarekit.yaml": s} }
	bomb := aliasBomb()
	imp := func(file string) []string {
		return []string{"translate", "import", "$DIR/" + file, "--into", "$DIR/ours"}
	}
	return []hostileCase{
		// Translation files (translate import).
		{"translate", "a named pipe", imp("fifo.po"), nil, map[string]string{"fifo.po": "FIFO", "ours/locales/.keep": ""}, 2, []string{"fifo.po", "is a named pipe"}},
		{"translate", "a file of 9 MB", imp("big.po"), nil, map[string]string{"big.po": "SPARSE9M", "ours/locales/.keep": ""}, 1, []string{"big.po", "larger than 8 MB"}},
		{"translate", "RLO in a translation", imp("es.po"), nil, map[string]string{"es.po": "msgid \"\"\nmsgstr \"Language: es\\n\"\n\nmsgctxt \"ui.signs.title\"\nmsgid \"Signs to look for\"\nmsgstr \"Se\u202eñales\"\n", "ours/locales/.keep": ""}, 1, []string{"es.po:6: ui.signs.title:", "RIGHT-TO-LEFT OVERRIDE"}},
		{"translate", "invalid UTF-8 in a PO file", imp("es.po"), nil, map[string]string{"es.po": "msgid \"\"\nmsgstr \"Language: es\\n\"\n\nmsgctxt \"ui.signs.title\"\nmsgid \"Signs to look for\"\nmsgstr \"Se\xffñales\"\n", "ours/locales/.keep": ""}, 1, []string{"es.po:6:", "not valid UTF-8"}},
		{"translate", "escape in a message ID", imp("es.po"), nil, map[string]string{"es.po": "msgid \"\"\nmsgstr \"Language: es\\n\"\n\nmsgctxt \"a\x1b[2J\"\nmsgid \"x\"\nmsgstr \"y\"\n", "ours/locales/.keep": ""}, 1, []string{"is not one of awarekit's messages", `\x1b`}},
		{"translate", "a link out as the file", imp("es.po"), nil, map[string]string{"es.po": "LINK:/etc/passwd", "ours/locales/.keep": ""}, 1, []string{"es.po:1:"}},
		// Invalid UTF-8.
		{"invalid UTF-8", "org name flag", gen("--org-name", "A\xffB"), nil, nil, 2, []string{"--org-name", "not valid UTF-8"}},
		{"invalid UTF-8", "phone flag", gen("--phone", "604\xff555"), nil, nil, 2, []string{"--phone", "not valid UTF-8"}},
		{"invalid UTF-8", "website flag, WTF-8 surrogate", gen("--website", "ex\xed\xa0\x80.org"), nil, nil, 2, []string{"--website", "not valid UTF-8"}},
		{"invalid UTF-8", "name in the environment", gen(), map[string]string{"AWAREKIT_ORGANISATION_NAME": "Club\xc0"}, nil, 2, []string{"AWAREKIT_ORGANISATION_NAME", "not valid UTF-8"}},
		{"invalid UTF-8", "name in the settings file", gen(), nil, settings("organisation:\n  name: \"Club\xfe\"\n"), 1, []string{"awarekit.yaml"}},
		{"invalid UTF-8", "event in a plan", build, nil, plan("event: {name: \"A\xffB\"}\n"), 1, []string{"plan.yaml:1"}},
		{"invalid UTF-8", "plan saved as Windows-1252", build, nil, plan("event: {name: ok}\n\n# caf\xe9\n"), 1, []string{"plan.yaml:3: is not UTF-8 text (byte 0xE9, character 6 of the line); save the file as UTF-8"}},
		{"invalid UTF-8", "settings file saved as Latin-1", gen(), nil, settings("paper: a4\norganisation:\n  name: Caf\xe9\n"), 1, []string{"settings file awarekit.yaml:3: is not UTF-8 text"}},
		{"invalid UTF-8", "content file saved as Latin-1", gen("--content", "$DIR/ours"), nil, map[string]string{"ours/audiences/youth/stories.yaml": "stories: []\n# caf\xe9\n"}, 1, []string{"stories.yaml:2: is not UTF-8 text"}},
		{"controls", "NUL in the settings file", gen(), nil, settings("paper: a4\n# \x00\n"), 1, []string{"settings file awarekit.yaml:2: holds U+0000, a control character"}},
		{"wrong type", "settings after the end of the document", gen(), nil, settings("paper: a4\n...\norganisation:\n  name: Lost Club\n"), 1, []string{"settings file awarekit.yaml:2: more follows the end of the document"}},
		// Control characters.
		{"controls", "terminal escape in the name", gen("--org-name", "\x1b]0;pwned\x07Club\x1b[2J"), nil, nil, 2, []string{"--org-name", "U+001B", "ESC"}},
		{"emoji", "emoji in the name", gen("--org-name", "Club 🌈"), nil, nil, 2, []string{"--org-name", "holds an emoji at character 6 (U+1F308)", "take it out"}},
		{"emoji", "emoji family in a partner's name", build, nil, map[string]string{"plan.yaml": "organisations: p.csv\noutputs: [{audience: youth, language: en}]\n", "p.csv": "name\nClub 👩\u200d👩\u200d👧\n"}, 1, []string{"p.csv:2:1: name:", "an emoji"}},
		{"marks", "forty accents on one letter of the name", gen("--org-name", "Cafe"+strings.Repeat("\u0301", 40)), nil, nil, 2, []string{"--org-name", "holds more than 8 marks on one letter at character 13"}},
		{"marks", "a storm of marks in a partner's name", build, nil, map[string]string{"plan.yaml": "organisations: p.csv\noutputs: [{audience: youth, language: en}]\n", "p.csv": "name\nZ" + strings.Repeat("\u0336\u0337", 10) + "algo\n"}, 1, []string{"p.csv:2:1: name", "more than 8 marks"}},
		{"controls", "NUL in the phone", gen("--phone", "604-555\x00-0134"), nil, nil, 2, []string{"--phone", "U+0000"}},
		{"controls", "C1 CSI in the environment", gen(), map[string]string{"AWAREKIT_ORGANISATION_PHONE": "604\u009b555"}, nil, 2, []string{"AWAREKIT_ORGANISATION_PHONE", "C1 control"}},
		{"controls", "tab in the email", gen("--email", "info@ex\tample.org"), nil, nil, 2, []string{"--email", "a tab"}},
		{"controls", "escape in the settings file", gen(), nil, settings("organisation:\n  name: \"\\e[31mRed\"\n"), 1, []string{"awarekit.yaml:2", "U+001B"}},
		{"controls", "escape in the plan", build, nil, plan("organisation: {name: \"\\e[2J\"}\n"), 1, []string{"plan.yaml:1", "organisation.name", "U+001B"}},
		// Bidi controls.
		{"bidi", "RLO in the phone", gen("--phone", "614-555-9910\u202e"), nil, nil, 2, []string{"--phone", "RIGHT-TO-LEFT OVERRIDE"}},
		{"bidi", "LRI in the name, settings file", gen(), nil, settings("organisation:\n  name: \"Club\\u2066\"\n"), 1, []string{"awarekit.yaml:2", "LEFT-TO-RIGHT ISOLATE"}},
		{"bidi", "RLM in the website", gen("--website", "example.org/\u200f"), nil, nil, 2, []string{"--website", "RIGHT-TO-LEFT MARK"}},
		{"bidi", "ALM in the email, environment", gen(), map[string]string{"AWAREKIT_ORGANISATION_EMAIL": "a\u061c@example.org"}, nil, 2, []string{"AWAREKIT_ORGANISATION_EMAIL", "ARABIC LETTER MARK"}},
		{"bidi", "PDF in a plan phone", build, nil, plan("organisation: {phone: \"604\\u202c-555-0134\"}\n"), 1, []string{"plan.yaml:1", "organisation.phone", "POP DIRECTIONAL FORMATTING"}},
		// Line and paragraph separators.
		{"separators", "U+2029 in the name", gen("--org-name", "Org\u2029Name"), nil, nil, 2, []string{"--org-name", "PARAGRAPH SEPARATOR"}},
		{"separators", "U+2028 in the phone", gen("--phone", "604\u2028555-0134"), nil, nil, 2, []string{"--phone", "LINE SEPARATOR"}},
		{"separators", "NEL in the website", gen("--website", "example.org\u0085x"), nil, nil, 2, []string{"--website", "C1 control"}},
		{"separators", "newline in the name, settings file", gen(), nil, settings("organisation:\n  name: \"Two\\nLines\"\n"), 1, []string{"awarekit.yaml:2", "a line break"}},
		{"controls", "escape in the output folder", []string{"generate", "-o", "$DIR/out\x1b[2J"}, nil, nil, 2, []string{"--out", "U+001B"}},
		{"controls", "escape in the init folder", []string{"init", "$DIR/club\x1b[2J"}, nil, nil, 2, []string{"folder (from the command line)", "U+001B"}},
		{"controls", "bell in the plan's name", []string{"build", "$DIR/plan\a.yaml"}, nil, nil, 2, []string{"plan (from the command line)", "U+0007"}},
		{"bidi", "RLO in the content folder, settings file", gen(), nil, settings("content: \"ours\\u202e\"\n"), 1, []string{"awarekit.yaml:1", "RIGHT-TO-LEFT OVERRIDE"}},
		{"bidi", "RLO in a content message", gen("--content", "$DIR/ours"), nil, map[string]string{"ours/locales/en.toml": "[youth]\nheadline = \"Call \u202e0101-009\"\n"}, 1, []string{"$DIR/ours/locales/en.toml:2: message youth.headline holds U+202E", "RIGHT-TO-LEFT OVERRIDE"}},
		{"separators", "U+2029 in a content message", gen("--content", "$DIR/ours"), nil, map[string]string{"ours/locales/en.toml": "[youth]\nheadline = \"Know\u2029the signs\"\n"}, 1, []string{"$DIR/ours/locales/en.toml:2: message youth.headline holds U+2029", "PARAGRAPH SEPARATOR"}},
		{"controls", "escape in a content message", gen("--content", "$DIR/ours", "-f", "txt"), nil, map[string]string{"ours/locales/en.toml": "[youth]\nheadline = \"\\u001b[2JKnow the signs\"\n"}, 1, []string{"en.toml"}},
		// Overlong values.
		{"overlong", "101-character name", gen("--org-name", strings.Repeat("N", 101)), nil, nil, 2, []string{"--org-name", "101 characters", "the most is 100"}},
		{"overlong", "41-character phone", gen("--phone", "604-555-0134"+strings.Repeat(" ", 20)+"ext. 12345678"), nil, nil, 2, []string{"--phone"}},
		{"overlong", "201-character website", gen("--website", "example.org/"+strings.Repeat("a", 190)), nil, nil, 2, []string{"--website", "the most is 200"}},
		{"overlong", "1 MB name in the environment", gen(), map[string]string{"AWAREKIT_ORGANISATION_NAME": strings.Repeat("n", 1<<20)}, nil, 2, []string{"AWAREKIT_ORGANISATION_NAME", "the most is 100"}},
		{"overlong", "255-character email in the settings file", gen(), nil, settings("organisation:\n  email: " + strings.Repeat("a", 245) + "@example.org\n"), 1, []string{"awarekit.yaml:2", "the most is 254"}},
		// Values of the wrong type or shape.
		{"wrong type", "name is a list", gen(), nil, settings("organisation:\n  name: [a, b]\n"), 1, []string{"awarekit.yaml:2", "is a list here"}},
		{"wrong type", "an alias to a paper as the language", gen(), nil, settings("paper: &p a4\nlang: *p\n"), 1, []string{"settings file awarekit.yaml:2: unknown language \"a4\""}},
		{"paths", "a Windows logo path in double quotes, settings", gen(), nil, settings("organisation:\n  name: Club\n  logo: \"C:\\Users\\me\\logo.png\"\n"), 1, []string{"settings file awarekit.yaml:3: \\U is not followed by 8 hexadecimal digits", "write a path with /"}},
		{"paths", "a Windows logo path in double quotes, plan", build, nil, plan("organisation:\n  logo: \"D:\\docs\\logo.png\"\n"), 1, []string{"plan.yaml:2: \\d is no escape", "or put the value in single quotes"}},
		{"wrong type", "fonts is a list", gen(), nil, settings("fonts: [a.ttf]\n"), 1, []string{"awarekit.yaml:1", "fonts maps a script code"}},
		{"wrong type", "fonts with an empty key", gen(), nil, settings("fonts: {\"\": [a.ttf]}\n"), 1, []string{"awarekit.yaml:1", "not a script code", "Guru"}},
		{"wrong type", "unquoted colour", gen(), nil, settings("organisation:\n  color: #7a1f5c\n"), 1, []string{"awarekit.yaml:2", "quote the value"}},
		{"wrong type", "plan event name is a map", build, nil, plan("event: {name: {a: 1}}\n"), 1, []string{"plan.yaml:1", "event.name: should be text"}},
		{"wrong type", "plan copies is text", build, nil, map[string]string{"plan.yaml": "outputs: [{audience: youth, language: en, copies: many}]\n"}, 1, []string{"plan.yaml:1", "copies: should be a whole number"}},
		// Named pipes, devices and huge files.
		{"pipes and devices", "--config a named pipe", gen("--config", "$DIR/fifo.yaml"), nil, map[string]string{"fifo.yaml": "FIFO"}, 2, []string{"fifo.yaml", "is a named pipe"}},
		{"pipes and devices", "--config /dev/zero", gen("--config", "/dev/zero"), nil, nil, 2, []string{"/dev/zero", "is a device"}},
		{"pipes and devices", "--logo a named pipe", gen("--logo", "$DIR/logo.png"), nil, map[string]string{"logo.png": "FIFO"}, 2, []string{"--logo: logo $DIR/logo.png is a named pipe, not a file"}},
		{"pipes and devices", "--logo /dev/zero", gen("--logo", "/dev/zero"), nil, nil, 2, []string{"--logo: logo /dev/zero is a device"}},
		{"pipes and devices", "plan a named pipe", build, nil, map[string]string{"plan.yaml": "FIFO"}, 2, []string{"plan.yaml", "is a named pipe"}},
		{"pipes and devices", "font /dev/zero", gen(), nil, settings("fonts: {Guru: /dev/zero}\n"), 1, []string{"/dev/zero", "is a device"}},
		// A file that is no font named in fonts: said where it was named,
		// as a missing one is, and in words, not the tag's bytes (hostile17).
		{"wrong type", "a font that is no font", gen(), nil, map[string]string{"awarekit.yaml": "paper: a4\nfonts:\n  Guru: [notes.ttf]\n", "notes.ttf": "root:x:0:0:root:/root:/bin/bash\n"}, 1, []string{"awarekit: settings file awarekit.yaml:3: fonts: Guru: font ", "notes.ttf could not be read as a TrueType font: it is no font file (it begins \"root:x:0\"); name a .ttf file"}},
		{"wrong type", "a font that is no font, build", build, nil, map[string]string{"awarekit.yaml": "fonts:\n  Guru: [notes.ttf]\n", "notes.ttf": "root:x:0:0:root:/root:/bin/bash\n", "plan.yaml": "outputs: [{audience: youth, language: en}]\n"}, 1, []string{"awarekit.yaml:2: fonts: Guru: font ", "it is no font file"}},
		{"pipes and devices", "settings file of 2 MB", gen("--config", "$DIR/big.yaml"), nil, map[string]string{"big.yaml": "SPARSE2M"}, 2, []string{"big.yaml", "larger than 1 MB"}},
		// A folder that is no content folder (it was taken without a word,
		// and the built-in content printed as the user's).
		{"content folder", "--content /etc", gen("--content", "/etc"), nil, nil, 2, []string{"--content: content folder /etc has neither audiences/ nor locales/ in it, so it is not a content folder", "Name the right folder"}},
		{"content folder", "AWAREKIT_CONTENT a file", []string{"list", "audiences"}, map[string]string{"AWAREKIT_CONTENT": "notes.txt"}, map[string]string{"notes.txt": "x"}, 2, []string{"AWAREKIT_CONTENT: content folder", "notes.txt is a file, not a folder"}},
		{"content folder", "the project folder in the settings file", gen(), nil, settings("paper: a4\ncontent: .\n"), 1, []string{"settings file awarekit.yaml:2: content folder", "has neither audiences/ nor locales/"}},
		{"content folder", "a content folder with only a note", []string{"check", "--content", "$DIR/ours"}, nil, map[string]string{"ours/README.txt": "x"}, 2, []string{"ours has neither audiences/ nor locales/"}},
		{"content folder", "a build's content folder missing", build, nil, map[string]string{"plan.yaml": "outputs: [{audience: youth, language: en}]\n", "awarekit.yaml": "content: ours\n"}, 1, []string{"settings file", "awarekit.yaml:1: content folder", "ours does not exist"}},
		{"pipes and devices", "content file a named pipe", gen("--content", "$DIR/ours"), nil, map[string]string{"ours/audiences/youth/stories.yaml": "FIFO"}, 1, []string{"stories.yaml", "is a named pipe"}},
		// Symbolic links out of the content folder.
		{"symlinks", "messages linked to /etc/passwd", gen("--content", "$DIR/ours"), nil, map[string]string{"ours/locales/en.toml": "LINK:/etc/passwd"}, 1, []string{"en.toml", "outside the folder"}},
		{"symlinks", "audience linked out by ../", gen("--content", "$DIR/ours"), nil, map[string]string{"secret.yaml": "id: x\n", "ours/audiences/youth/audience.yaml": "LINK:../../../secret.yaml"}, 1, []string{"audience.yaml", "outside the folder"}},
		{"symlinks", "a folder linked out", gen("--content", "$DIR/ours"), nil, map[string]string{"ours/locales": "LINK:/etc"}, 1, []string{"locales", "outside the folder"}},
		{"symlinks", "new audience into a linked locales folder", []string{"new", "audience", "club", "--content", "$DIR/ours"}, nil, map[string]string{"ours/locales": "LINK:/etc"}, 1, []string{"locales", "outside the folder"}},
		{"symlinks", "new audience over en.toml linked to /etc/passwd", []string{"new", "audience", "club", "--content", "$DIR/ours"}, nil, map[string]string{"ours/locales/en.toml": "LINK:/etc/passwd"}, 1, []string{"en.toml", "outside the folder"}},
		{"symlinks", "check a folder whose messages link out", []string{"check", "--content", "$DIR/ours"}, nil, map[string]string{"ours/locales/en.toml": "LINK:/etc/passwd"}, 1, []string{"1 problem"}},
		// Names typed for a new audience.
		{"names", "new audience with ../ in its ID", []string{"new", "audience", "../../escape", "--content", "$DIR/ours"}, nil, nil, 2, []string{"../../escape", "lower-case letters"}},
		{"names", "new audience with an escape in its ID", []string{"new", "audience", "club\x1b[2J", "--content", "$DIR/ours"}, nil, nil, 2, []string{"lower-case letters"}},
		{"names", "new audience from an unknown audience", []string{"new", "audience", "club", "--from", "teens\u202e", "--content", "$DIR/ours"}, nil, nil, 2, []string{"unknown audience"}},
		// YAML alias bombs.
		{"alias bombs", "settings file", gen(), nil, settings(bomb), 1, []string{"awarekit.yaml:", "expand to over 100000 values"}},
		{"alias bombs", "plan", build, nil, map[string]string{"plan.yaml": bomb + "outputs: [{audience: youth, language: en}]\n"}, 1, []string{"plan.yaml:", "expand to over 100000 values"}},
		{"alias bombs", "self-reference", build, nil, map[string]string{"plan.yaml": "outputs: &o [*o]\n"}, 1, []string{"plan.yaml:"}},
		// Images.
		{"images", "16-bit 10,000 × 10,000 PNG", gen("--logo", "$DIR/huge.png"), nil, map[string]string{"huge.png": "HUGEPNG"}, 1, []string{"huge.png", "10000 × 10000 pixels"}},
		{"images", "GIF", gen("--logo", "$DIR/logo.gif"), nil, map[string]string{"logo.gif": "GIF"}, 1, []string{"logo.gif", "is a GIF image"}},
		{"images", "interlaced PNG", gen("--logo", "$DIR/adam7.png"), nil, map[string]string{"adam7.png": "INTERLACED"}, 1, []string{"adam7.png", "interlaced PNG"}},
		{"images", "not an image", gen("--logo", "$DIR/logo.png"), nil, map[string]string{"logo.png": "<svg/>"}, 1, []string{"logo.png", "not a PNG or JPEG"}},
		{"images", "logo of 21 MB", gen("--logo", "$DIR/big.png"), nil, map[string]string{"big.png": "SPARSE21M"}, 1, []string{"big.png", "larger than 20 MB"}},
		// Web addresses, emails and phone numbers.
		{"addresses", "javascript: website", gen("--website", "javascript:alert(1)"), nil, nil, 2, []string{"--website", "javascript:"}},
		{"addresses", "data: website", gen("--website", "data:text/html,<script>alert(1)</script>"), nil, nil, 2, []string{"--website", "data:"}},
		{"addresses", "website with raw HTML", gen("--website", "a.org> <img src=x onerror=alert(1)"), nil, nil, 2, []string{"--website"}},
		{"addresses", "email with ?cc=", gen("--email", "a@b.c?cc=evil@x.y"), nil, nil, 2, []string{"--email", "? & or ="}},
		{"addresses", "mailto: email", gen("--email", "mailto:info@example.org"), nil, nil, 2, []string{"--email", "mailto:"}},
		{"addresses", "letter-only phone", gen("--phone", "CALL-NOW"), nil, nil, 2, []string{"--phone", "no digits"}},
		{"addresses", "letter O typed for a zero", gen("--phone", "604 555 O134"), nil, nil, 2, []string{"--phone", "the letter O run together with digits", "0 for O"}},
		{"addresses", "phone with a sentence", gen("--phone", "call us at 604-555-0134"), nil, nil, 2, []string{"--phone"}},
		{"addresses", "website in a plan", build, nil, plan("organisation: {website: \"javascript:alert(1)\"}\n"), 1, []string{"plan.yaml:1", "organisation.website"}},
		{"addresses", "user name in the website, settings file", gen(), nil, settings("organisation:\n  website: https://bank.example@evil.example\n"), 1, []string{"awarekit.yaml:2", "user name"}},
		// Numbers that are not numbers.
		{"numbers", "--bleed NaN", gen("--bleed", "NaN"), nil, nil, 2, []string{"--bleed NaN"}},
		{"numbers", "--bleed -Inf", gen("--bleed", "-Inf"), nil, nil, 2, []string{"--bleed -Inf"}},
		{"numbers", "--bleed negative", gen("--bleed", "-0.5"), nil, nil, 2, []string{"--bleed -0.5"}},
		{"numbers", "--jobs past any machine", append(slices.Clone(build), "--jobs", "5000"), nil, plan(""), 2, []string{"--jobs 5000: give at most 1024 workers"}},
		{"numbers", "--shard empty", append(slices.Clone(build), "--shard", ""), nil, plan(""), 2, []string{"--shard is empty: give the part as K/N, like 2/4, or leave --shard out"}},
		{"numbers", "--shard-count 0", append(slices.Clone(build), "--shard-count", "0"), map[string]string{"JOB_COMPLETION_INDEX": "0"}, plan(""), 2, []string{"--shard-count 0: give the number of parts, 1 or more"}},
		{"numbers", "--shard-count -2", append(slices.Clone(build), "--shard-count", "-2"), map[string]string{"JOB_COMPLETION_INDEX": "0"}, plan(""), 2, []string{"--shard-count -2: give the number of parts"}},
		// Partners files (organisations: in a plan).
		{"partners", "partners file a named pipe", build, nil, map[string]string{"plan.yaml": "organisations: p.csv\noutputs: [{audience: youth, language: en}]\n", "p.csv": "FIFO"}, 1, []string{"p.csv", "is a named pipe"}},
		{"partners", "RLO in a partner's phone", build, nil, map[string]string{"plan.yaml": "organisations: p.csv\noutputs: [{audience: youth, language: en}]\n", "p.csv": "name,phone\nClub,\"604-555\u202e-0134\"\n"}, 1, []string{"p.csv:2:6", "phone", "RIGHT-TO-LEFT OVERRIDE"}},
		{"partners", "escape in a partner's name", build, nil, map[string]string{"plan.yaml": "organisations: p.csv\noutputs: [{audience: youth, language: en}]\n", "p.csv": "name\n\x1b[2JClub\n"}, 1, []string{"p.csv:2:1", "U+001B"}},
		{"partners", "partners file not UTF-8", build, nil, map[string]string{"plan.yaml": "organisations: p.csv\noutputs: [{audience: youth, language: en}]\n", "p.csv": "name\nCaf\xe9\n"}, 1, []string{"p.csv:2", "not UTF-8"}},
		{"partners", "partner folder out of the output folder", build, nil, map[string]string{"plan.yaml": "organisations: p.csv\noutputs: [{audience: youth, language: en}]\n", "p.csv": "name,folder\nClub,../../etc\n"}, 1, []string{"p.csv:2:6", "folder"}},
		{"partners", "javascript: website of a plan item's organisation", build, nil, map[string]string{"plan.yaml": "outputs: [{audience: youth, language: en, organisation: {name: A, website: \"javascript:alert(1)\"}}]\n"}, 1, []string{"plan.yaml:1", "outputs[0].organisation.website"}},
		{"numbers", "plan bleed .nan", build, nil, plan("defaults: {bleed: .nan}\n"), 1, []string{"plan.yaml:1", "defaults.bleed"}},
		{"numbers", "plan bleed 1e400", build, nil, plan("defaults: {bleed: 1e400}\n"), 1, []string{"plan.yaml:1", "defaults.bleed"}},
		// The environment.
		{"environment", "SOURCE_DATE_EPOCH past 9999", gen(), map[string]string{"SOURCE_DATE_EPOCH": "253402300800"}, nil, 2, []string{"SOURCE_DATE_EPOCH"}},
		{"environment", "SOURCE_DATE_EPOCH negative", gen(), map[string]string{"SOURCE_DATE_EPOCH": "-86400"}, nil, 2, []string{"SOURCE_DATE_EPOCH"}},
		{"environment", "SOURCE_DATE_EPOCH not a number", gen(), map[string]string{"SOURCE_DATE_EPOCH": "tomorrow"}, nil, 2, []string{"SOURCE_DATE_EPOCH"}},
		{"environment", "SOURCE_DATE_EPOCH with an escape", gen(), map[string]string{"SOURCE_DATE_EPOCH": "1\x1b[2J"}, nil, 2, []string{"SOURCE_DATE_EPOCH"}},
		{"environment", "AWAREKIT_ORGANISATION_WEBSITE javascript:", gen(), map[string]string{"AWAREKIT_ORGANISATION_WEBSITE": "javascript:alert(1)"}, nil, 2, []string{"AWAREKIT_ORGANISATION_WEBSITE"}},
		{"environment", "AWAREKIT_ORGANISATION_COLOR not a colour", gen(), map[string]string{"AWAREKIT_ORGANISATION_COLOR": "red"}, nil, 2, []string{"AWAREKIT_ORGANISATION_COLOR", "hex"}},
		// serve: each refused before anything is served.
		{"serve", "folder that is not there", []string{"serve", "--dir", "$DIR/missing"}, nil, nil, 2, []string{"--dir", "not a folder"}},
		{"serve", "folder that is a file", []string{"serve", "--dir", "$DIR/awarekit.yaml"}, nil, settings("paper: a4\n"), 2, []string{"--dir", "not a folder"}},
		{"serve", "escape in the folder", []string{"serve", "--dir", "$DIR/\x1b[2J"}, nil, nil, 2, []string{"--dir", "U+001B"}},
		{"paths", "empty output folder", gen("-o", ""), nil, nil, 2, []string{"out (from --out) is empty or only spaces", "leave it out"}},
		{"paths", "output folder of spaces, environment", []string{"generate"}, map[string]string{"AWAREKIT_OUT": "  "}, nil, 2, []string{"out (from AWAREKIT_OUT) is empty or only spaces"}},
		{"translate", "bidi control in the reviewer", []string{"translate", "review", "-l", "es", "--reviewer", "Ana\u202e", "--into", "$DIR/ours"}, nil, map[string]string{"ours/locales/.keep": ""}, 2, []string{"reviewer (from --reviewer) holds U+202E"}},
		{"translate", "review date that is no day", []string{"translate", "review", "-l", "es", "--reviewer", "Ana", "--date", "2026-13-45", "--into", "$DIR/ours"}, nil, map[string]string{"ours/locales/.keep": ""}, 2, []string{"--date \"2026-13-45\" is not a date"}},
		{"translate", "export into a folder", []string{"translate", "export", "-l", "es", "-o", "$DIR/ours"}, nil, map[string]string{"ours/locales/.keep": ""}, 2, []string{"-o $DIR/ours is a folder; give a file's name"}},
		{"translate", "proof into a folder", []string{"translate", "proof", "-l", "es", "-o", "$DIR/ours"}, nil, map[string]string{"ours/locales/.keep": ""}, 2, []string{"is a folder; give a file's name, like $DIR/ours/proof-es.pdf"}},
		{"environment", "misspelt organisation phone", gen(), map[string]string{"AWAREKIT_ORGANISATION_PHOEN": "604-555-0134"}, nil, 2, []string{"AWAREKIT_ORGANISATION_PHOEN is not a setting awarekit reads (did you mean AWAREKIT_ORGANISATION_PHONE?)"}},
		{"environment", "name spelt as the flag", gen(), map[string]string{"AWAREKIT_ORG_NAME": "Club"}, nil, 2, []string{"AWAREKIT_ORG_NAME is not a setting", "did you mean AWAREKIT_ORGANISATION_NAME?"}},
		{"environment", "misspelt paper", gen(), map[string]string{"AWAREKIT_PAPR": "a4"}, nil, 2, []string{"AWAREKIT_PAPR is not a setting awarekit reads (did you mean AWAREKIT_PAPER?)"}},
		{"environment", "a flag's name as a variable", build, map[string]string{"AWAREKIT_JOBS": "abc"}, plan(""), 2, []string{"AWAREKIT_JOBS is not a setting", "--jobs is given on the command line only"}},
		{"environment", "an unknown variable", gen(), map[string]string{"AWAREKIT_WHATEVER": "1"}, nil, 2, []string{"AWAREKIT_WHATEVER is not a setting awarekit reads; unset it", "AWAREKIT_PAPER"}},
		{"environment", "local contacts in the environment", gen(), map[string]string{"AWAREKIT_ORGANISATION_LOCAL": "police"}, nil, 2, []string{"AWAREKIT_ORGANISATION_LOCAL: organisation.local can be given only in a settings file"}},
		{"names", "misspelt language in messages", []string{"messages", "-l", "spanich"}, nil, nil, 2, []string{`unknown language "spanich" (did you mean "Spanish"?)`}},
		{"names", "misspelt language in translate status", []string{"translate", "status", "-l", "frnch"}, nil, nil, 2, []string{`unknown language "frnch"`, "choose one of"}},
		{"paths", "pattern of an extension only", build, nil, map[string]string{"plan.yaml": "outputs: [{audience: youth, language: en, pattern: '.{ext}'}]\n"}, 1, []string{"plan.yaml:1:52: outputs[0].pattern", "start with a dot", "put a name before the dot"}},
		{"paths", "pattern of an absolute path", build, nil, map[string]string{"plan.yaml": "defaults: {pattern: '/tmp/x-{lang}.{ext}'}\noutputs: [{audience: youth, language: en}]\n"}, 1, []string{"plan.yaml:1:21: defaults.pattern", "inside the output folder", "--out"}},
		{"paths", "pattern of a Windows device", build, nil, map[string]string{"plan.yaml": "outputs: [{audience: youth, language: en, pattern: 'nul.{ext}'}]\n"}, 1, []string{"plan.yaml:1:52", "Windows keeps for a device (NUL)"}},
		{"paths", "a web app's manifest.json in the output folder", build, nil, map[string]string{"plan.yaml": "outputs: [{audience: youth, language: en}]\n", "out/manifest.json": "{\"name\": \"Riverside\", \"icons\": []}\n", "out/index.html": "<p>our site</p>\n"}, 1, []string{"out/manifest.json is not a manifest awarekit wrote (it has no manifest_version)", "build into another folder with --out"}},
		{"paths", "a browser extension's manifest.json alone in the output folder", build, nil, map[string]string{"plan.yaml": "outputs: [{audience: youth, language: en}]\n", "out/manifest.json": "{\"manifest_version\": 3, \"name\": \"My extension\", \"version\": \"1.0\"}\n"}, 1, []string{"out/manifest.json is not a manifest awarekit wrote (it has no outputs, which every build's lists; a browser extension's, perhaps)", "build into another folder with --out, or delete ", "out/manifest.json if nothing needs it"}},
		{"paths", "a website's index.html in the output folder", build, nil, map[string]string{"plan.yaml": "outputs: [{audience: youth, language: en}]\n", "out/index.html": "<p>our site</p>\n"}, 1, []string{"out/index.html is not a page awarekit wrote", "build into another folder with --out"}},
		{"paths", "init into a file", []string{"init", "$DIR/afile"}, nil, map[string]string{"afile": "x"}, 2, []string{"afile as a folder: it is a file, not a folder; choose another folder\n"}},
		{"paths", "man into a file", []string{"man", "$DIR/afile"}, nil, map[string]string{"afile": "x"}, 2, []string{"afile as a folder: it is a file, not a folder; choose another folder\n"}},
		{"paths", "translate export through a file", []string{"translate", "export", "-l", "es", "-o", "$DIR/afile/es.po"}, nil, map[string]string{"afile": "x"}, 2, []string{"afile as a folder: it is a file, not a folder; choose another folder with --output\n"}},
		{"names", "misspelt schema", []string{"schema", "plann"}, nil, nil, 2, []string{`no schema of "plann" (did you mean plan?); choose one of: plan, config`}},
		{"paths", "empty man folder", []string{"man", ""}, nil, nil, 2, []string{"man needs the folder to write into"}},
		{"names", "unknown audience in the settings file", gen(), nil, settings("paper: a4\naudience: yuoth\n"), 1, []string{"settings file awarekit.yaml:2: unknown audience \"yuoth\"", "did you mean \"youth\""}},
		{"names", "unknown language and province in the settings file", gen(), nil, settings("lang: [en, xx]\nprovince: zz\n"), 1, []string{"awarekit.yaml:1: unknown language \"xx\"", "awarekit.yaml:2: unknown province \"zz\""}},
		{"names", "unknown language in the environment", gen(), map[string]string{"AWAREKIT_LANG": "englsh"}, nil, 2, []string{"AWAREKIT_LANG: unknown language", "did you mean \"English\""}},
		{"names", "unknown province in the environment", gen(), map[string]string{"AWAREKIT_PROVINCE": "zz"}, nil, 2, []string{"AWAREKIT_PROVINCE: unknown province"}},
		{"names", "unknown province on build's command line", append(slices.Clone(build), "--province", "zz"), nil, plan(""), 2, []string{"awarekit: unknown province \"zz\"; choose one of: ab, bc"}},
		{"names", "unknown province in the environment, build", build, map[string]string{"AWAREKIT_PROVINCE": "zz"}, plan(""), 2, []string{"awarekit: AWAREKIT_PROVINCE: unknown province \"zz\""}},
		{"names", "unknown province in the settings file, build", build, nil, map[string]string{"plan.yaml": "outputs: [{audience: youth, language: en}]\n", "awarekit.yaml": "paper: a4\nprovince: zz\n"}, 1, []string{"awarekit.yaml:2: unknown province \"zz\""}},
		{"names", "bilingual pair with one side empty", gen("-l", "fr+"), nil, nil, 2, []string{"fr+: a bilingual document needs a language on each side"}},
		{"serve", "port out of range", []string{"serve", "--dir", "$DIR", "--port", "70000"}, nil, nil, 2, []string{"--port 70000"}},
		{"serve", "listen on an address that is not one", []string{"serve", "--dir", "$DIR", "--listen", "256.1.1.1"}, nil, nil, 2, []string{"cannot serve on 256.1.1.1"}},
		{"serve", "bad settings beside the folder", []string{"serve", "--dir", "$DIR"}, nil, settings("organisation:\n  phone: \"call us\"\n"), 1, []string{"awarekit.yaml:2", "phone"}},
	}
}

// TestHostileInput runs every hostile input against the commands,
// in-process: the right exit code, a message naming the input, no panic
// or stack, no terminal escape echoed, and nothing written anywhere.
func TestHostileInput(t *testing.T) {
	counts := map[string]int{}
	for _, tt := range hostileCases() {
		counts[tt.family]++
		t.Run(tt.family+"/"+tt.name, func(t *testing.T) { runHostile(t, tt) })
	}
	t.Logf("hostile inputs by family: %v", counts)
}

// runHostile runs one hostile case in a folder of its own and checks
// its exit code, its message, and that nothing was written.
func runHostile(t *testing.T, tt hostileCase) {
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "no-user-config"))
	t.Setenv("HOME", filepath.Join(dir, "home"))
	for _, k := range []string{"SOURCE_DATE_EPOCH", "AWAREKIT_ORGANISATION_NAME", "AWAREKIT_ORGANISATION_PHONE", "AWAREKIT_ORGANISATION_EMAIL", "AWAREKIT_ORGANISATION_WEBSITE", "AWAREKIT_ORGANISATION_COLOR"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	for k, v := range tt.env {
		t.Setenv(k, v)
	}
	for name, data := range tt.files {
		makeHostileFile(t, filepath.Join(dir, filepath.FromSlash(name)), data)
	}
	before := tree(t, dir)
	args := slices.Clone(tt.args)
	for i := range args {
		args[i] = strings.ReplaceAll(args[i], "$DIR", dir)
	}
	var stdout, stderr bytes.Buffer
	code := -1
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer func() {
			if r := recover(); r != nil {
				t.Errorf("panic: %v", r)
			}
		}()
		code = run(args, &IOStreams{Out: &stdout, ErrOut: &stderr})
	}()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("the command hung")
	}
	msg := stderr.String()
	if code != tt.code {
		t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, msg)
	}
	for _, w := range tt.want {
		if !strings.Contains(msg, strings.ReplaceAll(w, "$DIR", dir)) {
			t.Errorf("stderr does not say %q:\n%s", w, msg)
		}
	}
	for _, bad := range []string{"goroutine ", "panic:", "\x1b", "\u202e", "\u2029", "root:x:0:0"} {
		if strings.Contains(msg, bad) || strings.Contains(stdout.String(), bad) {
			t.Errorf("output carries %q:\n%s", bad, msg)
		}
	}
	if after := tree(t, dir); !slices.Equal(before, after) {
		t.Errorf("files written: before %v, after %v", before, after)
	}
	// A named pipe or a device is never written over (renamed onto).
	for name, data := range tt.files {
		if data == "FIFO" || data == "DEVICE" {
			if st, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(name))); err != nil || st.Mode().IsRegular() {
				t.Errorf("%s, %s, was replaced by a file or removed (%v)", name, strings.ToLower(data), err)
			}
		}
	}
}

// tree lists every path under dir.
func tree(t *testing.T, dir string) []string {
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil {
			out = append(out, p)
		}
		return nil
	})
	return out
}

func makeHostileFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	var err error
	switch {
	case data == "FIFO":
		err = mkfifo(path)
	case data == "DEVICE":
		err = mknull(path)
	case strings.HasPrefix(data, "LINK:"):
		err = os.Symlink(strings.TrimPrefix(data, "LINK:"), path)
	case strings.HasPrefix(data, "SPARSE"):
		var mb int64
		fmt.Sscanf(data, "SPARSE%dM", &mb)
		var f *os.File
		if f, err = os.Create(path); err == nil {
			err = f.Truncate(mb << 20)
			f.Close()
		}
	case data == "HUGEPNG":
		writeHugePNG(t, path)
	case data == "INTERLACED":
		err = os.WriteFile(path, pngWithHeader(40, 20, 8, 6, 1), 0o644)
	case data == "GIF":
		var b bytes.Buffer
		if err = gif.Encode(&b, image.NewPaletted(image.Rect(0, 0, 8, 8), []color.Color{color.White}), nil); err == nil {
			err = os.WriteFile(path, b.Bytes(), 0o644)
		}
	default:
		err = os.WriteFile(path, []byte(data), 0o644)
	}
	if err != nil {
		t.Skip(err) // no named pipes or links here
	}
}

// TestPhonePrintedAsTyped: the organisation's number comes back from the
// PDF exactly as typed, character for character, on left-to-right and
// right-to-left pages (read by poppler's pdftotext).
func TestPhonePrintedAsTyped(t *testing.T) {
	pdftest.Need(t, "pdftotext")
	phones := []string{"1-855-554-HEAL", "+1 (604) 555-0134 ext. 12", "604.555.0134 x12", "0123 456 789"}
	for _, lang := range []string{"en", "ar", "fa"} {
		for _, phone := range phones {
			t.Run(lang+"/"+phone, func(t *testing.T) {
				dir := t.TempDir()
				t.Chdir(dir)
				t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "none"))
				var stderr bytes.Buffer
				if code := run([]string{"generate", "-a", "newcomers", "-l", lang, "-o", dir, "--org-name", "Riverside", "--phone", phone}, &IOStreams{Out: &bytes.Buffer{}, ErrOut: &stderr}); code != 0 {
					t.Fatalf("exit %d: %s", code, stderr.String())
				}
				text := pdftest.Text(t, filepath.Join(dir, "newcomers-flyer-"+lang+".pdf"))
				// pdftotext marks direction with embedding controls; drop them.
				text = strings.Map(func(r rune) rune {
					if r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r == 0x200E || r == 0x200F {
						return -1
					}
					return r
				}, text)
				if !strings.Contains(text, phone) {
					t.Errorf("the PDF's text does not hold %q as typed:\n%s", phone, text)
				}
			})
		}
	}
}

// TestBuildOverNamedPipes: named pipes left in the output folder where an
// output and the manifest go never hang a build; the outputs are made
// over them.
func TestBuildOverNamedPipes(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "none"))
	makeHostileFile(t, filepath.Join(dir, "plan.yaml"), "pack: false\noutputs: [{audience: youth, language: en, format: txt}]\n")
	for _, name := range []string{"youth-txt-en.txt", "manifest.json"} {
		makeHostileFile(t, filepath.Join(dir, "out", name), "FIFO")
	}
	var stderr bytes.Buffer
	code := -1
	done := make(chan struct{})
	go func() {
		defer close(done)
		code = run([]string{"build", filepath.Join(dir, "plan.yaml"), "-o", filepath.Join(dir, "out"), "-q"}, &IOStreams{Out: &bytes.Buffer{}, ErrOut: &stderr})
	}()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("build hung on a named pipe")
	}
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if st, err := os.Stat(filepath.Join(dir, "out", "youth-txt-en.txt")); err != nil || !st.Mode().IsRegular() {
		t.Errorf("the output is not a file: %v", err)
	}
}

// TestLongValuesAreCut: a 20,000-character value (a message ID in a
// translation file, a name in a plan, a flag, a path) is quoted in an
// error at its first characters with an ellipsis and its length, never
// whole; the file and line are still named.
func TestLongValuesAreCut(t *testing.T) {
	long := strings.Repeat("a", 20000)
	tests := []struct {
		name  string
		files map[string]string
		args  []string
		code  int
		want  string
	}{
		{"message ID in a PO file", map[string]string{"es.po": "msgid \"\"\nmsgstr \"Language: es\\n\"\n\nmsgctxt \"" + long + "\"\nmsgid \"x\"\nmsgstr \"y\"\n", "ours/locales/.keep": ""},
			[]string{"translate", "import", "es.po", "--into", "ours"}, 1, `es.po:6: "aaaaaaaaaa`},
		{"audience in a plan", map[string]string{"plan.yaml": "outputs: [{audience: " + long + ", language: en}]\n"},
			[]string{"build", "plan.yaml"}, 1, "plan.yaml:1:22: outputs[0].audience: unknown audience"},
		{"pattern in a plan", map[string]string{"plan.yaml": "outputs: [{audience: youth, language: en, pattern: '" + long + "/{lang}.{ext}'}]\n"},
			[]string{"build", "plan.yaml"}, 1, "plan.yaml:1:52: outputs[0].pattern: pattern"},
		{"language flag", nil, []string{"generate", "-l", long}, 2, "unknown language"},
		{"format flag", nil, []string{"generate", "-f", long}, 2, "unknown format"},
		{"content folder", nil, []string{"generate", "--content", long}, 2, "--content: content folder …aaa"},
		{"output folder", nil, []string{"generate", "-o", long + "/x"}, 2, "cannot write to folder …aaa"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, data := range tt.files {
				makeHostileFile(t, filepath.Join(dir, filepath.FromSlash(name)), data)
			}
			r := runCLI(t, dir, tt.args...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d", r.code, tt.code)
			}
			if len(r.stderr) > 1000 || !strings.Contains(r.stderr, tt.want) || !strings.Contains(r.stderr, "…") {
				t.Errorf("stderr of %d bytes, want under 1,000 with %q and an ellipsis: %.300q", len(r.stderr), tt.want, r.stderr)
			}
		})
	}
}
