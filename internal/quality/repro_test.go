package quality

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestReproducible: the same input gives the same bytes. A second build of
// the demo into another folder, and a build of a copy whose data files have
// their rows shuffled, give trees identical to the first build's, byte for
// byte; and the build's manifest.sha256 holds for its files.
func TestReproducible(t *testing.T) {
	t.Parallel()
	first := demo(t, false)

	t.Run("again", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "again")
		buildLocked(t, repoRoot, out)
		sameTrees(t, first, out)
	})

	t.Run("shuffled rows", func(t *testing.T) {
		src := filepath.Join(t.TempDir(), "shuffled-src")
		copySite(t, repoRoot, src)
		rng := rand.New(rand.NewPCG(2022, 630))
		for _, name := range []string{"orgs.csv", "projects.csv", "progress.csv", "tasks.csv"} {
			p := filepath.Join(src, "data", name)
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatalf("the demo has no data/%s: %v", name, err)
			}
			s, err := shuffleRows(b, rng)
			if err != nil {
				t.Fatalf("data/%s: %v", name, err)
			}
			if err := os.WriteFile(p, s, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		out := filepath.Join(t.TempDir(), "shuffled")
		buildLocked(t, src, out)
		sameTrees(t, first, out)
	})

	t.Run("manifest", func(t *testing.T) {
		manifestLists(t, first)
		sha, err := exec.LookPath("sha256sum")
		if err != nil {
			t.Skip("no sha256sum on PATH (GNU coreutils)")
		}
		cmd := exec.Command(sha, "--check", "--strict", "--quiet", "manifest.sha256")
		cmd.Dir = first
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("sha256sum --check manifest.sha256: %v\n%s", err, b)
		}
	})
}

// buildLocked builds src into out, one build at a time with demo's.
func buildLocked(t *testing.T, src, out string) {
	t.Helper()
	buildMu.Lock()
	err := buildSite(src, out, false)
	buildMu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
}

// manifestLists checks that manifest.sha256 names every other file of the
// build, once, in sha256sum's format.
func manifestLists(t *testing.T, dir string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "manifest.sha256"))
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for i, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		sum, name, ok := strings.Cut(line, "  ")
		if !ok || len(sum) != 64 || strings.Trim(sum, "0123456789abcdef") != "" {
			t.Errorf("manifest.sha256:%d: %q is not \"<sha256 hex>  <file>\"", i+1, line)
			continue
		}
		listed = append(listed, name)
	}
	want := slices.DeleteFunc(files(t, dir), func(n string) bool { return n == "manifest.sha256" })
	slices.Sort(listed)
	if !slices.Equal(listed, want) {
		t.Errorf("manifest.sha256 lists %d files, the build has %d others besides it: missing %q, extra %q",
			len(listed), len(want), minus(want, listed), minus(listed, want))
	}
}

// minus returns the names of a that are not in b, both sorted.
func minus(a, b []string) []string {
	var d []string
	for _, n := range a {
		if _, found := slices.BinarySearch(b, n); !found {
			d = append(d, n)
		}
	}
	return d
}

// sameTrees compares two output folders file by file.
func sameTrees(t *testing.T, want, got string) {
	t.Helper()
	report(t, "files differ", treeDiff(t, want, got), 20)
}

// treeDiff lists how the folder got differs from want: files missing,
// extra, or with other bytes.
func treeDiff(t *testing.T, want, got string) []string {
	t.Helper()
	wn, gn := files(t, want), files(t, got)
	var differ []string
	for _, n := range minus(wn, gn) {
		differ = append(differ, n+": missing")
	}
	for _, n := range minus(gn, wn) {
		differ = append(differ, n+": extra")
	}
	for _, n := range wn {
		if _, found := slices.BinarySearch(gn, n); !found {
			continue
		}
		a, err := os.ReadFile(filepath.Join(want, filepath.FromSlash(n)))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(got, filepath.FromSlash(n)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			differ = append(differ, n+": "+firstDifference(a, b))
		}
	}
	return differ
}

// firstDifference shows where two files part: the line and both versions.
func firstDifference(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	line := bytes.Count(a[:i], []byte("\n")) + 1
	start := max(0, i-40)
	return fmt.Sprintf("line %d: %q, then %q", line, a[start:min(len(a), i+40)], b[start:min(len(b), i+40)])
}

// shuffleRows returns the CSV file b with its data rows in another order,
// each row's bytes (quoted newlines included) exactly as they were and the
// header kept first.
func shuffleRows(b []byte, rng *rand.Rand) ([]byte, error) {
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	if _, err := r.Read(); err != nil {
		return nil, err
	}
	head := r.InputOffset()
	var rows [][]byte
	for start := head; ; {
		_, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		end := r.InputOffset()
		row := slices.Clone(b[start:end])
		if !bytes.HasSuffix(row, []byte("\n")) {
			row = append(row, '\n') // the last row had no line end
		}
		rows = append(rows, row)
		start = end
	}
	if len(rows) < 2 {
		return nil, errors.New("fewer than two data rows: nothing to shuffle")
	}
	orig := slices.Clone(rows)
	for slices.EqualFunc(rows, orig, bytes.Equal) {
		rng.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
	}
	return append(slices.Clone(b[:head]), bytes.Join(rows, nil)...), nil
}

// copySite copies what a build reads of the site at src — the config, the
// data, the content, the static files and the layout overrides — to dst.
func copySite(t *testing.T, src, dst string) {
	t.Helper()
	for _, name := range []string{"qingdan.toml", "data", "content", "static", "layouts"} {
		from, to := filepath.Join(src, name), filepath.Join(dst, name)
		fi, err := os.Stat(from)
		switch {
		case errors.Is(err, os.ErrNotExist) && name != "qingdan.toml" && name != "data":
			continue // optional folders
		case err != nil:
			t.Fatal(err)
		case fi.IsDir():
			err = os.CopyFS(to, os.DirFS(from))
		default:
			var b []byte
			if b, err = os.ReadFile(from); err == nil {
				err = errors.Join(os.MkdirAll(dst, 0o755), os.WriteFile(to, b, 0o644))
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestShuffleRows(t *testing.T) {
	in := "id,note\r\na,\"two\r\nlines\"\r\nb,x\r\nc,\"say \"\"hi\"\"\"\r\nd,last"
	out, err := shuffleRows([]byte(in), rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	if got == in || !strings.HasPrefix(got, "id,note\r\n") {
		t.Fatalf("shuffleRows = %q: want the header first and the rows in another order", got)
	}
	for _, row := range []string{"a,\"two\r\nlines\"\r\n", "b,x\r\n", "c,\"say \"\"hi\"\"\"\r\n", "d,last\n"} {
		if strings.Count(got, row) != 1 {
			t.Errorf("shuffleRows = %q: want row %q once, byte for byte", got, row)
		}
	}
	if _, err := shuffleRows([]byte("id\nonly\n"), rand.New(rand.NewPCG(1, 2))); err == nil {
		t.Error("one data row: want an error, for nothing can be shuffled")
	}
}

func TestTreeDiff(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	write := func(dir, name, text string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := errors.Join(os.MkdirAll(filepath.Dir(p), 0o755), os.WriteFile(p, []byte(text), 0o644)); err != nil {
			t.Fatal(err)
		}
	}
	write(a, "same.html", "<p>一样</p>\n")
	write(b, "same.html", "<p>一样</p>\n")
	write(a, "x/page.html", "line 1\n<p>排序 A</p>\n")
	write(b, "x/page.html", "line 1\n<p>排序 B</p>\n")
	write(a, "gone.json", "{}")
	write(b, "new.json", "{}")
	got := treeDiff(t, a, b)
	want := []string{"gone.json: missing", "new.json: extra", "x/page.html: line 2: "}
	if len(got) != len(want) {
		t.Fatalf("treeDiff = %q, want %d lines", got, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i], w) {
			t.Errorf("treeDiff line %d = %q, want it to start %q", i+1, got[i], w)
		}
	}
}
