package publish

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// ownerFile, in a folder being written, holds the writer's process id; it
// is removed before the folder becomes the output.
const ownerFile = ".qingdan-writer"

// recoverKilled repairs what killed builds left beside out: if a kill fell
// between the two renames of a swap, out is missing and the old version
// waits under a temporary name: it is put back first. Then every temporary
// folder of a build that no longer runs is removed (a running build's is
// left alone).
func recoverKilled(out string) {
	parent, base := filepath.Dir(out), filepath.Base(out)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	var olds, news []string
	for _, e := range entries {
		switch name := e.Name(); {
		case !e.IsDir():
		case strings.HasPrefix(name, "."+base+".old-"):
			olds = append(olds, filepath.Join(parent, name))
		case strings.HasPrefix(name, "."+base+".new-"):
			news = append(news, filepath.Join(parent, name))
		}
	}
	if _, err := os.Stat(out); os.IsNotExist(err) {
		// The newest complete old version goes back (a folder being
		// written has no manifest yet, and has its writer's file).
		slices.SortFunc(olds, func(a, b string) int { return modTime(b) - modTime(a) })
		for i, o := range olds {
			if _, err := os.Stat(filepath.Join(o, Marker)); err == nil && os.Rename(o, out) == nil {
				olds = slices.Delete(olds, i, i+1)
				break
			}
		}
	}
	for _, o := range olds {
		os.RemoveAll(o)
	}
	for _, n := range news {
		if !running(n) {
			os.RemoveAll(n)
		}
	}
}

func modTime(p string) int {
	fi, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return int(fi.ModTime().Unix())
}

// running reports whether the folder being written belongs to a process
// that still runs.
func running(dir string) bool {
	b, err := os.ReadFile(filepath.Join(dir, ownerFile))
	if err != nil {
		return false
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 0 {
		return false
	}
	if pid == os.Getpid() {
		return true
	}
	return alive(pid)
}
