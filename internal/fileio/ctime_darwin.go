package fileio

import (
	"os"
	"syscall"
)

// ChangeTime is the file's change time (ns); see ctime_linux.go.
func ChangeTime(fi os.FileInfo) int64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return st.Ctimespec.Nano()
	}
	return 0
}
