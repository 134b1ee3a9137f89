package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

func encode(t testing.TB, e encoding.Encoding, s string) string {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encoding %q: %v", s, err)
	}
	return string(b)
}

var kindName = map[Kind]string{
	Unreadable:        "Unreadable",
	BareQuote:         "BareQuote",
	ExtraneousQuote:   "ExtraneousQuote",
	UnterminatedQuote: "UnterminatedQuote",
	FileTooLarge:      "FileTooLarge",
	UnzipTooLarge:     "UnzipTooLarge",
	CellTooLarge:      "CellTooLarge",
	CellRunaway:       "CellRunaway",
	RowTooLarge:       "RowTooLarge",
	TooManyRows:       "TooManyRows",
}

// dump reads r to the end and describes each row as
// `line "cell"@line:col ...` and each error as `error line:col Kind`.
func dump(t testing.TB, r *Reader) []string {
	t.Helper()
	var out []string
	for range 1000 {
		row, err := r.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Next: %v is not an *Error", err)
			}
			out = append(out, fmt.Sprintf("error %d:%d %s", e.Line, e.Col, kindName[e.Kind]))
			if e.Quoted {
				out[len(out)-1] += " quoted"
			}
			continue
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%d", row.Line)
		for i, c := range row.Cells {
			line, col := row.Pos(i)
			fmt.Fprintf(&b, " %q@%d:%d", c, line, col)
		}
		out = append(out, b.String())
	}
	t.Fatal("Next does not reach io.EOF")
	return nil
}

func TestCSV(t *testing.T) {
	gbk := func(s string) string { return encode(t, simplifiedchinese.GBK, s) }
	utf16 := func(order unicode.Endianness, s string) string {
		return encode(t, unicode.UTF16(order, unicode.UseBOM), s)
	}
	tests := []struct {
		name, file, in, enc string
		want                []string
	}{
		{"utf8", "a.csv", "编号,名称\nq1,文苑社区\n", "UTF-8", []string{
			`1 "编号"@1:1 "名称"@1:4`,
			`2 "q1"@2:1 "文苑社区"@2:4`,
		}},
		{"utf8 bom crlf", "a.csv", "\xEF\xBB\xBFid,name\r\n1,文苑\r\n", "UTF-8 BOM", []string{
			`1 "id"@1:1 "name"@1:4`,
			`2 "1"@2:1 "文苑"@2:3`,
		}},
		{"gbk", "a.csv", gbk("名称,类型\n文苑社区,社区\n"), "GB18030", []string{
			`1 "名称"@1:1 "类型"@1:4`,
			`2 "文苑社区"@2:1 "社区"@2:6`,
		}},
		{"gb18030 four-byte", "a.csv", encode(t, simplifiedchinese.GB18030, "名称,备注\n𠮷田,€5\n"), "GB18030", []string{
			`1 "名称"@1:1 "备注"@1:4`,
			`2 "𠮷田"@2:1 "€5"@2:4`,
		}},
		{"utf16le tabs", "a.txt", utf16(unicode.LittleEndian, "名称\t类型\r\n文苑\t社区,村\r\n"), "UTF-16LE", []string{
			`1 "名称"@1:1 "类型"@1:4`,
			`2 "文苑"@2:1 "社区,村"@2:4`,
		}},
		{"utf16le tabs in csv", "a.csv", utf16(unicode.LittleEndian, "名称\t类型\n文苑\t社区\n"), "UTF-16LE", []string{
			`1 "名称"@1:1 "类型"@1:4`,
			`2 "文苑"@2:1 "社区"@2:4`,
		}},
		{"utf16be commas", "a.csv", utf16(unicode.BigEndian, "a,b\tc\n1,2\n"), "UTF-16BE", []string{
			`1 "a"@1:1 "b\tc"@1:3`,
			`2 "1"@2:1 "2"@2:3`,
		}},
		{"crlf", "a.csv", "a,b\r\nc,d\r\n", "UTF-8", []string{
			`1 "a"@1:1 "b"@1:3`,
			`2 "c"@2:1 "d"@2:3`,
		}},
		{"no final newline", "a.csv", "a,b\nc,d", "UTF-8", []string{
			`1 "a"@1:1 "b"@1:3`,
			`2 "c"@2:1 "d"@2:3`,
		}},
		{"quoted newlines", "a.csv", "h1,h2,h3\n\"第一行\n第二行\",x,y\nz,\"p\r\nq\",w\n", "UTF-8", []string{
			`1 "h1"@1:1 "h2"@1:4 "h3"@1:7`,
			`2 "第一行\n第二行"@2:1 "x"@3:6 "y"@3:8`,
			`4 "z"@4:1 "p\nq"@4:3 "w"@5:4`,
		}},
		{"lone cr in quotes", "a.csv", "a\n\"x\ry\",b\n", "UTF-8", []string{
			`1 "a"@1:1`,
			`2 "x\ry"@2:1 "b"@2:7`,
		}},
		{"chinese columns", "a.csv", "名称,类型,上级\n文苑社区,社区,镇党委\n", "UTF-8", []string{
			`1 "名称"@1:1 "类型"@1:4 "上级"@1:7`,
			`2 "文苑社区"@2:1 "社区"@2:6 "镇党委"@2:9`,
		}},
		{"blank rows", "a.csv", "a,b\n,\n  ,\u3000\n\n,,,,\r\nc, d \n,,\n", "UTF-8", []string{
			`1 "a"@1:1 "b"@1:3`,
			`6 "c"@6:1 " d "@6:3`,
		}},
		{"bare quote", "a.csv", "名称,值\n文苑,12\"3\nc,d\n", "UTF-8", []string{
			`1 "名称"@1:1 "值"@1:4`,
			`error 2:6 BareQuote`,
			`3 "c"@3:1 "d"@3:3`,
		}},
		{"bare quote gbk", "a.csv", gbk("名称,值\n文苑,12\"3\nc,d\n"), "GB18030", []string{
			`1 "名称"@1:1 "值"@1:4`,
			`error 2:6 BareQuote`,
			`3 "c"@3:1 "d"@3:3`,
		}},
		{"extraneous quote", "a.csv", "a,b\n\"名\"y,z\nc,d\n", "UTF-8", []string{
			`1 "a"@1:1 "b"@1:3`,
			`error 2:3 ExtraneousQuote`,
			`3 "c"@3:1 "d"@3:3`,
		}},
		{"unterminated quote", "a.csv", "a,b\n文,\"de\nfg\n", "UTF-8", []string{
			`1 "a"@1:1 "b"@1:3`,
			`error 2:3 UnterminatedQuote`,
		}},
		{"unterminated after quoted cells", "a.csv", "x\r\na,\"b\"\"c\",\"d\r\ne", "UTF-8", []string{
			`1 "x"@1:1`,
			`error 2:10 UnterminatedQuote`,
		}},
		{"tsv", "a.TSV", "a\tb,c\n", "UTF-8", []string{
			`1 "a"@1:1 "b,c"@1:3`,
		}},
		{"txt with tabs", "a.txt", gbk("名称\t类型\n"), "GB18030", []string{
			`1 "名称"@1:1 "类型"@1:4`,
		}},
		{"txt with commas", "a.txt", "a,b\tc\n", "UTF-8", []string{
			`1 "a"@1:1 "b\tc"@1:3`,
		}},
		{"full width left alone", "a.csv", "ａ，b,\u3000c\n", "UTF-8", []string{
			`1 "ａ，b"@1:1 "\u3000c"@1:5`,
		}},
		{"empty", "a.csv", "", "UTF-8", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := New(tt.file, []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			if got := r.Encoding(); got != tt.enc {
				t.Errorf("Encoding() = %q, want %q", got, tt.enc)
			}
			got := dump(t, r)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
		})
	}
}

// A GBK file may be plain ASCII for a long way; only the whole file tells.
func TestGBKLateNonASCII(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("id,name\n")
	lines := 1
	for b.Len() < 100<<10 {
		fmt.Fprintf(&b, "p%d,project %d\n", lines, lines)
		lines++
	}
	b.WriteString(encode(t, simplifiedchinese.GBK, "p0,文苑社区\n"))
	lines++
	r, err := New("big.csv", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Encoding(); got != "GB18030" {
		t.Fatalf("Encoding() = %q, want GB18030", got)
	}
	var last Row
	n := 0
	for {
		row, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
		last = Row{Line: row.Line, Cells: append([]string(nil), row.Cells...)}
	}
	if n != lines || last.Line != lines || last.Cells[1] != "文苑社区" {
		t.Errorf("read %d rows, last %d %q; want %d rows, last %d [p0 文苑社区]", n, last.Line, last.Cells, lines, lines)
	}
}

// A rune split between two chunks of the validity check is still valid.
func TestUTF8ChunkBoundary(t *testing.T) {
	for _, pad := range []int{65533, 65534, 65535, 65536, 131070} {
		in := strings.Repeat("a", pad) + "文,苑\n"
		r, err := Limits{CellSize: 1 << 20}.New("a.csv", []byte(in))
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Encoding(); got != "UTF-8" {
			t.Errorf("pad %d: Encoding() = %q, want UTF-8", pad, got)
		}
		row, err := r.Next()
		if err != nil {
			t.Fatal(err)
		}
		if line, col := row.Pos(1); row.Cells[1] != "苑" || line != 1 || col != pad+3 {
			t.Errorf("pad %d: cell %q at %d:%d", pad, row.Cells[1], line, col)
		}
	}
	// A truncated rune at the very end makes the file GB18030.
	r, err := New("a.csv", []byte("ab,c\xE6\x96"))
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Encoding(); got != "GB18030" {
		t.Errorf("truncated rune: Encoding() = %q, want GB18030", got)
	}
}

func TestLongRecordKeepsPositions(t *testing.T) {
	// Records far longer than the csv.Reader's buffer, and many of them,
	// so the kept text is released and compacted along the way.
	cell := strings.Repeat("文", 3000)
	var b strings.Builder
	b.WriteString("a,b,c\n")
	for range 100 {
		fmt.Fprintf(&b, "%s,\"%s\n%s\",x\n", cell, cell, cell)
	}
	r, err := New("a.csv", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Next(); err != nil {
		t.Fatal(err)
	}
	for i := range 100 {
		row, err := r.Next()
		if err != nil {
			t.Fatal(err)
		}
		want := [][2]int{{2 + 2*i, 1}, {2 + 2*i, 3002}, {3 + 2*i, 3003}}
		for j, w := range want {
			if line, col := row.Pos(j); line != w[0] || col != w[1] {
				t.Fatalf("record %d cell %d at %d:%d, want %d:%d", i, j, line, col, w[0], w[1])
			}
		}
	}
	if _, err := r.Next(); err != io.EOF {
		t.Fatalf("got %v, want io.EOF", err)
	}
}

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "orgs.csv")
	if err := os.WriteFile(path, []byte(encode(t, simplifiedchinese.GBK, "名称\n文苑\n")), 0o666); err != nil {
		t.Fatal(err)
	}
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	got := dump(t, r)
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if r.Encoding() != "GB18030" || len(got) != 2 || got[1] != `2 "文苑"@2:1` {
		t.Errorf("%s: %v", r.Encoding(), got)
	}

	for _, name := range []string{filepath.Join(dir, "missing.csv"), filepath.Join(dir, "x.ods")} {
		_, err := Open(name)
		var e *Error
		if !errors.As(err, &e) || e.Kind != Unreadable || e.File != name || e.Line != 0 {
			t.Errorf("Open(%s) = %v, want an Unreadable *Error", name, err)
		}
	}
}

func TestErrorText(t *testing.T) {
	r, err := New("data/a.csv", []byte("a\nb\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	r.Next()
	_, err = r.Next()
	if got, want := fmt.Sprint(err), `data/a.csv:2:2: quote (") in a cell that does not start with one`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if !errors.Is(err, csv.ErrBareQuote) {
		t.Errorf("%v does not wrap csv.ErrBareQuote", err)
	}
}

// A quote that is never closed swallows the rest of the file into one record,
// far more than the text kept for positions (with limits that let it); it
// is still reported where it opens, and the lines after it keep their
// numbers.
func TestUnterminatedQuoteHugeRecord(t *testing.T) {
	in := "a,b\n文,\"b" + strings.Repeat("长长的一行\n", maxText/8)
	r, err := Limits{CellSize: maxText}.New("a.csv", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	got := dump(t, r)
	if want := []string{`1 "a"@1:1 "b"@1:3`, "error 2:3 UnterminatedQuote"}; strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestPosAnyOrder: a cell's character column is the same whichever cells
// of its row were asked for before (columns are counted on from the last
// one asked for when that is to the left on the same line).
func TestPosAnyOrder(t *testing.T) {
	text := "名称,值,说明\n隆中村茶园,12,\"党员先锋，\"\"示范\"\"\",尾\n𠀀𠀁,x,\"两行\n文字\",末\nabc,,,\n"
	want := [][][2]int{ // per record, each cell's line and character column
		{{1, 1}, {1, 4}, {1, 6}},
		{{2, 1}, {2, 7}, {2, 10}, {2, 24}},
		{{3, 1}, {3, 4}, {3, 6}, {4, 5}},
		{{5, 1}, {5, 5}, {5, 6}, {5, 7}},
	}
	orders := [][]int{{0, 1, 2, 3}, {3, 2, 1, 0}, {1, 3, 0, 2}, {2, 2, 0, 3, 1, 1}}
	for _, order := range orders {
		r, err := New("a.csv", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		for rec, cells := range want {
			row, err := r.Next()
			if err != nil {
				t.Fatal(err)
			}
			for _, i := range order {
				if i >= len(cells) {
					continue
				}
				if line, col := row.Pos(i); line != cells[i][0] || col != cells[i][1] {
					t.Errorf("order %v, record %d, cell %d at %d:%d, want %d:%d", order, rec, i, line, col, cells[i][0], cells[i][1])
				}
			}
		}
	}
}
