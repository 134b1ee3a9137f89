package lint

// digit reports an ASCII digit of prose at r[i].
func (l *linter) digit(i int) bool {
	return i >= 0 && i < len(l.r) && l.k[i] == kNormal && isASCIIDigit(l.r[i])
}

// digits looks at every maximal run of ASCII digits in prose for resident
// ID numbers and phone numbers. Full-width digits are not looked at.
func (l *linter) digits() {
	for i := 0; i < len(l.r); {
		if !l.digit(i) {
			i++
			continue
		}
		j := i
		for l.digit(j) {
			j++
		}
		i = l.personal(i, j)
	}
}

// personal judges the digit run r[s:e] (and what follows it) and returns
// where scanning continues.
func (l *linter) personal(s, e int) int {
	r := l.r
	n := e - s
	x := func(i int) bool { return i < len(r) && l.k[i] == kNormal && (r[i] == 'X' || r[i] == 'x') }

	// Resident ID: 18 characters, not part of a longer run of digits (or of
	// a trailing X).
	switch {
	case n == 18 && !x(e):
		if validID(r[s:e]) {
			l.add(s+1, RuleIDCard, r[s:e])
		}
		return e
	case n == 17 && x(e) && !l.digit(e+1) && !x(e+1):
		if validID(r[s : e+1]) {
			l.add(s+1, RuleIDCard, r[s:e+1])
		}
		return e + 1
	}

	// Mobile: 1[3-9]xxxxxxxxx, +8613812345678, 138-1234-5678, 138 1234 5678.
	switch {
	case n == 11 && mobilePrefix(r[s:]):
		l.phone(s, e)
		return e
	case n == 13 && r[s] == '8' && r[s+1] == '6' && s > 0 && r[s-1] == '+' && mobilePrefix(r[s+2:]):
		l.phone(s-1, e)
		return e
	case n == 3 && mobilePrefix(r[s:]) && e < len(r) && (r[e] == '-' || r[e] == ' '):
		sep := r[e]
		if l.runLen(e+1) == 4 && e+5 < len(r) && r[e+5] == sep && l.runLen(e+6) == 4 {
			l.phone(s, e+10)
			return e + 10
		}
		return e
	}

	// Landline: area code 010, 02x or 0xxx, then a local number of 7 or 8
	// digits not starting with 0; written 0871-1234567, 0871 1234567,
	// (0871)1234567 or （0871）1234567.
	if n < 3 || n > 4 || r[s] != '0' {
		return e
	}
	area := 4
	switch r[s+1] {
	case '0':
		return e
	case '1':
		if r[s+2] != '0' {
			return e
		}
		area = 3
	case '2':
		area = 3
	}
	if n != area || e >= len(r) {
		return e
	}
	start, local := s, e+1
	switch {
	case r[e] == '-' || r[e] == ' ':
	case (r[e] == ')' || r[e] == '）') && s > 0 && (r[s-1] == '(' || r[s-1] == '（'):
		start = s - 1
		if local < len(r) && r[local] == ' ' {
			local++
		}
	default:
		return e
	}
	m := l.runLen(local)
	if m != 8 && (m != 7 || area == 3) || r[local] == '0' {
		return e
	}
	l.phone(start, local+m)
	return local + m
}

// runLen returns the length of the maximal digit run starting at i, or 0 if
// i does not start one.
func (l *linter) runLen(i int) int {
	if l.digit(i - 1) {
		return 0
	}
	j := i
	for l.digit(j) {
		j++
	}
	return j - i
}

func mobilePrefix(r []rune) bool {
	return len(r) >= 2 && r[0] == '1' && r[1] >= '3' && r[1] <= '9'
}

// phone reports the number r[s:e] unless it is part of a decimal or reads
// as a quantity of money or things: "13800000000元", "￥13800000000",
// "13800000000 人次". Those are figures in a report, not phone numbers.
func (l *linter) phone(s, e int) {
	r := l.r
	if s >= 2 && r[s-1] == '.' && l.digit(s-2) || s >= 1 && r[s-1] == '+' {
		return
	}
	if e+1 < len(r) && r[e] == '.' && l.digit(e+1) {
		return
	}
	if s >= 1 {
		switch r[s-1] {
		case '¥', '￥', '$', '＄', '€', '£':
			return
		}
	}
	// The national prefix belongs to the number: "+86 138 1234 5678".
	if r[s] == '1' && s >= 3 && r[s-3] == '+' && r[s-2] == '8' && r[s-1] == '6' {
		s -= 3
	} else if r[s] == '1' && s >= 4 && (r[s-1] == ' ' || r[s-1] == '-') && r[s-4] == '+' && r[s-3] == '8' && r[s-2] == '6' {
		s -= 4
	}
	u := e
	if u < len(r) && r[u] == ' ' {
		u++
	}
	if u < len(r) && isUnit(r[u], r[min(u+1, len(r)-1)]) {
		return
	}
	l.add(s+1, RulePhone, r[s:e])
}

// isUnit reports a unit of money or quantity at c (next is the rune after it).
func isUnit(c, next rune) bool {
	switch c {
	case '元', '万', '亿', '千', '百', '角', '吨', '斤', '克', '米', '亩', '件', '个', '人', '户',
		'次', '股', '笔', '台', '辆', '套', '份', '倍', '余', '多', '名', '位', '家', '项', '%', '‰', '％':
		return true
	case '美', '港', '欧', '英', '日', '澳', '韩':
		return next == '元' || next == '镑'
	}
	return false
}

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// validID checks an 18-character resident ID number: the ISO 7064 MOD 11-2
// check character and a real birth date between 1900 and 2099.
func validID(id []rune) bool {
	sum := 0
	for i, w := range idWeights {
		sum += int(id[i]-'0') * w
	}
	check := id[17]
	if check == 'x' {
		check = 'X'
	}
	if rune("10X98765432"[sum%11]) != check {
		return false
	}
	num := func(r []rune) int {
		v := 0
		for _, c := range r {
			v = v*10 + int(c-'0')
		}
		return v
	}
	y, m, d := num(id[6:10]), num(id[10:12]), num(id[12:14])
	if y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m]
	if m == 2 && (y%4 == 0 && y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return d <= days
}
