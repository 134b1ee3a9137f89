package opendata

import (
	"bufio"
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/format"
	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/value"
	"github.com/qingdan/qingdan/internal/view"
)

// The open data's tables: the projects (projects.csv, and the workbook's
// first sheet), the readings and the orgs (the workbook's other sheets).
// The CSV and the workbook share the columns and the header, written in the
// site's language: Chinese labels (the data files' own aliases where the
// column is one of theirs), or the keys of projects.json on an English
// site. Scripts that want stable English keys read projects.json.

// kind is what a column holds, and so how the CSV and the workbook write it.
type kind uint8

const (
	text    kind = iota // as it is (the CSV makes it formula-inert)
	number              // a quantity: every digit, thousands grouped in the workbook
	count               // a whole number
	percent             // a share in [0, 1], written as 52.5%
	date                // a calendar day: a real date in the workbook, ISO in the CSV
)

// column is a column of a table.
type column struct {
	key, zh string
	kind    kind
	width   float64 // in the workbook, in characters
}

// head is the column's header in lang.
func (c column) head(lang string) string {
	if diag.IsEnglish(lang) {
		return c.key
	}
	return c.zh
}

// cell is one value of a row; the column's kind says which field holds it.
type cell struct {
	s  string
	f  float64
	d  model.Date
	ok bool // false: the cell is empty
}

func str(s string) cell     { return cell{s: s, ok: s != ""} }
func num(f float64) cell    { return cell{f: f, ok: true} }
func whole(n int) cell      { return cell{f: float64(n), ok: true} }
func day(d model.Date) cell { return cell{d: d, ok: !d.IsZero()} }

func share(p *float64) cell {
	if p == nil {
		return cell{}
	}
	return cell{f: *p, ok: true}
}

// table is one list of the open data.
type table struct {
	name  diag.Name // the workbook's sheet
	id    string    // the Excel table's name: ASCII, unique in the workbook
	cols  []column
	rows  int                                   // how many rows each gives
	split bool                                  // longer than a sheet: continued on the next; else left out
	limit int                                   // not split: the most rows the workbook takes
	each  func(emit func(r []cell) error) error // the rows, in order; r is reused
}

var projectCols = []column{
	{"id", "项目编号", text, 16}, {"org", "党组织编号", text, 14}, {"org_name", "党组织名称", text, 30},
	{"task", "清单事项", text, 12}, {"title", "项目名称", text, 30}, {"category", "类别", text, 10},
	{"owner", "责任人", text, 10}, {"start", "开始日期", date, 16}, {"due", "完成时限", date, 16},
	{"indicator", "指标", text, 22}, {"unit", "单位", text, 7}, {"baseline", "基准值", number, 11},
	{"target", "目标值", number, 11}, {"value", "当前值", number, 11}, {"percent", "完成率", percent, 9},
	{"status", "状态", text, 10},
}

func projectsTable(v *view.View) table {
	s, lang := v.Model, v.Lang
	return table{
		name: diag.Name{Zh: "项目", En: "Projects"}, id: "projects", cols: projectCols, rows: len(s.Projects), split: true,
		each: func(emit func([]cell) error) error {
			r := make([]cell, len(projectCols))
			for _, p := range s.Projects {
				orgName := ""
				if p.Org != nil {
					orgName = p.Org.Name
				}
				r[0], r[1], r[2], r[3], r[4] = str(p.ID), str(p.OrgID), str(orgName), str(p.TaskID), str(p.Title)
				r[5], r[6], r[7], r[8], r[9] = str(p.Category), str(p.Owner), day(p.Start), day(p.Due), str(p.Indicator)
				r[10], r[11], r[12], r[13], r[14] = str(p.Unit), num(p.Baseline), num(p.Target), num(p.Value), num(p.Percent)
				r[15] = str(format.Status(p.Status, lang))
				if err := emit(r); err != nil {
					return err
				}
			}
			return nil
		},
	}
}

var readingCols = []column{
	{"project", "项目编号", text, 16}, {"title", "项目名称", text, 30}, {"date", "日期", date, 16},
	{"value", "数值", number, 11}, {"unit", "单位", text, 7}, {"percent", "完成率", percent, 9}, {"note", "说明", text, 30},
}

// readingsTable lists the readings the site counts (those up to as_of), by
// project in the site's order, each project's by date.
func readingsTable(v *view.View, limit int) table {
	s := v.Model
	n := 0
	for _, p := range s.Projects {
		for _, rd := range p.Readings {
			if rd.Date <= s.AsOf {
				n++
			}
		}
	}
	return table{
		name: diag.Name{Zh: "进度", En: "Readings"}, id: "readings", cols: readingCols, rows: n, limit: limit,
		each: func(emit func([]cell) error) error {
			r := make([]cell, len(readingCols))
			for _, p := range s.Projects {
				for _, rd := range p.Readings {
					if rd.Date > s.AsOf {
						continue
					}
					r[0], r[1], r[2], r[3] = str(p.ID), str(p.Title), day(rd.Date), num(rd.Value)
					r[4], r[5], r[6] = str(p.Unit), num(model.Percent(rd.Value, p.Baseline, p.Target)), str(v.Notes.Note(rd.Line))
					if err := emit(r); err != nil {
						return err
					}
				}
			}
			return nil
		},
	}
}

var orgCols = []column{
	{"id", "编号", text, 14}, {"name", "名称", text, 30}, {"type", "类型", text, 10}, {"parent", "上级", text, 14},
	{"secretary", "书记", text, 10}, {"members", "党员数", count, 9}, {"founded", "成立时间", date, 16},
	{"area", "区域", text, 14}, {"demo", "示范点", text, 8}, {"projects", "项目数", count, 9},
	{"done", "已完成", count, 9}, {"overdue", "逾期", count, 9}, {"percent", "完成率", percent, 9},
}

// orgsTable lists the orgs in the tree's order, as orgs.json does.
func orgsTable(v *view.View) table {
	s, lang := v.Model, v.Lang
	return table{
		name: diag.Name{Zh: "党组织", En: "Organizations"}, id: "orgs", cols: orgCols, rows: len(s.Orgs), split: true,
		each: func(emit func([]cell) error) error {
			r := make([]cell, len(orgCols))
			var err error
			s.Walk(func(o *model.Org) {
				if err != nil {
					return
				}
				typ, demo, parent := o.Type, o.Demo, ""
				if !diag.IsEnglish(lang) {
					typ, demo = s.TypeLabel(o.Type), value.Label(value.DemoLevels(), o.Demo)
				}
				if o.Parent != nil {
					parent = o.Parent.ID
				}
				r[0], r[1], r[2], r[3], r[4] = str(o.ID), str(o.Name), str(typ), str(parent), str(o.Secretary)
				r[5], r[6], r[7], r[8] = whole(o.Members), day(o.Founded), str(o.Area), str(demo)
				r[9], r[10], r[11], r[12] = whole(o.Roll.Projects), whole(o.Roll.Status[model.Done]), whole(o.Roll.Status[model.Overdue]), share(o.Roll.Percent())
				err = emit(r)
			})
			return err
		},
	}
}

// inert keeps a text cell from running as a formula when the CSV is opened
// in Excel or WPS: a cell starting with =, +, -, @, a tab or a carriage
// return gets a leading apostrophe, as OWASP advises. (The xlsx stores text
// cells as text, which no spreadsheet runs.)
func inert(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}

// csvText is a cell as the CSV writes it: what a spreadsheet opening the
// file reads as the same value the workbook holds (a date, a number, a
// percentage), text made formula-inert.
func csvText(c column, v cell) string {
	if !v.ok {
		return ""
	}
	switch c.kind {
	case number:
		return format.Plain(v.f)
	case count:
		return strconv.FormatInt(int64(v.f), 10)
	case percent:
		return format.Percent(v.f)
	case date:
		return v.d.String()
	}
	return inert(v.s)
}

// writeCSV writes the table as UTF-8 with a BOM and CRLF line ends, as
// Excel writes and expects.
func writeCSV(w io.Writer, t table, lang string) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString("\ufeff")
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	rec := make([]string, len(t.cols))
	for i, c := range t.cols {
		rec[i] = c.head(lang)
	}
	cw.Write(rec)
	err := t.each(func(r []cell) error {
		for i, c := range t.cols {
			rec[i] = csvText(c, r[i])
		}
		return cw.Write(rec)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
