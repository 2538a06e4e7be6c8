package typeset

import (
	"sync/atomic"
	"unicode"

	"github.com/go-text/typesetting/language"
)

// runeFacts is what the typesetter asks of a character again and again
// while it checks, splits and measures a text: its script
// (language.LookupScript), whether it is a letter (unicode.IsLetter) and
// whether it shapes to nothing (invisible). Each is a search of a table
// of ranges, ten or more steps for a letter outside ASCII: an Arabic or
// Punjabi text asked them of every letter several times over (check,
// mainScript, fontFor), some 40 M instructions of a build of 250 flyers
// that English text, looked up in a few steps, does not pay.
type runeFacts struct {
	script language.Script
	flags  uint8
}

const (
	factLetter    = 1 << iota // unicode.IsLetter
	factInvisible             // invisible: a format character or a variation selector
)

// factBlockBits is the size of a block of characters whose facts are
// found together, the first time one of them is asked about: 256
// characters, as Unicode's smallest blocks are, so that a text in one
// script fills one or two.
const factBlockBits = 8

type factBlock [1 << factBlockBits]runeFacts

// factBlocks are the blocks of the Basic Multilingual Plane found so
// far, shared by every goroutine: a block is made whole before it is
// published, and two goroutines that make the same block at once make
// the same facts, either of which is kept. They hold at most 256 blocks
// of 2 KB, 512 KB if every character of the plane were set, some 10 KB
// for a build in a few scripts. Characters past the plane (rare: some
// CJK, emoji) are looked up each time.
var factBlocks [0x10000 >> factBlockBits]atomic.Pointer[factBlock]

// factsOf returns r's facts.
func factsOf(r rune) runeFacts {
	if uint32(r) >= 0x10000 {
		return lookUpFacts(r)
	}
	b := factBlocks[r>>factBlockBits].Load()
	if b == nil {
		b = new(factBlock)
		first := r &^ (1<<factBlockBits - 1)
		for i := range b {
			b[i] = lookUpFacts(first + rune(i))
		}
		factBlocks[r>>factBlockBits].Store(b)
	}
	return b[r&(1<<factBlockBits-1)]
}

// lookUpFacts finds r's facts in Unicode's tables.
func lookUpFacts(r rune) runeFacts {
	f := runeFacts{script: language.LookupScript(r)}
	if unicode.IsLetter(r) {
		f.flags |= factLetter
	}
	if unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Mn, r) && r >= 0xFE00 && r <= 0xFE0F {
		f.flags |= factInvisible
	}
	return f
}

// scriptOf is language.LookupScript(r), from the facts.
func scriptOf(r rune) language.Script {
	if r < 0x80 {
		switch {
		case 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z':
			return language.Latin
		}
	}
	return factsOf(r).script
}

// invisible reports characters that shape to nothing and need no glyph:
// format characters (Cf) and the variation selectors.
func invisible(r rune) bool {
	return r >= 0xAD && factsOf(r).flags&factInvisible != 0
}

// runeSeen remembers characters seen in a pass over a text, for check,
// which asks the same of a character every time it comes: a table of
// 256 entries, each the last character of its slot seen in the pass
// (a character that shares its slot with another is asked about again,
// which gives the same answer). A pass starts with next.
type runeSeen struct {
	pass  uint32
	slots [256]uint64 // pass<<32 | character
}

// next starts a new pass: nothing is seen in it yet.
func (s *runeSeen) next() {
	s.pass++
	if s.pass == 0 { // after 4 billion passes: no entry may match by chance
		s.slots = [256]uint64{}
		s.pass = 1
	}
}

// seen reports whether r was seen before in this pass, and marks it seen.
func (s *runeSeen) seen(r rune) bool {
	v := uint64(s.pass)<<32 | uint64(uint32(r))
	i := (uint32(r) ^ uint32(r)>>8) & 255
	if s.slots[i] == v {
		return true
	}
	s.slots[i] = v
	return false
}
