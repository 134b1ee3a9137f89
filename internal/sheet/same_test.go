package sheet

import (
	"encoding/xml"
	"fmt"
	"strings"
	"testing"
)

// Cell styles of sameStyles, by class: 0, 4 and 5 numbers (General,
// "0.00", "mm:ss"), 1, 3 and 6 dates (14, yyyy"年"m"月", 22), 2 and 7
// percents (10, 9); 12 is a style the sheet does not have.
const sameStyles = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
	`<numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/>` +
	`<numFmt numFmtId="165" formatCode="0.00"/><numFmt numFmtId="166" formatCode="mm:ss"/></numFmts>` +
	`<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>` +
	`<cellXfs count="8"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="10"/><xf numFmtId="164"/>` +
	`<xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="22"/><xf numFmtId="9"/></cellXfs></styleSheet>`

// sameStrings are the shared strings: rich text, phonetic guides, escapes.
var sameStrings = []string{
	`<t>名称</t>`, `<r><t>富</t></r><r><rPr><b/></rPr><t xml:space="preserve">文本 </t></r>`,
	`<t>a_x000D_b</t><rPh sb="0" eb="1"><t>ruby</t></rPh>`, `<t>_x005F_x0008_ and _xD800_</t>`,
	`<t>12</t>`, `<t>&lt;date&gt;</t>`, `<t></t>`, `<t> </t>`,
}

var (
	sameTypes   = []string{"", "n", "s", "str", "inlineStr", "b", "e", "d", "x"}
	sameNumbers = []string{"1", "0", "-1", "44621", "44621.5", "0.125", "1E-3", "1.0000000000000001E-3",
		"123456789012345678", "0.1", "-2.5", "abc", "", "1e400", "1_000", "0x1p-2", " 7", "2958466",
		"2.50", "007", "1234567890.12345", "0.000001", "123456789012345", "1234567890123456", "-0.5", ".5", "5."}
	sameValues = map[string][]string{
		"s":         {"0", "1", "2", "3", "4", "5", "6", " 7"},
		"str":       {"xy", "", "1.50", " ", "a&b<c"},
		"inlineStr": {`<is><t>名称</t></is>`, `<is><r><t>富</t></r><r><t xml:space="preserve">文本 </t></r></is>`, `<is><t>a_x0009_b</t><rPh><t>x</t></rPh></is>`, `<is></is>`, `<is><t>3</t></is>`},
		"b":         {"1", "0", "2", ""},
		"e":         {"#DIV/0!", "#N/A"},
		"d":         {"2022-03-01T10:00:00Z", "2022-03-01", "bad", ""},
	}
)

// sheetOf makes a worksheet and its shared strings from data: rows with or
// without numbers, gaps between them, cells of every type and style, with
// or without references and formulas, pretty-printed or not, the elements
// with or without a name-space prefix. It writes only what Excel, WPS or a
// program might: no cells out of order, dates typed "d" only under date
// formats, error values that are not numbers.
func sheetOf(data []byte) (sheet, sst []byte) {
	next := func(n int) int {
		if len(data) == 0 {
			return 0
		}
		b := int(data[0])
		data = data[1:]
		return b % n
	}
	p, sp := "", ""
	if next(2) == 1 {
		p, sp = "x:", "\n  "
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<%sworksheet xmlns%s="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><%ssheetData>`, p, strings.TrimSuffix(":"+p, ":"), p)
	line := 0
	for range 1 + next(6) {
		b.WriteString(sp)
		switch next(3) {
		case 0:
			line++
			fmt.Fprintf(&b, `<%srow r="%d">`, p, line)
		case 1:
			line += 2
			fmt.Fprintf(&b, `<%srow r="%d" spans="1:3">`, p, line)
		default:
			line++
			fmt.Fprintf(&b, `<%srow>`, p)
		}
		col := 0
		for range next(6) {
			gap := next(3)
			typ := sameTypes[next(len(sameTypes))]
			style := next(9)
			if style == 8 {
				style = 12
			}
			if typ == "d" {
				style = []int{1, 3, 6}[next(3)]
			}
			pool := sameValues[typ]
			if pool == nil {
				pool = sameNumbers
			}
			v := pool[next(len(pool))]
			fmt.Fprintf(&b, "%s<%sc", sp, p)
			if col++; next(4) > 0 { // else placed after the last cell
				col += gap
				fmt.Fprintf(&b, ` r="%s"`, cellName(col, line))
			}
			if style > 0 {
				fmt.Fprintf(&b, ` s="%d"`, style)
			}
			if typ != "" {
				fmt.Fprintf(&b, ` t="%s"`, typ)
			}
			b.WriteString(">")
			if next(4) == 0 {
				fmt.Fprintf(&b, "<%sf>A1+1</%sf>", p, p)
			}
			switch {
			case typ == "inlineStr":
				b.WriteString(strings.ReplaceAll(strings.ReplaceAll(v, "<", "<"+p), "<"+p+"/", "</"+p))
			case v != "" || next(2) == 0:
				fmt.Fprintf(&b, "<%sv>", p)
				xml.EscapeText(&b, []byte(v))
				fmt.Fprintf(&b, "</%sv>", p)
			}
			fmt.Fprintf(&b, "</%sc>", p)
		}
		fmt.Fprintf(&b, "%s</%srow>", sp, p)
	}
	fmt.Fprintf(&b, "</%ssheetData></%sworksheet>", p, p)
	var s strings.Builder
	s.WriteString(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	for _, si := range sameStrings {
		s.WriteString("<si>" + si + "</si>")
	}
	s.WriteString("</sst>")
	return []byte(b.String()), []byte(s.String())
}

const stringsPart = "xl/sharedStrings.xml"

// FuzzXLSXSame holds the reader to what excelize reads in the same
// workbooks (oracle).
func FuzzXLSXSame(f *testing.F) {
	f.Add([]byte{0, 3, 0, 5, 1, 2, 3, 4, 5, 6, 7, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
	f.Add([]byte{1, 5, 2, 4, 0, 2, 0, 1, 1, 1, 1, 0, 3, 4, 2, 2, 1, 1, 5, 5, 1, 0, 7, 7, 7, 1})
	f.Add([]byte("a workbook of every kind of cell, in every style, a few times over"))
	base := book(f, "Sheet1", map[string]any{"A1": "x"}, nil)
	f.Fuzz(func(t *testing.T, data []byte) {
		sheet, sst := sheetOf(data)
		book := replaceParts(t, base, map[string][]byte{sheetPart: sheet, stylesPart: []byte(sameStyles), stringsPart: sst})
		want := oracle(t, book)
		r, err := New("a.xlsx", book)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		if got := dump(t, r); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s\ngot\n\t%s\nwant\n\t%s", sheet, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
		}
	})
}

// The workbook's relationships may leave out the style sheet and shared
// strings, name their types as strict OOXML does, or give targets from
// the package's root: the sheet reads the same.
func TestXLSXRelationships(t *testing.T) {
	base := book(t, "Sheet1", map[string]any{"A1": "名称", "B1": "日期", "A2": "x", "B2|14": 44621, "C2|0.0%": 0.5}, nil)
	want := oracle(t, base)
	const rels = "xl/_rels/workbook.xml.rels"
	rel := func(typ, target string) string {
		return `<Relationship Id="rId` + fmt.Sprint(len(typ)) + `" Type="` + typ + `" Target="` + target + `"/>`
	}
	for name, body := range map[string]string{
		"sheet only": `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`,
		"strict": rel("http://purl.oclc.org/ooxml/officeDocument/relationships/styles", "styles.xml") +
			rel("http://purl.oclc.org/ooxml/officeDocument/relationships/sharedStrings", "sharedStrings.xml") +
			`<Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet" Target="worksheets/sheet1.xml"/>`,
		"from the root": `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/>` +
			rel("http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles", "/xl/styles.xml") +
			rel("http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings", "/xl/sharedStrings.xml"),
	} {
		doc := `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + body + `</Relationships>`
		r, err := New("a.xlsx", replaceParts(t, base, map[string][]byte{rels: []byte(doc)}))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := dump(t, r); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: got\n\t%s\nwant\n\t%s", name, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
		}
		r.Close()
	}
}
