package render

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/qingdan/qingdan/internal/output"
)

// keepWriter is a writer that holds some files from the output it
// replaces (as publish.Tx does) and records what is put.
type keepWriter struct {
	held map[string]bool
	put  map[string]string
}

func (w *keepWriter) Keep(name string) bool { return w.held[name] }
func (w *keepWriter) Put(name string, b []byte) error {
	w.put[name] = string(b)
	return nil
}
func (w *keepWriter) Write(name string, b []byte) error { return w.Put(name, b) }
func (w *keepWriter) Create(name string) (io.WriteCloser, error) {
	return nil, errors.New("no streams")
}

// TestWriteKeeps: a file marked Reuse that the writer still holds is not
// made at all (a picture's copy is not decoded and scaled again); one it
// does not hold, and any file not marked, is made and put.
func TestWriteKeeps(t *testing.T) {
	w := &keepWriter{held: map[string]bool{"a.720w.1234abcd.jpg": true, "page.html": true}, put: map[string]string{}}
	made := map[string]bool{}
	file := func(name string, reuse bool) output.File {
		return output.File{Name: name, Reuse: reuse, Write: func(out io.Writer) error {
			made[name] = true
			_, err := io.WriteString(out, name)
			return err
		}}
	}
	var buf bytes.Buffer
	for _, f := range []output.File{file("a.720w.1234abcd.jpg", true), file("b.720w.5678abcd.jpg", true), file("page.html", false)} {
		if err := write(w, f, &buf, nil); err != nil {
			t.Fatal(err)
		}
	}
	if made["a.720w.1234abcd.jpg"] || w.put["a.720w.1234abcd.jpg"] != "" {
		t.Error("a copy the writer holds was made again")
	}
	if !made["b.720w.5678abcd.jpg"] || w.put["b.720w.5678abcd.jpg"] == "" {
		t.Error("a copy the writer does not hold was not made")
	}
	if !made["page.html"] || w.put["page.html"] != "page.html" {
		t.Error("a file not marked Reuse was kept")
	}
}

// TestWriteOrder: the files marked Early are handed out first, then the
// pictures' copies (Reuse), then the others, each in the order listed, the
// files copied from the site dealt in evenly among the ones made, except
// that a copy into a folder a page is made into follows the folder's
// first page.
func TestWriteOrder(t *testing.T) {
	var files []output.File
	for _, n := range []string{"a/index.html", "b/index.html", "search/index.js", "a/p.720w.1234abcd.jpg", "c/index.html", "data/projects.xlsx",
		"q.720w.5678abcd.jpg", "c/more.html", "d/index.html", "a/p.360w.1234abcd.jpg", "e/index.html", "f/index.html",
		"a/p.jpg", "c/r.jpg", "c/s.jpg", "q.png", "z.css"} {
		f := output.File{Name: n, Early: n == "search/index.js" || n == "data/projects.xlsx", Reuse: strings.Contains(n, "w.")}
		if !f.Reuse && !strings.HasSuffix(n, ".html") && !f.Early {
			f.From = "static/" + n
		}
		files = append(files, f)
	}
	var got []string
	for _, f := range writeOrder(files) {
		got = append(got, f.Name)
	}
	want := []string{"search/index.js", "data/projects.xlsx", "a/p.720w.1234abcd.jpg", "q.720w.5678abcd.jpg", "a/p.360w.1234abcd.jpg",
		"a/index.html", "a/p.jpg", "b/index.html", "q.png", "c/index.html", "c/r.jpg", "c/s.jpg", "c/more.html", "d/index.html",
		"z.css", "e/index.html", "f/index.html"}
	if !slices.Equal(got, want) {
		t.Errorf("got  %v,\nwant %v", got, want)
	}
}

// TestDeal: the merge keeps each list's order and spreads the shorter
// evenly, whichever is longer, and takes either list empty.
func TestDeal(t *testing.T) {
	list := func(s string) []output.File {
		var fs []output.File
		for _, c := range s {
			fs = append(fs, output.File{Name: string(c)})
		}
		return fs
	}
	for _, c := range []struct{ a, b, want string }{
		{"abcdef", "XYZ", "aXbcYdeZf"},
		{"abc", "X", "abXc"},
		{"a", "XYZ", "XaYZ"},
		{"ab", "XY", "aXbY"},
		{"", "XY", "XY"},
		{"ab", "", "ab"},
		{"", "", ""},
	} {
		var got string
		for _, f := range deal(list(c.a), list(c.b)) {
			got += f.Name
		}
		if got != c.want {
			t.Errorf("deal(%q, %q) = %q, want %q", c.a, c.b, got, c.want)
		}
	}
}

// TestPeakPhase: Site.Peak is called once, before any file is made, and
// what it returns once the last file marked Peak is written (after that
// file's own Done), not before, and not after the other files marked Early
// (the workbook, which may take long after the index is let go); or when
// Write stops first (finish).
func TestPeakPhase(t *testing.T) {
	var log []string
	file := func(name string, early, peak bool) output.File {
		f := output.File{Name: name, Early: early, Peak: peak, Write: func(out io.Writer) error {
			log = append(log, "make "+name)
			_, err := io.WriteString(out, name)
			return err
		}}
		if peak {
			f.Done = func() { log = append(log, "done "+name) }
		}
		return f
	}
	list := []output.File{file("a.html", false, false), file("search/t/0.js", true, true), file("search/index.js", true, true),
		file("b.html", false, false), file("data/projects.xlsx", true, false)}
	s := &Site{Peak: func() func() {
		log = append(log, "peak")
		return func() { log = append(log, "peak over") }
	}}
	w := &keepWriter{held: map[string]bool{}, put: map[string]string{}}
	order := writeOrder(list)
	slices.SortStableFunc(order[:3], func(a, b output.File) int { return strings.Compare(a.Name, b.Name) }) // as Write has them
	files, finish := s.early(order)
	// The workbook, handed out first, is written last, as one core makes
	// it while the others make the index's files.
	files = append(append(slices.Clone(files[1:3]), files[0]), files[3:]...)
	var buf bytes.Buffer
	for _, f := range files {
		if err := write(w, f, &buf, nil); err != nil {
			t.Fatal(err)
		}
	}
	finish()
	want := []string{"peak", "make search/index.js", "done search/index.js", "make search/t/0.js", "done search/t/0.js",
		"peak over", "make data/projects.xlsx", "make a.html", "make b.html"}
	if !slices.Equal(log, want) {
		t.Errorf("got %q,\nwant %q", log, want)
	}
	// Stopped after the first file: finish ends the phase, once.
	log = nil
	files, finish = s.early(order)
	if err := write(w, files[0], &buf, nil); err != nil {
		t.Fatal(err)
	}
	finish()
	finish()
	want = []string{"peak", "make data/projects.xlsx", "peak over"}
	if !slices.Equal(log, want) {
		t.Errorf("stopped: got %q,\nwant %q", log, want)
	}
	// Without Peak, or without files marked Peak (the workbook alone), the
	// files are as given.
	for _, s := range []*Site{{}, s} {
		log = nil
		plain := []output.File{file("data/projects.xlsx", true, false), file("a.html", false, false)}
		files, finish = s.early(plain)
		finish()
		if len(files) != 2 || files[0].Done != nil || files[1].Done != nil || len(log) != 0 {
			t.Errorf("files not marked Peak changed: %d files, %q", len(files), log)
		}
	}
}

// copyWriter is a keepWriter that also copies files on disk (as publish.Tx
// does in a rebuild): it takes a copy named in copied for unchanged, and
// records whether Keep and Copied were asked.
type copyWriter struct {
	keepWriter
	copied map[string]bool
	asked  []string
}

func (w *copyWriter) Keep(name string) bool {
	w.asked = append(w.asked, "keep "+name)
	return w.keepWriter.Keep(name)
}
func (w *copyWriter) Replacing() bool { return true }
func (w *copyWriter) Copied(name string, _ os.FileInfo) bool {
	w.asked = append(w.asked, "copied "+name)
	return w.copied[name]
}
func (w *copyWriter) CopyKnown(string, string, os.FileInfo, [32]byte, time.Time) bool { return false }
func (w *copyWriter) PutCopy(name, _ string, _ os.FileInfo, b []byte, _ [32]byte, _ time.Time) error {
	return w.Put(name, b)
}

// TestWriteKeptCopy: a picture's copy listed as a copy of its kept file
// (From: the record knows that file) is taken by its size and time as any
// copied file is, before Keep would read the output's one to check it;
// not taken so, it is kept (Keep) or made, never read as the kept file by
// the generic copy (its bytes may have to be made).
func TestWriteKeptCopy(t *testing.T) {
	dir := t.TempDir()
	kept := filepath.Join(dir, "a.720w.1234abcd.jpg")
	if err := os.WriteFile(kept, []byte("kept"), 0o644); err != nil {
		t.Fatal(err)
	}
	w := &copyWriter{keepWriter: keepWriter{held: map[string]bool{"b.720w.5678abcd.jpg": true}, put: map[string]string{}},
		copied: map[string]bool{"a.720w.1234abcd.jpg": true}}
	made := map[string]bool{}
	file := func(name string) output.File {
		return output.File{Name: name, Reuse: true, From: kept, Write: func(out io.Writer) error {
			made[name] = true
			_, err := io.WriteString(out, "made")
			return err
		}}
	}
	var buf bytes.Buffer
	for _, name := range []string{"a.720w.1234abcd.jpg", "b.720w.5678abcd.jpg", "c.720w.9abcabcd.jpg"} {
		if err := write(w, file(name), &buf, nil); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"copied a.720w.1234abcd.jpg", "copied b.720w.5678abcd.jpg", "keep b.720w.5678abcd.jpg",
		"copied c.720w.9abcabcd.jpg", "keep c.720w.9abcabcd.jpg"}
	if !slices.Equal(w.asked, want) {
		t.Errorf("asked %q, want %q", w.asked, want)
	}
	if made["a.720w.1234abcd.jpg"] || made["b.720w.5678abcd.jpg"] || !made["c.720w.9abcabcd.jpg"] || w.put["c.720w.9abcabcd.jpg"] != "made" {
		t.Errorf("made %v, put %v: want only c made and put", made, w.put)
	}
}
