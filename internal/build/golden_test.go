package build

// Golden sites, one folder per feature, as in Observable Framework's
// test/build-test.ts: each site is built and its whole output compared,
// file by file, with a committed output folder.
//
//	testdata/golden/<name>/src/          the site: qingdan.toml, data/, content/, layouts/, static/
//	testdata/golden/<name>/want/         the expected output tree
//	testdata/golden/<name>/flags.txt     optional: the build's options
//	testdata/golden/<name>/messages.txt  optional: what a successful build printed
//
// flags.txt holds the flags of `qingdan build`, spelled as typed after it:
// --as-of DATE, --base-url URL, --drafts, --publish, --links dirs|files
// (not -s or -o: the test sets those). They may be spread over several
// lines; # starts a comment. One flag is the test's own: --fail says the
// build must fail (exit 1) and leave no output folder; want/ then holds no
// tree but errors.txt, the messages exactly as qingdan build prints them.
//
// What a successful build prints (warnings and notes, in the site's
// language) is compared with messages.txt, absent when it prints nothing;
// a failed build's messages are want/errors.txt instead.
//
// Every output file is compared, manifest.sha256 and the open data's .xlsx
// included, except the theme's files under assets/ (copied as they are;
// ECharts is third-party code that is not committed here): they must
// exist, and manifest.sha256, which is compared, holds their sums.
//
// The xlsx site's data/*.xlsx inputs (Chinese headers and labels, date
// cells, one date typed as text) are committed binaries, written once with
// excelize by a program that is not kept, so the test never makes its own
// inputs; change them with Excel or WPS, as users do.
//
// go test ./internal/build -run Golden -update rewrites every want/ folder
// (stale files removed) and messages.txt from the current output; read the
// diff before committing it. (-run Golden also matches the other golden
// tests, which -update rewrites too; -run GoldenSites rewrites only these.)
// -run Golden/xlsx builds one site.

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/diff"
)

// goldenDir holds the golden sites.
var goldenDir = filepath.Join("testdata", "golden")

// goldenSites lists the golden sites: the folders of testdata/golden that
// hold a src/ folder, sorted by name.
func goldenSites(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(goldenDir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if fi, err := os.Stat(filepath.Join(goldenDir, e.Name(), "src")); err == nil && fi.IsDir() {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		t.Fatalf("no golden sites in %s", goldenDir)
	}
	return names
}

// goldenCase is a golden site's build options and expectation.
type goldenCase struct {
	opts Options
	fail bool // the build must fail
}

// goldenFlags reads a golden site's flags.txt; a missing file means no flags.
func goldenFlags(t *testing.T, dir string) goldenCase {
	t.Helper()
	var c goldenCase
	file := filepath.Join(dir, "flags.txt")
	b, err := os.ReadFile(file)
	if os.IsNotExist(err) {
		return c
	}
	if err != nil {
		t.Fatal(err)
	}
	var args []string
	for line := range strings.Lines(string(b)) {
		line, _, _ = strings.Cut(line, "#")
		args = append(args, strings.Fields(line)...)
	}
	set := flag.NewFlagSet(file, flag.ContinueOnError)
	set.SetOutput(&strings.Builder{})
	set.StringVar(&c.opts.AsOf, "as-of", "", "")
	set.StringVar(&c.opts.BaseURL, "base-url", "", "")
	set.BoolVar(&c.opts.Drafts, "drafts", false, "")
	set.BoolVar(&c.opts.Publish, "publish", false, "")
	set.Func("links", "", func(s string) error {
		switch s {
		case "dirs":
			c.opts.Files = false
		case "files":
			c.opts.Files = true
		default:
			return fmt.Errorf("want dirs or files")
		}
		return nil
	})
	set.BoolVar(&c.fail, "fail", false, "")
	if err := set.Parse(args); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if set.NArg() > 0 {
		t.Fatalf("%s: unexpected argument %q", file, set.Arg(0))
	}
	return c
}

// goldenTree reads every file below dir, by slash-separated relative path;
// nil when dir does not exist.
func goldenTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	if _, err := os.Stat(dir); os.IsNotExist(err) {
		return nil
	}
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// goldenVendor is the output folder left out of the comparison, and the
// file in it that must exist.
const (
	goldenVendor  = "assets/"
	goldenECharts = "assets/vendor/echarts.min.js"
)

// TestGoldenSites builds every golden site and compares its whole output
// with the site's want/ folder.
func TestGoldenSites(t *testing.T) {
	for _, name := range goldenSites(t) {
		t.Run(name, func(t *testing.T) { testGoldenSite(t, filepath.Join(goldenDir, name)) })
	}
}

func testGoldenSite(t *testing.T, dir string) {
	c := goldenFlags(t, dir)
	o := c.opts
	// Built from a copy: a build writes into its site folder what it
	// keeps for the next (resources/_gen), which is not the repository's.
	o.Src = filepath.Join(t.TempDir(), "src")
	if err := os.CopyFS(o.Src, os.DirFS(filepath.Join(dir, "src"))); err != nil {
		t.Fatal(err)
	}
	parent := t.TempDir()
	o.Out = filepath.Join(parent, "public")
	r, err := Run(o)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	var printed bytes.Buffer
	r.Diags.Print(&printed, r.Lang())
	failed := r.Diags.Errors() > 0

	var got map[string][]byte
	var messages []byte
	switch {
	case failed && !c.fail:
		t.Fatalf("build failed (exit 1); flags.txt does not say --fail:\n%s", printed.Bytes())
	case !failed && c.fail:
		t.Fatalf("build succeeded (exit 0); flags.txt says --fail\n%s", printed.Bytes())
	case failed:
		if left, _ := os.ReadDir(parent); len(left) > 0 {
			t.Errorf("a failed build left %v beside the output folder, which it must not create", left)
		}
		got = map[string][]byte{"errors.txt": printed.Bytes()}
	default:
		got = goldenTree(t, o.Out)
		if _, ok := got[goldenECharts]; !ok {
			t.Errorf("output has no %s", goldenECharts)
		}
		for n := range got {
			if strings.HasPrefix(n, goldenVendor) {
				delete(got, n)
			}
		}
		messages = printed.Bytes()
	}

	msgFile := filepath.Join(dir, "messages.txt")
	wantDir := filepath.Join(dir, "want")
	if *update {
		goldenWrite(t, wantDir, got)
		if len(messages) > 0 {
			if err := os.WriteFile(msgFile, messages, 0o644); err != nil {
				t.Fatal(err)
			}
		} else if err := os.Remove(msgFile); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}

	wantMessages, err := os.ReadFile(msgFile)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	if !bytes.Equal(messages, wantMessages) {
		t.Errorf("the build printed other messages than messages.txt:\n%s", goldenDiff("messages.txt", "printed", wantMessages, messages))
	}
	want := goldenTree(t, wantDir)
	if want == nil {
		t.Fatalf("%s does not exist; run go test -run Golden -update and read what it wrote", wantDir)
	}
	if report := goldenCompare(want, got); report != "" {
		t.Errorf("output differs from %s (if the change is meant, go test ./internal/build -run Golden -update, then read the diff):\n%s", wantDir, report)
	}
}

// goldenWrite replaces dir with the files.
func goldenWrite(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	for name, b := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Limits on a mismatch report, so one change that touches every page
// stays readable.
const (
	goldenDiffLines = 60 // lines of one file's diff
	goldenDiffFiles = 8  // files whose diff is shown; the others are only named
)

// goldenCompare lists the files missing from got, the extra ones and those
// that differ, with a unified diff for text; "" when the trees are equal.
func goldenCompare(want, got map[string][]byte) string {
	var names []string
	for n := range want {
		names = append(names, n)
	}
	for n := range got {
		if _, ok := want[n]; !ok {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	var b strings.Builder
	shown := 0
	for _, n := range names {
		w, inWant := want[n]
		g, inGot := got[n]
		switch {
		case !inGot:
			fmt.Fprintf(&b, "missing: %s\n", n)
		case !inWant:
			fmt.Fprintf(&b, "extra:   %s (%d bytes)\n", n, len(g))
		case bytes.Equal(w, g):
		case !goldenText(w) || !goldenText(g):
			fmt.Fprintf(&b, "differs: %s: binary file differs (want %d bytes, got %d)\n", n, len(w), len(g))
		case shown >= goldenDiffFiles:
			fmt.Fprintf(&b, "differs: %s (diff not shown)\n", n)
		default:
			shown++
			fmt.Fprintf(&b, "differs: %s\n%s", n, goldenDiff("want/"+n, "got/"+n, w, g))
		}
	}
	return b.String()
}

// goldenText reports whether b is text: valid UTF-8 without NUL bytes.
func goldenText(b []byte) bool {
	return utf8.Valid(b) && bytes.IndexByte(b, 0) < 0
}

// goldenDiff is the unified diff from want to got, cut at goldenDiffLines.
func goldenDiff(wantName, gotName string, want, got []byte) string {
	d := string(diff.Diff(wantName, want, gotName, got))
	lines := strings.SplitAfter(d, "\n")
	if n := len(lines) - goldenDiffLines; n > 1 {
		d = strings.Join(lines[:goldenDiffLines], "") + fmt.Sprintf("… %d more lines of diff\n", n)
	}
	if d != "" && !strings.HasSuffix(d, "\n") {
		d += "\n"
	}
	return d
}
