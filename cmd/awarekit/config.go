package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/awarekit/awarekit/toolkit/profile"
)

// ConfigFileName is the project file read from the working folder.
const ConfigFileName = "awarekit.yaml"

// settingFlags binds config keys to the flags that set them.
var settingFlags = map[string]string{
	"audience":             "audience",
	"lang":                 "lang",
	"format":               "format",
	"paper":                "paper",
	"out":                  "out",
	"organisation.name":    "org-name",
	"organisation.phone":   "phone",
	"organisation.email":   "email",
	"organisation.website": "website",
	"organisation.logo":    "logo",
	"organisation.color":   "color",
	"content":              "content",
}

// Settings are the resolved configuration: flags over environment
// (AWAREKIT_…) over the project file over the user's config file over
// defaults.
type Settings struct {
	Audiences []string
	Langs     []string
	Formats   []string
	Paper     string
	Out       string
	Org       profile.Organisation
	// Content is a folder of the user's own content over the embedded
	// content: audiences/ (file by file) and locales/ (message by message).
	Content string
	// Fonts maps a script code (Guru, Hans…) to font files: regular, then bold.
	Fonts map[string][]string
	// ConfigFiles lists the files that were read, lowest precedence first.
	ConfigFiles []string
}

// loadSettings reads configuration for one run with a fresh viper.
// configFile is --config ("" looks for awarekit.yaml in the working
// folder); a missing default file is not an error, a missing named one is.
func loadSettings(flags *pflag.FlagSet, configFile string) (*Settings, error) {
	v := viper.New()
	v.SetDefault("audience", []string{"youth"})
	v.SetDefault("lang", []string{"en"})
	v.SetDefault("format", []string{"flyer"})
	v.SetDefault("paper", "letter")
	v.SetDefault("out", ".")

	s := &Settings{}
	fileDir := map[string]string{} // key → folder of the file that set it
	read := func(path string, required bool) error {
		fv := viper.New()
		fv.SetConfigFile(path)
		fv.SetConfigType("yaml")
		if err := fv.ReadInConfig(); err != nil {
			var notFound viper.ConfigFileNotFoundError
			if !required && (errors.As(err, &notFound) || errors.Is(err, os.ErrNotExist)) {
				return nil
			}
			if errors.Is(err, os.ErrNotExist) {
				return usage(fmt.Errorf("config file %s does not exist", path))
			}
			return fmt.Errorf("config file %s: %w", path, err)
		}
		for _, key := range fv.AllKeys() {
			if fv.Get(key) == nil {
				continue // a section whose entries are all commented out
			}
			if strings.HasPrefix(key, "fonts.") {
				fileDir[key] = filepath.Dir(path)
				continue
			}
			if _, ok := settingFlags[key]; !ok {
				return fmt.Errorf("config file %s: unknown setting %q; known: %s", path, key, strings.Join(sortedKeys(), ", "))
			}
			fileDir[key] = filepath.Dir(path)
		}
		if err := v.MergeConfigMap(fv.AllSettings()); err != nil {
			return fmt.Errorf("config file %s: %w", path, err)
		}
		s.ConfigFiles = append(s.ConfigFiles, path)
		return nil
	}
	if dir, err := os.UserConfigDir(); err == nil {
		if err := read(filepath.Join(dir, "awarekit", ConfigFileName), false); err != nil {
			return nil, err
		}
	}
	if configFile != "" {
		if err := read(configFile, true); err != nil {
			return nil, err
		}
	} else if err := read(ConfigFileName, false); err != nil {
		return nil, err
	}

	v.SetEnvPrefix("AWAREKIT")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	for key, flag := range settingFlags {
		// Unmarshal and Get ignore environment values of keys that were
		// never bound, so bind every key explicitly.
		if err := v.BindEnv(key); err != nil {
			return nil, fmt.Errorf("bind environment for %s: %w", key, err)
		}
		if f := flags.Lookup(flag); f != nil {
			if err := v.BindPFlag(key, f); err != nil {
				return nil, fmt.Errorf("bind flag --%s: %w", flag, err)
			}
		}
	}

	s.Audiences = list(v.GetStringSlice("audience"))
	s.Langs = list(v.GetStringSlice("lang"))
	s.Formats = list(v.GetStringSlice("format"))
	s.Paper = v.GetString("paper")
	s.Out = v.GetString("out")
	s.Org = profile.Organisation{
		Name:    v.GetString("organisation.name"),
		Phone:   v.GetString("organisation.phone"),
		Email:   v.GetString("organisation.email"),
		Website: v.GetString("organisation.website"),
		Logo:    v.GetString("organisation.logo"),
		Color:   v.GetString("organisation.color"),
	}
	// A relative path in a config file is relative to that file, not to
	// wherever the command happens to run.
	fromFile := func(key, val string) string {
		if val == "" || filepath.IsAbs(val) || flagChanged(flags, settingFlags[key]) {
			return val
		}
		if _, inEnv := os.LookupEnv("AWAREKIT_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))); inEnv {
			return val
		}
		if dir, ok := fileDir[key]; ok {
			return filepath.Join(dir, val)
		}
		return val
	}
	s.Org.Logo = fromFile("organisation.logo", s.Org.Logo)
	if fonts := v.GetStringMapStringSlice("fonts"); len(fonts) > 0 {
		s.Fonts = make(map[string][]string, len(fonts))
		for script, files := range fonts {
			// Script codes are written Guru, Hans…; viper lowercases keys.
			code := strings.ToUpper(script[:1]) + script[1:]
			for _, f := range list(files) {
				s.Fonts[code] = append(s.Fonts[code], fromFile("fonts."+script, f))
			}
		}
	}
	s.Out = fromFile("out", s.Out)
	s.Content = fromFile("content", v.GetString("content"))
	return s, nil
}

func flagChanged(flags *pflag.FlagSet, name string) bool {
	f := flags.Lookup(name)
	return f != nil && f.Changed
}

// list splits values on commas and spaces, so "en,fr", "en fr" and
// repeated flags all work, from flags, environment and files alike.
func list(values []string) []string {
	var out []string
	for _, v := range values {
		for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' }) {
			out = append(out, part)
		}
	}
	return out
}

func sortedKeys() []string {
	keys := make([]string, 0, len(settingFlags))
	for k := range settingFlags {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// addConfigFlag adds --config to cmd.
func addConfigFlag(cmd *cobra.Command, target *string) {
	cmd.Flags().StringVar(target, "config", "", "read settings from `FILE` instead of ./"+ConfigFileName)
}
