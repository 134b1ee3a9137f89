package value

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/qingdan/qingdan/internal/diag"
)

// Earliest and latest years a date may name; anything outside is a typo.
const (
	MinYear = 1900
	MaxYear = 2200
)

// ParseDate reads the date forms users write: 2022-03-01, 2022/3/1,
// 2022.3.1 and 2022年3月1日, in half- or full-width digits, optionally
// followed by a time of day as spreadsheets export it ("2022/3/1 0:00"),
// which is dropped. On failure the message says why, in the catalogue's terms.
func ParseDate(s string) (Date, *diag.Msg) {
	s = strings.TrimSpace(Narrow(s))
	if i := strings.IndexAny(s, " T"); i > 0 && validTime(s[i+1:]) {
		s = s[:i]
	}
	y, m, d, ok := splitDate(s)
	if !ok {
		return NoDate, fail("date.format")
	}
	if y < MinYear || y > MaxYear {
		return NoDate, fail("date.year", y, MinYear, MaxYear)
	}
	if m < 1 || m > 12 {
		return NoDate, fail("date.month", m)
	}
	if dim := DaysIn(y, m); d < 1 || d > dim {
		return NoDate, fail("date.day", y, m, dim, time.Month(m).String(), d)
	}
	return DateOf(y, m, d), nil
}

// splitDate recognises yyyy-m-d (with one of - / . throughout) and yyyy年m月d日.
func splitDate(s string) (y, m, d int, ok bool) {
	if y, s, ok = digits(s, 4, 4); !ok {
		return
	}
	if rest, cn := strings.CutPrefix(s, "年"); cn {
		if m, rest, ok = digits(rest, 1, 2); !ok {
			return
		}
		if rest, ok = strings.CutPrefix(rest, "月"); !ok {
			return
		}
		if d, rest, ok = digits(rest, 1, 2); !ok {
			return
		}
		rest, ok = strings.CutPrefix(rest, "日")
		return y, m, d, ok && rest == ""
	}
	if s == "" || (s[0] != '-' && s[0] != '/' && s[0] != '.') {
		return 0, 0, 0, false
	}
	sep := s[0]
	if m, s, ok = digits(s[1:], 1, 2); !ok || s == "" || s[0] != sep {
		return 0, 0, 0, false
	}
	if d, s, ok = digits(s[1:], 1, 2); !ok {
		return
	}
	return y, m, d, s == ""
}

// digits reads between min and max ASCII digits at the start of s.
func digits(s string, min, max int) (n int, rest string, ok bool) {
	i := 0
	for i < len(s) && i < max && s[i] >= '0' && s[i] <= '9' {
		n = n*10 + int(s[i]-'0')
		i++
	}
	if i < min || (i < len(s) && s[i] >= '0' && s[i] <= '9') {
		return 0, s, false
	}
	return n, s[i:], true
}

// validTime accepts h:mm, hh:mm:ss and the like after a date.
func validTime(s string) bool {
	if s == "" {
		return false
	}
	colons := 0
	for _, r := range s {
		switch {
		case r == ':':
			colons++
		case r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return colons >= 1 && colons <= 2
}

// Narrow folds full-width forms (１２３，２０２２－０３－０１) and the
// typographic minus to ASCII. ASCII text, the common case, is returned as is
// without allocating.
func Narrow(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return strings.ReplaceAll(width.Narrow.String(s), "\u2212", "-")
		}
	}
	return s
}

func fail(key string, args ...any) *diag.Msg {
	m := diag.M(key, args...)
	return &m
}

// ParseNumber reads a number as users write it: optional sign, digits with
// optional thousands separators (1,239), optional decimals, optionally a
// trailing percent sign (45% reads as 45: the unit column says what is
// counted), in half- or full-width characters. NaN, infinities, hex and
// exponents are refused.
func ParseNumber(s string) (float64, *diag.Msg) {
	if n := len(s); n > 0 && n <= 15 && AllDigits(s) {
		// Most cells: a whole number of ASCII digits, below MaxNumber and
		// exact in a float64, as strconv.ParseFloat would read it.
		x := int64(0)
		for i := 0; i < n; i++ {
			x = x*10 + int64(s[i]-'0')
		}
		return float64(x), nil
	}
	t := strings.TrimSuffix(strings.TrimSpace(Narrow(s)), "%")
	if !numberShape(t) {
		return 0, fail("number.format")
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(t, ",", ""), 64)
	if err != nil || math.Abs(v) > MaxNumber {
		return 0, fail("number.range")
	}
	return v, nil
}

// MaxNumber is the largest magnitude a number in the data may have: far
// beyond any indicator, within float64's whole numbers (2^53), and small
// enough that differences and sums of such numbers stay finite.
const MaxNumber = 1e15

// numberShape checks [+-]? (digits | d{1,3}(,ddd)+) (. digits)?, or a bare .digits.
func numberShape(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	if hasFrac && (frac == "" || !AllDigits(frac)) {
		return false
	}
	if intPart == "" {
		return hasFrac
	}
	if !strings.Contains(intPart, ",") {
		return AllDigits(intPart)
	}
	groups := strings.Split(intPart, ",")
	if len(groups[0]) < 1 || len(groups[0]) > 3 || !AllDigits(groups[0]) {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 || !AllDigits(g) {
			return false
		}
	}
	return true
}

// DecodeRune is the rune at s[i] and its size, as utf8.DecodeRuneInString
// gives them, with the three bytes of a Chinese character (most of a
// text) put together here: the standard library takes them on its slow
// path, a call per character (2 % of a build of 10,000 articles).
// It reads a []byte as well (utf8.DecodeRune's slow path alike).
func DecodeRune[T ~string | ~[]byte](s T, i int) (rune, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	if c&0xF0 == 0xE0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
		// Neither overlong (below U+0800) nor a surrogate: those are errors.
		if r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F); r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
			return r, 3
		}
	}
	// A rune is at most utf8.UTFMax bytes: as a string, those of a []byte
	// are not copied to the heap.
	return utf8.DecodeRuneInString(string(s[i:min(i+utf8.UTFMax, len(s))]))
}

// AllDigits reports whether s is one or more ASCII digits.
func AllDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// ParseCount reads a whole number ≥ 0 (members of an org), with the same
// forms as ParseNumber.
func ParseCount(s string) (int, *diag.Msg) {
	v, m := ParseNumber(s)
	if m != nil || strings.HasSuffix(strings.TrimSpace(Narrow(s)), "%") {
		return 0, fail("count.format")
	}
	if v < 0 || v != float64(int64(v)) || v > 1e12 {
		return 0, fail("count.format")
	}
	return int(v), nil
}
