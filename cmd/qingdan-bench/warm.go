package main

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// warm reads every file of the site folder dir (all but its public/), so
// that the build timed next finds its sources in memory, whichever ran
// before it. Without it the runs were not alike: Hugo, run first in each
// round, read the articles' pictures (the same files, linked) just before
// qingdan's first build and warmed them for it at 10,000 articles, while
// at 50,000 its 7.6 GB of memory pushed them out, and qingdan's first
// build read 100,000 pictures' headers from the disk (reading the
// articles took 19.0 s against 9.0 s in the next build). A source just
// edited, as a user's is, is in memory; the disk's speed is not what
// these figures compare.
func warm(dir string) {
	buf := make([]byte, 256<<10)
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if e.IsDir() && e.Name() == "public" && filepath.Dir(p) == filepath.Clean(dir) {
			return filepath.SkipDir
		}
		if !e.Type().IsRegular() {
			return nil
		}
		if f, err := os.Open(p); err == nil {
			io.CopyBuffer(io.Discard, onlyReader{f}, buf)
			f.Close()
		}
		return nil
	})
}

// onlyReader hides a file's WriterTo, so that io.CopyBuffer reads through
// the buffer it is given.
type onlyReader struct{ io.Reader }
