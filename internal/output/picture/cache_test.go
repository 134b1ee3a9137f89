package picture

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/content"
	"github.com/qingdan/qingdan/internal/filecache"
)

// cacheSite is a site folder with a 900 × 600 photo shown by one case,
// and the set of documents showing it with copies 200 and 400 wide.
func cacheSite(t *testing.T) (site, photoPath string, vs []content.Variant, docs *content.Set) {
	t.Helper()
	site = t.TempDir()
	photoPath = filepath.Join(site, "a.jpg")
	write(t, photoPath, photo(900, 600, 5))
	vs = copies(photoPath, 900, 600, 1, 200, 400)
	for i := range vs {
		vs[i].To = "cases/a/" + vs[i].To
	}
	pic := content.Picture{To: "cases/a/a.jpg", W: 900, H: 600, Variants: vs}
	return site, photoPath, vs, &content.Set{Cases: []*content.Doc{{Pictures: []content.Picture{pic}}}}
}

// TestCache: copies made are kept in the site's CacheDir; a later build
// takes them from there without the photo (it is not decoded again), the
// same bytes; a file of the wrong size under a copy's name is made again.
func TestCache(t *testing.T) {
	site, photoPath, vs, docs := cacheSite(t)
	want, err := Make(vs)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range Files(docs, NewCache(site), nil) {
		if err := f.Write(new(bytes.Buffer)); err != nil {
			t.Fatal(err)
		}
	}
	kept := func(v content.Variant) string {
		return filepath.Join(site, filepath.FromSlash(CacheDir), filepath.FromSlash(v.To))
	}
	for _, v := range vs {
		if b, err := os.ReadFile(kept(v)); err != nil || !bytes.Equal(b, want[v.To]) {
			t.Fatalf("%s: not kept as made (%v)", v.To, err)
		}
	}

	if err := os.Remove(photoPath); err != nil {
		t.Fatal(err)
	}
	for _, f := range Files(docs, NewCache(site), nil) {
		var b bytes.Buffer
		if err := f.Write(&b); err != nil {
			t.Fatalf("%s with its photo gone: %v", f.Name, err)
		}
		if !bytes.Equal(b.Bytes(), want[f.Name]) {
			t.Errorf("%s: not the bytes made", f.Name)
		}
	}

	// A picture of another size under a copy's name is not taken.
	write(t, photoPath, photo(900, 600, 5))
	write(t, kept(vs[0]), photo(300, 200, 1))
	var b bytes.Buffer
	if err := Files(docs, NewCache(site), nil)[0].Write(&b); err != nil || !bytes.Equal(b.Bytes(), want[vs[0].To]) {
		t.Errorf("a wrong file under %s was taken (%v)", vs[0].To, err)
	}
	if b, _ := os.ReadFile(kept(vs[0])); !bytes.Equal(b, want[vs[0].To]) {
		t.Errorf("the wrong file under %s was not replaced", vs[0].To)
	}
}

// TestCachePrune: a build's Prune removes what its pages do not name and
// the folders that leaves empty, and nothing else in the site folder.
func TestCachePrune(t *testing.T) {
	site, _, vs, docs := cacheSite(t)
	c := NewCache(site)
	for _, f := range Files(docs, c, nil) {
		f.Write(new(bytes.Buffer))
	}
	dir := filepath.Join(site, filepath.FromSlash(CacheDir))
	stale := []string{filepath.Join(dir, "cases", "old", "b.200w.00000000.jpg"), filepath.Join(dir, "cases", "a", ".tmp-123")}
	for _, p := range stale {
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	c.Prune()
	for _, v := range vs {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(v.To))); err != nil {
			t.Errorf("%s named by the build was pruned", v.To)
		}
	}
	for _, p := range append(stale, filepath.Join(dir, "cases", "old")) {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s left", p)
		}
	}

	// A site that no longer shows the photo: all of the cache goes, and
	// resources/ with it unless something else is in it.
	NewCache(site).Prune()
	if _, err := os.Stat(filepath.Join(site, "resources")); !os.IsNotExist(err) {
		t.Errorf("an empty resources/ left (%v)", err)
	}
	for _, f := range Files(docs, NewCache(site), nil) {
		f.Write(new(bytes.Buffer))
	}
	own := filepath.Join(site, "resources", "notes.txt")
	os.WriteFile(own, []byte("mine"), 0o644)
	NewCache(site).Prune()
	if _, err := os.Stat(own); err != nil {
		t.Errorf("a file of the site's own in resources/ was removed")
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the emptied cache folder left (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(site, "a.jpg")); err != nil {
		t.Errorf("the photo was removed")
	}
}

// TestCacheLinked: a cache folder reached through a symbolic link is
// neither read nor written nor pruned: it leads out of the site folder.
func TestCacheLinked(t *testing.T) {
	site, _, vs, docs := cacheSite(t)
	elsewhere := t.TempDir()
	planted := filepath.Join(elsewhere, "_gen", "images", filepath.FromSlash(vs[0].To))
	os.MkdirAll(filepath.Dir(planted), 0o755)
	write(t, planted, photo(vs[0].W, vs[0].H, 9))
	if err := os.Symlink(elsewhere, filepath.Join(site, "resources")); err != nil {
		t.Fatal(err)
	}
	want, _ := Make(vs)
	c := NewCache(site)
	for _, f := range Files(docs, c, nil) {
		var b bytes.Buffer
		if err := f.Write(&b); err != nil || !bytes.Equal(b.Bytes(), want[f.Name]) {
			t.Errorf("%s: taken from outside the site (%v)", f.Name, err)
		}
	}
	c.Prune()
	if _, err := os.Stat(planted); err != nil {
		t.Errorf("a file outside the site was pruned")
	}
	if _, err := os.Stat(filepath.Join(elsewhere, "_gen", "images", filepath.FromSlash(vs[1].To))); err == nil {
		t.Errorf("a copy was written outside the site")
	}
}

// TestCacheKnown: a kept copy the record of the site's files holds a sum
// of is listed as a copy of its kept file (output.File.From), unless the
// cache is ignored; one it does not know is not. A symbolic link under a
// copy's name is not followed: the copy is made again. (That a copy taken
// from the cache is noted, and then copied unread: build's
// TestKnownCopies.)
func TestCacheKnown(t *testing.T) {
	site, _, vs, docs := cacheSite(t)
	want, err := Make(vs)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range Files(docs, NewCache(site), nil) {
		if f.From != "" {
			t.Errorf("%s: a copy of %s with no record", f.Name, f.From)
		}
		f.Write(new(bytes.Buffer)) // kept
	}
	keptAt := func(v content.Variant) string {
		return filepath.Join(site, filepath.FromSlash(CacheDir), filepath.FromSlash(v.To))
	}
	// A record (as a build wrote it) that knows the first copy only.
	fi, err := os.Stat(keptAt(vs[0]))
	if err != nil {
		t.Fatal(err)
	}
	line := fmt.Sprintf("%q\t%d\t%d\t0\t%s\t\"\"\n", CacheDir+"/"+vs[0].To, fi.Size(), fi.ModTime().UnixNano(), strings.Repeat("ab", 32))
	os.WriteFile(filepath.Join(site, filepath.FromSlash(filecache.File)), []byte("qingdan-files 1 \"v\"\n"+line), 0o644)
	known := filecache.Open(site, "v")
	for _, f := range Files(docs, NewCache(site), known) {
		if wantFrom := map[bool]string{true: keptAt(vs[0])}[f.Name == vs[0].To]; f.From != wantFrom {
			t.Errorf("%s: From %q, want %q", f.Name, f.From, wantFrom)
		}
	}
	c := NewCache(site)
	c.Ignore()
	for _, f := range Files(docs, c, known) {
		if f.From != "" {
			t.Errorf("%s: a copy of %s though the cache is ignored", f.Name, f.From)
		}
	}

	// A symbolic link under a copy's name, to a picture of its size
	// elsewhere: not taken.
	elsewhere := filepath.Join(t.TempDir(), "other.jpg")
	write(t, elsewhere, photo(vs[0].W, vs[0].H, 9))
	os.Remove(keptAt(vs[0]))
	if err := os.Symlink(elsewhere, keptAt(vs[0])); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Files(docs, NewCache(site), nil)[0].Write(&b); err != nil || !bytes.Equal(b.Bytes(), want[vs[0].To]) {
		t.Errorf("a copy was taken through a symbolic link (%v)", err)
	}

	// The copies' folder a symbolic link to a folder elsewhere holding a
	// picture of the first one's size: not taken, and nothing written
	// there.
	os.Remove(keptAt(vs[0]))
	folder := filepath.Dir(keptAt(vs[0]))
	os.RemoveAll(folder)
	outside := t.TempDir()
	write(t, filepath.Join(outside, filepath.Base(keptAt(vs[0]))), photo(vs[0].W, vs[0].H, 9))
	if err := os.Symlink(outside, folder); err != nil {
		t.Fatal(err)
	}
	for _, f := range Files(docs, NewCache(site), nil) {
		var b bytes.Buffer
		if err := f.Write(&b); err != nil || !bytes.Equal(b.Bytes(), want[f.Name]) {
			t.Errorf("%s: taken through a linked folder (%v)", f.Name, err)
		}
	}
	if es, _ := os.ReadDir(outside); len(es) != 1 {
		t.Errorf("copies kept through a linked folder: %d files there", len(es))
	}
}
