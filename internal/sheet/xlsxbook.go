package sheet

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"golang.org/x/net/html/charset"
)

// workbook is what reading the first sheet of a workbook takes from its
// other parts: where the sheet is, whether dates count from 1904, the
// class of each cell style's number format and the shared strings. The
// parts are small next to a sheet of data and read once, with
// encoding/xml; the sheet itself is streamed by rowScanner.
type workbook struct {
	parts    map[string]*zip.File // by name, as the zip has it
	lower    map[string]*zip.File // by name in lower case (OPC names ignore case)
	sheet    string               // the part of the first sheet
	date1904 bool
	classes  []numClass // by cell style (xf); style 0 is never formatted
	strs     []string   // the shared strings
}

// Relationship types end with these, in transitional and strict OOXML.
const (
	relOffice  = "/officeDocument"
	relSheet   = "/worksheet"
	relStyles  = "/styles"
	relStrings = "/sharedStrings"
)

// openWorkbook reads the parts of zr that say what and how to read.
func openWorkbook(zr *zip.Reader) (*workbook, error) {
	wb := &workbook{parts: map[string]*zip.File{}, lower: map[string]*zip.File{}}
	for _, f := range zr.File {
		wb.parts[f.Name] = f
		wb.lower[strings.ToLower(f.Name)] = f
	}
	main := "xl/workbook.xml"
	if rels, err := wb.rels("_rels/.rels", ""); err != nil {
		return nil, err
	} else if t := rels.of(relOffice); t != "" {
		main = t
	}
	rels, err := wb.rels(path.Join(path.Dir(main), "_rels", path.Base(main)+".rels"), path.Dir(main))
	if err != nil {
		return nil, err
	}
	id, err := wb.readMain(main)
	if err != nil {
		return nil, err
	}
	if wb.sheet = rels.byID[id]; wb.sheet == "" || wb.part(wb.sheet) == nil {
		return nil, fmt.Errorf("workbook: the first sheet's part (relationship %q) is missing", id)
	}
	if p := rels.of(relStyles); p != "" {
		if err := wb.readStyles(p); err != nil {
			return nil, err
		}
	}
	if p := rels.of(relStrings); p != "" {
		if err := wb.readStrings(p); err != nil {
			return nil, err
		}
	}
	return wb, nil
}

// part is the zip entry name, or nil.
func (wb *workbook) part(name string) *zip.File {
	if f := wb.parts[name]; f != nil {
		return f
	}
	return wb.lower[strings.ToLower(name)]
}

// open opens the part name for decoding, or returns a nil decoder when
// the workbook has no such part.
func (wb *workbook) open(name string) (*xml.Decoder, io.Closer, error) {
	f := wb.part(name)
	if f == nil {
		return nil, nil, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	return newDecoder(rc), rc, nil
}

// newDecoder decodes XML from r, in any encoding its declaration names.
func newDecoder(r io.Reader) *xml.Decoder {
	d := xml.NewDecoder(r)
	d.CharsetReader = charset.NewReaderLabel
	return d
}

// relations are a part's relationships: targets by id, and by type.
type relations struct {
	byID   map[string]string
	byType [][2]string // type, target, in order
}

// of is the target of the first relationship whose type ends with suffix.
func (r relations) of(suffix string) string {
	for _, t := range r.byType {
		if strings.HasSuffix(t[0], suffix) {
			return t[1]
		}
	}
	return ""
}

// rels reads the relationships part name, resolving targets against dir.
// A missing part has no relationships.
func (wb *workbook) rels(name, dir string) (relations, error) {
	r := relations{byID: map[string]string{}}
	err := wb.each(name, func(se xml.StartElement) {
		if se.Name.Local != "Relationship" {
			return
		}
		id, typ, target, mode := attr(se, "Id"), attr(se, "Type"), attr(se, "Target"), attr(se, "TargetMode")
		if strings.EqualFold(mode, "External") {
			return
		}
		if strings.HasPrefix(target, "/") {
			target = strings.TrimPrefix(target, "/")
		} else {
			target = path.Join(dir, target)
		}
		r.byID[id] = target
		r.byType = append(r.byType, [2]string{typ, target})
	})
	return r, err
}

// readMain reads the workbook part: the relationship id of its first sheet
// (tab order, hidden or not) and its date system.
func (wb *workbook) readMain(name string) (string, error) {
	id, seen := "", false
	err := wb.each(name, func(se xml.StartElement) {
		switch se.Name.Local {
		case "workbookPr":
			v := attr(se, "date1904")
			wb.date1904 = v == "1" || v == "true"
		case "sheet":
			if !seen {
				id, seen = attr(se, "id"), true
			}
		}
	})
	if err == nil && !seen {
		err = errors.New("workbook has no sheet")
	}
	return id, err
}

// readStyles works out the class of every cell style's number format.
func (wb *workbook) readStyles(name string) error {
	custom := map[int]string{}
	var ids []int
	inXfs := false
	err := wb.tokens(name, func(_ *xml.Decoder, tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "numFmt":
				if id, err := strconv.Atoi(attr(t, "numFmtId")); err == nil {
					code := attr(t, "formatCode")
					if c := attr(t, "formatCode16"); c != "" {
						code = c
					}
					custom[id] = code
				}
			case "cellXfs":
				inXfs = true
			case "xf":
				if inXfs {
					id, _ := strconv.Atoi(attr(t, "numFmtId"))
					ids = append(ids, id)
				}
			}
		case xml.EndElement:
			if t.Name.Local == "cellXfs" {
				inXfs = false
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	wb.classes = make([]numClass, len(ids))
	for i, id := range ids {
		if code, ok := custom[id]; ok {
			wb.classes[i] = classifyCode(code)
		} else {
			wb.classes[i] = classifyBuiltIn(id)
		}
	}
	return nil
}

// readStrings reads the shared strings: each <si>'s text, its rich-text
// runs joined, its phonetic guides (rPh) left out.
func (wb *workbook) readStrings(name string) error {
	var text textOf
	return wb.tokens(name, func(d *xml.Decoder, tok xml.Token) error {
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "si" {
			s, err := text.read(d, "si")
			if err != nil {
				return err
			}
			wb.strs = append(wb.strs, s)
		}
		return nil
	})
}

// each calls f with every start element of the part name; a missing
// part has none.
func (wb *workbook) each(name string, f func(xml.StartElement)) error {
	return wb.tokens(name, func(_ *xml.Decoder, tok xml.Token) error {
		if se, ok := tok.(xml.StartElement); ok {
			f(se)
		}
		return nil
	})
}

// tokens calls f with every token of the part name, and its decoder, until
// f fails; a missing part has none.
func (wb *workbook) tokens(name string, f func(*xml.Decoder, xml.Token) error) error {
	d, c, err := wb.open(name)
	if err != nil || d == nil {
		return err
	}
	defer c.Close()
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil
		}
		if err == nil {
			err = f(d, tok)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
}

// attr is the value of the attribute of se named local, in any name space.
func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// textOf gathers the text of a string item (<si>, or a cell's <is>): the
// character data of its <t> elements and those of its runs (<r><t>), not
// those of its phonetic guides; escaped characters (_xHHHH_) decoded.
type textOf struct{ buf []byte }

// read reads up to the end of the element end (whose start was just read)
// and returns its text.
func (x *textOf) read(d *xml.Decoder, end string) (string, error) {
	x.buf = x.buf[:0]
	var stack []string // open elements below end
	for {
		tok, err := d.RawToken()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Name.Local)
		case xml.EndElement:
			if len(stack) == 0 {
				return unescapeBSTR(string(x.buf)), nil
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if n := len(stack); n > 0 && stack[n-1] == "t" && (n == 1 || n == 2 && stack[0] == "r") {
				x.buf = append(x.buf, t...)
			}
		}
	}
}

// unescapeBSTR decodes the escapes OOXML writes for characters XML 1.0
// cannot hold: _xHHHH_ is the character of that code (none, for half of a
// surrogate pair), _x005F_ a literal underscore, so that _x005F_x0008_
// stands for the text "_x0008_".
func unescapeBSTR(s string) string {
	i := strings.Index(s, "_x")
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:i])
	for i < len(s) {
		if r, ok := bstrAt(s, i); ok {
			if r >= 0 {
				b.WriteRune(r)
			}
			i += 7
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// bstrAt reads an escape _xHHHH_ at s[i:]: its character, -1 for half of a
// surrogate pair.
func bstrAt(s string, i int) (rune, bool) {
	if i+7 > len(s) || s[i] != '_' || s[i+1] != 'x' || s[i+6] != '_' {
		return 0, false
	}
	v, err := strconv.ParseUint(s[i+2:i+6], 16, 32)
	if err != nil {
		return 0, false
	}
	if 0xD800 <= v && v <= 0xDFFF {
		return -1, true
	}
	return rune(v), true
}
