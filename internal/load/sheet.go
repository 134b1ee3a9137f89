package load

import (
	"errors"
	"io"
	"reflect"
	"strings"
	"unicode"

	"github.com/gocarina/gocsv"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/sheet"
)

// column is one column of a data file's schema, read from a row struct's tags.
type column struct {
	key, zh  string
	required bool
}

func (c column) name() diag.Column { return diag.Column{Zh: c.zh, En: c.key} }

func columnsOf[T any]() []column {
	t := reflect.TypeFor[T]()
	cols := make([]column, t.NumField())
	for i := range cols {
		f := t.Field(i)
		cols[i] = column{f.Tag.Get("csv"), f.Tag.Get("zh"), f.Tag.Get("req") != ""}
	}
	return cols
}

// chunk is how many rows are decoded by gocsv at a time: memory stays
// bounded however long the file, and row i of a chunk is record i.
const chunk = 512

// cells is the place of one record in its file, and the helpers that turn
// its cells into typed values, reporting every bad cell where it stands.
type cells struct {
	l    *diag.List
	file string
	line int
	cols []column
	at   []cellPos // per schema column; col 0 when the column or cell is absent
}

// cellPos is where a cell starts; compact, since every row keeps one per column.
type cellPos struct{ line, col int32 }

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

// readSheet streams the data file at path (shown to users as shown) through
// gocsv into T records, calling each with the record and its cells. Header
// problems are reported; a file missing a required column is not read further.
func readSheet[T any](l *diag.List, path, shown string, each func(rec *T, c *cells)) {
	r, err := sheet.Open(path)
	if err != nil {
		reportSheet(l, shown, err)
		return
	}
	defer r.Close()
	cols := columnsOf[T]()

	var head *sheet.Row
	for head == nil {
		row, err := r.Next()
		if err == io.EOF {
			l.Error(diag.Pos{File: shown, Line: 1}, "sheet.empty")
			return
		}
		if err != nil {
			if !reportSheet(l, shown, err) {
				return
			}
			continue
		}
		head = row
	}
	keys, index, ok := mapHeader(l, shown, head, cols)
	if !ok {
		return
	}
	width := len(keys)

	// Two goroutines share the work: this one reads rows and has gocsv
	// decode them a chunk at a time, the other checks the records in file
	// order. A few chunk buffers circulate between them, so a long file costs
	// no allocation per row here and memory stays bounded.
	ncol := len(cols)
	free := make(chan *batch[T], 3)
	for range cap(free) {
		free <- &batch[T]{
			cells: make([]string, chunk*width),
			at:    make([]cellPos, chunk*ncol),
			lines: make([]int, 0, chunk),
			rows:  append(make([][]string, 0, chunk+1), keys),
		}
	}
	full := make(chan *batch[T], cap(free))
	done := make(chan struct{})
	go func() {
		defer close(done)
		c := &cells{l: l, file: shown, cols: cols}
		for b := range full {
			for i := range b.recs {
				c.line, c.at = b.lines[i], b.at[i*ncol:(i+1)*ncol]
				each(&b.recs[i], c)
			}
			free <- b
		}
	}()
	b := <-free
	send := func() {
		if len(b.lines) == 0 {
			return
		}
		b.recs = b.recs[:0]
		if err := gocsv.UnmarshalDecoder(decoder(b.rows), &b.recs); err != nil {
			l.Error(diag.Pos{File: shown, Line: b.lines[0]}, "file.read", err)
			b.recs = b.recs[:0]
		}
		full <- b
		b = <-free
		b.rows, b.lines = b.rows[:1], b.lines[:0]
	}
	for {
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
		n := len(b.lines)
		cs := b.cells[n*width : (n+1)*width]
		extra := 0
		for i := range cs {
			cs[i] = ""
		}
		for i, s := range row.Cells {
			if i < width {
				cs[i] = clean(s)
			} else if clean(s) != "" {
				extra++
			}
		}
		if extra > 0 {
			l.Warn(diag.Pos{File: shown, Line: row.Line}, "row.extra", extra)
		}
		at := b.at[n*ncol : (n+1)*ncol]
		for ci, hi := range index {
			at[ci] = cellPos{int32(row.Line), 0}
			if hi >= 0 && hi < len(row.Cells) {
				line, col := row.Pos(hi)
				at[ci] = cellPos{int32(line), int32(col)}
			}
		}
		b.rows = append(b.rows, cs)
		b.lines = append(b.lines, row.Line)
		if len(b.lines) == chunk {
			send()
		}
	}
	send()
	close(full)
	<-done
}

// batch is one chunk of rows on its way from the reader to the checker.
type batch[T any] struct {
	cells []string   // chunk × header width
	at    []cellPos  // chunk × schema columns
	lines []int      // the line of each row
	rows  [][]string // the header, then each row's cells, as gocsv reads them
	recs  []T        // what gocsv made of rows
}

// decoder hands gocsv a header and a chunk of rows.
type decoder [][]string

func (d decoder) GetCSVRows() ([][]string, error) { return d, nil }

// mapHeader matches header cells to schema columns by key or Chinese alias,
// ignoring case and spaces. It returns the header as gocsv should see it
// (schema keys, "" for unknown columns) and, per schema column, its index in
// the file or -1.
func mapHeader(l *diag.List, shown string, head *sheet.Row, cols []column) (keys []string, index []int, ok bool) {
	keys = make([]string, len(head.Cells))
	index = make([]int, len(cols))
	for i := range index {
		index[i] = -1
	}
	var known []string
	for _, c := range cols {
		known = append(known, c.key)
	}
	for i, h := range head.Cells {
		name := strings.ToLower(clean(h))
		if name == "" {
			continue
		}
		line, col := head.Pos(i)
		at := diag.Pos{File: shown, Line: line, Col: col}
		found := -1
		for ci, c := range cols {
			if name == c.key || name == c.zh {
				found = ci
				break
			}
		}
		switch {
		case found < 0:
			l.Warn(at, "col.unknown", diag.Quote(clean(h)), diag.Names(known))
		case index[found] >= 0:
			l.Error(at, "col.dup", cols[found].name(), index[found]+1)
		default:
			index[found] = i
			keys[i] = cols[found].key
		}
	}
	ok = true
	for ci, c := range cols {
		if c.required && index[ci] < 0 {
			l.Error(diag.Pos{File: shown, Line: head.Line}, "col.missing", c.name())
			ok = false
		}
	}
	return keys, index, ok
}

// clean trims white space (also the full-width space) and invisible
// characters that pasting from the web or WeChat leaves in cells.
func clean(s string) string {
	s = strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\ufeff' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060'
	})
	return s
}

// reportSheet reports an error from the sheet reader and says whether reading may go on.
func reportSheet(l *diag.List, shown string, err error) bool {
	var se *sheet.Error
	if !errors.As(err, &se) {
		l.Error(diag.Pos{File: shown}, "file.read", err)
		return false
	}
	pos := diag.Pos{File: shown, Line: se.Line, Col: se.Col}
	switch se.Kind {
	case sheet.BareQuote:
		l.Error(pos, "sheet.bareQuote")
	case sheet.ExtraneousQuote:
		l.Error(pos, "sheet.extraQuote")
	case sheet.UnterminatedQuote:
		l.Error(pos, "sheet.openQuote")
		return false
	default:
		l.Error(pos, "sheet.unreadable", se.Err)
		return false
	}
	return true
}
