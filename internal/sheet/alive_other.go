//go:build !unix

package sheet

import "os"

// alive reports whether process pid runs: on Windows, finding it opens it.
func alive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
