package svg

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	for _, c := range []struct {
		svg, why string
	}{
		{`<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"><rect width="2" height="2" fill="red"/></svg>`, ""},
		{`<svg xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="g"/></defs><rect fill="url(#g)"/><use href="#g"/></svg>`, ""},
		{`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`, "<script>"},
		{`<svg xmlns="http://www.w3.org/2000/svg"><SCRIPT>alert(1)</SCRIPT></svg>`, "<SCRIPT>"},
		{`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`, "onload="},
		{`<svg xmlns="http://www.w3.org/2000/svg"><a xlink:href="javascript:alert(1)" xmlns:xlink="http://www.w3.org/1999/xlink"><text>x</text></a></svg>`, "href=javascript:alert(1)"},
		{`<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.example/x.png"/></svg>`, "href=https://evil.example/x.png"},
		{`<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div>x</div></foreignObject></svg>`, "<foreignObject>"},
		{`<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://evil.example/a.css);</style></svg>`, "a stylesheet that loads another file"},
		{`<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://evil.example/p)"/></svg>`, "style=fill:url(https://evil.example/p)"},
		{`<?xml-stylesheet href="https://evil.example/a.css"?><svg xmlns="http://www.w3.org/2000/svg"/>`, "<?xml-stylesheet?>"},
		{`<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>`, "<!ENTITY>"},
	} {
		if got := Check([]byte(c.svg)); got != c.why {
			t.Errorf("Check(%s) = %q, want %q", c.svg, got, c.why)
		}
	}
}

// FuzzCheck: any bytes give an answer, the same each time, and an SVG
// with a script element written plainly is never passed.
func FuzzCheck(f *testing.F) {
	f.Add([]byte(`<svg onload="x"/>`))
	f.Add([]byte(`<svg><script>`))
	f.Add([]byte(`<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		why := Check(b)
		if Check(b) != why {
			t.Fatal("two answers")
		}
		if why == "" && Check(append(append([]byte{}, b...), "<script/>"...)) == "" && strings.HasPrefix(string(b), "<svg>") && !strings.ContainsAny(string(b), "<!&") {
			t.Errorf("a script after %q passes", b)
		}
	})
}
