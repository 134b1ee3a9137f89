package quality

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/qingdan/qingdan/internal/build"
)

// repoRoot is the demo site: the repository root, seen from this folder.
const repoRoot = "../.."

// scratch is the folder for every build of this test binary, removed at
// the end: the shared builds outlive the test that made them.
var scratch string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "qingdan-quality-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	scratch = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// The demo builds the tests share, made on first use; tests only read them.
var (
	buildMu sync.Mutex // one build at a time: they share the CPU anyway
	demos   = map[bool]string{}
	failed  = map[bool]error{}
)

// demo returns the folder of a build of the demo site, a Files build (links
// end in index.html, for opening from disk) when files is true.
func demo(t *testing.T, files bool) string {
	t.Helper()
	buildMu.Lock()
	defer buildMu.Unlock()
	if dir, ok := demos[files]; ok {
		return dir
	}
	if err, ok := failed[files]; ok {
		t.Fatal(err)
	}
	out := filepath.Join(scratch, fmt.Sprintf("demo-files-%v", files))
	if err := buildSite(repoRoot, out, files); err != nil {
		failed[files] = err
		t.Fatal(err)
	}
	demos[files] = out
	return out
}

// buildSite builds the site at src into out, in process. Any error in the
// site's data or content is an error.
func buildSite(src, out string, files bool) error {
	r, err := build.Run(build.Options{Src: src, Out: out, Files: files})
	if err != nil {
		return fmt.Errorf("building %s: %v", src, err)
	}
	if r.Diags.Errors() > 0 {
		var b strings.Builder
		r.Diags.Print(&b, r.Lang())
		return fmt.Errorf("the site at %s does not build:\n%s", src, b.String())
	}
	return nil
}

// files lists the regular files under dir, as sorted slash-separated paths
// relative to it.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		names = append(names, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(names)
	return names
}

// report prints at most limit lines of a long list of problems, one error
// each, and says how many more there were.
func report(t *testing.T, what string, problems []string, limit int) {
	t.Helper()
	for i, p := range problems {
		if i == limit {
			t.Errorf("%s: and %d more", what, len(problems)-limit)
			return
		}
		t.Error(p)
	}
}
