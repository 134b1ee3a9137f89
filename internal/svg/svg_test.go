package svg

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	for _, c := range []struct {
		svg, why string
		broken   bool
	}{
		{`<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"><rect width="2" height="2" fill="red"/></svg>`, "", false},
		{`<svg xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="g"/></defs><rect fill="url(#g)"/><use href="#g"/></svg>`, "", false},
		{`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`, "<script>", false},
		{`<svg xmlns="http://www.w3.org/2000/svg"><SCRIPT>alert(1)</SCRIPT></svg>`, "<SCRIPT>", false},
		{`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`, "onload=", false},
		{`<svg xmlns="http://www.w3.org/2000/svg"><a xlink:href="javascript:alert(1)" xmlns:xlink="http://www.w3.org/1999/xlink"><text>x</text></a></svg>`, "href=javascript:alert(1)", false},
		{`<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.example/x.png"/></svg>`, "href=https://evil.example/x.png", false},
		{`<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div>x</div></foreignObject></svg>`, "<foreignObject>", false},
		{`<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://evil.example/a.css);</style></svg>`, "a stylesheet that loads another file", false},
		{`<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://evil.example/p)"/></svg>`, "style=fill:url(https://evil.example/p)", false},
		{`<?xml-stylesheet href="https://evil.example/a.css"?><svg xmlns="http://www.w3.org/2000/svg"/>`, "<?xml-stylesheet?>", false},
		{`<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>`, "<!ENTITY>", false},
		// Cut short (a copy that stopped half way): broken, not unsafe.
		{`<svg xmlns="http://www.w3.org/2000/svg"><rect fill="#f6f1`, "XML syntax error on line 1: unexpected EOF", true},
		{"\x89PNG\r\n\x1a\n\x00\x00", "XML syntax error on line 3: invalid UTF-8", true},
	} {
		if got, broken := Check([]byte(c.svg)); got != c.why || broken != c.broken {
			t.Errorf("Check(%s) = %q, %v; want %q, %v", c.svg, got, broken, c.why, c.broken)
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
		why, broken := Check(b)
		if again, still := Check(b); again != why || still != broken {
			t.Fatal("two answers")
		}
		if broken && why == "" {
			t.Error("broken, and no reason given")
		}
		if after, _ := Check(append(append([]byte{}, b...), "<script/>"...)); why == "" && after == "" && strings.HasPrefix(string(b), "<svg>") && !strings.ContainsAny(string(b), "<!&") {
			t.Errorf("a script after %q passes", b)
		}
	})
}
