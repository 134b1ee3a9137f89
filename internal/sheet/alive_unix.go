//go:build unix

package sheet

import (
	"errors"
	"os"
	"syscall"
)

// alive reports whether process pid runs (a process of another user, which
// may not be signalled, runs too).
func alive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}
