package content

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/routes"
)

// picFile writes a w × h picture to the site file p (a JPEG, or a PNG:
// full colour, or with a palette when paletted), the JPEG with EXIF
// orientation orient when it is not 1.
func picFile(t *testing.T, p string, w, h int, orient int, paletted bool, seed uint8) {
	t.Helper()
	var b bytes.Buffer
	var m image.Image
	if paletted {
		pm := image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{color.White, color.Black})
		pm.Pix[0] = seed % 2
		m = pm
	} else {
		rm := image.NewRGBA(image.Rect(0, 0, w, h))
		for i := range rm.Pix {
			rm.Pix[i] = uint8(i/4%251) + seed
		}
		m = rm
	}
	var err error
	if strings.HasSuffix(p, ".png") {
		err = png.Encode(&b, m)
	} else {
		err = jpeg.Encode(&b, m, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	if orient != 1 {
		data = append(append(append([]byte{}, data[:2]...), exifSegment(binary.BigEndian, orient)...), data[2:]...)
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

type byteOrder interface {
	binary.ByteOrder
	binary.AppendByteOrder
}

// exifSegment is an APP1 segment whose EXIF gives orientation o.
func exifSegment(bo byteOrder, o int) []byte {
	tiff := []byte("MM\x00*")
	if bo.String() == binary.LittleEndian.String() {
		tiff = []byte("II*\x00")
	}
	tiff = bo.AppendUint32(tiff, 8)
	tiff = bo.AppendUint16(tiff, 2)                                                                      // two entries
	tiff = bo.AppendUint16(bo.AppendUint16(bo.AppendUint32(bo.AppendUint32(tiff, 0x010F0002), 4), 0), 0) // Make, ASCII: not it
	tiff = bo.AppendUint16(bo.AppendUint16(tiff, 0x0112), 3)
	tiff = bo.AppendUint16(bo.AppendUint16(bo.AppendUint32(tiff, 1), uint16(o)), 0)
	tiff = bo.AppendUint32(tiff, 0)
	payload := append([]byte("Exif\x00\x00"), tiff...)
	return append([]byte{0xFF, 0xE1, byte((len(payload) + 2) >> 8), byte(len(payload) + 2)}, payload...)
}

func TestOrientation(t *testing.T) {
	soi := []byte{0xFF, 0xD8}
	app0 := []byte{0xFF, 0xE0, 0x00, 0x06, 'J', 'F', 'I', 'F'}
	seg := func(bo byteOrder, o int) []byte { return exifSegment(bo, o) }
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	for _, c := range []struct {
		name string
		head []byte
		want int
	}{
		{"big-endian 6", cat(soi, seg(binary.BigEndian, 6)), 6},
		{"little-endian 8", cat(soi, seg(binary.LittleEndian, 8)), 8},
		{"after JFIF", cat(soi, app0, seg(binary.BigEndian, 3)), 3},
		{"fill bytes", cat(soi, []byte{0xFF}, seg(binary.LittleEndian, 5)), 5},
		{"none", cat(soi, app0, []byte{0xFF, 0xDA, 0, 2}), 1},
		{"after the picture's data", cat(soi, []byte{0xFF, 0xDA, 0, 2}, seg(binary.BigEndian, 6)), 1},
		{"out of range", cat(soi, seg(binary.BigEndian, 9)), 1},
		{"truncated", cat(soi, seg(binary.BigEndian, 6))[:20], 1},
		{"not a JPEG", []byte("\x89PNG\r\n\x1a\n"), 1},
		{"empty", nil, 1},
	} {
		if got := orientation(bytes.NewReader(c.head)); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
}

func FuzzOrientation(f *testing.F) {
	f.Add(append([]byte{0xFF, 0xD8}, exifSegment(binary.LittleEndian, 6)...))
	f.Add([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x02})
	f.Fuzz(func(t *testing.T, b []byte) {
		if o := orientation(bytes.NewReader(b)); o < 1 || o > 8 {
			t.Fatalf("orientation %d", o)
		}
	})
}

// TestPictures: a wide JPEG or full-colour PNG gets copies 360, 720, 1080
// and 1440 pixels wide (those a tenth narrower than it at least), named by
// its bytes; a narrow one, a palette PNG, an SVG get
// none, and a narrow one's bytes are not even read; a photo's EXIF turn is
// applied to its size; the cover comes first and is the list's thumbnail;
// the body's <img> has src (the largest copy), srcset, sizes, width and
// height, lazy loading after the first picture, async decoding.
func TestPictures(t *testing.T) {
	src := t.TempDir()
	dir := filepath.Join(src, "content", "cases")
	picFile(t, filepath.Join(src, "static", "images", "cover.jpg"), 3000, 2000, 1, false, 1)
	picFile(t, filepath.Join(dir, "wide.jpg"), 2000, 1000, 1, false, 2)
	picFile(t, filepath.Join(dir, "same.jpg"), 2000, 1000, 1, false, 2) // the same bytes, another name
	picFile(t, filepath.Join(dir, "narrow.jpg"), 800, 450, 1, false, 3)
	picFile(t, filepath.Join(dir, "upright.jpg"), 2000, 1500, 6, false, 4)
	picFile(t, filepath.Join(dir, "shot.png"), 1600, 900, 1, true, 5)
	picFile(t, filepath.Join(dir, "photo.png"), 1600, 900, 1, false, 6)
	md := `---
title: 图片
date: 2022-06-01
cover: images/cover.jpg
caption: 封面图说
---
![宽图](wide.jpg)

![同一张](same.jpg)

![窄图](narrow.jpg)

![竖拍](upright.jpg)

![截图](shot.png)

![照片](photo.png)
`
	ps := NewParser(src, Options{})
	var l diag.List
	d := ps.Parse(Case, "content/cases/x.md", []byte(md), &l)
	if d == nil || l.Errors() > 0 {
		var b strings.Builder
		l.Print(&b, "en")
		t.Fatalf("parse: %s", b.String())
	}
	if len(d.Pictures) != 7 {
		t.Fatalf("%d pictures, want 7", len(d.Pictures))
	}
	sum := regexp.MustCompile(`^([a-z/]+)\.(\d+)w\.([0-9a-f]{8})\.(jpg|png)$`)
	check := func(p Picture, to string, w, h int, widths ...int) string {
		t.Helper()
		if p.To != to || p.W != w || p.H != h {
			t.Errorf("%s: %s %dx%d, want %s %dx%d", to, p.To, p.W, p.H, to, w, h)
		}
		if len(p.Variants) != len(widths) {
			t.Fatalf("%s: copies %v, want %v wide", to, p.Variants, widths)
		}
		var hash string
		for i, v := range p.Variants {
			m := sum.FindStringSubmatch(v.To)
			wantW := widths[i]
			if m == nil || m[1]+"."+m[4] != to || m[2] != fmt.Sprint(wantW) || v.W != wantW || v.H != (h*wantW+w/2)/w {
				t.Errorf("%s: copy %+v", to, v)
			}
			if i > 0 && m != nil && m[3] != hash {
				t.Errorf("%s: copies named by different sums", to)
			}
			if m != nil {
				hash = m[3]
			}
		}
		return hash
	}
	all := []int{360, 720, 1080, 1440}
	cover := check(d.Pictures[0], "images/cover.jpg", 3000, 2000, all...)
	wide := check(d.Pictures[1], "cases/x/wide.jpg", 2000, 1000, all...)
	same := check(d.Pictures[2], "cases/x/same.jpg", 2000, 1000, all...)
	check(d.Pictures[3], "cases/x/narrow.jpg", 800, 450)
	check(d.Pictures[4], "cases/x/upright.jpg", 1500, 2000, 360, 720, 1080) // stored 2000×1500, turned a quarter; 1440 is too near 1500
	check(d.Pictures[5], "cases/x/shot.png", 1600, 900)
	check(d.Pictures[6], "cases/x/photo.png", 1600, 900, all...)
	if wide != same || wide == cover {
		t.Errorf("sums: wide %s, same bytes %s, cover %s", wide, same, cover)
	}
	narrow := filepath.Join(dir, "narrow.jpg")
	fi, _ := os.Lstat(narrow)
	if ps.pics.info(narrow, fi).sum != "" {
		t.Errorf("a narrow picture's bytes were summed")
	}
	if d.CoverPicture() != &d.Pictures[0] || d.Thumb() != &d.Pictures[0] || d.Pictures[0].Alt != "封面图说" {
		t.Errorf("cover %v, thumb %v", d.CoverPicture(), d.Thumb())
	}
	html := d.String(routes.Dirs)
	wantImg := fmt.Sprintf(`<p><img src="../../cases/x/wide.1440w.%[1]s.jpg" alt="宽图" width="1440" height="720" loading="lazy" decoding="async" srcset="../../cases/x/wide.360w.%[1]s.jpg 360w, ../../cases/x/wide.720w.%[1]s.jpg 720w, ../../cases/x/wide.1080w.%[1]s.jpg 1080w, ../../cases/x/wide.1440w.%[1]s.jpg 1440w, ../../cases/x/wide.jpg 2000w" sizes="%[2]s"></p>`, wide, BodySizes)
	if !strings.Contains(html, wantImg) {
		t.Errorf("body:\n%s\nwant in it:\n%s", html, wantImg)
	}
	if !strings.Contains(html, `<p><img src="../../cases/x/narrow.jpg" alt="窄图" width="800" height="450" loading="lazy" decoding="async"></p>`) {
		t.Errorf("narrow picture:\n%s", html)
	}
	// Without a cover, the body's first picture is the thumbnail and loads at once.
	d2 := ps.Parse(Case, "content/cases/y.md", []byte("---\ntitle: 无封面\ndate: 2022-06-01\n---\n![宽图](wide.jpg)\n\n![窄图](narrow.jpg)\n"), &l)
	if d2.CoverPicture() != nil || d2.Thumb() == nil || d2.Thumb().To != "cases/y/wide.jpg" || d2.Thumb().Alt != "宽图" {
		t.Errorf("no cover: cover %v, thumb %v", d2.CoverPicture(), d2.Thumb())
	}
	if h := d2.String(routes.Dirs); strings.Count(h, "loading=") != 1 || !strings.Contains(h, `height="720" decoding="async" srcset=`) {
		t.Errorf("the first picture should load at once, the others lazily:\n%s", h)
	}
	// Each picture file is read once, however many documents show it.
	if n := len(ps.pics.m); n != 7 {
		t.Errorf("%d picture files read, want 7", n)
	}
}

// TestPicturesUnsafe: where raw HTML is allowed, the sanitiser keeps a
// picture's srcset and sizes.
func TestPicturesUnsafe(t *testing.T) {
	src := t.TempDir()
	picFile(t, filepath.Join(src, "content", "cases", "wide.jpg"), 2000, 1000, 1, false, 2)
	ps := NewParser(src, Options{UnsafeHTML: true})
	var l diag.List
	d := ps.Parse(Case, "content/cases/x.md", []byte("---\ntitle: 图片\ndate: 2022-06-01\n---\n<b>粗</b>\n\n![宽图](wide.jpg)\n"), &l)
	if d == nil {
		t.Fatal("no document")
	}
	h := d.String(routes.Dirs)
	if !strings.Contains(h, ` srcset="../../cases/x/wide.360w.`) || !strings.Contains(h, ` sizes="`+BodySizes+`"`) || !strings.Contains(h, `decoding="async"`) {
		t.Errorf("sanitised body lost the copies:\n%s", h)
	}
}

func TestBylines(t *testing.T) {
	for _, c := range []struct {
		authors []string
		want    string
	}{
		{[]string{"本报记者 吴沛冲", "通讯员 吕昌明"}, "本报记者:吴沛冲 | 通讯员:吕昌明"},
		{[]string{"本报记者 吴沛冲 通讯员 吕昌明"}, "本报记者:吴沛冲 | 通讯员:吕昌明"},
		{[]string{"本报记者 李桀", "本报记者 万旭"}, "本报记者:李桀、万旭"},
		{[]string{"本报记者 李桀 万旭 实习生 王一"}, "本报记者:李桀、万旭 | 实习生:王一"},
		{[]string{"李菊娟"}, ":李菊娟"},
		{[]string{"张三", "李四"}, ":张三、李四"},
		{[]string{"记者：赵六", "摄影 孙七"}, "记者:赵六 | 摄影:孙七"},
		{[]string{"通讯员:钱七", "摄影：孙七：周八"}, "通讯员:钱七 | 摄影:孙七：、周八"},
		{[]string{"本报评论员"}, ":本报评论员"},
		{[]string{"特约通讯员 周八", "文/图 吴九"}, "特约通讯员:周八 | 文/图:吴九"},
		{[]string{"Jane Doe", "John Roe"}, ":Jane Doe、John Roe"},
		{[]string{"李文", "刘图"}, ":李文、刘图"}, // names ending in 文 or 图 are names
		{nil, ""},
	} {
		d := &Doc{Authors: c.authors}
		var parts []string
		for _, b := range d.Bylines() {
			parts = append(parts, b.Role+":"+strings.Join(b.Names, "、"))
		}
		if got := strings.Join(parts, " | "); got != c.want {
			t.Errorf("%q: %q, want %q", c.authors, got, c.want)
		}
	}
}

// TestThemeSizes: the default theme's pictures state the same column
// width as the body's pictures do, so that a cover and a picture in the
// text load the same copy.
func TestThemeSizes(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "themes", "default", "layouts", "partials", "picture.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `sizes="`+BodySizes+`"`) {
		t.Errorf("partials/picture.html does not give pictures sizes=%q, as content.BodySizes does", BodySizes)
	}
}

// TestSummaryBeforeFigure: a picture with a caption after the first
// paragraph is not taken into the summary.
func TestSummaryBeforeFigure(t *testing.T) {
	src := t.TempDir()
	picFile(t, filepath.Join(src, "content", "cases", "a.jpg"), 400, 300, 1, false, 1)
	var l diag.List
	d := NewParser(src, Options{}).Parse(Case, "content/cases/x.md", []byte("---\ntitle: 图\ndate: 2022-06-01\n---\n茶园扩大了。\n\n![茶农采茶](a.jpg \"茶农在茶园里采茶\")\n"), &l)
	if d == nil || d.Summary != "茶园扩大了。" {
		t.Errorf("summary %q", d.Summary)
	}
}

// TestPictureHeadBeyond reads a JPEG whose EXIF lies past the head read
// at once (behind two large APP2 segments): its orientation and its sum
// still come from the whole file.
func TestPictureHeadBeyond(t *testing.T) {
	dir := t.TempDir()
	plain := filepath.Join(dir, "plain.jpg")
	picFile(t, plain, 2000, 1500, 1, false, 9)
	data, err := os.ReadFile(plain)
	if err != nil {
		t.Fatal(err)
	}
	pad := make([]byte, 65533)
	for i := range pad {
		pad[i] = byte(i)
	}
	app2 := append([]byte{0xFF, 0xE2, 0xFF, 0xFF}, pad...)
	var b []byte
	b = append(b, data[:2]...)
	b = append(b, app2...)
	b = append(b, app2...)
	b = append(b, exifSegment(binary.BigEndian, 6)...)
	b = append(b, data[2:]...)
	if 2+2*len(app2) <= headSize {
		t.Fatalf("the EXIF (after %d bytes) lies within the head", 2+2*len(app2))
	}
	p := filepath.Join(dir, "far.jpg")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Lstat(p)
	info := newPictures(nil).info(p, fi)
	sum := fmt.Sprintf("%08x", crc32.Checksum(append([]byte(variantRecipe), b...), crc32.MakeTable(crc32.Castagnoli)))
	if info.w != 1500 || info.h != 2000 || info.orient != 6 || info.sum != sum {
		t.Errorf("info %+v, want 1500×2000, orientation 6, sum %s", info, sum)
	}
}

// FuzzPictureNote: a picture's note in the record of known files is read
// without panicking, and what is read is written back the same.
func FuzzPictureNote(f *testing.F) {
	f.Add("800 450 1 -")
	f.Add("4000 2250 6 0a1b2c3d")
	f.Add("1 1 9 zz")
	f.Fuzz(func(t *testing.T, s string) {
		info, ok := parseInfo(s)
		if !ok {
			return
		}
		if again, ok := parseInfo(info.String()); !ok || again != info {
			t.Fatalf("%q: %+v read back as %+v (%v)", s, info, again, ok)
		}
		if info.orient < 1 || info.orient > 8 || info.w < 0 || info.h < 0 {
			t.Fatalf("%q: read as %+v", s, info)
		}
	})
}
