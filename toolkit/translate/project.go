// Package translate is the round trip of a translation: which messages
// of a language are translated, stale or missing (Status), a file for a
// translator in a format their tool opens (Export: XLIFF 2.0, PO, CSV,
// goi18n TOML), reading it back with every message checked (Import),
// recording who reviewed what (Review), and a PDF a reviewer can read on
// paper (Proof). It reads and writes the same locale files that
// locales/ and content folders use.
package translate

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/awarekit/awarekit/toolkit/content"
	"github.com/awarekit/awarekit/toolkit/locale"
	"github.com/awarekit/awarekit/toolkit/typeset"
)

// Source is where the content comes from and where a language file is
// written.
type Source struct {
	// Audiences and Locales are the project's content: the embedded
	// folders, or those of a checkout of the repository.
	Audiences, Locales fs.FS
	// LocalesDir is the project's locales folder on disk, where Import
	// and Review write when there is no ContentDir; "" when the project's
	// content is embedded in the program and cannot be written.
	LocalesDir string
	// ContentDir is a group's content folder over the project's content;
	// Import and Review write its locales/ when it is set.
	ContentDir string
}

// Project is the content loaded from a Source, with the fonts a proof
// and the measure of where messages print are set in.
type Project struct {
	Source
	Lib   *content.Library
	Fonts *typeset.Fonts
	// Now is today, for review dates; zero means the clock's.
	Now time.Time

	hostsOnce sync.Once
	hosts     map[string]bool

	whereOnce sync.Once
	where     map[string][]Place
	whereErr  error
	// ownFonts is true when Open made the fonts (the embedded family and
	// the machine's): the measure of where messages print may then be
	// shared with another project of the same content.
	ownFonts bool
}

// Open loads the content src names.
func Open(src Source, fonts *typeset.Fonts) (*Project, error) {
	lib, err := content.Open(content.Options{Audiences: src.Audiences, Locales: src.Locales, UserDir: src.ContentDir})
	if err != nil {
		return nil, err
	}
	own := fonts == nil
	if own {
		base, err := typeset.Embedded()
		if err != nil {
			return nil, err
		}
		if fonts, err = typeset.NewFonts(base, nil); err != nil {
			return nil, err
		}
	}
	return &Project{Source: src, Lib: lib, Fonts: fonts, ownFonts: own}, nil
}

// Checkout finds a checkout of the awarekit repository at dir: its
// audiences/messages.yaml and locales/en.toml. ok is false when dir is
// not one.
func Checkout(dir string) (src Source, ok bool) {
	for _, f := range []string{"audiences/messages.yaml", "locales/en.toml"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || !st.Mode().IsRegular() {
			return Source{}, false
		}
	}
	return Source{Audiences: os.DirFS(filepath.Join(dir, "audiences")), Locales: os.DirFS(filepath.Join(dir, "locales")), LocalesDir: filepath.Join(dir, "locales")}, true
}

// today is the date reviews are recorded with when none is given.
func (p *Project) today() time.Time {
	if p.Now.IsZero() {
		return time.Now()
	}
	return p.Now
}

// Language resolves what a user typed (a tag) to a language of the
// project; English, the source, is refused: it is not translated.
func (p *Project) Language(typed string) (*locale.Locale, error) {
	tag, err := p.Lib.Catalog.Resolve(typed)
	if err != nil {
		return nil, err
	}
	if tag == locale.SourceTag {
		return nil, errors.New("the English text is the source every language is translated from; choose another language")
	}
	return p.Lib.Catalog.Locale(tag), nil
}

// Target is the file Import and Review write for language tag: the
// content folder's locales/TAG.toml, or the project's.
func (p *Project) Target(tag string) (string, error) {
	switch {
	case p.ContentDir != "":
		return filepath.Join(p.ContentDir, "locales", tag+".toml"), nil
	case p.LocalesDir != "":
		return filepath.Join(p.LocalesDir, tag+".toml"), nil
	}
	return "", fmt.Errorf("nowhere to write %s.toml: give your content folder with --into (awarekit init makes one), or run this in a checkout of the awarekit repository to change its locales/", tag)
}

// IntoContent reports whether the target is a group's content folder,
// which holds only what differs from the project's text.
func (p *Project) IntoContent() bool { return p.ContentDir != "" }

// verifiedHosts are the hosts and email domains the content verified:
// the contacts' websites, addresses and emails, and the sources of the
// verified facts. A translation may name no other.
func (p *Project) verifiedHosts() map[string]bool {
	p.hostsOnce.Do(func() {
		p.hosts = map[string]bool{}
		add := func(a string) {
			if a = strings.TrimSpace(a); a != "" {
				p.hosts[host(a)] = true
			}
		}
		for _, c := range p.Lib.Contacts() {
			add(c.Website)
			add(c.URL)
			add(c.Email)
		}
		if p.Lib.Facts != nil {
			for _, f := range p.Lib.Facts.Facts {
				if f.Status == content.FactVerified {
					add(f.Source)
				}
			}
		}
	})
	return p.hosts
}
