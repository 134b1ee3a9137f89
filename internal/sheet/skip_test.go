package sheet

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// event is what one call of Next gave: a row (its line, cells, their
// places and its text) or an error.
type event struct {
	line  int
	cells []string
	pos   [][2]int
	raw   string
	err   string
}

func (e event) String() string {
	if e.err != "" {
		return "error " + e.err
	}
	return fmt.Sprintf("%d %q %v %q", e.line, e.cells, e.pos, e.raw)
}

// events reads r to its end.
func events(r *Reader) []event {
	var es []event
	for {
		e, ok := next(r)
		if !ok {
			return es
		}
		es = append(es, e)
	}
}

func next(r *Reader) (event, bool) {
	row, err := r.Next()
	if err != nil {
		if r.done {
			return event{}, false
		}
		return event{err: err.Error()}, true
	}
	e := event{line: row.Line, cells: slices.Clone(row.Cells), raw: string(row.Raw())}
	for i := range row.Cells {
		l, c := row.Pos(i)
		e.pos = append(e.pos, [2]int{l, c})
	}
	return e, true
}

// skipRun returns the text of rows i to i+n of es, when they follow each
// other in the file as Skip needs: each with its text, the next on the
// line after it ends, no error between.
func skipRun(es []event, i, n int) ([]byte, bool) {
	var text []byte
	for j := i; j < i+n; j++ {
		e := es[j]
		if e.err != "" || e.raw == "" {
			return nil, false
		}
		if j > i && e.line != es[j-1].line+strings.Count(es[j-1].raw, "\n") {
			return nil, false
		}
		text = append(text, e.raw...)
	}
	return text, true
}

// checkSkip reads data once to the end, then again passing over rows i to
// i+n with Skip: what follows must read as in the first read. Skip must
// take rows that follow the last row read (or begin the file); told the
// wrong line, or text that ends inside a row, it must pass over nothing.
func checkSkip(t *testing.T, name string, data []byte, i, n int) {
	r, err := New(name, data)
	if err != nil {
		return
	}
	all := events(r)
	r.Close()
	if i+n > len(all) {
		return
	}
	text, ok := skipRun(all, i, n)
	if !ok {
		return
	}
	adjacent := i == 0 && all[0].line == 1
	if i > 0 {
		p := all[i-1]
		adjacent = p.err == "" && p.raw != "" && all[i].line == p.line+strings.Count(p.raw, "\n")
	}
	r, _ = New(name, data)
	defer r.Close()
	for j := range i {
		if e, _ := next(r); e.String() != all[j].String() {
			t.Fatalf("event %d: %v, first read %v", j, e, all[j])
		}
	}
	if r.Skip(text, all[i].line+1, n) {
		t.Fatalf("Skip on the wrong line passed over rows")
	}
	if cut := text[:len(text)-1]; len(cut) > 0 && cut[len(cut)-1] != '\n' && r.Skip(cut, all[i].line, n) {
		t.Fatalf("Skip passed over part of a row")
	}
	rest := all[i+n:]
	if !r.Skip(text, all[i].line, n) {
		if adjacent {
			t.Fatalf("Skip of rows %d to %d (%q) refused", i, i+n, text)
		}
		rest = all[i:]
	}
	if got, want := fmt.Sprint(events(r)), fmt.Sprint(rest); got != want {
		t.Fatalf("after Skip of rows %d to %d:\n%s\nfirst read:\n%s", i, i+n, got, want)
	}
}

func TestSkip(t *testing.T) {
	long := strings.Repeat("p1,2022-03-31,5,备注\n", 3000) // more than the csv.Reader reads ahead
	for _, tc := range []struct {
		name, text string
	}{
		{"p.csv", "a,b\n1,2\n3,4\n5,6\n7,8\n"},
		{"p.csv", "a,b\r\n1,2\r\n3,\"四\r\n五\"\r\n5,6\r\n\r\n7,8"},
		{"p.csv", "a,b\n1,2\n\n,,\n3,4\nx,\"y\"z\n5,6\n"},
		{"p.csv", "\xEF\xBB\xBFa,b\n文,字\n\"多\n行\",x\n末,行"},
		{"p.csv", "a,b\n\xc3\xfb,\xb3\xc6\n\xce\xc4,\xd7\xd6\n1,2\n"},
		{"p.tsv", "a\tb\n1\t2\n3\t4\n"},
	} {
		r, _ := New(tc.name, []byte(tc.text))
		rows := len(events(r))
		r.Close()
		for i := range rows {
			for n := 1; i+n <= rows; n++ {
				checkSkip(t, tc.name, []byte(tc.text), i, n)
			}
		}
	}
	// Runs longer than the csv.Reader reads ahead, from row 0 or within,
	// to the end or not.
	text := []byte("a,b\n" + long + "x,\"y\ny\"\n" + long)
	for _, in := range [][2]int{{0, 1}, {0, 2999}, {1, 3000}, {5, 2000}, {2999, 2}, {3000, 3000}, {3001, 2999}, {100, 5900}} {
		checkSkip(t, "p.csv", text, in[0], in[1])
	}
}

// FuzzSkip holds Skip to reading: rows passed over leave the reader where
// reading them would have left it.
func FuzzSkip(f *testing.F) {
	f.Add([]byte("a,b\n1,2\n3,\"四\r\n五\"\r\n5,6\n\n7,8"), uint8(1), uint8(2))
	f.Add([]byte("\xEF\xBB\xBFa,b\n文,字\n\"\"\"\",x\nx,\"y\"z\n末,行"), uint8(0), uint8(3))
	f.Add([]byte("a\tb\n1\t2\n3\t4\n"), uint8(2), uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, i, n uint8) {
		checkSkip(t, "p.csv", data, int(i), 1+int(n))
		checkSkip(t, "p.txt", bytes.ToUpper(data), int(i), 1+int(n))
	})
}
