package build

import (
	"os"
	"path/filepath"
	"testing"
)

// TestOutPlace: the output folder may not be the site, hold it, or lie in
// one of its sources; compared as the OS's file systems compare names,
// which on Windows and macOS ignore letter case (tested here, on Linux,
// through the fold that outPlace takes from nameFold).
func TestOutPlace(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "Site")
	for _, d := range []string{"static/images", "data", "content"} {
		if err := os.MkdirAll(filepath.Join(site, filepath.FromSlash(d)), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	same := nameFold("linux")
	folded := nameFold("windows")
	for _, c := range []struct {
		out  string // under root, slash-separated
		fold func(string) string
		want string // the message key and its folder argument, "" for none
	}{
		{"Site/public", same, ""},
		{"public", same, ""},
		{"Site/static-out", same, ""},
		{"Site", same, "out.holdsSite"},
		{".", same, "out.holdsSite"},
		{"Site/static/out", same, "out.inSource static/"},
		{"Site/static/images/out", same, "out.inSource static/"},
		{"Site/data", same, "out.inSource data/"},
		{"Site/layouts/x", same, "out.inSource layouts/"},
		// Letter case: another folder on Linux, the same one on Windows and macOS.
		{"Site/Static/out", same, ""},
		{"Site/Static/out", folded, "out.inSource static/"},
		{"SITE/DATA", folded, "out.inSource data/"},
		{"site", same, ""},
		{"site", folded, "out.holdsSite"},
		{"SITE/Public", folded, ""},
	} {
		out := filepath.Join(root, filepath.FromSlash(c.out))
		key, args := outPlaceFold(site, out, c.fold)
		got := key
		if len(args) > 1 {
			got += " " + args[1].(string)
		}
		if got != c.want {
			t.Errorf("out %s (fold %v): %q, want %q", c.out, c.fold("A") == "a", got, c.want)
		}
		if key != "" && args[0] != out {
			t.Errorf("out %s: the message names %v, want the folder as given", c.out, args[0])
		}
	}
}

// TestOutPlaceSymlink: a folder reached through a symbolic link is where the
// link leads: public → static/ would publish each build into the next.
func TestOutPlaceSymlink(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	if err := os.MkdirAll(filepath.Join(site, "static"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(site, "static"), filepath.Join(site, "public")); err != nil {
		t.Skip(err)
	}
	if err := os.Symlink(site, filepath.Join(root, "link")); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ src, out, want string }{
		{"site", "site/public", "out.inSource"},
		{"site", "site/public/new/deeper", "out.inSource"},
		{"site", "link/static/x", "out.inSource"},
		{"link", "site/data", "out.inSource"},
		{"link", "site", "out.holdsSite"},
		{"site", "link", "out.holdsSite"},
		{"link", "link/public2", ""},
		{"site", "elsewhere/out", ""},
	} {
		key, _ := outPlaceFold(filepath.Join(root, c.src), filepath.Join(root, filepath.FromSlash(c.out)), nameFold("linux"))
		if key != c.want {
			t.Errorf("src %s, out %s: %q, want %q", c.src, c.out, key, c.want)
		}
	}
}

func TestNameFold(t *testing.T) {
	for goos, want := range map[string]string{"windows": "static", "darwin": "static", "linux": "Static", "freebsd": "Static"} {
		if got := nameFold(goos)("Static"); got != want {
			t.Errorf("nameFold(%q)(Static) = %q, want %q", goos, got, want)
		}
	}
	if got := nameFold("windows")("ÄBC"); got != "äbc" {
		t.Error("Windows folds non-ASCII letters too")
	}
}
