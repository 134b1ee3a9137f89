package build

import (
	"bytes"
	"image"
	"image/png"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// fuzzFiles are the files of the fuzzed site that FuzzBuild changes, one
// per input: the data, each kind of document, a picture and an SVG.
// (qingdan.toml and the layouts are left out: a change to either makes
// the Builder parse every layout again, twice an input, which would take
// most of the time; qingdan.toml has a fuzz target of its own.)
var fuzzFiles = []string{
	"data/orgs.csv", "data/tasks.csv", "data/projects.csv", "data/progress.csv",
	"content/cases/tea.md", "content/cases/hill/index.md", "content/sites/village.md", "content/pages/about.md",
	"content/cases/hill/pic.png", "static/images/logo.svg",
}

// fuzzRunEvery: one input in this many is also built with Run into an
// output folder; the others are only checked. An input's which picks the
// file (which % len(fuzzFiles)) and whether it is built (the rest of it).
const fuzzRunEvery = 256

// fuzzWhich is the which that changes file i, and builds when run is set.
func fuzzWhich(i int, run bool) uint16 {
	w := uint16(i)
	if run {
		w += uint16(len(fuzzFiles) * (fuzzRunEvery - 1))
	}
	return w
}

// fuzzRuns reports whether the input which is also built.
func fuzzRuns(which uint16) bool { return int(which)/len(fuzzFiles)%fuzzRunEvery == fuzzRunEvery-1 }

// FuzzBuild builds a small site (the hostile sites' base, with a bundle, a
// picture and an SVG) with one of its files replaced
// by the fuzzer's bytes. Nothing may panic, and every message's place must
// lie inside its file.
//
// So that 20,000 inputs take well under a minute, most inputs are checked,
// not built: they go through a Builder, as qingdan serve checks a site after
// an edit, told which file changed, so the layouts and the unchanged files
// are not read again. One input in fuzzRunEvery is also built with Run, a
// full build into an output folder that holds the previous build: a failed
// build must print what the Builder's check printed and leave that folder
// as it was, and no build may leave anything beside it.
func FuzzBuild(f *testing.F) {
	files := fuzzSite(f)
	for i, name := range fuzzFiles {
		f.Add(fuzzWhich(i, false), files[name])
		f.Add(fuzzWhich(i, true), files[name])
		if strings.HasSuffix(name, ".csv") {
			f.Add(fuzzWhich(i, false), []byte(strings.Replace(string(files[name]), ",", "\",", 3)))
			f.Add(fuzzWhich(i, true), []byte("\ufeff"+strings.ReplaceAll(string(files[name]), "\n", "\r\n")))
		}
	}
	f.Add(fuzzWhich(4, false), []byte("---\ntitle: x\ndate: 2022-02-30\nslug: "+strings.Repeat("a", 300)+"\ntags: ["+strings.Repeat("党", 100)+"]\n---\n"+strings.Repeat("> ", 120)+"x\n"))
	f.Add(fuzzWhich(2, true), []byte("id,org,title,owner,start,due,indicator,baseline,target\ntea,village,=1+1,Li,2022-01-01,2022-12-31,x,0,1\n"))

	src := filepath.Join(f.TempDir(), "src")
	writeFiles(f, src, files)
	parent := f.TempDir()
	out := filepath.Join(parent, "public")
	old := previousOutput(f, out)
	b := NewBuilder()
	last := ""
	f.Fuzz(func(t *testing.T, which uint16, data []byte) {
		name := fuzzFiles[int(which)%len(fuzzFiles)]
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		defer os.WriteFile(p, files[name], 0o644)
		b.Changed(src, []string{last, name}, false)
		last = name

		r := fuzzCheck(t, b, src)
		lines := fileLines(src)
		for _, d := range r.Diags.Sorted() {
			if msg := placeOutside(lines, d); msg != "" {
				t.Fatalf("%s: %s", d.Text("en"), msg)
			}
		}
		if !fuzzRuns(which) {
			return
		}
		full := runSafely(t, Options{}, src, out)
		switch now := readTree(t, out); {
		case full.Diags.Errors() > 0:
			if got, want := printed(full), printed(r); got != want {
				t.Fatalf("the build printed\n%s\nthe Builder's check\n%s", got, want)
			}
			if !maps.EqualFunc(old, now, bytes.Equal) {
				t.Fatalf("a failed build changed the output folder: %v", slices.Sorted(maps.Keys(now)))
			}
		default:
			old = now // the previous build, for the next input
		}
		if left, _ := os.ReadDir(parent); len(left) != 1 {
			t.Fatalf("the build left %d files beside the output folder", len(left)-1)
		}
	})
}

// fuzzCheck checks the site with the builder, failing on a panic.
func fuzzCheck(t *testing.T, b *Builder, src string) (r *Result) {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("the check panicked: %v", p)
		}
	}()
	return b.Check(Options{Src: src})
}

// fuzzSite is the fuzzed site: the hostile sites' base, a bundle with a
// picture, and an SVG under static/.
func fuzzSite(f *testing.F) map[string][]byte {
	files := archiveFiles(readArchive(f, filepath.Join(hostileDir, "_base.txtar")))
	var pic bytes.Buffer
	if err := png.Encode(&pic, image.NewGray(image.Rect(0, 0, 2, 2))); err != nil {
		f.Fatal(err)
	}
	files["content/cases/hill/pic.png"] = pic.Bytes()
	files["content/cases/hill/index.md"] = []byte("---\ntitle: The hill\ndate: 2022-05-01\ntags: [tea]\n---\n![The hill](pic.png)\n\n| a | b |\n|---|--:|\n| [x](case:tea) | *y* |\n")
	files["static/images/logo.svg"] = []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"><rect width="2" height="2" fill="red"/></svg>` + "\n")
	for _, name := range fuzzFiles {
		if files[name] == nil {
			f.Fatalf("the fuzzed site has no %s", name)
		}
	}
	return files
}
