package filecache

import (
	"os"
	"syscall"
)

// changeTime is the file's change time (ns); see ctime_linux.go.
func changeTime(fi os.FileInfo) int64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return st.Ctimespec.Nano()
	}
	return 0
}
