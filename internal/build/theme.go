package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/qingdan/qingdan/themes"

	"github.com/qingdan/qingdan/internal/diag"
)

// theme is the theme a site is built with: with `theme = "NAME"` in
// qingdan.toml, the site's folder themes/NAME over the built-in theme (so a
// theme may hold only what it changes); else the site's own copy of the
// default theme in themes/default when it has one (the demo does: editing
// it shows at once in qingdan serve), else the theme embedded in the binary.
func theme(src, name string, pos diag.Pos, l *diag.List) fs.FS {
	builtin, err := fs.Sub(themes.Default, "default")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder
	}
	if name != "" {
		dir := filepath.Join(src, "themes", name)
		if !isDir(dir) {
			l.Error(pos, "theme.missing", "themes/"+name+"/")
			return builtin
		}
		return overlay{os.DirFS(dir), builtin}
	}
	dir := filepath.Join(src, "themes", "default")
	if _, err := os.Stat(filepath.Join(dir, "layouts", "base.html")); err == nil {
		if _, err := os.Stat(filepath.Join(dir, "static", "vendor", "echarts.min.js")); err == nil {
			return os.DirFS(dir)
		}
	}
	return builtin
}

// overlay is a file system whose upper layer hides the lower's files of
// the same name; folders hold the files of both.
type overlay struct{ upper, lower fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	f, err := o.upper.Open(name)
	if err != nil {
		return o.lower.Open(name)
	}
	if fi, err := f.Stat(); err == nil && !fi.IsDir() {
		return f, nil
	}
	if lf, err := o.lower.Open(name); err == nil { // a folder: its entries come from ReadDir
		f.Close()
		return lf, nil
	}
	return f, nil
}

func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	up, uerr := fs.ReadDir(o.upper, name)
	low, lerr := fs.ReadDir(o.lower, name)
	if uerr != nil && lerr != nil {
		return nil, lerr
	}
	seen := map[string]bool{}
	var out []fs.DirEntry
	for _, e := range up {
		if !strings.HasPrefix(e.Name(), ".") {
			seen[e.Name()] = true
			out = append(out, e)
		}
	}
	for _, e := range low {
		if !seen[e.Name()] {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}
