// Package static is the producer of the files published as they are: the
// theme's assets, the site's static files and the images documents keep
// next to themselves.
package static

import (
	"bytes"
	"io"
	"io/fs"
	"os"

	"github.com/qingdan/qingdan/internal/content"
	"github.com/qingdan/qingdan/internal/fileio"
	"github.com/qingdan/qingdan/internal/load"
	"github.com/qingdan/qingdan/internal/output"
)

// Files are the listed files.
func Files(listed []load.File) []output.File {
	var out []output.File
	for _, f := range listed {
		out = append(out, output.File{Name: f.Name, From: f.Disk, Write: func(w io.Writer) error {
			return copyTo(w, func() (fs.File, error) { return f.FS.Open(f.Path) })
		}})
	}
	return out
}

// Images are the images documents keep next to themselves, each once.
func Images(docs *content.Set) []output.File {
	lists := [][]*content.Doc{docs.Cases, docs.Sites, docs.Pages}
	n := 0 // made to their size: 50,000 articles have 100,000 pictures
	for _, list := range lists {
		for _, d := range list {
			n += len(d.Assets)
		}
	}
	out := make([]output.File, 0, n)
	done := make(map[string]bool, n)
	for _, list := range lists {
		for _, d := range list {
			for _, a := range d.Assets {
				if done[a.To] {
					continue
				}
				done[a.To] = true
				out = append(out, output.File{Name: a.To, From: a.From, FromInfo: a.Info, Write: func(w io.Writer) error {
					if b, ok := w.(*bytes.Buffer); ok {
						size := int64(-1)
						if a.Info != nil {
							size = a.Info.Size() // not asked for again
						}
						return fileio.ReadInto(b, a.From, size) // one read, no poller set-up
					}
					return copyTo(w, func() (fs.File, error) { return os.Open(a.From) })
				}})
			}
		}
	}
	return out
}

// copyTo copies a file into w. The writer is mostly a buffer its caller
// keeps for every file it makes, which takes the file in one read: reading
// each file into memory of its own first (os.ReadFile) cost a county of
// pictures a gigabyte of fresh memory, zeroed and collected.
func copyTo(w io.Writer, open func() (fs.File, error)) error {
	f, err := open()
	if err != nil {
		return err
	}
	defer f.Close()
	if g, ok := w.(interface{ Grow(int) }); ok {
		if fi, err := f.Stat(); err == nil && fi.Size() < 1<<30 {
			g.Grow(int(fi.Size()) + 1) // and the read that finds the end
		}
	}
	_, err = io.Copy(w, f)
	return err
}
