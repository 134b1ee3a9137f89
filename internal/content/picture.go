package content

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	_ "image/gif" // the image formats editors use
	_ "image/jpeg"
	_ "image/png"
	"io"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/qingdan/qingdan/internal/filecache"
	"github.com/qingdan/qingdan/internal/fileio"
	"github.com/qingdan/qingdan/internal/routes"
)

// A picture wider than largeWidth (a phone's 4000-pixel photo) gets
// smaller copies, so that a reader on a phone, who pays for data, loads
// one of the size the phone shows. A narrower picture gets none and costs
// nothing.
const (
	largeWidth = 1280
	// maxPixels bounds the pictures copies are made of: decoding one takes
	// four bytes a pixel. A larger one is published as it is.
	maxPixels = 64 << 20
	// variantRecipe is summed into every copy's name with the picture's
	// bytes: a change to how copies are made (size, quality, kernel) must
	// change it, so that no build keeps a copy made the old way.
	variantRecipe = "qingdan picture copies 1: box then Catmull-Rom, JPEG quality 80\n"
)

// copyWidths are the widths of a wide picture's copies. A browser takes
// the narrowest copy at least as wide as the picture's place on the screen
// in device pixels, so they are chosen to fit the places the theme has:
// the article column (about 300–350 pixels on a phone, at 2 or 3 device
// pixels each: 720 and 1080; 656 on a computer, at 1 or 2: 720 and 1440),
// and a list's thumbnail (128 at 1 to 2.8: 360).
func copyWidths() []int { return []int{360, 720, 1080, 1440} }

// BodySizes is the sizes attribute of a picture in a document's body: the
// width of the default theme's article column (41rem from a 46rem-wide
// window up; below, the window less the margins and the article's padding).
const BodySizes = "(min-width: 46rem) 41rem, (min-width: 40rem) calc(100vw - 5rem), calc(100vw - 4rem)"

// Picture is a picture a document shows, as the site publishes it.
type Picture struct {
	To   string // its site-relative path as published
	W, H int    // its size in pixels as shown (a photo's EXIF turn applied); 0 when unknown
	Alt  string // what it shows: its alt text, or a cover's caption
	// Variants are the smaller copies made of it, narrowest first; none
	// for a picture that would gain nothing.
	Variants []Variant
	cover    bool // the front matter's cover
}

// Variant is a smaller copy of a picture, made when the site is written.
type Variant struct {
	To     string // its site-relative path: photo.640w.1a2b3c4d.jpg, named by the picture's bytes
	W, H   int    // its size in pixels
	From   string // the picture's file
	Orient int    // the picture's EXIF orientation (1–8), which the copy applies
}

// Src is the address a browser that reads no srcset loads: the largest
// copy, else the picture itself.
func (p *Picture) Src() string {
	if n := len(p.Variants); n > 0 {
		return p.Variants[n-1].To
	}
	return p.To
}

// SrcW and SrcH are the size of Src, 0 when unknown.
func (p *Picture) SrcW() int {
	if n := len(p.Variants); n > 0 {
		return p.Variants[n-1].W
	}
	return p.W
}

// SrcH: see SrcW.
func (p *Picture) SrcH() int {
	if n := len(p.Variants); n > 0 {
		return p.Variants[n-1].H
	}
	return p.H
}

// Candidates are the pictures of a srcset: the copies, then the picture
// itself; nil when it has no copies.
func (p *Picture) Candidates() []Variant {
	if len(p.Variants) == 0 {
		return nil
	}
	return append(p.Variants[:len(p.Variants):len(p.Variants)], Variant{To: p.To, W: p.W, H: p.H})
}

// CoverPicture is the front matter's cover, or nil.
func (d *Doc) CoverPicture() *Picture {
	if len(d.Pictures) > 0 && d.Pictures[0].cover {
		return &d.Pictures[0]
	}
	return nil
}

// Thumb is the picture a list of documents shows for this one: its cover,
// else the first picture of its body; nil when it shows none.
func (d *Doc) Thumb() *Picture {
	if len(d.Pictures) > 0 {
		return &d.Pictures[0]
	}
	return nil
}

// cover reads the front matter's cover, a file under static/, as the
// document's first picture (build.resolve reports one that is missing).
func (ps *Parser) cover(d *Doc) {
	if d.Cover == "" {
		return
	}
	clean := path.Clean("/" + strings.ReplaceAll(d.Cover, `\`, "/"))
	file := filepath.Join(ps.src, "static", filepath.FromSlash(clean))
	fi, ok := fileio.Regular(file)
	if clean == "/" || !ok || !imageType(file) {
		return
	}
	alt := d.Caption
	if alt == "" {
		alt = d.Title
	}
	pic := ps.pics.picture(file, fi, clean[1:], alt)
	pic.cover = true
	d.Pictures = append(d.Pictures, pic)
}

// picInfo is what a build knows of a picture file.
type picInfo struct {
	w, h   int    // as shown; 0 when unknown
	orient int    // EXIF orientation, 1 when none
	sum    string // a short sum of the bytes, when copies are made of it
}

// pictures reads each picture file once, however many documents show it:
// its size from its header, and, for one that gets copies, a sum of its
// bytes. A file is read again when its size or time changed (serve keeps
// the reader between builds). Safe for concurrent use.
type pictures struct {
	mu      sync.Mutex
	m       map[string]*picEntry
	heads   sync.Pool         // *[headSize]byte, the buffers pictures' heads are read into
	readers sync.Pool         // *bufio.Reader
	known   *filecache.Record // what earlier builds read (nil: nothing)
}

type picEntry struct {
	size, mtime int64
	once        sync.Once
	info        picInfo
}

func newPictures(known *filecache.Record) *pictures {
	return &pictures{m: map[string]*picEntry{}, known: known}
}

// info reads the picture file p, once while it does not change (as fi,
// its Lstat, says).
func (ps *pictures) info(p string, fi os.FileInfo) picInfo {
	ps.mu.Lock()
	e := ps.m[p]
	if e == nil || e.size != fi.Size() || e.mtime != fi.ModTime().UnixNano() {
		e = &picEntry{size: fi.Size(), mtime: fi.ModTime().UnixNano()}
		ps.m[p] = e
	}
	ps.mu.Unlock()
	e.once.Do(func() {
		if s, ok := ps.known.Info(p, fi); ok {
			if info, ok := parseInfo(s); ok {
				e.info = info
				return
			}
		}
		e.info = ps.read(p)
		if e.info.w > 0 && e.info.h > 0 { // what could not be read is tried again
			ps.known.NoteInfo(p, fi, e.info.String())
		}
	})
	return e.info
}

// RecordVersion is what the notes content leaves in a filecache.Record
// mean: their format, and the recipe the sums in the copies' names have.
const RecordVersion = "picture 1: w h orient sum; " + variantRecipe

// String is the picture's note in a filecache.Record: width, height,
// orientation and sum ("-" when none), space-separated.
func (i picInfo) String() string {
	sum := i.sum
	if sum == "" {
		sum = "-"
	}
	return strconv.Itoa(i.w) + " " + strconv.Itoa(i.h) + " " + strconv.Itoa(i.orient) + " " + sum
}

// parseInfo reads a note String wrote.
func parseInfo(s string) (picInfo, bool) {
	f := strings.Fields(s)
	if len(f) != 4 {
		return picInfo{}, false
	}
	var n [3]int
	for i := range n {
		v, err := strconv.Atoi(f[i])
		if err != nil || v < 0 {
			return picInfo{}, false
		}
		n[i] = v
	}
	info := picInfo{w: n[0], h: n[1], orient: n[2]}
	if f[3] != "-" {
		if len(f[3]) != 8 {
			return picInfo{}, false
		}
		if _, err := hex.DecodeString(f[3]); err != nil {
			return picInfo{}, false
		}
		info.sum = f[3]
	}
	return info, info.orient >= 1 && info.orient <= 8
}

// picture is the picture file file (fi its Lstat), published as to, with
// its copies.
func (ps *pictures) picture(file string, fi os.FileInfo, to, alt string) Picture {
	info := ps.info(file, fi)
	pic := Picture{To: to, W: info.w, H: info.h, Alt: alt}
	if info.sum == "" {
		return pic
	}
	for _, w := range copyWidths() {
		if w*10 > info.w*9 { // a copy within a tenth of the picture gains little
			break
		}
		name := variantName(to, w, info.sum)
		if name == "" {
			return Picture{To: to, W: info.w, H: info.h, Alt: alt}
		}
		h := max(1, (info.h*w+info.w/2)/info.w)
		pic.Variants = append(pic.Variants, Variant{To: name, W: w, H: h, From: file, Orient: info.orient})
	}
	return pic
}

// variantName names the copy of the picture to at width w: the picture's
// name with the width and the sum of its bytes before the extension
// (photo.jpg → photo.640w.1a2b3c4d.jpg), so that a new picture under the
// old name gets new copies and an unchanged one keeps them. "" when the
// name would be too long to write.
func variantName(to string, w int, sum string) string {
	dir, base := path.Split(to)
	ext := path.Ext(base)
	name := strings.TrimSuffix(base, ext) + "." + strconv.Itoa(w) + "w." + sum + ext
	if len(name) > MaxName || len(dir)+len(name) > MaxPath {
		return ""
	}
	return dir + name
}

// read reads a picture's size (PNG, JPEG and GIF from their
// headers, a JPEG turned as its EXIF orientation says; SVG from its width
// and height or viewBox) and, for a JPEG or PNG photo wider than
// largeWidth, the sum its copies are named by.
func (ps *pictures) read(p string) picInfo {
	info := picInfo{orient: 1}
	if strings.EqualFold(filepath.Ext(p), ".svg") {
		info.w, info.h, _ = svgSize(p)
		return info
	}
	f, err := fileio.Open(p)
	if err != nil {
		return info
	}
	defer f.Close()
	// A picture's header, and mostly a JPEG's EXIF, come first: one read
	// takes them, and the file is read on only for what lies further.
	buf, _ := ps.heads.Get().(*[headSize]byte)
	if buf == nil {
		buf = new([headSize]byte)
	}
	defer ps.heads.Put(buf)
	n, _ := io.ReadFull(f, buf[:])
	head := buf[:n]
	whole := func() io.Reader {
		if _, err := f.Seek(int64(len(head)), io.SeekStart); err != nil {
			return bytes.NewReader(nil)
		}
		return io.MultiReader(bytes.NewReader(head), f)
	}
	// The decoders read through a buffered reader, which they would
	// otherwise each make.
	br, _ := ps.readers.Get().(*bufio.Reader)
	if br == nil {
		br = bufio.NewReaderSize(nil, tailSize)
	}
	defer func() {
		br.Reset(nil) // not holding on to the file
		ps.readers.Put(br)
	}()
	br.Reset(whole())
	ih, ok := readHead(br)
	if !ok {
		return info
	}
	info.w, info.h = ih.w, ih.h
	if ih.format == "jpeg" {
		br.Reset(whole()) // orientation reads a few bytes at a time
		info.orient = orientation(br)
		if info.orient >= 5 { // turned a quarter: width and height trade places
			info.w, info.h = info.h, info.w
		}
	}
	if !copiable(p, ih) || info.w <= largeWidth {
		return info
	}
	// CRC-32C, which the processor computes (SSE 4.2, ARMv8): a name
	// needs 32 bits that change with the bytes, and a build reads every
	// wide photo for them (SHA-256 was a third of a build's CPU with the
	// copies kept: 200 photos of 1.4 MB).
	h := crc32.New(crc32.MakeTable(crc32.Castagnoli))
	io.WriteString(h, variantRecipe)
	if _, err := io.Copy(h, whole()); err != nil {
		return info
	}
	info.sum = hex.EncodeToString(h.Sum(nil))
	return info
}

// headSize is how much of a picture is read at once for its size and
// orientation (reading all of a 50 KB picture cost a third more). A PNG's
// size is in its first 33 bytes, and a JPEG without EXIF has it within a
// few hundred; reading 20,000 such pictures' first 4 KB took 0.21-0.24 s
// of system time against 0.32-0.37 s for 16 KB (the page cache copies what
// is read). A photo whose EXIF goes further is read on through a buffer of
// tailSize, a few reads more for EXIF thumbnails of tens of kilobytes.
const (
	headSize = 4 << 10
	tailSize = 16 << 10
)

// copiable reports whether smaller copies are made of a picture: a JPEG
// or a full-colour PNG (a palette PNG, a drawing or a screenshot, is
// smaller as it is) named as what it is, not so large that decoding it
// would take too much memory. (Only one wider than largeWidth as shown
// gains anything.)
func copiable(p string, head imageHead) bool {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".jpg", ".jpeg":
		if head.format != "jpeg" {
			return false
		}
	case ".png":
		if head.format != "png" || head.paletted {
			return false
		}
	default:
		return false
	}
	return head.w > 0 && head.h > 0 && int64(head.w)*int64(head.h) <= maxPixels
}

// srcsetKey is the attribute an image with smaller copies carries them in
// (a []Variant); no HTML attribute filter lets it through to the page.
const srcsetKey = "qdsrcset"

// withSrcset renders an image with def, then, for one with smaller
// copies, its srcset and sizes: each copy's address is an open place the
// render fills in, as the image's own is.
func withSrcset(def renderer.NodeRendererFunc) renderer.NodeRendererFunc {
	return func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		s, err := def(w, source, n, entering)
		mw, isMW := w.(*markWriter)
		v, _ := n.AttributeString(srcsetKey)
		set, ok := v.([]Variant)
		if err != nil || !entering || !isMW || !ok {
			return s, err
		}
		if b := mw.Bytes(); len(b) == 0 || b[len(b)-1] != '>' {
			return s, fmt.Errorf("goldmark ended an image with %q where %q was expected", b[max(len(b)-1, 0):], ">")
		}
		mw.Truncate(mw.Len() - 1)
		mw.WriteString(` srcset="`)
		for i, c := range set {
			if i > 0 {
				mw.WriteString(", ")
			}
			mw.marks = append(mw.marks, Mark{At: mw.Len(), To: routes.To(routes.File, c.To)})
			mw.WriteString(" " + strconv.Itoa(c.W) + "w")
		}
		mw.WriteString(`" sizes="` + BodySizes + `">`)
		return s, err
	}
}
