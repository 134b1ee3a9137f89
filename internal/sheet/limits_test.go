package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestLimits reads files over each limit, built at run time and kept small
// by small limits: a file over its size is refused whole; a cell over its
// size costs its row; a cell or row that runs past the row limit, or a row
// past the row count, ends the reading there; each with its place.
func TestLimits(t *testing.T) {
	x := func(n int) string { return strings.Repeat("x", n) }
	kb := int64(1 << 10)
	// A row of 64 KB, 32 times a cell limit of 2 KB, no cell over it.
	atLimit := strings.Repeat(x(1984)+",", 32) + x(2016)
	tests := []struct {
		name, file string
		in         func() []byte
		lim        Limits
		open       string   // the error of New: its kind, and limit if given
		want       []string // else what dump reads
	}{
		{"text over its size", "a.csv", func() []byte { return []byte(x(2048)) }, Limits{TextSize: kb},
			"FileTooLarge 1024", nil},
		{"text at its size", "a.csv", func() []byte { return []byte("a\n" + x(1022)) }, Limits{TextSize: kb},
			"", []string{`1 "a"@1:1`, `2 "` + x(1022) + `"@2:1`}},
		{"cell over its size", "a.csv", func() []byte { return []byte("a,b\n1," + x(1025) + "\n2,ok\n") }, Limits{CellSize: kb},
			"", []string{`1 "a"@1:1 "b"@1:3`, "error 2:3 CellTooLarge", `3 "2"@3:1 "ok"@3:3`}},
		{"quoted cell over its size, over lines, in GBK", "a.csv", func() []byte {
			return []byte("a,b\n\xce\xc4,\"" + strings.Repeat("x\n", 600) + "\"\n2,ok\n")
		}, Limits{CellSize: kb},
			"", []string{`1 "a"@1:1 "b"@1:3`, "error 2:3 CellTooLarge", `603 "2"@603:1 "ok"@603:3`}},
		{"a quote never closed runs past the row limit", "a.csv", func() []byte {
			return []byte("a,b\n1,\"x\n" + strings.Repeat("2,ok\n", 40000))
		}, Limits{CellSize: kb},
			"", []string{`1 "a"@1:1 "b"@1:3`, "error 2:3 CellRunaway quoted"}},
		{"a cell without a line end runs past the row limit", "a.csv", func() []byte {
			return []byte("a,b\n1,2\n3," + x(200<<10))
		}, Limits{CellSize: kb},
			"", []string{`1 "a"@1:1 "b"@1:3`, `2 "1"@2:1 "2"@2:3`, "error 3:3 CellRunaway"}},
		{"a row of small cells runs past the row limit", "a.csv", func() []byte {
			return []byte("a,b\n1,2\n" + strings.Repeat("xx,", 30000) + "\n4,5\n")
		}, Limits{CellSize: kb},
			"", []string{`1 "a"@1:1 "b"@1:3`, `2 "1"@2:1 "2"@2:3`, "error 3:0 RowTooLarge"}},
		{"a last row just at the row limit, with no line end", "a.csv", func() []byte {
			return []byte("a\n" + atLimit)
		}, Limits{CellSize: 2 << 10},
			"", []string{`1 "a"@1:1`, `2 "` + atLimit}},
		{"a last row one byte over the row limit", "a.csv", func() []byte {
			return []byte("a\n" + atLimit + "x")
		}, Limits{CellSize: 2 << 10},
			"", []string{`1 "a"@1:1`, "error 2:0 RowTooLarge"}},
		{"more rows than the limit", "a.csv", func() []byte { return []byte("a\n1\n\n2\n,\n3\n4\n") }, Limits{Rows: 3},
			"", []string{`1 "a"@1:1`, `2 "1"@2:1`, `4 "2"@4:1`, "error 6:0 TooManyRows"}},

		{"workbook over its size", "a.xlsx", func() []byte { return book(t, "Sheet1", map[string]any{"A1": "x"}, nil) }, Limits{WorkbookSize: kb},
			"FileTooLarge", nil},
		{"a small workbook holding a huge cell", "a.xlsx", func() []byte {
			return hugeCell(t, 1<<20) // zipped to a few KB
		}, Limits{WorkbookSize: 64 * kb},
			"UnzipTooLarge", nil},
		{"a zip bomb within the limit", "a.xlsx", func() []byte { return bomb(t, 1<<20) }, Limits{},
			"", []string{`1 "a"@1:1`}}, // 1 MB is within 8 × 64 MB
		{"a zip bomb over the limit", "a.xlsx", func() []byte { return bomb(t, 8<<20) }, Limits{WorkbookSize: 512 * kb},
			"UnzipTooLarge 4194304", nil},
		{"workbook cell over its size", "a.xlsx", func() []byte {
			return book(t, "Sheet1", map[string]any{"A1": "a", "B1": "b", "B2": x(1025), "A3": "ok"}, nil)
		}, Limits{CellSize: kb},
			"", []string{`1 "a"@1:1 "b"@1:2`, "error 2:2 CellTooLarge", `3 "ok"@3:1`}},
		{"workbook rows over the limit", "a.xlsx", func() []byte {
			return book(t, "Sheet1", map[string]any{"A1": "a", "A2": 1, "A4": 2, "A9": 3}, nil)
		}, Limits{Rows: 2},
			"", []string{`1 "a"@1:1`, `2 "1"@2:1`, "error 4:0 TooManyRows"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := tt.lim.New(tt.file, tt.in())
			if tt.open != "" {
				var e *Error
				if !errors.As(err, &e) || e.File != tt.file || e.Size <= e.Limit {
					t.Fatalf("got %v, want an *Error in %s", err, tt.file)
				}
				got := kindName[e.Kind]
				if strings.Contains(tt.open, " ") {
					got += fmt.Sprintf(" %d", e.Limit)
				}
				if got != tt.open {
					t.Errorf("got %s, want %s", got, tt.open)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			// Long lines are compared by their first 100 bytes.
			var got []string
			for _, line := range dump(t, r) {
				if len(line) > 200 {
					line = line[:100]
				}
				got = append(got, line)
			}
			var want []string
			for _, line := range tt.want {
				if len(line) > 200 {
					line = line[:100]
				}
				want = append(want, line)
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
			}
		})
	}
}

// bomb is a workbook of one cell that carries size zero bytes besides,
// zipped to a few kilobytes.
func bomb(t testing.TB, size int) []byte {
	t.Helper()
	return rezip(t, book(t, "Sheet1", map[string]any{"A1": "a"}, nil), func(name string, b []byte) []byte { return b },
		"xl/media/padding.bin", make([]byte, size))
}

// hugeCell is a workbook whose cell A2 holds size letters (more than
// excelize writes into a cell).
func hugeCell(t testing.TB, size int) []byte {
	t.Helper()
	data := book(t, "Sheet1", map[string]any{"A1": "a", "A2": "placeholder"}, nil)
	return rezip(t, data, func(name string, b []byte) []byte {
		return bytes.Replace(b, []byte("placeholder"), bytes.Repeat([]byte("x"), size), 1)
	}, "", nil)
}

// rezip copies the zip data, passing each part through edit, and adds the
// part named add, if any.
func rezip(t testing.TB, data []byte, edit func(name string, b []byte) []byte, add string, content []byte) []byte {
	t.Helper()
	src, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	write := func(name string, b []byte) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	for _, f := range src.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		write(f.Name, edit(f.Name, b))
	}
	if add != "" {
		write(add, content)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// synthetic is a file of size bytes that starts with head and goes on with
// the letter x, made as it is read.
type synthetic struct {
	head     string
	off, end int64
}

func (s *synthetic) Read(p []byte) (int, error) {
	if s.off >= s.end {
		return 0, io.EOF
	}
	p = p[:min(int64(len(p)), s.end-s.off)]
	n := 0
	if s.off < int64(len(s.head)) {
		n = copy(p, s.head[s.off:])
	}
	for n < len(p) {
		n += copy(p[n:], "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
	}
	s.off += int64(n)
	return n, nil
}

func (s *synthetic) Seek(off int64, whence int) (int64, error) {
	switch whence {
	case io.SeekCurrent:
		off += s.off
	case io.SeekEnd:
		off += s.end
	}
	s.off = off
	return off, nil
}

// TestHugeCellSpendsNoMemory reads a 32 MB file that is one cell after the
// header: reading stops at the row limit (2 MB), having allocated a few
// times that as buffers grew, not the hundreds of megabytes a record that
// size takes in encoding/csv.
func TestHugeCellSpendsNoMemory(t *testing.T) {
	for _, head := range []string{"a,b\n1,", "a,b\n1,\""} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		r, err := NewReadSeeker("a.csv", &synthetic{head: head, end: 32 << 20})
		if err != nil {
			t.Fatal(err)
		}
		got := dump(t, r)
		runtime.ReadMemStats(&after)
		if want := "error 2:3 CellRunaway"; len(got) != 2 || !strings.HasPrefix(got[1], want) {
			t.Errorf("%q: got %q, want a header and %s", head, got, want)
		}
		if n := after.TotalAlloc - before.TotalAlloc; n > 40<<20 {
			t.Errorf("%q: allocated %d MB", head, n>>20)
		}
	}
}

// TestTempFolders: a workbook's temporary files (excelize's, when a
// formula is looked up) live in a folder named for the process, made when
// the workbook is opened, removed by Close, by RemoveTemp (a signal's handler) while
// the workbook is still open, or, when the process was killed, by
// RemoveStaleTemp in the next one; nothing else in the temporary folder is
// touched.
func TestTempFolders(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	list := func() []string {
		entries, _ := os.ReadDir(tmp)
		var names []string
		for _, e := range entries {
			names = append(names, strings.Replace(e.Name(), fmt.Sprint(os.Getpid()), "SELF", 1))
		}
		return names
	}
	// A sheet bigger than the workbook limit is unzipped to a file.
	cells := map[string]any{}
	for i := range 2000 {
		cells[fmt.Sprintf("A%d", i+1)] = fmt.Sprintf("第%d行", i)
	}
	data := book(t, "Sheet1", cells, nil)
	lim := Limits{WorkbookSize: int64(len(data))}
	r, err := lim.New("a.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Next(); err != nil {
		t.Fatal(err)
	}
	r.Formula(1, 1)
	got := list()
	if len(got) != 1 || !strings.HasPrefix(got[0], tempPrefix+"SELF-") {
		t.Fatalf("while open: %q", got)
	}
	if files, _ := os.ReadDir(filepath.Join(tmp, strings.Replace(got[0], "SELF", fmt.Sprint(os.Getpid()), 1))); len(files) == 0 {
		t.Error("the sheet was not unzipped to a file")
	}
	r.Close()
	if got := list(); len(got) != 0 {
		t.Errorf("after Close: %q", got)
	}

	// Interrupted while open.
	if r, err = lim.New("a.xlsx", data); err != nil {
		t.Fatal(err)
	}
	RemoveTemp()
	if got := list(); len(got) != 0 {
		t.Errorf("after RemoveTemp: %q", got)
	}
	r.Close()

	// Left by processes killed, and others'.
	c := exec.Command(os.Args[0], "-test.run=^$")
	if err := c.Run(); err != nil {
		t.Fatal(err)
	}
	dead := c.Process.Pid
	outside := t.TempDir()
	for _, name := range []string{
		fmt.Sprintf("%s%d-1/excelize-1", tempPrefix, dead),
		fmt.Sprintf("%s%d-2/", tempPrefix, os.Getpid()),
		fmt.Sprintf("%s%d-3/", tempPrefix, os.Getppid()),
		tempPrefix + "x-4/",
		"other-" + fmt.Sprint(dead) + "/",
	} {
		dir, file := filepath.Split(name)
		if err := os.MkdirAll(filepath.Join(tmp, dir), 0o755); err != nil {
			t.Fatal(err)
		}
		if file != "" {
			os.WriteFile(filepath.Join(tmp, dir, file), []byte("x"), 0o644)
		}
	}
	os.Symlink(outside, filepath.Join(tmp, fmt.Sprintf("%s%d-5", tempPrefix, dead)))
	RemoveStaleTemp()
	want := []string{tempPrefix + "SELF-2", tempPrefix + fmt.Sprint(os.Getppid()) + "-3", tempPrefix + fmt.Sprint(dead) + "-5", tempPrefix + "x-4", "other-" + fmt.Sprint(dead)}
	if got := list(); strings.Join(sorted(got), " ") != strings.Join(sorted(want), " ") {
		t.Errorf("after RemoveStaleTemp: %q, want %q", sorted(got), sorted(want))
	}
	RemoveTemp()
	if got := list(); len(got) != 4 {
		t.Errorf("after RemoveTemp: %q", got)
	}
	if _, err := os.Stat(outside); err != nil {
		t.Error("the folder a link points to is gone")
	}
}

func sorted(s []string) []string { return slices.Sorted(slices.Values(s)) }
