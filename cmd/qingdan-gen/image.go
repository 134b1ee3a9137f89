package main

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"
	"sync"
)

const imgW, imgH = 800, 450

// canvas is an RGBA picture with the few shapes the generator draws.
type canvas struct{ *image.RGBA }

// Pictures are drawn on pooled canvases: a new 1.4 MB canvas per picture
// keeps the collector busier than the drawing.
var (
	canvases = sync.Pool{New: func() any { return canvas{image.NewRGBA(image.Rect(0, 0, imgW, imgH))} }}
	papers   = sync.Pool{New: func() any { return image.NewPaletted(image.Rect(0, 0, imgW, imgH), chartColors) }}
	pngEnc   = png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: &pngBuffers{}}
)

type pngBuffers struct{ p sync.Pool }

func (b *pngBuffers) Get() *png.EncoderBuffer {
	e, _ := b.p.Get().(*png.EncoderBuffer)
	return e
}

func (b *pngBuffers) Put(e *png.EncoderBuffer) { b.p.Put(e) }

func (c canvas) set(x, y int, col color.RGBA) {
	if x < 0 || y < 0 || x >= imgW || y >= imgH {
		return
	}
	i := y*c.Stride + 4*x
	c.Pix[i], c.Pix[i+1], c.Pix[i+2], c.Pix[i+3] = col.R, col.G, col.B, 255
}

func (c canvas) rect(x0, y0, x1, y1 int, col color.RGBA) {
	for y := max(y0, 0); y < min(y1, imgH); y++ {
		for x := max(x0, 0); x < min(x1, imgW); x++ {
			c.set(x, y, col)
		}
	}
}

func (c canvas) ellipse(cx, cy, rx, ry int, col color.RGBA) {
	for y := -ry; y <= ry; y++ {
		half := int(float64(rx) * math.Sqrt(1-float64(y*y)/float64(ry*ry)))
		for x := -half; x <= half; x++ {
			c.set(cx+x, cy+y, col)
		}
	}
}

// roof is a triangle standing on (x0..x1, y) with its top at height h.
func (c canvas) roof(x0, x1, y, h int, col color.RGBA) {
	for k := range h {
		inset := (x1 - x0) * k / (2 * h)
		for x := x0 + inset; x < x1-inset; x++ {
			c.set(x, y-k, col)
		}
	}
}

func mix(a, b color.RGBA, t float64) color.RGBA {
	f := func(x, y uint8) uint8 { return uint8(float64(x) + (float64(y)-float64(x))*t) }
	return color.RGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 255}
}

func shade(a color.RGBA, d int) color.RGBA {
	f := func(x uint8) uint8 { return uint8(min(max(int(x)+d, 0), 255)) }
	return color.RGBA{f(a.R), f(a.G), f(a.B), 255}
}

var skies = [][2]color.RGBA{
	{{120, 170, 225, 255}, {225, 238, 250, 255}}, // day
	{{250, 170, 120, 255}, {255, 225, 180, 255}}, // dawn
	{{150, 160, 175, 255}, {215, 220, 225, 255}}, // overcast
	{{90, 110, 170, 255}, {240, 180, 150, 255}},  // dusk
}

var greens = []color.RGBA{{70, 130, 60, 255}, {95, 150, 70, 255}, {55, 105, 75, 255}, {120, 160, 90, 255}, {80, 120, 110, 255}}

// photoZoom is how many times 800 × 450 the photos of the photos scale
// are: 4000 × 2250, a camera's 16:9 picture, some 2 MB as a JPEG.
const photoZoom = 5

// photo draws a landscape of hills under a sky, with tea rows, houses or
// people in front, and a grain that makes it compress like a photograph;
// zoom times as wide and high when zoom > 1 (drawn at 800 × 450, each
// pixel made a zoom × zoom block, the grain added after).
func photo(r *rand.Rand, scene string, zoom int) []byte {
	c := canvases.Get().(canvas)
	defer canvases.Put(c)
	sky := skies[r.IntN(len(skies))]
	horizon := 170 + r.IntN(80)
	for y := range imgH {
		col := mix(sky[0], sky[1], float64(y)/float64(horizon))
		c.rect(0, y, imgW, y+1, col)
	}
	c.ellipse(60+r.IntN(680), 40+r.IntN(80), 28+r.IntN(18), 28+r.IntN(18), color.RGBA{255, 240, 200, 255})
	layers := 2 + r.IntN(2)
	for l := range layers {
		base := horizon + l*40
		a1, a2 := 10+r.Float64()*40, 5+r.Float64()*20
		f1, f2 := 0.004+r.Float64()*0.01, 0.02+r.Float64()*0.03
		p1, p2 := r.Float64()*6, r.Float64()*6
		col := shade(pick(r, greens), 40-25*l)
		for x := range imgW {
			top := base - int(a1*math.Sin(float64(x)*f1+p1)+a2*math.Sin(float64(x)*f2+p2))
			c.rect(x, top, x+1, imgH, col)
		}
	}
	ground := horizon + layers*40
	switch scene {
	case "rows":
		for y, j := ground, 0; y < imgH+20; y, j = y+14+j*3, j+1 {
			col := shade(pick(r, greens), r.IntN(30)-10)
			rx := 10 + j*3
			for x := -r.IntN(20); x < imgW+rx; x += rx + 4 {
				c.ellipse(x, y, rx, 5+j, col)
			}
		}
	case "houses":
		for range 4 + r.IntN(5) {
			w, h := 70+r.IntN(90), 50+r.IntN(60)
			x, y := r.IntN(imgW-w), ground-10+r.IntN(max(1, imgH-ground-h))
			c.rect(x, y, x+w, y+h, color.RGBA{uint8(225 + r.IntN(30)), uint8(215 + r.IntN(30)), 200, 255})
			c.roof(x-8, x+w+8, y, 18+r.IntN(20), pick(r, []color.RGBA{{150, 60, 50, 255}, {70, 70, 80, 255}, {110, 90, 70, 255}}))
			for wx := x + 10; wx+14 < x+w; wx += 26 {
				c.rect(wx, y+14, wx+14, y+30, color.RGBA{90, 120, 150, 255})
			}
		}
	default: // people
		c.rect(0, ground, imgW, imgH, color.RGBA{200, 190, 170, 255})
		for range 5 + r.IntN(8) {
			x, y := r.IntN(imgW), ground+20+r.IntN(max(1, imgH-ground-60))
			vest := pick(r, []color.RGBA{{200, 40, 40, 255}, {60, 90, 160, 255}, {230, 150, 40, 255}})
			c.rect(x-12, y, x+12, y+50, vest)
			c.ellipse(x, y-12, 10, 11, color.RGBA{235, 200, 170, 255})
			c.rect(x-10, y-24, x+10, y-17, color.RGBA{40, 35, 30, 255})
		}
	}
	m, quality := c, 78
	if zoom > 1 {
		m, quality = canvas{image.NewRGBA(image.Rect(0, 0, imgW*zoom, imgH*zoom))}, 85
		for y := range imgH * zoom {
			row := m.Pix[y*m.Stride : y*m.Stride+imgW*zoom*4]
			from := c.Pix[(y/zoom)*c.Stride:]
			for x := range imgW * zoom {
				copy(row[x*4:x*4+4], from[(x/zoom)*4:(x/zoom)*4+4])
			}
		}
	}
	grain(m, r.Uint64()|1, 8)
	var b bytes.Buffer
	b.Grow(64 << 10)
	if err := jpeg.Encode(&b, m.RGBA, &jpeg.Options{Quality: quality}); err != nil {
		panic(err) // writing to memory does not fail
	}
	return b.Bytes()
}

// grain adds noise of up to ±amp to every pixel (xorshift, for speed).
func grain(c canvas, s uint64, amp int) {
	for i := 0; i < len(c.Pix); i += 4 {
		s ^= s << 13
		s ^= s >> 7
		s ^= s << 17
		d := int(s%uint64(2*amp+1)) - amp
		for k := range 3 {
			c.Pix[i+k] = uint8(min(max(int(c.Pix[i+k])+d, 0), 255))
		}
	}
}

var chartColors = []color.Color{
	color.RGBA{250, 248, 242, 255}, color.RGBA{236, 232, 222, 255}, color.RGBA{200, 200, 200, 255},
	color.RGBA{60, 60, 60, 255}, color.RGBA{196, 43, 28, 255}, color.RGBA{230, 140, 50, 255},
	color.RGBA{70, 120, 180, 255}, color.RGBA{90, 160, 90, 255}, color.RGBA{150, 100, 170, 255},
	color.RGBA{240, 200, 70, 255},
}

// chart draws a bar chart with a trend line on paper, as a paletted PNG.
func chart(r *rand.Rand) []byte {
	p := papers.Get().(*image.Paletted)
	defer papers.Put(p)
	s := r.Uint64() | 1
	density := 7 + r.IntN(6) // percent of paper grain
	for i := range p.Pix {
		s ^= s << 13
		s ^= s >> 7
		s ^= s << 17
		p.Pix[i] = 0
		if int(s%100) < density {
			p.Pix[i] = 1
		}
	}
	fill := func(x0, y0, x1, y1 int, c uint8) {
		for y := max(y0, 0); y < min(y1, imgH); y++ {
			for x := max(x0, 0); x < min(x1, imgW); x++ {
				p.Pix[y*p.Stride+x] = c
			}
		}
	}
	left, bottom, top := 70, imgH-50, 50
	for y := bottom; y > top; y -= 50 {
		fill(left, y, imgW-30, y+1, 2)
	}
	fill(left, top, left+2, bottom, 3)
	fill(left, bottom, imgW-30, bottom+2, 3)
	n := 4 + r.IntN(6)
	step := (imgW - 30 - left) / n
	col := uint8(4 + r.IntN(6))
	prevX, prevY := -1, 0
	for i := range n {
		h := 40 + r.IntN(bottom-top-50)
		x := left + i*step + step/5
		fill(x, bottom-h, x+step*3/5, bottom, col)
		fill(x, bottom-h, x+step*3/5, bottom-h+4, 3)
		cx, cy := x+step*3/10, bottom-h/2-r.IntN(40)
		if prevX >= 0 {
			for t := 0; t <= 100; t++ {
				lx := prevX + (cx-prevX)*t/100
				ly := prevY + (cy-prevY)*t/100
				fill(lx-1, ly-1, lx+2, ly+2, 3)
			}
		}
		fill(cx-5, cy-5, cx+5, cy+5, 9)
		prevX, prevY = cx, cy
	}
	fill(left, 15, left+30+r.IntN(200), 30, col)
	var b bytes.Buffer
	b.Grow(64 << 10)
	if err := pngEnc.Encode(&b, p); err != nil {
		panic(err)
	}
	return b.Bytes()
}
