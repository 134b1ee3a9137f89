package build

import (
	"os"
	"path/filepath"

	"github.com/qingdan/qingdan/internal/content"
	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/model"
)

// resolve checks what documents refer to against the model and the site's
// static files: orgs, projects, a write-up's org and cover images.
func resolve(s *content.Set, m *model.Site, src string, l *diag.List) { resolveSome(s, s, m, src, l) }

// resolveSome checks the documents of check, which are among those of s.
func resolveSome(s, check *content.Set, m *model.Site, src string, l *diag.List) {
	all := append(append(append([]*content.Doc{}, check.Cases...), check.Sites...), check.Pages...)
	var cases map[string]*content.Doc // by slug, made when a case is first looked up
	bySlug := func() map[string]*content.Doc {
		if cases == nil {
			cases = make(map[string]*content.Doc, len(s.Cases))
			for _, d := range s.Cases {
				cases[d.Slug] = d
			}
		}
		return cases
	}
	// exists reports whether the target is there, and else a hint (the
	// hint's search is costly, so it is made only for what is missing).
	exists := func(kind, id string) (bool, any) {
		switch kind {
		case "org":
			if m.OrgByID[id] != nil {
				return true, nil
			}
			return false, diag.Suggest(id, m.OrgByID)
		case "project":
			if m.ProjectByID[id] != nil {
				return true, nil
			}
			return false, diag.Suggest(id, m.ProjectByID)
		default:
			if bySlug()[id] != nil {
				return true, nil
			}
			return false, diag.Suggest(id, bySlug())
		}
	}
	for _, d := range all {
		for _, r := range d.Refs {
			if ok, hint := exists(r.Kind, r.ID); !ok {
				l.Error(diag.Pos{File: d.File, Line: r.Line, Col: r.Col}, "doc.ref", diag.M("kind."+r.Kind), diag.Quote(r.ID), hint)
			}
		}
		for _, e := range d.Embeds {
			if ok, hint := exists(e.Kind, e.ID); !ok {
				l.Error(diag.Pos{File: d.File, Line: e.Line}, "doc.embedRef", diag.M("kind."+e.Kind), diag.Quote(e.ID), hint)
			}
		}
		for _, id := range d.Orgs {
			if m.OrgByID[id] == nil {
				l.Error(diag.Pos{File: d.File, Line: d.Line("orgs")}, "doc.org", diag.Quote(id), diag.Suggest(id, m.OrgByID))
			}
		}
		for _, id := range d.Projects {
			if m.ProjectByID[id] == nil {
				l.Error(diag.Pos{File: d.File, Line: d.Line("projects")}, "doc.project", diag.Quote(id), diag.Suggest(id, m.ProjectByID))
			}
		}
		if d.Cover != "" && !staticExists(src, d.Cover) {
			l.Error(diag.Pos{File: d.File, Line: d.Line("cover")}, "doc.cover", diag.Quote(d.Cover))
		}
	}
	for _, d := range check.Sites {
		o := m.OrgByID[d.Org]
		switch {
		case o == nil:
			l.Error(diag.Pos{File: d.File, Line: d.Line("org")}, "doc.siteOrg", diag.Quote(d.Org), diag.Suggest(d.Org, m.OrgByID))
		case o.Demo == "":
			l.Warn(diag.Pos{File: d.File, Line: d.Line("org")}, "doc.siteNotDemo", diag.Quote(d.Org))
		}
	}
}

// staticExists reports whether the site-relative path p names a file under
// src/static, without leaving it.
func staticExists(src, p string) bool {
	clean := filepath.Clean("/" + filepath.FromSlash(p))
	if clean == "/" {
		return false
	}
	fi, err := os.Stat(filepath.Join(src, "static", clean))
	return err == nil && !fi.IsDir()
}
