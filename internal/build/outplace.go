package build

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// sources are the folders of a site that a build reads.
var sources = []string{"data", "content", "static", "layouts", "themes"}

// outPlace refuses an output folder that would replace the site or part of
// it (the site folder itself, a folder holding it, or a folder inside one of
// its sources, which the next build would read back in). It returns the
// message key and its arguments, or "". Names are compared as the file
// systems of this OS compare them.
func outPlace(src, out string) (string, []any) {
	return outPlaceFold(src, out, nameFold(runtime.GOOS))
}

// nameFold is how the file systems usual on goos compare names: Windows
// (NTFS, FAT) and macOS (APFS and HFS+ as installed) ignore letter case, so
// that -o Static\out is inside static/; Linux's file systems do not.
func nameFold(goos string) func(string) string {
	switch goos {
	case "windows", "darwin":
		return strings.ToLower
	}
	return func(s string) string { return s }
}

// outPlaceFold is outPlace with the file system's comparison of names
// given: fold maps names that the file system takes for the same to the
// same string.
func outPlaceFold(src, out string, fold func(string) string) (string, []any) {
	s, err1 := filepath.Abs(src)
	o, err2 := filepath.Abs(out)
	if err1 != nil || err2 != nil {
		return "", nil
	}
	// Through symbolic links: public → static/ is inside static/.
	s, o = fold(realPath(s)), fold(realPath(o))
	if within(s, o) {
		return "out.holdsSite", []any{out}
	}
	for _, dir := range sources {
		if within(o, fold(realPath(filepath.Join(s, dir)))) {
			return "out.inSource", []any{out, dir + "/"}
		}
	}
	return "", nil
}

// realPath is the absolute path p with the symbolic links of its longest
// existing part resolved; the part that does not exist yet is kept as is.
func realPath(p string) string {
	rest := ""
	for dir := p; ; dir = filepath.Dir(dir) {
		if r, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(r, rest)
		} else if _, serr := os.Lstat(dir); serr == nil {
			return p // there but not resolvable (a loop, no permission): as given
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return p
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}

// within reports whether path is dir or lies inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
