package content

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"testing"
)

// sameAsStd checks readHead against image.DecodeConfig on b.
func sameAsStd(t *testing.T, name string, b []byte) (imageHead, bool) {
	t.Helper()
	got, ok := readHead(bufio.NewReader(bytes.NewReader(b)))
	cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
	if ok != (err == nil) {
		t.Fatalf("%s: readHead ok %v, image.DecodeConfig error %v", name, ok, err)
	}
	if !ok {
		return got, ok
	}
	_, pal := cfg.ColorModel.(color.Palette)
	want := imageHead{w: cfg.Width, h: cfg.Height, format: format, paletted: pal}
	if got != want {
		t.Fatalf("%s: readHead %+v, image.DecodeConfig %+v", name, got, want)
	}
	return got, ok
}

// headSamples are pictures of every kind image/jpeg and image/png read,
// whole, and a few made by hand, by name.
func headSamples(t testing.TB) map[string][]byte {
	enc := func(m image.Image, f func(*bytes.Buffer, image.Image) error) []byte {
		var b bytes.Buffer
		if err := f(&b, m); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	jpg := func(b *bytes.Buffer, m image.Image) error { return jpeg.Encode(b, m, nil) }
	pngf := func(b *bytes.Buffer, m image.Image) error { return png.Encode(b, m) }
	r := image.Rect(0, 0, 37, 21)
	pal := image.NewPaletted(r, color.Palette{color.White, color.Black, color.NRGBA{1, 2, 3, 4}})
	pal2 := image.NewPaletted(r, color.Palette{color.White, color.Black})
	s := map[string][]byte{
		"jpeg gray":     enc(image.NewGray(r), jpg),
		"jpeg colour":   enc(image.NewRGBA(r), jpg),
		"png gray":      enc(image.NewGray(r), pngf),
		"png gray16":    enc(image.NewGray16(r), pngf),
		"png rgb":       enc(opaque(r), pngf),
		"png rgba":      enc(image.NewNRGBA(r), pngf),
		"png rgba64":    enc(image.NewNRGBA64(r), pngf),
		"png palette":   enc(pal, pngf), // with transparency
		"png 1-bit":     enc(pal2, pngf),
		"gif":           enc(pal2, func(b *bytes.Buffer, m image.Image) error { return gif.Encode(b, m, nil) }),
		"not a picture": []byte("hello"),
	}
	// A JFIF file: its header is done at the frame, whatever follows.
	c := s["jpeg colour"]
	jfif := append([]byte{0xff, 0xd8, 0xff, 0xe0, 0, 16}, "JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"...)
	s["jfif"] = append(jfif, c[2:]...)
	sof := bytes.Index(s["jfif"], []byte{0xff, 0xc0})
	s["jfif, cut after the frame"] = s["jfif"][:sof+2+17]
	s["not jfif, cut after the frame"] = append(append([]byte(nil), c[:2]...), s["jfif"][len(jfif):sof+2+17]...)
	// Progressive, two frames, an end before any scan, a marker it does not read.
	s["progressive"] = bytes.Replace(c, []byte{0xff, 0xc0}, []byte{0xff, 0xc2}, 1)
	i := bytes.Index(c, []byte{0xff, 0xc0})
	s["two frames"] = append(append(append([]byte(nil), c[:i]...), c[i:i+19]...), c[i:]...)
	s["end before a scan"] = append(append([]byte(nil), c[:i+19]...), 0xff, 0xd9)
	s["lossless"] = bytes.Replace(c, []byte{0xff, 0xc0}, []byte{0xff, 0xc3}, 1)
	// Four components (CMYK): a frame header of 18 bytes in place of the
	// colour picture's 15.
	cmyk := []byte{0xff, 0xc0, 0, 20, 8, 0, 21, 0, 37, 4, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 4, 0x22, 0}
	s["jpeg cmyk"] = append(append(append([]byte(nil), c[:i]...), cmyk...), c[i+19:]...)
	fine := bytes.Clone(c) // chroma sampled finer than luma
	fine[i+11], fine[i+14], fine[i+17] = 0x11, 0x22, 0x22
	s["chroma finer than luma"] = fine
	s["extraneous bytes and fill"] = append(append([]byte{0xff, 0xd8, 1, 2, 0xff, 0, 0xff, 0xff, 0xd0}, c[2:i]...), c[i:]...)
	// PNG: a chunk before the header, a bad checksum, an end too soon.
	p := s["png palette"]
	text := pngChunk("tEXt", []byte("a\x00b"))
	s["png, text first"] = append(append(append([]byte(nil), p[:8]...), text...), p[8:]...)
	bad := append([]byte(nil), p...)
	bad[8+8+13]++ // the header's checksum
	s["png, bad header checksum"] = bad
	s["png, end at once"] = append(append([]byte(nil), p[:8+25]...), pngChunk("IEND", nil)...)
	return s
}

func opaque(r image.Rectangle) image.Image {
	m := image.NewRGBA(r)
	for i := range m.Pix {
		m.Pix[i] = 0xff
	}
	return m
}

func pngChunk(kind string, data []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	b = append(append(b, kind...), data...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[4:]))
}

// TestReadHead reads every sample, whole and cut at every length, as
// image.DecodeConfig does, and the sizes of the whole ones are right.
func TestReadHead(t *testing.T) {
	oks := 0
	for name, b := range headSamples(t) {
		for n := range len(b) + 1 {
			if _, ok := sameAsStd(t, name, b[:n]); ok {
				oks++
			}
		}
	}
	if oks < 1000 {
		t.Fatalf("only %d of the samples and their cuts are read: the samples should be pictures", oks)
	}
	// Every value of every byte of a JPEG's frame header (precision,
	// size, components, their sampling and tables) and of a PNG's header
	// (its checksum made again).
	for _, name := range []string{"jpeg colour", "jpeg gray", "jpeg cmyk", "jfif"} {
		b := headSamples(t)[name]
		sof := bytes.Index(b, []byte{0xff, 0xc0})
		for at := sof + 4; at < sof+4+int(b[sof+3])-2; at++ {
			for v := range 256 {
				c := bytes.Clone(b)
				c[at] = byte(v)
				sameAsStd(t, name, c)
			}
		}
	}
	for _, name := range []string{"png palette", "png rgba64"} {
		b := headSamples(t)[name]
		for at := 16; at < 16+13; at++ {
			for v := range 256 {
				c := bytes.Clone(b)
				c[at] = byte(v)
				binary.BigEndian.PutUint32(c[16+13:], crc32.ChecksumIEEE(c[12:16+13]))
				sameAsStd(t, name, c)
			}
		}
	}
	for _, name := range []string{"jpeg colour", "jpeg cmyk", "png palette", "jfif", "png, text first"} {
		h, ok := readHead(bufio.NewReader(bytes.NewReader(headSamples(t)[name])))
		if !ok || h.w != 37 || h.h != 21 || h.paletted != (name[0] == 'p') {
			t.Errorf("%s: %+v %v, want 37 × 21", name, h, ok)
		}
	}
}

// FuzzImageHead holds readHead to image.DecodeConfig.
func FuzzImageHead(f *testing.F) {
	for _, b := range headSamples(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) { sameAsStd(t, "input", b) })
}
