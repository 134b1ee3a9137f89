package sheet

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// workbook is what reading the first sheet of a workbook takes from its
// other parts: where the sheet is, whether dates count from 1904, the
// class of each cell style's number format and the shared strings. The
// parts are small next to a sheet of data and read once, when the workbook
// is opened; the sheet itself is streamed by rowScanner.
type workbook struct {
	parts    map[string]*zip.File // by name, as the zip has it
	lower    map[string]*zip.File // by name in lower case (OPC names ignore case)
	sheet    string               // the part of the first sheet
	date1904 bool
	classes  []numClass // by cell style (xf); style 0 is never formatted
	strs     []string   // the shared strings
	form     string     // the SHA-256 of the three above (see Reader.Form)
}

// Relationship types end with these, in transitional and strict OOXML.
const (
	relOffice  = "/officeDocument"
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
	// Without a relationship to them, the style sheet and the shared strings
	// are looked for where Excel puts them (as excelize does).
	styles, strs := rels.of(relStyles), rels.of(relStrings)
	if styles == "" {
		styles = path.Join(path.Dir(main), "styles.xml")
	}
	if strs == "" {
		strs = path.Join(path.Dir(main), "sharedStrings.xml")
	}
	if err := wb.readStyles(styles); err != nil {
		return nil, err
	}
	if err := wb.readStrings(strs); err != nil {
		return nil, err
	}
	h := sha256.New()
	fmt.Fprintf(h, "%t %d %d\n", wb.date1904, len(wb.classes), len(wb.strs))
	for _, c := range wb.classes {
		h.Write([]byte{byte(c)})
	}
	var n []byte
	for _, s := range wb.strs {
		n = binary.AppendUvarint(n[:0], uint64(len(s)))
		h.Write(n)
		io.WriteString(h, s)
	}
	wb.form = hex.EncodeToString(h.Sum(nil))
	return wb, nil
}

// part is the zip entry name, or nil.
func (wb *workbook) part(name string) *zip.File {
	if f := wb.parts[name]; f != nil {
		return f
	}
	return wb.lower[strings.ToLower(name)]
}

// openPart opens the part name, or returns nil when the workbook has no
// such part.
func (wb *workbook) openPart(name string) (io.ReadCloser, error) {
	f := wb.part(name)
	if f == nil {
		return nil, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return rc, nil
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
	err := wb.each(name, func(x *xmlScanner) {
		if string(x.name) != "Relationship" {
			return
		}
		id, typ, target, mode := x.value("Id"), x.value("Type"), x.value("Target"), x.value("TargetMode")
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
	err := wb.each(name, func(x *xmlScanner) {
		switch string(x.name) {
		case "workbookPr":
			v := x.value("date1904")
			wb.date1904 = v == "1" || v == "true"
		case "sheet":
			if !seen {
				id, seen = x.value("id"), true
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
	err := wb.scan(name, func(x *xmlScanner) error {
		switch x.kind {
		case tokStart:
			switch string(x.name) {
			case "numFmt":
				if id, err := strconv.Atoi(x.value("numFmtId")); err == nil {
					code := x.value("formatCode")
					if c := x.value("formatCode16"); c != "" {
						code = c
					}
					custom[id] = code
				}
			case "cellXfs":
				inXfs = true
			case "xf":
				if inXfs {
					id, _ := strconv.Atoi(x.value("numFmtId"))
					ids = append(ids, id)
				}
			}
		case tokEnd:
			inXfs = inXfs && string(x.name) != "cellXfs"
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

// readStrings reads the shared strings (see stringItem).
func (wb *workbook) readStrings(name string) error {
	var b []byte
	return wb.scan(name, func(x *xmlScanner) (err error) {
		if x.kind == tokStart && string(x.name) == "si" {
			if b, err = stringItem(x, b[:0]); err == nil {
				wb.strs = append(wb.strs, string(b))
			}
		}
		return err
	})
}

// each calls f at every start tag of the part name; a missing part has
// none.
func (wb *workbook) each(name string, f func(*xmlScanner)) error {
	return wb.scan(name, func(x *xmlScanner) error {
		if x.kind == tokStart {
			f(x)
		}
		return nil
	})
}

// scan calls f at every token of the part name, until f fails; a missing
// part has none.
func (wb *workbook) scan(name string, f func(*xmlScanner) error) error {
	rc, err := wb.openPart(name)
	if rc == nil {
		return err
	}
	defer rc.Close()
	x, err := newXMLScanner(rc)
	for err == nil {
		if err = x.next(); err == nil {
			err = f(x)
		}
	}
	if err != io.EOF {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// stringItem appends to dst the text of a string item (a shared string's
// <si>, or a cell's <is>) whose start x just read, reading up to its end:
// the character data of its <t> elements and those of its runs (<r><t>),
// not those of its phonetic guides (<rPh>), escaped characters (_xHHHH_)
// decoded.
func stringItem(x *xmlScanner, dst []byte) ([]byte, error) {
	at := len(dst)
	depth := 0                        // open elements below the item
	t1, r1, t2 := false, false, false // open: a <t> or an <r> below the item, a <t> in that <r>
	for {
		if err := x.within(); err != nil {
			return dst, err
		}
		switch x.kind {
		case tokStart:
			switch depth++; depth {
			case 1:
				t1, r1 = string(x.name) == "t", string(x.name) == "r"
			case 2:
				t2 = r1 && string(x.name) == "t"
			}
		case tokEnd:
			if depth == 0 {
				if bytes.Contains(dst[at:], []byte("_x")) {
					dst = append(dst[:at], unescapeBSTR(string(dst[at:]))...)
				}
				return dst, nil
			}
			depth--
		case tokText:
			if depth == 1 && t1 || depth == 2 && t2 {
				dst = append(dst, x.text...)
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

// EscapeAt reports whether s[i:] begins an escape _xHHHH_, as
// unescapeBSTR reads one: a writer escapes the underscore of each
// (_x005F_), so that the text reads back as written.
func EscapeAt(s string, i int) bool {
	_, ok := bstrAt(s, i)
	return ok
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
