// Package routes is the site's route table: it owns every output path and
// every link. Given a kind of page or file, an id and a page number, it
// answers the file the build writes, the site-relative address of it, and
// the relative link to it from any other page, in both link styles (folders
// for a web server, index.html for a site opened from disk). Nothing else
// in qingdan builds a URL.
package routes

import (
	"net/url"
	"strconv"
	"strings"
)

// Kind is a kind of output: a page, a file, or a place in a page.
type Kind uint8

// The kinds. Those that take an id say what it is.
const (
	Home        Kind = iota
	Projects         // the project list, paged
	StatusList       // id: a status's key; the list of the projects of that status, paged
	Project          // id: project id
	Orgs             // the org list and ranking
	Org              // id: org id
	OrgCases         // id: org id; the cases about an org, paged (when its page cannot show them all)
	Sites            // the demonstration sites
	Tasks            // the task matrix
	Task             // id: task id; a place in the task matrix
	Cases            // the case list, paged
	Column           // id: the column's slug; paged
	Case             // id: the case's slug
	Tags             // every tag
	Tag              // id: the tag's slug; paged
	Page             // id: a free page's slug
	Search           // the search page
	SearchIndex      // the search page's index script
	SearchTerms      // id: a term shard's name; a script the search page loads on demand
	SearchDocs       // id: a document shard's name; a script the search page loads on demand
	NotFound         // the 404 page
	Feed             // the Atom feed
	Sitemap          // sitemap.xml
	Robots           // robots.txt
	Data             // id: an open-data file below data/ ("summary.json")
	Asset            // id: a theme file below assets/ ("qingdan.css")
	File             // id: any site-relative path as is (static files, images); a folder ends in /
	numKinds
)

// names are the kinds' names, in order.
func names() [numKinds]string {
	return [numKinds]string{
		"home", "projects", "status", "project", "orgs", "org", "org-cases", "sites", "tasks", "task", "cases", "column", "case",
		"tags", "tag", "page", "search", "search-index", "search-terms", "search-docs", "404", "feed", "sitemap", "robots", "data", "asset", "file",
	}
}

// String is the kind's name, as layouts write it: {{url . "org" .ID}}.
func (k Kind) String() string {
	if k < numKinds {
		return names()[k]
	}
	return "kind" + strconv.Itoa(int(k))
}

// Parse finds the kind of a name.
func Parse(name string) (Kind, bool) {
	for i, n := range names() {
		if n == name {
			return Kind(i), true
		}
	}
	return 0, false
}

// Route names one output: a kind, an id where the kind takes one, and a page
// number (1 or 0 for the first) for paged lists.
type Route struct {
	Kind Kind
	ID   string
	N    int
}

// To is the route of kind with an id (or none).
func To(k Kind, id string) Route { return Route{Kind: k, ID: id} }

// Paged is the route of page n (from 1) of a paged list.
func Paged(k Kind, id string, n int) Route { return Route{Kind: k, ID: id, N: n} }

// Sections are the site's own folders, each of which holds a kind of page:
// the 404 page finds the site's root by them, and no free page may take one.
func Sections() []string {
	return []string{"projects", "orgs", "sites", "tasks", "cases", "tags", "search"}
}

// Reserved are the top-level names a free page cannot take: the sections,
// and the folders of open data, theme assets and static images.
func Reserved() []string { return append(Sections(), "data", "assets", "images") }

// ReservedCase are the case slugs that would collide with the case list's
// own folders.
func ReservedCase() []string { return []string{"column", "page"} }

// Path is the route's site-relative address: "" for the home page, a folder
// ending in / for a page, a file name for a file; a place in a page ends in
// #fragment.
func (r Route) Path() string {
	switch r.Kind {
	case Home:
		return ""
	case Projects:
		return paged("projects/", r.N)
	case StatusList:
		return paged("projects/status/"+r.ID+"/", r.N)
	case Project:
		return "projects/" + r.ID + "/"
	case Orgs:
		return "orgs/"
	case Org:
		return "orgs/" + r.ID + "/"
	case OrgCases:
		return paged("orgs/"+r.ID+"/cases/", r.N)
	case Sites:
		return paged("sites/", r.N)
	case Tasks:
		return "tasks/"
	case Task:
		return "tasks/#task-" + r.ID
	case Cases:
		return paged("cases/", r.N)
	case Column:
		return paged("cases/column/"+r.ID+"/", r.N)
	case Case:
		return "cases/" + r.ID + "/"
	case Tags:
		return "tags/"
	case Tag:
		return paged("tags/"+r.ID+"/", r.N)
	case Page:
		return r.ID + "/"
	case Search:
		return "search/"
	case SearchIndex:
		return "search/index.js"
	case SearchTerms:
		return "search/t/" + r.ID + ".js"
	case SearchDocs:
		return "search/d/" + r.ID + ".js"
	case NotFound:
		return "404.html"
	case Feed:
		return "feed.xml"
	case Sitemap: // page N of a sitemap too long for one file
		if r.N > 0 {
			return "sitemap-" + strconv.Itoa(r.N) + ".xml"
		}
		return "sitemap.xml"
	case Robots:
		return "robots.txt"
	case Data:
		return "data/" + r.ID
	case Asset:
		return "assets/" + r.ID
	}
	return r.ID
}

func paged(dir string, n int) string {
	if n <= 1 {
		return dir
	}
	return dir + "page/" + strconv.Itoa(n) + "/"
}

// File is the file the route's output is written to: a folder's
// index.html, or the file itself.
func (r Route) File() string {
	p, _, _ := strings.Cut(r.Path(), "#")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

// Dir is the folder that holds the route's file: "" at the site's root.
func (r Route) Dir() string {
	f := r.File()
	return f[:strings.LastIndexByte(f, '/')+1]
}

// Style is how links are written.
type Style uint8

const (
	// Dirs links a page by its folder ("../orgs/wenyuan/"), for a web server.
	Dirs Style = iota
	// Files links a page by its index.html, for a site opened from disk
	// (file://), where no server turns a folder into its index.html.
	Files
)

// Link is the relative link from the page at from to the route to.
func (s Style) Link(from, to Route) string { return s.LinkAt(from.Depth(), to) }

// LinkAt is Link from a page depth folders below the site's root (see
// Depth): a page that links many times works its depth out once.
func (s Style) LinkAt(depth int, to Route) string { return s.rel(depth, to.Path()) }

// Depth is how many folders below the site's root the route's file is:
// the slashes of its path (a fragment's left out).
func (r Route) Depth() int {
	p, _, _ := strings.Cut(r.Path(), "#")
	return strings.Count(p, "/")
}

// Rel is the relative link from the folder dir ("" or ending in /) to the
// site-relative address target, which may end in #fragment. Links climb to
// the site's root and descend again, so the site works at any sub-path.
func (s Style) Rel(dir, target string) string { return s.rel(strings.Count(dir, "/"), target) }

func (s Style) rel(depth int, target string) string {
	p, frag, hasFrag := strings.Cut(target, "#")
	var b strings.Builder
	b.Grow(3*depth + len(target) + len("index.html#"))
	for range depth {
		b.WriteString("../")
	}
	b.WriteString(p)
	if s == Files && (p == "" || strings.HasSuffix(p, "/")) {
		b.WriteString("index.html")
	}
	if b.Len() == 0 {
		b.WriteString("./")
	}
	if hasFrag {
		b.WriteByte('#')
		b.WriteString(frag)
	}
	return b.String()
}

// Abs is the public address of the route on a site at base (which ends in
// /), its path percent-encoded as the sitemap and feed protocols want.
func Abs(base string, r Route) string { return base + Escape(r.Path()) }

// Escape percent-encodes each segment of a site-relative path, keeping its
// slashes and fragment.
func Escape(p string) string {
	p, frag, hasFrag := strings.Cut(p, "#")
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	out := strings.Join(segs, "/")
	if hasFrag {
		out += "#" + url.PathEscape(frag)
	}
	return out
}
