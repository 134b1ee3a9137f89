package routes

import (
	"strconv"
	"strings"
)

// Match is the route whose file is name, the inverse of Route.File: a
// server asked for a file finds the page to make without listing them all.
// A name no page kind has is a File.
func Match(name string) Route {
	switch name {
	case "index.html":
		return To(Home, "")
	case "404.html":
		return To(NotFound, "")
	case "feed.xml":
		return To(Feed, "")
	case "sitemap.xml":
		return To(Sitemap, "")
	case "robots.txt":
		return To(Robots, "")
	case "search/index.js":
		return To(SearchIndex, "")
	}
	if id, ok := between(name, "search/t/", ".js"); ok {
		return To(SearchTerms, id)
	}
	if id, ok := between(name, "search/d/", ".js"); ok {
		return To(SearchDocs, id)
	}
	if n, ok := strings.CutPrefix(name, "sitemap-"); ok {
		if v, err := strconv.Atoi(strings.TrimSuffix(n, ".xml")); err == nil && v > 0 && n == strconv.Itoa(v)+".xml" {
			return Paged(Sitemap, "", v)
		}
	}
	if rest, ok := strings.CutPrefix(name, "data/"); ok && rest != "" {
		return To(Data, rest)
	}
	if rest, ok := strings.CutPrefix(name, "assets/"); ok && rest != "" {
		return To(Asset, rest)
	}
	dir, ok := strings.CutSuffix(name, "/index.html")
	if !ok || dir == "" {
		return To(File, name)
	}
	segs := strings.Split(dir, "/")
	// page/N at the end of a listing's folder
	n := 0
	if len(segs) >= 3 && segs[len(segs)-2] == "page" {
		if v, err := strconv.Atoi(segs[len(segs)-1]); err == nil && v >= 2 && strconv.Itoa(v) == segs[len(segs)-1] {
			n, segs = v, segs[:len(segs)-2]
		}
	}
	file := To(File, name)
	paged := func(r Route) Route {
		r.N = n
		if n > 0 && r.Path() != dir+"/" {
			return file
		}
		return r
	}
	single := func(r Route) Route {
		if n > 0 {
			return file
		}
		return r
	}
	switch {
	case len(segs) == 1:
		switch segs[0] {
		case "projects":
			return paged(To(Projects, ""))
		case "cases":
			return paged(To(Cases, ""))
		case "orgs":
			return single(To(Orgs, ""))
		case "sites":
			return paged(To(Sites, ""))
		case "tasks":
			return single(To(Tasks, ""))
		case "tags":
			return single(To(Tags, ""))
		case "search":
			return single(To(Search, ""))
		}
		return single(To(Page, segs[0]))
	case len(segs) == 2:
		switch segs[0] {
		case "projects":
			return single(To(Project, segs[1]))
		case "orgs":
			return single(To(Org, segs[1]))
		case "cases":
			if segs[1] == "column" || segs[1] == "page" {
				return file
			}
			return single(To(Case, segs[1]))
		case "tags":
			return paged(To(Tag, segs[1]))
		}
	case len(segs) == 3 && segs[0] == "cases" && segs[1] == "column":
		return paged(To(Column, segs[2]))
	case len(segs) == 3 && segs[0] == "orgs" && segs[2] == "cases":
		return paged(To(OrgCases, segs[1]))
	case len(segs) == 3 && segs[0] == "projects" && segs[1] == "status":
		return paged(To(StatusList, segs[2]))
	}
	return file
}

// between is the id in name between prefix and suffix: not empty, no
// folder.
func between(name, prefix, suffix string) (string, bool) {
	rest, ok := strings.CutPrefix(name, prefix)
	if !ok {
		return "", false
	}
	id, ok := strings.CutSuffix(rest, suffix)
	return id, ok && id != "" && !strings.Contains(id, "/")
}
