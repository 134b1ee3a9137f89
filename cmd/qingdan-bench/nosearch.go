package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// noSearch is the site at src without its search (search = false), for
// the row that shows what the search index costs (Hugo makes none): a
// folder beside it whose files are src's, linked, but for qingdan.toml,
// which says search = false first. Made once, as the sites are; the
// record of the files read and the output are its own.
func (b *bench) noSearch(src string) (string, error) {
	dst := src + "-nosearch"
	conf := filepath.Join(dst, "qingdan.toml")
	if _, err := os.Stat(conf); err == nil {
		return dst, nil
	}
	os.RemoveAll(dst)
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		switch {
		case rel == "resources" && d.IsDir():
			return filepath.SkipDir // the record and the pictures' copies: its own
		case d.IsDir():
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		case rel == "qingdan.toml":
			return nil
		}
		return os.Link(p, filepath.Join(dst, rel))
	})
	if err != nil {
		return "", err
	}
	c, err := os.ReadFile(filepath.Join(src, "qingdan.toml"))
	if err != nil {
		return "", err
	}
	// First, before any table: a key after [status] would be status.search.
	return dst, os.WriteFile(conf, []byte("search = false\n"+strings.TrimPrefix(string(c), "\ufeff")), 0o644)
}
