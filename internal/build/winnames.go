package build

import (
	"crypto/sha256"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/qingdan/qingdan/internal/content"
	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/load"
	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/routes"
	"github.com/qingdan/qingdan/internal/slug"
)

// A site built on Linux is often copied to a Windows PC or file server
// (IIS, a shared folder), where some output names cannot exist: device names
// (CON, NUL, COM1, also with an extension: nul.txt), characters Windows
// forbids (< > : " | ? * \ and control characters), names ending in a dot
// or a space (Windows drops them, so "a." becomes "a"), and names that differ
// only in letter case (one folder on Windows). winNames refuses them all, at
// the place that names them: the id in data/, the article, the tag, the file
// under static/. It warns about output paths so long that, put into a folder
// on Windows, they may pass its 260-character limit (MAX_PATH), which
// Explorer still keeps to when copying.

// winPathLimit is the longest site-relative output path that is not warned
// about: 260 less 60 characters for the folder the site is copied into, as
// C:\inetpub\wwwroot\dangjian\ (28).
const winPathLimit = 200

// winNames checks every output name the checked site will have; theme is
// qingdan.toml's theme, "" for the default.
func winNames(src, theme string, site *model.Site, docs *content.Set, static []load.File, l *diag.List) {
	assets := 0
	for _, set := range [][]*content.Doc{docs.Cases, docs.Sites, docs.Pages} {
		for _, d := range set {
			assets += len(d.Assets)
		}
	}
	// Sized for every file and about one folder per document: a serve
	// rebuild pays for this check each time a file is saved.
	n := assets + len(static) + len(docs.Cases) + len(docs.Sites) + len(docs.Pages)
	w := winCheck{src: src, l: l, folded: make(map[string]string, n), seen: make(map[string]bool, n)}
	// Generated names at the root, which static files must not shadow by
	// case alone (Projects/ would be projects/ on Windows).
	for _, n := range append(routes.Reserved(), "index.html", "404.html", "feed.xml", "sitemap.xml", "robots.txt", "manifest.sha256") {
		w.folded[strings.ToUpper(n)] = n
	}
	for _, o := range site.Orgs {
		w.id("orgs", "orgs/", o.ID, o.Line)
	}
	for _, p := range site.Projects {
		w.id("projects", "projects/", p.ID, p.Line)
	}

	tags, columns := map[string]bool{}, map[string]bool{}
	for _, set := range [][]*content.Doc{docs.Cases, docs.Sites, docs.Pages} {
		for _, d := range set {
			if d.Kind != content.Site { // a write-up is shown on its org's page
				p := strings.TrimSuffix(d.Route().Path(), "/")
				pos := diag.Pos{File: d.File, Line: d.Line("slug")}
				w.name(pos, winSlug, d.Slug, p+"/index.html")
				if d.Kind == content.Page {
					w.folded[strings.ToUpper(p)] = p
				}
			}
			for _, t := range d.Tags {
				if !tags[t] {
					tags[t] = true
					w.name(diag.Pos{File: d.File, Line: d.Line("tags")}, winTag, t, "tags/"+orTag(slug.Of(t))+"/index.html")
				}
			}
			if c := d.Column; c != "" && !columns[c] {
				columns[c] = true
				w.name(diag.Pos{File: d.File, Line: d.Line("column")}, winColumn, c, "cases/column/"+orTag(slug.Of(c))+"/index.html")
			}
			for _, a := range d.Assets {
				w.file(func() diag.Pos { return diag.Pos{File: w.rel(a.From)} }, a.To)
			}
		}
	}
	for _, f := range static {
		pos := diag.Pos{File: "static/" + f.Name}
		if f.Theme {
			name := theme
			if name == "" {
				name = "default"
			}
			pos.File = "themes/" + name + "/" + f.Path
		}
		w.file(func() diag.Pos { return pos }, f.Name)
	}
	// A static file inside an org's or project's folder must match its id's case.
	for _, f := range static {
		dir, rest, ok := strings.Cut(f.Name, "/")
		if !ok {
			continue
		}
		id, _, _ := strings.Cut(rest, "/")
		var taken bool
		switch strings.ToLower(dir) {
		case "orgs":
			taken = site.OrgByID[strings.ToLower(id)] != nil
		case "projects":
			taken = site.ProjectByID[strings.ToLower(id)] != nil
		}
		if taken && id != strings.ToLower(id) {
			l.Error(diag.Pos{File: "static/" + f.Name}, "win.case", winFolder, diag.Quote(dir+"/"+id), strings.ToLower(dir)+"/"+strings.ToLower(id)+"/")
		}
	}
}

// What a name is, as messages call it.
var (
	winID     = diag.Name{Zh: "编号", En: "id"}
	winSlug   = diag.Name{Zh: "网址名称", En: "slug"}
	winTag    = diag.Name{Zh: "标签", En: "tag"}
	winColumn = diag.Name{Zh: "栏目", En: "column"}
	winFile   = diag.Name{Zh: "文件名", En: "file name"}
	winFolder = diag.Name{Zh: "文件夹名", En: "folder name"}
)

// winKey is a hash of every name winNames checks (the places messages
// name do not count: a key is kept only when there were no messages).
func winKey(site *model.Site, docs *content.Set, static []load.File) [32]byte {
	h := sha256.New()
	var b []byte
	put := func(ss ...string) {
		for _, s := range ss {
			b = append(append(b, s...), 0)
		}
		if len(b) > 32<<10 {
			h.Write(b)
			b = b[:0]
		}
	}
	for _, o := range site.Orgs {
		put(o.ID)
	}
	put("\x01")
	for _, p := range site.Projects {
		put(p.ID)
	}
	for _, set := range [][]*content.Doc{docs.Cases, docs.Sites, docs.Pages} {
		put("\x01")
		for _, d := range set {
			put("\x02", string(d.Kind), d.Slug, d.Route().Path(), d.Column)
			put(d.Tags...)
			put("\x03")
			for _, a := range d.Assets {
				put(a.To)
			}
		}
	}
	put("\x01")
	for _, f := range static {
		put(f.Name)
	}
	h.Write(b)
	return [32]byte(h.Sum(nil))
}

type winCheck struct {
	src    string
	l      *diag.List
	folded map[string]string // an output path in upper case → as first met
	seen   map[string]bool   // the output paths checked, as they are
}

// id checks the id of a record on line of the data file base, whose page
// is the folder id under dir. Most ids are fine, and are checked without
// making a string.
func (w winCheck) id(base, dir, id string, line int) {
	if winDevice(id) == "" && len(dir)+len(id)+len("/index.html") <= winPathLimit {
		return
	}
	w.name(diag.Pos{File: w.dataFile(base), Line: line}, winID, id, dir+id+"/index.html")
}

// dataFile is the data file named base as messages name it: the .csv, or
// the .xlsx that stands in for it.
func (w winCheck) dataFile(base string) string {
	if _, err := os.Stat(filepath.Join(w.src, "data", base+".csv")); err != nil {
		if _, err := os.Stat(filepath.Join(w.src, "data", base+".xlsx")); err == nil {
			return "data/" + base + ".xlsx"
		}
	}
	return "data/" + base + ".csv"
}

// name checks a name the site turns into one folder of out, the output path
// of its page: a device name is an error, a long path a warning. (Ids,
// slugs and the slugs of tags and columns are lower-case letters, digits
// and hyphens, so nothing else can be wrong with them.)
func (w winCheck) name(pos diag.Pos, what diag.Name, name, out string) {
	seg := path.Base(path.Dir(out))
	if dev := winDevice(seg); dev != "" {
		w.l.Error(pos, "win.reserved", what, diag.Quote(name), dev, out)
	}
	w.long(pos, out)
}

// file checks a file published under its own name at out, each folder of
// its path included (once: the folders of many files are the same); at is
// where messages say it comes from.
func (w winCheck) file(at func() diag.Pos, out string) {
	var pos diag.Pos
	where := func() diag.Pos { // made only for a message
		if pos.File == "" {
			pos = at()
		}
		return pos
	}
	fresh := false
	segs := strings.Split(out, "/")
	end := -1
	for i, seg := range segs {
		end += 1 + len(seg)
		p := out[:end]
		if w.seen[p] {
			continue
		}
		w.seen[p], fresh = true, true
		what := winFolder
		if i == len(segs)-1 {
			what = winFile
		}
		switch {
		case strings.ContainsFunc(seg, winForbidden):
			r, _ := utf8.DecodeRuneInString(seg[strings.IndexFunc(seg, winForbidden):])
			w.l.Error(where(), "win.char", what, diag.Quote(seg), diag.Quote(string(r)))
		case strings.HasSuffix(seg, ".") || strings.HasSuffix(seg, " "):
			w.l.Error(where(), "win.trailing", what, diag.Quote(seg))
		default:
			if dev := winDevice(seg); dev != "" {
				w.l.Error(where(), "win.reserved", what, diag.Quote(seg), dev, out)
			}
		}
		key := strings.ToUpper(p)
		if had, ok := w.folded[key]; !ok {
			w.folded[key] = p
		} else if had != p {
			w.l.Error(where(), "win.case", what, diag.Quote(p), had)
			return // one message for the name; its files would repeat it
		}
	}
	if fresh && utf16Len(out) > winPathLimit {
		w.long(where(), out)
	}
}

// long warns when out is longer than winPathLimit, counted as Windows
// counts: in UTF-16 units.
func (w winCheck) long(pos diag.Pos, out string) {
	if n := utf16Len(out); n > winPathLimit {
		w.l.Warn(pos, "win.long", out, n, winPathLimit)
	}
}

// utf16Len is the length of s in UTF-16 units, as Windows counts a path.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}

// rel is a file on disk as messages name it: relative to the site, with /.
func (w winCheck) rel(p string) string {
	if r, err := filepath.Rel(w.src, p); err == nil && filepath.IsLocal(r) {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(p)
}

// winForbidden reports whether Windows refuses r in a file name.
func winForbidden(r rune) bool {
	return r < 0x20 || strings.ContainsRune(`<>:"|?*\`, r)
}

// winDevice returns the Windows device a name stands for ("NUL"), or "".
// Windows ignores what follows a dot and trailing spaces, so nul.txt and
// "con " are devices too.
func winDevice(name string) string {
	base, _, _ := strings.Cut(name, ".")
	base = strings.TrimRight(base, " ")
	if len(base) < 3 || len(base) > 7 {
		return ""
	}
	u := strings.ToUpper(base)
	switch u {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return u
	}
	if p := u[:3]; p == "COM" || p == "LPT" {
		switch d := u[3:]; d {
		case "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³":
			return u
		}
	}
	return ""
}

// orTag is a tag's or column's slug as the view gives it: "tag" when the
// name has no letter or digit to make one of.
func orTag(s string) string {
	if s == "" {
		return "tag"
	}
	return s
}
