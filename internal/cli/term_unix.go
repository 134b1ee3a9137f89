//go:build linux || darwin

package cli

import (
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// inTerminal reports whether qingdan was started from a terminal: its
// standard input is one. A file manager's double-click gives it none.
func inTerminal() bool { return isTerminal(os.Stdin) }

// windowless reports whether nothing shows what qingdan prints: no
// terminal on any of its standard files.
func windowless() bool {
	return !isTerminal(os.Stdin) && !isTerminal(os.Stdout) && !isTerminal(os.Stderr)
}

// waitOnExit does nothing here: a double-click on Linux or macOS leaves no
// window to keep open.
func waitOnExit(io.Writer, string) {}

func isTerminal(f *os.File) bool {
	_, err := unix.IoctlGetTermios(int(f.Fd()), ioctlGetTermios)
	return err == nil
}
