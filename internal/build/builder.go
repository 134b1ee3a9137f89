package build

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/qingdan/qingdan/internal/content"
	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/load"
	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/output/page"
)

// Builder checks a site again and again (qingdan serve) with the semantics
// of a full check and the cost of what changed: the data files are loaded
// again only when one of them changed, each Markdown file is parsed again
// only when it changed, and the layouts are parsed again only when one of
// them changed. Each cache is keyed by the content of what it was made
// from, never by a guess of what an edit touches. A Builder is safe for one
// check at a time.
type Builder struct {
	docs    *content.Cache
	dataKey string
	data    *load.Data
	dataL   *diag.List
	siteKey string
	site    *model.Site
	layKey  string
	lay     *page.Set
	layL    *diag.List
}

// NewBuilder makes a builder with empty caches.
func NewBuilder() *Builder { return &Builder{docs: content.NewCache()} }

// loadData loads the data files, or returns the last load when no data file
// changed (its problems reported again).
func (b *Builder) loadData(src string, types []model.OrgType, l *diag.List) *load.Data {
	if b == nil {
		return load.Dir(src, types, l)
	}
	h := sha256.New()
	fmt.Fprintf(h, "%v\n", types)
	fingerprint(h, filepath.Join(src, "data"), true)
	key := hex.EncodeToString(h.Sum(nil))
	if key != b.dataKey || b.data == nil {
		dl := &diag.List{}
		b.data = load.Dir(src, types, dl)
		b.dataL, b.dataKey = dl, key
	}
	l.Merge(b.dataL)
	return b.data
}

// model derives the site, or returns the last one when its inputs are the
// same records with the same settings: New is a pure function of them.
func (b *Builder) model(in model.Input) *model.Site {
	if b == nil {
		return model.New(in)
	}
	key := fmt.Sprintf("%s %v %v %v", b.dataKey, in.AsOf, in.WarnGap, in.Types)
	if key != b.siteKey || b.site == nil {
		b.site, b.siteKey = model.New(in), key
	}
	return b.site
}

// layouts parses the layouts, the site's over the theme's, and reports a
// broken one at its line; the result is kept until a layout changes.
func (b *Builder) layouts(src string, theme fs.FS, lang string, l *diag.List) *page.Set {
	key := ""
	if b != nil {
		h := sha256.New()
		fmt.Fprintf(h, "%s\n", lang)
		fingerprint(h, filepath.Join(src, "layouts"), true)
		fingerprintFS(h, theme, "layouts")
		key = hex.EncodeToString(h.Sum(nil))
		if key == b.layKey && b.layL != nil {
			l.Merge(b.layL)
			return b.lay
		}
	}
	ll := &diag.List{}
	var site fs.FS
	if dir := filepath.Join(src, "layouts"); isDir(dir) {
		site = os.DirFS(dir)
	}
	set, err := page.Load(theme, site, lang)
	if err != nil {
		var le *page.Error
		if errors.As(err, &le) {
			ll.Error(le.Pos, "layout.error", le.Msg)
		} else {
			ll.Error(diag.Pos{File: "layouts"}, "layout.error", err.Error())
		}
	}
	if b != nil {
		b.layKey, b.lay, b.layL = key, set, ll
	}
	l.Merge(ll)
	return set
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// fingerprint sums the files under dir: names, sizes and times, and the
// bytes of files changed in the last two seconds (a second save may keep the
// time), or of every file when all is set.
func fingerprint(h hash.Hash, dir string, all bool) {
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return nil
		}
		fi, err := e.Info()
		if err != nil {
			return nil
		}
		fmt.Fprintf(h, "%s %d %d\n", p, fi.Size(), fi.ModTime().UnixNano())
		if all || time.Since(fi.ModTime()) < 2*time.Second {
			if b, err := os.ReadFile(p); err == nil {
				h.Write(b)
			}
		}
		return nil
	})
}

// fingerprintFS sums the bytes of the files under dir in fsys.
func fingerprintFS(h hash.Hash, fsys fs.FS, dir string) {
	fs.WalkDir(fsys, dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return nil
		}
		if b, err := fs.ReadFile(fsys, p); err == nil {
			fmt.Fprintf(h, "%s %d\n", p, len(b))
			h.Write(b)
		}
		return nil
	})
}
