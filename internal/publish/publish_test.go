package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCommitReplacesAbortKeeps(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")

	tx, err := Begin(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Write("index.html", []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := tx.Write("data/a.json", []byte("{}")); err != nil {
		t.Fatal(err)
	}
	if err := tx.Write(Marker, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatal("output visible before commit")
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(out, "index.html")) != "one" {
		t.Fatal("first commit")
	}

	// An aborted build leaves everything as it was.
	tx, err = Begin(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	tx.Write("index.html", []byte("two"))
	tx.Abort()
	if read(t, filepath.Join(out, "index.html")) != "one" {
		t.Fatal("abort changed the output")
	}

	// A new build replaces the whole folder: stale files go.
	tx, err = Begin(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	tx.Write("index.html", []byte("three"))
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(out, "index.html")) != "three" {
		t.Fatal("second commit")
	}
	if _, err := os.Stat(filepath.Join(out, "data/a.json")); !os.IsNotExist(err) {
		t.Fatal("a stale file survived")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("temporary folders left behind: %v", entries)
	}
}

func TestRejectsPathsLeavingTheFolder(t *testing.T) {
	tx, err := Begin(filepath.Join(t.TempDir(), "public"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	for _, bad := range []string{"../x", "/etc/x", "a/../../x", "", "a//b", `a\b`} {
		if err := tx.Write(bad, nil); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestOutIsAFile(t *testing.T) {
	f := filepath.Join(t.TempDir(), "public")
	os.WriteFile(f, nil, 0o644)
	if _, err := Begin(f, nil); err == nil {
		t.Fatal("a file in the way must be an error")
	}
}

// A folder qingdan did not write is never replaced; an empty one is.
func TestForeignFolderLeftAlone(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "www")
	os.MkdirAll(filepath.Join(out, "keep"), 0o755)
	os.WriteFile(filepath.Join(out, "keep", "notes.txt"), []byte("mine"), 0o644)
	tx, err := Begin(out, nil)
	var fe *ForeignError
	if !errors.As(err, &fe) || fe.Dir != out {
		t.Fatalf("Begin on a foreign folder: %v, %v", tx, err)
	}
	if read(t, filepath.Join(out, "keep", "notes.txt")) != "mine" {
		t.Fatal("foreign folder changed")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("temporary folders left behind: %v", entries)
	}

	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	tx, err = Begin(empty, nil)
	if err != nil {
		t.Fatalf("an empty folder must be usable: %v", err)
	}
	tx.Write("index.html", []byte("x"))
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(empty, "index.html")) != "x" {
		t.Fatal("commit into an empty folder")
	}
}

// Commit writes manifest.sha256 over every file, streamed or whole, in
// sha256sum's format, sorted.
func TestCommitWritesManifest(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	tx, err := Begin(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	tx.Write("z/index.html", []byte("z"))
	tx.Write("b/index.html", []byte("b"))
	f, _ := tx.Create("a.css")
	io.WriteString(f, "a")
	f.Close()
	tx.Write("b/index.html", []byte("b2")) // written again: its last bytes count, listed once
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	sum := func(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) }
	want := sum("a") + "  a.css\n" + sum("b2") + "  b/index.html\n" + sum("z") + "  z/index.html\n"
	if got := read(t, filepath.Join(out, Marker)); got != want {
		t.Fatalf("manifest:\n%s\nwant:\n%s", got, want)
	}
	// Files lists every file, the manifest too, sorted, each once.
	if got, want := tx.Files(), []string{"a.css", "b/index.html", Marker, "z/index.html"}; !slices.Equal(got, want) {
		t.Errorf("Files() = %q, want %q", got, want)
	}
}

// Interrupted (Ctrl-C) removes the folders being written and stops any
// later swap; the output folder stays as it was. A transaction listed
// elsewhere is not touched: the list is no global.
func TestInterrupted(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	tx, _ := Begin(out, nil)
	tx.Write("index.html", []byte("one"))
	tx.Write(Marker, nil)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	p := NewPending()
	a, _ := Begin(out, p)
	a.Write("index.html", []byte("two"))
	b, _ := Begin(out, p)
	b.Write("deep/er/index.html", []byte("three"))
	c, _ := Begin(out, nil)
	c.Write("index.html", []byte("four"))
	p.Interrupted()
	if err := b.Commit(); err == nil {
		t.Error("a swap after Interrupted")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 { // the output, and c's folder
		t.Errorf("left behind: %v", entries)
	}
	if read(t, filepath.Join(out, "index.html")) != "one" {
		t.Error("the output changed")
	}
	if err := c.Commit(); err != nil || read(t, filepath.Join(out, "index.html")) != "four" {
		t.Errorf("a transaction of another list: %v", err)
	}
}

// TestInterruptedWritersStop: after Interrupted, a writer still running
// fails, in a new folder, an old one or at the top, and does not make the
// removed folder again; a Begin on the same list fails too.
func TestInterruptedWritersStop(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	p := NewPending()
	tx, err := Begin(out, p)
	if err != nil {
		t.Fatal(err)
	}
	tx.Write("cases/a/index.html", []byte("a"))
	p.Interrupted()
	for _, name := range []string{"cases/a/more.html", "cases/b/index.html", "new/deep/er/index.html", "index.html"} {
		if err := tx.Write(name, []byte("late")); err == nil {
			t.Errorf("%s written after Interrupted", name)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
	if _, err := Begin(out, p); err == nil {
		t.Error("a Begin after Interrupted")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

// TestRecoverKilled: a build killed between the two renames of a swap left
// no output folder and the old version under a temporary name; the next
// Begin puts it back before anything else, and removes the temporary
// folders of builds that no longer run (not those of a running one).
func TestRecoverKilled(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	old := filepath.Join(dir, ".public.old-1")
	os.MkdirAll(old, 0o755)
	os.WriteFile(filepath.Join(old, "index.html"), []byte("old"), 0o644)
	os.WriteFile(filepath.Join(old, Marker), nil, 0o644)
	dead := filepath.Join(dir, ".public.new-dead")
	os.MkdirAll(dead, 0o755)
	os.WriteFile(filepath.Join(dead, ownerFile), []byte("999999999"), 0o644)
	live := filepath.Join(dir, ".public.new-live")
	os.MkdirAll(live, 0o755)
	os.WriteFile(filepath.Join(live, ownerFile), []byte(fmt.Sprint(os.Getpid())), 0o644)
	tx, err := Begin(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	if read(t, filepath.Join(out, "index.html")) != "old" {
		t.Error("the old output is not back")
	}
	for p, want := range map[string]bool{old: false, dead: false, live: true} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s: there %v, want %v", p, err == nil, want)
		}
	}
}

// TestManyWriters: several goroutines put files into many folders of one
// folder, and into one folder, at once (the folders' locks); every file
// is there with its bytes.
func TestManyWriters(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	tx, err := Begin(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	const writers, each = 6, 300
	errs := make(chan error, writers)
	for w := range writers {
		go func() {
			var err error
			for i := range each {
				name := fmt.Sprintf("projects/p%d-%d/index.html", w, i)
				if i%2 == 1 {
					name = fmt.Sprintf("search/d/%d-%d.js", w, i)
				}
				if e := tx.Put(name, []byte(name)); e != nil && err == nil {
					err = e
				}
			}
			errs <- err
		}()
	}
	for range writers {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	for w := range writers {
		for i := range each {
			name := fmt.Sprintf("projects/p%d-%d/index.html", w, i)
			if i%2 == 1 {
				name = fmt.Sprintf("search/d/%d-%d.js", w, i)
			}
			if got := read(t, filepath.Join(out, filepath.FromSlash(name))); got != name {
				t.Fatalf("%s holds %q", name, got)
			}
		}
	}
}

// TestVerify: a committed output checks out against its manifest; a file
// changed or removed since, or a manifest missing, does not.
func TestVerify(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	tx, err := Begin(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	tx.Put("index.html", []byte("home"))
	tx.Put("cases/a/index.html", []byte("a"))
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if n, err := Verify(out); err != nil || n != 2 {
		t.Fatalf("whole: %d, %v", n, err)
	}
	os.WriteFile(filepath.Join(out, "cases", "a", "index.html"), []byte("b"), 0o644)
	if _, err := Verify(out); err == nil || !strings.Contains(err.Error(), "cases/a/index.html") {
		t.Errorf("a file changed: %v", err)
	}
	os.Remove(filepath.Join(out, "cases", "a", "index.html"))
	if _, err := Verify(out); err == nil {
		t.Error("a file removed: no error")
	}
	os.Remove(filepath.Join(out, Marker))
	if _, err := Verify(out); err == nil {
		t.Error("no manifest: no error")
	}
}

// TestFoldersNoted: every folder made is noted, those between a page's
// folder and a folder made before too, so that no folder is made twice
// (a paged list's tags/x/page/3 made tags/x/page again for each page).
func TestFoldersNoted(t *testing.T) {
	tx, err := Begin(filepath.Join(t.TempDir(), "public"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	for _, name := range []string{"index.html", "tags/x/page/2/index.html", "tags/x/page/3/index.html", "tags/y/index.html", "search/t/1.js"} {
		if err := tx.Put(name, []byte(name)); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{".", "search", "search/t", "tags", "tags/x", "tags/x/page", "tags/x/page/2", "tags/x/page/3", "tags/y"}
	var got []string
	for d := range tx.dirs {
		got = append(got, d)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("folders noted: %q, want %q", got, want)
	}
	for _, d := range want {
		if fi, err := os.Stat(filepath.Join(tx.tmp, filepath.FromSlash(d))); err != nil || !fi.IsDir() {
			t.Fatalf("%s: %v", d, err)
		}
	}
}

// The manifest gives each file the sum noted last for it, whatever came
// after without one (a Keep that failed after its name was noted), and
// leaves out a file noted without any; Files still lists it.
func TestManifestLastSum(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	tx, err := Begin(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	tx.Write("c.txt", []byte("c1"))
	tx.Write("a.txt", []byte("a1"))
	tx.Write("c.txt", []byte("c2"))
	for _, n := range []string{"c.txt", "b.txt"} {
		if _, _, _, err := tx.local(n); err != nil { // noted, never summed
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	sum := func(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) }
	want := sum("a1") + "  a.txt\n" + sum("c2") + "  c.txt\n"
	if got := read(t, filepath.Join(out, Marker)); got != want {
		t.Fatalf("manifest:\n%s\nwant:\n%s", got, want)
	}
	if got, want := tx.Files(), []string{"a.txt", "b.txt", "c.txt", Marker}; !slices.Equal(got, want) {
		t.Errorf("Files() = %q, want %q", got, want)
	}
}
