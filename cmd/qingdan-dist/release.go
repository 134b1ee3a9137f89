package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// release is one make dist.
type release struct {
	out, version string
	ldflags      string
	epoch        int64
	npm          string // node_modules
	log          io.Writer
}

// make writes an archive for each target and SHA256SUMS.
func (r release) make(targets []string) error {
	var ts []target
	for _, s := range targets {
		t, err := parseTarget(s)
		if err != nil {
			return err
		}
		ts = append(ts, t)
	}
	if err := os.RemoveAll(r.out); err != nil {
		return err
	}
	if err := os.MkdirAll(r.out, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "qingdan-dist-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	readme, err := os.ReadFile("README.md")
	if err != nil {
		return err
	}
	js, err := npmNotices(r.npm, "echarts")
	if err != nil {
		return err
	}
	demo, err := demoFiles()
	if err != nil {
		return err
	}
	var names []string
	for _, t := range ts {
		bin := filepath.Join(tmp, t.goos+"-"+t.goarch, t.exe())
		if err := goBuild(t, bin, r.ldflags, true); err != nil {
			return err
		}
		gos, err := goNotices(t)
		if err != nil {
			return err
		}
		program, err := os.ReadFile(bin)
		if err != nil {
			return err
		}
		top := "qingdan-" + r.version + "-" + t.goos + "-" + t.goarch
		files := []entry{
			{name: t.exe(), data: program, exec: true},
			{name: "README.md", data: readme},
		}
		files = append(files, noticeFiles(r.version, t, gos, js)...)
		files = append(files, demo...)
		name := top + ".tar.gz"
		write := writeTarGz
		if t.goos == "windows" {
			name, write = top+".zip", writeZip
		}
		b, err := write(top, files, time.Unix(r.epoch, 0).UTC())
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(r.out, name), b, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(r.log, "%s/%s  %s (%d bytes; qingdan %d bytes)\n", r.out, name, t, len(b), len(program))
		names = append(names, name)
	}
	return writeSums(r.out, names)
}

// goBuild builds qingdan for t into bin; strip drops the symbol table and
// DWARF (not the code: make cross disassembles unstripped builds of the
// same code).
func goBuild(t target, bin, ldflags string, strip bool) error {
	ld := "-buildid= " + ldflags
	if strip {
		ld = "-s -w " + ld
	}
	cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=false", "-ldflags", ld, "-o", bin, "./cmd/qingdan")
	cmd.Env = t.env()
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build for %s: %v", t, err)
	}
	return nil
}

// writeSums writes SHA256SUMS for the named files in dir, as sha256sum
// does, so that sha256sum -c SHA256SUMS checks them.
func writeSums(dir string, names []string) error {
	slices.Sort(names)
	var b strings.Builder
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(sum[:]), n)
	}
	return os.WriteFile(filepath.Join(dir, "SHA256SUMS"), []byte(b.String()), 0o644)
}

// demoFiles is the demo site (this repository's root: qingdan.toml,
// content/, data/, static/) under demo/ in every archive, so that a user
// without Go can build and preview it: cd demo, then ../qingdan.
func demoFiles() ([]entry, error) {
	files := []entry{}
	add := func(p string) error {
		b, err := os.ReadFile(p)
		if err == nil {
			files = append(files, entry{name: "demo/" + filepath.ToSlash(p), data: b})
		}
		return err
	}
	if err := add("qingdan.toml"); err != nil {
		return nil, err
	}
	for _, dir := range []string{"content", "data", "static"} {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return err
			case strings.HasPrefix(d.Name(), ".") && p != dir:
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			case d.Type().IsRegular():
				return add(p)
			}
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return files, nil
}
