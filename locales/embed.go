// Package locales holds the translated messages, one go-i18n TOML file
// per language tag, embedded in the binary.
package locales

import "embed"

// FS is the embedded message files.
//
//go:embed *.toml
var FS embed.FS
