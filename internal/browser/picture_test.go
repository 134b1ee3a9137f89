package browser

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/qingdan/qingdan/internal/build"
)

// writePhoto writes a w × h JPEG to p.
func writePhoto(t *testing.T, p string, w, h int) {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range m.Pix {
		m.Pix[i] = uint8(i/4%w*255/w) | 0x10
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, nil); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// pictureSite builds a site of three cases: one with a wide photo as its
// cover and another in its body, one with a narrow picture only, one with
// none.
func pictureSite(t *testing.T) string {
	t.Helper()
	src := t.TempDir()
	files := map[string]string{
		"qingdan.toml": "title = \"图片\"\n",
		"content/cases/photo/index.md": "---\ntitle: 茶园的照片\ndate: 2022-06-03\ncover: images/cover.jpg\ncaption: 茶园全景\n" +
			"authors: [本报记者 吴沛冲 通讯员 吕昌明]\n---\n村里的茶园。\n\n![采茶的茶农](tea.jpg)\n",
		"content/cases/narrow/index.md": "---\ntitle: 小图\ndate: 2022-06-02\n---\n一张小图。\n\n![小图](small.jpg)\n",
		"content/cases/plain.md":        "---\ntitle: 没有图\ndate: 2022-06-01\n---\n只有文字。\n",
	}
	for name, text := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writePhoto(t, filepath.Join(src, "static", "images", "cover.jpg"), 2600, 1950)
	writePhoto(t, filepath.Join(src, "content", "cases", "photo", "tea.jpg"), 2600, 1950)
	writePhoto(t, filepath.Join(src, "content", "cases", "narrow", "small.jpg"), 800, 450)
	out := filepath.Join(t.TempDir(), "public")
	r, err := build.Run(build.Options{Src: src, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	if r.Diags.Errors() > 0 {
		var b strings.Builder
		r.Diags.Print(&b, r.Lang())
		t.Fatalf("the site does not build:\n%s", b.String())
	}
	return out
}

// shownImage is what the browser made of one <img>.
type shownImage struct {
	Src        string `json:"src"`     // currentSrc: the file the browser chose
	Natural    int    `json:"natural"` // naturalWidth: for a srcset's pick, its size in CSS pixels
	Width      string `json:"width"`   // the attributes
	Height     string `json:"height"`
	Alt        string `json:"alt"`
	Class      string `json:"class"`
	InCaseItem string `json:"item"` // the class of the case-item holding it, if any
}

const imagesJS = `[...document.images].map(i => ({src: i.currentSrc, natural: i.naturalWidth,
  width: i.getAttribute('width') || '', height: i.getAttribute('height') || '', alt: i.getAttribute('alt') || '',
  class: i.className, item: (i.closest('.case-item') || {}).className || ''}))`

// images loads url in a tab at width × 844 CSS pixels, scale device
// pixels each, as a phone (mobile) or not, and reports its pictures once
// they have loaded.
func images(t *testing.T, url string, width int64, scale float64, mobile bool) ([]shownImage, []string) {
	t.Helper()
	tab, cancel := chromedp.NewContext(browserContext(t))
	defer cancel()
	ctx, cancelT := context.WithTimeout(tab, 30*time.Second)
	defer cancelT()
	opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(scale)}
	if mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(width, 844, opts...),
		chromedp.Navigate(url),
	)
	if err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`[...document.images].every(i => i.complete)`, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Fatalf("%s: pictures not loaded: %v", url, err)
	}
	imgs, err := chromedp.Run(ctx, chromedp.Evaluate[[]shownImage](imagesJS))
	if err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	items, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('.case-item')].map(e => e.className)`))
	if err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	return imgs, items
}

var copyName = regexp.MustCompile(`\.(\d+)w\.[0-9a-f]{8}\.jpg$`)

// TestPhonePicksSmallCopy: on a 390-pixel phone a wide photo is loaded as
// one of its smaller copies, not the 2600-pixel original (at two device
// pixels a CSS pixel, the 720-pixel copy: the column is about 326 CSS
// pixels wide); a picture too narrow to have copies is loaded as it is;
// and a list of cases shows each case's cover (else its first picture) as
// a thumbnail with its size and alt text, the 360-pixel copy for a photo,
// and a case without pictures without one.
func TestPhonePicksSmallCopy(t *testing.T) {
	base := serveSite(t, pictureSite(t), "/")
	browserContext(t)

	imgs, _ := images(t, base+"cases/photo/", 390, 2, true)
	if len(imgs) != 2 {
		t.Fatalf("%d pictures on the case page, want 2 (cover, body): %+v", len(imgs), imgs)
	}
	for _, im := range imgs {
		if m := copyName.FindStringSubmatch(im.Src); m == nil || m[1] != "720" {
			t.Errorf("phone at 2×: loaded %s, want the 720w copy", im.Src)
		}
		if im.Width != "1440" || im.Height != "1080" || im.Alt == "" {
			t.Errorf("%s: width %q height %q alt %q", im.Src, im.Width, im.Height, im.Alt)
		}
	}
	// At three device pixels to a CSS pixel, as most phones have, and on
	// a computer's wider column at two, larger copies; never the original.
	for _, c := range []struct {
		width  int64
		scale  float64
		mobile bool
		want   string
	}{{390, 3, true, "1080"}, {1280, 2, false, "1440"}, {1280, 1, false, "720"}} {
		imgs, _ = images(t, base+"cases/photo/", c.width, c.scale, c.mobile)
		for _, im := range imgs {
			if m := copyName.FindStringSubmatch(im.Src); m == nil || m[1] != c.want {
				t.Errorf("%d px at %v×: loaded %s, want the %sw copy", c.width, c.scale, im.Src, c.want)
			}
		}
	}
	imgs, _ = images(t, base+"cases/narrow/", 390, 2, true)
	if len(imgs) != 1 || !strings.HasSuffix(imgs[0].Src, "/cases/narrow/small.jpg") || imgs[0].Natural != 800 || imgs[0].Width != "800" {
		t.Errorf("narrow picture: %+v", imgs)
	}

	imgs, items := images(t, base+"cases/", 390, 2, true)
	if strings.Join(items, ",") != "case-item has-thumb,case-item has-thumb,case-item" {
		t.Errorf("case list items: %q", items)
	}
	if len(imgs) != 2 {
		t.Fatalf("%d thumbnails, want 2: %+v", len(imgs), imgs)
	}
	if m := copyName.FindStringSubmatch(imgs[0].Src); m == nil || m[1] != "360" || !strings.Contains(imgs[0].Src, "/images/cover.") ||
		imgs[0].Alt != "茶园全景" || imgs[0].Width == "" || imgs[0].Class != "thumb" {
		t.Errorf("the photo case's thumbnail: %+v, want its cover's 360w copy, captioned", imgs[0])
	}
	if !strings.HasSuffix(imgs[1].Src, "/cases/narrow/small.jpg") || imgs[1].Alt != "小图" || imgs[1].Width != "800" || imgs[1].Height != "450" {
		t.Errorf("the narrow case's thumbnail: %+v, want its first picture", imgs[1])
	}
}
