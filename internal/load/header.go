package load

import (
	"slices"
	"strconv"
	"strings"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/sheet"
	"github.com/qingdan/qingdan/internal/value"
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
		if ci, _ := columnIndex(h, cols); ci >= 0 && !seen[ci] {
			seen[ci] = true
			n++
		}
	}
	return n
}

// columnIndex is the schema column a header cell names, or -1, and whether
// it names it by its key or Chinese name rather than another name.
func columnIndex(h string, cols []column) (ci int, own bool) {
	name := headName(h)
	if name == "" {
		return -1, false
	}
	for ci, c := range cols {
		for i, f := range c.forms {
			if name == f {
				return ci, i < 2
			}
		}
	}
	return -1, false
}

// findHeader picks the header among the first rows of a file: the first
// row, unless a later one names more of the columns, when the rows above it
// are a title, skipped with a note. A later row that names one column only
// is taken for the header only if it holds no number or date: a data cell
// may read 项目 or 备注. When no row names any column it says once that the
// first row is not a header and returns -1.
func findHeader(l *diag.List, shown string, rows []heldRow, cols []column) int {
	best, most := 0, named(rows[0].cells, cols)
	for i := 1; i < len(rows); i++ {
		if n := named(rows[i].cells, cols); n > most && (n > 1 || headerLike(rows[i].cells)) {
			best, most = i, n
		}
	}
	switch {
	case most == 0:
		l.Error(diag.Pos{File: shown, Line: rows[0].line}, "sheet.noHeader", len(rows), headerExample(cols))
		return -1
	case best > 0:
		var lines diag.Names
		for _, r := range rows[:best] {
			lines = append(lines, strconv.Itoa(r.line))
		}
		l.Info(diag.Pos{File: shown, Line: rows[0].line}, "sheet.titleRows", lines, diag.Quote(firstText(rows[0].cells)), rows[best].line)
	}
	return best
}

// headerLike reports whether no cell of a row is a number or a date, as in
// a header and rarely in a record.
func headerLike(cells []string) bool {
	for _, c := range cells {
		if c = clean(c); c == "" {
			continue
		}
		if _, why := value.ParseNumber(c); why == nil {
			return false
		}
		if _, why := value.ParseDate(c); why == nil {
			return false
		}
	}
	return true
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

// mapHeader matches header cells to schema columns by key, Chinese name or
// another name in use (headName says how a cell is compared). It returns
// the header as gocsv should see it (schema keys, "" for unknown columns)
// and, per schema column, its index in the file or -1. A column's own names
// are matched first, so a sheet with both 说明 and 备注 reads 说明 as the
// note and ignores 备注 with a warning; a column named twice by its own
// names is an error.
func mapHeader(l *diag.List, shown string, head *heldRow, cols []column) (keys []string, index []int, ok bool) {
	keys = make([]string, len(head.cells))
	index = make([]int, len(cols))
	for i := range index {
		index[i] = -1
	}
	found := make([]int, len(head.cells))
	own := make([]bool, len(head.cells))
	for i, h := range head.cells {
		found[i], own[i] = columnIndex(h, cols)
	}
	at := func(i int) diag.Pos {
		line, col := head.Pos(i)
		return diag.Pos{File: shown, Line: line, Col: col}
	}
	text := func(i int) diag.Quote { return diag.Quote(clean(head.cells[i])) }
	for _, ownPass := range []bool{true, false} {
		for i, ci := range found {
			switch {
			case ci < 0 || own[i] != ownPass:
			case index[ci] < 0:
				index[ci] = i
				keys[i] = cols[ci].key
			case ownPass:
				l.Error(at(i), "col.dup", cols[ci].name(), columnName(shown, index[ci]+1))
			default:
				l.Warn(at(i), "col.akaTaken", text(i), cols[ci].name(), columnName(shown, index[ci]+1), text(index[ci]))
			}
		}
	}
	byKey := 0 // header cells naming their column by key, less those by a Chinese name
	for i, ci := range found {
		switch {
		case ci < 0:
		case headName(head.cells[i]) == cols[ci].forms[0]:
			byKey++
		default:
			byKey--
		}
	}
	known := columnList{cols, byKey > 0}
	for i, h := range head.cells {
		name := headName(h)
		switch {
		case found[i] >= 0 || clean(h) == "":
		case slices.Contains(rowNumberNames, name):
			l.Info(at(i), "col.rowNumber", text(i))
		default:
			if g := guess(name, cols, index); g != "" {
				l.Warn(at(i), "col.unknownLike", text(i), diag.Quote(g), known)
			} else {
				l.Warn(at(i), "col.unknown", text(i), known)
			}
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
