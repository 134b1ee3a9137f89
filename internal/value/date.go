package value

import (
	"fmt"
	"time"
)

// Date is a calendar day, counted in days since 1970-01-01. It has no time
// zone and no clock: two dates compare and subtract as plain integers.
type Date int32

// NoDate marks an absent optional date.
const NoDate Date = -1 << 31

// DateOf returns the date y-m-d. It does not validate; use ValidDate first.
func DateOf(y, m, d int) Date {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return Date(t.Unix() / 86400)
}

// DaysIn returns the number of days of month m of year y.
func DaysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// YMD splits d into year, month and day of the proleptic Gregorian
// calendar, as time does, by counting days in eras of 400 years from
// 0000-03-01 (the leap day falls at the end of such a year): pages and
// charts split a few million dates.
func (d Date) YMD() (y, m, day int) {
	z := int64(d) + 719468 // days from 0000-03-01
	era := z / 146097      // 400 years
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097                                  // day of the era, [0, 146096]
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365 // year of the era, [0, 399]
	doy := doe - (365*yoe + yoe/4 - yoe/100)               // day of the year from March 1, [0, 365]
	mp := (5*doy + 2) / 153                                // month from March, [0, 11]
	day = int(doy - (153*mp+2)/5 + 1)
	m = int(mp + 3)
	if m > 12 {
		m -= 12
	}
	y = int(yoe + era*400)
	if m <= 2 {
		y++
	}
	return y, m, day
}

// IsZero reports whether d is NoDate.
func (d Date) IsZero() bool { return d == NoDate }

// String is the ISO form 2022-06-30, or "" for NoDate.
func (d Date) String() string {
	if d == NoDate {
		return ""
	}
	var a [10]byte
	b, _ := d.AppendText(a[:0])
	return string(b)
}

// AppendText appends the ISO form to b (nothing for NoDate), as
// encoding.TextAppender does: a chart writes a million of them.
func (d Date) AppendText(b []byte) ([]byte, error) {
	if d == NoDate {
		return b, nil
	}
	y, m, day := d.YMD()
	if y < 0 || y > 9999 {
		return fmt.Appendf(b, "%04d-%02d-%02d", y, m, day), nil
	}
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-', byte('0'+day/10), byte('0'+day%10)), nil
}

// MarshalText writes the ISO form; NoDate is written as an empty string.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }
