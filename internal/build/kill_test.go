package build

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/qingdan/qingdan/internal/publish"
)

// TestMain lets the kill test run a build in a child process: this test
// binary, started again with QINGDAN_KILL_BUILD=OUT, builds the demo.
func TestMain(m *testing.M) {
	if out := os.Getenv("QINGDAN_KILL_BUILD"); out != "" {
		r, err := Run(Options{Src: "../..", Out: out})
		if err != nil || r.Diags.Errors() > 0 {
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestKilledBuilds kills builds of the demo with SIGKILL at random moments:
// the output folder is whole after each (every file its manifest lists, with
// those bytes), and the next build that runs to its end leaves nothing
// beside it.
func TestKilledBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("kills 16 builds")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	rng := rand.New(rand.NewPCG(7, 11))
	start := func() *exec.Cmd {
		c := exec.Command(os.Args[0], "-test.run=^$")
		c.Env = append(os.Environ(), "QINGDAN_KILL_BUILD="+out)
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		return c
	}
	// A first build to have an output to keep.
	if err := start().Wait(); err != nil {
		t.Fatal("the first build:", err)
	}
	whole(t, out)
	t0 := time.Now()
	c := start()
	c.Wait()
	full := time.Since(t0)
	for i := range 16 {
		c := start()
		time.Sleep(time.Duration(rng.Int64N(int64(full + full/2))))
		c.Process.Signal(syscall.SIGKILL)
		c.Wait()
		if !whole(t, out) {
			t.Fatalf("after kill %d the output is not whole", i)
		}
	}
	if err := start().Wait(); err != nil {
		t.Fatal("the last build:", err)
	}
	whole(t, out)
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("left beside the output: %v", names)
	}
}

// whole checks out against its manifest.
func whole(t *testing.T, out string) bool {
	t.Helper()
	n, err := publish.Verify(out)
	if err != nil {
		t.Error(err)
		return false
	}
	return n > 100
}
