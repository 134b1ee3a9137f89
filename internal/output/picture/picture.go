// Package picture is the producer of the smaller copies of the wide
// pictures documents show (content.Variant), which a phone loads instead of
// a 4000-pixel photo. Each copy is made when it is written: its picture is
// decoded once for all its copies; the widest copy is made by averaging
// whole blocks of pixels (an exact integer box filter: a 4000-pixel photo
// to 2000 pixels), then golang.org/x/image/draw's Catmull-Rom kernel takes
// the last small step, and each narrower copy is scaled from the one
// before; each is turned as the photo's EXIF orientation says and encoded
// in the picture's own format. All of it is pure Go and gives the same
// bytes on amd64, arm64 and loong64 (x/image's float code has no fused
// multiply-add; this package's test pins the bytes, and make cross runs it
// under qemu). A copy is named by its picture's bytes, so a rebuild keeps
// the previous output's copy instead of making it again (output.File.Reuse),
// and a build into an empty folder takes the one kept in the site's
// CacheDir (see Cache).
package picture

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/image/draw"

	"github.com/qingdan/qingdan/internal/content"
	"github.com/qingdan/qingdan/internal/filecache"
	"github.com/qingdan/qingdan/internal/output"
)

// Quality is the JPEG quality of the copies: at phone sizes it cannot be
// told from the picture, at a quarter of its bytes or less.
const Quality = 80

// Files are the copies of every picture the documents show, each once.
// At most as many pictures as there are processors are decoded at once:
// a decoded photo takes tens of megabytes. A copy kept in the cache (nil:
// none) is taken from there; one made is kept there. known is the record
// of the site's files (nil: none): a kept copy it knows is copied from the
// cache as a file, unread (output.File.From).
//
// They come in the order a build should write them in (render writes
// them after the files marked Early, before the pages): the
// first copies of a few pictures, then their second copies, and so on, so
// that writers asking one after another start on different pictures (all
// cores at work) and the copies made before they are asked for are few.
func Files(docs *content.Set, cache *Cache, known *filecache.Record) []output.File {
	var groups [][]output.File // each picture's copies, narrowest first
	done := map[string]bool{}
	busy := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	z := &scalers{m: map[[4]int]draw.Scaler{}}
	for _, list := range [][]*content.Doc{docs.Cases, docs.Sites, docs.Pages} {
		for _, d := range list {
			for _, p := range d.Pictures {
				if len(p.Variants) == 0 || done[p.Variants[0].To] {
					continue
				}
				m := &maker{variants: p.Variants, busy: busy, cache: cache, known: known, scalers: z}
				var g []output.File
				for _, v := range p.Variants {
					done[v.To] = true
					cache.list(v.To)
					g = append(g, output.File{Name: v.To, Reuse: true, From: cache.kept(v.To, known), Write: func(w io.Writer) error {
						b, err := m.take(v.To)
						if err == nil {
							_, err = w.Write(b)
						}
						return err
					}})
				}
				groups = append(groups, g)
			}
		}
	}
	var out []output.File
	for len(groups) > 0 {
		n := min(len(groups), 4*cap(busy))
		for i := 0; ; i++ {
			more := false
			for _, g := range groups[:n] {
				if i < len(g) {
					out, more = append(out, g[i]), true
				}
			}
			if !more {
				break
			}
		}
		groups = groups[n:]
	}
	return out
}

// maker makes the copies of one picture: the first asked for that the
// cache does not hold decodes the picture and makes them all, and keeps
// the others until they are asked for (once each: a build asks for each
// once).
type maker struct {
	variants []content.Variant // narrowest first
	busy     chan struct{}     // a place among the pictures being made
	cache    *Cache
	known    *filecache.Record
	scalers  *scalers

	mu   sync.Mutex
	made map[string][]byte
}

// take is the bytes of the copy named name.
func (m *maker) take(name string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if b, ok := m.made[name]; ok {
		delete(m.made, name)
		return b, nil
	}
	for _, v := range m.variants {
		if v.To != name {
			continue
		}
		if b, ok := m.cache.get(v, m.known); ok {
			return b, nil
		}
	}
	m.busy <- struct{}{}
	made, err := makeWith(m.variants, m.scalers)
	<-m.busy
	if err != nil {
		return nil, err
	}
	for _, v := range m.variants {
		m.cache.put(v.To, made[v.To])
	}
	b := made[name]
	delete(made, name)
	m.made = made
	return b, nil
}

// Make makes the copies of one picture (all of the same picture, as
// content lists them), by name.
func Make(vs []content.Variant) (map[string][]byte, error) { return makeWith(vs, nil) }

// makeWith is Make through the scalers z.
func makeWith(vs []content.Variant, z *scalers) (map[string][]byte, error) {
	if len(vs) == 0 {
		return nil, nil
	}
	from := vs[0].From
	f, err := os.Open(from)
	if err != nil {
		return nil, err
	}
	src, format, err := image.Decode(f)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", from, err)
	}
	out := map[string][]byte{}
	// Widest first, each from the one before: a 1440-pixel copy makes the
	// 720-pixel one as well as the photo would, in a fraction of the time.
	for i, v := range slices.Backward(slices.Clone(vs)) {
		w, h := v.W, v.H
		if v.Orient >= 5 { // scaled as stored, turned after
			w, h = h, w
		}
		b := src.Bounds()
		if k := min(b.Dx()/w, b.Dy()/h); i == len(vs)-1 && k >= 2 {
			src = shrink(src, k)
		} else if i == len(vs)-1 {
			src = rgba(src)
		}
		dst := image.NewRGBA(image.Rect(0, 0, w, h))
		z.of(w, h, src.Bounds().Dx(), src.Bounds().Dy()).Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
		src = dst
		var buf bytes.Buffer
		if err := encode(&buf, turn(dst, v.Orient), format, v.To); err != nil {
			return nil, fmt.Errorf("%s: %w", v.To, err)
		}
		out[v.To] = buf.Bytes()
	}
	return out, nil
}

// scalers are the Catmull-Rom scalers made for a build's pictures, by
// destination and source size: a scaler keeps the buffer it scales through
// (35-70 MB for a photo's widest copy) for the next picture of the same
// size, where Kernel.Scale makes a new one each time (a site's photos come
// from a few cameras, at a few sizes). The bytes are the same either way;
// the heap grows less far (a build of 50 photos: peak RSS 0.52-0.94 GB ->
// 0.59-0.65 GB).
type scalers struct {
	mu sync.Mutex
	m  map[[4]int]draw.Scaler
}

// maxScalers bounds how many sizes keep a scaler.
const maxScalers = 32

// of is the scaler from sw × sh to dw × dh; a nil scalers makes one.
func (z *scalers) of(dw, dh, sw, sh int) draw.Scaler {
	if z == nil {
		return draw.CatmullRom
	}
	z.mu.Lock()
	defer z.mu.Unlock()
	k := [4]int{dw, dh, sw, sh}
	sc, ok := z.m[k]
	if !ok {
		if len(z.m) >= maxScalers {
			clear(z.m)
		}
		sc = draw.CatmullRom.NewScaler(dw, dh, sw, sh)
		z.m[k] = sc
	}
	return sc
}

// encode writes m as the picture's own format.
func encode(w io.Writer, m image.Image, format, name string) error {
	switch {
	case format == "jpeg" && isExt(name, ".jpg", ".jpeg"):
		return jpeg.Encode(w, m, &jpeg.Options{Quality: Quality})
	case format == "png" && isExt(name, ".png"):
		return png.Encode(w, m)
	}
	return fmt.Errorf("no copies are made of a %s picture named %s", format, path.Base(name))
}

func isExt(name string, exts ...string) bool {
	return slices.Contains(exts, strings.ToLower(path.Ext(name)))
}
