package config

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/qingdan/qingdan/internal/diag"
)

// Limits bound what one input file may hold, so that a broken or hostile
// file is refused, with a message at its place, before reading it costs the
// memory. They are the [limits] table of qingdan.toml. A field left 0 leaves
// the limit to the stage that reads the file, which documents its default:
// csv_size 1 GB, xlsx_size 64 MB, cell_size 64 KB and rows 20,000,000 (the
// package sheet), document_size 4 MB and front_value_size 64 KB (content).
type Limits struct {
	CSVSize        int64 // bytes of a .csv data file
	XLSXSize       int64 // bytes of an .xlsx data file (its unzipped size follows from it)
	CellSize       int64 // bytes of one cell's text
	Rows           int64 // rows of one data file
	DocumentSize   int64 // bytes of one Markdown document
	FrontValueSize int64 // bytes of the text of one front matter value
}

// limits mirrors the [limits] table. Sizes are a whole number of bytes or
// a string with a unit: "64MB", "512 KB", "1.5GB".
type limits struct {
	CSVSize        any    `toml:"csv_size"`
	XLSXSize       any    `toml:"xlsx_size"`
	CellSize       any    `toml:"cell_size"`
	Rows           *int64 `toml:"rows"`
	DocumentSize   any    `toml:"document_size"`
	FrontValueSize any    `toml:"front_value_size"`
}

// parse checks the table; at gives the place of a dotted key.
func (f limits) parse(at func(string) diag.Pos, l *diag.List) Limits {
	var c Limits
	size := func(key string, v any, dst *int64) {
		if v == nil {
			return
		}
		n, ok := parseSize(v)
		if !ok {
			l.Error(at("limits."+key), "config.size", key, diag.Quote(fmt.Sprint(v)))
			return
		}
		*dst = n
	}
	size("csv_size", f.CSVSize, &c.CSVSize)
	size("xlsx_size", f.XLSXSize, &c.XLSXSize)
	size("cell_size", f.CellSize, &c.CellSize)
	size("document_size", f.DocumentSize, &c.DocumentSize)
	size("front_value_size", f.FrontValueSize, &c.FrontValueSize)
	if f.Rows != nil {
		if *f.Rows <= 0 {
			l.Error(at("limits.rows"), "config.rows", *f.Rows)
		} else {
			c.Rows = *f.Rows
		}
	}
	return c
}

// parseSize reads a size above 0: a whole number of bytes, or a string of
// a number and a unit (B, K or KB, M or MB, G or GB, any case; KiB and the
// like too; all of them powers of 1024).
func parseSize(v any) (int64, bool) {
	switch v := v.(type) {
	case int64:
		return v, v > 0
	case string:
		s := strings.TrimSpace(v)
		i := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
		if i < 0 {
			i = len(s)
		}
		n, err := strconv.ParseFloat(s[:i], 64)
		if err != nil {
			return 0, false
		}
		var unit float64
		switch strings.ToUpper(strings.TrimSpace(s[i:])) {
		case "", "B":
			unit = 1
		case "K", "KB", "KIB":
			unit = 1 << 10
		case "M", "MB", "MIB":
			unit = 1 << 20
		case "G", "GB", "GIB":
			unit = 1 << 30
		default:
			return 0, false
		}
		b := math.Ceil(n * unit)
		if b < 1 || b > 1<<50 {
			return 0, false
		}
		return int64(b), true
	}
	return 0, false
}
