package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFloor: the floor converts each article's Markdown, front matter cut
// off, tables too, and copies its pictures as they are.
func TestFloor(t *testing.T) {
	src, out := t.TempDir(), t.TempDir()
	pic := bytes.Repeat([]byte{0xff, 0xd8, 0x00}, 1000)
	for _, name := range []string{"a", "b"} {
		dir := filepath.Join(src, "content", "cases", name)
		os.MkdirAll(dir, 0o755)
		os.WriteFile(filepath.Join(dir, "index.md"), []byte("---\ntitle: 示范点 "+name+"\ntags: [茶产业]\n---\n\n## 做法\n\n| 项目 | 数量 |\n|---|---|\n| 党员 | 23 |\n\n![茶园](photo.jpg)\n"), 0o644)
		os.WriteFile(filepath.Join(dir, "photo.jpg"), pic, 0o644)
	}
	if err := floor(src, out); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a", "b"} {
		page, err := os.ReadFile(filepath.Join(out, "cases", name, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"<h2>做法</h2>", "<td>23</td>", `<img src="photo.jpg" alt="茶园">`} {
			if !strings.Contains(string(page), want) {
				t.Errorf("%s: no %s in\n%s", name, want, page)
			}
		}
		if strings.Contains(string(page), "title:") {
			t.Errorf("%s: the front matter is in the page", name)
		}
		if got, _ := os.ReadFile(filepath.Join(out, "cases", name, "photo.jpg")); !bytes.Equal(got, pic) {
			t.Errorf("%s: the picture is not copied as it is", name)
		}
	}
	os.Remove(filepath.Join(src, "content", "cases", "b", "index.md"))
	if err := floor(src, t.TempDir()); err == nil {
		t.Error("an article folder with no index.md: no error")
	}
}
