package cli

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/qingdan/qingdan/internal/build"
)

// TestBuildFailed: a build that failed on a file says so in the site's
// language, names the output folder left as it was and the file, and
// says what to do when the disk is full; another error is said as it is.
func TestBuildFailed(t *testing.T) {
	full := &fs.PathError{Op: "write", Path: "/srv/site/.public.new-1/cases/a/index.html", Err: syscall.ENOSPC}
	denied := &fs.PathError{Op: "open", Path: "/srv/out/.out.new-1/index.html", Err: syscall.EACCES}
	for _, c := range []struct {
		lang string
		o    build.Options
		err  error
		want []string
		not  []string
	}{
		{"zh", build.Options{Src: "/srv/site"}, full, []string{"生成没有完成，" + filepath.Join("/srv/site", "public") + " 保持原样", "cases/a/index.html", "磁盘已满", "-o"}, nil},
		{"en", build.Options{Src: "/srv/site"}, full, []string{"did not finish", "public is as it was", "The disk is full"}, []string{"磁盘"}},
		{"zh", build.Options{Out: "/srv/out"}, denied, []string{"/srv/out 保持原样", "permission denied"}, []string{"磁盘已满"}},
		{"zh", build.Options{}, errors.New("something else"), []string{"qingdan build: something else"}, []string{"保持原样"}},
	} {
		got := buildFailed(c.lang, c.o, c.err)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s %v: %q lacks %q", c.lang, c.err, got, w)
			}
		}
		for _, w := range c.not {
			if strings.Contains(got, w) {
				t.Errorf("%s %v: %q has %q", c.lang, c.err, got, w)
			}
		}
	}
}
