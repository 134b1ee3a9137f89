package build

// Hostile sites: broken and malicious inputs, one small site each, with
// every message the build must print.
//
//	testdata/hostile/_base.txtar   a site that builds without a message
//	testdata/hostile/NAME.txtar    the files NAME changes, and want
//
// A hostile site is the base with its files laid over it; want holds what
// the build prints (in the site's language, English unless the site says
// otherwise), compared whole. Lines of the archive's comment, before the
// first file, are directives (# starts a remark):
//
//	build                  the build must succeed (without it: must fail)
//	remove NAME            leave out the base's file NAME
//	symlink NAME TARGET    NAME is a symbolic link to TARGET (txtar cannot hold one)
//	gbk NAME [LINE...]     NAME, or those of its lines, encoded in GBK
//	junk NAME SIZE         NAME is SIZE bytes of noise (the same every run)
//	xlsx NAME              NAME holds CSV text, made a workbook (dates as date cells)
//	flags ARGS...          build flags: --as-of DATE --base-url URL --drafts --publish
//	contains PATH TEXT     a successful build's PATH (below OUT) holds TEXT
//	absent PATH            a successful build has no PATH
//
// Every site is built into an output folder that already holds a previous
// build (its manifest, a page, an asset). The test checks that nothing
// panics, that each message's place lies inside its file, that a failed
// build leaves that folder byte for byte as it was, and that no build
// leaves anything beside it.
//
// go test ./internal/build -run HostileSites -update rewrites each want
// from what the build printed; read the diff before committing it.

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/qingdan/qingdan/internal/diag"
)

const hostileDir = "testdata/hostile"

func TestHostileSites(t *testing.T) {
	base := readArchive(t, filepath.Join(hostileDir, "_base.txtar"))
	names, _ := filepath.Glob(filepath.Join(hostileDir, "[^_]*.txtar"))
	if len(names) < 40 {
		t.Fatalf("%d hostile sites; the corpus holds at least 40", len(names))
	}
	for _, file := range names {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			t.Parallel()
			testHostile(t, base, file)
		})
	}
}

// TestHostileBase: the base site builds and prints nothing, so every
// message of a hostile site is the hostile part's.
func TestHostileBase(t *testing.T) {
	src := t.TempDir()
	writeFiles(t, src, archiveFiles(readArchive(t, filepath.Join(hostileDir, "_base.txtar"))))
	r, err := Run(Options{Src: src, Out: filepath.Join(t.TempDir(), "public")})
	if err != nil {
		t.Fatal(err)
	}
	if r.Diags.Len() > 0 || r.Site == nil {
		t.Fatalf("the base site printed:\n%s", printed(r))
	}
}

func testHostile(t *testing.T, base *txtar.Archive, file string) {
	a := readArchive(t, file)
	c := hostileSetup(t, base, a)
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	old := previousOutput(t, out)

	r := runSafely(t, c.opts, c.src, out)
	got := []byte(strings.ReplaceAll(printed(r), c.src, "$SRC"))
	checkPlaces(t, c.src, r.Diags)

	failed := r.Diags.Errors() > 0
	switch {
	case failed && c.build:
		t.Errorf("the build failed; the site says build")
	case !failed && !c.build:
		t.Errorf("the build succeeded; it must fail")
	case failed:
		if now := readTree(t, out); !maps.EqualFunc(old, now, bytes.Equal) {
			t.Errorf("a failed build changed the output folder: %v, was %v", slices.Sorted(maps.Keys(now)), slices.Sorted(maps.Keys(old)))
		}
	default:
		tree := readTree(t, out)
		for _, p := range c.contains {
			if !bytes.Contains(tree[p[0]], []byte(p[1])) {
				t.Errorf("%s does not hold %q", p[0], p[1])
			}
		}
		for _, p := range c.absent {
			if _, ok := tree[p]; ok {
				t.Errorf("%s was published", p)
			}
		}
	}
	if left, _ := os.ReadDir(parent); len(left) != 1 {
		var names []string
		for _, e := range left {
			names = append(names, e.Name())
		}
		t.Errorf("the build left %v beside the output folder", names)
	}

	if *update {
		i := slices.IndexFunc(a.Files, func(f txtar.File) bool { return f.Name == "want" })
		if i < 0 {
			a.Files = append(a.Files, txtar.File{Name: "want"})
			i = len(a.Files) - 1
		}
		a.Files[i].Data = got
		if err := os.WriteFile(file, txtar.Format(a), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want := c.want
	if want == nil {
		t.Fatalf("no want file; go test -run HostileSites -update writes it. The build printed:\n%s", got)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the build printed other messages than want (go test -run HostileSites -update, then read the diff):\n%s", goldenDiff("want", "printed", want, got))
	}
}

// runSafely runs a build, failing the test on a panic or an error that is
// not a message about the site.
func runSafely(t *testing.T, o Options, src, out string) (r *Result) {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("the build panicked: %v", p)
		}
	}()
	o.Src, o.Out = src, out
	r, err := Run(o)
	if err != nil {
		t.Fatalf("the build returned an error: %v", err)
	}
	return r
}

func printed(r *Result) string {
	var b strings.Builder
	r.Diags.Print(&b, r.Lang())
	return b.String()
}

// hostileCase is a hostile site made ready to build.
type hostileCase struct {
	src      string
	opts     Options
	build    bool
	contains [][2]string // path, text
	absent   []string
	want     []byte
}

// hostileSetup writes the base with a's files over it and follows a's
// directives.
func hostileSetup(t *testing.T, base, a *txtar.Archive) *hostileCase {
	t.Helper()
	c := &hostileCase{src: filepath.Join(t.TempDir(), "src")}
	files := archiveFiles(base)
	for n, b := range archiveFiles(a) {
		if n == "want" {
			c.want = append([]byte{}, b...) // not nil: an empty want says the build prints nothing
			continue
		}
		files[n] = b
	}
	var links [][2]string
	for i, line := range strings.Split(string(a.Comment), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		arg := func(n int) string {
			if len(f) <= n {
				t.Fatalf("comment line %d: %s needs %d arguments", i+1, f[0], n)
			}
			return f[n]
		}
		switch f[0] {
		case "build":
			c.build = true
		case "remove":
			delete(files, arg(1))
		case "symlink":
			links = append(links, [2]string{arg(1), arg(2)})
		case "gbk":
			files[arg(1)] = toGBK(t, files[arg(1)], f[2:])
		case "junk":
			n, _ := strconv.Atoi(arg(2))
			junk := make([]byte, n)
			rng := rand.New(rand.NewPCG(uint64(n), 11))
			for j := range junk {
				junk[j] = byte(rng.Uint32())
			}
			files[arg(1)] = junk
		case "xlsx":
			files[arg(1)] = []byte(xlsx(t, string(files[arg(1)]), true))
		case "flags":
			c.opts = hostileFlags(t, f[1:])
		case "contains":
			_, text, _ := strings.Cut(strings.TrimSpace(line)[len("contains "):], " ")
			c.contains = append(c.contains, [2]string{arg(1), text})
		case "absent":
			c.absent = append(c.absent, arg(1))
		default:
			t.Fatalf("comment line %d: unknown directive %q", i+1, f[0])
		}
	}
	writeFiles(t, c.src, files)
	for _, l := range links {
		p := filepath.Join(c.src, filepath.FromSlash(l[0]))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.Symlink(l[1], p); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

func hostileFlags(t *testing.T, args []string) Options {
	t.Helper()
	var o Options
	for i := 0; i < len(args); i++ {
		next := func() string {
			if i+1 >= len(args) {
				t.Fatalf("flag %s needs a value", args[i])
			}
			i++
			return args[i]
		}
		switch args[i] {
		case "--as-of":
			o.AsOf = next()
		case "--base-url":
			o.BaseURL = next()
		case "--drafts":
			o.Drafts = true
		case "--publish":
			o.Publish = true
		default:
			t.Fatalf("unknown flag %q", args[i])
		}
	}
	return o
}

// toGBK encodes b in GBK, or only its lines numbered in lines (from 1).
func toGBK(t *testing.T, b []byte, lines []string) []byte {
	parts := strings.SplitAfter(string(b), "\n")
	for i := range parts {
		if len(lines) == 0 || slices.Contains(lines, strconv.Itoa(i+1)) {
			parts[i] = gbk(t, parts[i])
		}
	}
	return []byte(strings.Join(parts, ""))
}

func readArchive(t testing.TB, file string) *txtar.Archive {
	t.Helper()
	a, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func archiveFiles(a *txtar.Archive) map[string][]byte {
	files := map[string][]byte{}
	for _, f := range a.Files {
		files[f.Name] = f.Data
	}
	return files
}

func writeFiles(t testing.TB, dir string, files map[string][]byte) {
	t.Helper()
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

// previousOutput makes out look like an earlier build's output and returns
// its files.
func previousOutput(t testing.TB, out string) map[string][]byte {
	t.Helper()
	writeFiles(t, out, map[string][]byte{
		"manifest.sha256":         []byte("0000000000000000000000000000000000000000000000000000000000000000  index.html\n"),
		"index.html":              []byte("<!doctype html><title>the previous build</title>\n"),
		"assets/qingdan.css":      []byte("body{}\n"),
		"projects/old/index.html": []byte("old\n"),
	})
	return readTree(t, out)
}

// readTree reads every file below dir, by slash path; nil when dir is gone.
func readTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// checkPlaces fails the test for a message whose place is not in its file:
// a line past its last line, a column past its line's end.
func checkPlaces(t *testing.T, src string, l *diag.List) {
	t.Helper()
	read := fileLines(src)
	for _, d := range l.Sorted() {
		if msg := placeOutside(read, d); msg != "" {
			t.Errorf("%s: %s", d.Text("en"), msg)
		}
	}
}

// fileLines returns a function that gives the lines of a file in src (nil
// when it cannot be read), reading each file once.
func fileLines(src string) func(name string) [][]byte {
	read := map[string][][]byte{}
	return func(name string) [][]byte {
		if lines, ok := read[name]; ok {
			return lines
		}
		var lines [][]byte
		if b, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(name))); err == nil {
			lines = bytes.Split(b, []byte("\n"))
		}
		read[name] = lines
		return lines
	}
}

// placeOutside says how d's place lies outside its file, or "". Places in
// workbooks (cells) and in files that are not in the site are not checked.
func placeOutside(lines func(name string) [][]byte, d diag.Diag) string {
	p := d.Pos
	if p.Line < 0 || p.Col < 0 {
		return "a negative place"
	}
	if p.File == "" || p.Line == 0 || diag.IsWorkbook(p.File) {
		return ""
	}
	ls := lines(p.File)
	switch {
	case ls == nil:
	case p.Line > len(ls):
		return fmt.Sprintf("line %d of a %d-line file", p.Line, len(ls))
	case p.Col > len(ls[p.Line-1])+1:
		return fmt.Sprintf("column %d of a %d-byte line", p.Col, len(ls[p.Line-1]))
	}
	return ""
}
