// Package diag collects positioned problems from every stage of a build, so
// that one run reports all of them, sorted, as "file:line[:col]: message".
//
// A problem carries a message key and arguments rather than finished text; it
// is rendered in the site's language only when printed, from the catalogue in
// catalog.go.
package diag

import (
	"slices"
	"strconv"
	"strings"
)

// Severity says whether a problem stops the build.
type Severity uint8

const (
	Error Severity = iota
	Warning
	Info // something the user should know that is not a problem
)

// Pos is a place in a source file. Line and Col are 1-based; 0 means unknown.
// In a workbook (a File ending in .xlsx) Line is the row number and Col the
// column number, and the place prints as Excel names the cell.
type Pos struct {
	File      string
	Line, Col int
}

// String is "file:line:col", "file:line" or "file"; in a workbook it is
// "file:B7" for a cell and "file:7" for a whole row.
func (p Pos) String() string {
	s := p.File
	if p.Line > 0 {
		if p.Col > 0 && IsWorkbook(p.File) {
			return s + ":" + ColumnName(p.Col) + strconv.Itoa(p.Line)
		}
		s += ":" + strconv.Itoa(p.Line)
		if p.Col > 0 {
			s += ":" + strconv.Itoa(p.Col)
		}
	}
	return s
}

// IsWorkbook reports whether file names an Excel workbook, whose places
// are cells (B7) rather than lines and columns.
func IsWorkbook(file string) bool {
	n := len(file)
	return n >= 5 && strings.EqualFold(file[n-5:], ".xlsx")
}

// ColumnName is Excel's name of the 1-based column n: A, B, ..., Z, AA, AB, ...
func ColumnName(n int) string {
	if n <= 0 {
		return ""
	}
	var b []byte
	for ; n > 0; n = (n - 1) / 26 {
		b = append(b, byte('A'+(n-1)%26))
	}
	slices.Reverse(b)
	return string(b)
}

// Msg is a message from the catalogue: a key and its arguments. An argument
// may itself be Local (a Msg, a Name) and is then rendered in the same language.
type Msg struct {
	Key  string
	Args []any
}

// M builds a Msg.
func M(key string, args ...any) Msg { return Msg{key, args} }

// Local is a value that renders differently per language.
type Local interface {
	Local(lang string) string
}

// Local renders the message in lang ("zh-CN" or "en").
func (m Msg) Local(lang string) string { return Text(lang, m.Key, m.Args...) }

// Name is a term with a Chinese and an English form.
type Name struct{ Zh, En string }

func (n Name) Local(lang string) string {
	if IsEnglish(lang) || n.Zh == "" {
		return n.En
	}
	return n.Zh
}

// Column is a data column's name. Chinese messages show both forms,
// 完成时限（due）, since a file's header may use either.
type Column struct{ Zh, En string }

func (c Column) Local(lang string) string {
	if IsEnglish(lang) || c.Zh == "" {
		return c.En
	}
	return c.Zh + "（" + c.En + "）"
}

// Diag is one problem.
type Diag struct {
	Pos Pos
	Sev Severity
	Msg Msg
}

// Text renders d as "file:line:col: message" (warnings marked).
func (d Diag) Text(lang string) string {
	s := d.Msg.Local(lang)
	switch d.Sev {
	case Warning:
		s = Text(lang, "warning") + s
	case Info:
		s = Text(lang, "info") + s
	}
	if p := d.Pos.String(); p != "" {
		return p + ": " + s
	}
	return s
}

// IsEnglish reports whether lang selects English messages.
func IsEnglish(lang string) bool { return len(lang) >= 2 && (lang[:2] == "en" || lang[:2] == "EN") }
