// Package audiences holds the vetted content for each audience, embedded
// in the binary: one folder per audience with its audience.yaml, plus the
// verified contacts (contacts.yaml) and the content release
// (content.yaml).
package audiences

import "embed"

// FS is the embedded audience content.
//
//go:embed content.yaml contacts.yaml law.yaml */audience.yaml */stories.yaml
var FS embed.FS
