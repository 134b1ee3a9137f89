package load

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/sheet"
	"github.com/qingdan/qingdan/internal/value"
)

// TestWorkbookReadingsAgain is TestReadingsAgain with the readings kept in
// a workbook, saved again whole after each edit (as Excel saves one): the
// records read as a first load reads them; rows whose XML is as it was,
// with the same shared strings and number formats, are passed over or
// taken from the last load.
func TestWorkbookReadingsAgain(t *testing.T) {
	var projects strings.Builder
	projects.WriteString("id,org,title,owner,start,due,indicator,baseline,target\n")
	for i := range 3 * chunk {
		fmt.Fprintf(&projects, "p%d,wenyuan,x%d,y,2021-01-01,2022-12-31,z,0,1000\n", i, i)
	}
	src := site(t, map[string]string{"orgs.csv": orgs, "projects.csv": projects.String()})
	file := filepath.Join(src, "data", "progress.xlsx")
	x := excelize.NewFile()
	code := "yyyy-mm-dd"
	date, err := x.NewStyle(&excelize.Style{CustomNumFmt: &code})
	if err != nil {
		t.Fatal(err)
	}
	x.SetSheetRow("Sheet1", "A1", &[]any{"project", "date", "value", "note"})
	for i := range 3 * chunk {
		note := any(nil)
		if i%5 == 0 {
			note = "核实"
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		x.SetSheetRow("Sheet1", cell, &[]any{fmt.Sprintf("p%d", i), 44651, i % 997, note}) // 2022-03-31
	}
	x.SetCellStyle("Sheet1", "B2", fmt.Sprintf("B%d", 3*chunk+1), date)
	var book bytes.Buffer
	if err := x.Write(&book); err != nil {
		t.Fatal(err)
	}
	parts := unzipParts(t, book.Bytes())
	sheetXML := string(parts["xl/worksheets/sheet1.xml"])
	at := chunk + 7 // a row of the second chunk
	row := func(n int) *regexp.Regexp { return regexp.MustCompile(fmt.Sprintf(`<row r="%d"[^>]*>.*?</row>`, n)) }
	correct := func(n, v int) func(map[string]string) {
		return func(p map[string]string) {
			s := p["xl/worksheets/sheet1.xml"]
			old := row(n).FindString(s)
			p["xl/worksheets/sheet1.xml"] = strings.Replace(s, old, regexp.MustCompile(`<c r="C\d+"><v>\d+</v></c>`).ReplaceAllString(old, fmt.Sprintf(`<c r="C%d"><v>%d</v></c>`, n, v)), 1)
		}
	}
	formula := func(p map[string]string) {
		s := p["xl/worksheets/sheet1.xml"]
		old := row(at + 2).FindString(s)
		p["xl/worksheets/sheet1.xml"] = strings.Replace(s, old, regexp.MustCompile(`<c r="C\d+"><v>\d+</v></c>`).ReplaceAllString(old, fmt.Sprintf(`<c r="C%d"><f>1+1</f></c>`, at+2)), 1)
	}
	edits := []struct {
		name string
		edit func(map[string]string)
		kept int // at least this many rows taken from the last load
	}{
		{"unchanged, first", func(map[string]string) {}, 0},
		{"unchanged", func(map[string]string) {}, 3*chunk - headScan},
		{"a value corrected", correct(at+2, 999), 3*chunk - headScan - 1},
		{"corrected again", correct(at+2, 998), 3*chunk - headScan - 1},
		{"a bad value", func(p map[string]string) {
			s := p["xl/worksheets/sheet1.xml"]
			old := row(at + 2).FindString(s)
			p["xl/worksheets/sheet1.xml"] = strings.Replace(s, old, regexp.MustCompile(`<c r="C\d+"><v>\d+</v></c>`).ReplaceAllString(old, fmt.Sprintf(`<c r="C%d" t="inlineStr"><is><t>九九</t></is></c>`, at+2)), 1)
		}, 3*chunk - headScan - 1},
		{"a formula saved without its result", formula, 3*chunk - headScan - 1},
		{"the formula again", formula, 3*chunk - headScan - 1},
		{"a shared string changed", func(p map[string]string) {
			p["xl/sharedStrings.xml"] = strings.Replace(p["xl/sharedStrings.xml"], "核实", "待核实", 1)
		}, 0},
		{"as it was", func(map[string]string) {}, 0},
		{"another date format", func(p map[string]string) { // the cells read as they did
			p["xl/styles.xml"] = strings.Replace(p["xl/styles.xml"], "yyyy-mm-dd", "yyyy/m/d", 1)
		}, 3*chunk - headScan},
		{"a number format where the date's was", func(p map[string]string) {
			p["xl/styles.xml"] = strings.Replace(p["xl/styles.xml"], "yyyy-mm-dd", "0.00", 1)
		}, 0},
		{"as it was again", func(map[string]string) {}, 0},
		{"a row deleted, the rows after renumbered", func(p map[string]string) {
			s := p["xl/worksheets/sheet1.xml"]
			for n := 5; n <= 3*chunk+1; n++ {
				s = strings.Replace(s, row(n).FindString(s), renumber(row(n).FindString(s), n, n-1), 1)
			}
			p["xl/worksheets/sheet1.xml"] = s
		}, 0},
		{"as it was once more", func(map[string]string) {}, 0},
		{"a total row", func(p map[string]string) { // left out, and the rows after it read again
			s := p["xl/worksheets/sheet1.xml"]
			total := fmt.Sprintf(`<row r="%d"><c r="A%d" t="inlineStr"><is><t>合计</t></is></c><c r="C%d"><v>5</v></c></row>`, at, at, at)
			p["xl/worksheets/sheet1.xml"] = strings.Replace(s, row(at).FindString(s), total, 1)
		}, at - headScan - 2},
		{"the total row again", func(p map[string]string) {
			s := p["xl/worksheets/sheet1.xml"]
			total := fmt.Sprintf(`<row r="%d"><c r="A%d" t="inlineStr"><is><t>合计</t></is></c><c r="C%d"><v>5</v></c></row>`, at, at, at)
			p["xl/worksheets/sheet1.xml"] = strings.Replace(s, row(at).FindString(s), total, 1)
		}, 3*chunk - headScan - 1},
	}
	if err := os.WriteFile(file, book.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	rc := ReadRecords(src, value.DefaultOrgTypes(), sheet.Limits{})
	for _, e := range edits {
		p := map[string]string{}
		for n, b := range parts {
			p[n] = string(b)
		}
		p["xl/worksheets/sheet1.xml"] = sheetXML
		e.edit(p)
		if err := os.WriteFile(file, zipParts(t, p), 0o644); err != nil {
			t.Fatal(err)
		}
		var l1, l2 diag.List
		again := rc.Load(sheet.Limits{}, &l1)
		fresh := Dir(src, value.DefaultOrgTypes(), sheet.Limits{}, &l2)
		if problems(&l1) != problems(&l2) {
			t.Fatalf("%s: loaded again:\n%s\nfirst load:\n%s", e.name, problems(&l1), problems(&l2))
		}
		for i, pr := range fresh.Projects {
			if !slices.Equal(pr.Readings, again.Projects[i].Readings) {
				t.Fatalf("%s: %s: loaded again %+v, first load %+v", e.name, pr.ID, again.Projects[i].Readings, pr.Readings)
			}
		}
		if again.Readings != fresh.Readings || again.Latest != fresh.Latest || !maps.Equal(again.Notes, fresh.Notes) {
			t.Fatalf("%s: loaded again %d readings, latest %v, %d notes; first load %d, %v, %d", e.name,
				again.Readings, again.Latest, len(again.Notes), fresh.Readings, fresh.Latest, len(fresh.Notes))
		}
		if rc.decoded.passed < e.kept/2 || rc.taken < e.kept {
			t.Errorf("%s: %d rows passed over, %d taken from the last load; want %d", e.name, rc.decoded.passed, rc.taken, e.kept)
		}
		t.Logf("%s: %d passed over, %d taken", e.name, rc.decoded.passed, rc.taken)
	}
}

// renumber is the XML of row from, numbered to.
func renumber(row string, from, to int) string {
	return regexp.MustCompile(fmt.Sprintf(`r="([A-Z]*)%d"`, from)).ReplaceAllString(row, fmt.Sprintf(`r="${1}%d"`, to))
}

func unzipParts(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name], err = io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return parts
}

func zipParts(t *testing.T, parts map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, n := range slices.Sorted(maps.Keys(parts)) {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, parts[n])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
