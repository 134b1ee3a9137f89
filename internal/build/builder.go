package build

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/qingdan/qingdan/internal/content"
	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/load"
	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/render"
)

// Builder builds a site again and again (qingdan serve) with the semantics
// of a full build and the cost of an incremental one: the data files are
// loaded again only when one of them changed, each Markdown file is parsed
// again only when it changed, and only the pages whose inputs changed are
// rendered again. A Builder is safe for one build at a time.
type Builder struct {
	docs    *content.Cache
	dataKey string
	data    *load.Data
	dataL   *diag.List
	memo    *render.Memo
	siteKey string
	site    *model.Site
	layKey  string
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

// layouts parses the layouts, the site's over the theme's, so that check
// reports a broken one at its line as build would; the result is kept until
// a layout changes.
func (b *Builder) layouts(src, lang string, l *diag.List) {
	th, themeDir := theme(src)
	key := ""
	if b != nil {
		h := sha256.New()
		fmt.Fprintf(h, "%s\n", lang)
		fingerprint(h, filepath.Join(src, "layouts"), true)
		if themeDir != "" {
			fingerprint(h, filepath.Join(themeDir, "layouts"), true)
		}
		key = hex.EncodeToString(h.Sum(nil))
		if key == b.layKey && b.layL != nil {
			l.Merge(b.layL)
			return
		}
	}
	ll := &diag.List{}
	if err := render.ParseLayouts(th, src, lang); err != nil {
		var le *render.LayoutError
		if errors.As(err, &le) {
			ll.Error(le.Pos, "layout.error", le.Msg)
		} else {
			ll.Error(diag.Pos{File: "layouts"}, "layout.error", err.Error())
		}
	}
	if b != nil {
		b.layKey, b.layL = key, ll
	}
	l.Merge(ll)
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

// global sums everything a page may show except the documents: the
// configuration and options, the data, the theme and layouts, static files
// and the content pages every footer links.
func (b *Builder) global(r *Result, o Options) string {
	h := sha256.New()
	fmt.Fprintf(h, "%+v\n%+v\n", o, *r.Config)
	cfg, _ := os.ReadFile(filepath.Join(o.Src, "qingdan.toml"))
	h.Write(cfg)
	io.WriteString(h, b.dataKey) // the data files, as the load summed them
	io.WriteString(h, b.layKey)  // the layouts, as the check summed them
	h.Write(r.Docs.Around[:])    // the images under content/ and static/
	for _, d := range r.Docs.Pages {
		fmt.Fprintf(h, "page %q %q\n", d.Slug, d.Title)
	}
	fmt.Fprintf(h, "as_of %s\n", r.Site.AsOf)
	return hex.EncodeToString(h.Sum(nil))
}

// statics sums the static files: the site's static/ and the theme's.
func statics(src, themeDir string) string {
	h := sha256.New()
	fingerprint(h, filepath.Join(src, "static"), false)
	if themeDir != "" {
		fingerprint(h, filepath.Join(themeDir, "static"), false)
	}
	return hex.EncodeToString(h.Sum(nil))
}
