//go:build !linux && !darwin && !windows

package cli

import "io"

// Elsewhere qingdan assumes it runs in a terminal: a bare qingdan prints
// the usage outside a site folder and previews inside one.
func inTerminal() bool             { return true }
func windowless() bool             { return false }
func waitOnExit(io.Writer, string) {}
