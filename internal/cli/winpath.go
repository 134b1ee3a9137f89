package cli

import (
	"runtime"
	"strings"
)

// argPath is a folder given on the command line, as the program on goos
// means it. On Windows, cmd.exe reads a quoted path that ends in a
// backslash, "D:\我的 站点\", as D:\我的 站点" (the \" stands for a quote);
// a quote cannot be part of a Windows path, so it is dropped with the
// backslash it replaced.
func argPath(goos, p string) string {
	if goos == "windows" && strings.HasSuffix(p, `"`) {
		return strings.TrimSuffix(p, `"`) + `\`
	}
	return p
}

// hostPath is argPath on this machine.
func hostPath(p string) string { return argPath(runtime.GOOS, p) }
