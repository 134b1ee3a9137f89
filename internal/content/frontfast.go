package content

import (
	"bytes"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/qingdan/qingdan/internal/value"
)

// simpleYAML reads front matter written the way nearly all of it is: each
// line a lower-case key, ": " and a value that can only be text, a list of
// such texts, or a date (title: 一片茶叶富了隆中村, tags: [茶产业, 乡村振兴],
// orgs: [longzhong-1], summary: "…", date: 2019-09-03). It gives the fields parseYAML would give
// through yaml.v3, whose parser cost 61 µs and 12 KB of garbage a document
// (0.6 s of CPU at 10,000 articles). ok is false for anything else (a
// comment, an indented line, a number, an escape, a value whose type
// depends on YAML's rules), which yaml.v3 then reads. FuzzSimpleYAML and
// TestSimpleYAML hold the two to the same fields.
func simpleYAML(front []byte) (fields []field, ok bool) {
	if !utf8.Valid(front) {
		return nil, false
	}
	line := 0
	for rest := front; len(rest) > 0; {
		var l []byte
		l, rest, _ = bytes.Cut(rest, []byte("\n"))
		line++
		if len(l) == 0 {
			continue
		}
		k := 0
		for k < len(l) && (l[k] >= 'a' && l[k] <= 'z' || l[k] == '_' || k > 0 && l[k] >= '0' && l[k] <= '9') {
			k++
		}
		// YAML takes a key of at most 1024 characters without a "?" before
		// it; a longer one is yaml.v3's to refuse (FuzzSimpleYAML found it).
		if k == 0 || k > 1000 || k+2 >= len(l) || l[k] != ':' || l[k+1] != ' ' {
			return nil, false
		}
		v, ok := simpleValue(l[k+2:])
		if !ok {
			return nil, false
		}
		fields = append(fields, field{string(l[:k]), v, line + 1})
	}
	return fields, len(fields) > 0
}

// simpleValue is a value simpleYAML reads: a text in double quotes with
// no escape, a plain text that starts with a Chinese character, a flow
// list of such plain texts, or a date (year-month-day, as yaml.v3 gives
// it: a time.Time at midnight UTC).
func simpleValue(v []byte) (any, bool) {
	switch {
	case v[0] == '"':
		if len(v) < 2 || v[len(v)-1] != '"' {
			return nil, false
		}
		in := v[1 : len(v)-1]
		for _, r := range string(in) {
			if r == '"' || r == '\\' || !yamlPrintable(r) {
				return nil, false
			}
		}
		return string(in), true
	case v[0] == '[':
		if v[len(v)-1] != ']' {
			return nil, false
		}
		var list []any
		for item := range bytes.SplitSeq(v[1:len(v)-1], []byte(",")) {
			item = bytes.Trim(item, " ")
			if !plainText(item) {
				return nil, false
			}
			list = append(list, string(item))
		}
		return list, true
	case len(v) == 10 && value.AllDigits(string(v[:4])) && v[4] == '-' && value.AllDigits(string(v[5:7])) && v[7] == '-' && value.AllDigits(string(v[8:])):
		t, err := time.Parse("2006-01-02", string(v))
		return t, err == nil
	}
	return string(v), plainText(v)
}

// plainText reports whether yaml.v3 reads s, unquoted, as the text s in a
// block or a flow: a name of lower-case letters, digits and -_./ that
// starts with a letter and is no boolean or null; or a text that starts
// with a Chinese character (so it is no number, date, boolean or null, and
// no indicator) and holds only characters that mean nothing to YAML
// there, no space at its end.
func plainText(s []byte) bool {
	if len(s) == 0 {
		return false
	}
	if s[0] >= 'a' && s[0] <= 'z' { // a name: an organisation's id, a picture
		for _, c := range s {
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '/') {
				return false
			}
		}
		w := string(s)
		return w != "true" && w != "false" && w != "null"
	}
	r, _ := utf8.DecodeRune(s)
	if !unicode.Is(unicode.Han, r) || s[len(s)-1] == ' ' {
		return false
	}
	for _, r := range string(s) {
		switch {
		case r < utf8.RuneSelf:
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == ' ' || r == '-' || r == '_' || r == '.' || r == '(' || r == ')' || r == '/') {
				return false
			}
		case !yamlPrintable(r):
			return false
		}
	}
	return true
}

// yamlPrintable reports whether r may stand in a YAML text on one line:
// printable, and no line break (YAML's NEL, line and paragraph separators)
// or byte order mark.
func yamlPrintable(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return r >= 0x20 && r < 0x7f
	case r < 0xa0, r == 0x2028, r == 0x2029, r == 0xfeff, r >= 0xd800 && r <= 0xdfff, r == 0xfffe, r == 0xffff:
		return false
	}
	return r <= unicode.MaxRune
}
