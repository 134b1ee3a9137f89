package sheet

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// oracle reads the first sheet of a workbook as the package did before it
// had a reader of its own, with excelize alone: two row iterators in step,
// one giving the stored values, the other the values formatted with every
// number format replaced by a marker naming its class. The reader must give
// what it gives (FuzzXLSXSame), where excelize's answer is not a slip of
// its own (see sheetOf).
func oracle(t testing.TB, data []byte) []string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	name := f.GetSheetList()[0]
	date1904 := false
	if p, err := f.GetWorkbookProps(); err == nil && p.Date1904 != nil {
		date1904 = *p.Date1904
	}
	if err := oracleMarks(f); err != nil {
		t.Fatal(err)
	}
	raw, err := f.Rows(name)
	if err != nil {
		t.Fatal(err)
	}
	fmtd, err := f.Rows(name)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for line := 1; raw.Next(); line++ {
		fmtd.Next()
		a, err := raw.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		b, err := fmtd.Columns()
		if err != nil {
			t.Fatal(err)
		}
		var cells []string
		for i := range max(len(a), len(b)) {
			cells = append(cells, oracleCell(at(a, i), at(b, i), date1904))
		}
		if blank(cells) {
			continue
		}
		var s strings.Builder
		fmt.Fprintf(&s, "%d", line)
		for i, c := range cells {
			fmt.Fprintf(&s, " %q@%d:%d", c, line, i+1)
		}
		out = append(out, s.String())
	}
	return out
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return ""
}

var oracleMarkers = [...]string{classNumber: "<number>", classDate: "<date>", classPercent: "<percent>"}

// oracleMarks replaces the number format of every cell style by a format
// that shows any number as the marker of the format's class.
func oracleMarks(f *excelize.File) error {
	_, _ = f.GetStyle(0)
	ss := f.Styles
	if ss == nil || ss.CellXfs == nil || len(ss.CellXfs.Xf) <= 1 {
		return nil
	}
	custom := map[int]string{}
	if ss.NumFmts != nil {
		for _, nf := range ss.NumFmts.NumFmt {
			custom[nf.NumFmtID] = nf.FormatCode
			if nf.FormatCode16 != "" {
				custom[nf.NumFmtID] = nf.FormatCode16
			}
		}
	}
	classes := make([]numClass, len(ss.CellXfs.Xf))
	for i, xf := range ss.CellXfs.Xf {
		id := 0
		if xf.NumFmtID != nil {
			id = *xf.NumFmtID
		}
		if code, ok := custom[id]; ok {
			classes[i] = classifyCode(code)
		} else {
			classes[i] = classifyBuiltIn(id)
		}
	}
	var ids [len(oracleMarkers)]*int
	for c, m := range oracleMarkers {
		code := `"` + m + `";"` + m + `";"` + m + `"`
		st, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
		if err != nil {
			return err
		}
		id := *f.Styles.CellXfs.Xf[st].NumFmtID
		ids[c] = &id
	}
	xfs := f.Styles.CellXfs.Xf
	for i, c := range classes {
		xfs[i].NumFmtID = ids[c]
	}
	return nil
}

// oracleCell is a cell's text from its stored value a and its value b as
// formatted with the marker formats.
func oracleCell(a, b string, date1904 bool) string {
	switch b {
	case oracleMarkers[classNumber], oracleMarkers[classDate], oracleMarkers[classPercent]:
		v, ok := number(a)
		switch {
		case !ok:
			if b == oracleMarkers[classDate] && isISODate(a) {
				return a[:10]
			}
			return a
		case b == oracleMarkers[classDate]:
			if s, ok := SerialDate(v, date1904); ok {
				return s
			}
		case b == oracleMarkers[classPercent]:
			if p := v * 100; !math.IsInf(p, 0) {
				return formatNumber(p) + "%"
			}
		}
		return formatNumber(v)
	}
	if a != b {
		if v, ok := number(a); ok {
			if _, ok := number(b); ok {
				return formatNumber(v)
			}
		}
	}
	return b
}
