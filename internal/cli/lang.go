package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"

	"github.com/qingdan/qingdan/internal/config"
	"github.com/qingdan/qingdan/internal/diag"
)

// The command line speaks the language of the site it runs on, as the
// site's own messages do: usage errors and help included.

// siteLang is the language of the site args point at: the folder of -s
// (or --source) when given and it has a qingdan.toml, else the current
// folder's; Chinese unless that qingdan.toml says language = "en". Only the
// language is read, leniently: a broken file is reported by check, not here.
func siteLang(args []string) string {
	var dirs []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "s" && name != "source" {
			continue
		}
		if !hasValue && i+1 < len(args) {
			value = args[i+1]
			i++
		}
		if value != "" {
			dirs = append(dirs, value)
		}
	}
	for _, dir := range append(dirs, ".") {
		data, err := os.ReadFile(filepath.Join(dir, config.File))
		if err != nil {
			continue
		}
		var f struct {
			Language string `toml:"language"`
		}
		_ = toml.Unmarshal(bytes.TrimPrefix(data, []byte("\ufeff")), &f)
		if diag.IsEnglish(f.Language) {
			return "en"
		}
		return "zh-CN"
	}
	return "zh-CN"
}

// The errors of the flag package, which it writes in English only.
var (
	flagUndefined = regexp.MustCompile(`^flag provided but not defined: (-\S+)$`)
	flagNeedsArg  = regexp.MustCompile(`^flag needs an argument: (-\S+)$`)
	flagBool      = regexp.MustCompile(`^invalid boolean value "(.*)" for (-\S+): (.*)$`)
	flagValue     = regexp.MustCompile(`(?s)^invalid value "(.*)" for flag (-\S+): (.*)$`)
	flagSyntax    = regexp.MustCompile(`^bad flag syntax: (.*)$`)
)

// flagError says what the flag package found wrong with a flag of fs, in lang.
func flagError(lang string, fs *flag.FlagSet, err error) string {
	s := err.Error()
	if m := flagUndefined.FindStringSubmatch(s); m != nil {
		return diag.Text(lang, "cli.flagUndefined", m[1])
	}
	if m := flagNeedsArg.FindStringSubmatch(s); m != nil {
		return diag.Text(lang, "cli.flagNeedsArg", m[1])
	}
	if m := flagBool.FindStringSubmatch(s); m != nil {
		return diag.Text(lang, "cli.flagBool", m[1], m[2], reason(lang, m[3]))
	}
	if m := flagValue.FindStringSubmatch(s); m != nil {
		why := reason(lang, m[3])
		if f := fs.Lookup(strings.TrimLeft(m[2], "-")); f != nil {
			if g, ok := f.Value.(flag.Getter); ok {
				if _, ok := g.Get().(time.Duration); ok {
					why = diag.Text(lang, "cli.duration")
				}
			}
		}
		return diag.Text(lang, "cli.flagValue", m[1], m[2], why)
	}
	if m := flagSyntax.FindStringSubmatch(s); m != nil {
		return diag.Text(lang, "cli.flagSyntax", m[1])
	}
	return s
}

// reason renders the flag package's own reasons; any other (a flag's
// Func, already in lang) is kept.
func reason(lang, s string) string {
	switch {
	case s == "parse error":
		return diag.Text(lang, "cli.parseError")
	case s == "value out of range":
		return diag.Text(lang, "cli.outOfRange")
	}
	return s
}

// errText is an error made from a catalogue message, for a flag's Func.
func errText(lang, key string, args ...any) error {
	return errors.New(diag.Text(lang, key, args...))
}

// printDefaults writes the flags of fs as flag.PrintDefaults does, with the
// defaults said in lang.
func printDefaults(w io.Writer, lang string, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		line := "  -" + f.Name
		if name != "" {
			line += " " + name
		}
		if len(line) <= 4 { // a one-letter bool flag: usage on the same line
			line += "\t"
		} else {
			line += "\n    \t"
		}
		line += strings.ReplaceAll(usage, "\n", "\n    \t")
		switch d := f.DefValue; d {
		case "", "false", "0", "0s":
		default:
			if _, err := strconv.ParseFloat(d, 64); err != nil {
				d = strconv.Quote(d)
			}
			line += diag.Text(lang, "cli.default", d)
		}
		fmt.Fprintln(w, line)
	})
}
