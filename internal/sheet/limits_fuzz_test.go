package sheet

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// FuzzCSVLimits reads any bytes under small limits (a cell of 1 to 64
// bytes, 1 to 8 rows): the reader never panics, a cell or row over its
// limit is an *Error at a place inside the file, reading goes on after a
// cell over its limit and ends after too many rows.
func FuzzCSVLimits(f *testing.F) {
	for _, s := range []string{
		"id,name\n1,文苑社区党总支部委员会\n2,x\n3,y\n",
		"a,\"long\nquoted\ncell over lines\",b\nc,d,e\n",
		"\xEF\xBB\xBFa,b\r\nxxxxxxxxxxxxxxxxxxxxxxxx,y\r\n,,\r\n\r\nz,w\r\n",
		"\xc3\xfb\xb3\xc6,\xc0\xe0\xd0\xcd\n\xce\xc4\xce\xc4\xce\xc4\xce\xc4,\"\xd4\xb7\r\n\"\n",
		"\xFF\xFEa\x00\t\x00b\x00\n\x00c\x00c\x00c\x00c\x00\n\x00",
	} {
		f.Add([]byte(s), uint8(4), uint8(2))
	}
	f.Fuzz(func(t *testing.T, data []byte, cell, rows uint8) {
		lim := Limits{CellSize: 1 + int64(cell%64), Rows: 1 + int64(rows%8)}
		r, err := lim.New("f.csv", data)
		if err != nil {
			t.Fatal(err)
		}
		lines := decodedLines(t, r.Encoding(), data)
		inside := func(line int) bool { return line >= 1 && line <= len(lines)+1 }
		n := 0
		for range len(data) + 3 {
			row, err := r.Next()
			if err == io.EOF {
				return
			}
			if err == nil {
				if n++; int64(n) > lim.Rows {
					t.Fatalf("row %d read under a limit of %d rows", n, lim.Rows)
				}
				if !inside(row.Line) {
					t.Fatalf("row on line %d of %d", row.Line, len(lines))
				}
				for i, c := range row.Cells {
					if int64(len(c)) > lim.CellSize {
						t.Fatalf("cell %d holds %d bytes, over the limit of %d", i, len(c), lim.CellSize)
					}
				}
				continue
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("%v is not an *Error", err)
			}
			switch e.Kind {
			case Unreadable, FileTooLarge, UnzipTooLarge:
				t.Fatalf("unexpected %v", err)
			case CellTooLarge:
				if e.Size <= e.Limit || e.Limit != lim.CellSize && e.Limit != lim.rowLimit() {
					t.Fatalf("%v: %d bytes over a limit of %d", err, e.Size, e.Limit)
				}
			}
			if !inside(e.Line) {
				t.Fatalf("%v: line %d of %d", err, e.Line, len(lines))
			}
		}
		t.Fatal("Next does not reach io.EOF")
	})
}

// FuzzXLSXLimits fuzzes the worksheet XML inside a valid workbook read
// under small limits (the workbook's own size; a cell of 1 to 64 bytes; 1
// to 8 rows): a worksheet that unzips to more than UnzipFactor times the
// file, a cell or a row over its limit is an *Error, never a panic, and
// no row or cell over a limit is handed on.
func FuzzXLSXLimits(f *testing.F) {
	base := book(f, "Sheet1", map[string]any{"A1": "名称", "B1": "值", "A2": "文苑社区党总支部委员会", "B2|14": 44621}, nil)
	f.Add(zipPart(f, base, sheetPart), uint8(4), uint8(2))
	f.Add([]byte(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`+strings.Repeat("长", 5000)+`</t></is></c></row></sheetData></worksheet>`), uint8(8), uint8(1))
	f.Add([]byte(`<worksheet><sheetData>`+strings.Repeat(`<row><c t="inlineStr"><is><t>x</t></is></c></row>`, 200)+`</sheetData></worksheet>`), uint8(8), uint8(3))
	f.Fuzz(func(t *testing.T, sheet []byte, cell, rows uint8) {
		data := replaceParts(t, base, map[string][]byte{sheetPart: sheet})
		lim := Limits{WorkbookSize: int64(len(data)), CellSize: 1 + int64(cell%64), Rows: 1 + int64(rows%8)}
		r, err := lim.New("f.xlsx", data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Kind != Unreadable && e.Kind != UnzipTooLarge {
				t.Fatalf("New: %v", err)
			}
			return
		}
		defer r.Close()
		n := 0
		for range excelize.TotalRows + 2 {
			row, err := r.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				var e *Error
				if !errors.As(err, &e) || e.Kind != Unreadable && e.Kind != CellTooLarge && e.Kind != TooManyRows && e.Kind != UnzipTooLarge {
					t.Fatalf("Next: %v", err)
				}
				continue
			}
			if n++; int64(n) > lim.Rows {
				t.Fatalf("row %d read under a limit of %d rows", n, lim.Rows)
			}
			for i, c := range row.Cells {
				if int64(len(c)) > lim.CellSize {
					t.Fatalf("cell %d holds %d bytes, over the limit of %d", i, len(c), lim.CellSize)
				}
			}
		}
		t.Fatal("Next does not reach io.EOF")
	})
}
