package picture

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/content"
)

// photo is a w × h picture like a photo's: gradients, a disc, stripes and
// sensor noise, drawn with integers only (so the same on every machine).
func photo(w, h int, seed uint64) *image.RGBA {
	r := rand.New(rand.NewPCG(seed, 99))
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	cx, cy, rad := w/3, h/3, h/4
	for y := range h {
		for x := range w {
			n := r.IntN(24)
			c := color.RGBA{uint8(40 + 150*x/w + n), uint8(90 + 120*y/h + n/2), uint8(60 + 80*(x+y)/(w+h) + n), 255}
			if dx, dy := x-cx, y-cy; dx*dx+dy*dy < rad*rad {
				c = color.RGBA{uint8(220 - n), uint8(180 - n), uint8(40 + n), 255}
			}
			if (x/97+y/61)%7 == 0 {
				c.G /= 2
			}
			m.SetRGBA(x, y, c)
		}
	}
	return m
}

func write(t testing.TB, p string, m image.Image) {
	t.Helper()
	var b bytes.Buffer
	var err error
	if strings.HasSuffix(p, ".png") {
		err = png.Encode(&b, m)
	} else {
		err = jpeg.Encode(&b, m, &jpeg.Options{Quality: 90})
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// copies are the copies content names for a w × h picture (as shown), at
// the widths given, narrowest first.
func copies(from string, w, h, orient int, widths ...int) []content.Variant {
	var vs []content.Variant
	ext := filepath.Ext(from)
	for _, vw := range widths {
		vs = append(vs, content.Variant{To: fmt.Sprintf("%s.%dw%s", strings.TrimSuffix(filepath.Base(from), ext), vw, ext),
			W: vw, H: max(1, (h*vw+w/2)/w), From: from, Orient: orient})
	}
	return vs
}

func sum(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:8]) }

// TestSameBytes pins the copies' bytes: they must not change between runs,
// nor between amd64, arm64 and loong64 (make cross runs this test under
// qemu-user), nor unnoticed with a new x/image: a change to how copies are
// made must change content's variantRecipe too, so that no rebuild keeps a
// copy made the old way, and then these sums.
func TestSameBytes(t *testing.T) {
	dir := t.TempDir()
	want := map[string]string{
		"photo.160w.jpg": "546b51670119d25a",
		"photo.320w.jpg": "a30bdfb0d8932a69",
		"photo.400w.jpg": "e9f4f7b0d620f2fc",
		"chart.160w.png": "28c26f91b2413cb8",
		"chart.320w.png": "e6c04ba4f87574b1",
		"chart.400w.png": "0c191d2bebb02fc2",
	}
	// Small, so that the test is quick under qemu; the widest copy is made
	// by the box filter (900 → 450) then the kernel (450 → 400), the
	// others by the kernel from the one before, as a photo's are.
	jp, pp := filepath.Join(dir, "photo.jpg"), filepath.Join(dir, "chart.png")
	write(t, jp, photo(900, 600, 1))
	write(t, pp, photo(700, 300, 2))
	got := map[string]string{}
	for _, vs := range [][]content.Variant{copies(jp, 900, 600, 1, 160, 320, 400), copies(pp, 700, 300, 1, 160, 320, 400)} {
		made, err := Make(vs)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := Make(vs)
		for _, v := range vs {
			b := made[v.To]
			if !bytes.Equal(b, again[v.To]) {
				t.Errorf("%s: two makes differ", v.To)
			}
			m, format, err := image.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("%s: %v", v.To, err)
			}
			if m.Bounds().Dx() != v.W || m.Bounds().Dy() != v.H || format != strings.TrimPrefix(map[string]string{".jpg": "jpeg", ".png": "png"}[filepath.Ext(v.To)], "") {
				t.Errorf("%s: %s %v, want %dx%d", v.To, format, m.Bounds().Size(), v.W, v.H)
			}
			got[v.To] = sum(b)
		}
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: sum %s, want %s", name, got[name], w)
		}
	}
}

// TestTurn: each EXIF orientation puts the stored picture's top-left and
// top-right pixels where the specification's drawing of it does.
func TestTurn(t *testing.T) {
	const w, h = 3, 2
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range m.Pix {
		m.Pix[i] = uint8(i / 4)
	}
	tl, tr := m.RGBAAt(0, 0), m.RGBAAt(w-1, 0)
	for _, c := range []struct {
		o          int
		size       image.Point
		tlAt, trAt image.Point // where the stored top-left and top-right pixels are shown
	}{
		{1, image.Pt(3, 2), image.Pt(0, 0), image.Pt(2, 0)},
		{2, image.Pt(3, 2), image.Pt(2, 0), image.Pt(0, 0)}, // mirrored
		{3, image.Pt(3, 2), image.Pt(2, 1), image.Pt(0, 1)}, // half round
		{4, image.Pt(3, 2), image.Pt(0, 1), image.Pt(2, 1)}, // upside down mirror
		{5, image.Pt(2, 3), image.Pt(0, 0), image.Pt(0, 2)}, // transposed
		{6, image.Pt(2, 3), image.Pt(1, 0), image.Pt(1, 2)}, // a quarter clockwise
		{7, image.Pt(2, 3), image.Pt(1, 2), image.Pt(1, 0)}, // transversed
		{8, image.Pt(2, 3), image.Pt(0, 2), image.Pt(0, 0)}, // a quarter anticlockwise
	} {
		d := turn(m, c.o)
		if d.Bounds().Size() != c.size {
			t.Errorf("orientation %d: size %v, want %v", c.o, d.Bounds().Size(), c.size)
			continue
		}
		if d.RGBAAt(c.tlAt.X, c.tlAt.Y) != tl || d.RGBAAt(c.trAt.X, c.trAt.Y) != tr {
			t.Errorf("orientation %d: top-left at %v is %v, top-right at %v is %v", c.o, c.tlAt, d.RGBAAt(c.tlAt.X, c.tlAt.Y), c.trAt, d.RGBAAt(c.trAt.X, c.trAt.Y))
		}
	}
}

// TestMakeTurned: a photo stored on its side with EXIF orientation 6 gives
// upright copies of the size content names: the disc drawn near the
// stored top-left corner is shown near the top-right.
func TestMakeTurned(t *testing.T) {
	p := filepath.Join(t.TempDir(), "upright.jpg")
	write(t, p, photo(600, 400, 3)) // stored 600×400, shown 400×600
	vs := copies(p, 400, 600, 6, 100, 200)
	made, err := Make(vs)
	if err != nil {
		t.Fatal(err)
	}
	m, err := jpeg.Decode(bytes.NewReader(made[vs[1].To]))
	if err != nil {
		t.Fatal(err)
	}
	if m.Bounds().Size() != image.Pt(200, 300) {
		t.Fatalf("size %v, want 200×300", m.Bounds().Size())
	}
	// The disc: centre (200, 133) stored, so (400-1-133, 200) shown, and
	// half that in the copy; its mirror image has none.
	disc := func(x, y int) bool {
		r, _, b, _ := m.At(x, y).RGBA()
		return r>>8 > 180 && b>>8 < 120
	}
	if !disc(133, 100) || disc(66, 100) {
		t.Errorf("the disc is not where it should be shown")
	}
}

// TestFiles: every copy once, marked for reuse; a copy written twice (a
// preview asks again) is made again; the copies of one picture come from
// one decoding.
func TestFiles(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.jpg")
	write(t, p, photo(900, 600, 4))
	vs := copies(p, 900, 600, 1, 200, 400)
	pic := content.Picture{To: "a.jpg", W: 900, H: 600, Variants: vs}
	docs := &content.Set{Cases: []*content.Doc{{Pictures: []content.Picture{pic}}, {Pictures: []content.Picture{pic}}}}
	fs := Files(docs, nil, nil)
	if len(fs) != 2 || fs[0].Name != vs[0].To || fs[1].Name != vs[1].To || !fs[0].Reuse || !fs[1].Reuse {
		t.Fatalf("files %+v", fs)
	}
	want, _ := Make(vs)
	for _, i := range []int{1, 0, 0, 1} {
		var b bytes.Buffer
		if err := fs[i].Write(&b); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b.Bytes(), want[fs[i].Name]) {
			t.Errorf("%s: not the bytes Make makes", fs[i].Name)
		}
	}
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	if err := Files(docs, nil, nil)[0].Write(io.Discard); err == nil {
		t.Errorf("a copy of a missing picture was written")
	}

	// Pictures of one size share a build's scalers, and each still gets
	// its own bytes, the ones Make makes.
	var pics []content.Picture
	for i := range 3 {
		p := filepath.Join(dir, fmt.Sprintf("s%d.jpg", i))
		write(t, p, photo(900, 600, uint64(10+i)))
		pics = append(pics, content.Picture{To: filepath.Base(p), W: 900, H: 600, Variants: copies(p, 900, 600, 1, 200, 400)})
	}
	for _, f := range Files(&content.Set{Cases: []*content.Doc{{Pictures: pics}}}, nil, nil) {
		var b bytes.Buffer
		if err := f.Write(&b); err != nil {
			t.Fatal(err)
		}
		i := int(f.Name[1] - '0')
		if want, _ := Make(pics[i].Variants); !bytes.Equal(b.Bytes(), want[f.Name]) {
			t.Errorf("%s: not the bytes Make makes", f.Name)
		}
	}
}

// TestFilesOrder: the copies come a few pictures at a time, first copies
// first, so that writers taking them in turn decode different pictures.
func TestFilesOrder(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2)) // 8 pictures at a time
	docs := &content.Set{}
	for i := range 10 {
		from := fmt.Sprintf("p%d.jpg", i)
		docs.Cases = append(docs.Cases, &content.Doc{Pictures: []content.Picture{{To: from, W: 900, H: 600, Variants: copies(from, 900, 600, 1, 200, 400)}}})
	}
	var got []string
	for _, f := range Files(docs, nil, nil) {
		got = append(got, f.Name)
	}
	var want []string
	for _, r := range [][3]int{{0, 8, 200}, {0, 8, 400}, {8, 10, 200}, {8, 10, 400}} {
		for i := r[0]; i < r[1]; i++ {
			want = append(want, fmt.Sprintf("p%d.%dw.jpg", i, r[2]))
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %v,\nwant %v", got, want)
	}
}

// TestShrinkYCbCr: shrinking a JPEG's pixels as they are stored gives
// the average of color.YCbCrToRGB over each block, for every chroma
// subsampling, block size and ragged edge.
func TestShrinkYCbCr(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for _, ratio := range []image.YCbCrSubsampleRatio{image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio422,
		image.YCbCrSubsampleRatio420, image.YCbCrSubsampleRatio440, image.YCbCrSubsampleRatio411, image.YCbCrSubsampleRatio410} {
		for _, k := range []int{2, 3} {
			m := image.NewYCbCr(image.Rect(3, 1, 3+61, 1+37), ratio)
			for _, p := range [][]uint8{m.Y, m.Cb, m.Cr} {
				for i := range p {
					p[i] = uint8(r.IntN(256))
				}
			}
			got := shrink(m, k)
			for by := range got.Bounds().Dy() {
				for bx := range got.Bounds().Dx() {
					var sum [3]uint32
					n := uint32(0)
					for y := 1 + by*k; y < min(1+by*k+k, 38); y++ {
						for x := 3 + bx*k; x < min(3+bx*k+k, 64); x++ {
							c := m.YCbCrAt(x, y)
							cr, cg, cb := color.YCbCrToRGB(c.Y, c.Cb, c.Cr)
							sum[0], sum[1], sum[2], n = sum[0]+uint32(cr), sum[1]+uint32(cg), sum[2]+uint32(cb), n+1
						}
					}
					o := got.PixOffset(bx, by)
					for c := range 3 {
						if want := uint8((sum[c] + n/2) / n); got.Pix[o+c] != want {
							t.Fatalf("%v k=%d: pixel (%d,%d) channel %d is %d, want %d", ratio, k, bx, by, c, got.Pix[o+c], want)
						}
					}
				}
			}
		}
	}
}
