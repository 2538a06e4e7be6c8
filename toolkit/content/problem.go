package content

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/awarekit/awarekit/toolkit/input"
	"github.com/awarekit/awarekit/toolkit/locale"
)

// Problem is one thing wrong with the content, at a file and line: a
// message ID no file has, a story without consent, a safety message that
// lost its placeholder. Loading gathers every problem before it stops,
// so that one mistake does not hide the next, and awarekit check lists
// them without making anything.
type Problem struct {
	// File is the file's path as the user knows it: inside their content
	// folder for their own files (ours/audiences/club/audience.yaml), and
	// as in the repository for the embedded ones (audiences/youth/…).
	File string
	Line int // from 1; 0 when no line stands out
	Text string
}

func (p Problem) String() string {
	if p.File == "" {
		return p.Text
	}
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Text)
	}
	return p.File + ": " + p.Text
}

// ProblemsError is content that cannot be used as it is: every problem
// found, one a line.
type ProblemsError struct{ Problems []Problem }

func (e *ProblemsError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	if len(lines) == 1 {
		return lines[0]
	}
	return input.Problems(fmt.Sprintf("the content has %d problems:", len(lines)), lines)
}

// problemAt records a problem with file, a path in the audiences folder
// ("youth/stories.yaml") or the locales folder ("locales/fr.toml"), on the
// first line that names at ("" for none).
func (lib *Library) problemAt(file, at, format string, args ...any) {
	lib.problems = append(lib.problems, lib.problemOf(file, at, format, args...))
}

// problemOf is the problem problemAt records.
func (lib *Library) problemOf(file, at, format string, args ...any) Problem {
	p := Problem{File: lib.displayName(file), Text: fmt.Sprintf(format, args...)}
	if at != "" {
		if data, err := lib.readSource(file); err == nil {
			switch {
			case strings.HasSuffix(file, ".toml"):
				p.Line = tomlLine(data, at)
			case yamlKeyLine(data, at) > 0:
				// A key of the file (signs, actions): its own line, not
				// a comment above it that names it.
				p.Line = yamlKeyLine(data, at)
			default:
				p.Line = yamlLine(data, at)
			}
		}
	}
	return p
}

// readSource reads a content file by the name problemAt takes.
func (lib *Library) readSource(file string) ([]byte, error) {
	if rest, ok := strings.CutPrefix(file, "locales/"); ok {
		if lib.user != nil {
			if data, err := fs.ReadFile(lib.user, file); err == nil {
				return data, nil
			}
		}
		if lib.localesFS != nil {
			return fs.ReadFile(lib.localesFS, rest)
		}
		return nil, fs.ErrNotExist
	}
	if lib.audFS == nil {
		return nil, fs.ErrNotExist
	}
	return fs.ReadFile(lib.audFS, file)
}

// displayName is where the user finds file: in their folder when it
// comes from it, else among the built-in files.
func (lib *Library) displayName(file string) string {
	rel := file
	if !strings.HasPrefix(file, "locales/") {
		rel = path.Join("audiences", file)
	}
	if lib.user != nil {
		if _, err := fs.Stat(lib.user, rel); err == nil {
			return path.Join(lib.userDir, rel)
		}
	}
	return rel
}

// problemsErr is the error of the problems found, sorted by file and
// line, or nil.
func (lib *Library) problemsErr() error {
	if len(lib.problems) == 0 {
		return nil
	}
	ps := slices.Clone(lib.problems)
	slices.SortFunc(ps, func(a, b Problem) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return strings.Compare(a.Text, b.Text)
	})
	return &ProblemsError{Problems: slices.Compact(ps)}
}

// yamlLine is the first line of a YAML file on which at stands as a
// whole name (farmworkers.sign.1, not farmworkers.sign.10), a comment
// line aside; 0 when none.
func yamlLine(data []byte, at string) int {
	re := regexp.MustCompile(`(^|[^\w.-])` + regexp.QuoteMeta(at) + `($|[^\w.-])`)
	for i, line := range strings.Split(string(data), "\n") {
		if re.MatchString(line) && !strings.HasPrefix(strings.TrimSpace(line), "#") {
			return i + 1
		}
	}
	return 0
}

// yamlKeyLine is the line of the key path (vars, then Age) in a YAML
// file's mappings, as a parser reads it: never a comment or a value
// that holds the same word. 0 when the file does not have it.
func yamlKeyLine(data []byte, keys ...string) int {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return 0
	}
	n, line := doc.Content[0], 0
	for _, k := range keys {
		if n.Kind != yaml.MappingNode {
			return 0
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				next, line = n.Content[i+1], n.Content[i].Line
				break
			}
		}
		if next == nil {
			return 0
		}
		n = next
	}
	return line
}

// tomlLine is the line of a message file that gives id, however it is
// written (locale.KeyLine); 0 when none.
func tomlLine(data []byte, id string) int { return locale.KeyLine(data, id) }
