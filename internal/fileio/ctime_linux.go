package fileio

import (
	"os"
	"syscall"
)

// ChangeTime is the file's change time (ns): it moves whenever the file
// is written or renamed, and no program can set it, so that a file put in
// another's place with that one's size and modification time (cp -p,
// touch -r) is still seen to have changed.
func ChangeTime(fi os.FileInfo) int64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return st.Ctim.Nano()
	}
	return 0
}
