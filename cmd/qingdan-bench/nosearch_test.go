package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoSearch: the site without search is the site's files, linked, with
// search = false at the top of its qingdan.toml, and none of the
// resources (the record of the files read, the pictures' copies).
func TestNoSearch(t *testing.T) {
	src := filepath.Join(t.TempDir(), "articles-3")
	writeFiles(t, src, map[string]string{
		"qingdan.toml":                "\ufefftitle = \"x\"\n[status]\nwarn_gap = 0.2\n",
		"content/cases/a/index.md":    "# a\n",
		"resources/_gen/files":        "record\n",
		"data/orgs.csv":               "id,name\n",
		"content/cases/a/photo.jpg":   "jpeg",
		"content/cases/b/nothing.txt": "",
	})
	b := &bench{}
	dst, err := b.noSearch(src)
	if err != nil {
		t.Fatal(err)
	}
	conf, err := os.ReadFile(filepath.Join(dst, "qingdan.toml"))
	if err != nil || string(conf) != "search = false\ntitle = \"x\"\n[status]\nwarn_gap = 0.2\n" {
		t.Errorf("qingdan.toml: %q %v", conf, err)
	}
	for _, name := range []string{"content/cases/a/index.md", "content/cases/a/photo.jpg", "data/orgs.csv", "content/cases/b/nothing.txt"} {
		a, err1 := os.Stat(filepath.Join(src, name))
		c, err2 := os.Stat(filepath.Join(dst, name))
		if err1 != nil || err2 != nil || !os.SameFile(a, c) {
			t.Errorf("%s: not linked (%v, %v)", name, err1, err2)
		}
	}
	if _, err := os.Stat(filepath.Join(dst, "resources")); !os.IsNotExist(err) {
		t.Errorf("resources: %v, want none", err)
	}
	// Made once: a second call keeps what is there.
	os.WriteFile(filepath.Join(dst, "qingdan.toml"), []byte("search = false\n# kept\n"), 0o644)
	if again, err := b.noSearch(src); err != nil || again != dst {
		t.Fatal(again, err)
	}
	if conf, _ := os.ReadFile(filepath.Join(dst, "qingdan.toml")); !strings.Contains(string(conf), "# kept") {
		t.Errorf("made again: %q", conf)
	}
}
