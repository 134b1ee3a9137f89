package cli

import (
	"os/exec"
	"runtime"
)

// openBrowser asks the desktop to open url in the default browser and does
// not wait for the browser. Tests never call it: the start takes its opener
// from a host (see systemHost).
func openBrowser(url string) error {
	args := browserCommand(runtime.GOOS, url)
	cmd := exec.Command(args[0], args[1:]...)
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() // reap it; the browser itself lives on
	return nil
}

// browserCommand is the command that opens url on goos: the desktop's own
// way to open an address, which picks the user's default browser.
func browserCommand(goos, url string) []string {
	switch goos {
	case "windows":
		return []string{"rundll32", "url.dll,FileProtocolHandler", url}
	case "darwin":
		return []string{"open", url}
	default: // Linux and the BSDs: freedesktop.org's
		return []string{"xdg-open", url}
	}
}
