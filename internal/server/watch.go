package server

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// The site's folders that are watched, recursively, and its config file.
var watched = []string{"data", "content", "static", "layouts", "themes"}

// quiet is how long the files must stay still before a rebuild, so that a
// burst (a git checkout, an unzip, an editor's save by rename) gives one.
const quiet = 15 * time.Millisecond

// maxWait bounds how long a stream of events can put a rebuild off.
const maxWait = 400 * time.Millisecond

type watcher struct {
	close func()
}

// ignored reports files no build reads: editor swap and backup files,
// office lock files, temporary files.
func ignored(name string) bool {
	base := filepath.Base(name)
	switch {
	case base == "4913", base == ".DS_Store", base == "Thumbs.db":
		return true
	case strings.HasPrefix(base, "~$"), strings.HasPrefix(base, ".~lock."), strings.HasPrefix(base, ".#"),
		strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#"):
		return true
	case strings.Contains(base, "___jb_tmp___"), strings.Contains(base, "___jb_old___"):
		return true // JetBrains' safe write
	case strings.HasSuffix(base, "~"), strings.HasSuffix(base, ".swp"), strings.HasSuffix(base, ".swx"),
		strings.HasSuffix(base, ".swo"), strings.HasSuffix(base, ".tmp"), strings.HasSuffix(base, ".crdownload"):
		return true
	}
	return false
}

// watch starts watching the site and rebuilding; it returns when watching
// has started.
func (s *Server) watch(ctx context.Context) (*watcher, error) {
	changes := make(chan struct{}, 1)
	s.changes = changes
	// notify notes a changed file (a path; "" when which is not known) and
	// wakes the rebuilder.
	notify := func(path string) {
		s.note(path)
		select {
		case changes <- struct{}{}:
		default:
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	var stop func()
	if s.o.Poll > 0 {
		stop = s.poll(ctx, notify)
	} else {
		st, err := s.fsEvents(ctx, notify)
		if err != nil {
			cancel()
			return nil, err
		}
		stop = st
		s.watching = true // events name the files that change
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-ctx.Done():
				return
			case <-changes:
			}
			// Wait for quiet, but not forever.
			deadline := time.After(maxWait)
		settle:
			for {
				select {
				case <-changes:
				case <-time.After(quiet):
					break settle
				case <-deadline:
					break settle
				case <-ctx.Done():
					return
				}
			}
			s.rebuild()
		}
	}()
	return &watcher{close: func() { cancel(); stop(); <-done }}, nil
}

// fsEvents watches with file system events: every folder of the site's trees
// (new ones too, as they appear) and the site folder for qingdan.toml.
func (s *Server) fsEvents(ctx context.Context, notify func(string)) (func(), error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	src := s.o.Build.Src
	addTree := func(root string) {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				if strings.HasPrefix(d.Name(), ".") && p != root {
					return filepath.SkipDir
				}
				w.Add(p)
			}
			return nil
		})
	}
	if err := w.Add(src); err != nil {
		w.Close()
		return nil, err
	}
	for _, d := range watched {
		addTree(filepath.Join(src, d))
	}
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case err, ok := <-w.Errors:
				if !ok {
					return
				}
				fmt.Fprintln(s.o.Stderr, "qingdan serve: watching:", err)
				notify("") // events may have been lost
			case e, ok := <-w.Events:
				if !ok {
					return
				}
				if e.Op == fsnotify.Chmod || ignored(e.Name) {
					continue
				}
				rel, err := filepath.Rel(src, e.Name)
				if err != nil {
					continue
				}
				top := strings.SplitN(filepath.ToSlash(rel), "/", 2)[0]
				if rel == "qingdan.toml" {
					notify(e.Name)
					continue
				}
				if !slices.Contains(watched, top) {
					continue
				}
				if e.Has(fsnotify.Create) {
					if fi, err := os.Stat(e.Name); err == nil && fi.IsDir() {
						addTree(e.Name) // a new folder: watch it, and build what is already in it
						notify("")      // its files came without events
						continue
					}
				}
				if (e.Has(fsnotify.Rename) || e.Has(fsnotify.Remove)) && slices.Contains(w.WatchList(), e.Name) {
					notify("") // a folder went, with files of its own
					continue
				}
				notify(e.Name)
			}
		}
	}()
	return func() { w.Close() }, nil
}

// poll checks the site's files every interval, for network shares where no
// events arrive.
func (s *Server) poll(ctx context.Context, notify func(string)) func() {
	src := s.o.Build.Src
	scan := func() string {
		var b strings.Builder
		if fi, err := os.Stat(filepath.Join(src, "qingdan.toml")); err == nil {
			fmt.Fprintf(&b, "toml %d %d\n", fi.Size(), fi.ModTime().UnixNano())
		}
		for _, d := range watched {
			filepath.WalkDir(filepath.Join(src, d), func(p string, e fs.DirEntry, err error) error {
				if err != nil || ignored(p) {
					return nil
				}
				if fi, err := e.Info(); err == nil {
					fmt.Fprintf(&b, "%s %d %d %v\n", p, fi.Size(), fi.ModTime().UnixNano(), e.IsDir())
				}
				return nil
			})
		}
		return b.String()
	}
	last := scan()
	t := time.NewTicker(s.o.Poll)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if now := scan(); now != last {
					last = now
					notify("")
				}
			}
		}
	}()
	return t.Stop
}

// note records a changed file for the next rebuild; "" when which files
// changed is not known. A file event names the file as the folder watched
// was named: relative to the working folder when the site was (serve -s
// mysite), which the builder would read as relative to the site, and take
// for a file outside it. So it is noted by its absolute path.
func (s *Server) note(path string) {
	s.pmu.Lock()
	defer s.pmu.Unlock()
	if path == "" {
		s.unknown = true
		return
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if s.pending == nil {
		s.pending = map[string]bool{}
	}
	s.pending[path] = true
}

// hint tells the builder what changed since the last rebuild began.
func (s *Server) hint() {
	s.pmu.Lock()
	paths, unknown := slices.Collect(maps.Keys(s.pending)), s.unknown
	s.pending, s.unknown = nil, false
	s.pmu.Unlock()
	s.b.Changed(s.o.Build.Src, paths, unknown || !s.watching)
}
