package load

import (
	"strconv"
	"strings"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/sheet"
)

// headScan is how many rows (blank ones not counted) are looked through for
// the header: government sheets often put a title, a unit and a date above it.
const headScan = 5

// rowAt gives the place of a row's cells: a *sheet.Row or a heldRow.
type rowAt interface {
	Pos(i int) (line, col int)
}

// heldRow is a row kept while the header is looked for: the reader reuses
// its rows, so the cells and their places are copied.
type heldRow struct {
	line  int
	cells []string
	at    []cellPos // per cell
}

func hold(r *sheet.Row) heldRow {
	h := heldRow{line: r.Line, cells: append([]string(nil), r.Cells...), at: make([]cellPos, len(r.Cells))}
	for i := range r.Cells {
		line, col := r.Pos(i)
		h.at[i] = cellPos{int32(line), int32(col)}
	}
	return h
}

func (h *heldRow) Pos(i int) (line, col int) {
	if i < 0 || i >= len(h.at) {
		return h.line, 0
	}
	return int(h.at[i].line), int(h.at[i].col)
}

// named counts the schema columns that cells name, each once.
func named(cells []string, cols []column) int {
	seen := make([]bool, len(cols))
	n := 0
	for _, h := range cells {
		if ci := columnIndex(h, cols); ci >= 0 && !seen[ci] {
			seen[ci] = true
			n++
		}
	}
	return n
}

// columnIndex is the schema column a header cell names, or -1.
func columnIndex(h string, cols []column) int {
	name := strings.ToLower(clean(h))
	if name == "" {
		return -1
	}
	for ci, c := range cols {
		if name == c.key || name == c.zh {
			return ci
		}
	}
	return -1
}

// findHeader picks the header among the first rows of a file: the first
// row, unless a later one names more of the columns (at least two), when
// the rows above it are a title, skipped with a note. When no row names any
// column it says once that the first row is not a header and returns -1.
func findHeader(l *diag.List, shown string, rows []heldRow, cols []column) int {
	best, most := 0, named(rows[0].cells, cols)
	for i := 1; i < len(rows); i++ {
		if n := named(rows[i].cells, cols); n > most {
			best, most = i, n
		}
	}
	switch {
	case most == 0:
		l.Error(diag.Pos{File: shown, Line: rows[0].line}, "sheet.noHeader", len(rows), headerExample(cols))
		return -1
	case best > 0 && most < 2:
		return 0 // one name is no evidence; read the first row as the header
	case best > 0:
		var lines diag.Names
		for _, r := range rows[:best] {
			lines = append(lines, strconv.Itoa(r.line))
		}
		l.Info(diag.Pos{File: shown, Line: rows[0].line}, "sheet.titleRows", lines, diag.Quote(firstText(rows[0].cells)), rows[best].line)
	}
	return best
}

func firstText(cells []string) string {
	for _, c := range cells {
		if c = clean(c); c != "" {
			return c
		}
	}
	return ""
}

// headerExample is a header as a user would type it: the required columns,
// by their Chinese names in Chinese messages.
type headerExample []column

func (h headerExample) Local(lang string) string {
	var names []string
	for _, c := range h {
		if !c.required {
			continue
		}
		if diag.IsEnglish(lang) || c.zh == "" {
			names = append(names, c.key)
		} else {
			names = append(names, c.zh)
		}
	}
	return strings.Join(names, ",")
}

// mapHeader matches header cells to schema columns by key or Chinese alias,
// ignoring case and spaces. It returns the header as gocsv should see it
// (schema keys, "" for unknown columns) and, per schema column, its index in
// the file or -1.
func mapHeader(l *diag.List, shown string, head *heldRow, cols []column) (keys []string, index []int, ok bool) {
	keys = make([]string, len(head.cells))
	index = make([]int, len(cols))
	for i := range index {
		index[i] = -1
	}
	var known []string
	for _, c := range cols {
		known = append(known, c.key)
	}
	for i, h := range head.cells {
		if clean(h) == "" {
			continue
		}
		line, col := head.Pos(i)
		at := diag.Pos{File: shown, Line: line, Col: col}
		found := columnIndex(h, cols)
		switch {
		case found < 0:
			l.Warn(at, "col.unknown", diag.Quote(clean(h)), diag.Names(known))
		case index[found] >= 0:
			l.Error(at, "col.dup", cols[found].name(), columnName(shown, index[found]+1))
		default:
			index[found] = i
			keys[i] = cols[found].key
		}
	}
	ok = true
	for ci, c := range cols {
		if c.required && index[ci] < 0 {
			l.Error(diag.Pos{File: shown, Line: head.line}, "col.missing", c.name())
			ok = false
		}
	}
	return keys, index, ok
}

// columnName names the 1-based column n as the file's users do: a letter
// in a workbook, a number in a text file.
func columnName(file string, n int) string {
	if diag.IsWorkbook(file) {
		return diag.ColumnName(n)
	}
	return strconv.Itoa(n)
}
