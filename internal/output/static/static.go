// Package static is the producer of the files published as they are: the
// theme's assets, the site's static files and the images documents keep
// next to themselves.
package static

import (
	"io"
	"io/fs"
	"os"

	"github.com/qingdan/qingdan/internal/content"
	"github.com/qingdan/qingdan/internal/load"
	"github.com/qingdan/qingdan/internal/output"
)

// Files are the listed files.
func Files(listed []load.File) []output.File {
	var out []output.File
	for _, f := range listed {
		out = append(out, output.File{Name: f.Name, Write: func(w io.Writer) error {
			b, err := fs.ReadFile(f.FS, f.Path)
			if err == nil {
				_, err = w.Write(b)
			}
			return err
		}})
	}
	return out
}

// Images are the images documents keep next to themselves, each once.
func Images(docs *content.Set) []output.File {
	var out []output.File
	done := map[string]bool{}
	for _, list := range [][]*content.Doc{docs.Cases, docs.Sites, docs.Pages} {
		for _, d := range list {
			for _, a := range d.Assets {
				if done[a.To] {
					continue
				}
				done[a.To] = true
				out = append(out, output.File{Name: a.To, Write: func(w io.Writer) error {
					b, err := os.ReadFile(a.From)
					if err == nil {
						_, err = w.Write(b)
					}
					return err
				}})
			}
		}
	}
	return out
}
