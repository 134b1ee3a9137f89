package build

import (
	"bytes"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/qingdan/qingdan/internal/filecache"
	"github.com/qingdan/qingdan/internal/output/picture"
)

// photoSite is a site with one case showing a wide photo next to it and a
// narrow one, and a wide cover under static/.
func photoSite(t *testing.T) string {
	t.Helper()
	src := site{
		"qingdan.toml": "title = \"图片\"\nbase_url = \"https://dj.example.gov.cn/\"\n",
		"content/cases/tea/index.md": "---\ntitle: 茶园\ndate: 2022-06-01\ncover: images/cover.jpg\ncaption: 茶园全景\n---\n" +
			"![采茶](tea.jpg)\n\n![小图](small.jpg)\n",
	}.write(t)
	for _, f := range []struct {
		name string
		w, h int
	}{{"static/images/cover.jpg", 1600, 900}, {"content/cases/tea/tea.jpg", 1300, 800}, {"content/cases/tea/small.jpg", 640, 480}} {
		m := image.NewRGBA(image.Rect(0, 0, f.w, f.h))
		for i := range m.Pix {
			m.Pix[i] = uint8(i * 7 / 5)
		}
		var b bytes.Buffer
		if err := jpeg.Encode(&b, m, nil); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(src, filepath.FromSlash(f.name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return src
}

// TestPictureCopies: a build writes the copies its pages' srcsets name,
// and no others (none of the narrow picture); two builds give the same
// bytes; a rebuild into the same folder keeps each copy from the output it
// replaces (the same file, linked) instead of making it again.
func TestPictureCopies(t *testing.T) {
	src := photoSite(t)
	first := buildOK(t, src, Options{})
	sameTrees(t, "second build", first, buildOK(t, src, Options{}))

	copyRE := regexp.MustCompile(`\.(\d+)w\.[0-9a-f]{8}\.jpg$`)
	var copies []string
	for name := range first {
		if copyRE.MatchString(name) {
			copies = append(copies, name)
		}
	}
	slices.Sort(copies)
	if len(copies) != 7 || strings.Contains(strings.Join(copies, " "), "small.") {
		t.Fatalf("copies %v, want 4 of the cover and 3 of the photo", copies)
	}
	page := string(first["cases/tea/index.html"])
	for _, c := range copies {
		if !strings.Contains(page, filepath.Base(c)) {
			t.Errorf("the case page does not name %s", c)
		}
		m, _, err := image.Decode(bytes.NewReader(first[c]))
		if err != nil {
			t.Fatalf("%s: %v", c, err)
		}
		if w := copyRE.FindStringSubmatch(c)[1]; w != strconv.Itoa(m.Bounds().Dx()) {
			t.Errorf("%s is %d pixels wide", c, m.Bounds().Dx())
		}
	}

	out := filepath.Join(t.TempDir(), "public")
	build := func() { t.Helper(); buildTo(t, src, out) }
	stat := func() map[string]os.FileInfo {
		t.Helper()
		m := map[string]os.FileInfo{}
		for _, c := range copies {
			fi, err := os.Stat(filepath.Join(out, filepath.FromSlash(c)))
			if err != nil {
				t.Fatal(err)
			}
			m[c] = fi
		}
		return m
	}
	// Settled: the copies the builds above kept in resources/_gen/images,
	// and the pictures, are recorded by the next build only when they last
	// changed two seconds or more before it began (as a user's are); the
	// test passed or failed by how fast the builds above ran.
	time.Sleep(2100 * time.Millisecond)
	build()
	before := stat()
	// A copy spoilt in the output since the build is made again.
	spoilt := filepath.Join(out, filepath.FromSlash(copies[0]))
	os.WriteFile(spoilt, []byte("not a picture"), 0o644)
	os.Chtimes(spoilt, before[copies[0]].ModTime(), before[copies[0]].ModTime())
	build()
	after := stat()
	for _, c := range copies[1:] {
		if !os.SameFile(before[c], after[c]) {
			t.Errorf("%s was written again, not kept", c)
		}
	}
	if b, _ := os.ReadFile(spoilt); !bytes.Equal(b, first[copies[0]]) {
		t.Errorf("a spoilt copy was kept")
	}
}

// TestPictureCache: the copies a build makes are kept in the site's
// resources/_gen/images, and a build into an empty folder takes them from
// there (a copy of the right size put there instead is what it publishes:
// nothing was decoded); a build whose pages no longer show a photo prunes
// its copies.
func TestPictureCache(t *testing.T) {
	src := photoSite(t)
	first := buildOK(t, src, Options{})
	cache := filepath.Join(src, filepath.FromSlash(picture.CacheDir))
	var copies []string
	for name := range first {
		if regexp.MustCompile(`\.\d+w\.[0-9a-f]{8}\.jpg$`).MatchString(name) {
			copies = append(copies, name)
			if b, err := os.ReadFile(filepath.Join(cache, filepath.FromSlash(name))); err != nil || !bytes.Equal(b, first[name]) {
				t.Errorf("%s: not kept in the cache (%v)", name, err)
			}
		}
	}
	if len(copies) != 7 {
		t.Fatalf("copies %v", copies)
	}

	slices.Sort(copies)
	m, _, err := image.Decode(bytes.NewReader(first[copies[0]]))
	if err != nil {
		t.Fatal(err)
	}
	marked := image.NewRGBA(m.Bounds())
	var mb bytes.Buffer
	jpeg.Encode(&mb, marked, nil)
	os.WriteFile(filepath.Join(cache, filepath.FromSlash(copies[0])), mb.Bytes(), 0o644)
	second := buildOK(t, src, Options{})
	if !bytes.Equal(second[copies[0]], mb.Bytes()) {
		t.Errorf("a build into an empty folder made %s again instead of taking it from the cache", copies[0])
	}
	if ignoring := buildOK(t, src, Options{IgnoreCache: true}); !bytes.Equal(ignoring[copies[0]], first[copies[0]]) {
		t.Errorf("a build with --ignore-cache took %s from the cache", copies[0])
	}
	if b, _ := os.ReadFile(filepath.Join(cache, filepath.FromSlash(copies[0]))); !bytes.Equal(b, first[copies[0]]) {
		t.Errorf("a build with --ignore-cache did not keep the copy it made of %s", copies[0])
	}
	os.RemoveAll(cache)
	sameTrees(t, "a build with no cache", first, buildOK(t, src, Options{}))

	os.WriteFile(filepath.Join(src, "content/cases/tea/index.md"), []byte("---\ntitle: 茶园\ndate: 2022-06-01\n---\n\n![小图](small.jpg)\n"), 0o644)
	os.Remove(filepath.Join(src, "static/images/cover.jpg"))
	buildOK(t, src, Options{})
	if _, err := os.Stat(filepath.Join(src, filepath.FromSlash(picture.CacheDir))); !os.IsNotExist(err) {
		t.Errorf("the copies of photos no page shows were not pruned (%v)", err)
	}
}

// TestCopiesKept: a rebuild into the same output keeps the pictures it
// copies as they are (a picture next to an article, a static file) from
// the output it replaces, without reading them, while they keep their size
// and time (from the third build on: the second stamps them with their
// sources' times); a picture replaced is copied again.
func TestCopiesKept(t *testing.T) {
	src := photoSite(t)
	// Settled, so that the builds record the files as a user's do (a file
	// changed less than two seconds before a build is not recorded): the
	// test does not depend on how fast it runs.
	time.Sleep(2100 * time.Millisecond)
	out := filepath.Join(t.TempDir(), "public")
	build := func() { t.Helper(); buildTo(t, src, out) }
	stat := func(name string) os.FileInfo {
		t.Helper()
		fi, err := os.Stat(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return fi
	}
	names := map[string]string{"cases/tea/small.jpg": "content/cases/tea/small.jpg", "images/cover.jpg": "static/images/cover.jpg"}
	// The first build (into an empty folder) leaves the copies' times
	// alone; the second, a rebuild, gives them their sources'.
	build()
	build()
	before := map[string]os.FileInfo{}
	for name, from := range names {
		before[name] = stat(name)
		sfi, _ := os.Stat(filepath.Join(src, filepath.FromSlash(from)))
		if !before[name].ModTime().Equal(sfi.ModTime()) {
			t.Errorf("%s has the time %v, not its source's %v", name, before[name].ModTime(), sfi.ModTime())
		}
	}
	build()
	for name := range names {
		if !os.SameFile(before[name], stat(name)) {
			t.Errorf("%s was copied again", name)
		}
	}
	// Not read: other bytes of the same size and time are taken for the
	// same picture (as rsync and make take them), unless the record of
	// the site's files saw it otherwise (its change time; see
	// TestKnownFilesRebuild). Without the record, as here (removed: a
	// build whose site folder cannot be written keeps none), the rule
	// is size and time alone.
	cover := filepath.Join(src, "static", "images", "cover.jpg")
	cfi, _ := os.Stat(cover)
	was, _ := os.ReadFile(cover)
	os.WriteFile(cover, make([]byte, len(was)), 0o644)
	os.Chtimes(cover, cfi.ModTime(), cfi.ModTime())
	os.Remove(filepath.Join(src, filepath.FromSlash(filecache.File)))
	build()
	if got, _ := os.ReadFile(filepath.Join(out, "images", "cover.jpg")); !bytes.Equal(got, was) {
		t.Errorf("a picture of the same size and time was read again")
	}
	os.WriteFile(cover, was, 0o644)
	os.Chtimes(cover, cfi.ModTime(), cfi.ModTime())
	// A picture replaced (another size) is copied again.
	small := filepath.Join(src, "content", "cases", "tea", "small.jpg")
	b, _ := os.ReadFile(small)
	os.WriteFile(small, append(b, 0), 0o644)
	build()
	if got, _ := os.ReadFile(filepath.Join(out, "cases", "tea", "small.jpg")); len(got) != len(b)+1 {
		t.Errorf("a replaced picture was kept (%d bytes)", len(got))
	}
}

// buildTo builds the site src into out, which it may replace, and fails
// the test on an error.
func buildTo(t *testing.T, src, out string) {
	t.Helper()
	r, err := Run(Options{Src: src, Out: out})
	if err != nil || r.Diags.Errors() > 0 {
		t.Fatalf("build: %v", err)
	}
}
