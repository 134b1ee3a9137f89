package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// decodedLines decodes data as r reports it is encoded and returns the
// length in characters of each line, without its line ending.
func decodedLines(t *testing.T, enc string, data []byte) []int {
	var text []byte
	var err error
	switch enc {
	case "UTF-8":
		text = data
	case "UTF-8 BOM":
		text = data[3:]
	case "GB18030":
		text, err = simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	case "UTF-16LE":
		text, err = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder().Bytes(data[2:])
	case "UTF-16BE":
		text, err = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder().Bytes(data[2:])
	default:
		t.Fatalf("unknown encoding %q", enc)
	}
	if err != nil {
		t.Fatalf("decoding %s: %v", enc, err)
	}
	var n []int
	for line := range bytes.SplitSeq(text, []byte("\n")) {
		line = bytes.TrimSuffix(line, []byte("\r"))
		n = append(n, utf8.RuneCount(line))
	}
	return n
}

func FuzzCSV(f *testing.F) {
	for _, s := range []string{
		"id,name\n1,文苑社区\n",
		"\xEF\xBB\xBFa,b\r\n\"x\r\ny\",z\r\n",
		"a,b\nc,d\"e\nf,\"g\n",
		"a,\"b\"c\n,,\n\"\n",
		"\xFF\xFEa\x00\t\x00b\x00\n\x00",
		"\xFE\xFF\x00a\x00,\x00b",
		"\xc3\xfb\xb3\xc6,\xc0\xe0\xd0\xcd\n\xce\xc4,\"\xd4\xb7\r\n\"\n",
		"\"\"\"\",\"\r\"\r\n",
	} {
		f.Add([]byte(s), false)
	}
	f.Add([]byte("a\tb\n文\t\"c\"\"\"\n"), true)
	f.Fuzz(func(t *testing.T, data []byte, txt bool) {
		name := "f.csv"
		if txt {
			name = "f.txt"
		}
		r, err := New(name, data)
		if err != nil {
			t.Fatal(err)
		}
		lines := decodedLines(t, r.Encoding(), data)
		check := func(what string, line, col int) {
			t.Helper()
			if line < 1 || line > len(lines)+1 {
				t.Fatalf("%s: line %d outside 1..%d", what, line, len(lines)+1)
			}
			max := 1
			if line <= len(lines) {
				max = lines[line-1] + 1
			}
			if col < 0 || col > max {
				t.Fatalf("%s: line %d col %d outside 0..%d", what, line, col, max)
			}
		}
		for range len(data) + 2 {
			row, err := r.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("%v is not an *Error", err)
				}
				if e.Kind == Unreadable {
					t.Fatalf("unexpected %v", err)
				}
				check("error", e.Line, e.Col)
				continue
			}
			if len(row.Cells) == 0 {
				t.Fatal("row without cells")
			}
			check("row", row.Line, 1)
			for i := range row.Cells {
				line, col := row.Pos(i)
				if line < row.Line {
					t.Fatalf("cell %d on line %d, before its row's line %d", i, line, row.Line)
				}
				check("cell", line, col)
			}
		}
		t.Fatal("Next does not reach io.EOF")
	})
}

func FuzzXLSX(f *testing.F) {
	f.Add(book(f, "Sheet1", map[string]any{"A1": "名称", "B1": "值", "A2": "x", "B2|14": 44621, "C4|0.0%": 0.5}, nil))
	f.Add(book(f, "数据", map[string]any{"B2": 1.5, "C2|#,##0": 1239, "A3": true}, nil))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := New("f.xlsx", data)
		if err != nil {
			// A workbook is refused whole: unreadable, or its parts claim
			// to unzip to more than the limit (checked before unzipping).
			var e *Error
			if !errors.As(err, &e) || (e.Kind != Unreadable && e.Kind != UnzipTooLarge) {
				t.Fatalf("New: %v", err)
			}
			return
		}
		defer r.Close()
		last := 0
		for range excelize.TotalRows + 2 {
			row, err := r.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				var e *Error
				if !errors.As(err, &e) || e.Kind != Unreadable {
					t.Fatalf("Next: %v", err)
				}
				continue
			}
			if row.Line <= last || row.Line > excelize.TotalRows {
				t.Fatalf("row %d after row %d", row.Line, last)
			}
			last = row.Line
			if len(row.Cells) > excelize.MaxColumns {
				t.Fatalf("%d cells", len(row.Cells))
			}
			for i := range row.Cells {
				if line, col := row.Pos(i); line != row.Line || col != i+1 {
					t.Fatalf("cell %d at %d:%d", i, line, col)
				}
			}
		}
		t.Fatal("Next does not reach io.EOF")
	})
}

// FuzzXLSXParts fuzzes the worksheet and style sheet XML inside an otherwise
// valid workbook, which random changes to zipped bytes rarely reach.
func FuzzXLSXParts(f *testing.F) {
	base := book(f, "Sheet1", map[string]any{
		"A1": "名称", "B1": "值", "A2": "x", "B2|14": 44621, "C4|0.0%": 0.5, "D4|#,##0": 1239,
	}, nil)
	f.Add(zipPart(f, base, sheetPart), zipPart(f, base, stylesPart))
	f.Add([]byte(`<worksheet><sheetData><row r="3"><c r="B3" s="1"><v>44621.5</v></c><c r="D3" t="s"><v>0</v></c></row></sheetData></worksheet>`),
		[]byte(`<styleSheet><numFmts><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><cellXfs><xf/><xf numFmtId="164"/></cellXfs></styleSheet>`))
	f.Fuzz(func(t *testing.T, sheet, styles []byte) {
		data := replaceParts(t, base, map[string][]byte{sheetPart: sheet, stylesPart: styles})
		r, err := New("f.xlsx", data)
		if err != nil {
			return
		}
		defer r.Close()
		last := 0
		for range excelize.TotalRows + 2 {
			row, err := r.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				var e *Error
				if !errors.As(err, &e) || e.Kind != Unreadable {
					t.Fatalf("Next: %v", err)
				}
				continue
			}
			if row.Line <= last || row.Line > excelize.TotalRows {
				t.Fatalf("row %d after row %d", row.Line, last)
			}
			last = row.Line
		}
		t.Fatal("Next does not reach io.EOF")
	})
}

const (
	sheetPart  = "xl/worksheets/sheet1.xml"
	stylesPart = "xl/styles.xml"
)

func zipPart(t testing.TB, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func replaceParts(t testing.TB, data []byte, parts map[string][]byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, file := range zr.File {
		w, err := zw.Create(file.Name)
		if err != nil {
			t.Fatal(err)
		}
		if b, ok := parts[file.Name]; ok {
			w.Write(b)
			continue
		}
		rc, err := file.Open()
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(w, rc)
		rc.Close()
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}
