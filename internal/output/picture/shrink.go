package picture

import (
	"image"
	"image/color"

	"golang.org/x/image/draw"
)

// shrink averages each k × k block of src's pixels into one pixel (the
// blocks of the last row and column take the pixels left there): an exact
// box filter in integers, the same on every machine, which takes a photo
// most of the way down cheaply before the Catmull-Rom kernel makes the
// last, small step. A JPEG's YCbCr is read as it is, without a full-size
// RGBA copy.
func shrink(src image.Image, k int) *image.RGBA {
	b := src.Bounds()
	sw, sh := b.Dx(), b.Dy()
	dw, dh := (sw+k-1)/k, (sh+k-1)/k
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	yc, isYCbCr := src.(*image.YCbCr)
	var rg *image.RGBA
	if !isYCbCr {
		rg = rgba(src)
	}
	sums := make([]uint32, dw*4)
	// A pixel's chroma is at its row's offset plus its column's: the
	// columns' are found once, not through COffset for each pixel.
	var cols []int
	if isYCbCr {
		cols = make([]int, sw)
		c0 := yc.COffset(b.Min.X, b.Min.Y)
		for x := range cols {
			cols[x] = yc.COffset(b.Min.X+x, b.Min.Y) - c0
		}
	}
	for y0 := 0; y0 < sh; y0 += k {
		clear(sums)
		rows := min(k, sh-y0)
		for y := y0; y < y0+rows; y++ {
			if isYCbCr {
				ys := yc.Y[yc.YOffset(b.Min.X, b.Min.Y+y):][:sw]
				c := yc.COffset(b.Min.X, b.Min.Y+y)
				cb, cr := yc.Cb[c:], yc.Cr[c:]
				for bx := range dw {
					var sr, sg, sb uint32
					x1 := min(bx*k+k, sw)
					for x := bx * k; x < x1; x++ {
						r, g, bl := color.YCbCrToRGB(ys[x], cb[cols[x]], cr[cols[x]])
						sr += uint32(r)
						sg += uint32(g)
						sb += uint32(bl)
					}
					s := sums[bx*4 : bx*4+4 : bx*4+4]
					s[0] += sr
					s[1] += sg
					s[2] += sb
					s[3] += 0xff * uint32(x1-bx*k)
				}
				continue
			}
			row := rg.Pix[y*rg.Stride : y*rg.Stride+sw*4]
			for x := range sw {
				s, p := sums[(x/k)*4:(x/k)*4+4], row[x*4:x*4+4]
				s[0] += uint32(p[0])
				s[1] += uint32(p[1])
				s[2] += uint32(p[2])
				s[3] += uint32(p[3])
			}
		}
		out := dst.Pix[(y0/k)*dst.Stride : (y0/k)*dst.Stride+dw*4]
		for x := range dw {
			n := uint32(rows * min(k, sw-x*k))
			for c := range 4 {
				out[x*4+c] = uint8((sums[x*4+c] + n/2) / n)
			}
		}
	}
	return dst
}

// rgba is src as an *image.RGBA at the origin (premultiplied, as scaling
// wants it: a transparent pixel's colour counts for nothing).
func rgba(src image.Image) *image.RGBA {
	if m, ok := src.(*image.RGBA); ok && m.Rect.Min == (image.Point{}) {
		return m
	}
	b := src.Bounds()
	m := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(m, m.Bounds(), src, b.Min, draw.Src)
	return m
}
