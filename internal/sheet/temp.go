package sheet

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// tempPrefix starts the name of every temporary folder the package makes
// (for excelize's files), followed by the id of the process that made it
// and a dash: qingdan-xlsx-4242-1234567. The id is in the name, set when
// the folder is made, so a folder is never without its owner.
const tempPrefix = "qingdan-xlsx-"

// MakeTemp makes a temporary folder named for this process, for
// excelize's files: a workbook read here, whose large sheets excelize
// keeps on disk until it is closed. (The open data's workbook leaves its
// rows out of excelize, and so makes none.) RemoveTemp and RemoveStaleTemp
// remove it when its maker cannot.
func MakeTemp() (string, error) {
	return os.MkdirTemp("", tempPrefix+strconv.Itoa(os.Getpid())+"-")
}

// RemoveTemp removes the temporary folders this process made, with what
// they hold: for a signal handler, or a command's end, just before the
// program exits. A Reader still open fails after it.
func RemoveTemp() {
	self := os.Getpid()
	removeTemp(func(pid int) bool { return pid == self })
}

// RemoveStaleTemp removes the temporary folders of processes that no
// longer run. A process killed outright (SIGKILL, kill -9, a power cut)
// cannot remove its own, so the next run does. Folders of running
// processes, and anything not named as this package names its folders, are
// left alone.
func RemoveStaleTemp() {
	self := os.Getpid()
	removeTemp(func(pid int) bool { return pid != self && !alive(pid) })
}

// removeTemp removes the package's temporary folders whose maker's process
// id passes match.
func removeTemp(match func(pid int) bool) {
	dir := os.TempDir()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), tempPrefix)
		if !ok || !e.IsDir() { // a symbolic link is not a folder here
			continue
		}
		id, _, ok := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(id)
		if !ok || err != nil || pid <= 0 {
			continue
		}
		if match(pid) {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
}
