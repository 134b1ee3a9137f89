// Package cli is qingdan's command line: a small table of commands on the
// standard flag package. Exit codes: 0 success, 1 errors in the site's data
// or content, 2 a usage error.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/qingdan/qingdan/internal/build"
	"github.com/qingdan/qingdan/internal/config"
	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/publish"
)

// Version is set at link time by the Makefile; otherwise the module version is used.
var Version = ""

type command struct {
	name, args, help string
	run              func(args []string, stdout, stderr io.Writer) int
	flags            bool // run with -h, it lists its flags
}

var commands []command

func init() {
	commands = []command{
		{"build", "[-s SRC] [-o OUT] [--as-of YYYY-MM-DD] [--base-url URL] [--drafts] [--publish] [--links dirs|files]", "build the site into OUT (default SRC/public)", runBuild, true},
		{"check", "[-s SRC] [--as-of YYYY-MM-DD]", "validate data, content and layouts; build nothing", runCheck, true},
		{"serve", "[-s SRC] [--bind 127.0.0.1] [--port 1313] [--poll DURATION]", "a live preview: serve from memory, watch, rebuild, reload the browser", runServe, true},
		{"new", "site DIR | case TITLE [-s SRC] [--slug SLUG]", "a new site, or a case article skeleton in content/cases/", runNew, false},
		{"version", "", "print the version", runVersion, false},
	}
}

// Main runs the command line args (without the program name) and returns the exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	switch args[0] {
	case "-h", "--help", "help":
		if len(args) == 2 && args[0] == "help" { // help CMD: CMD alone, with its flags
			for _, c := range commands {
				if c.name == args[1] {
					fmt.Fprintf(stdout, "usage: qingdan %s %s\n    %s\n", c.name, c.args, c.help)
					if c.flags {
						return c.run([]string{"-h"}, io.Discard, stdout)
					}
					return 0
				}
			}
		}
		usage(stdout)
		return 0
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "qingdan: unknown command %q\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: qingdan <command> [flags]")
	fmt.Fprintln(w)
	for _, c := range commands {
		fmt.Fprintf(w, "  qingdan %s %s\n      %s\n", c.name, c.args, c.help)
	}
}

// siteFlags are the flags build and check share.
type siteFlags struct {
	fs   *flag.FlagSet
	opts build.Options
}

// Which flags a command takes besides -s and --as-of.
const (
	withContent = 1 << iota // --drafts, --publish
	withOut                 // -o, --base-url, --links
)

func newFlags(name string, stderr io.Writer, with int) *siteFlags {
	f := &siteFlags{fs: flag.NewFlagSet("qingdan "+name, flag.ContinueOnError)}
	f.fs.SetOutput(stderr)
	f.fs.StringVar(&f.opts.Src, "s", ".", "the site `folder`")
	f.fs.StringVar(&f.opts.Src, "source", ".", "the site `folder`")
	f.fs.StringVar(&f.opts.AsOf, "as-of", "", "the as-of `date` (YYYY-MM-DD)")
	if with&withContent != 0 {
		f.fs.BoolVar(&f.opts.Drafts, "drafts", false, "include drafts")
		f.fs.BoolVar(&f.opts.Publish, "publish", false, "leave out cases without a final review (终审)")
	}
	if with&withOut != 0 {
		f.fs.StringVar(&f.opts.Out, "o", "", "the output `folder` (default SRC/public)")
		f.fs.StringVar(&f.opts.Out, "destination", "", "the output `folder` (default SRC/public)")
		f.fs.StringVar(&f.opts.BaseURL, "base-url", "", "the site's public `URL`")
		f.fs.Func("links", "`dirs` (links end in /, the default) or files (links end in index.html, for opening from disk)", func(s string) error {
			switch s {
			case "dirs":
				f.opts.Files = false
			case "files":
				f.opts.Files = true
			default:
				return fmt.Errorf("want dirs or files")
			}
			return nil
		})
	}
	return f
}

// parse parses args; it returns false (and the exit code) on a usage error.
func (f *siteFlags) parse(args []string) (int, bool) {
	if err := f.fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, false
		}
		return 2, false
	}
	if f.fs.NArg() > 0 {
		fmt.Fprintf(f.fs.Output(), "%s: unexpected argument %q\n", f.fs.Name(), f.fs.Arg(0))
		return 2, false
	}
	if msg := notASite(f.opts.Src); msg != "" {
		fmt.Fprintf(f.fs.Output(), "%s: %s\n", f.fs.Name(), msg)
		return 2, false
	}
	return 0, true
}

// notASite explains why src cannot be a site folder: it does not exist, or
// it has none of qingdan.toml, data/ and content/ (most likely the command
// was run in the wrong folder). It returns "" for a site.
func notASite(src string) string {
	fi, err := os.Stat(src)
	if err != nil || !fi.IsDir() {
		return fmt.Sprintf("找不到站点目录 %s（用 -s 指定）/ no site folder %s (give one with -s)", src, src)
	}
	for _, name := range []string{config.File, "data", "content"} {
		if _, err := os.Stat(filepath.Join(src, name)); err == nil {
			return ""
		}
	}
	if abs, err := filepath.Abs(src); err == nil {
		src = abs
	}
	return fmt.Sprintf("%s 不是 qingdan 站点：没有 qingdan.toml、data/ 或 content/；新建站点用 qingdan new site 目录 / %s is not a qingdan site: it has no qingdan.toml, data/ or content/; start one with qingdan new site DIR", src, src)
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	f := newFlags("check", stderr, 0)
	if code, ok := f.parse(args); !ok {
		return code
	}
	r := build.Check(f.opts)
	r.Diags.Print(stderr, r.Lang())
	if r.Diags.Errors() > 0 {
		return 1
	}
	if r.Diags.Len() == 0 {
		fmt.Fprintln(stdout, diag.Text(r.Lang(), "ok"))
	}
	return 0
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	f := newFlags("build", stderr, withContent|withOut)
	if code, ok := f.parse(args); !ok {
		return code
	}
	// Ctrl-C leaves the previous output as it was and no temporary folder.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sig)
	go func() {
		if _, ok := <-sig; ok {
			publish.Interrupted()
			fmt.Fprintln(stderr, "qingdan build: interrupted; nothing half-written is left")
			os.Exit(130)
		}
	}()
	r, err := build.Run(f.opts)
	r.Diags.Print(stderr, r.Lang())
	if err != nil {
		fmt.Fprintf(stderr, "qingdan build: %v\n", err)
		return 1
	}
	if r.Diags.Errors() > 0 {
		return 1
	}
	s := r.Site
	if s.AsOf.IsZero() { // no readings and no as_of: nothing is measured yet
		fmt.Fprintln(stdout, diag.Text(r.Lang(), "built.empty", len(r.Files), len(s.Orgs), len(s.Projects)))
	} else {
		fmt.Fprintln(stdout, diag.Text(r.Lang(), "built", len(r.Files), s.AsOf.String(), len(s.Orgs), len(s.Projects)))
	}
	return 0
}

func runVersion(args []string, stdout, stderr io.Writer) int {
	v := Version
	if v == "" {
		v = "devel"
		if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
	}
	fmt.Fprintf(stdout, "qingdan %s\n", strings.TrimPrefix(v, "v"))
	return 0
}
