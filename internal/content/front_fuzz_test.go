package content

import (
	"bytes"
	"reflect"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/qingdan/qingdan/internal/diag"
)

// FuzzFront: front matter, YAML or TOML, is split from the body and read
// without panicking; every field and every problem is placed on a line of
// the front matter (the opening fence is line 1), and the body starts on
// the line after the closing fence.
func FuzzFront(f *testing.F) {
	for _, s := range []string{
		"title: 标题\ndate: 2022-06-01\ntags: [a, b]\n",
		"title: [\n",
		"a: &x 1\nb: *x\nc: {d: [e, {f: g}]}\n",
		"? complex\n: key\n- list\n",
		"title = \"t\"\ndate = 2022-06-01\n[review]\n\"终审\" = { reviewer = \"丙\" }\n",
		"a.b.c = 1\n[[x]]\ny = 2\n[x.z]\n",
		"title = '''\nmulti\nline'''\n",
		"\ttab: x\n",
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, front []byte, toml bool) {
		fence := "---"
		if toml {
			fence = "+++"
		}
		src := append([]byte(fence+"\n"), front...)
		if len(front) > 0 && front[len(front)-1] != '\n' {
			src = append(src, '\n')
		}
		src = append(src, fence+"\nbody\n"...)
		format, fr, body, bodyLine, err := split(src)
		if err != nil {
			return // the front matter held the fence itself, then no end
		}
		lines := bytes.Count(src, []byte("\n"))
		if bodyLine < 2 || bodyLine > lines {
			t.Fatalf("body on line %d of %d", bodyLine, lines)
		}
		if !bytes.HasSuffix(src, body) {
			t.Fatalf("body %q is not the end of the file", body)
		}
		var l diag.List
		fields, _ := parseFront(format, fr, diag.Pos{File: "x.md"}, &l)
		for _, fd := range fields {
			if fd.line < 2 || fd.line >= bodyLine {
				t.Fatalf("field %q on line %d, outside the front matter (lines 2 to %d)", fd.key, fd.line, bodyLine-1)
			}
		}
		for _, d := range l.Sorted() {
			if d.Pos.Line < 1 || d.Pos.Line >= bodyLine {
				t.Fatalf("%s: outside the front matter (lines 1 to %d)", d.Text("en"), bodyLine-1)
			}
		}
	})
}

// FuzzPlainValue: what plainValue takes from a node is what Decode gives.
func FuzzPlainValue(f *testing.F) {
	for _, s := range []string{
		"title: 标题\ndate: 2022-06-01\ntags: [a, b]\nn: 1\ne: []\nq: '1'\n",
		"a: !!str 12\nb: !!binary aGk=\nc: !x [a]\nd: [a, 1]\ne: !!seq [x]\nf: \"\\u00e9\"\n",
		"a: &x s\nb: *x\nc: [*x]\nd: ~\ne: |\n  two\n  lines\nf: 0x1F\ng: yes\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var doc yaml.Node
		if yaml.Unmarshal([]byte(src), &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
			return
		}
		m := doc.Content[0]
		for i := 1; i < len(m.Content); i += 2 {
			got, ok := plainValue(m.Content[i])
			if !ok {
				continue
			}
			var want any
			if err := m.Content[i].Decode(&want); err != nil {
				t.Fatalf("value %d: plainValue gave %#v where Decode fails: %v", i/2, got, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("value %d: plainValue gave %#v, Decode %#v", i/2, got, want)
			}
		}
	})
}
