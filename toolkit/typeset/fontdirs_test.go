package typeset

import (
	"io"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/go-text/typesetting/fontscan"
)

// fontDirectories names the folders fontscan.DefaultFontDirectories
// names, for this machine's settings and for settings made here: folders
// named outright, relative to the file, to the working folder and to
// XDG_DATA_HOME; settings included as a folder of numbered .conf files
// (others passed over), as a file, under XDG_CONFIG_HOME, missing, and
// twice; files with no <dir> or <include> at all; elements other than
// those, and a <dir> nested in one (not a folder for either).
func TestFontDirectoriesAsFontscan(t *testing.T) {
	switch runtime.GOOS {
	case "linux", "openbsd", "freebsd":
	default:
		t.Skip("fontDirectories is fontscan's own elsewhere")
	}
	quiet := log.New(io.Discard, "", 0)
	same := func(t *testing.T) []string {
		t.Helper()
		want, wantErr := fontscan.DefaultFontDirectories(quiet)
		got, err := fontDirectories(quiet)
		if (err == nil) != (wantErr == nil) || !slices.Equal(got, want) {
			t.Fatalf("fontDirectories = %q, %v\nfontscan gives %q, %v", got, err, want, wantErr)
		}
		return got
	}
	t.Run("this machine", func(t *testing.T) { same(t) })

	t.Run("settings made here", func(t *testing.T) {
		root := t.TempDir()
		mk, write := tree(t, root)
		for _, d := range []string{"a", "etc/rel", "data/xfonts", "b", "c", "d", "home/.fonts", "nested", "cwd"} {
			mk(d)
		}
		t.Setenv("HOME", filepath.Join(root, "home"))
		t.Setenv("XDG_DATA_HOME", filepath.Join(root, "data"))
		t.Setenv("XDG_CONFIG_HOME", filepath.Join(root, "config"))
		t.Setenv("XDG_DATA_DIRS", filepath.Join(root, "share1")+":"+filepath.Join(root, "share2"))
		mk("share2/fonts")
		conf := write("etc/fonts.conf", `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
	<!-- a comment that says <dir> -->
	<dir>`+filepath.Join(root, "a")+`</dir>
	<dir prefix="relative">rel</dir>
	<dir prefix="xdg">xfonts</dir>
	<dir prefix="xdg">missing</dir>
	<dir>~/.fonts</dir>
	<match target="pattern"><dir>`+filepath.Join(root, "nested")+`</dir></match>
	<include ignore_missing="yes">`+filepath.Join(root, "etc/conf.d")+`</include>
	<include ignore_missing="yes">`+filepath.Join(root, "etc/none.conf")+`</include>
	<include prefix="xdg">fontconfig/user.conf</include>
	<include>`+filepath.Join(root, "etc/conf.d")+`</include>
	<alias><family>serif</family><prefer><family>DejaVu Serif</family></prefer></alias>
</fontconfig>
`)
		write("etc/conf.d/10-b.conf", `<?xml version="1.0"?><fontconfig><dir>`+filepath.Join(root, "b")+`</dir></fontconfig>`)
		write("etc/conf.d/20-none.conf", `<?xml version="1.0"?><fontconfig><match><test name="family"><string>Direction</string></test></match></fontconfig>`)
		write("etc/conf.d/c.conf", `<?xml version="1.0"?><fontconfig><dir>`+filepath.Join(root, "c")+`</dir></fontconfig>`)
		write("etc/conf.d/30-cwd.conf", `<?xml version="1.0"?><fontconfig><dir prefix="cwd">cwd-fonts</dir><include>`+conf+`</include></fontconfig>`)
		write("config/fontconfig/user.conf", `<?xml version="1.0"?><fontconfig><dir>`+filepath.Join(root, "d")+`</dir></fontconfig>`)
		t.Setenv("FONTCONFIG_FILE", conf)
		t.Chdir(root)
		mk("cwd-fonts")
		got := same(t)
		// (~ is the user's home folder as the system knows it, not $HOME,
		// for both.)
		for _, want := range []string{"a", "etc/rel", "data/xfonts", "b", "d", "cwd-fonts", "share2/fonts"} {
			if !slices.Contains(got, filepath.Join(root, want)) {
				t.Errorf("%s is not among %q", want, got)
			}
		}
		for _, not := range []string{"c", "nested"} {
			if slices.Contains(got, filepath.Join(root, not)) {
				t.Errorf("%s is among %q", not, got)
			}
		}

		// A settings file that is not well-formed but names no folder:
		// fontscan drops every setting, fontDirectories reads the rest.
		write("etc/conf.d/40-broken.conf", `<fontconfig><match></fontconfig>`)
		got, err := fontDirectories(quiet)
		if err != nil || !slices.Contains(got, filepath.Join(root, "b")) {
			t.Errorf("with a broken file that names no folder: %q, %v", got, err)
		}
		// One that names a folder is read, and is passed over with a
		// warning; it stopped fontscan's settings whole (every folder
		// they name lost), and ours until session 12.
		write("etc/conf.d/40-broken.conf", `<fontconfig><dir>x</dir><match></fontconfig>`)
		logger := &fontLog{}
		got, err = fontDirectories(logger)
		if err != nil || !slices.Contains(got, filepath.Join(root, "b")) || !slices.Contains(got, filepath.Join(root, "a")) {
			t.Errorf("with a broken file: %q, %v", got, err)
		}
		if len(logger.warnings) != 1 || !strings.Contains(logger.warnings[0], "fontconfig settings file "+filepath.Join(root, "etc/conf.d/40-broken.conf")+" is not well-formed XML") {
			t.Errorf("with a broken file, warnings %q", logger.warnings)
		}
	})
}

// TestFontDirectoriesOddSettings: a file of fontconfig's settings that
// cannot be read loses its own folders alone, with one warning naming
// it (each one dropped every folder the settings name); a variable set
// to nothing is unset (FONTCONFIG_FILE="" was the folder /etc/fonts,
// XDG_DATA_HOME="" made ./fonts a font folder); a <dir> that names
// nothing is no folder (it was the working folder, every file of which
// was opened); ~ is the home folder only at the start of a path (every
// ~ was replaced).
func TestFontDirectoriesOddSettings(t *testing.T) {
	switch runtime.GOOS {
	case "linux", "openbsd", "freebsd":
	default:
		t.Skip("fontDirectories is fontscan's own elsewhere")
	}
	root := t.TempDir()
	mk, write := tree(t, root)
	a, b, tilde := mk("a"), mk("b"), mk("x~y")
	cwd := mk("cwd")
	mk("cwd/fonts")
	t.Chdir(cwd)
	t.Setenv("HOME", filepath.Join(root, "home"))
	t.Setenv("XDG_DATA_DIRS", filepath.Join(root, "share"))
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(root, "config"))
	t.Setenv("FONTCONFIG_PATH", filepath.Join(root, "etc"))
	write("etc/fonts.conf", `<fontconfig>
	<dir>`+a+`</dir>
	<dir></dir>
	<dir prefix="cwd"/>
	<dir prefix="default">  </dir>
	<dir>`+tilde+`</dir>
	<include></include>
	<include>`+filepath.Join(root, "etc/conf.d")+`</include>
</fontconfig>`)
	write("etc/conf.d/10-broken.conf", `<fontconfig><dir>`+mk("lost")+`</dir><match></fontconfig>`)
	write("etc/conf.d/20-b.conf", `<fontconfig><dir>`+b+`</dir></fontconfig>`)
	if err := os.Symlink(filepath.Join(root, "gone.conf"), filepath.Join(root, "etc/conf.d/30-dangling.conf")); err != nil {
		t.Skip("no links here:", err)
	}
	if err := os.Symlink(mk("afolder"), filepath.Join(root, "etc/conf.d/40-folder.conf")); err != nil {
		t.Fatal(err)
	}
	write("etc/conf.d/50-large.conf", "<fontconfig><dir>"+mk("large")+"</dir>"+strings.Repeat(" ", 1<<20)+"</fontconfig>")

	for _, file := range []string{"", "fonts.conf"} {
		for _, data := range []string{"", filepath.Join(root, "data")} {
			t.Run("FONTCONFIG_FILE="+file+" XDG_DATA_HOME="+data, func(t *testing.T) {
				t.Setenv("FONTCONFIG_FILE", file)
				t.Setenv("XDG_DATA_HOME", data)
				logger := &fontLog{}
				got, err := fontDirectories(logger)
				if err != nil {
					t.Fatal(err)
				}
				for _, want := range []string{a, b, tilde} {
					if !slices.Contains(got, want) {
						t.Errorf("%s is not among %q", want, got)
					}
				}
				for _, not := range []string{cwd, filepath.Join(cwd, "fonts"), filepath.Join(root, "lost"), filepath.Join(root, "large"), filepath.Join(root, "etc")} {
					if slices.Contains(got, not) {
						t.Errorf("%s is among %q", not, got)
					}
				}
				wants := []string{
					"fontconfig settings file " + filepath.Join(root, "etc/conf.d/10-broken.conf") + " is not well-formed XML",
					"fontconfig settings file " + filepath.Join(root, "etc/conf.d/30-dangling.conf") + " is a link to " + filepath.Join(root, "gone.conf") + ", which does not exist:",
					"fontconfig settings file " + filepath.Join(root, "etc/conf.d/40-folder.conf") + " is a folder",
					"fontconfig settings file " + filepath.Join(root, "etc/conf.d/50-large.conf") + " is ",
				}
				if len(logger.warnings) != len(wants) {
					t.Errorf("%d warnings, want %d:\n%s", len(logger.warnings), len(wants), strings.Join(logger.warnings, "\n"))
				}
				for i, w := range wants {
					if i < len(logger.warnings) && (!strings.HasPrefix(logger.warnings[i], w) || !strings.Contains(logger.warnings[i], "the font folders it names are not searched for fonts, the others are")) {
						t.Errorf("warning %d: %s\nwant %s…", i, logger.warnings[i], w)
					}
				}
			})
		}
	}
}

func TestNamesDirOrInclude(t *testing.T) {
	for text, want := range map[string]bool{
		`<fontconfig><dir>x</dir></fontconfig>`:              true,
		`<fontconfig><dir prefix="xdg">x</dir></fontconfig>`: true,
		`<fontconfig><include/></fontconfig>`:                true,
		"<fontconfig><include\n>x</include></fontconfig>":    true,
		`<fc:fontconfig><fc:dir>x</fc:dir></fc:fontconfig>`:  true,
		`<dir`: true,
		`<fontconfig><match><test name="family"><string>direction includes</string></test></match></fontconfig>`: false,
		`<fontconfig><directory>x</directory><included/></fontconfig>`:                                           false,
		`<fontconfig a:dir="x"></fontconfig>`:                                                                    false,
		``:                                                                                                       false,
	} {
		if got := namesDirOrInclude([]byte(text)); got != want {
			t.Errorf("namesDirOrInclude(%q) = %v, want %v", text, got, want)
		}
	}
}

// tree gives makers of folders (mk) and files (write) under root, each
// returning the path it made.
func tree(t *testing.T, root string) (mk func(path string) string, write func(path, text string) string) {
	mk = func(path string) string {
		p := filepath.Join(root, path)
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write = func(path, text string) string {
		p := mk(filepath.Dir(path))
		p = filepath.Join(p, filepath.Base(path))
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	return mk, write
}
