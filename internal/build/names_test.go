package build

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestTagSlugsAsPublished: the slugs check computes for tags are the
// folders the build writes them to, clashes and all.
func TestTagSlugsAsPublished(t *testing.T) {
	s := site{}
	maps.Copy(s, plain)
	tags := []string{"红色", "红 色", "Hong-Se", "hong se 2", "！！", "？？", "党建", "a"}
	s["content/cases/a.md"] = "---\ntitle: 甲\ndate: 2022-06-01\ntags: [" + strings.Join(tags[:4], ", ") + "]\n---\n正文。\n"
	s["content/cases/b.md"] = "---\ntitle: 乙\ndate: 2022-06-02\ntags: [" + strings.Join(tags[4:], ", ") + "]\n---\n正文。\n"
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Run(Options{Src: s.write(t), Out: out}); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(filepath.Join(out, "tags"))
	if err != nil {
		t.Fatal(err)
	}
	var written []string
	for _, e := range entries {
		if e.IsDir() {
			written = append(written, e.Name())
		}
	}
	got := slices.Sorted(maps.Values(slugs(tags)))
	if !slices.Equal(got, written) {
		t.Errorf("check's slugs %v, the build's folders %v", got, written)
	}
}

// TestLongNames: a tag or a column whose slug is over 255 bytes is an
// error at each document that names it, at its line.
func TestLongNames(t *testing.T) {
	s := site{}
	maps.Copy(s, plain)
	long := strings.Repeat("党建引领", 25) // 100 characters, 474 bytes of pinyin
	s["qingdan.toml"] = "title = \"测试\"\nlanguage = \"en\"\ncolumns = [\"" + long + "\"]\n"
	s["content/cases/a.md"] = "---\ntitle: 甲\ndate: 2022-06-01\ntags: [短, " + long + "]\ncolumn: " + long + "\n---\n正文。\n"
	s["content/cases/b.md"] = "---\ntitle: 乙\ndate: 2022-06-02\n\ntags: [" + long + "]\n---\n正文。\n"
	short := long[:60*3] + "…"
	want := `content/cases/a.md:4: tag "` + short + `" would name its page's folder with 474 bytes (its pinyin), more than 255, so its page cannot be written: use a shorter tag
content/cases/a.md:5: column "` + short + `" would name its page's folder with 474 bytes (its pinyin), more than 255, so its page cannot be written: choose a shorter column name in qingdan.toml
content/cases/b.md:5: tag "` + short + `" would name its page's folder with 474 bytes (its pinyin), more than 255, so its page cannot be written: use a shorter tag
3 error(s), 0 warning(s)
`
	if got := checkLines(t, s); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
