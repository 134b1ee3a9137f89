//go:build unix

package cli

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/qingdan/qingdan/internal/publish"
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

// TestInterruptWhileWriting interrupts a rebuild of the demo site while its
// new output is being written (thousands of static files to copy keep it
// at it a while): the temporary output folder is removed, and the output
// is a whole site, as the last finished build left it or, if the signal
// came mid-swap, as this one did; never a mix. The list of folders to
// remove is the command's (publish.Pending), not a global one.
func TestInterruptWhileWriting(t *testing.T) {
	site := t.TempDir()
	for _, name := range []string{"content", "data", "static"} {
		if err := os.CopyFS(filepath.Join(site, name), os.DirFS(filepath.Join("..", "..", name))); err != nil {
			t.Fatal(err)
		}
	}
	toml, err := os.ReadFile(filepath.Join("..", "..", "qingdan.toml"))
	if err != nil {
		t.Fatal(err)
	}
	// With an address, a build says nothing on stderr but an interruption
	// (the signal may come as the old output is removed, after the swap).
	if !bytes.Contains(toml, []byte(`base_url = ""`)) {
		t.Fatal(`the demo's qingdan.toml has no base_url = ""`)
	}
	toml = bytes.Replace(toml, []byte(`base_url = ""`), []byte(`base_url = "https://dj.example.gov.cn/"`), 1)
	os.WriteFile(filepath.Join(site, "qingdan.toml"), toml, 0o644)
	bulk := filepath.Join(site, "static", "bulk")
	os.Mkdir(bulk, 0o755)
	for i := range 3000 {
		os.WriteFile(filepath.Join(bulk, strconv.Itoa(i)+".txt"), []byte(strconv.Itoa(i)), 0o644)
	}
	var out bytes.Buffer
	if code := Main([]string{"build", "-s", site}, &out, &out); code != 0 {
		t.Fatalf("first build: exit %d\n%s", code, &out)
	}
	leftovers := func() []string {
		names, _ := filepath.Glob(filepath.Join(site, ".public.*"))
		return names
	}
	for try := 0; ; try++ {
		// Each try changes a file, so the output has something new to take.
		os.WriteFile(filepath.Join(bulk, "0.txt"), []byte("try "+strconv.Itoa(try)), 0o644)
		var stderr bytes.Buffer
		c := exec.Command("qingdan", "build", "-s", site)
		c.Env = append(os.Environ(), "LANG=C")
		c.Stderr = &stderr
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- c.Wait() }()
		var err error
	wait:
		for {
			select {
			case err = <-done:
				break wait
			default:
			}
			if len(leftovers()) > 0 {
				c.Process.Signal(syscall.SIGINT)
				err = <-done
				break
			}
			time.Sleep(200 * time.Microsecond)
		}
		if err == nil { // finished before the signal: try again
			if try == 4 {
				t.Fatal("five builds finished before they could be interrupted")
			}
			continue
		}
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 130 || stderr.String() != "qingdan build：已中断，没有留下写了一半的文件\n" {
			t.Fatalf("exit %v, stderr %q", err, &stderr)
		}
		break
	}
	if got := leftovers(); len(got) != 0 {
		t.Errorf("left behind: %q", got)
	}
	if n, err := publish.Verify(filepath.Join(site, "public")); err != nil || n < 3000 {
		t.Errorf("the output is not whole: %d files, %v", n, err)
	}
	if _, err := os.Stat(filepath.Join(site, "public", "bulk", "2999.txt")); err != nil {
		t.Error(err)
	}
}
