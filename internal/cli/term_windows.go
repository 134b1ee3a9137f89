package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"unsafe"

	"golang.org/x/sys/windows"

	"github.com/qingdan/qingdan/internal/diag"
)

// consoleProcesses counts the processes attached to qingdan's console: 0
// without one, 1 when Explorer made the console for qingdan alone (a
// double-click), more when qingdan shares a shell's (cmd.exe, PowerShell,
// Windows Terminal).
func consoleProcesses() int {
	proc := windows.NewLazySystemDLL("kernel32.dll").NewProc("GetConsoleProcessList")
	var ids [4]uint32
	n, _, _ := proc.Call(uintptr(unsafe.Pointer(&ids[0])), uintptr(len(ids)))
	return int(n)
}

// inTerminal reports whether qingdan was typed in a shell's console rather
// than double-clicked.
func inTerminal() bool { return consoleProcesses() > 1 }

// windowless reports whether qingdan has no console window at all.
func windowless() bool { return consoleProcesses() == 0 }

// waitOnExit keeps the console window Explorer opened for a double-clicked
// qingdan until the user has read the message and pressed Enter; the
// window closes with the program.
func waitOnExit(w io.Writer, lang string) {
	if consoleProcesses() != 1 {
		return
	}
	fmt.Fprintln(w, diag.Text(lang, "cli.startPause"))
	bufio.NewReader(os.Stdin).ReadString('\n')
}
