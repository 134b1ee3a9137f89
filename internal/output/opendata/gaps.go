package opendata

import (
	"iter"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/view"
)

var gapCols = []column{
	{"task", "事项编号", text, 12}, {"task_title", "事项", text, 30}, {"type", "党组织类型", text, 12},
	{"org", "党组织编号", text, 14}, {"org_name", "党组织名称", text, 30}, {"parent", "上级组织", text, 30},
}

// gapsTable lists, for each required task and each org type it applies
// to, the orgs yet to take it up (data/gaps.csv): the task page names the
// first view.GapNames of each and links here for the rest.
func gapsTable(v *view.View) table {
	s, lang := v.Model, v.Lang
	n := 0
	for _, c := range required(s) {
		n += len(c.Missing)
	}
	return table{
		name: diag.Name{Zh: "必选事项未落实", En: "Required, not taken up"}, id: "gaps", cols: gapCols, rows: n, split: true,
		each: func(emit func([]cell) error) error {
			r := make([]cell, len(gapCols))
			for tk, c := range required(s) {
				typ := c.Type
				if !diag.IsEnglish(lang) {
					typ = s.TypeLabel(c.Type)
				}
				for _, o := range c.Missing {
					parent := ""
					if o.Parent != nil {
						parent = o.Parent.Name
					}
					r[0], r[1], r[2], r[3], r[4], r[5] = str(tk.ID), str(tk.Title), str(typ), str(o.ID), str(o.Name), str(parent)
					if err := emit(r); err != nil {
						return err
					}
				}
			}
			return nil
		},
	}
}

// required is the coverage of each required task, by org type.
func required(s *model.Site) iter.Seq2[*model.Task, model.Coverage] {
	return func(yield func(*model.Task, model.Coverage) bool) {
		for _, tk := range s.Tasks {
			if tk.Kind != "required" {
				continue
			}
			for _, c := range tk.Coverage {
				if !yield(tk, c) {
					return
				}
			}
		}
	}
}
