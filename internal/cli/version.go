package cli

import (
	"flag"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/themes"
)

// Set at link time by the Makefile (make build, make dist), each with
// -X github.com/qingdan/qingdan/internal/cli.NAME=VALUE; a plain go build
// leaves them empty and version finds what it can without them.
var (
	// Version is the release, from git describe.
	Version = ""
	// Commit is the git commit the binary was built from.
	Commit = ""
	// ECharts is the version of the embedded ECharts, from package-lock.json.
	ECharts = ""
)

func cmdVersion() *Command {
	return &Command{
		Name:      "version",
		UsageLine: "version",
		Short:     diag.Name{Zh: "打印版本号", En: "print the version"},
		Long: diag.Name{
			Zh: `打印 qingdan 的版本号（构建时标记的版本或模块版本，都没有时为 devel），以及构建它的 git 提交、
Go 版本、操作系统和处理器架构，和内嵌的 ECharts 版本。报告问题时请附上这几行。`,
			En: `Print the version of this qingdan (the one marked when it was built, or its
module version, or devel when it has neither), then the git commit it was
built from, the Go version, the operating system and processor, and the
version of the embedded ECharts. Quote these lines when reporting a problem.`,
		},
		Flags: func(lang string) (*flag.FlagSet, RunFunc) {
			fs := new(flag.FlagSet)
			return fs, func(args []string, stdout, stderr io.Writer) int {
				if !noArgs(fs, lang, args) {
					return 2
				}
				printVersion(stdout)
				return 0
			}
		},
	}
}

// printVersion writes what qingdan version prints: "qingdan VERSION" on the
// first line (scripts read it), then one "key: value" line each.
func printVersion(w io.Writer) {
	fmt.Fprintf(w, "qingdan %s\n", version())
	fmt.Fprintf(w, "commit: %s\n", commit())
	fmt.Fprintf(w, "go: %s\n", runtime.Version())
	fmt.Fprintf(w, "os/arch: %s/%s\n", runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(w, "echarts: %s\n", echartsVersion())
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

// commit is the stamped commit, else the one go build recorded from git
// (with -buildvcs), else "unknown".
func commit() string {
	if Commit != "" {
		return Commit
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		rev, dirty := "", false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
		if rev != "" {
			if dirty {
				rev += "-dirty"
			}
			return rev
		}
	}
	return "unknown"
}

// echartsRelease finds the release of an ECharts bundle: in the banner of
// the one make build bundles (`/*! ECharts 5.6.0: …`), or, in one of
// ECharts's own builds (a theme may bring one), where it assigns the
// release to its exports (`t.version="5.6.0"`; the object literal of the
// bundled zrender, `version:"5.6.1"`, is not an assignment and is not
// matched).
var echartsRelease = regexp.MustCompile(`^/\*! ECharts (\d+\.\d+\.\d+[\w.-]*)\b|[\w$]\.version="(\d+\.\d+\.\d+[\w.-]*)"`)

// release is the release echartsRelease found in b, or "".
func release(b []byte) string {
	m := echartsRelease.FindSubmatch(b)
	if m == nil {
		return ""
	}
	if len(m[1]) > 0 {
		return string(m[1])
	}
	return string(m[2])
}

// echartsVersion is the stamped ECharts version, else the one read from the
// embedded file, else "none" when this binary has no ECharts.
func echartsVersion() string {
	if ECharts != "" {
		return ECharts
	}
	b, err := fs.ReadFile(themes.Default, "default/static/vendor/echarts.min.js")
	if err != nil {
		return "none"
	}
	if r := release(b); r != "" {
		return r
	}
	return "unknown"
}
