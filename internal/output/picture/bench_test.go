package picture

import (
	"path/filepath"
	"testing"

	"golang.org/x/image/draw"
)

// BenchmarkMake makes the four copies of a camera's photo (4000 × 2250,
// JPEG quality 90), as a site's first build does for each: decoding,
// shrinking, scaling and encoding.
func BenchmarkMake(b *testing.B) {
	p := filepath.Join(b.TempDir(), "photo.jpg")
	write(b, p, photo(4000, 2250, 1))
	vs := copies(p, 4000, 2250, 1, 360, 720, 1080, 1440)
	z := &scalers{m: map[[4]int]draw.Scaler{}}
	b.ResetTimer()
	for b.Loop() {
		if _, err := makeWith(vs, z); err != nil {
			b.Fatal(err)
		}
	}
}
