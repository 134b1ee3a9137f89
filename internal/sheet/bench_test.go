package sheet

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// rows generates a file of n rows of 4 columns, about a third of them
// Chinese text.
func rows(n int) []byte {
	var b bytes.Buffer
	b.WriteString("project,date,value,note\n")
	for i := range n {
		fmt.Fprintf(&b, "p%d,2024-%02d-%02d,%d.5,第%d次 进度说明\n", i, i%12+1, i%28+1, i%10000, i)
	}
	return b.Bytes()
}

func benchmarkCSV(b *testing.B, data []byte, enc string) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		r, err := New("bench.csv", data)
		if err != nil {
			b.Fatal(err)
		}
		if r.Encoding() != enc {
			b.Fatalf("encoding %s, want %s", r.Encoding(), enc)
		}
		for {
			_, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkCSV(b *testing.B) {
	benchmarkCSV(b, rows(1_000_000), "UTF-8")
}

func BenchmarkCSVGB18030(b *testing.B) {
	data, err := simplifiedchinese.GB18030.NewEncoder().Bytes(rows(1_000_000))
	if err != nil {
		b.Fatal(err)
	}
	benchmarkCSV(b, data, "GB18030")
}

// BenchmarkXLSX reads a workbook of 100,000 readings as Excel saves them:
// shared strings, dates as numbers in a date format, notes on some rows.
func BenchmarkXLSX(b *testing.B) {
	f := excelize.NewFile()
	date, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		b.Fatal(err)
	}
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	sw.SetRow("A1", []any{"project", "date", "value", "note"})
	const n = 100_000
	for i := range n {
		row := []any{fmt.Sprintf("p%d", i/12), excelize.Cell{StyleID: date, Value: 45000 + i%365}, float64(i%1000) + 0.5}
		if i%3 == 0 {
			row = append(row, fmt.Sprintf("第%d次 进度说明", i%50))
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := New("bench.xlsx", data)
		if err != nil {
			b.Fatal(err)
		}
		got := 0
		for {
			row, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			if got++; got == 2 && row.Cells[1] != "2023-03-15" {
				b.Fatalf("row 2: %q", row.Cells)
			}
		}
		r.Close()
		if got != n+1 {
			b.Fatalf("%d rows", got)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "rows/s")
}
