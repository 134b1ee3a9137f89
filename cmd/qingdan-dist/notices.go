package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// The licence notices of what a qingdan binary embeds are copied from where
// the build takes that code, when the archive is made: nothing third-party
// is kept in the repository.

// A component is a piece of someone else's code in the binary.
type component struct {
	name, version string
	licence       string  // the licence's SPDX id when its package says, else ""
	why           string  // how it is in the binary
	files         []entry // its notices, named relative to licenses/NAME/
}

// noticeRE matches the names of notice files at the root of a module or
// package: LICENSE, LICENCE.md, LICENSE-APACHE, COPYING, NOTICE, PATENTS,
// CopyrightNotice.txt; codeRE the source files among them (license.go).
var (
	noticeRE = regexp.MustCompile(`(?i)^(licen[cs]e|copying|notice|patents|copyright)`)
	codeRE   = regexp.MustCompile(`(?i)\.(go|js|mjs|ts|json|html|css|py|sh|c|h|s)$`)
)

// notices reads the notice files in dir (and, as ECharts keeps the
// licences of code it embeds, in its licenses/ folder).
func notices(dir string) ([]entry, error) {
	var out []entry
	for _, sub := range []string{"", "licenses"} {
		entries, err := os.ReadDir(filepath.Join(dir, sub))
		if err != nil {
			if sub != "" {
				continue
			}
			return nil, err
		}
		for _, e := range entries {
			if !e.Type().IsRegular() || sub == "" && (!noticeRE.MatchString(e.Name()) || codeRE.MatchString(e.Name())) {
				continue
			}
			b, err := os.ReadFile(filepath.Join(dir, sub, e.Name()))
			if err != nil {
				return nil, err
			}
			out = append(out, entry{name: path.Join(sub, e.Name()), data: b})
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no licence file in %s", dir)
	}
	return out, nil
}

// goNotices lists the Go code linked into qingdan for t: the toolchain's
// runtime and standard library, and every module a package of it comes
// from, as go list -deps sees them for t.
func goNotices(t target) ([]component, error) {
	root, err := goOutput(t, "env", "GOROOT")
	if err != nil {
		return nil, err
	}
	gover, err := goOutput(t, "env", "GOVERSION")
	if err != nil {
		return nil, err
	}
	std, err := notices(strings.TrimSpace(root))
	if err != nil {
		return nil, err
	}
	out := []component{{name: "go", version: strings.TrimSpace(gover), licence: "BSD-3-Clause", why: "the Go runtime and standard library", files: std}}
	list, err := goOutput(t, "list", "-deps", "-json=Module", "./cmd/qingdan")
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	dec := json.NewDecoder(strings.NewReader(list))
	for {
		var p struct {
			Module *struct {
				Path, Version, Dir string
				Main               bool
				Replace            *struct{ Path, Version, Dir string }
			}
		}
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return nil, err
		}
		m := p.Module
		if m == nil || m.Main || seen[m.Path] {
			continue // the standard library, or qingdan itself
		}
		seen[m.Path] = true
		dir, version := m.Dir, m.Version
		if m.Replace != nil {
			dir, version = m.Replace.Dir, m.Replace.Version
		}
		files, err := notices(dir)
		if err != nil {
			return nil, fmt.Errorf("module %s: %v", m.Path, err)
		}
		out = append(out, component{name: m.Path, version: version, why: "a Go module linked in", files: files})
	}
	slices.SortFunc(out[1:], func(a, b component) int { return strings.Compare(a.name, b.name) })
	return out, nil
}

// goOutput runs the go command for t and returns what it prints.
func goOutput(t target, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Env = t.env()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	b, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, &stderr)
	}
	return string(b), nil
}

// npmNotices lists the npm package name in root (node_modules) and the
// packages it depends on, which its bundle (echarts.min.js) includes.
func npmNotices(root, name string) ([]component, error) {
	var out []component
	seen := map[string]bool{}
	var visit func(name, why string) error
	visit = func(name, why string) error {
		if seen[name] {
			return nil
		}
		seen[name] = true
		dir := filepath.Join(root, filepath.FromSlash(name))
		b, err := os.ReadFile(filepath.Join(dir, "package.json"))
		if err != nil {
			return fmt.Errorf("%v (make build runs npm ci)", err)
		}
		var pkg struct {
			Version      string
			License      string
			Dependencies map[string]string
		}
		if err := json.Unmarshal(b, &pkg); err != nil {
			return fmt.Errorf("%s: %v", name, err)
		}
		files, err := notices(dir)
		if err != nil {
			return err
		}
		out = append(out, component{name: name, version: pkg.Version, licence: pkg.License, why: why, files: files})
		deps := slices.Sorted(func(yield func(string) bool) {
			for d := range pkg.Dependencies {
				if !yield(d) {
					return
				}
			}
		})
		for _, d := range deps {
			if err := visit(d, "bundled into echarts.min.js (by "+name+")"); err != nil {
				return err
			}
		}
		return nil
	}
	if err := visit(name, "embedded as echarts.min.js, served by every built site"); err != nil {
		return nil, err
	}
	return out, nil
}

// noticeFiles lays the components out under licenses/: Go's under
// licenses/go/, each module's under its path, the npm packages' under
// licenses/npm/NAME/, and an index, licenses/README.txt.
func noticeFiles(version string, t target, gos, js []component) []entry {
	var idx strings.Builder
	fmt.Fprintf(&idx, "qingdan %s for %s embeds the code listed below; each one's licence\n", version, t)
	fmt.Fprintf(&idx, "notices are in the folder named after it. (Built with %s.)\n", gos[0].version)
	var files []entry
	add := func(title, dir string, cs []component) {
		fmt.Fprintf(&idx, "\n%s\n", title)
		for _, c := range cs {
			folder := dir + c.name
			lic := ""
			if c.licence != "" {
				lic = ", " + c.licence
			}
			fmt.Fprintf(&idx, "  %s %s%s: %s\n      licenses/%s/\n", c.name, c.version, lic, c.why, folder)
			for _, f := range c.files {
				files = append(files, entry{name: "licenses/" + folder + "/" + f.name, data: f.data})
			}
		}
	}
	add("Go", "", gos[:1])
	add("Go modules", "", gos[1:])
	add("JavaScript (npm)", "npm/", js)
	return append([]entry{{name: "licenses/README.txt", data: []byte(idx.String())}}, files...)
}
