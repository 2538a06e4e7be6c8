// Package audiences holds the vetted content for each audience, embedded
// in the binary: one folder per audience with its audience.yaml and
// stories.yaml, plus the verified contacts (contacts.yaml), provincial
// lines (provinces.yaml), the facts register they stand on (facts.yaml),
// the message table (messages.yaml), the law page (law.yaml) and the
// content release (content.yaml).
package audiences

import "embed"

// FS is the embedded audience content.
//
//go:embed content.yaml contacts.yaml facts.yaml kit.yaml law.yaml messages.yaml provinces.yaml */audience.yaml */stories.yaml */kit.yaml
var FS embed.FS
