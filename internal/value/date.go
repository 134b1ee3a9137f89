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

// YMD splits d into year, month and day.
func (d Date) YMD() (y, m, day int) {
	t := time.Unix(int64(d)*86400, 0).UTC()
	return t.Year(), int(t.Month()), t.Day()
}

// IsZero reports whether d is NoDate.
func (d Date) IsZero() bool { return d == NoDate }

// String is the ISO form 2022-06-30, or "" for NoDate.
func (d Date) String() string {
	if d == NoDate {
		return ""
	}
	y, m, day := d.YMD()
	if y < 0 || y > 9999 {
		return fmt.Sprintf("%04d-%02d-%02d", y, m, day)
	}
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + m/10), byte('0' + m%10), '-', byte('0' + day/10), byte('0' + day%10)}
	return string(b[:])
}

// MarshalText writes the ISO form; NoDate is written as an empty string.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }
