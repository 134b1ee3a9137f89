package main

import (
	"bytes"
	"image"
	"image/jpeg"
	_ "image/png"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/qingdan/qingdan/internal/build"
	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/slug"
)

// generate writes a site of the named scale into a new folder.
func generate(t *testing.T, hugo bool, seed uint64, args ...string) (dir, hugoDir string) {
	t.Helper()
	sc, err := scaleOf(args)
	if err != nil {
		t.Fatal(err)
	}
	dir = filepath.Join(t.TempDir(), "site")
	if hugo {
		hugoDir = filepath.Join(t.TempDir(), "hugo")
	}
	if _, err := Generate(Options{Dir: dir, Hugo: hugoDir, Seed: seed, Scale: sc}); err != nil {
		t.Fatal(err)
	}
	return dir, hugoDir
}

// tree reads every file under dir.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestDeterministic(t *testing.T) {
	a, ah := generate(t, true, 1, "articles", "5")
	b, bh := generate(t, true, 1, "articles", "5")
	for _, pair := range [][2]string{{a, b}, {ah, bh}} {
		x, y := tree(t, pair[0]), tree(t, pair[1])
		if len(x) != len(y) {
			t.Errorf("%d files, then %d", len(x), len(y))
		}
		for name, data := range x {
			if !bytes.Equal(data, y[name]) {
				t.Errorf("%s differs between two runs", name)
			}
		}
	}
	c, _ := generate(t, false, 2, "articles", "5")
	if x, y := tree(t, a), tree(t, c); bytes.Equal(x["data/projects.csv"], y["data/projects.csv"]) {
		t.Error("seeds 1 and 2 gave the same projects")
	}
}

// TestChunks: projects and readings made in many chunks on several cores
// come out in the same order as on one, and the readings follow the
// projects.
func TestChunks(t *testing.T) {
	sc := Scale{Name: "test", Orgs: 300, Projects: 5 * chunk, Readings: 60 * chunk, Tasks: 40}
	write := func(procs int) map[string][]byte {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		dir := filepath.Join(t.TempDir(), "site")
		if _, err := Generate(Options{Dir: dir, Seed: 7, Scale: sc}); err != nil {
			t.Fatal(err)
		}
		return tree(t, dir)
	}
	one, many := write(1), write(4)
	for _, name := range []string{"data/orgs.csv", "data/projects.csv", "data/progress.csv"} {
		if !bytes.Equal(one[name], many[name]) {
			t.Errorf("%s differs between one core and four", name)
		}
	}
	var ids []string
	for _, line := range strings.Split(string(one["data/projects.csv"]), "\n")[1:] {
		if id, _, ok := strings.Cut(line, ","); ok {
			ids = append(ids, id)
		}
	}
	if len(ids) != sc.Projects {
		t.Errorf("%d projects, want %d", len(ids), sc.Projects)
	}
	next := 0
	for _, line := range strings.Split(string(one["data/progress.csv"]), "\n")[1:] {
		id, _, ok := strings.Cut(line, ",")
		if !ok {
			continue
		}
		for next < len(ids) && ids[next] != id {
			next++
		}
		if next == len(ids) {
			t.Fatalf("reading of %s out of order", id)
		}
	}
}

// TestValid: the tiny scale passes the build's own checks, with no
// warning, and every status occurs.
func TestValid(t *testing.T) {
	dir, _ := generate(t, false, 1, "tiny")
	r := build.Check(build.Options{Src: dir})
	if r.Diags.Len() > 0 {
		var b strings.Builder
		r.Diags.Print(&b, "en")
		t.Fatalf("generated site has problems:\n%s", b.String())
	}
	if r.Site == nil {
		t.Fatal("no site")
	}
	st := r.Site.Total.Status
	for s, n := range st {
		if n == 0 {
			t.Errorf("no project is %s: %v", model.Status(s), st)
		}
	}
	if len(r.Site.Orgs) != 30 || len(r.Site.Projects) != 200 || len(r.Docs.Cases) != 10 {
		t.Errorf("%d orgs, %d projects, %d cases; want 30, 200, 10", len(r.Site.Orgs), len(r.Site.Projects), len(r.Docs.Cases))
	}
}

var (
	imageRe   = regexp.MustCompile(`!\[([^\]]+)\]\(([^ )]+) "([^"]+)"\)`)
	headingRe = regexp.MustCompile(`(?m)^## \S`)
)

type front struct {
	Title   string
	Date    time.Time
	Column  string
	Authors []string
	Orgs    []string
	Tags    []string
}

// TestArticles checks each article: front matter, tags, length, headings,
// list, table and two pictures that exist and decode.
func TestArticles(t *testing.T) {
	dir, hugo := generate(t, true, 1, "articles", "12")
	orgs, err := os.ReadFile(filepath.Join(dir, "data", "orgs.csv"))
	if err != nil {
		t.Fatal(err)
	}
	cases, err := os.ReadDir(filepath.Join(dir, "content", "cases"))
	if err != nil || len(cases) != 12 {
		t.Fatalf("%d articles (%v), want 12", len(cases), err)
	}
	for _, e := range cases {
		name := e.Name()
		bundle := filepath.Join(dir, "content", "cases", name)
		md, err := os.ReadFile(filepath.Join(bundle, "index.md"))
		if err != nil {
			t.Fatal(err)
		}
		if h, err := os.ReadFile(filepath.Join(hugo, "content", "cases", name, "index.md")); err != nil || !bytes.Equal(h, md) {
			t.Errorf("%s: the Hugo copy differs (%v)", name, err)
		}
		// The pictures are one file in both sites; the article two.
		for _, f := range []string{"photo.jpg", "index.md"} {
			a, errA := os.Stat(filepath.Join(bundle, f))
			b, errB := os.Stat(filepath.Join(hugo, "content", "cases", name, f))
			if errA != nil || errB != nil || os.SameFile(a, b) != (f != "index.md") {
				t.Errorf("%s/%s: the same file in both sites %v, want %v (%v, %v)", name, f, errA == nil && errB == nil && os.SameFile(a, b), f != "index.md", errA, errB)
			}
		}
		fm, body, ok := strings.Cut(strings.TrimPrefix(string(md), "---\n"), "\n---\n")
		if !ok {
			t.Fatalf("%s: no front matter", name)
		}
		var f front
		if err := yaml.Unmarshal([]byte(fm), &f); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if f.Title == "" || f.Date.IsZero() || len(f.Authors) == 0 || len(f.Orgs) == 0 {
			t.Errorf("%s: incomplete front matter %+v", name, f)
		}
		if !slices.Contains(columns, f.Column) {
			t.Errorf("%s: column %q", name, f.Column)
		}
		if d := f.Date.Format("2006-01-02"); d < "2019-01-01" || d > asOf.String() {
			t.Errorf("%s: date %s", name, d)
		}
		for _, o := range f.Orgs {
			if !bytes.Contains(orgs, []byte("\n"+o+",")) {
				t.Errorf("%s: unknown org %q", name, o)
			}
		}
		if n := len(f.Tags); n < 2 || n > 5 {
			t.Errorf("%s: %d tags", name, n)
		}
		for i, tag := range f.Tags {
			if !slices.Contains(tags, tag) || slices.Index(f.Tags, tag) != i {
				t.Errorf("%s: tag %q unknown or repeated", name, tag)
			}
		}
		if n := hanCount(body); n < 800 || n > 3000 {
			t.Errorf("%s: %d characters of body", name, n)
		}
		if n := len(headingRe.FindAllString(body, -1)); n < 2 || n > 4 {
			t.Errorf("%s: %d ## headings", name, n)
		}
		if !strings.Contains(body, "\n- **") || !strings.Contains(body, "\n|---|") {
			t.Errorf("%s: no bullet list or no table", name)
		}
		imgs := imageRe.FindAllStringSubmatch(body, -1)
		if len(imgs) != 2 {
			t.Fatalf("%s: %d pictures, want 2", name, len(imgs))
		}
		for _, m := range imgs {
			checkImage(t, filepath.Join(bundle, m[2]))
		}
	}
}

func checkImage(t *testing.T, p string) {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Error(err)
		return
	}
	if n := len(data); n < 20<<10 || n > 60<<10 {
		t.Errorf("%s: %d bytes, want 20–60 KB", p, n)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		t.Errorf("%s: %v", p, err)
		return
	}
	if b := img.Bounds(); b.Dx() != imgW || b.Dy() != imgH {
		t.Errorf("%s: %v", p, b)
	}
}

// TestPictures: every article's pictures are its own.
func TestPictures(t *testing.T) {
	dir, _ := generate(t, false, 1, "articles", "3")
	seen := map[string]string{}
	for name, data := range tree(t, dir) {
		if strings.HasSuffix(name, ".jpg") || strings.HasSuffix(name, ".png") {
			if other, dup := seen[string(data)]; dup {
				t.Errorf("%s and %s are the same picture", name, other)
			}
			seen[string(data)] = name
		}
	}
	if len(seen) != 6 {
		t.Errorf("%d pictures, want 6", len(seen))
	}
}

// TestTagSlugs: the fixed tags and columns have distinct pinyin slugs, so
// the Hugo site's term pages land where qingdan puts them.
func TestTagSlugs(t *testing.T) {
	if len(tags) != 30 {
		t.Errorf("%d tags, want 30", len(tags))
	}
	seen := map[string]string{}
	for _, x := range append(slices.Clone(tags), columns...) {
		s := slug.Of(x)
		if prev, dup := seen[s]; dup {
			t.Errorf("%s and %s share the slug %s", x, prev, s)
		}
		seen[s] = x
	}
	for _, th := range themes {
		for _, tag := range th.tags {
			if !slices.Contains(tags, tag) {
				t.Errorf("theme %s: tag %q is not in the list", th.key, tag)
			}
		}
	}
}

// TestHugo builds the Hugo site, when hugo is installed: no error, and the
// tag and paginated pages are there.
func TestHugo(t *testing.T) {
	bin, err := exec.LookPath("hugo")
	if err != nil {
		t.Skip("hugo is not installed")
	}
	// Shared pictures keep this quick; TestArticles looks at bundles.
	dir := t.TempDir()
	sc, _ := scaleOf([]string{"articles", "45"})
	sc.Pool = 4
	if _, err := Generate(Options{Dir: filepath.Join(t.TempDir(), "site"), Hugo: dir, Seed: 1, Scale: sc}); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	cmd := exec.Command(bin, "-s", dir, "-d", out, "--panicOnWarning")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, b)
	}
	for _, p := range []string{"index.html", "cases/index.html", "cases/page/2/index.html", "cases/page/3/index.html", "tags/index.html", "images/pool/chart-001.png"} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Error(err)
		}
	}
	terms, _ := filepath.Glob(filepath.Join(out, "tags", "*", "index.html"))
	if len(terms) < 5 {
		t.Errorf("%d tag pages", len(terms))
	}
	// A tag's page lists its articles (twenty a page), as qingdan's does;
	// the page of all tags lists the tags.
	listed := 0
	for _, p := range terms {
		b, _ := os.ReadFile(p)
		if n := strings.Count(string(b), "<li>"); n > 20 {
			t.Errorf("%s lists %d articles", p, n)
		} else {
			listed += n
		}
	}
	if listed < 45 { // every article has a tag
		t.Errorf("tag pages list %d articles in all, want at least 45", listed)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "tags", "index.html")); strings.Count(string(b), "<li>") < len(terms) {
		t.Errorf("tags/index.html lists %d tags, want %d", strings.Count(string(b), "<li>"), len(terms))
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{
		{}, {"county"}, {"-o", "x"}, {"-o", "x", "city"}, {"-o", "x", "articles"},
		{"-o", "x", "articles", "many"}, {"-o", "x", "county", "3"}, {"-bogus", "county"},
	} {
		if got := run(args, io.Discard); got != 2 {
			t.Errorf("run(%q) = %d, want 2", args, got)
		}
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "keep"), nil, 0o644)
	if got := run([]string{"-o", dir, "articles", "1"}, io.Discard); got != 1 {
		t.Errorf("into a folder that is not empty: %d, want 1", got)
	}
	out := filepath.Join(t.TempDir(), "site")
	if got := run([]string{"articles", "1", "-seed", "3", "-o", out}, io.Discard); got != 0 {
		t.Errorf("flags after SCALE: %d, want 0", got)
	}
}

// TestPhotos: the photos scale's photos are a camera's, 4000 × 2250, and
// its Hugo site makes the smaller copies qingdan makes of them; the
// articles scale's Hugo site makes none (Hugo's work there is unchanged).
func TestPhotos(t *testing.T) {
	sc, err := scaleOf([]string{"photos", "2"})
	if err != nil {
		t.Fatal(err)
	}
	dir, hugo := filepath.Join(t.TempDir(), "site"), filepath.Join(t.TempDir(), "hugo")
	if _, err := Generate(Options{Dir: dir, Hugo: hugo, Seed: 1, Scale: sc}); err != nil {
		t.Fatal(err)
	}
	photos, _ := filepath.Glob(filepath.Join(dir, "content", "cases", "*", "photo.jpg"))
	if len(photos) != 2 {
		t.Fatalf("photos %v", photos)
	}
	for _, p := range photos {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := jpeg.DecodeConfig(f)
		f.Close()
		if err != nil || cfg.Width != 4000 || cfg.Height != 2250 {
			t.Errorf("%s: %dx%d (%v), want 4000x2250", p, cfg.Width, cfg.Height, err)
		}
	}
	single, _ := os.ReadFile(filepath.Join(hugo, "layouts", "_default", "single.html"))
	if !strings.Contains(string(single), `$p.Resize (printf "%dx q80 CatmullRom" $w)`) {
		t.Errorf("the Hugo site makes no copies:\n%s", single)
	}

	sc, _ = scaleOf([]string{"articles", "1"})
	hugo = filepath.Join(t.TempDir(), "hugo")
	if _, err := Generate(Options{Dir: filepath.Join(t.TempDir(), "site"), Hugo: hugo, Seed: 1, Scale: sc}); err != nil {
		t.Fatal(err)
	}
	if single, _ := os.ReadFile(filepath.Join(hugo, "layouts", "_default", "single.html")); strings.Contains(string(single), "Resize") {
		t.Errorf("the articles scale's Hugo site makes copies")
	}
}
