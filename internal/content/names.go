package content

import "github.com/qingdan/qingdan/internal/diag"

// Limits on the names the build writes, so that a site check passes never
// fails to be written: MaxName bounds one file or folder name, in bytes
// (what ext4, NTFS, APFS and most other file systems allow: 255), and
// MaxPath a file's path below the output folder, which the output folder's
// own path lengthens on the way to the system's limit (4,096 bytes on
// Linux, often less elsewhere).
const (
	MaxName = 255
	MaxPath = 1000
)

// checkSlug reports a slug too long to name its page's folder, at the
// front matter line that sets it (a file name, the other source of a slug,
// is a name the file system already took).
func (d *Doc) checkSlug(l *diag.List) {
	if n := len(d.Slug); n > MaxName {
		l.Error(diag.Pos{File: d.File, Line: max(d.Line("slug"), 1)}, "doc.slugLong", n, MaxName)
	}
}

// pathTooLong reports an image copied next to the page whose path below the
// output folder would be too long, and says whether it would be.
func (st *docState) pathTooLong(pos diag.Pos, dest, target string) bool {
	if len(target) <= MaxPath {
		return false
	}
	st.l.Error(pos, "img.pathLong", diag.Quote(dest), len(target), MaxPath)
	return true
}
