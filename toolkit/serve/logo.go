package serve

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/awarekit/awarekit/toolkit/doc"
	"github.com/awarekit/awarekit/toolkit/layout"
	"github.com/awarekit/awarekit/toolkit/output"
	"github.com/awarekit/awarekit/toolkit/profile"
)

// logoImage is a logo read and checked once, for as long as its file is
// unchanged.
type logoImage struct {
	size  int64
	mtime int64
	img   *doc.Image
}

// logoPath is the file a form's logo field names: the logo of
// awarekit.yaml, or one uploaded here and kept in logos/ under its hash.
// Anything else (a path, a name the server never made) is refused.
func (s *Server) logoPath(name string) (string, error) {
	switch {
	case name == "":
		return "", nil
	case name == projectLogo:
		if s.cfg.Defaults.Org.Logo == "" {
			return "", errNoLogo
		}
		return s.cfg.Defaults.Org.Logo, nil
	case !logoName.MatchString(name):
		return "", errors.New("this is not a logo chosen on this page; choose the file again")
	}
	path := filepath.Join(s.dir, LogoDir, name)
	if st, err := os.Lstat(path); err != nil || !st.Mode().IsRegular() {
		return "", errNoLogo
	}
	return path, nil
}

// brand is the organisation's colour and logo ready for a document, as
// profile makes it for generate; the logo is read and checked through
// profile.LoadLogo, and kept while its file is unchanged.
func (s *Server) brand(org profile.Organisation) (doc.Brand, error) {
	path := org.Logo
	org.Logo = ""
	b, err := org.Brand()
	if err != nil || path == "" {
		return b, err
	}
	st, err := os.Stat(path)
	if err != nil {
		_, err = profile.LoadLogoFit(path, layout.LogoPixels) // its message says what is wrong
		return b, err
	}
	if c, ok := s.logos.get(path); ok && c.size == st.Size() && c.mtime == st.ModTime().UnixNano() {
		b.Logo = c.img
		return b, nil
	}
	img, err := profile.LoadLogoFit(path, layout.LogoPixels)
	if err != nil {
		return b, err
	}
	s.logos.put(path, &logoImage{size: st.Size(), mtime: st.ModTime().UnixNano(), img: img})
	b.Logo = img
	return b, nil
}

// chosenLogo is how a message names a logo chosen on the page, whose
// file name is a hash: profile and layout write "logo you chose is …",
// which theLogo makes a sentence of.
const chosenLogo = "you chose"

// theLogo starts a message about the logo chosen on the page as a
// sentence: "The logo you chose is …".
func theLogo(msg string) string {
	if rest, ok := strings.CutPrefix(msg, "logo "+chosenLogo+" "); ok {
		return "The logo " + chosenLogo + " " + rest
	}
	return msg
}

// storeLogo checks an uploaded logo exactly as generate checks a logo
// file (profile.DecodeLogo, the same size limit) and keeps it in logos/,
// named by its sha256, so the same file is kept once and a name can
// never be chosen by the browser.
func (s *Server) storeLogo(data []byte) (string, error) {
	img, err := profile.DecodeLogoFit(chosenLogo, data, layout.LogoPixels)
	if err != nil {
		return "", errors.New(theLogo(err.Error()))
	}
	sum := sha256.Sum256(data)
	ext := "png"
	if img.Type == "jpg" || isJPEG(data) {
		ext = "jpg"
	}
	name := hex.EncodeToString(sum[:]) + "." + ext
	dir := filepath.Join(s.dir, LogoDir)
	// logos/ must be a folder of the server's folder, not a link that
	// would take the upload elsewhere.
	if st, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.Mkdir(dir, 0o755); err != nil {
			return "", fmt.Errorf("cannot keep the logo in %s: %w", dir, err)
		}
	} else if err != nil || !st.IsDir() {
		return "", fmt.Errorf("cannot keep the logo: %s is not a folder; move it away", dir)
	}
	path := filepath.Join(dir, name)
	if st, err := os.Lstat(path); err == nil && st.Mode().IsRegular() && st.Size() == int64(len(data)) {
		return name, nil
	}
	if err := output.WriteFile(path, data); err != nil {
		return "", err
	}
	return name, nil
}

func isJPEG(data []byte) bool {
	return len(data) > 2 && data[0] == 0xFF && data[1] == 0xD8
}

// uploadLogo keeps a logo chosen on the page. The page's script sends it
// as soon as it is chosen and gets its name back as JSON; without the
// script, the "Use this logo" button sends the whole form here, and the
// answer is the form again with the logo in it.
func (s *Server) uploadLogo(w http.ResponseWriter, r *http.Request) {
	u := s.ui.pick(r)
	v, up, err := s.readForm(r)
	if err != nil {
		s.formTooLarge(w, r, u, err)
		return
	}
	m := formMaterials(v)
	var msg string
	if up == nil {
		msg = u.T("error.logo_none")
	} else if name, err := s.storeLogo(up.data); err != nil {
		msg = err.Error()
	} else {
		m.Logo, m.NoLogo = name, false
	}
	if wantsJSON(r) {
		if msg != "" {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": msg})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"logo": m.Logo, "label": u.T("form.logo.current")})
		return
	}
	if msg != "" {
		s.renderMaterials(w, r, u, m, []fieldError{{Field: "logo-file", Label: u.T("form.logo-file.label"), Message: msg}}, http.StatusBadRequest)
		return
	}
	http.Redirect(w, r, "/?"+m.values().Encode()+"#logo-file", http.StatusSeeOther)
}
