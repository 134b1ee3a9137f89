package diag

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
)

// junk is a file's worth of problems: n errors "cell.empty" on lines
// 2..n+1, and a warning "row.extra" on every tenth of those lines.
func junk(file string, n int) []Diag {
	var ds []Diag
	for i := range n {
		line := i + 2
		ds = append(ds, Diag{Pos: Pos{File: file, Line: line, Col: 3}, Sev: Error, Msg: M("cell.empty", Column{"名称", "name"})})
		if line%10 == 0 {
			ds = append(ds, Diag{Pos: Pos{File: file, Line: line}, Sev: Warning, Msg: M("row.extra", 2)})
		}
	}
	return ds
}

// TestListPerFile: of each file the first PerFile problems in sorted order
// are listed, the rest as one line per kind with their count, at the first
// of them; the count line counts them all. Whatever order the problems come
// in, from however many goroutines, the output is the same.
func TestListPerFile(t *testing.T) {
	orders := []struct {
		name string
		add  func(l *List, ds []Diag)
	}{
		{"in order", func(l *List, ds []Diag) {
			for _, d := range ds {
				l.Add(d)
			}
		}},
		{"reversed", func(l *List, ds []Diag) {
			for i := len(ds) - 1; i >= 0; i-- {
				l.Add(ds[i])
			}
		}},
		{"shuffled", func(l *List, ds []Diag) {
			rng := rand.New(rand.NewPCG(1, 2))
			for _, i := range rng.Perm(len(ds)) {
				l.Add(ds[i])
			}
		}},
		{"eight goroutines", func(l *List, ds []Diag) {
			var wg sync.WaitGroup
			for g := range 8 {
				wg.Go(func() {
					for i := g; i < len(ds); i += 8 {
						l.Add(ds[i])
					}
				})
			}
			wg.Wait()
		}},
		{"merged from lists of a hundred", func(l *List, ds []Diag) {
			for i := 0; i < len(ds); i += 100 {
				var part List
				for _, d := range ds[i:min(i+100, len(ds))] {
					part.Add(d)
				}
				l.Merge(&part)
			}
		}},
	}
	ds := append(junk("data/orgs.csv", 300), junk("data/tasks.csv", 5)...)
	ds = append(ds, Diag{Pos: Pos{File: "data/orgs.csv", Line: 500}, Sev: Error, Msg: M("sheet.openQuote")})
	// Lines 2..91 hold 90 errors and 9 warnings: 99 problems. The 100th
	// is the error on line 92; from line 93 on nothing is listed.
	want := []string{
		`data/orgs.csv:92:3: column name: a value is required`,
		`data/orgs.csv:93:3: 209 more error(s) of this kind are not listed (a file lists at most 100 problems); the first: column name: a value is required`,
		`data/orgs.csv:100: warning: 21 more warning(s) of this kind are not listed (a file lists at most 100 problems); the first: the row has 2 cell(s) more than the header; they are ignored`,
		`data/orgs.csv:500: 1 more error(s) of this kind are not listed (a file lists at most 100 problems); the first: a quoted cell starting here is never closed`,
		`data/tasks.csv:2:3: column name: a value is required`,
	}
	var first string
	for _, o := range orders {
		t.Run(o.name, func(t *testing.T) {
			var l List
			o.add(&l, ds)
			var b strings.Builder
			l.Print(&b, "en")
			got := b.String()
			lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
			if n := len(lines); n != 100+3+5+1 {
				t.Errorf("%d lines, want 109:\n%s", n, got)
			}
			for _, w := range want {
				if !strings.Contains(got, "\n"+w+"\n") {
					t.Errorf("no line\n%s\nin\n%s", w, got)
				}
			}
			if last := lines[len(lines)-1]; last != "306 error(s), 30 warning(s)" {
				t.Errorf("count line %q", last)
			}
			if l.Errors() != 306 || l.Len() != 336 {
				t.Errorf("Errors %d, Len %d", l.Errors(), l.Len())
			}
			if first == "" {
				first = got
			} else if got != first {
				t.Errorf("output differs from the first order's:\n%s", got)
			}
		})
	}
}

// TestListMoreChinese: the summary line in Chinese.
func TestListMoreChinese(t *testing.T) {
	var l List
	for _, d := range junk("data/orgs.csv", 120) {
		l.Add(d)
	}
	var b strings.Builder
	l.Print(&b, "zh-CN")
	want := "data/orgs.csv:93:3: 另有 29 个同类错误没有逐条列出（每个文件最多列出 100 个问题），第一个是：名称（name）不能为空\n"
	if !strings.Contains(b.String(), want) {
		t.Errorf("no line\n%sin\n%s", want, b.String())
	}
}

// TestListBounded: 200,000 problems in one file, the worst order first,
// keep no more than PerFile of them and one per kind.
func TestListBounded(t *testing.T) {
	var l List
	for i := range 200_000 {
		l.Error(Pos{File: "data/orgs.csv", Line: 200_000 - i}, "cell.id", Quote(fmt.Sprint("bad id ", i)))
	}
	f := l.files["data/orgs.csv"]
	if len(f.kept) != PerFile || len(f.more) != 1 || cap(f.kept) > 2*PerFile {
		t.Errorf("kept %d (cap %d), kinds %d", len(f.kept), cap(f.kept), len(f.more))
	}
	if n := len(l.Sorted()); n != PerFile+1 {
		t.Errorf("%d to list, want %d", n, PerFile+1)
	}
	if l.Errors() != 200_000 {
		t.Errorf("%d errors counted", l.Errors())
	}
}

func TestSize(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{0, "0 B"},
		{1023, "1023 B"},
		{1024, "1 KB"},
		{64 << 10, "64 KB"},
		{64<<10 + 1, "64.1 KB"},
		{1536, "1.5 KB"},
		{6140, "6 KB"}, // just under: no decimal that would say it is not
		{64 << 20, "64 MB"},
		{200 << 20, "200 MB"},
		{64<<20 + 1, "64.1 MB"},
		{1 << 30, "1 GB"},
		{5 << 30, "5 GB"},
	}
	for _, tt := range tests {
		if got := Size(tt.n).Local("en"); got != tt.want {
			t.Errorf("Size(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
