package load

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/svg"
)

// File is a file the site publishes as it is: a theme asset, a file of the
// site's static/ folder. It is read only when the output is written.
type File struct {
	Name  string // the site-relative output path
	FS    fs.FS  // where it is read from
	Path  string // its path in FS
	Theme bool   // the theme's, not the site's
	Disk  string // the site's file on disk; "" for the theme's
}

// Static lists the files published as they are: the theme's static files
// below assets/, then the site's static/ folder at the root of the site (a
// site's file replaces the theme's of the same name). Files and folders
// whose names start with a dot (.git, .env) are left out; a symbolic link is
// an error, since it may lead outside the site.
func Static(theme fs.FS, src string, l *diag.List) ([]File, error) {
	var files []File
	err := fs.WalkDir(theme, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files = append(files, File{Name: "assets/" + strings.TrimPrefix(p, "static/"), FS: theme, Path: p, Theme: true})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if _, err := fs.Stat(theme, "static/vendor/echarts.min.js"); err != nil {
		return nil, fmt.Errorf("this qingdan was built without ECharts: build it with make build")
	}
	root := filepath.Join(src, "static")
	fi, err := os.Lstat(root)
	if err != nil {
		return files, nil
	}
	if fi.Mode()&fs.ModeSymlink != 0 { // the folder itself: WalkDir would follow it
		l.Error(diag.Pos{File: "static"}, "file.link")
		return files, nil
	}
	site := os.DirFS(root)
	err = fs.WalkDir(site, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != "." {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			l.Error(diag.Pos{File: "static/" + p}, "file.link")
		case d.Type().IsRegular():
			if strings.EqualFold(path.Ext(p), ".svg") {
				if b, err := fs.ReadFile(site, p); err == nil {
					if why, broken := svg.Check(b); broken {
						l.Error(diag.Pos{File: "static/" + p}, "svg.broken", why)
						return nil
					} else if why != "" {
						l.Error(diag.Pos{File: "static/" + p}, "svg.unsafe", why)
						return nil
					}
				}
			}
			files = append(files, File{Name: p, FS: site, Path: p, Disk: filepath.Join(root, filepath.FromSlash(p))})
		}
		return nil
	})
	return files, err
}
