// Package format writes numbers, percentages, dates and status names the way
// Chinese (or English) readers expect them, identically in pages, tables and
// charts.
package format

import (
	"math"
	"strconv"
	"strings"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/model"
)

// Pick returns zh, or en for an English site: the one choice between the
// two languages that pages and charts make.
func Pick(lang, zh, en string) string {
	if diag.IsEnglish(lang) {
		return en
	}
	return zh
}

// Percent writes a share in [0, 1] as a percentage with one decimal: 64.0%.
func Percent(p float64) string {
	var a [24]byte
	return string(AppendPercent(a[:0], p))
}

// AppendPercent appends Percent(p) to b. The product p*100 is an argument,
// so no sum follows it that a fused multiply-add could join; written with
// one decimal it reads as Round(p*100, 1) does, being rounded as Round
// rounds.
func AppendPercent(b []byte, p float64) []byte {
	if x := p * 100; Whole(x) { // 0.0%, 50.0%, 100.0%: no float formatting
		return append(strconv.AppendInt(b, int64(x), 10), ".0%"...)
	}
	return append(strconv.AppendFloat(b, p*100, 'f', 1, 64), '%')
}

// Whole reports whether f is a whole number below 10^15 in size, other
// than minus zero: int64 holds it exactly, and strconv writes it in 'f'
// form as its digits (with zeros after a point where decimals are asked
// for). Most figures are (readings, baselines, targets, counts), and
// strconv.AppendInt writes them in a fraction of the time of AppendFloat.
func Whole(f float64) bool {
	return f == math.Trunc(f) && math.Abs(f) < 1e15 && (f != 0 || !math.Signbit(f))
}

// PercentPtr is Percent, or "—" for no value.
func PercentPtr(p *float64) string {
	if p == nil {
		return "—"
	}
	return Percent(*p)
}

// Round rounds half away from zero to n decimals, the way readers round.
func Round(f float64, n int) float64 {
	s := strconv.FormatFloat(f, 'f', n, 64)
	v, _ := strconv.ParseFloat(s, 64)
	return v
}

// Number writes a quantity for reading: up to three decimals, thousands
// grouped with commas below 10,000; from 10,000 in 万 (1.43万) and from
// 100,000,000 in 亿, in Chinese. English groups thousands throughout.
func Number(f float64, lang string) string {
	neg := f < 0
	if neg {
		f = -f
	}
	var s string
	if en := diag.IsEnglish(lang); Whole(f) && (en || f < 1e4) {
		// As scaled writes it: Round(f, 3) is f, trim leaves the digits.
		var d [16]byte
		var a [24]byte
		s = string(appendGroup(a[:0], strconv.AppendInt(d[:0], int64(f), 10)))
	} else {
		s = scaled(f, en)
	}
	if neg {
		s = "-" + s
	}
	return s
}

// scaled is Number of f, not negative, by strconv's float formatting.
func scaled(f float64, en bool) string {
	switch {
	case !en && f >= 1e8:
		return trim(strconv.FormatFloat(Round(f/1e8, 2), 'f', 2, 64)) + "亿"
	case !en && f >= 1e4:
		return trim(strconv.FormatFloat(Round(f/1e4, 2), 'f', 2, 64)) + "万"
	}
	return group(trim(strconv.FormatFloat(Round(f, 3), 'f', 3, 64)))
}

// Plain writes a number with no grouping or scaling, for data files.
func Plain(f float64) string {
	if Whole(f) {
		return strconv.FormatInt(int64(f), 10)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// MaxDecimals is the most decimals Exact writes.
const MaxDecimals = 6

// Decimals is how many decimals Exact writes f with: those of its shortest
// form once rounded to MaxDecimals.
func Decimals(f float64) int {
	s := strconv.FormatFloat(Round(f, MaxDecimals), 'f', -1, 64)
	if _, frac, ok := strings.Cut(s, "."); ok {
		return len(frac)
	}
	return 0
}

// Exact writes a value for a table: every digit (up to MaxDecimals
// decimals), thousands grouped with commas, 2,257 and 44.65, never scaled
// to 万. The open data's workbook shows its numbers in the same way
// (#,##0.00 with Decimals zeros).
func Exact(f float64) string {
	var a [32]byte
	return string(AppendExact(a[:0], f))
}

// AppendExact appends Exact(f) to b.
func AppendExact(b []byte, f float64) []byte {
	if Whole(f) { // most values
		n := int64(f)
		if n < 0 {
			b, n = append(b, '-'), -n
		}
		var a [20]byte
		return appendGroup(b, strconv.AppendInt(a[:0], n, 10))
	}
	return append(b, exact(f)...)
}

// exact is Exact for any value.
func exact(f float64) string {
	s := strconv.FormatFloat(Round(f, MaxDecimals), 'f', Decimals(f), 64)
	if neg := strings.HasPrefix(s, "-"); neg {
		if strings.Trim(s, "-0.") == "" {
			return s[1:] // -0
		}
		return "-" + group(s[1:])
	}
	return group(s)
}

func trim(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

func group(s string) string {
	return string(appendGroup(make([]byte, 0, len(s)+len(s)/3), s))
}

// appendGroup appends the number s (digits, then maybe a fraction) with
// its thousands grouped by commas.
func appendGroup[S ~string | ~[]byte](b []byte, s S) []byte {
	n := len(s)
	for i := range len(s) {
		if s[i] == '.' {
			n = i
			break
		}
	}
	for i := range n {
		if i > 0 && (n-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, s[i])
	}
	return append(b, s[n:]...)
}

// Date writes 2022年6月30日, or June 30, 2022 in English; "" for no date.
func Date(d model.Date, lang string) string {
	if d.IsZero() {
		return ""
	}
	var a [32]byte
	return string(AppendDate(a[:0], d, lang))
}

// AppendDate appends Date(d, lang) to b.
func AppendDate(b []byte, d model.Date, lang string) []byte {
	if d.IsZero() {
		return b
	}
	y, m, day := d.YMD()
	if diag.IsEnglish(lang) {
		b = append(append(b, monthsEn[m-1]...), ' ')
		b = append(strconv.AppendInt(b, int64(day), 10), ", "...)
		return strconv.AppendInt(b, int64(y), 10)
	}
	b = append(strconv.AppendInt(b, int64(y), 10), "年"...)
	b = append(strconv.AppendInt(b, int64(m), 10), "月"...)
	return append(strconv.AppendInt(b, int64(day), 10), "日"...)
}

// Month writes 2022年6月 or Jun 2022.
func Month(d model.Date, lang string) string {
	y, m, _ := d.YMD()
	if diag.IsEnglish(lang) {
		return monthsEn[m-1][:3] + " " + strconv.Itoa(y)
	}
	return strconv.Itoa(y) + "年" + strconv.Itoa(m) + "月"
}

var monthsEn = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

var statusZh = [model.NumStatus]string{"已完成", "正常推进", "滞后", "逾期", "未开始"}
var statusEn = [model.NumStatus]string{"done", "on track", "behind", "overdue", "not started"}

// Status is the status's name in lang.
func Status(st model.Status, lang string) string {
	if diag.IsEnglish(lang) {
		return statusEn[st]
	}
	return statusZh[st]
}

// Statuses lists every status in rule order.
func Statuses() []model.Status {
	return []model.Status{model.Done, model.OnTrack, model.Behind, model.Overdue, model.NotStarted}
}
