// Command qingdan-dist makes qingdan's releases and checks that every
// platform gives the same site (make dist, make cross).
//
//	go run ./cmd/qingdan-dist dist [-out dist] [-version V] [-ldflags FLAGS] [-epoch SECONDS] OS/ARCH ...
//
// builds qingdan for each OS/ARCH reproducibly (-trimpath, no build id, no
// VCS stamp, CGO off, the default GOAMD64 and GOARM64 levels, symbol tables
// stripped) and packs it with README.md and the licence notices of what the
// binary embeds, collected at build time (the Go toolchain's, every Go
// module's linked in, ECharts's and the npm packages bundled into it), into
// dist/qingdan-V-OS-ARCH.zip (Windows) or .tar.gz, whose entries all carry
// the time -epoch (the commit's); then dist/SHA256SUMS.
//
//	go run ./cmd/qingdan-dist cross [-ldflags FLAGS] [-site .]
//
// builds qingdan for linux/amd64, linux/arm64 and linux/loong64, builds the
// site with each (arm64 and loong64 under qemu-user) and fails unless every
// output file, manifest.sha256 included, is byte-identical to amd64's; fails
// on any fused multiply-add instruction in qingdan's own code for arm64 or
// loong64 (a CPU-dependent rounding: write float64(x*y) + z); and runs the
// tests of the packages that compute figures under qemu. Without qemu it
// says what to install and skips, unless CI is set.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: qingdan-dist dist|cross [flags] ...")
		return 2
	}
	fs := flag.NewFlagSet("qingdan-dist "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	ldflags := fs.String("ldflags", "", "linker flags for the version stamps (-X ...)")
	switch args[0] {
	case "dist":
		out := fs.String("out", "dist", "the `folder` the archives are written to (replaced)")
		version := fs.String("version", "devel", "the release `version`, part of the archive names")
		epoch := fs.Int64("epoch", 315532800, "the time of every archive entry, in `seconds` since 1970 (default 1980-01-01)")
		npm := fs.String("node-modules", "node_modules", "the npm `folder` ECharts comes from")
		if err := fs.Parse(args[1:]); err != nil {
			return 2
		}
		if fs.NArg() == 0 {
			fmt.Fprintln(stderr, "qingdan-dist dist: name at least one OS/ARCH")
			return 2
		}
		r := release{out: *out, version: *version, ldflags: *ldflags, epoch: *epoch, npm: *npm, log: stdout}
		if err := r.make(fs.Args()); err != nil {
			fmt.Fprintf(stderr, "qingdan-dist dist: %v\n", err)
			return 1
		}
		return 0
	case "cross":
		site := fs.String("site", ".", "the site `folder` every platform builds")
		if err := fs.Parse(args[1:]); err != nil {
			return 2
		}
		c := cross{ldflags: *ldflags, site: *site, log: stdout, ci: os.Getenv("CI") != ""}
		if err := c.run(); err != nil {
			fmt.Fprintf(stderr, "qingdan-dist cross: %v\n", err)
			return 1
		}
		return 0
	}
	fmt.Fprintf(stderr, "qingdan-dist: unknown command %q (dist or cross)\n", args[0])
	return 2
}

// A target is a platform qingdan is built for.
type target struct{ goos, goarch string }

func parseTarget(s string) (target, error) {
	goos, goarch, ok := strings.Cut(s, "/")
	if !ok || goos == "" || goarch == "" || strings.Contains(goarch, "/") {
		return target{}, fmt.Errorf("%q is not OS/ARCH", s)
	}
	return target{goos, goarch}, nil
}

func (t target) String() string { return t.goos + "/" + t.goarch }

// exe is the program's file name on t.
func (t target) exe() string {
	if t.goos == "windows" {
		return "qingdan.exe"
	}
	return "qingdan"
}

// env is the environment that builds for t, reproducibly: the same
// compiler settings whatever the builder's own.
func (t target) env() []string {
	return append(os.Environ(), "CGO_ENABLED=0", "GOOS="+t.goos, "GOARCH="+t.goarch,
		"GOAMD64=v1", "GOARM64=v8.0", "GOEXPERIMENT=", "GOFLAGS=-mod=readonly")
}
