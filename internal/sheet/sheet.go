// Package sheet reads the rows of a spreadsheet file one at a time, together
// with the physical place of every cell, so that later stages can point a
// user at the exact line and column of a problem.
//
// Delimited text (.csv, .tsv, .txt) is decoded from whatever encoding it
// turns out to be in (UTF-8 with or without BOM, UTF-16 with BOM, otherwise
// GB18030, the superset of GBK) and parsed with encoding/csv. Cells are
// separated by commas, except in .tsv files, and in .txt and UTF-16 files
// whose first line has tabs and no commas (Excel's text exports), where
// they are separated by tabs. A workbook's (.xlsx) first sheet is streamed
// from its zip with encoding/xml, in one pass (xlsxrows.go); excelize reads
// the workbook only when a formula must be found. Both are streamed: memory does not grow with the number of rows. Limits
// bound the size of a file, of what a workbook unzips to, of a cell and a
// row, and the number of rows, each checked before the memory it guards is
// spent; a workbook's temporary files are removed on every way out
// (RemoveTemp, RemoveStaleTemp).
//
// The package knows nothing about what the rows mean.
package sheet

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Row is one non-empty record of a sheet.
type Row struct {
	// Line is the 1-based physical line where the record starts; for an
	// xlsx file it is the spreadsheet row number.
	Line int
	// Cells holds the cell texts, untrimmed; rows may differ in length.
	//
	// For an xlsx file Cells[i] is column i+1 (empty cells before a filled
	// one are ""), and a cell's text is what the user sees except for
	// numbers: a date format gives YYYY-MM-DD (any time of day dropped), a
	// percent format the value×100 and "%" ("44.65%"), any other format the
	// stored value without grouping or exponent ("1239", "0.5"), rounded
	// to Excel's 15 significant digits. Time-only formats count as numbers.
	// Formulas give their cached value, booleans TRUE or FALSE.
	Cells []string

	src *Reader
}

// Pos returns the 1-based line and column of cell i. For delimited text the
// line is the physical line on which the cell starts (a quoted cell may
// span several lines) and the column counts characters, not bytes, of that
// line as decoded. For xlsx it is the row number and the column number
// (A=1). For i out of range, col is 0.
//
// Pos is only valid until the next call to Reader.Next.
func (r *Row) Pos(i int) (line, col int) {
	if i < 0 || i >= len(r.Cells) {
		return r.Line, 0
	}
	if r.src != nil && r.src.csv != nil {
		return r.src.csv.pos(i)
	}
	return r.Line, i + 1
}

// Raw returns the text of a delimited-text record as decoded to UTF-8,
// from the start of the line it begins on (Line) to its line ending
// included; for a workbook, the XML of the sheet read for the row: from
// the end of the row Next returned before (blank rows and all) to the end
// of this one. Rows whose raw text and line are the same, in files of the
// same Form, have the same cells and positions. It is nil when the record
// was too long for its text to be kept. Raw is only valid until the next
// call to Reader.Next.
func (r *Row) Raw() []byte {
	switch {
	case r.src == nil:
		return nil
	case r.src.csv != nil:
		return r.src.csv.raw()
	case r.src.xlsx != nil:
		return r.src.xlsx.rows.x.keptText()
	}
	return nil
}

// Reader reads the rows of one file, one at a time. For a workbook these
// are the rows of its first sheet in workbook order (the leftmost tab),
// whether that sheet is visible or hidden.
type Reader struct {
	name   string
	enc    string
	lim    Limits
	rows   int64     // rows returned so far
	closer io.Closer // the file Open opened, if any
	csv    *csvSource
	xlsx   *xlsxSource
	row    Row
	done   bool
}

// Open opens the file at path with the default Limits.
func Open(path string) (*Reader, error) { return Limits{}.Open(path) }

// New reads a file held in memory with the default Limits.
func New(name string, data []byte) (*Reader, error) { return Limits{}.New(name, data) }

// NewReadSeeker reads from rs with the default Limits.
func NewReadSeeker(name string, rs io.ReadSeeker) (*Reader, error) {
	return Limits{}.NewReadSeeker(name, rs)
}

// Open opens the file at path. The format is chosen by the extension,
// ignoring case: .csv, .tsv and .txt are delimited text, .xlsx a workbook.
// Delimited text is read from the file as it goes, and so is a workbook's
// sheet, unzipped as it is read. A file
// over its size limit, or a workbook that would unzip to more than its
// limit, is refused with an *Error.
func (lim Limits) Open(path string) (*Reader, error) {
	lim = lim.resolved()
	switch fileType(path) {
	case "xlsx":
		size, err := fileSize(path)
		if err != nil {
			return nil, &Error{File: path, Kind: Unreadable, Err: err}
		}
		if err := checkSize(path, size, lim.WorkbookSize); err != nil {
			return nil, err
		}
		return newXLSX(path, lim, func() (*zip.Reader, io.Closer, error) {
			zr, err := zip.OpenReader(path)
			if err != nil {
				return nil, nil, err
			}
			return &zr.Reader, zr, nil
		}, func(o excelize.Options) (*excelize.File, error) {
			return excelize.OpenFile(path, o)
		})
	case "text":
		f, err := os.Open(path)
		if err != nil {
			return nil, &Error{File: path, Kind: Unreadable, Err: err}
		}
		r, err := lim.NewReadSeeker(path, f)
		if err != nil {
			f.Close()
			return nil, err
		}
		r.closer = f
		return r, nil
	}
	return nil, unsupported(path)
}

// New reads a file held in memory. name is used only for its extension,
// chosen as by Open, and in errors.
func (lim Limits) New(name string, data []byte) (*Reader, error) {
	return lim.NewReadSeeker(name, bytes.NewReader(data))
}

// NewReadSeeker reads from rs, starting at its current offset. name is used
// only for its extension, chosen as by Open, and in errors.
//
// Delimited text is read twice: once to decide its encoding (a file is UTF-8
// only if all of it is), then, after seeking back, to parse it. An xlsx
// workbook is read into memory whole, as a zip needs random access; use
// Open for large workbooks on disk.
//
// The caller remains responsible for closing rs.
func (lim Limits) NewReadSeeker(name string, rs io.ReadSeeker) (*Reader, error) {
	lim = lim.resolved()
	typ := fileType(name)
	if typ == "" {
		return nil, unsupported(name)
	}
	size, err := remaining(rs)
	if err != nil {
		return nil, &Error{File: name, Kind: Unreadable, Err: err}
	}
	if typ == "xlsx" {
		if err := checkSize(name, size, lim.WorkbookSize); err != nil {
			return nil, err
		}
		data, err := io.ReadAll(io.LimitReader(rs, lim.WorkbookSize+1))
		if err != nil {
			return nil, &Error{File: name, Kind: Unreadable, Err: err}
		}
		if err := checkSize(name, int64(len(data)), lim.WorkbookSize); err != nil {
			return nil, err // it grew since
		}
		return newXLSX(name, lim, func() (*zip.Reader, io.Closer, error) {
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			return zr, nil, err
		}, func(o excelize.Options) (*excelize.File, error) {
			return excelize.OpenReader(bytes.NewReader(data), o)
		})
	}
	if err := checkSize(name, size, lim.TextSize); err != nil {
		return nil, err
	}
	src, err := newCSV(name, rs, lim)
	if err != nil {
		return nil, &Error{File: name, Kind: Unreadable, Err: err}
	}
	return &Reader{name: name, enc: src.enc, lim: lim, csv: src}, nil
}

// newXLSX reads the workbook unzip opens (with, when not nil, a closer of
// the file it reads), within the limits; open opens it with excelize.
func newXLSX(name string, lim Limits, unzip func() (*zip.Reader, io.Closer, error), open func(excelize.Options) (*excelize.File, error)) (*Reader, error) {
	src, err := openXLSX(name, lim, unzip, open)
	if e, ok := err.(*Error); ok {
		return nil, e
	}
	if err != nil {
		return nil, &Error{File: name, Kind: Unreadable, Err: err}
	}
	return &Reader{name: name, enc: "xlsx", lim: lim, xlsx: src}, nil
}

func fileType(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx":
		return "xlsx"
	case ".csv", ".tsv", ".txt":
		return "text"
	}
	return ""
}

func unsupported(name string) error {
	return &Error{File: name, Kind: Unreadable,
		Err: fmt.Errorf("unsupported file type %q (want .csv, .tsv, .txt or .xlsx)", filepath.Ext(name))}
}

// Next returns the next row that has at least one non-blank cell; rows whose
// cells are all empty or white space are skipped. The first row returned is
// the header row of the sheet. At the end Next returns io.EOF.
//
// The returned *Row, its Cells slice and its Pos answers are only valid
// until the next call to Next, which reuses them; the strings themselves
// may be kept.
//
// Any other error is an *Error. After a syntax error (BareQuote,
// ExtraneousQuote) or a CellTooLarge, Next may be called again and
// continues with the record after the bad one, so a caller can list every
// problem in one pass. After any other error there is nothing more to read
// and Next returns io.EOF.
func (r *Reader) Next() (*Row, error) {
	if r.done {
		return nil, io.EOF
	}
	var err error
	if r.csv != nil {
		err = r.csv.next(&r.row)
	} else {
		err = r.xlsx.next(&r.row)
	}
	if err == nil {
		if r.rows++; r.rows > r.lim.Rows {
			err = &Error{Line: r.row.Line, Kind: TooManyRows, Limit: r.lim.Rows}
		} else {
			r.row.src = r
			return &r.row, nil
		}
	}
	if err == io.EOF {
		r.done = true
		return nil, io.EOF
	}
	e, ok := err.(*Error)
	if !ok {
		e = &Error{Kind: Unreadable, Err: err}
	}
	e.File = r.name
	if e.Kind != BareQuote && e.Kind != ExtraneousQuote && e.Kind != CellTooLarge {
		r.done = true
	}
	return nil, e
}

// Formula returns the formula of the cell at line and col (as Row.Pos gives
// them) when the file is a workbook and the cell holds one, else "". A
// formula's cell text is the result the workbook saved with it, so a formula
// that shows as empty was most likely never calculated (the file was written
// by a program, not saved by Excel or WPS). Finding the formula reads the
// whole sheet the first time: ask only about cells that came out empty where
// a value was needed. Call it from the goroutine that calls Next.
func (r *Reader) Formula(line, col int) string {
	if r.xlsx == nil || line <= 0 || col <= 0 {
		return ""
	}
	return r.xlsx.formula(line, col)
}

// Date1904 reports whether the file is a workbook that counts its dates
// from 1904 (as old Mac workbooks do) rather than 1900; see SerialDate.
func (r *Reader) Date1904() bool { return r.xlsx != nil && r.xlsx.rows.wb.date1904 }

// Skip passes over the next rows, without reading them, when the text
// ahead is text (rows whose Raw texts, one after another, are text) and
// begins on line: the caller knows what they hold, as it read them before.
// It reports whether it did; if not, nothing was read. The rows count
// towards the row limit.
func (r *Reader) Skip(text []byte, line, rows int) bool {
	if r.done || r.rows+int64(rows) > r.lim.Rows {
		return false
	}
	switch {
	case r.csv != nil:
		if !r.csv.skip(text, line) {
			return false
		}
	case r.xlsx != nil:
		if !r.xlsx.skip(text, line) {
			return false
		}
	default:
		return false
	}
	r.rows += int64(rows)
	return true
}

// Form says what the rows' raw texts (Row.Raw) are read as: the same for
// two files when rows of the same raw text and line have the same cells in
// both. For delimited text it is the delimiter; for a workbook it names
// what its cells' texts are made with besides the sheet (the shared
// strings, the classes of its styles' number formats, its dates' epoch),
// so that a workbook saved with another shared string, or with a number
// format where a date format was, has another Form (one date format for
// another, which changes no cell's text, does not).
func (r *Reader) Form() string {
	switch {
	case r.csv != nil:
		return string(rune(r.csv.comma))
	case r.xlsx != nil:
		return "xlsx " + r.xlsx.rows.wb.form
	}
	return ""
}

// Delimiter is the character that separates the cells of delimited text
// (',' or a tab), 0 for a workbook.
func (r *Reader) Delimiter() byte {
	if r.csv == nil {
		return 0
	}
	return r.csv.comma
}

// Encoding names the encoding the file was found to be in: "UTF-8",
// "UTF-8 BOM", "GB18030", "UTF-16LE" or "UTF-16BE" for delimited text, and
// "xlsx" for a workbook.
func (r *Reader) Encoding() string { return r.enc }

// Close releases the reader's resources, including the file Open opened
// and excelize's temporary files. It is safe to call more than once.
func (r *Reader) Close() error {
	r.done = true
	var err error
	if r.xlsx != nil {
		err = r.xlsx.close()
		r.xlsx = nil
	}
	if r.closer != nil {
		if cerr := r.closer.Close(); err == nil {
			err = cerr
		}
		r.closer = nil
	}
	return err
}

// Kind classifies an Error.
type Kind int

// The kinds of Error.
const (
	// Unreadable: the file cannot be read at all (I/O error, unsupported
	// extension, corrupt or encrypted workbook). Line is 0 unless the
	// problem was met inside the sheet.
	Unreadable Kind = iota + 1
	// BareQuote: a double quote inside a cell that does not start with one.
	BareQuote
	// ExtraneousQuote: a closing quote of a quoted cell is followed by
	// something other than a delimiter or the end of the line (typically
	// an inner quote that was not doubled). Col is that quote.
	ExtraneousQuote
	// UnterminatedQuote: a quoted cell is still open at the end of the
	// file. Line and Col are its opening quote.
	UnterminatedQuote
	// FileTooLarge: the file is over its size limit: Size bytes, over
	// Limit. Nothing is read.
	FileTooLarge
	// UnzipTooLarge: the workbook's parts would unzip to Size bytes, over
	// Limit (UnzipFactor times Limits.WorkbookSize). Nothing is read.
	UnzipTooLarge
	// CellTooLarge: the cell at Line and Col holds Size bytes, over Limit
	// (Limits.CellSize). Its row is skipped.
	CellTooLarge
	// CellRunaway: a record of delimited text passed its limit (RowFactor
	// times Limits.CellSize) and the cell starting at Line and Col is over
	// Limit (Limits.CellSize): most likely it has not ended where it
	// should. Quoted tells whether it starts with a quote, then most likely
	// never closed. The rest of the file is not read.
	CellRunaway
	// RowTooLarge: the record of delimited text starting on Line passes
	// Limit bytes with no cell over Limits.CellSize. The rest of the file
	// is not read.
	RowTooLarge
	// TooManyRows: the row on Line is one more than Limit (Limits.Rows).
	// It and the rest of the file are not read.
	TooManyRows
)

// String returns a short English description of the kind.
func (k Kind) String() string {
	switch k {
	case Unreadable:
		return "unreadable file"
	case BareQuote:
		return `quote (") in a cell that does not start with one`
	case ExtraneousQuote:
		return "text after the closing quote of a quoted cell"
	case UnterminatedQuote:
		return "quoted cell is never closed"
	case FileTooLarge:
		return "file over the size limit"
	case UnzipTooLarge:
		return "workbook unzips to more than the limit"
	case CellTooLarge:
		return "cell over the size limit"
	case CellRunaway:
		return "cell runs past the size limit"
	case RowTooLarge:
		return "row runs past the size limit"
	case TooManyRows:
		return "more rows than the limit"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Error is a problem at a place in a file.
type Error struct {
	File      string // the name given to Open, New or NewReadSeeker
	Line, Col int    // 1-based; 0 when unknown
	Kind      Kind
	Err       error // the underlying error

	Size, Limit int64 // of the kinds for limits: the size found (0 when unknown) and the limit passed
	Quoted      bool  // of a CellRunaway: the cell starts with a quote
}

// Error formats the error as "file:line:col: description".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, ":%d", e.Col)
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(e.Kind.String())
	if e.Limit > 0 {
		fmt.Fprintf(&b, " (%d > %d)", max(e.Size, e.Limit+1), e.Limit)
	}
	if e.Kind == Unreadable && e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// blank reports whether every cell is empty or white space.
func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
