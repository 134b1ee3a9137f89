package cli

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// TestMainExit runs Main in process: help runs nothing and exits 0; every
// kind of usage error exits 2 and prints only to stderr.
func TestMainExit(t *testing.T) {
	site := t.TempDir()
	if err := os.Mkdir(filepath.Join(site, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	nowhere := filepath.Join(site, "nowhere")
	tests := []struct {
		args   []string
		code   int
		stdout string // a regexp the output must match, (?m) on
		stderr string
	}{
		// Usage, help and help CMD: exit 0, nothing run.
		{args: nil, code: 2, stderr: `^usage: qingdan <command>`},
		{args: []string{"-h"}, stdout: `(?m)^  qingdan check `},
		{args: []string{"--help"}, stdout: `(?m)^  qingdan help \[COMMAND\]`},
		{args: []string{"help"}, stdout: `(?m)^  qingdan serve `},
		{args: []string{"help", "build"}, stdout: `(?s)^usage: qingdan build \[-s SRC\] .*生成整个网站.*write the whole site.*\nflags of qingdan build:\n.*  -as-of date\n.*  -links dirs\n`},
		{args: []string{"build", "-h"}, stdout: `(?s)^usage: qingdan build \[-s SRC\] .*  -base-url URL\n`},
		{args: []string{"build", "--help", "-s", site}, stdout: `^usage: qingdan build `},
		{args: []string{"help", "check"}, stdout: `(?s)^usage: qingdan check \[-s SRC\] \[--as-of YYYY-MM-DD\]\n.*  -as-of date\n`},
		{args: []string{"check", "-h"}, stdout: `^usage: qingdan check `},
		{args: []string{"help", "serve"}, stdout: `(?s)^usage: qingdan serve .*  -poll interval\n.*  -port port\n`},
		{args: []string{"serve", "-h", "-s", site}, stdout: `^usage: qingdan serve `},
		{args: []string{"help", "new"}, stdout: `(?s)^usage: qingdan new site DIR\n       qingdan new case TITLE .*flags of qingdan new case:\n.*  -slug name\n`},
		{args: []string{"new", "-h"}, stdout: `^usage: qingdan new site DIR\n`},
		{args: []string{"help", "new", "case"}, stdout: `(?s)^usage: qingdan new case TITLE .*  -date date\n`},
		{args: []string{"new", "case", "标题", "-s", site, "-h"}, stdout: `^usage: qingdan new case TITLE `},
		{args: []string{"help", "new", "site"}, stdout: `^usage: qingdan new site DIR\n\n`},
		{args: []string{"new", "site", filepath.Join(site, "new"), "-h"}, stdout: `^usage: qingdan new site DIR\n`},
		{args: []string{"help", "version"}, stdout: `^usage: qingdan version\n`},
		{args: []string{"version", "-h"}, stdout: `^usage: qingdan version\n`},
		{args: []string{"version"}, stdout: `^qingdan \S+\n$`},

		// Usage errors: exit 2.
		{args: []string{"help", "nosuch"}, code: 2, stderr: `qingdan help nosuch: unknown help topic`},
		{args: []string{"help", "build", "extra"}, code: 2, stderr: `unknown help topic`},
		{args: []string{"help", "new", "nosuch"}, code: 2, stderr: `qingdan help new nosuch: unknown help topic`},
		{args: []string{"frobnicate"}, code: 2, stderr: `(?m)^qingdan: unknown command "frobnicate"\nusage: qingdan <command>`},
		{args: []string{"build", "--no-such-flag"}, code: 2, stderr: `(?m)^flag provided but not defined: -no-such-flag\nusage: qingdan build \[-s SRC\]`},
		{args: []string{"check", "-o", "out"}, code: 2, stderr: `flag provided but not defined: -o`},
		{args: []string{"version", "--json"}, code: 2, stderr: `flag provided but not defined: -json`},
		{args: []string{"new", "site", "--bogus", "dir"}, code: 2, stderr: `flag provided but not defined: -bogus`},
		{args: []string{"serve", "--port", "abc"}, code: 2, stderr: `invalid value "abc" for flag -port`},
		{args: []string{"serve", "--poll", "soon"}, code: 2, stderr: `invalid value "soon" for flag -poll`},
		{args: []string{"serve", "-s", site, "--poll", "1ms"}, code: 2, stderr: `--poll must be at least 10ms`},
		{args: []string{"build", "--links", "both"}, code: 2, stderr: `invalid value "both" for flag -links: want dirs or files`},
		{args: []string{"build", "--drafts=maybe"}, code: 2, stderr: `invalid boolean value "maybe" for -drafts`},
		{args: []string{"build", "-o"}, code: 2, stderr: `flag needs an argument: -o`},
		{args: []string{"new", "case", "标题", "-s"}, code: 2, stderr: `flag needs an argument: -s`},
		{args: []string{"check", "extra"}, code: 2, stderr: `qingdan check: unexpected argument "extra"`},
		{args: []string{"build", "-s", site, "public"}, code: 2, stderr: `qingdan build: unexpected argument "public"`},
		{args: []string{"serve", "-s", site, "8080"}, code: 2, stderr: `qingdan serve: unexpected argument "8080"`},
		{args: []string{"version", "extra"}, code: 2, stderr: `qingdan version: unexpected argument "extra"`},
		{args: []string{"build", "-s", nowhere}, code: 2, stderr: `no site folder`},
		{args: []string{"check", "-s", t.TempDir()}, code: 2, stderr: `is not a qingdan site`},
		{args: []string{"new"}, code: 2, stderr: `^usage: qingdan new site DIR\n`},
		{args: []string{"new", "frob"}, code: 2, stderr: `qingdan new: unknown kind "frob" \(site or case\)`},
		{args: []string{"new", "-s", site, "case", "标题"}, code: 2, stderr: `unknown kind "-s"`},
		{args: []string{"new", "site"}, code: 2, stderr: `usage: qingdan new site DIR`},
		{args: []string{"new", "site", "a", "b"}, code: 2, stderr: `usage: qingdan new site DIR`},
		{args: []string{"new", "case", "-s", site}, code: 2, stderr: `usage: qingdan new case TITLE`},
		{args: []string{"new", "case", "标题", "-s", site, "--date", "2022-13-01"}, code: 2, stderr: `--date "2022-13-01"`},
		{args: []string{"new", "case", "标题", "-s", site, "--slug", "Bad Slug"}, code: 2, stderr: `--slug "Bad Slug"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := Main(tt.args, &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, &stdout, &stderr)
			}
			check := func(name, re string, got *bytes.Buffer) {
				if re == "" {
					if got.Len() > 0 {
						t.Errorf("%s not empty:\n%s", name, got)
					}
					return
				}
				if !regexp.MustCompile(re).Match(got.Bytes()) {
					t.Errorf("%s does not match %q:\n%s", name, re, got)
				}
			}
			check("stdout", tt.stdout, &stdout)
			check("stderr", tt.stderr, &stderr)
		})
	}
	// Nothing ran: no output folder, no case file, no new site.
	for _, p := range []string{"public", "content/cases", "new"} {
		if _, err := os.Stat(filepath.Join(site, p)); err == nil {
			t.Errorf("%s was written", p)
		}
	}
}

// TestCommands checks the table: every command is described in full, in
// both languages, and declares its flags without a clash.
func TestCommands(t *testing.T) {
	han := func(s string) bool {
		return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) })
	}
	latin := regexp.MustCompile(`[A-Za-z]{4,} [A-Za-z]{2,} [A-Za-z]{2,}`)
	var walk func(path string, cmds []*Command)
	walk = func(path string, cmds []*Command) {
		var names []string
		for _, c := range cmds {
			name := strings.TrimSpace(path + " " + c.Name)
			names = append(names, c.Name)
			if c.Name == "" || c.Short == "" {
				t.Errorf("%q: no name or short help", name)
			}
			if !strings.HasPrefix(c.UsageLine+" ", name+" ") {
				t.Errorf("%s: usage line %q does not start with the command", name, c.UsageLine)
			}
			if (c.Flags == nil) == (len(c.Commands) == 0) {
				t.Errorf("%s: want flags or sub-commands, not both or neither", name)
			}
			if len(c.Commands) == 0 && (!han(c.Long) || !latin.MatchString(c.Long)) {
				t.Errorf("%s: the long help should be in Chinese and English:\n%s", name, c.Long)
			}
			if c.Flags != nil {
				fs, run := c.Flags() // panics on a flag declared twice
				if fs == nil || run == nil {
					t.Errorf("%s: Flags returned nil", name)
				}
				fs.VisitAll(func(f *flag.Flag) {
					if f.Usage == "" {
						t.Errorf("%s: flag -%s has no usage", name, f.Name)
					}
				})
			}
			walk(name, c.Commands)
		}
		if len(slices.Compact(slices.Sorted(slices.Values(names)))) != len(names) {
			t.Errorf("%q: a command name is used twice: %v", path, names)
		}
	}
	walk("", Commands())
}

func TestReorder(t *testing.T) {
	fs := new(flag.FlagSet)
	fs.String("s", ".", "")
	fs.Bool("drafts", false, "")
	tests := []struct{ in, want string }{
		{"", ""},
		{"标题", "-- 标题"},
		{"标题 -s site", "-s site -- 标题"},
		{"-s site 标题", "-s site -- 标题"},
		{"a --s=site b", "--s=site -- a b"},
		{"a --drafts b", "--drafts -- a b"},
		{"a -x b", "-x -- a b"}, // unknown: no value taken; Parse reports it
		{"a -s", "-s"},          // a missing value: Parse reports it
		{"a -- -s b", "-- a -s b"},
		{"- a", "-- - a"},
	}
	for _, tt := range tests {
		got := strings.Join(reorder(fs, strings.Fields(tt.in)), " ")
		if got != tt.want {
			t.Errorf("reorder(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
