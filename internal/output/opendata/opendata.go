// Package opendata is the open data producer: data/summary.json,
// data/orgs.json, data/projects.json (keys for scripts), data/projects.csv
// (UTF-8 with BOM, for Excel), data/gaps.csv (the orgs yet to take up each
// required task) and data/projects.xlsx (sheets of projects, readings, orgs
// and those gaps, with real dates, percentages and grouped numbers).
// The CSV and the workbook's first sheet have the same columns and header,
// in the site's language. Large lists are streamed.
package opendata

import (
	"bufio"
	"encoding/json"
	"io"

	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/output"
	"github.com/qingdan/qingdan/internal/routes"
	"github.com/qingdan/qingdan/internal/view"
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

// Files are the open data files of the view.
func Files(v *view.View) []output.File {
	s := v.Model
	return []output.File{
		{Name: routes.To(routes.Data, "summary.json").File(), Write: func(w io.Writer) error { return writeJSON(w, summary(s)) }},
		{Name: routes.To(routes.Data, "orgs.json").File(), Write: func(w io.Writer) error { return writeJSON(w, orgs(s)) }},
		{Name: routes.To(routes.Data, "projects.json").File(), Write: func(w io.Writer) error { return streamJSON(w, s.Projects) }, Stream: true},
		{Name: routes.To(routes.Data, "projects.csv").File(), Write: func(w io.Writer) error { return writeCSV(w, projectsTable(v), v.Lang) }, Stream: true},
		{Name: routes.To(routes.Data, "gaps.csv").File(), Write: func(w io.Writer) error { return writeCSV(w, gapsTable(v), v.Lang) }, Stream: true},
		{Name: routes.To(routes.Data, "projects.xlsx").File(), Write: func(w io.Writer) error { return projectsXLSX(w, v, SheetRows, ReadingRows) }, Stream: true, Early: true},
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
