// Package search is the search index producer: search/index.js, a classic
// script that sets window.QD_SEARCH, so search works from file:// where
// nothing can be fetched.
package search

import (
	"encoding/json"
	"io"

	"github.com/qingdan/qingdan/internal/format"
	"github.com/qingdan/qingdan/internal/output"
	"github.com/qingdan/qingdan/internal/routes"
	"github.com/qingdan/qingdan/internal/view"
)

// Files is the index.
func Files(v *view.View) []output.File {
	return []output.File{{Name: routes.To(routes.SearchIndex, "").File(), Write: func(w io.Writer) error { return write(w, v) }}}
}

type entry struct {
	T string `json:"t"` // title
	U string `json:"u"` // site-relative URL
	K string `json:"k"` // kind
	S string `json:"s"` // snippet
}

func write(w io.Writer, v *view.View) error {
	var es []entry
	lang := v.Lang
	for _, d := range v.Docs.Cases {
		es = append(es, entry{d.Title, d.Route().Path(), format.Pick(lang, "案例", "case"), d.Summary})
	}
	for _, o := range v.Model.Orgs {
		es = append(es, entry{o.Name, routes.To(routes.Org, o.ID).Path(), format.Pick(lang, "组织", "org"), o.Area})
	}
	for _, p := range v.Model.Projects {
		org := ""
		if p.Org != nil {
			org = p.Org.Name
		}
		es = append(es, entry{p.Title, routes.To(routes.Project, p.ID).Path(), format.Pick(lang, "项目", "project"), org + " · " + p.Indicator})
	}
	for _, tk := range v.Model.Tasks {
		es = append(es, entry{tk.Title, routes.To(routes.Task, tk.ID).Path(), format.Pick(lang, "清单事项", "task"), tk.Category})
	}
	b, err := json.Marshal(es)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, "window.QD_SEARCH="+string(b)+";\n")
	return err
}
