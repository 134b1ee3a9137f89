package picture

import "image"

// turn shows m as EXIF orientation o (1–8) says it is to be shown: a copy
// carries no EXIF, so it is turned (or mirrored) here.
func turn(m *image.RGBA, o int) *image.RGBA {
	if o <= 1 || o > 8 {
		return m
	}
	w, h := m.Rect.Dx(), m.Rect.Dy()
	dw, dh := outSize(w, h, o)
	d := image.NewRGBA(image.Rect(0, 0, dw, dh))
	remap(d.Pix, d.Stride, dw, dh, m.Pix, m.Stride, w, h, 4, o)
	return d
}

// outSize is the size of a w × h picture shown as orientation o says.
func outSize(w, h, o int) (int, int) {
	if o >= 5 {
		return h, w
	}
	return w, h
}

// remap fills the shown picture (dw × dh) from the stored one (w × h),
// bpp bytes a pixel: shown pixel (x, y) is stored pixel (sx, sy), by the
// EXIF specification's eight orientations.
func remap(dst []byte, dstride, dw, dh int, src []byte, sstride, w, h, bpp, o int) {
	for y := range dh {
		for x := range dw {
			var sx, sy int
			switch o {
			case 2: // mirrored left to right
				sx, sy = w-1-x, y
			case 3: // turned half round
				sx, sy = w-1-x, h-1-y
			case 4: // mirrored top to bottom
				sx, sy = x, h-1-y
			case 5: // mirrored along the top-left diagonal
				sx, sy = y, x
			case 6: // to be turned a quarter clockwise
				sx, sy = y, h-1-x
			case 7: // mirrored along the top-right diagonal
				sx, sy = w-1-y, h-1-x
			case 8: // to be turned a quarter anticlockwise
				sx, sy = w-1-y, x
			default:
				sx, sy = x, y
			}
			copy(dst[y*dstride+x*bpp:y*dstride+x*bpp+bpp], src[sy*sstride+sx*bpp:sy*sstride+sx*bpp+bpp])
		}
	}
}
