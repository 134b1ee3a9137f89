package main

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
)

// workbook measures the county's readings kept as a workbook, as a clerk
// keeps them in Excel: qingdan check against the same readings as CSV, and
// serve, a reading corrected in the workbook. The figures have no targets
// of their own; they show what reading a workbook costs next to a CSV.
func (b *bench) workbook(src string) error {
	dir, text := filepath.Join(b.dir, "county-xlsx"), filepath.Join(b.dir, "county-csv")
	book := filepath.Join(dir, "data", "progress.xlsx")
	if _, err := os.Stat(book); err != nil {
		fmt.Fprintf(b.log, "writing %s\n", book)
		if err := copyData(src, text, true); err != nil {
			return err
		}
		if err := copyData(src, dir, false); err != nil {
			return err
		}
		if err := writeWorkbook(filepath.Join(src, "data", "progress.csv"), book); err != nil {
			return err
		}
	}
	var xs, cs []measure
	for range b.runs {
		x, err := timeIt(nil, b.bin, "check", "-s", dir)
		if err != nil {
			return err
		}
		c, err := timeIt(nil, b.bin, "check", "-s", text)
		if err != nil {
			return err
		}
		xs, cs = append(xs, x), append(cs, c)
	}
	fmt.Fprintf(b.out, "  check, readings in a workbook      %6.2f s  (the same as CSV %.2f s)\n", median(xs).wall.Seconds(), median(cs).wall.Seconds())
	took, err := b.serve(dir, workbookEdits(filepath.Join(src, "data", "progress.csv")))
	if err != nil {
		return err
	}
	fmt.Fprintf(b.out, "  serve: reading saved in a workbook → page, ms %d\n", took.Milliseconds())
	return nil
}

// copyData copies a site's settings and data files, not its articles,
// nor its progress file unless progress.
func copyData(src, dst string, progress bool) error {
	if err := os.MkdirAll(filepath.Join(dst, "data"), 0o755); err != nil {
		return err
	}
	names, err := filepath.Glob(filepath.Join(src, "data", "*.csv"))
	if err != nil {
		return err
	}
	for _, n := range append(names, filepath.Join(src, "qingdan.toml")) {
		rel, _ := filepath.Rel(src, n)
		if rel == filepath.Join("data", "progress.csv") && !progress {
			continue
		}
		data, err := os.ReadFile(n)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dst, rel), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// writeWorkbook writes the readings of a progress CSV as Excel saves a
// workbook: text as shared strings, dates as serial numbers in a date
// format, values as numbers.
func writeWorkbook(from, to string) error {
	f, err := os.Open(from)
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return err
	}
	x := excelize.NewFile()
	defer x.Close()
	code := "yyyy-mm-dd"
	date, err := x.NewStyle(&excelize.Style{CustomNumFmt: &code})
	if err != nil {
		return err
	}
	for i, rec := range rows {
		row := make([]any, len(rec))
		for j, c := range rec {
			row[j] = c
			if i > 0 && j == 1 {
				if t, err := time.Parse("2006-01-02", c); err == nil {
					row[j] = serial(t)
				}
			}
			if i > 0 && j == 2 {
				if v, err := strconv.ParseFloat(c, 64); err == nil {
					row[j] = v
				}
			}
			if c == "" {
				row[j] = nil
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow("Sheet1", cell, &row); err != nil {
			return err
		}
	}
	if err := x.SetCellStyle("Sheet1", "B2", fmt.Sprintf("B%d", len(rows)), date); err != nil {
		return err
	}
	return x.SaveAs(to)
}

// serial is a day as a workbook stores it.
func serial(t time.Time) int {
	return int(t.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}

var (
	firstRow = regexp.MustCompile(`<row r="2"[^>]*>.*?</row>`)
	dateCell = regexp.MustCompile(`<c r="B2"[^>]*s="(\d+)"`)
)

// workbookEdits are the workbook saved with the first reading (of the
// progress CSV text) corrected, each time with another note, as Excel
// writes it again whole.
func workbookEdits(text string) func(string) ([]change, error) {
	return func(src string) ([]change, error) { return editWorkbook(src, text) }
}

func editWorkbook(src, text string) ([]change, error) {
	file := filepath.Join(src, "data", "progress.xlsx")
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	const part = "xl/worksheets/sheet1.xml"
	f, err := zr.Open(part)
	if err != nil {
		return nil, err
	}
	sheet, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		return nil, err
	}
	row := firstRow.Find(sheet)
	style := dateCell.FindSubmatch(row)
	first, err := firstReading(text)
	if err != nil || row == nil || style == nil {
		return nil, fmt.Errorf("%s: no first reading to correct (%v)", file, err)
	}
	day, err := time.Parse("2006-01-02", first[1])
	if err != nil {
		return nil, err
	}
	var cs []change
	for i := range saves {
		mark := fmt.Sprintf("第%d次更正", i+1)
		edited := fmt.Sprintf(`<row r="2"><c r="A2" t="inlineStr"><is><t>%s</t></is></c><c r="B2" s="%s"><v>%d</v></c><c r="C2"><v>%d</v></c><c r="D2" t="inlineStr"><is><t>%s</t></is></c></row>`,
			first[0], style[1], serial(day), i%2, mark)
		book, err := withPart(zr, part, firstRow.ReplaceAllLiteral(sheet, []byte(edited)))
		if err != nil {
			return nil, err
		}
		cs = append(cs, change{file, string(book), "projects/" + first[0] + "/", mark})
	}
	return cs, nil
}

// firstReading is the first reading of a progress CSV.
func firstReading(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	if _, err := r.Read(); err != nil {
		return nil, err
	}
	return r.Read()
}

// withPart is the zip zr with the part name's bytes replaced.
func withPart(zr *zip.Reader, name string, data []byte) ([]byte, error) {
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		w, err := zw.Create(f.Name)
		if err != nil {
			return nil, err
		}
		if f.Name == name {
			_, err = w.Write(data)
		} else {
			var rc io.ReadCloser
			if rc, err = f.Open(); err == nil {
				_, err = io.Copy(w, rc)
				rc.Close()
			}
		}
		if err != nil {
			return nil, err
		}
	}
	err := zw.Close()
	return out.Bytes(), err
}
