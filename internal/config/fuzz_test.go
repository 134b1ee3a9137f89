package config

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzBaseURL: BaseURL never panics, and an address it accepts is http(s)
// with a host, no user name, query or fragment, nothing that breaks out of
// an attribute or an XML file (no space, control or format character, no
// " < > \\), one trailing slash, and is accepted again as it is.
func FuzzBaseURL(f *testing.F) {
	for _, s := range []string{"https://dj.example.gov.cn/", "http://10.0.0.5/dangjian", "http://", "https://a//", "javascript:alert(1)",
		"http://a/\x00", "http://[::1]:1313/x/", "https:///x", "http://a/?q=1", "http://a/#top", "http://u:p@a/", "HTTP://A/党建", "http://a/\u202e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, why := BaseURL(s)
		if why != nil {
			if u != "" {
				t.Fatalf("%q refused (%s) but gives %q", s, why.Key, u)
			}
			return
		}
		if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") || !strings.HasSuffix(u, "/") || strings.HasSuffix(u, "//") {
			t.Fatalf("%q gives %q", s, u)
		}
		if r, bad := badChar(u); bad || strings.ContainsAny(u, " \t\n\"<>\\") {
			t.Fatalf("%q gives %q, with %q, which breaks out of an attribute or an XML file", s, u, r)
		}
		p, err := url.Parse(u)
		if err != nil {
			t.Fatalf("%q gives %q, which does not parse: %v", s, u, err)
		}
		if p.Hostname() == "" || p.User != nil || p.RawQuery != "" || p.ForceQuery || p.Fragment != "" || strings.Contains(u, "#") {
			t.Fatalf("%q gives %q: host %q, user %v, query %q, fragment %q (%v)", s, u, p.Hostname(), p.User, p.RawQuery, p.Fragment, err)
		}
		if again, why := BaseURL(u); why != nil || again != u {
			t.Fatalf("%q gives %q, which gives %q, %v", s, u, again, why)
		}
	})
}

// FuzzSize: a size in [limits] is parsed without panicking, and a size it
// accepts is a whole number of bytes from 1 to 1 PB.
func FuzzSize(f *testing.F) {
	for _, s := range []string{"64MB", "1.5 GB", "100", "0", "-1MB", "1e9", "NaN", "Inf KB", ".5k", "9999999999999999999G"} {
		f.Add(s, int64(0))
	}
	f.Add("", int64(64<<20))
	f.Fuzz(func(t *testing.T, s string, n int64) {
		var v any = s
		if s == "" {
			v = n
		}
		if got, ok := parseSize(v); ok && (got < 1 || got > 1<<50) {
			t.Fatalf("%v gives %d bytes", v, got)
		}
	})
}
