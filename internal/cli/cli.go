// Package cli is qingdan's command line: a small table of commands on the
// standard flag package, in the manner of cmd/go's base.Command. Exit codes:
// 0 success, 1 errors in the site's data or content, 2 a usage error.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
)

// Version is set at link time by the Makefile; otherwise the module version is used.
var Version = ""

// A Command is one qingdan command: what help says about it, its flags and
// the code that runs it.
type Command struct {
	Name      string // the word that selects it: "build"
	UsageLine string // how it is called, after "qingdan ": "build [-s SRC] ..."
	Short     string // one line for the list of commands
	Long      string // what help CMD prints: Chinese, then English

	// Flags declares the command's flags on a new flag set and returns the
	// set and the command's run function, which reads the values the set
	// parses into. The caller names the set and makes it ContinueOnError;
	// help CMD prints the set's defaults and never calls run. Nil when the
	// command has sub-commands instead.
	Flags func() (*flag.FlagSet, RunFunc)

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
func Main(args []string, stdout, stderr io.Writer) int {
	cmds := Commands()
	if len(args) == 0 {
		usage(stderr, cmds)
		return 2
	}
	switch args[0] {
	case "-h", "-help", "--help":
		usage(stdout, cmds)
		return 0
	case "help":
		return help(args[1:], cmds, stdout, stderr)
	}
	if c := lookup(cmds, args[0]); c != nil {
		return c.run(c.Name, args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "qingdan: unknown command %q\n", args[0])
	usage(stderr, cmds)
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
func (c *Command) run(path string, args []string, stdout, stderr io.Writer) int {
	if len(c.Commands) > 0 {
		if len(args) == 0 {
			fmt.Fprintf(stderr, "usage: %s\n", c.usage())
			return 2
		}
		if isHelpFlag(args[0]) {
			c.help(path, stdout)
			return 0
		}
		sub := lookup(c.Commands, args[0])
		if sub == nil {
			var names []string
			for _, s := range c.Commands {
				names = append(names, s.Name)
			}
			fmt.Fprintf(stderr, "qingdan %s: unknown kind %q (%s)\n", path, args[0], strings.Join(names, " or "))
			return 2
		}
		return sub.run(path+" "+sub.Name, args[1:], stdout, stderr)
	}
	fs, run := c.flagSet(path)
	fs.SetOutput(stderr)
	if err := fs.Parse(reorder(fs, args)); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			c.help(path, stdout)
			return 0
		}
		// The flag package has printed what was wrong.
		fmt.Fprintf(stderr, "usage: %s\nrun 'qingdan help %s' for details\n", c.usage(), path)
		return 2
	}
	return run(fs.Args(), stdout, stderr)
}

// flagSet makes c's flag set, named "qingdan path".
func (c *Command) flagSet(path string) (*flag.FlagSet, RunFunc) {
	fs, run := c.Flags()
	fs.Init("qingdan "+path, flag.ContinueOnError)
	fs.Usage = func() {} // Command.run and help print the usage
	return fs, run
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
// flags, and those of each sub-command.
func (c *Command) help(path string, w io.Writer) {
	fmt.Fprintf(w, "usage: %s\n", c.usage())
	c.printLong(w)
	c.printFlags(path, w)
}

func (c *Command) printLong(w io.Writer) {
	if long := strings.TrimSpace(c.Long); long != "" {
		fmt.Fprintf(w, "\n%s\n", long)
	}
	for _, s := range c.Commands {
		s.printLong(w)
	}
}

func (c *Command) printFlags(path string, w io.Writer) {
	for _, s := range c.Commands {
		s.printFlags(path+" "+s.Name, w)
	}
	if c.Flags == nil {
		return
	}
	fs, _ := c.flagSet(path)
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n == 0 {
		return
	}
	fmt.Fprintf(w, "\nflags of qingdan %s:\n", path)
	fs.SetOutput(w)
	fs.PrintDefaults()
}

// help runs "qingdan help [COMMAND [SUBCOMMAND]]".
func help(args []string, cmds []*Command, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stdout, cmds)
		return 0
	}
	var c *Command
	for i, name := range args {
		if c = lookup(cmds, name); c == nil {
			fmt.Fprintf(stderr, "qingdan help %s: unknown help topic; run 'qingdan help' for the list\n", strings.Join(args[:i+1], " "))
			return 2
		}
		cmds = c.Commands
	}
	c.help(strings.Join(args, " "), stdout)
	return 0
}

func usage(w io.Writer, cmds []*Command) {
	fmt.Fprintln(w, "usage: qingdan <command> [flags]")
	fmt.Fprintln(w)
	for _, c := range cmds {
		fmt.Fprintf(w, "  qingdan %s\n      %s\n", c.UsageLine, c.Short)
	}
	fmt.Fprintf(w, "  qingdan help [COMMAND]\n      what a command does, with its flags\n")
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

// noArgs reports whether args is empty, and otherwise prints a usage error.
func noArgs(fs *flag.FlagSet, args []string) bool {
	if len(args) == 0 {
		return true
	}
	fmt.Fprintf(fs.Output(), "%s: unexpected argument %q\n", fs.Name(), args[0])
	return false
}

func cmdVersion() *Command {
	return &Command{
		Name:      "version",
		UsageLine: "version",
		Short:     "print the version",
		Long: `
打印 qingdan 的版本号：构建时标记的版本或模块版本，都没有时为 devel。

Print the version of this qingdan: the one marked when it was built, or its
module version, or devel when it has neither.
`,
		Flags: func() (*flag.FlagSet, RunFunc) {
			fs := new(flag.FlagSet)
			return fs, func(args []string, stdout, stderr io.Writer) int {
				if !noArgs(fs, args) {
					return 2
				}
				fmt.Fprintf(stdout, "qingdan %s\n", version())
				return 0
			}
		},
	}
}

func version() string {
	v := Version
	if v == "" {
		v = "devel"
		if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
	}
	return strings.TrimPrefix(v, "v")
}
