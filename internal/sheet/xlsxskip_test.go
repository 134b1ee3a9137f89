package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
)

func TestRowNumbers(t *testing.T) {
	tests := []struct {
		text         string
		after, first int
		last         int
		ok           bool
	}{
		{`<row r="3"><c r="A3"><v>1</v></c></row>`, 2, 3, 3, true},
		{`<row r="3"><c/></row><row r="4" spans="1:3"/><row ht="15" r='9'><c/></row>`, 1, 3, 9, true},
		{"\n  <row\tr = \"5\" >x</row>", 4, 5, 5, true},
		{`<row r="3"></row>`, 3, 3, 0, false},                     // not after the row read last
		{`<row r="3"></row>`, 1, 2, 0, false},                     // not the line asked for
		{`<row r="3"></row><row r="3"></row>`, 1, 3, 0, false},    // not ever higher
		{`<row r="3"></row><row></row>`, 1, 3, 0, false},          // a row without its number
		{`<row spans="1:2"></row>`, 0, 1, 0, false},               // the first without its number
		{`<row r="x3"></row>`, 0, 3, 0, false},                    // not a number
		{`<row r="3"><!-- <row r="4"> --></row>`, 1, 3, 0, false}, // a comment
		{`<row r="3"><c><is><t><![CDATA[<row r="9">]]></t></is></c></row>`, 1, 3, 0, false},
		{`<rowBreaks/><row r="2"></row>`, 1, 2, 2, true},           // another element
		{`<c/>`, 1, 2, 0, false},                                   // no row
		{`<row r="3"`, 1, 3, 0, false},                             // cut short
		{`<x:row r="3"></x:row>`, 1, 3, 0, false},                  // a prefix: not passed over
		{`<row r="2"></row><x:row r="3"></x:row>`, 1, 2, 0, false}, // a row with a prefix among others
		{`<row a=">" r="3"><c/></row>`, 2, 3, 3, true},             // a '>' in another attribute's value
		{`<row r = '4'/>`, 3, 4, 4, true},
		{`<row r="3" s="1" customFormat="1"><c r="A3"/></row>`, 2, 3, 3, true},
	}
	for _, tt := range tests {
		last, ok := rowNumbers([]byte(tt.text), tt.after, tt.first)
		if last != tt.last || ok != tt.ok {
			t.Errorf("rowNumbers(%q, %d, %d) = %d, %v; want %d, %v", tt.text, tt.after, tt.first, last, ok, tt.last, tt.ok)
		}
	}
}

// rowsOf reads every row of a workbook, passing over, after each row read,
// the rows of last that follow the row of the same line there (when last
// has such rows and they are in the workbook as they were), as serve's
// loads do: the rows, taken from last where passed over, and the error
// the reading ended with.
type readRow struct {
	line  int
	cells []string
	raw   string
}

func rowsOf(t testing.TB, data []byte, last []readRow, chunk int) (rows []readRow, passed int, err error) {
	r, err := New("f.xlsx", data)
	if err != nil {
		return nil, 0, err
	}
	defer r.Close()
	for range 10000 {
		row, err := r.Next()
		if err == io.EOF {
			return rows, passed, nil
		}
		if err != nil {
			return rows, passed, err
		}
		rows = append(rows, readRow{row.Line, slices.Clone(row.Cells), string(row.Raw())})
		at := slices.IndexFunc(last, func(l readRow) bool { return l.line == row.Line })
		if at < 0 || at+1 >= len(last) {
			continue
		}
		run := last[at+1 : min(at+1+chunk, len(last))]
		var text strings.Builder
		for _, l := range run {
			text.WriteString(l.raw)
		}
		if r.Skip([]byte(text.String()), run[0].line, len(run)) {
			rows, passed = append(rows, run...), passed+len(run)
		}
	}
	t.Fatal("Next does not reach io.EOF")
	return nil, 0, nil
}

// TestXLSXSkip reads a workbook after another whose sheet is a little
// different, passing over the rows that were there before: the rows read
// are those of a plain read.
func TestXLSXSkip(t *testing.T) {
	base := book(t, "Sheet1", map[string]any{"A1": "名称", "B1": "值", "A2": "x", "B2|14": 44621, "A3": "y", "B3": 2, "A4": "z", "B4": 3, "A5": "w", "B5": 4}, nil)
	sheet := zipPart(t, base, sheetPart)
	first, _, err := rowsOf(t, base, nil, 0)
	if err != nil || len(first) != 5 {
		t.Fatalf("%d rows, %v", len(first), err)
	}
	for _, tt := range []struct {
		name   string
		edit   func(string) string
		passed int
	}{
		{"as it was", func(s string) string { return s }, 3},
		{"a value changed", func(s string) string { return strings.Replace(s, `<c r="B4"><v>3</v>`, `<c r="B4"><v>33</v>`, 1) }, 1},
		{"a row hidden", func(s string) string { return strings.Replace(s, `<row r="4"`, `<row r="4" hidden="1"`, 1) }, 1},
		{"rows renumbered", func(s string) string { return strings.ReplaceAll(s, `r="5"`, `r="6"`) }, 3},
	} {
		data := replaceParts(t, base, map[string][]byte{sheetPart: []byte(tt.edit(string(sheet)))})
		plain, _, perr := rowsOf(t, data, nil, 0)
		got, passed, err := rowsOf(t, data, first, 3)
		if fmt.Sprint(perr) != fmt.Sprint(err) || !sameRows(plain, got) {
			t.Errorf("%s: read passing over %v, %v; plainly %v, %v", tt.name, got, err, plain, perr)
		}
		if passed < tt.passed {
			t.Errorf("%s: %d rows passed over, want %d", tt.name, passed, tt.passed)
		}
	}
}

func sameRows(a, b []readRow) bool {
	return slices.EqualFunc(a, b, func(x, y readRow) bool { return x.line == y.line && slices.Equal(x.cells, y.cells) })
}

// FuzzXLSXSkip reads a workbook with one sheet after the same workbook with
// another, passing over the rows that read as they did (rowsOf): the rows
// are those a plain read gives, and it ends the same way.
func FuzzXLSXSkip(f *testing.F) {
	base := book(f, "Sheet1", map[string]any{"A1": "名称", "B1": "值", "A2": "x", "B2|14": 44621, "A3": "y", "B3": 2, "A4": "z", "B4": 3}, nil)
	sheet := zipPart(f, base, sheetPart)
	f.Add(sheet, bytes.Replace(sheet, []byte("<v>3</v>"), []byte("<v>4</v>"), 1))
	f.Add([]byte(`<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>a</t></is></c></row><row r="2"><c><v>1</v></c></row> <row r="3"><c><v>2</v></c></row></sheetData></worksheet>`),
		[]byte(`<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>a</t></is></c></row><row r="2"><c><v>1</v></c></row> <row r="3"><c><v>2</v></c></row><row r="4"><c><v>2</v></c></row></sheetData></worksheet>`))
	f.Add([]byte(`<worksheet><sheetData><row><c><v>1</v></c></row><row><c><v>2</v></c></row><row><c><v>3</v></c></row></sheetData></worksheet>`),
		[]byte(`<worksheet><sheetData><row><c><v>1</v></c></row><row r="2"><c><v>2</v></c></row><row><c><v>3</v></c></row></sheetData></worksheet>`))
	f.Fuzz(func(t *testing.T, before, after []byte) {
		first, _, err := rowsOf(t, replaceParts(t, base, map[string][]byte{sheetPart: before}), nil, 0)
		if err != nil && !errors.As(err, new(*Error)) {
			t.Fatal(err)
		}
		data := replaceParts(t, base, map[string][]byte{sheetPart: after})
		plain, _, perr := rowsOf(t, data, nil, 0)
		for _, chunk := range []int{1, 2, 100} {
			got, _, err := rowsOf(t, data, first, chunk)
			if fmt.Sprint(perr) != fmt.Sprint(err) || !sameRows(plain, got) {
				t.Fatalf("read passing over %d at a time %v, %v; plainly %v, %v", chunk, got, err, plain, perr)
			}
		}
	})
}

// TestXLSXRawKept: a row's raw text is kept up to maxKept; a row after
// more blank rows than that has none (and is read again next time).
func TestXLSXRawKept(t *testing.T) {
	base := book(t, "Sheet1", map[string]any{"A1": "名称"}, nil)
	var x strings.Builder
	x.WriteString(`<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>`)
	n := 3
	for ; x.Len() < maxKept+1000; n++ {
		fmt.Fprintf(&x, `<row r="%d"><c r="A%d"/></row>`, n, n)
	}
	fmt.Fprintf(&x, `<row r="%d"><c r="A%d"><v>3</v></c></row></sheetData></worksheet>`, n, n)
	rows, _, err := rowsOf(t, replaceParts(t, base, map[string][]byte{sheetPart: []byte(x.String())}), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var raws []string
	for _, r := range rows {
		raws = append(raws, r.raw)
	}
	if len(raws) != 3 || raws[1] != `<row r="2"><c r="A2"><v>2</v></c></row>` || raws[2] != "" {
		t.Errorf("raw texts %.80q", raws)
	}
}
