package content

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/diag"
)

var rep = strings.Repeat

// lines joins n lines made by f.
func lines(n int, f func(i int) string) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(f(i))
	}
	return b.String()
}

// TestShape: each shape goldmark takes seconds to hours over (measured on
// 1 MB, before the limits: a 1,000-level list 9 s, 100,000 > on a line 9 s,
// [[[…]]] 25 s, [a]( repeated over a minute, *a_ repeated over a minute, a
// 1,000-column table over a minute and gigabytes) is refused at its line,
// before goldmark sees it.
func TestShape(t *testing.T) {
	for _, tt := range []struct {
		name, body string
		want       string // the first problem, "line key", or ""
	}{
		{"list indented 3,000 levels", lines(3000, func(i int) string { return rep("  ", i) + "- x\n" }), "101 doc.nesting"},
		{"quotes on one line", "text\n\n" + rep(">", 100_000) + " x\n", "3 doc.nesting"},
		{"list markers on one line", rep("- ", 101) + "x\n", "1 doc.nesting"},
		{"ordered markers on one line", rep("1. ", 101) + "x\n", "1 doc.nesting"},
		{"quotes and lists", rep("> - ", 51) + "x\n", "1 doc.nesting"},
		{"tabs", rep("\t", 51) + "- x\n", "1 doc.nesting"},
		{"nested brackets", "a\n\n" + rep("[", 40) + rep("]", 40), "3 doc.brackets"},
		{"open links", rep("[a](", 1001), "1 doc.marks"},
		{"emphasis mixed", "x\n" + rep("*a_", 600), "1 doc.marks"},
		{"emphasis over lines", lines(1001, func(int) string { return "**a\n" }), "1 doc.marks"},
		{"strikethrough", rep("~~a", 1001), "1 doc.marks"},
		{"code spans", rep("`a", 1001), "1 doc.marks"},
		{"refs in one paragraph", lines(1001, func(i int) string { return fmt.Sprintf("[a%d]: /u\n", i) }), "1 doc.marks"},
		{"a paragraph continued by 2.", "x\n" + lines(1001, func(int) string { return "2. *a_\n" }), "1 doc.marks"},
		{"a paragraph continued by an indented item", "x\n" + lines(1001, func(int) string { return "    - *a_\n" }), "1 doc.marks"},
		{"marks in a document", lines(101, func(int) string { return rep("*a ", 999) + "\n\n" }), "201 doc.marksTotal"},
		{"lines in a document", rep("a\n", 50_001), "50001 doc.lines"},
		{"links that never end on long lines", lines(3, func(int) string { return rep("[a](", 100) + rep("x", 1_000_000) + "\n\n" }), "3 doc.longLines"},
		{"a wide table", "|" + rep("a|", 1000) + "\n|" + rep("-|", 1000) + "\n" + rep("x\n", 200), "2 doc.tableCells"},
		{"tables in a document", rep("\n|a|b|c|d|e|\n|-|-|-|-|-|\n"+rep("|x|y|\n", 199), 201), "40403 doc.tableCells"},
		{"a table in a quote", "> |" + rep("a|", 1000) + "\n> |" + rep("-|", 1000) + "\n" + rep("> x\n", 200), "2 doc.tableCells"},

		// At the limits, and what articles hold.
		{"100 levels", lines(100, func(i int) string { return rep("  ", i) + "- x\n" }), ""},
		{"100 quotes", rep(">", 100) + " x\n", ""},
		{"32 brackets", rep("[", 32) + "a" + rep("]", 32), ""},
		{"brackets closed", rep("[a]", 1000), ""},
		{"1,000 marks", rep("*a_", 500), ""},
		{"escaped", rep(`\[\*`, 10_000), ""},
		{"a long list of links", lines(5000, func(i int) string { return fmt.Sprintf("- [第%d项](case:x) **要点**\n", i) }), ""},
		{"a tight ordered list of links", "1. [a](b)\n" + lines(1000, func(i int) string { return fmt.Sprintf("%d. [第%d项](case:x)\n", i+2, i) }), "1 doc.marks"},
		{"a loose ordered list of links", "1. [a](b)\n" + lines(5000, func(i int) string { return fmt.Sprintf("\n%d. [第%d项](case:x)\n", i+2, i) }), ""},
		{"headings", lines(5000, func(i int) string { return fmt.Sprintf("## 第%d节 *要点*\n正文[链接](org:x)。\n", i) }), ""},
		{"rules and underlines", lines(2000, func(int) string { return "**a** [b](c)\n---\n" }), ""},
		{"a long table", "|a|b|c|\n|:-|:-:|-:|\n" + rep("|[甲](org:x)|**乙**|丙|\n", 5000), ""},
		{"a table without pipes at the ends", "a | b\n--|--\n" + rep("| [甲](org:x) | **乙**\n", 5000), ""},
		{"a table row too full", "|a|\n|-|\n|" + rep("*a_", 501) + "|\n", "3 doc.marks"},
		{"a table that ends an HTML block", "|a|\n|-|\n|-->\n" + rep("|*a_\n", 1001), "3 doc.marks"},
		{"a table that is not one", "|a|b|\n|-|\n" + rep("|[x]|\n", 1001), "1 doc.marks"},
		{"a table after text", "text\n|a|\n|-|\n" + rep("|[x]|\n", 1001), "1 doc.marks"},
		{"code", "```go\n" + rep("\tif a[i] {\n", 100) + "```\n", ""},
		{"a deep code block", "```\n" + rep(" ", 150) + "x\n```\n", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if probs := shape([]byte(tt.body)); len(probs) > 0 {
				got = fmt.Sprintf("%d %s", probs[0].line, probs[0].key)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestShapeInParse: a body past a limit is reported at its line in the
// file, and goldmark never sees it.
func TestShapeInParse(t *testing.T) {
	ps := NewParser(t.TempDir(), Options{})
	body := "第一段。\n\n" + lines(200, func(i int) string { return rep("  ", i) + "- 事项\n" })
	var l diag.List
	d := ps.Parse(Case, "content/cases/x.md", []byte("---\ntitle: 标题\ndate: 2022-06-01\n---\n"+body), &l)
	if d != nil {
		t.Error("a document nested 200 deep was parsed")
	}
	var b strings.Builder
	l.Print(&b, "en")
	want := "content/cases/x.md:107: this line is nested 101 levels deep in lists, quotes or indentation, more than 100: nest less\n1 error(s), 0 warning(s)\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// TestHeadingIDsMany: ids of equal headings are found in time that grows
// with their number (it grew with its square: 262,144 headings took hours).
func TestHeadingIDsMany(t *testing.T) {
	s := newIDs()
	for i := range 50_000 {
		if got, want := string(s.Generate([]byte("做法"), 0)), "做法"+suffix(i); got != want {
			t.Fatalf("heading %d: id %q, want %q", i, got, want)
		}
	}
	s.Put([]byte("a-2"))
	for _, want := range []string{"a", "a-1", "a-3"} {
		if got := string(s.Generate([]byte("a"), 0)); got != want {
			t.Errorf("id %q, want %q", got, want)
		}
	}
}

func suffix(i int) string {
	if i == 0 {
		return ""
	}
	return fmt.Sprintf("-%d", i)
}

// BenchmarkAtLimits parses 1 MB bodies that hold as much of each costly
// shape as the limits let through.
func BenchmarkAtLimits(b *testing.B) {
	fill := func(s string) string {
		for len(s) < 1<<20 {
			s += "\n\n" + rep("中文字符。", 2000)
		}
		return s
	}
	list := lines(100, func(i int) string { return rep("  ", i) + "- x\n" }) + "\n"
	for _, c := range []struct{ name, body string }{
		{"list-100", rep(list, (1<<20)/len(list))},
		{"markers-100", rep(rep("- ", 100)+"x\n", (1<<20)/202)},
		{"emphasis-1000", fill(rep(rep("*a_", 333)+"\n\n", 100))},
		{"brackets-100k", fill(rep(rep("[", 31)+rep("[a]", 322)+"\n\n", 100))},
		{"nested-32", fill(rep("[", 32) + rep("a\n", 45_000) + rep("]", 32))},
		{"links-never-end", fill(rep("[a](", 190) + rep("x", 1_000_000))},
		{"table-200k", "|" + rep("a|", 1000) + "\n|" + rep("-|", 1000) + "\n" + rep("x\n", 198)},
		{"headings", fill(rep("# a\n", 49_000))},
	} {
		if p := shape([]byte(c.body)); len(p) > 0 {
			b.Fatalf("%s: %v", c.name, p)
		}
		ps := NewParser(b.TempDir(), Options{})
		data := []byte("---\ntitle: t\ndate: 2022-01-01\n---\n" + c.body)
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				ps.Parse(Case, "content/cases/x.md", data, &diag.List{})
			}
		})
	}
}

// marksBefore is shaper.marks as it was: a byte at a time.
func (s *shaper) marksBefore(n int, line []byte) int {
	marks := 0
	for i := 0; i < len(line); i++ {
		i = s.mark(n, line, i, &marks)
	}
	return s.endMarks(n, marks)
}

// FuzzShaperMarks holds shaper.marks (eight bytes of a Chinese text passed
// over at once) to the byte-at-a-time loop, lines read one after another
// under small limits, and shape to what it found before on the same text.
func FuzzShaperMarks(f *testing.F) {
	for _, s := range []string{"", "支部把[微心愿](x)认领**列入**项目清单\\*", "党建党建党建[[[", "a\\", "``代码``~~删~~__粗__",
		"一二三四五六七八\\[九", "[" + strings.Repeat("清", 9) + "]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		lim := shapeLimits{nesting: 3, marks: 5, open: 2, docMarks: 12, lines: 50, scan: 300, cells: 40}
		got, want := shaper{lim: lim}, shaper{lim: lim}
		for n, line := range strings.Split(text, "\n") {
			if a, b := got.marks(n+1, []byte(line)), want.marksBefore(n+1, []byte(line)); a != b {
				t.Fatalf("line %d %q: %d marks, before %d", n+1, line, a, b)
			}
		}
		if got.scan != want.scan || got.open != want.open || got.docMarks != want.docMarks || !reflect.DeepEqual(got.probs, want.probs) {
			t.Fatalf("%q: scan %d open %d marks %d %v, before %d %d %d %v", text, got.scan, got.open, got.docMarks, got.probs,
				want.scan, want.open, want.docMarks, want.probs)
		}
	})
}
