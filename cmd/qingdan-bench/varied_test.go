package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestVaried: the varied scale is generated once with its Hugo site, and
// each round times Hugo, a first build of qingdan and one of the site with
// search = false, each into its own output; the section names the ratios.
// The generator and both generators are scripts here that log their
// arguments.
func TestVaried(t *testing.T) {
	dir, bin := t.TempDir(), t.TempDir()
	log := filepath.Join(bin, "log")
	script := func(name, body string) string {
		p := filepath.Join(bin, name)
		if err := os.WriteFile(p, []byte("#!/bin/sh\necho "+name+" \"$@\" >> "+log+"\n"+body), 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// The value of the flag given as $1 (-o, -d): the output folder.
	out := `while [ $# -gt 0 ]; do if [ "$1" = "$FLAG" ]; then o="$2"; fi; shift; done; mkdir -p "$o"; echo page > "$o/index.html"` + "\n"
	gen := script("gen", `while [ $# -gt 0 ]; do case "$1" in -o) s="$2";; -hugo) h="$2";; esac; shift; done
mkdir -p "$s/content/cases/a" "$h"; echo 'title = "t"' > "$s/qingdan.toml"; echo x > "$s/content/cases/a/index.md"
`)
	var stdout bytes.Buffer
	b := &bench{bin: script("qingdan", "FLAG=-o\n"+out), gen: gen, hugo: script("hugo", "FLAG=-d\n"+out), dir: dir, runs: 2, out: &stdout, log: &bytes.Buffer{}}
	if err := b.varied("3"); err != nil {
		t.Fatal(err)
	}
	calls, _ := os.ReadFile(log)
	var gens, hugos, builds, plain int
	for _, line := range strings.Split(strings.TrimSpace(string(calls)), "\n") {
		switch f := strings.Fields(line); f[0] {
		case "gen":
			gens++
			if !strings.Contains(line, "-hugo "+filepath.Join(dir, "varied-3-hugo")) || !strings.HasSuffix(line, " varied 3") {
				t.Errorf("generated with %q", line)
			}
		case "hugo":
			if f[1] != "version" { // hugoVersion asks it
				hugos++
			}
		case "qingdan":
			builds++
			if strings.Contains(line, "-s "+filepath.Join(dir, "varied-3")+" ") {
				plain++
			} else if !strings.Contains(line, "-s "+filepath.Join(dir, "varied-3-nosearch")+" ") {
				t.Errorf("built %q", line)
			}
		}
	}
	if gens != 1 || hugos != 2 || builds != 4 || plain != 2 {
		t.Errorf("gen %d, hugo %d, qingdan %d (%d of the site itself) times; want 1, 2, 4 (2):\n%s", gens, hugos, builds, plain, calls)
	}
	for _, want := range []string{"varied 3 (", "qingdan build", "qingdan, search = false", "wall, qingdan ÷ hugo", "peak RSS, qingdan ÷ hugo", "wall, qingdan, search = false ÷ hugo"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("no %q in:\n%s", want, stdout.String())
		}
	}
}
