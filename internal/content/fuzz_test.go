package content

import (
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/diag"
)

// FuzzParse: any bytes as a case article never panic, and every problem
// reported points inside the file.
func FuzzParse(f *testing.F) {
	f.Add([]byte("---\ntitle: 标题\ndate: 2022-06-01\ntags: [a, b]\n---\n正文**“重要”**，[链接](org:x)。\n\n```chart\norg: x\n```\n"))
	f.Add([]byte("+++\ntitle = \"t\"\ndate = 2022-06-01\n[review]\n\"终审\" = { reviewer = \"丙\" }\n+++\n![图](a.png \"说明\")\n"))
	f.Add([]byte("\ufeff---\r\ntitle: x\r\nfigures:\r\n  - {label: a, value: 1}\r\n---\r\n# \r\n电话13812345678\r\n"))
	f.Add([]byte("---\ntitle: [\n"))
	src := f.TempDir()
	ps := NewParser(src, Options{})
	unsafe := NewParser(src, Options{UnsafeHTML: true})
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, p := range []*Parser{ps, unsafe} {
			var l diag.List
			p.Parse(Case, "content/cases/x.md", data, &l)
			lines := strings.Count(string(data), "\n") + 1
			for _, d := range l.Sorted() {
				if d.Pos.Line < 0 || d.Pos.Line > lines+1 {
					t.Fatalf("%s: line outside a %d-line file", d.Text("en"), lines)
				}
			}
		}
	})
}
