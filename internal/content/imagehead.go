package content

import (
	"bufio"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"io"
)

// imageHead is what a build needs of a picture's header: its size as
// stored, its format's name as image.DecodeConfig gives it, and whether
// its colours are a palette.
type imageHead struct {
	w, h     int
	format   string
	paletted bool
}

// readHead reads the header of the picture r is at, and reports whether
// image.DecodeConfig would have read it: the same answer, the same size,
// for every input (FuzzImageHead holds the two to it). A JPEG or a PNG is
// read here, on the buffered reader's own buffer; image.DecodeConfig made a
// JPEG decoder's 13 KB of tables or a PNG's 256-colour palette for each
// picture, 180 MB of garbage at 10,000 articles, and copied a JPEG's
// tables through its own buffer. Any other format is left to it.
func readHead(r *bufio.Reader) (imageHead, bool) {
	magic, _ := r.Peek(8)
	switch {
	case len(magic) >= 2 && magic[0] == 0xff && magic[1] == 0xd8:
		w, h, ok := jpegHead(r)
		return imageHead{w: w, h: h, format: "jpeg"}, ok
	case string(magic) == "\x89PNG\r\n\x1a\n":
		return pngHead(r)
	}
	cfg, format, err := image.DecodeConfig(r)
	if err != nil {
		return imageHead{}, false
	}
	_, pal := cfg.ColorModel.(color.Palette)
	return imageHead{w: cfg.Width, h: cfg.Height, format: format, paletted: pal}, true
}

// JPEG markers (ITU T.81, table B.1).
const (
	jpegSOF0 = 0xc0 // baseline
	jpegSOF1 = 0xc1 // extended sequential
	jpegSOF2 = 0xc2 // progressive
	jpegDHT  = 0xc4
	jpegRST0 = 0xd0
	jpegRST7 = 0xd7
	jpegEOI  = 0xd9
	jpegSOS  = 0xda
	jpegDQT  = 0xdb
	jpegDRI  = 0xdd
	jpegAPP0 = 0xe0
	jpegAPPF = 0xef
	jpegCOM  = 0xfe
)

// jpegHead walks a JPEG's segments as image/jpeg does when asked for its
// configuration only: up to its frame header when a JFIF segment came
// before it, else up to the first scan; extraneous bytes between segments
// and fill bytes are passed over, as there. It checks what that decoder
// checks of them: the frame's length, precision, component count and
// identifiers, quantisation table numbers and sampling factors, and that
// no segment is of a kind it does not read.
func jpegHead(r *bufio.Reader) (w, h int, ok bool) {
	var b [18]byte
	if _, err := io.ReadFull(r, b[:2]); err != nil || b[0] != 0xff || b[1] != 0xd8 {
		return 0, 0, false
	}
	nComp, jfif := 0, false
	for {
		if _, err := io.ReadFull(r, b[:2]); err != nil {
			return 0, 0, false
		}
		for b[0] != 0xff { // extraneous data, passed over
			c, err := r.ReadByte()
			if err != nil {
				return 0, 0, false
			}
			b[0], b[1] = b[1], c
		}
		marker := b[1]
		if marker == 0 {
			continue
		}
		for marker == 0xff { // fill bytes
			c, err := r.ReadByte()
			if err != nil {
				return 0, 0, false
			}
			marker = c
		}
		if marker == jpegEOI {
			return 0, 0, false // no scan: image/jpeg finds none either
		}
		if jpegRST0 <= marker && marker <= jpegRST7 {
			continue
		}
		if _, err := io.ReadFull(r, b[:2]); err != nil {
			return 0, 0, false
		}
		n := int(b[0])<<8 + int(b[1]) - 2
		if n < 0 {
			return 0, 0, false
		}
		switch {
		case marker == jpegSOF0 || marker == jpegSOF1 || marker == jpegSOF2:
			if nComp != 0 {
				return 0, 0, false
			}
			if nComp, ok = jpegFrame(r, b[:], n); !ok {
				return 0, 0, false
			}
			h, w = int(b[1])<<8+int(b[2]), int(b[3])<<8+int(b[4])
			if jfif {
				return w, h, true
			}
		case marker == jpegSOS:
			return w, h, nComp != 0
		case marker == jpegAPP0 && n >= 5:
			if _, err := io.ReadFull(r, b[:5]); err != nil {
				return 0, 0, false
			}
			jfif = string(b[:5]) == "JFIF\x00"
			if _, err := r.Discard(n - 5); err != nil {
				return 0, 0, false
			}
		case marker == jpegDHT || marker == jpegDQT || marker == jpegDRI ||
			jpegAPP0 <= marker && marker <= jpegAPPF || marker == jpegCOM:
			if _, err := r.Discard(n); err != nil {
				return 0, 0, false
			}
		default:
			return 0, 0, false
		}
	}
}

// jpegFrame reads a frame header of n bytes into b and checks it as
// image/jpeg does; it returns the number of components.
func jpegFrame(r *bufio.Reader, b []byte, n int) (int, bool) {
	nComp := (n - 6) / 3
	if n != 6+3*1 && n != 6+3*3 && n != 6+3*4 {
		return 0, false
	}
	if _, err := io.ReadFull(r, b[:n]); err != nil || b[0] != 8 || int(b[5]) != nComp {
		return 0, false
	}
	var hs, vs [4]int
	for i := range nComp {
		id, hv, tq := b[6+3*i], b[7+3*i], b[8+3*i]
		for j := range i {
			if b[6+3*j] == id {
				return 0, false
			}
		}
		h, v := int(hv>>4), int(hv&0x0f)
		if tq > 3 || h < 1 || h > 4 || v < 1 || v > 4 || h == 3 || v == 3 {
			return 0, false
		}
		switch nComp { // (a grey picture's sampling counts for nothing)
		case 3:
			switch i {
			case 0:
				if v == 4 {
					return 0, false
				}
			case 1:
				if hs[0]%h != 0 || vs[0]%v != 0 {
					return 0, false
				}
			case 2:
				if hs[1] != h || vs[1] != v {
					return 0, false
				}
			}
		case 4:
			switch i {
			case 0:
				if hv != 0x11 && hv != 0x22 {
					return 0, false
				}
			case 1, 2:
				if hv != 0x11 {
					return 0, false
				}
			case 3:
				if hs[0] != h || vs[0] != v {
					return 0, false
				}
			}
		}
		hs[i], vs[i] = h, v
	}
	return nComp, true
}

// PNG's stages, as image/png tells the chunks' order.
const (
	pngStart = iota
	pngSeenIHDR
	pngSeenPLTE
	pngSeenTRNS
	pngSeenIDAT
)

// pngHead reads a PNG's chunks as image/png does when asked for its
// configuration only: its header chunk, and for a palette picture the
// chunks up to its transparency or its first data, each chunk's checksum
// checked, each kind checked for its place and length.
func pngHead(r *bufio.Reader) (imageHead, bool) {
	var b [16]byte
	if _, err := io.ReadFull(r, b[:8]); err != nil || string(b[:8]) != "\x89PNG\r\n\x1a\n" {
		return imageHead{}, false
	}
	head := imageHead{format: "png"}
	stage, depth, colour := pngStart, 0, -1
	for !(head.paletted && stage >= pngSeenTRNS || !head.paletted && stage >= pngSeenIHDR) {
		if _, err := io.ReadFull(r, b[:8]); err != nil {
			return imageHead{}, false
		}
		length := binary.BigEndian.Uint32(b[:4])
		crc := crc32.Update(0, crc32.IEEETable, b[4:8])
		ok := true
		switch string(b[4:8]) {
		case "IHDR":
			if stage != pngStart || length != 13 {
				return imageHead{}, false
			}
			stage = pngSeenIHDR
			if _, err := io.ReadFull(r, b[:13]); err != nil {
				return imageHead{}, false
			}
			crc = crc32.Update(crc, crc32.IEEETable, b[:13])
			w, h := int32(binary.BigEndian.Uint32(b[0:4])), int32(binary.BigEndian.Uint32(b[4:8]))
			depth, colour = int(b[8]), int(b[9])
			if b[10] != 0 || b[11] != 0 || b[12] > 1 || w <= 0 || h <= 0 || !pngPixels(w, h) || !pngColour(depth, colour) {
				return imageHead{}, false
			}
			head.w, head.h, head.paletted = int(w), int(h), colour == 3
		case "PLTE":
			np := int(length / 3)
			if stage != pngSeenIHDR || length%3 != 0 || np <= 0 || np > 256 || np > 1<<uint(depth) ||
				colour != 3 && colour != 2 && colour != 6 {
				return imageHead{}, false
			}
			stage = pngSeenPLTE
			if crc, ok = pngData(r, crc, length); !ok {
				return imageHead{}, false
			}
		case "tRNS":
			switch {
			case head.paletted && stage != pngSeenPLTE,
				colour == 2 && stage != pngSeenIHDR && stage != pngSeenPLTE,
				!head.paletted && colour != 2 && stage != pngSeenIHDR:
				return imageHead{}, false
			}
			stage = pngSeenTRNS
			switch {
			case colour == 0 && length != 2, colour == 2 && length != 6, colour == 3 && length > 256,
				colour == 4 || colour == 6 || colour < 0:
				return imageHead{}, false
			}
			if crc, ok = pngData(r, crc, length); !ok {
				return imageHead{}, false
			}
		case "IDAT":
			if stage < pngSeenIHDR || stage > pngSeenIDAT || stage == pngSeenIHDR && head.paletted {
				return imageHead{}, false
			}
			// Only a palette picture reads on to here, and no further.
			stage = pngSeenIDAT
			continue
		case "IEND":
			return imageHead{}, false // before any data, where the header stops
		default:
			if length > 0x7fffffff {
				return imageHead{}, false
			}
			if crc, ok = pngData(r, crc, length); !ok {
				return imageHead{}, false
			}
		}
		if _, err := io.ReadFull(r, b[:4]); err != nil || binary.BigEndian.Uint32(b[:4]) != crc {
			return imageHead{}, false
		}
	}
	return head, true
}

// pngPixels is image/png's check that a picture's pixels can be counted,
// eight bytes each, in an int.
func pngPixels(w, h int32) bool {
	n64 := int64(w) * int64(h)
	n := int(n64)
	return int64(n) == n64 && n == (n*8)/8
}

// pngColour reports whether image/png reads pictures of this bit depth and
// colour type.
func pngColour(depth, colour int) bool {
	switch depth {
	case 1, 2, 4:
		return colour == 0 || colour == 3
	case 8:
		return colour == 0 || colour == 2 || colour == 3 || colour == 4 || colour == 6
	case 16:
		return colour == 0 || colour == 2 || colour == 4 || colour == 6
	}
	return false
}

// pngData passes over a chunk's n bytes of data, adding them to its
// checksum crc, read where the buffered reader holds them.
func pngData(r *bufio.Reader, crc uint32, n uint32) (uint32, bool) {
	for n > 0 {
		b, _ := r.Peek(int(min(n, uint32(r.Size()))))
		if len(b) == 0 {
			return crc, false
		}
		crc = crc32.Update(crc, crc32.IEEETable, b)
		r.Discard(len(b))
		n -= uint32(len(b))
	}
	return crc, true
}
