package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var sample = []entry{
	{name: "README.md", data: []byte("# qingdan\n")},
	{name: "qingdan", data: []byte("\x7fELF..."), exec: true},
	{name: "licenses/npm/echarts/NOTICE", data: []byte("Apache ECharts\n")},
	{name: "licenses/README.txt", data: []byte("index\n")},
	{name: "licenses/npm/echarts/licenses/LICENSE-d3", data: []byte("BSD\n")},
}

// TestArchivesReproducible: the same files give the same bytes, in any
// order and at any time of day; a different epoch gives other bytes.
func TestArchivesReproducible(t *testing.T) {
	epoch := time.Unix(1700000000, 0).UTC()
	reversed := []entry{}
	for i := len(sample) - 1; i >= 0; i-- {
		reversed = append(reversed, sample[i])
	}
	for name, write := range map[string]func(string, []entry, time.Time) ([]byte, error){"tar.gz": writeTarGz, "zip": writeZip} {
		a, err := write("qingdan-1.0-x", sample, epoch)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := write("qingdan-1.0-x", reversed, epoch)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: the order of the files changes the archive", name)
		}
		c, _ := write("qingdan-1.0-x", sample, epoch.Add(time.Hour))
		if bytes.Equal(a, c) {
			t.Errorf("%s: the epoch is not in the archive", name)
		}
	}
}

// TestArchiveLayout: everything is under the top folder, folders first,
// the program executable, every entry dated at the epoch.
func TestArchiveLayout(t *testing.T) {
	epoch := time.Unix(1700000000, 0).UTC()
	b, err := writeTarGz("top", sample, epoch)
	if err != nil {
		t.Fatal(err)
	}
	gz, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if !gz.ModTime.IsZero() || gz.Name != "" {
		t.Errorf("gzip header has %v %q", gz.ModTime, gz.Name)
	}
	tr := tar.NewReader(gz)
	var names []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		names = append(names, h.Name)
		if !h.ModTime.Equal(epoch) || h.Uid != 0 || h.Uname != "" {
			t.Errorf("%s: %v uid %d %q", h.Name, h.ModTime, h.Uid, h.Uname)
		}
		if h.Name == "top/qingdan" && h.Mode != 0o755 || h.Name == "top/README.md" && h.Mode != 0o644 {
			t.Errorf("%s: mode %o", h.Name, h.Mode)
		}
	}
	want := "top/ top/licenses/ top/licenses/npm/ top/licenses/npm/echarts/ top/licenses/npm/echarts/licenses/ " +
		"top/README.md top/licenses/README.txt top/licenses/npm/echarts/NOTICE top/licenses/npm/echarts/licenses/LICENSE-d3 top/qingdan"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("entries\n%s\nwant\n%s", got, want)
	}

	z, err := writeZip("top", sample, epoch)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(z), int64(len(z)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if !f.Modified.Equal(epoch) {
			t.Errorf("%s: %v", f.Name, f.Modified)
		}
		if f.Name == "top/qingdan" && f.Mode().Perm() != 0o755 {
			t.Errorf("%s: mode %v", f.Name, f.Mode())
		}
	}
}

func TestNotices(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"LICENSE", "NOTICE.md", "PATENTS", "CopyrightNotice.txt", "licenses/LICENSE-d3", "README.md", "license_test.go", "LICENSES.go"} {
		p := filepath.Join(dir, filepath.FromSlash(f))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(f), 0o644)
	}
	got, err := notices(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range got {
		names = append(names, e.name)
	}
	// license_test.go and LICENSES.go are code; README.md is no notice.
	want := "CopyrightNotice.txt LICENSE NOTICE.md PATENTS licenses/LICENSE-d3"
	if g := strings.Join(names, " "); g != want {
		t.Errorf("notices: %s", g)
	}
	if _, err := notices(t.TempDir()); err == nil {
		t.Error("a folder without a licence passed")
	}
}

// TestGoNotices: every module linked into qingdan has its licence found in
// the module cache, for every release target.
func TestGoNotices(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	t.Chdir("../..")
	for _, goos := range []string{"linux", "windows"} {
		cs, err := goNotices(target{goos, "amd64"})
		if err != nil {
			t.Fatal(err)
		}
		names := map[string]bool{}
		for _, c := range cs {
			names[c.name] = true
			if len(c.files) == 0 || c.version == "" {
				t.Errorf("%s: %+v", c.name, c)
			}
		}
		for _, m := range []string{"go", "github.com/yuin/goldmark", "github.com/xuri/excelize/v2", "golang.org/x/text"} {
			if !names[m] {
				t.Errorf("%s: %s missing from %v", goos, m, names)
			}
		}
		if names["github.com/chromedp/chromedp"] {
			t.Errorf("%s: a test-only module is listed", goos)
		}
	}
}

func TestScanFused(t *testing.T) {
	dump := `TEXT github.com/xuri/excelize/v2.norminv(SB) github.com/xuri/excelize/v2@v2.11.1/calc.go
  calc.go:10		0x29428			1f440865		FMADDD F4, F2, F3, F5
TEXT github.com/qingdan/qingdan/internal/model.Percent(SB) github.com/qingdan/qingdan/internal/model/status.go
  status.go:50		0x29420			1e621864		FDIVD F2, F3, F4
  status.go:51		0x29424			1f448865		FMSUBD F4, F2, F3, F5
  status.go:52		0x29424			1f448865		FMULD F4, F2, F3
TEXT github.com/qingdan/qingdan/internal/chart.pct1(SB) github.com/qingdan/qingdan/internal/chart/chart.go
  chart.go:72		0x2c3f0			08211065	FNMADDS F2, F4, F3, F5
`
	got := strings.Join(scanFused(strings.NewReader(dump), "github.com/qingdan/qingdan/"), "\n")
	want := "internal/model/status.go (github.com/qingdan/qingdan/internal/model.Percent) status.go:51: FMSUBD F4, F2, F3, F5\n" +
		"internal/chart/chart.go (github.com/qingdan/qingdan/internal/chart.pct1) chart.go:72: FNMADDS F2, F4, F3, F5"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestCompareTrees(t *testing.T) {
	a := map[string][]byte{"index.html": []byte("<p>64.0%</p>"), "manifest.sha256": []byte("x"), "old": nil}
	b := map[string][]byte{"index.html": []byte("<p>64.1%</p>"), "manifest.sha256": []byte("x"), "new": nil}
	got := compareTrees(a, b)
	for _, w := range []string{"extra: new", "missing: old", `index.html differs at byte 6: "<p>64.0%</p>" vs "<p>64.1%</p>"`} {
		if !strings.Contains(got, w) {
			t.Errorf("%q not in\n%s", w, got)
		}
	}
	if compareTrees(a, a) != "" {
		t.Error("a tree differs from itself")
	}
}

// TestDemoFiles: every archive carries the demo site under demo/, its
// configuration, data and articles, and nothing hidden.
func TestDemoFiles(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
	files, err := demoFiles()
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, f := range files {
		have[f.name] = true
		if strings.Contains(f.name, "/.") || len(f.data) == 0 && !strings.HasSuffix(f.name, ".gitkeep") {
			t.Errorf("%s: hidden or empty", f.name)
		}
	}
	for _, want := range []string{"demo/qingdan.toml", "demo/data/orgs.csv", "demo/data/projects.csv", "demo/data/progress.csv"} {
		if !have[want] {
			t.Errorf("no %s in %d files", want, len(files))
		}
	}
	if len(files) < 20 {
		t.Errorf("only %d demo files", len(files))
	}
}
