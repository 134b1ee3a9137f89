package load

import (
	"errors"
	"io"
	"reflect"
	"runtime"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gocarina/gocsv"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/sheet"
	"github.com/qingdan/qingdan/internal/value"
)

// column is one column of a data file's schema, read from a row struct's
// tags: its key, its Chinese name, the other names sheets give it (aka), and
// each of these as a header cell is compared (headName).
type column struct {
	key, zh  string
	aka      []string
	required bool
	forms    []string // headName of key, zh, then each aka
}

func (c column) name() diag.Column { return diag.Column{Zh: c.zh, En: c.key} }

func columnsOf[T any]() []column {
	t := reflect.TypeFor[T]()
	cols := make([]column, t.NumField())
	for i := range cols {
		f := t.Field(i)
		c := column{key: f.Tag.Get("csv"), zh: f.Tag.Get("zh"), required: f.Tag.Get("req") != ""}
		if a := f.Tag.Get("aka"); a != "" {
			c.aka = strings.Split(a, "|")
		}
		for _, n := range c.names() {
			c.forms = append(c.forms, headName(n))
		}
		cols[i] = c
	}
	return cols
}

// names are the column's names as written: key, Chinese name, then the others.
func (c column) names() []string { return append([]string{c.key, c.zh}, c.aka...) }

// chunk is how many rows are decoded by gocsv at a time: memory stays
// bounded however long the file, and row i of a chunk is record i.
const chunk = 512

// cells is the place of one record in its file, and the helpers that turn
// its cells into typed values, reporting every bad cell where it stands.
type cells struct {
	l        *diag.List
	file     string
	date1904 bool // the file is a workbook counting dates from 1904
	line     int
	cols     []column
	at       []cellPos             // per schema column; col 0 when the column or cell is absent
	formulas []formulaCell         // the record's required cells that hold a formula but no value
	dates    map[string]value.Date // dates read, by cell text
	// The record is row number row of the file's records, and same says
	// it is the last read's row there, from the same text on the same line
	// (of the same file, read with a memo).
	row  int
	same bool
}

// cellPos is where a cell starts; compact, since every row keeps one per column.
type cellPos struct{ line, col int32 }

// formulaCell is a workbook cell that came out empty because its formula
// was saved without a result.
type formulaCell struct {
	row, col int32 // the record within its batch, the schema column
	formula  string
}

func (c *cells) pos(key string) diag.Pos {
	for i, col := range c.cols {
		if col.key == key {
			return diag.Pos{File: c.file, Line: int(c.at[i].line), Col: int(c.at[i].col)}
		}
	}
	return diag.Pos{File: c.file, Line: c.line}
}

func (c *cells) col(key string) column {
	for _, col := range c.cols {
		if col.key == key {
			return col
		}
	}
	return column{key: key}
}

func (c *cells) errorf(key, msg string, args ...any) {
	c.l.Error(c.pos(key), msg, append([]any{c.col(key).name()}, args...)...)
}

func (c *cells) warnf(key, msg string, args ...any) {
	c.l.Warn(c.pos(key), msg, append([]any{c.col(key).name()}, args...)...)
}

// empty reports a required cell left empty, or, when it holds a formula
// whose result was never saved, says so.
func (c *cells) empty(key string) {
	for _, f := range c.formulas {
		if c.cols[f.col].key == key {
			c.errorf(key, "cell.formula", diag.Quote("="+f.formula))
			return
		}
	}
	c.errorf(key, "cell.empty")
}

// readSheet streams the data file at path (shown to users as shown) through
// gocsv into T records, calling each with the record and its cells. The
// header is looked for in the first rows (a title may stand above it);
// header problems are reported, and a file missing a required column is not
// read further. A file over a limit is refused, or read up to where it
// passes it.
//
// With memo (nil for none), chunks of rows read as they were last time are
// not decoded again (see chunkMemo); it is made the memo of this read.
func readSheet[T any](l *diag.List, lim sheet.Limits, path, shown string, memo **chunkMemo[T], each func(rec *T, c *cells)) {
	var last, next *chunkMemo[T]
	if memo != nil {
		last = *memo
		if last == nil {
			last = &chunkMemo[T]{} // nothing to reuse; this read is kept
		}
		defer func() { *memo = next }()
	}
	r, err := lim.Open(path)
	if err != nil {
		reportSheet(l, shown, err)
		return
	}
	defer r.Close()
	cols := columnsOf[T]()

	var held []heldRow
	more := true // whether the reader may have rows after the held ones
	for len(held) < headScan {
		row, err := r.Next()
		if err == io.EOF {
			if len(held) == 0 {
				l.Error(diag.Pos{File: shown, Line: 1}, "sheet.empty")
				return
			}
			more = false
			break
		}
		if err != nil {
			if !reportSheet(l, shown, err) {
				if len(held) == 0 {
					return
				}
				more = false
				break
			}
			continue
		}
		held = append(held, hold(row))
	}
	h := findHeader(l, shown, held, cols)
	if h < 0 {
		return
	}
	keys, index, ok := mapHeader(l, shown, &held[h], cols)
	if !ok {
		return
	}
	width := len(keys)
	workbook, date1904 := diag.IsWorkbook(path), r.Date1904()
	form, byLines := r.Form(), r.Delimiter() != 0
	rowsKept := last.rowsFit(keys, form) // rows of the last read may stand for this one's
	keepRaw := last != nil && form != "" // this read's rows are kept for the next

	// The work is shared: this goroutine reads rows a chunk at a time,
	// gocsv decodes chunks on every core, and one goroutine checks the
	// records in file order. A few chunk buffers circulate between them, so
	// a long file costs no allocation per row here and memory stays bounded.
	ncol := len(cols)
	decoders := runtime.GOMAXPROCS(0)
	free := make(chan *batch[T], decoders+3)
	for range cap(free) {
		free <- &batch[T]{
			cells: make([]string, chunk*width),
			at:    make([]cellPos, chunk*ncol),
			lines: make([]int, 0, chunk),
			rows:  append(make([][]string, 0, chunk+1), keys),

			decoded: make(chan struct{}, 1),
		}
	}
	full := make(chan *batch[T], cap(free))   // in file order, to be checked
	decode := make(chan *batch[T], cap(free)) // to be decoded, in any order
	for range decoders {
		go func() {
			for b := range decode {
				b.recs, b.ok = b.recs[:0], true
				if err := gocsv.UnmarshalDecoder(decoder(b.rows), &b.recs); err != nil {
					l.Error(diag.Pos{File: shown, Line: b.lines[0]}, "file.read", err)
					b.recs, b.ok = b.recs[:0], false
				}
				b.decoded <- struct{}{}
			}
		}()
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		c := &cells{l: l, file: shown, cols: cols, date1904: date1904}
		for k := 0; ; k++ {
			b, more := <-full
			if !more {
				break
			}
			<-b.decoded
			last.keep(&next, k, keys, form, byLines, width, b)
			fs := b.formulas
			for i := range b.recs {
				c.line, c.at = b.lines[i], b.at[i*ncol:(i+1)*ncol]
				c.row, c.same = k*chunk+i, b.was[i]
				n := 0
				for n < len(fs) && int(fs[n].row) == i {
					n++
				}
				c.formulas, fs = fs[:n], fs[n:]
				each(&b.recs[i], c)
			}
			free <- b
		}
	}()
	b := <-free
	sent := 0
	send := func() {
		if len(b.lines) == 0 {
			return
		}
		full <- b
		if recs, ok := last.reuse(sent, keys, b.cells[:len(b.lines)*width]); ok {
			b.recs, b.ok, b.reused = append(b.recs[:0], recs...), true, true
			b.decoded <- struct{}{}
		} else {
			b.reused = false
			decode <- b
		}
		sent++
		b = <-free
		b.rows, b.lines, b.formulas, b.was = b.rows[:1], b.lines[:0], b.formulas[:0], b.was[:0]
		b.raw, b.rawEnd, b.same = b.raw[:0], b.rawEnd[:0], 0
	}
	// put ends a row added to the batch: raw is its text, kept unless
	// reading it gave a warning.
	put := func(line int, cs []string, raw []byte, quiet, was bool) {
		b.rows = append(b.rows, cs)
		b.lines = append(b.lines, line)
		b.was = append(b.was, was)
		if quiet && keepRaw {
			b.raw = append(b.raw, raw...)
		}
		b.rawEnd = append(b.rawEnd, int32(len(b.raw)))
		if len(b.lines) == chunk {
			send()
		}
	}
	// again adds a row read as the last read's row at the same place: its
	// cells and places as they were.
	again := func(line int, was []string, wasAt []cellPos, raw []byte) {
		n := len(b.lines)
		copy(b.cells[n*width:(n+1)*width], was)
		copy(b.at[n*ncol:(n+1)*ncol], wasAt)
		b.same++
		put(line, b.cells[n*width:(n+1)*width], raw, true, true)
	}
	// pass passes over the rows ahead that follow each other as the last
	// read's rows from the same place did: their text is not read again,
	// their cells are taken from the last read. After it is refused, it is
	// not tried again in the chunk until a row that changed was read.
	passed, refused := 0, false
	pass := func() bool {
		n := len(b.lines)
		if n == 0 {
			refused = false
		}
		text, line, rows := last.run(sent, n)
		if rows == 0 || refused {
			return false
		}
		if !r.Skip(text, line, rows) {
			refused = true
			return false
		}
		c := &last.chunks[sent]
		passed += rows
		for i := n; i < n+rows; i++ {
			was, wasAt := c.row(i)
			again(c.lines[i], was, wasAt, c.text(i, i+1))
		}
		return true
	}
	add := func(line int, cells []string, pos rowAt, raw []byte) {
		n := len(b.lines)
		if rowsKept {
			if was, wasAt, ok := last.row(sent, n, line, raw); ok {
				again(line, was, wasAt, raw)
				return
			}
			refused = false // a row that changed: the rows after it may not have
		}
		cs := b.cells[n*width : (n+1)*width]
		at := b.at[n*ncol : (n+1)*ncol]
		if label, ok := totalRow(cells); ok {
			l.Warn(diag.Pos{File: shown, Line: line}, "row.total", diag.Quote(label))
			return
		}
		quiet, extra := true, 0
		for i := range cs {
			cs[i] = ""
		}
		for i, s := range cells {
			if i < width {
				cs[i] = clean(s)
			} else if clean(s) != "" {
				extra++
			}
		}
		if extra > 0 {
			l.Warn(diag.Pos{File: shown, Line: line}, "row.extra", extra)
			quiet = false
		}
		for ci, hi := range index {
			at[ci] = cellPos{int32(line), 0}
			if hi >= 0 && hi < len(cells) {
				cl, cc := pos.Pos(hi)
				at[ci] = cellPos{int32(cl), int32(cc)}
				if c, n, first := control(cs[hi]); c != cs[hi] {
					cs[hi] = clean(c)
					if n > 0 {
						l.Warn(diag.Pos{File: shown, Line: cl, Col: cc}, "cell.control", cols[ci].name(), n, first)
						quiet = false
					}
				}
				// A workbook cell shows empty when its formula was saved
				// without a result; find out only where a value is needed.
				if workbook && cols[ci].required && cs[hi] == "" {
					if f := r.Formula(cl, cc); f != "" {
						b.formulas = append(b.formulas, formulaCell{int32(n), int32(ci), f})
						quiet = false // read again next time: its text does not say what is wrong
					}
				}
			}
		}
		put(line, cs, raw, quiet, false)
	}
	for i := h + 1; i < len(held); i++ {
		add(held[i].line, held[i].cells, &held[i], nil)
	}
	for more {
		if rowsKept && pass() {
			continue
		}
		row, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if !reportSheet(l, shown, err) {
				break
			}
			continue
		}
		var raw []byte
		if keepRaw { // as rowsKept only ever is; a workbook's is copied out of its reader
			raw = row.Raw()
		}
		add(row.Line, row.Cells, row, raw)
	}
	send()
	close(full)
	close(decode)
	<-done
	if next != nil {
		next.passed = passed
	}
}

// batch is one chunk of rows on its way from the reader to the checker.
type batch[T any] struct {
	cells  []string   // chunk × header width
	at     []cellPos  // chunk × schema columns
	lines  []int      // the line of each row
	rows   [][]string // the header, then each row's cells, as gocsv reads them
	recs   []T        // what gocsv made of rows
	ok     bool       // gocsv made them without error
	reused bool       // they were made by the last read (chunkMemo)

	raw    []byte  // the rows' text, one after another (see decodedChunk)
	rawEnd []int32 // where each row's text ends in raw
	same   int     // rows read as the last read's rows at the same place
	was    []bool  // for each row, whether it is one of those

	formulas []formulaCell // in row order
	decoded  chan struct{} // a value when recs are made
}

// decoder hands gocsv a header and a chunk of rows.
type decoder [][]string

func (d decoder) GetCSVRows() ([][]string, error) { return d, nil }

// clean trims white space (also the full-width space) and invisible
// characters that pasting from the web or WeChat leaves in cells.
func clean(s string) string {
	if n := len(s); n > 0 && inkASCII(s[0]) && inkASCII(s[n-1]) {
		return s // most cells: nothing to trim, and no rune to decode
	}
	return strings.TrimFunc(s, blankRune)
}

// inkASCII reports whether c is an ASCII character that is not blank (as
// blankRune says: white space; every other blank rune is beyond ASCII).
func inkASCII(c byte) bool { return c > ' ' && c < utf8.RuneSelf }

// blankRune is white space or an invisible character.
func blankRune(r rune) bool {
	return unicode.IsSpace(r) || r == '\ufeff' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060'
}

// reportSheet reports an error from the sheet reader and says whether reading may go on.
func reportSheet(l *diag.List, shown string, err error) bool {
	var se *sheet.Error
	if !errors.As(err, &se) {
		l.Error(diag.Pos{File: shown}, "file.read", err)
		return false
	}
	pos := diag.Pos{File: shown, Line: se.Line, Col: se.Col}
	size, limit := diag.Size(se.Size), diag.Size(se.Limit)
	switch se.Kind {
	case sheet.BareQuote:
		l.Error(pos, "sheet.bareQuote")
	case sheet.ExtraneousQuote:
		l.Error(pos, "sheet.extraQuote")
	case sheet.UnterminatedQuote:
		l.Error(pos, "sheet.openQuote")
		return false
	case sheet.CellTooLarge:
		l.Error(pos, "sheet.cellTooLarge", size, limit)
	case sheet.FileTooLarge:
		key := "csv_size"
		if diag.IsWorkbook(shown) {
			key = "xlsx_size"
		}
		l.Error(diag.Pos{File: shown, Line: 1}, "sheet.fileTooLarge", size, limit, key)
		return false
	case sheet.UnzipTooLarge:
		l.Error(diag.Pos{File: shown, Line: 1}, "sheet.unzipTooLarge", size, limit, sheet.UnzipFactor)
		return false
	case sheet.CellRunaway:
		if se.Quoted {
			l.Error(pos, "sheet.quoteRunaway", limit)
		} else {
			l.Error(pos, "sheet.cellRunaway", limit)
		}
		return false
	case sheet.RowTooLarge:
		l.Error(pos, "sheet.rowTooLarge", limit, sheet.RowFactor)
		return false
	case sheet.TooManyRows:
		l.Error(pos, "sheet.tooManyRows", se.Limit)
		return false
	default:
		l.Error(pos, "sheet.unreadable", se.Err)
		return false
	}
	return true
}
