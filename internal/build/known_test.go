package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qingdan/qingdan/internal/filecache"
)

// TestKnownFiles: a build records the site's copied files in
// resources/_gen/files; the next build into an empty folder takes their
// sums from there instead of reading them (shown by a sum put in the
// record by hand, which the manifest then carries) and their pictures'
// sizes too (shown by a size put there), while each file has the size and
// times recorded; a picture replaced by other bytes of the same size with
// its old modification time (cp -p, touch -r) is read again (its change
// time moved), and so is one changed in any other way. --ignore-cache
// reads none of it and records afresh. serve reads the record and never
// writes it.
func TestKnownFiles(t *testing.T) {
	src := photoSite(t)
	// A file changed less than a moment before a build began is not
	// recorded (it could change again unseen): let the site settle.
	time.Sleep(2100 * time.Millisecond)
	first := buildOK(t, src, Options{})
	record := filepath.Join(src, filepath.FromSlash(filecache.File))
	b, err := os.ReadFile(record)
	if err != nil {
		t.Fatalf("no record: %v", err)
	}
	for _, name := range []string{"static/images/cover.jpg", "content/cases/tea/tea.jpg", "content/cases/tea/small.jpg"} {
		if !bytes.Contains(b, []byte(`"`+name+`"`)) {
			t.Errorf("%s not in the record:\n%s", name, b)
		}
	}
	sameTrees(t, "a build with the record", first, buildOK(t, src, Options{}))

	// Another sum and size for small.jpg, its times as they are: taken
	// unread.
	fake := strings.Repeat("ab", 32)
	var lines []string
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Split(line, "\t"); len(f) == 6 && f[0] == `"content/cases/tea/small.jpg"` {
			f[4], f[5] = fake, `"320 240 1 -"`
			line = strings.Join(f, "\t")
		}
		lines = append(lines, line)
	}
	if err := os.WriteFile(record, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	trusted := buildOK(t, src, Options{})
	if !bytes.Contains(trusted["manifest.sha256"], []byte(fake+"  cases/tea/small.jpg\n")) {
		t.Errorf("the recorded sum was not taken:\n%s", trusted["manifest.sha256"])
	}
	if !bytes.Contains(trusted["cases/tea/index.html"], []byte(`width="320" height="240"`)) {
		t.Errorf("the recorded size was not taken")
	}
	if !bytes.Equal(trusted["cases/tea/small.jpg"], first["cases/tea/small.jpg"]) {
		t.Error("the copy is not the file's bytes")
	}

	// --ignore-cache takes nothing from it, and records what it read
	// instead: the next build has the true sum and size again.
	ignoring := buildOK(t, src, Options{IgnoreCache: true})
	sameTrees(t, "a build ignoring the record", first, ignoring)
	if b, _ := os.ReadFile(record); bytes.Contains(b, []byte(fake)) {
		t.Errorf("--ignore-cache left the record as it was:\n%s", b)
	}
	sameTrees(t, "a build after one ignoring the record", first, buildOK(t, src, Options{}))
	if err := os.WriteFile(record, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}

	// serve (a Builder) takes what the record knows too, and never
	// writes it.
	saved, _ := os.ReadFile(record)
	o := Options{Src: src}
	served := files(t, NewBuilder().Check(o), o)
	if !bytes.Contains(served["cases/tea/index.html"], []byte(`width="320" height="240"`)) {
		t.Errorf("serve did not take the recorded size")
	}
	if now, _ := os.ReadFile(record); !bytes.Equal(now, saved) {
		t.Error("serve wrote the record")
	}

	// small.jpg replaced by other bytes of its size, its old time given back.
	p := filepath.Join(src, "content", "cases", "tea", "small.jpg")
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	other := bytes.Clone(first["cases/tea/small.jpg"])
	other[len(other)-3] ^= 0xff // in the entropy-coded data: still a JPEG of its size
	if err := os.WriteFile(p, other, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	again := buildOK(t, src, Options{})
	sum := sha256.Sum256(other)
	if !bytes.Contains(again["manifest.sha256"], []byte(hex.EncodeToString(sum[:])+"  cases/tea/small.jpg\n")) {
		t.Errorf("the replaced picture's old sum was kept:\n%s", again["manifest.sha256"])
	}
	if !bytes.Equal(again["cases/tea/small.jpg"], other) {
		t.Error("the replaced picture's old bytes were published")
	}
	if !bytes.Contains(again["cases/tea/index.html"], []byte(`width="640" height="480"`)) {
		t.Errorf("the replaced picture's recorded size was kept")
	}
}

// TestKnownFilesRebuild: a build gives each copy its source's time, and a
// rebuild into the output it replaces, the first one too, links a copied
// file of the same size and time from there unread (as rsync, and
// Hugo's static files, take such a file to be the same), unless the record
// saw the file otherwise: a picture replaced by other bytes of its size,
// its old modification time given back (cp -p, touch -r), has a new
// change time, and its new bytes are published.
func TestKnownFilesRebuild(t *testing.T) {
	src := photoSite(t)
	time.Sleep(2100 * time.Millisecond) // settled, so that the build records the files
	out := filepath.Join(t.TempDir(), "public")
	build := func() map[string][]byte {
		t.Helper()
		r, err := Run(Options{Src: src, Out: out})
		if err != nil || r.Diags.Len() > 0 {
			t.Fatalf("build: %v %d findings", err, r.Diags.Len())
		}
		return tree(t, out)
	}
	first := build()
	// A build into an empty folder gives each copy its source's time, so
	// that the first rebuild already links them.
	small := filepath.Join(out, "cases", "tea", "small.jpg")
	before, _ := os.Stat(small)
	if fi, _ := os.Stat(filepath.Join(src, "content", "cases", "tea", "small.jpg")); !before.ModTime().Equal(fi.ModTime()) {
		t.Errorf("the first build's copy has the time %v, its source %v", before.ModTime(), fi.ModTime())
	}
	sameTrees(t, "a rebuild", first, build())
	if after, _ := os.Stat(small); !os.SameFile(before, after) {
		t.Error("an unchanged picture was written again by the first rebuild, not linked from the output replaced")
	}

	p := filepath.Join(src, "content", "cases", "tea", "small.jpg")
	fi, _ := os.Stat(p)
	other := bytes.Clone(first["cases/tea/small.jpg"])
	other[len(other)-3] ^= 0xff // still a JPEG of its size
	if err := os.WriteFile(p, other, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	again := build()
	if !bytes.Equal(again["cases/tea/small.jpg"], other) {
		t.Error("the replaced picture's old bytes were kept")
	}
	sum := sha256.Sum256(other)
	if !bytes.Contains(again["manifest.sha256"], []byte(hex.EncodeToString(sum[:])+"  cases/tea/small.jpg\n")) {
		t.Errorf("the replaced picture's old sum was kept:\n%s", again["manifest.sha256"])
	}
	// Recorded afresh (after settling): linked again the time after.
	time.Sleep(2100 * time.Millisecond)
	build()
	before, _ = os.Stat(small)
	sameTrees(t, "a rebuild after the change", again, build())
	if after, _ := os.Stat(small); !os.SameFile(before, after) {
		t.Error("the replaced picture, recorded again, was written again, not linked")
	}
}

// TestKnownCopies: a smaller copy of a picture kept in the site's
// resources/_gen/images is read by the first build that takes it from
// there, which records its sum as it does a picture's beside an article,
// and the builds after copy it unread: shown by a sum put in the record by
// hand, which the manifest then carries beside the kept copy's bytes. A
// kept copy replaced by hand (another change time) is read again, made
// again when it is not the copy it should be; --ignore-cache takes nothing
// from the record or the kept copies.
func TestKnownCopies(t *testing.T) {
	src := photoSite(t)
	first := buildOK(t, src, Options{}) // makes the copies, and keeps them
	// Settled, so that the copies kept are recorded once read.
	time.Sleep(2100 * time.Millisecond)
	sameTrees(t, "a build taking the kept copies", first, buildOK(t, src, Options{}))
	record := filepath.Join(src, filepath.FromSlash(filecache.File))
	b, err := os.ReadFile(record)
	if err != nil {
		t.Fatal(err)
	}
	const kept = "resources/_gen/images/"
	fake := strings.Repeat("cd", 32)
	var name, name2 string // the site's names of the copy given the fake sum, and of another
	var lines []string
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Split(line, "\t"); len(f) == 6 && strings.HasPrefix(f[0], `"`+kept) {
			if name == "" {
				name = strings.TrimSuffix(strings.TrimPrefix(f[0], `"`+kept), `"`)
				f[4] = fake
				line = strings.Join(f, "\t")
			} else {
				name2 = strings.TrimSuffix(strings.TrimPrefix(f[0], `"`+kept), `"`)
			}
		}
		lines = append(lines, line)
	}
	if name2 == "" {
		t.Fatalf("not two kept copies in the record:\n%s", b)
	}
	if err := os.WriteFile(record, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	trusted := buildOK(t, src, Options{})
	if !bytes.Contains(trusted["manifest.sha256"], []byte(fake+"  "+name+"\n")) {
		t.Errorf("%s was read, not copied as recorded:\n%s", name, trusted["manifest.sha256"])
	}
	if !bytes.Equal(trusted[name], first[name]) {
		t.Errorf("%s: not the kept copy's bytes", name)
	}
	// Rebuilt into the output it replaces, twice (the first rebuild gives
	// the copies their kept files' times, the second links them from the
	// output replaced by those): the record still knows the kept copies,
	// so that a build into an empty folder after copies them unread too.
	out := filepath.Join(t.TempDir(), "public")
	buildTo(t, src, out)
	buildTo(t, src, out)
	buildTo(t, src, out)
	if b, _ := os.ReadFile(record); !bytes.Contains(b, []byte(`"`+kept+name2+`"`)) {
		t.Errorf("a rebuild dropped %s from the record:\n%s", kept+name2, b)
	}
	sameTrees(t, "a build ignoring the record", first, buildOK(t, src, Options{IgnoreCache: true}))

	// The kept copy replaced by other bytes of its size, its time given
	// back: not the copy (not a picture at all), so made again.
	if err := os.WriteFile(record, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(src, filepath.FromSlash(kept+name))
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, make([]byte, fi.Size()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	sameTrees(t, "a build after a kept copy was replaced", first, buildOK(t, src, Options{}))
	if got, _ := os.ReadFile(p); !bytes.Equal(got, first[name]) {
		t.Errorf("the replaced kept copy was not made again")
	}
}
