package sheet

import (
	"bytes"
	"fmt"
	"io"
	"testing"

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
