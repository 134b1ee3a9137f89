package load

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/sheet"
	"github.com/qingdan/qingdan/internal/value"
)

// This file holds what turns a bare "no such id" or "not a date" into a
// message that says what the user most likely did: wrote a name where an id
// belongs, separated a list with 、, or kept a date as Excel's day number.

// refKind is what a reference column points at.
type refKind uint8

const (
	kindOrg refKind = iota
	kindTask
	kindProject
)

func (k refKind) name() diag.Name {
	switch k {
	case kindTask:
		return diag.Name{Zh: "清单事项", En: "task"}
	case kindProject:
		return diag.Name{Zh: "项目", En: "project"}
	}
	return diag.Name{Zh: "党组织", En: "org"}
}

// key is the message for an unknown id.
func (k refKind) key() string {
	switch k {
	case kindTask:
		return "ref.task"
	case kindProject:
		return "ref.project"
	}
	return "ref.org"
}

// nameIndex maps records' names (org names, task and project titles) to the
// ids of the records that bear them, in the order they were read.
type nameIndex struct{ m map[string][]string }

// maxNameScan bounds the records looked through for a name that contains
// the value, or that the value contains, so bad references stay cheap.
const maxNameScan = 5000

func nameKey(s string) string {
	return strings.Join(strings.Fields(value.Narrow(clean(s))), "")
}

func (n *nameIndex) add(name, id string) {
	k := nameKey(name)
	if k == "" {
		return
	}
	if n.m == nil {
		n.m = map[string][]string{}
	}
	n.m[k] = append(n.m[k], id)
}

// exact returns the ids of the records named v.
func (n *nameIndex) exact(v string) []string { return n.m[nameKey(v)] }

// like returns the id and name of the one record whose name holds v or is
// held in it (both at least four characters), or "" when there is no such
// record or more than one.
func (n *nameIndex) like(v string) (id, name string) {
	k := nameKey(v)
	if utf8.RuneCountInString(k) < 4 || len(n.m) > maxNameScan || !strings.ContainsFunc(k, func(r rune) bool { return r >= utf8.RuneSelf }) {
		return "", ""
	}
	for other, ids := range n.m {
		if utf8.RuneCountInString(other) < 4 || !strings.Contains(other, k) && !strings.Contains(k, other) {
			continue
		}
		if id != "" || len(ids) > 1 {
			return "", "" // more than one: no guess
		}
		id, name = ids[0], other
	}
	return id, name
}

// badRef reports v, in a column of kind's ids, that is no such id: as the
// name of a record when it is one, else with the nearest id.
func badRef[V any](l *diag.List, at diag.Pos, col diag.Column, kind refKind, v string, pool map[string]V, n *nameIndex) {
	switch ids := n.exact(v); {
	case len(ids) == 1:
		l.Error(at, "ref.name", col, diag.Quote(v), kind.name(), ids[0])
		return
	case len(ids) > 1:
		l.Error(at, "ref.names", col, diag.Quote(v), kind.name(), diag.Names(ids))
		return
	}
	hint := diag.Suggest(v, pool)
	if hint == "" {
		if id, name := n.like(v); id != "" {
			l.Error(at, "ref.nameLike", col, diag.Quote(v), kind.name(), id, diag.Quote(name))
			return
		}
	}
	l.Error(at, kind.key(), col, diag.Quote(v), hint)
}

// listSeps are what people separate lists with instead of |.
const listSeps = "、，,;；/／"

// listItem reads one |-separated item of a list of options. An item that is
// no option but a list in itself ("rural、社区") is read as that list, with
// a warning that lists are separated by | (an error when an item is still
// not an option).
func listItem(c *cells, key, item string, options []value.OrgType) []string {
	if k, ok := lookup(item, options); ok {
		return []string{k}
	}
	i := strings.IndexAny(item, listSeps)
	parts := strings.FieldsFunc(item, func(r rune) bool { return strings.ContainsRune(listSeps, r) })
	if i < 0 || len(parts) < 2 {
		c.errorf(key, "cell.enum", diag.Quote(item), optionNames(options))
		return nil
	}
	sep, _ := utf8.DecodeRuneInString(item[i:])
	var keys, bad []string
	for j, p := range parts {
		parts[j] = clean(p)
		if k, ok := lookup(parts[j], options); ok {
			keys = append(keys, k)
		} else if parts[j] != "" {
			bad = append(bad, parts[j])
		}
	}
	parts = slices.DeleteFunc(parts, func(p string) bool { return p == "" })
	fixed := diag.Quote(strings.Join(parts, "|"))
	if len(bad) == 0 {
		c.warnf(key, "cell.listSep", diag.Quote(string(sep)), fixed)
		return keys
	}
	c.errorf(key, "cell.listSep", diag.Quote(string(sep)), fixed)
	for _, b := range bad {
		c.errorf(key, "cell.enum", diag.Quote(b), optionNames(options))
	}
	return keys
}

// serialDate reads v as Excel's number for a date (44712 is 2022-05-31),
// which is what a date cell holds when it is not formatted as a date. Small
// numbers are not taken for one: 2022 in a date column is a year.
func serialDate(v string, date1904 bool) (string, bool) {
	f, why := value.ParseNumber(v)
	if why != nil || strings.HasSuffix(strings.TrimSpace(v), "%") || f < 10000 {
		return "", false
	}
	day, ok := sheet.SerialDate(f, date1904)
	if !ok {
		return "", false
	}
	if _, why := value.ParseDate(day); why != nil {
		return "", false
	}
	return day, true
}

// serialKey is the message for a date kept as a number: in a workbook the
// cell can be formatted; a text file was exported that way.
func (c *cells) serialKey() string {
	if diag.IsWorkbook(c.file) {
		return "cell.serialDate"
	}
	return "cell.serialDateText"
}
