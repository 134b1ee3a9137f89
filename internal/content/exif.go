package content

import (
	"bytes"
	"encoding/binary"
	"io"
)

// orientation is the EXIF orientation (1–8) a JPEG's APP1 segment gives,
// or 1 when it gives none. Phones store a photo as the sensor saw it and
// say in this tag how to turn it: browsers turn it, so the sizes a page
// states and the copies a build makes must turn it too. r is at the start
// of the file; only the segments before the picture's data are read, and
// only an EXIF segment is read whole.
func orientation(r io.Reader) int {
	var b [4]byte
	if _, err := io.ReadFull(r, b[:2]); err != nil || b[0] != 0xFF || b[1] != 0xD8 {
		return 1
	}
	for {
		if _, err := io.ReadFull(r, b[:2]); err != nil || b[0] != 0xFF {
			return 1
		}
		marker := b[1]
		for marker == 0xFF { // fill bytes
			if _, err := io.ReadFull(r, b[1:2]); err != nil {
				return 1
			}
			marker = b[1]
		}
		switch {
		case marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7):
			continue // no length
		case marker == 0xDA || marker == 0xD9: // the picture's data: no tag after this
			return 1
		}
		if _, err := io.ReadFull(r, b[2:4]); err != nil {
			return 1
		}
		n := int64(binary.BigEndian.Uint16(b[2:4])) - 2
		if n < 0 {
			return 1
		}
		if marker != 0xE1 {
			if _, err := io.CopyN(io.Discard, r, n); err != nil {
				return 1
			}
			continue
		}
		seg := make([]byte, n)
		if _, err := io.ReadFull(r, seg); err != nil {
			return 1
		}
		if bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
			if o := tiffOrientation(seg[6:]); o != 0 {
				return o
			}
		}
	}
}

// tiffOrientation reads tag 0x0112 of the first IFD of a TIFF structure;
// 0 when it is not there or not valid.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 0
	}
	var bo binary.ByteOrder
	switch string(t[:4]) {
	case "II*\x00":
		bo = binary.LittleEndian
	case "MM\x00*":
		bo = binary.BigEndian
	default:
		return 0
	}
	off := int(bo.Uint32(t[4:8]))
	if off < 8 || off+2 > len(t) {
		return 0
	}
	count := int(bo.Uint16(t[off : off+2]))
	for i := range count {
		e := off + 2 + 12*i
		if e+12 > len(t) {
			return 0
		}
		if bo.Uint16(t[e:e+2]) != 0x0112 {
			continue
		}
		if typ := bo.Uint16(t[e+2 : e+4]); typ != 3 { // SHORT
			return 0
		}
		if v := int(bo.Uint16(t[e+8 : e+10])); v >= 1 && v <= 8 {
			return v
		}
		return 0
	}
	return 0
}
