package filecache

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qingdan/qingdan/internal/fileio"
)

// site makes a site folder holding the files named, each with its name as
// its bytes, and returns it.
func site(t *testing.T, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, n := range names {
		p := filepath.Join(dir, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// settled opens the record of dir as a build that began after its files
// settled (their change times cannot be set back, so the build's start is
// moved on instead).
func settled(dir, version string) *Record {
	r := Open(dir, version)
	r.since = time.Now().Add(time.Hour).UnixNano()
	return r
}

func stat(t *testing.T, p string) os.FileInfo {
	t.Helper()
	fi, err := os.Lstat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi
}

// TestRecordRoundTrip: what one build notes, the next knows while the files
// are unchanged; an entry no build looks up again is dropped; another
// version's record is not used.
func TestRecordRoundTrip(t *testing.T) {
	dir := site(t, "static/a.jpg", "content/cases/x/b.png", "static/名字 带空格\t.jpg")
	a, b, c := filepath.Join(dir, "static", "a.jpg"), filepath.Join(dir, "content", "cases", "x", "b.png"), filepath.Join(dir, "static", "名字 带空格\t.jpg")
	r := settled(dir, "v1")
	sumA := sha256.Sum256([]byte("static/a.jpg"))
	r.NoteSum(a, stat(t, a), sumA)
	r.NoteInfo(a, stat(t, a), "800 450 1 -")
	r.NoteInfo(b, stat(t, b), "10 20 6 0a1b2c3d")
	r.NoteSum(c, stat(t, c), sumA)
	r.NoteSum(a+".gone", stat(t, a), sumA)                                       // not a file: noted, never met again
	r.NoteSum(filepath.Join(filepath.Dir(dir), "outside.jpg"), stat(t, a), sumA) // not in the site: not noted
	gen := filepath.Dir(filepath.Join(dir, filepath.FromSlash(File)))
	os.MkdirAll(filepath.Join(gen, ".tmp-dir"), 0o755)
	os.WriteFile(filepath.Join(gen, ".tmp-123"), []byte("half a record a stopped build left"), 0o644)
	os.WriteFile(filepath.Join(gen, "kept"), nil, 0o644)
	r.Save()
	if fi := stat(t, filepath.Join(dir, filepath.FromSlash(File))); fi.Mode().Perm() != 0o644 {
		t.Errorf("record's mode %v, want 0644", fi.Mode().Perm())
	}
	if _, err := os.Lstat(filepath.Join(gen, ".tmp-123")); err == nil {
		t.Error("a stopped Save's temporary file is still there")
	}
	for _, n := range []string{".tmp-dir", "kept"} {
		if _, err := os.Lstat(filepath.Join(gen, n)); err != nil {
			t.Errorf("%s removed: %v", n, err)
		}
	}
	os.Remove(filepath.Join(gen, ".tmp-dir"))
	os.Remove(filepath.Join(gen, "kept"))

	r = settled(dir, "v1")
	if s, ok := r.Sum(a, stat(t, a)); !ok || s != sumA {
		t.Errorf("a's sum not known: %v", ok)
	}
	if s, ok := r.Info(a, stat(t, a)); !ok || s != "800 450 1 -" {
		t.Errorf("a's info %q %v", s, ok)
	}
	if s, ok := r.Info(b, stat(t, b)); !ok || s != "10 20 6 0a1b2c3d" {
		t.Errorf("b's info %q %v", s, ok)
	}
	if _, ok := r.Sum(b, stat(t, b)); ok {
		t.Error("b has no sum noted, but one is known")
	}
	r.Save() // c was not looked up: dropped

	r = settled(dir, "v1")
	if _, ok := r.Sum(c, stat(t, c)); ok {
		t.Error("c was not looked up by the last build, but is still known")
	}
	if _, ok := r.Sum(a, stat(t, a)); !ok {
		t.Error("a, looked up, was dropped")
	}
	if _, ok := settled(dir, "v2").Sum(a, stat(t, a)); ok {
		t.Error("a record of another version was used")
	}
}

// TestRecordSeesChanges: a file of another size, modification time or
// change time is not known; a file noted while it may still change unseen
// (changed since the build began, less a margin) is not recorded.
func TestRecordSeesChanges(t *testing.T) {
	dir := site(t, "a.jpg", "b.jpg", "c.jpg")
	a, b, c := filepath.Join(dir, "a.jpg"), filepath.Join(dir, "b.jpg"), filepath.Join(dir, "c.jpg")
	r := settled(dir, "v")
	for _, p := range []string{a, b, c} {
		r.NoteSum(p, stat(t, p), sha256.Sum256([]byte(p)))
	}
	r.Save()
	before := stat(t, a)

	// Same size, same modification time, other bytes (cp -p, touch -r):
	// only the change time says.
	if err := os.WriteFile(a, []byte("A.jpg"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(a, before.ModTime(), before.ModTime()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(b, []byte("b.jpg, longer"), 0o644); err != nil {
		t.Fatal(err)
	}
	later := stat(t, c).ModTime().Add(time.Second)
	if err := os.Chtimes(c, later, later); err != nil {
		t.Fatal(err)
	}
	r = settled(dir, "v")
	for _, p := range []string{a, b, c} {
		if _, ok := r.Sum(p, stat(t, p)); ok && (p != a || fileio.ChangeTime(stat(t, a)) != 0) {
			t.Errorf("%s changed, but its old sum is known", filepath.Base(p))
		}
	}

	// A build that began before the files last changed does not record them.
	r = Open(dir, "v")
	r.since = time.Now().Add(-time.Hour).UnixNano()
	r.NoteSum(a, stat(t, a), [32]byte{1})
	if _, ok := r.Sum(a, stat(t, a)); ok {
		t.Error("a file changed during the build was noted")
	}
}

// TestRecordChanged: Changed says whether a file is other than the record
// has it (its change time too, where the system gives one); not for a file
// the record has no entry for, nor for what this build noted.
func TestRecordChanged(t *testing.T) {
	dir := site(t, "a.jpg", "b.jpg", "c.jpg")
	a, b, c := filepath.Join(dir, "a.jpg"), filepath.Join(dir, "b.jpg"), filepath.Join(dir, "c.jpg")
	r := settled(dir, "v")
	for _, p := range []string{a, b} {
		r.NoteSum(p, stat(t, p), sha256.Sum256([]byte(p)))
	}
	r.Save()
	before := stat(t, a)
	os.WriteFile(a, []byte("A.jpg"), 0o644) // same size, same time: cp -p, touch -r
	os.Chtimes(a, before.ModTime(), before.ModTime())

	r = settled(dir, "v")
	if got, want := r.Changed(a, stat(t, a)), fileio.ChangeTime(stat(t, a)) != 0; got != want {
		t.Errorf("a replaced: Changed %v, want %v (the system gives a change time: %v)", got, want, want)
	}
	if r.Changed(b, stat(t, b)) {
		t.Error("b unchanged: Changed says so")
	}
	if r.Changed(c, stat(t, c)) || r.Changed(filepath.Join(dir, "none.jpg"), stat(t, c)) {
		t.Error("a file the record has no entry for: Changed says so")
	}
	if (*Record)(nil).Changed(b, stat(t, b)) {
		t.Error("no record: Changed says so")
	}
	r.NoteSum(a, stat(t, a), [32]byte{1}) // what the content stage does after reading it
	if got, want := r.Changed(a, stat(t, a)), fileio.ChangeTime(stat(t, a)) != 0; got != want {
		t.Errorf("a noted this build: Changed %v, want %v", got, want)
	}
}

// TestRecordHasSum: HasSum answers by name, from what the record read or
// this build noted, whatever the file is now; a note without a sum, a
// file outside the site, no record: false.
func TestRecordHasSum(t *testing.T) {
	dir := site(t, "a.jpg", "b.jpg", "c.jpg")
	a, b, c := filepath.Join(dir, "a.jpg"), filepath.Join(dir, "b.jpg"), filepath.Join(dir, "c.jpg")
	r := settled(dir, "v")
	r.NoteSum(a, stat(t, a), [32]byte{1})
	r.NoteInfo(b, stat(t, b), "1 1 1 -")
	r.Save()
	os.WriteFile(a, []byte("changed, another size"), 0o644)
	r = settled(dir, "v")
	r.NoteSum(c, stat(t, c), [32]byte{2})
	for _, tc := range []struct {
		r    *Record
		p    string
		want bool
	}{
		{r, a, true}, // as recorded, though it has changed since (Sum says not)
		{r, b, false},
		{r, c, true}, // noted this build
		{r, filepath.Join(dir, "none.jpg"), false},
		{r, filepath.Join(filepath.Dir(dir), "a.jpg"), false},
		{nil, a, false},
	} {
		if got := tc.r.HasSum(tc.p); got != tc.want {
			t.Errorf("HasSum(%s) = %v, want %v", tc.p, got, tc.want)
		}
	}
	if _, ok := r.Sum(a, stat(t, a)); ok {
		t.Error("a changed: Sum still gives the recorded sum")
	}
}

// TestRecordNotThroughLinks: a record, or a folder on its way, that is a
// symbolic link (to somewhere outside the site) is neither read nor written.
func TestRecordNotThroughLinks(t *testing.T) {
	outside := t.TempDir()
	for _, link := range []string{"resources", "resources/_gen", File} {
		dir := site(t, "a.jpg")
		target := filepath.Join(outside, strings.ReplaceAll(link, "/", "-"))
		if link == File {
			os.MkdirAll(filepath.Join(dir, "resources", "_gen"), 0o755)
			os.WriteFile(target, []byte(format+" \"v\"\n"), 0o644)
		} else {
			os.MkdirAll(filepath.Join(dir, filepath.Dir(link)), 0o755)
			os.MkdirAll(target, 0o755)
		}
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
			t.Skip("no symbolic links here:", err)
		}
		a := filepath.Join(dir, "a.jpg")
		r := settled(dir, "v")
		r.NoteSum(a, stat(t, a), [32]byte{1})
		r.Save()
		if _, err := os.Stat(filepath.Join(outside, strings.ReplaceAll(link, "/", "-"), "files")); err == nil {
			t.Errorf("%s a link: a record was written through it", link)
		}
		if b, _ := os.ReadFile(target); link == File && string(b) != format+" \"v\"\n" {
			t.Errorf("the record a link: written through it: %q", b)
		}
	}
}

// TestParseLine: a line of the record, as Save writes them, and lines it
// must not take.
func TestParseLine(t *testing.T) {
	sum := strings.Repeat("ab", 32)
	for _, c := range []struct {
		line string
		ok   bool
		name string
	}{
		{`"static/a.jpg"	10	20	30	` + sum + `	"800 450 1 -"`, true, "static/a.jpg"},
		{`"static/a.jpg"	10	20	30	-	""`, true, "static/a.jpg"},
		{`"a\tb.jpg"	10	20	0	-	"x"`, true, "a\tb.jpg"},
		{`"../a.jpg"	10	20	30	-	""`, false, ""},
		{`"/etc/passwd"	10	20	30	-	""`, false, ""},
		{`static/a.jpg	10	20	30	-	""`, false, ""},
		{`"a.jpg"	ten	20	30	-	""`, false, ""},
		{`"a.jpg"	10	20	30	` + sum[:62] + `	""`, false, ""},
		{`"a.jpg"	10	20	30	` + sum + `zz	""`, false, ""},
		{`"a.jpg"	10	20	30	` + sum + `ab	""`, false, ""}, // longer than a sum: hex.Decode would overrun
		{`"a.jpg"	10	20	30	-	"x`, false, ""},
		{`"a.jpg"	10	20	30	-`, false, ""},
		{``, false, ""},
	} {
		name, e, ok := parseLine(c.line)
		if ok != c.ok || name != c.name {
			t.Errorf("%q: %q %v, want %q %v", c.line, name, ok, c.name, c.ok)
		}
		if ok && e.Size != 10 {
			t.Errorf("%q: size %d", c.line, e.Size)
		}
	}
}

// FuzzParse: any record is read without panicking, and what is read of it
// is written back and read again the same.
func FuzzParse(f *testing.F) {
	head := format + " \"v\""
	f.Add([]byte(head + "\n\"a.jpg\"\t1\t2\t3\t-\t\"800 450 1 -\"\n"))
	f.Add([]byte(head + "\n\"a\\tb.jpg\"\t1\t2\t3\t" + strings.Repeat("0f", 32) + "\t\"\"\n\"c\"\t1\n"))
	f.Add([]byte("other\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m := parse(b, head)
		dir := t.TempDir()
		r := &Record{root: dir, path: filepath.Join(dir, "files"), version: "v", old: map[string]Entry{}, now: m, dirty: true}
		r.Save()
		saved, err := os.ReadFile(r.path)
		if err != nil {
			t.Fatal(err)
		}
		again := parse(saved, head)
		if len(again) != len(m) {
			t.Fatalf("%d entries read, %d read back", len(m), len(again))
		}
		for k, e := range m {
			if again[k] != e {
				t.Fatalf("%q: %+v read back as %+v", k, e, again[k])
			}
		}
	})
}

// TestName: a file's name in the record is its slash path below the site
// folder, and nothing outside it (or not clean) has one.
func TestName(t *testing.T) {
	sep := string(filepath.Separator)
	root := filepath.Join(sep+"srv", "site")
	for _, c := range []struct {
		root, p, want string
	}{
		{root, filepath.Join(root, "static", "a.jpg"), "static/a.jpg"},
		{root, filepath.Join(sep+"srv", "site2", "a.jpg"), ""},
		{root, root, ""},
		{root, root + sep + ".." + sep + "x.jpg", ""},
		{root, root + sep + "." + sep + "a.jpg", ""},
		{".", filepath.Join("content", "cases", "x", "a.jpg"), "content/cases/x/a.jpg"},
		{".", filepath.Join("..", "a.jpg"), ""},
	} {
		r := &Record{root: filepath.Clean(c.root)}
		if got := r.name(c.p); got != c.want {
			t.Errorf("root %q, %q: %q, want %q", c.root, c.p, got, c.want)
		}
	}
}
