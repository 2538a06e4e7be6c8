package plan

import (
	"strings"

	"github.com/awarekit/awarekit/toolkit/profile"
)

// OrgTable holds a plan's organisations, each once, for the whole build.
// A plan of ten thousand items, each for its own organisation, held them
// as ten thousand profile.Organisation values, 120 bytes each and a
// string of its own for every field given (about 150 bytes an
// organisation, 1.5 MB, between the spans of what the plan's read left):
// here their fields are one string, and an organisation is where its
// fields end in it (24 bytes) with its local contacts, which few give,
// beside.
type OrgTable struct {
	text  string   // every organisation's fields, one after another
	ends  []uint32 // where each field ends in text, orgFields an organisation
	local map[int][]profile.LocalContact
}

// orgFields are the text fields of an organisation, in the order kept.
const orgFields = 6

// NewOrgTable keeps orgs.
func NewOrgTable(orgs []profile.Organisation) OrgTable {
	n := 0
	for _, o := range orgs {
		n += len(o.Name) + len(o.Phone) + len(o.Email) + len(o.Website) + len(o.Logo) + len(o.Color)
	}
	var b strings.Builder
	b.Grow(n)
	t := OrgTable{ends: make([]uint32, 0, orgFields*len(orgs))}
	for i, o := range orgs {
		for _, f := range [orgFields]string{o.Name, o.Phone, o.Email, o.Website, o.Logo, o.Color} {
			b.WriteString(f)
			t.ends = append(t.ends, uint32(b.Len()))
		}
		if len(o.Local) > 0 {
			if t.local == nil {
				t.local = map[int][]profile.LocalContact{}
			}
			t.local[i] = o.Local
		}
	}
	t.text = b.String()
	return t
}

// Len is the number of organisations.
func (t OrgTable) Len() int { return len(t.ends) / orgFields }

// At is organisation i. Its strings are parts of the table's one
// string; it may be changed as any copy can.
func (t OrgTable) At(i int) profile.Organisation {
	e := t.ends[orgFields*i : orgFields*(i+1)]
	start := uint32(0)
	if i > 0 {
		start = t.ends[orgFields*i-1]
	}
	var f [orgFields]string
	for k, end := range e {
		f[k] = t.text[start:end]
		start = end
	}
	return profile.Organisation{Name: f[0], Phone: f[1], Email: f[2], Website: f[3], Logo: f[4], Color: f[5], Local: t.local[i]}
}
