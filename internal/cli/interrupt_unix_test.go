//go:build unix

package cli

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInterruptLeavesNoTemp interrupts check and build while they read a
// workbook, its temporary folder made: Ctrl-C or SIGTERM leaves nothing in
// the temporary folder; after SIGKILL, which cannot be caught, the next run
// removes what the killed one left. The workbook is a named pipe that no
// one writes, which holds the reader in its opening, the temporary folder
// made, until the signal comes: no timing, no big file.
func TestInterruptLeavesNoTemp(t *testing.T) {
	tests := []struct {
		args []string
		sig  syscall.Signal
		msg  string
	}{
		{[]string{"check"}, syscall.SIGINT, "qingdan check：已中断\n"},
		{[]string{"check"}, syscall.SIGTERM, "qingdan check：已中断\n"},
		{[]string{"build"}, syscall.SIGINT, "qingdan build：已中断，没有留下写了一半的文件\n"},
		{[]string{"check"}, syscall.SIGKILL, ""},
		{[]string{"build"}, syscall.SIGKILL, ""},
	}
	for _, tt := range tests {
		t.Run(tt.args[0]+" "+tt.sig.String(), func(t *testing.T) {
			tmp, site := t.TempDir(), t.TempDir()
			if err := os.Mkdir(filepath.Join(site, "data"), 0o755); err != nil {
				t.Fatal(err)
			}
			pipe := filepath.Join(site, "data", "orgs.xlsx")
			if err := syscall.Mkfifo(pipe, 0o644); err != nil {
				t.Skip("no named pipes:", err)
			}
			var stderr bytes.Buffer
			c := exec.Command("qingdan", append(tt.args, "-s", site)...)
			c.Env = append(os.Environ(), "TMPDIR="+tmp, "LANG=C")
			c.Stderr = &stderr
			if err := c.Start(); err != nil {
				t.Fatal(err)
			}
			defer c.Process.Kill()
			temp := func() []string {
				names, _ := filepath.Glob(filepath.Join(tmp, "*"))
				return names
			}
			for deadline := time.Now().Add(10 * time.Second); len(temp()) == 0; time.Sleep(time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatalf("no temporary folder made; stderr:\n%s", &stderr)
				}
			}
			if err := c.Process.Signal(tt.sig); err != nil {
				t.Fatal(err)
			}
			err := c.Wait()
			var exit *exec.ExitError
			if !errors.As(err, &exit) {
				t.Fatalf("exit: %v", err)
			}
			if tt.sig == syscall.SIGKILL {
				if got := temp(); len(got) != 1 || !strings.HasPrefix(filepath.Base(got[0]), "qingdan-xlsx-") {
					t.Fatalf("after SIGKILL: %q", got)
				}
				// The next run, on another site, removes it.
				next := exec.Command("qingdan", "check", "-s", t.TempDir())
				os.WriteFile(filepath.Join(next.Args[3], "qingdan.toml"), nil, 0o644)
				next.Env = c.Env
				if out, err := next.CombinedOutput(); err != nil {
					t.Fatalf("the next run: %v\n%s", err, out)
				}
			} else if exit.ExitCode() != 130 || stderr.String() != tt.msg {
				t.Errorf("exit %d, stderr %q; want 130, %q", exit.ExitCode(), stderr.String(), tt.msg)
			}
			if got := temp(); len(got) != 0 {
				t.Errorf("left in the temporary folder: %q", got)
			}
		})
	}
}
