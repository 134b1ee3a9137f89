package config

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/qingdan/qingdan/internal/diag"
)

// BaseURL checks a site's public address and gives it its one trailing
// slash, its path percent-encoded as the sitemap and the feed want it.
// The address is http or https, names a host, and holds no user name or
// password, no query or fragment (the pages' paths follow it), and no
// character that no address holds (white space, control and invisible
// format characters, " < > \ ^ ` { | }). Otherwise why says what is wrong
// (key url.scheme: it is no http(s) address).
func BaseURL(s string) (u string, why *diag.Msg) {
	fail := func(key string, args ...any) (string, *diag.Msg) {
		m := diag.M(key, args...)
		return "", &m
	}
	if r, ok := badChar(s); ok {
		return fail("url.char", charName(r))
	}
	lower := strings.ToLower(s)
	if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") {
		return fail("url.scheme")
	}
	p, err := url.Parse(s)
	if err != nil {
		return fail("url.invalid")
	}
	switch {
	case p.User != nil:
		return fail("url.user")
	case p.Hostname() == "":
		return fail("url.noHost")
	case p.RawQuery != "" || p.ForceQuery || strings.Contains(s, "#"):
		return fail("url.query")
	}
	u = p.Scheme + "://" + p.Host + strings.TrimRight(p.EscapedPath(), "/") + "/"
	if _, bad := badChar(u); bad || !utf8.ValidString(u) { // a host escaped as %80
		return fail("url.invalid")
	}
	if q, err := url.Parse(u); err != nil || q.Host != p.Host { // a host escaped as %250 reads %0
		return fail("url.invalid")
	}
	return u, nil
}

// BaseURLError reports the address s, which BaseURL refused with why, at
// pos as base_url in qingdan.toml, or, when flag is set, as --base-url.
func BaseURLError(l *diag.List, pos diag.Pos, s string, why diag.Msg, flag bool) {
	switch {
	case why.Key == "url.scheme" && flag:
		l.Error(pos, "flag.baseURL", diag.Quote(s))
	case why.Key == "url.scheme":
		l.Error(pos, "config.baseURL", diag.Quote(s))
	case flag:
		l.Error(pos, "flag.baseURLWhy", diag.Quote(s), why)
	default:
		l.Error(pos, "config.baseURLWhy", diag.Quote(s), why)
	}
}

// badChar finds a character that no address holds: white space, a control
// or invisible format character (bidi overrides, zero-width spaces), or one
// of " < > \ ^ ` { | }, which an address must percent-encode.
func badChar(s string) (rune, bool) {
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || strings.ContainsRune("\"<>\\^`{|}", r) || r == unicode.ReplacementChar {
			return r, true
		}
	}
	return 0, false
}

// charName shows a character in a message: quoted when it is visible,
// else as U+XXXX.
func charName(r rune) any {
	if unicode.IsGraphic(r) && !unicode.IsSpace(r) && !unicode.Is(unicode.Cf, r) {
		return diag.Quote(string(r))
	}
	return fmt.Sprintf("U+%04X", r)
}

// menuURL checks a menu entry's address: a path inside the site
// ("projects/", "about/"), which every page links relatively, or an
// address of another site (http, https), a mail address (mailto:) or a
// phone number (tel:), kept as they are. Any other scheme (javascript:,
// data:, file: …) is refused, and so are addresses that would leave the
// site's folder unnoticed: a path from the host's root ("/projects/") or
// another host without a scheme ("//example.org/").
func menuURL(s string) *diag.Msg {
	fail := func(key string, args ...any) *diag.Msg {
		m := diag.M(key, args...)
		return &m
	}
	scheme, hasScheme := schemeOf(s)
	if k := strings.ToLower(scheme); hasScheme && k != "http" && k != "https" && k != "mailto" && k != "tel" {
		return fail("menu.scheme", scheme)
	}
	if r, ok := badChar(s); ok {
		return fail("url.char", charName(r))
	}
	if hasScheme {
		switch strings.ToLower(scheme) {
		case "http", "https":
			p, err := url.Parse(s)
			switch {
			case err != nil:
				return fail("url.invalid")
			case p.User != nil:
				return fail("url.user")
			case p.Hostname() == "" || p.Opaque != "":
				return fail("url.noHost")
			}
			return nil
		}
		return nil // mailto:, tel:
	}
	switch {
	case strings.HasPrefix(s, "//"):
		return fail("menu.noScheme")
	case strings.HasPrefix(s, "/"):
		return fail("menu.rooted", diag.Quote(strings.TrimLeft(s, "/")))
	}
	if _, err := url.Parse(s); err != nil {
		return fail("url.invalid")
	}
	return nil
}

// schemeOf is the scheme an address starts with (RFC 3986: a letter, then
// letters, digits, + - .), as a browser reads it.
func schemeOf(s string) (string, bool) {
	for i, r := range s {
		switch {
		case r == ':' && i > 0:
			return s[:i], true
		case 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z':
		case i > 0 && ('0' <= r && r <= '9' || r == '+' || r == '-' || r == '.'):
		default:
			return "", false
		}
	}
	return "", false
}
