package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/diag"
)

// TestLimits: a document over its size is not read, whether loaded with a
// cache or without, or handed to Parse; a front matter value over its size
// is reported at its line and left out, the rest of the document kept. Big
// inputs are made here, and kept small by small limits.
func TestLimits(t *testing.T) {
	x := strings.Repeat("文", 400) // 1,200 bytes
	tests := []struct {
		name, doc string
		o         Options
		want      string // the problems, in English
		title     string // of the document read, if any
	}{
		{"a document over its size", "---\ntitle: t\ndate: 2022-01-01\n---\n" + x + "\n", Options{MaxDocument: 1 << 10},
			"content/cases/a.md:1: the document is 1.3 KB, over the limit of 1 KB, and is not read: split or trim it, or raise document_size under [limits] in qingdan.toml\n1 error(s), 0 warning(s)\n", ""},
		{"a document at its size", "---\ntitle: t\ndate: 2022-01-01\n---\n" + x + "\n", Options{MaxDocument: 1300},
			"", "t"},
		{"a value over its size", "---\ntitle: t\ndate: 2022-01-01\nsummary: " + x + "\n---\n正文。\n", Options{MaxValue: 1 << 10},
			"content/cases/a.md:4: front matter \"summary\" holds 1.2 KB, over the limit of 1 KB, and is ignored: shorten it, or raise front_value_size under [limits] in qingdan.toml\n1 error(s), 0 warning(s)\n", "t"},
		{"a list over its size, in TOML", "+++\ntitle = \"t\"\ndate = 2022-01-01\ntags = [" + strings.Repeat("\"标签一二三\",", 80) + "]\n+++\n正文。\n", Options{MaxValue: 1 << 10},
			"content/cases/a.md:4: front matter \"tags\" holds 1.2 KB, over the limit of 1 KB, and is ignored: shorten it, or raise front_value_size under [limits] in qingdan.toml\n1 error(s), 0 warning(s)\n", "t"},
	}
	for _, tt := range tests {
		for _, cached := range []bool{false, true} {
			name := tt.name
			if cached {
				name += ", cached"
			}
			t.Run(name, func(t *testing.T) {
				src := t.TempDir()
				p := filepath.Join(src, "content", "cases", "a.md")
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, []byte(tt.doc), 0o644); err != nil {
					t.Fatal(err)
				}
				var c *Cache
				if cached {
					c = NewCache()
				}
				var l diag.List
				s := LoadCached(src, tt.o, &l, c, nil)
				var b strings.Builder
				l.Print(&b, "en")
				if b.String() != tt.want {
					t.Errorf("got\n%s\nwant\n%s", b.String(), tt.want)
				}
				if tt.title == "" && len(s.Cases) > 0 || tt.title != "" && (len(s.Cases) != 1 || s.Cases[0].Title != tt.title) {
					t.Errorf("cases %v", s.Cases)
				}
			})
		}
		t.Run(tt.name+", parsed", func(t *testing.T) {
			var l diag.List
			NewParser(t.TempDir(), tt.o).Parse(Case, "content/cases/a.md", []byte(tt.doc), &l)
			var b strings.Builder
			l.Print(&b, "en")
			if b.String() != tt.want {
				t.Errorf("got\n%s\nwant\n%s", b.String(), tt.want)
			}
		})
	}
}

// TestLimitsChinese: the messages in Chinese.
func TestLimitsChinese(t *testing.T) {
	var l diag.List
	ps := NewParser(t.TempDir(), Options{MaxDocument: 1 << 10, MaxValue: 10})
	ps.Parse(Case, "content/cases/a.md", []byte(strings.Repeat("x", 2000)), &l)
	ps.Parse(Case, "content/cases/b.md", []byte("---\ntitle: 一个很长的标题\ndate: 2022-01-01\n---\n"), &l)
	var b strings.Builder
	l.Print(&b, "zh-CN")
	for _, want := range []string{
		"content/cases/a.md:1: 文件有 2 KB，超过上限 1 KB，没有读取：请拆分或精简；确实需要时，可在 qingdan.toml 的 [limits] 中调大 document_size\n",
		"content/cases/b.md:2: 前言区 “title” 的值有 26 B，超过上限 10 B，已忽略：请缩短；确实需要时，可在 qingdan.toml 的 [limits] 中调大 front_value_size\n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("no\n%sin\n%s", want, b.String())
		}
	}
}
