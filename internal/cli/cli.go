// Package cli is qingdan's command line: a small table of commands on the
// standard flag package, in the manner of cmd/go's base.Command. Exit codes:
// 0 success, 1 errors in the site's data or content, 2 a usage error.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/qingdan/qingdan/internal/diag"
)

// A Command is one qingdan command: what help says about it, its flags and
// the code that runs it. Everything it prints is in the language of the site
// it runs on (see siteLang): help, usage errors and what it reports.
type Command struct {
	Name      string    // the word that selects it: "build"
	UsageLine string    // how it is called, after "qingdan ": "build [-s SRC] ..."
	Short     diag.Name // one line for the list of commands
	Long      diag.Name // what help CMD prints

	// Flags declares the command's flags on a new flag set, their usage in
	// lang, and returns the set and the command's run function, which reads
	// the values the set parses into and speaks lang. The caller names the
	// set and makes it ContinueOnError; help CMD prints the set's defaults
	// and never calls run. Nil when the command has sub-commands instead.
	Flags func(lang string) (*flag.FlagSet, RunFunc)

	// Commands are the sub-commands, as in "qingdan new site"; help
	// prints the command's Long, then each of theirs.
	Commands []*Command
}

// A RunFunc runs a command on the arguments left after its flags and
// returns the exit code.
type RunFunc func(args []string, stdout, stderr io.Writer) int

// Commands returns qingdan's commands, in the order help lists them.
func Commands() []*Command {
	return []*Command{cmdBuild(), cmdCheck(), cmdServe(), cmdNew(), cmdVersion()}
}

// Main runs the command line args (without the program name) and returns the exit code.
// Without arguments it is the clerk's start (see start).
func Main(args []string, stdout, stderr io.Writer) int {
	return mainOn(systemHost(), args, stdout, stderr)
}

// mainOn is Main on the machine h.
func mainOn(h host, args []string, stdout, stderr io.Writer) int {
	defer profile()()
	cmds := Commands()
	lang := siteLang(args)
	if len(args) == 0 {
		return start(h, lang, cmds, stdout, stderr)
	}
	switch args[0] {
	case "-h", "-help", "--help":
		usage(stdout, lang, cmds)
		return 0
	case "help":
		return help(args[1:], lang, cmds, stdout, stderr)
	}
	if c := lookup(cmds, args[0]); c != nil {
		return c.run(c.Name, lang, args[1:], stdout, stderr)
	}
	fmt.Fprintln(stderr, diag.Text(lang, "cli.unknownCommand", args[0]))
	usage(stderr, lang, cmds)
	return 2
}

func lookup(cmds []*Command, name string) *Command {
	for _, c := range cmds {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func isHelpFlag(arg string) bool {
	return arg == "-h" || arg == "-help" || arg == "--help"
}

// run runs c, called as "qingdan path ...", on args.
func (c *Command) run(path, lang string, args []string, stdout, stderr io.Writer) int {
	if len(c.Commands) > 0 {
		if len(args) == 0 {
			fmt.Fprintln(stderr, diag.Text(lang, "cli.usage", c.usage()))
			return 2
		}
		if isHelpFlag(args[0]) {
			c.help(path, lang, stdout)
			return 0
		}
		sub := lookup(c.Commands, args[0])
		if sub == nil {
			var names []string
			for _, s := range c.Commands {
				names = append(names, s.Name)
			}
			fmt.Fprintln(stderr, diag.Text(lang, "cli.unknownKind", path, args[0], strings.Join(names, diag.Text(lang, "cli.or"))))
			return 2
		}
		return sub.run(path+" "+sub.Name, lang, args[1:], stdout, stderr)
	}
	fs, run := c.flagSet(path, lang)
	fs.SetOutput(stderr) // for the run function's own usage errors
	if err := parseQuiet(fs, reorder(fs, args)); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			c.help(path, lang, stdout)
			return 0
		}
		fmt.Fprintln(stderr, flagError(lang, fs, err))
		fmt.Fprintln(stderr, diag.Text(lang, "cli.usage", c.usage()))
		fmt.Fprintln(stderr, diag.Text(lang, "cli.seeHelp", path))
		return 2
	}
	return run(fs.Args(), stdout, stderr)
}

// flagSet makes c's flag set in lang, named "qingdan path". It prints
// nothing itself: Command.run says what is wrong, in lang.
func (c *Command) flagSet(path, lang string) (*flag.FlagSet, RunFunc) {
	fs, run := c.Flags(lang)
	fs.Init("qingdan "+path, flag.ContinueOnError)
	fs.Usage = func() {} // Command.run and help print the usage
	return fs, run
}

// parseQuiet parses args on fs without the flag package printing anything.
func parseQuiet(fs *flag.FlagSet, args []string) error {
	out := fs.Output()
	fs.SetOutput(io.Discard)
	defer fs.SetOutput(out)
	return fs.Parse(args)
}

// usage returns c's usage lines, each "qingdan ...", for "usage: ".
func (c *Command) usage() string {
	if len(c.Commands) == 0 {
		return "qingdan " + c.UsageLine
	}
	var lines []string
	for _, s := range c.Commands {
		lines = append(lines, s.usage())
	}
	return strings.Join(lines, "\n       ")
}

// help prints what help CMD prints: the usage, the long help and the
// flags, and those of each sub-command, in lang.
func (c *Command) help(path, lang string, w io.Writer) {
	fmt.Fprintln(w, diag.Text(lang, "cli.usage", c.usage()))
	c.printLong(lang, w)
	c.printFlags(path, lang, w)
}

func (c *Command) printLong(lang string, w io.Writer) {
	if long := strings.TrimSpace(c.Long.Local(lang)); long != "" {
		fmt.Fprintf(w, "\n%s\n", long)
	}
	for _, s := range c.Commands {
		s.printLong(lang, w)
	}
}

func (c *Command) printFlags(path, lang string, w io.Writer) {
	for _, s := range c.Commands {
		s.printFlags(path+" "+s.Name, lang, w)
	}
	if c.Flags == nil {
		return
	}
	fs, _ := c.flagSet(path, lang)
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s\n", diag.Text(lang, "cli.flagsOf", path))
	printDefaults(w, lang, fs)
}

// help runs "qingdan help [COMMAND [SUBCOMMAND]]".
func help(args []string, lang string, cmds []*Command, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stdout, lang, cmds)
		return 0
	}
	var c *Command
	for i, name := range args {
		if c = lookup(cmds, name); c == nil {
			fmt.Fprintln(stderr, diag.Text(lang, "cli.helpTopic", strings.Join(args[:i+1], " ")))
			return 2
		}
		cmds = c.Commands
	}
	c.help(strings.Join(args, " "), lang, stdout)
	return 0
}

func usage(w io.Writer, lang string, cmds []*Command) {
	fmt.Fprintln(w, diag.Text(lang, "cli.usageMain"))
	fmt.Fprintln(w)
	for _, c := range cmds {
		fmt.Fprintf(w, "  qingdan %s\n      %s\n", c.UsageLine, c.Short.Local(lang))
	}
	fmt.Fprintf(w, "  qingdan %s\n      %s\n", diag.Text(lang, "cli.helpUsage"), diag.Text(lang, "cli.helpShort"))
}

// reorder moves the flags in args before the other arguments, so that
// "qingdan new case 标题 -s site" works as users type it. A flag that takes
// a value (any but a bool flag of fs) takes the next argument with it,
// unless given as -name=value; everything after "--" is an argument. When
// the last flag lacks its value, the arguments are left out, so that Parse
// reports the missing value rather than taking "--" or an argument for it.
func reorder(fs *flag.FlagSet, args []string) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			rest = append(rest, a)
			continue
		}
		flags = append(flags, a)
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !hasValue && takesValue(fs, name) {
			if i+1 == len(args) {
				return flags // the value is missing: let Parse say so
			}
			flags = append(flags, args[i+1])
			i++
		}
	}
	if len(rest) == 0 {
		return flags
	}
	return append(append(flags, "--"), rest...)
}

func takesValue(fs *flag.FlagSet, name string) bool {
	f := fs.Lookup(name)
	if f == nil {
		return false
	}
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return !ok || !b.IsBoolFlag()
}

// noArgs reports whether args is empty, and otherwise prints a usage error in lang.
func noArgs(fs *flag.FlagSet, lang string, args []string) bool {
	if len(args) == 0 {
		return true
	}
	fmt.Fprintln(fs.Output(), diag.Text(lang, "cli.unexpectedArg", fs.Name(), args[0]))
	return false
}
