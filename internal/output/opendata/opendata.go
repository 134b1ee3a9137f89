// Package opendata is the open data producer: data/summary.json,
// data/orgs.json, data/projects.json, data/projects.csv (UTF-8 with BOM, for
// Excel) and data/projects.xlsx. Large lists are streamed.
package opendata

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/format"
	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/output"
	"github.com/qingdan/qingdan/internal/routes"
)

// statusCounts is a status tally with the SPEC's keys, in rule order.
type statusCounts struct {
	Done       int `json:"done"`
	OnTrack    int `json:"on_track"`
	Behind     int `json:"behind"`
	Overdue    int `json:"overdue"`
	NotStarted int `json:"not_started"`
}

func counts(s [model.NumStatus]int) statusCounts {
	return statusCounts{s[model.Done], s[model.OnTrack], s[model.Behind], s[model.Overdue], s[model.NotStarted]}
}

type summaryJSON struct {
	AsOf     model.Date             `json:"as_of"`
	Orgs     int                    `json:"orgs"`
	Projects int                    `json:"projects"`
	Tasks    int                    `json:"tasks"`
	Percent  *float64               `json:"percent"`
	Status   statusCounts           `json:"status"`
	OrgsByID map[string]orgRollJSON `json:"orgs_by_id"`
}

type orgRollJSON struct {
	Projects int          `json:"projects"`
	Done     int          `json:"done"`
	Overdue  int          `json:"overdue"`
	Percent  *float64     `json:"percent"`
	Status   statusCounts `json:"status"`
}

type orgJSON struct {
	ID        string      `json:"id"`
	Name      string      `json:"name"`
	Type      string      `json:"type"`
	Parent    string      `json:"parent"`
	Secretary string      `json:"secretary"`
	Members   int         `json:"members"`
	Founded   model.Date  `json:"founded"`
	Area      string      `json:"area"`
	Demo      string      `json:"demo"`
	Summary   string      `json:"summary"`
	Children  []string    `json:"children"`
	Roll      orgRollJSON `json:"rollup"`
}

type projectJSON struct {
	ID        string       `json:"id"`
	Org       string       `json:"org"`
	Task      string       `json:"task"`
	Title     string       `json:"title"`
	Category  string       `json:"category"`
	Owner     string       `json:"owner"`
	Start     model.Date   `json:"start"`
	Due       model.Date   `json:"due"`
	Indicator string       `json:"indicator"`
	Unit      string       `json:"unit"`
	Baseline  float64      `json:"baseline"`
	Target    float64      `json:"target"`
	Value     float64      `json:"value"`
	Percent   float64      `json:"percent"`
	Status    model.Status `json:"status"`
	Readings  int          `json:"readings"`
}

func roll(o *model.Org) orgRollJSON {
	return orgRollJSON{
		Projects: o.Roll.Projects,
		Done:     o.Roll.Status[model.Done],
		Overdue:  o.Roll.Status[model.Overdue],
		Percent:  o.Roll.Percent(),
		Status:   counts(o.Roll.Status),
	}
}

func project(p *model.Project) projectJSON {
	return projectJSON{
		ID: p.ID, Org: p.OrgID, Task: p.TaskID, Title: p.Title, Category: p.Category,
		Owner: p.Owner, Start: p.Start, Due: p.Due, Indicator: p.Indicator, Unit: p.Unit,
		Baseline: p.Baseline, Target: p.Target, Value: p.Value, Percent: p.Percent,
		Status: p.Status, Readings: len(p.Readings),
	}
}

// Files are the open data files.
func Files(s *model.Site, lang string) []output.File {
	return []output.File{
		{Name: routes.To(routes.Data, "summary.json").File(), Write: func(w io.Writer) error { return writeJSON(w, summary(s)) }},
		{Name: routes.To(routes.Data, "orgs.json").File(), Write: func(w io.Writer) error { return writeJSON(w, orgs(s)) }},
		{Name: routes.To(routes.Data, "projects.json").File(), Write: func(w io.Writer) error { return streamJSON(w, s.Projects) }, Stream: true},
		{Name: routes.To(routes.Data, "projects.csv").File(), Write: func(w io.Writer) error { return projectsCSV(w, s) }, Stream: true},
		{Name: routes.To(routes.Data, "projects.xlsx").File(), Write: func(w io.Writer) error { return projectsXLSX(w, s, lang) }, Stream: true},
	}
}

func summary(s *model.Site) summaryJSON {
	sum := summaryJSON{
		AsOf: s.AsOf, Orgs: len(s.Orgs), Projects: len(s.Projects), Tasks: len(s.Tasks),
		Percent: s.Total.Percent(), Status: counts(s.Total.Status),
		OrgsByID: make(map[string]orgRollJSON, len(s.Orgs)),
	}
	for _, o := range s.Orgs {
		sum.OrgsByID[o.ID] = roll(o)
	}
	return sum
}

func orgs(s *model.Site) []orgJSON {
	orgs := make([]orgJSON, 0, len(s.Orgs))
	s.Walk(func(o *model.Org) {
		j := orgJSON{
			ID: o.ID, Name: o.Name, Type: o.Type, Parent: o.ParentID, Secretary: o.Secretary,
			Members: o.Members, Founded: o.Founded, Area: o.Area, Demo: o.Demo, Summary: o.Summary,
			Children: []string{}, Roll: roll(o),
		}
		if o.Parent == nil {
			j.Parent = ""
		}
		for _, c := range o.Children {
			j.Children = append(j.Children, c.ID)
		}
		orgs = append(orgs, j)
	})
	return orgs
}

func writeJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// streamJSON writes the projects as a JSON array, one object a line.
func streamJSON(w io.Writer, ps []*model.Project) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString("[")
	for i, p := range ps {
		if i > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n")
		b, err := json.Marshal(project(p))
		if err != nil {
			return err
		}
		bw.Write(b)
	}
	bw.WriteString("\n]\n")
	return bw.Flush()
}

// The open-data columns, as keys (CSV, for scripts) and labels (xlsx, for people).
var projectCols = []struct{ key, zh string }{
	{"id", "项目编号"}, {"org", "党组织编号"}, {"org_name", "党组织"}, {"task", "清单事项"},
	{"title", "项目名称"}, {"category", "类别"}, {"owner", "责任人"}, {"start", "开始日期"},
	{"due", "完成时限"}, {"indicator", "指标"}, {"unit", "单位"}, {"baseline", "基准值"},
	{"target", "目标值"}, {"value", "当前值"}, {"percent", "完成率"}, {"status", "状态"},
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func row(p *model.Project) []string {
	orgName := ""
	if p.Org != nil {
		orgName = p.Org.Name
	}
	return []string{p.ID, p.OrgID, orgName, p.TaskID, p.Title, p.Category, p.Owner,
		p.Start.String(), p.Due.String(), p.Indicator, p.Unit, num(p.Baseline), num(p.Target),
		num(p.Value), num(p.Percent), p.Status.Key()}
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

func projectsCSV(w io.Writer, s *model.Site) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString("\ufeff")
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true // what Excel writes and expects
	head := make([]string, len(projectCols))
	for i, c := range projectCols {
		head[i] = c.key
	}
	cw.Write(head)
	for _, p := range s.Projects {
		r := row(p)
		for _, i := range []int{0, 1, 2, 3, 4, 5, 6, 9, 10} { // the text columns
			r[i] = inert(r[i])
		}
		cw.Write(r)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

func projectsXLSX(w io.Writer, s *model.Site, lang string) error {
	x := excelize.NewFile()
	defer x.Close()
	sheet := "Sheet1"
	sw, err := x.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	head := make([]any, len(projectCols))
	for i, c := range projectCols {
		head[i] = c.zh
		if diag.IsEnglish(lang) {
			head[i] = c.key
		}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for i, p := range s.Projects {
		r := row(p)
		cells := make([]any, len(r))
		for j, v := range r {
			cells[j] = v
		}
		cells[11], cells[12], cells[13], cells[14] = p.Baseline, p.Target, p.Value, p.Percent
		cells[15] = format.Status(p.Status, lang)
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = x.WriteTo(w)
	return err
}
