package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// cross is one make cross: the same site from every Linux architecture.
type cross struct {
	ldflags, site string
	log           io.Writer
	ci            bool // CI: a missing qemu is a failure, not a skip
}

// An arch is a Linux architecture the release covers, and the qemu-user
// program (Debian's qemu-user package) that runs its binaries here.
type arch struct {
	goarch, qemu string
	fused        bool // its compiler fuses x*y + z
}

var crossArches = []arch{{"amd64", "", false}, {"arm64", "qemu-aarch64", true}, {"loong64", "qemu-loongarch64", true}}

// figurePackages compute the figures the site shows (percentages,
// roll-ups, their formatting) and its pictures' smaller copies (scaled in
// float code the demo, all SVG, does not exercise); their tests pin them,
// and run under qemu.
var figurePackages = []string{"./internal/value", "./internal/model", "./internal/format", "./internal/chart", "./internal/output/picture"}

func (c cross) run() error {
	var missing []string
	for _, a := range crossArches {
		if a.qemu != "" {
			if _, err := exec.LookPath(a.qemu); err != nil {
				missing = append(missing, a.qemu)
			}
		}
	}
	if len(missing) > 0 {
		msg := fmt.Sprintf("%s not found: install Debian's qemu-user (apt-get install qemu-user; .ci/run does)", strings.Join(missing, ", "))
		if c.ci {
			return fmt.Errorf("%s", msg)
		}
		fmt.Fprintf(c.log, "cross: SKIPPED: %s\n", msg)
		return nil
	}
	tmp, err := os.MkdirTemp("", "qingdan-cross-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	site, err := filepath.Abs(c.site)
	if err != nil {
		return err
	}
	var failures []string
	var want map[string][]byte
	for _, a := range crossArches {
		t := target{"linux", a.goarch}
		bin := filepath.Join(tmp, "qingdan-"+a.goarch)
		if err := goBuild(t, bin, c.ldflags, false); err != nil {
			return err
		}
		out := filepath.Join(tmp, "public-"+a.goarch)
		args := []string{bin, "build", "-s", site, "-o", out}
		if a.qemu != "" {
			args = append([]string{a.qemu}, args...)
		}
		cmd := exec.Command(args[0], args[1:]...)
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = io.Discard, &stderr
		cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=") // the same "now" for every build
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("%s: %v\n%s", strings.Join(args, " "), err, &stderr)
		}
		got, err := readTree(out)
		if err != nil {
			return err
		}
		if want == nil {
			want = got
			fmt.Fprintf(c.log, "cross: linux/amd64 built %s: %d files\n", c.site, len(got))
		} else if diff := compareTrees(want, got); diff != "" {
			failures = append(failures, fmt.Sprintf("linux/%s (under %s) builds %s differently from linux/amd64:\n%s", a.goarch, a.qemu, c.site, diff))
		} else {
			fmt.Fprintf(c.log, "cross: linux/%s under %s: %d files, byte-identical to linux/amd64 (manifest.sha256 included)\n", a.goarch, a.qemu, len(got))
		}
		if a.fused {
			fused, err := fusedOps(bin)
			if err != nil {
				return err
			}
			if len(fused) > 0 {
				failures = append(failures, fmt.Sprintf("linux/%s: fused multiply-add in qingdan's code, which rounds differently from amd64; round the product first, float64(x*y) + z:\n  %s", a.goarch, strings.Join(fused, "\n  ")))
			} else {
				fmt.Fprintf(c.log, "cross: linux/%s: no fused multiply-add in qingdan's code\n", a.goarch)
			}
			test := exec.Command("go", append([]string{"test", "-count=1", "-exec", a.qemu}, figurePackages...)...)
			test.Env = t.env()
			var out bytes.Buffer
			test.Stdout, test.Stderr = &out, &out
			if err := test.Run(); err != nil {
				failures = append(failures, fmt.Sprintf("linux/%s: go test -exec %s: %v\n%s", a.goarch, a.qemu, err, &out))
			} else {
				fmt.Fprintf(c.log, "cross: linux/%s: go test -exec %s %s: ok\n", a.goarch, a.qemu, strings.Join(figurePackages, " "))
			}
		}
	}
	if len(failures) > 0 {
		return fmt.Errorf("%s", strings.Join(failures, "\n"))
	}
	return nil
}

// readTree reads every file below dir, by slash path.
func readTree(dir string) (map[string][]byte, error) {
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	return out, err
}

// compareTrees says how got differs from want: the files only in one, and
// where each differing file first differs; "" when they are the same.
func compareTrees(want, got map[string][]byte) string {
	var lines []string
	names := map[string]bool{}
	for n := range want {
		names[n] = true
	}
	for n := range got {
		names[n] = true
	}
	for _, n := range slices.Sorted(func(yield func(string) bool) {
		for n := range names {
			if !yield(n) {
				return
			}
		}
	}) {
		w, inWant := want[n]
		g, inGot := got[n]
		switch {
		case !inGot:
			lines = append(lines, "  missing: "+n)
		case !inWant:
			lines = append(lines, "  extra: "+n)
		case !bytes.Equal(w, g):
			i := 0
			for i < len(w) && i < len(g) && w[i] == g[i] {
				i++
			}
			lo := max(0, i-40)
			lines = append(lines, fmt.Sprintf("  %s differs at byte %d: %q vs %q", n, i, w[lo:min(len(w), i+40)], g[lo:min(len(g), i+40)]))
		}
		if len(lines) == 20 {
			lines = append(lines, "  ...")
			break
		}
	}
	return strings.Join(lines, "\n")
}

// fusedRE matches the fused multiply-add instructions of arm64 and loong64
// as go tool objdump writes them.
var fusedRE = regexp.MustCompile(`\s(F|VF)N?M(ADD|SUB|LA|LS)[DS]?\s`)

// fusedOps disassembles bin and lists the fused multiply-adds in functions
// of qingdan's own packages, with their lines.
func fusedOps(bin string) ([]string, error) {
	cmd := exec.Command("go", "tool", "objdump", bin)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	found := scanFused(stdout, "github.com/qingdan/qingdan/")
	if err := cmd.Wait(); err != nil {
		return nil, fmt.Errorf("go tool objdump %s: %v\n%s", bin, err, &stderr)
	}
	return found, nil
}

// scanFused reads go tool objdump's output and lists each fused
// multiply-add in a function whose file is under prefix, as
// "FILE (FUNC) LINE: INSTRUCTION".
func scanFused(r io.Reader, prefix string) []string {
	var found []string
	sym, file := "", ""
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, "TEXT "); ok {
			f := strings.Fields(rest)
			sym, file = "", ""
			if len(f) >= 2 {
				sym, file = strings.TrimSuffix(f[0], "(SB)"), f[1]
			}
			continue
		}
		if !strings.HasPrefix(file, prefix) || !fusedRE.MatchString(line) {
			continue
		}
		f := strings.Fields(line)
		if len(f) >= 4 {
			found = append(found, fmt.Sprintf("%s (%s) %s: %s", strings.TrimPrefix(file, prefix), sym, f[0], strings.Join(f[3:], " ")))
		}
	}
	return found
}
