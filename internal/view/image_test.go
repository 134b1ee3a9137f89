package view

import (
	"testing"

	"github.com/qingdan/qingdan/internal/content"
)

// TestImage: a shared page's preview picture is its cover or first
// picture, as the largest copy up to 1,200 pixels wide; none for an SVG,
// a page without pictures, or a site without a base_url.
func TestImage(t *testing.T) {
	photo := content.Picture{To: "cases/hill/photo.jpg", W: 4000, H: 3000, Variants: []content.Variant{
		{To: "cases/hill/photo.360w.1a2b3c4d.jpg", W: 360}, {To: "cases/hill/photo.720w.1a2b3c4d.jpg", W: 720},
		{To: "cases/hill/photo.1080w.1a2b3c4d.jpg", W: 1080}, {To: "cases/hill/photo.1440w.1a2b3c4d.jpg", W: 1440},
	}}
	for _, tc := range []struct {
		name, base string
		pics       []content.Picture
		want       string
	}{
		{"large photo", "https://dj.example.org/", []content.Picture{photo}, "https://dj.example.org/cases/hill/photo.1080w.1a2b3c4d.jpg"},
		{"small picture", "https://dj.example.org/x/", []content.Picture{{To: "images/a.png", W: 800}}, "https://dj.example.org/x/images/a.png"},
		{"svg", "https://dj.example.org/", []content.Picture{{To: "images/a.svg"}}, ""},
		{"none", "https://dj.example.org/", nil, ""},
		{"no base_url", "", []content.Picture{photo}, ""},
	} {
		p := &Page{Site: &View{BaseURL: tc.base}, Doc: &content.Doc{Pictures: tc.pics}}
		if got := p.Image(); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
