package lint

// transparent reports markup at r[i] that a reader never sees and that
// punctuation may stand behind: emphasis delimiters, link brackets and
// destinations, footnote references, HTML tags, escaping backslashes.
func (l *linter) transparent(i int) bool { return l.k[i] == kTrans }

// punct reports half-width punctuation inside Chinese text. A run of
// half-width punctuation ("),", "?!") counts as one occurrence.
func (l *linter) punct() {
	r, k := l.r, l.k
	for i := 0; i < len(r); {
		if k[i] != kNormal || !isHalfPunct(r[i]) {
			i++
			continue
		}
		s := i
		for i < len(r) && k[i] == kNormal && isHalfPunct(r[i]) {
			i++
		}
		l.punctRun(s, i)
	}
}

// punctRun judges the run of half-width punctuation r[s:e]. It is a slip when
// the nearest visible character before it is Chinese and the nearest visible
// character after it (blanks skipped) is Chinese or the end of the line; a
// run ending in '(' needs Chinese after it.
func (l *linter) punctRun(s, e int) {
	r, k := l.r, l.k
	n := len(r)
	for i := s; i+1 < e; i++ {
		if r[i] == '.' && r[i+1] == '.' {
			return // an ellipsis typed as dots
		}
	}
	left := s - 1
	for left >= 0 && l.transparent(left) {
		left--
	}
	if left < 0 || k[left] != kNormal || !isChinese(r[left]) {
		return
	}
	right := e
	for right < n && (l.transparent(right) || k[right] == kNormal && isBlank(r[right])) {
		right++
	}
	end := e
	if right == n {
		if r[e-1] == '(' {
			return
		}
	} else {
		if k[right] != kNormal || !isChinese(r[right]) {
			return
		}
		end = right + 1
	}
	start := left
	if end-start > maxSnippet {
		// Much markup in between: show the punctuation with its immediate
		// neighbours instead.
		start, end = s-1, min(e+1, n)
	}
	l.add(start+1, RuleHalfWidthPunct, r[start:end])
}

// spaces reports runs of spaces between two Han characters in prose.
//
// Chinese typesetting also uses spaces on purpose, and those must not warn
// on every article, so these are left alone:
//   - lines without clause punctuation: headlines ("坚持人民至上 推动高质量发展"),
//     bylines ("本报记者 张三"), lists of names, verse;
//   - the space after an ordinal label: "第一条　为了……", "第三章 总则";
//   - a short bracketed segment: "（记者 张三 李四）";
//   - a photo or text credit closing the line after its last punctuation:
//     a tail of at most six characters whose last word is a single
//     character, "……。张三 摄".
func (l *linter) spaces() {
	r, k := l.r, l.k
	n := len(r)
	prose := false
	for i := range r {
		var prev rune
		if i > 0 {
			prev = r[i-1]
		}
		if k[i] == kNormal && isClausePunct(r[i], prev) {
			prose = true
			break
		}
	}
	if !prose {
		return
	}
	// The end of the line's content, before trailing blanks and markup.
	end := n
	for end > 0 && (k[end-1] == kTrans || k[end-1] == kNormal && isSpace(r[end-1])) {
		end--
	}
	segS, segE, credit := 0, -1, false
	for i := 0; i < n; {
		if k[i] != kNormal || !isSpace(r[i]) {
			i++
			continue
		}
		s := i
		for i < n && k[i] == kNormal && isSpace(r[i]) {
			i++
		}
		if s == 0 || i == n || k[s-1] != kNormal || !isHan(r[s-1]) || k[i] != kNormal || !isHan(r[i]) {
			continue
		}
		if s >= segE {
			segS, segE = s, i
			for segS > 0 && !l.stop(segS-1) {
				segS--
			}
			for segE < n && !l.stop(segE) {
				segE++
			}
			credit = segE >= end && l.lastWordIsOneHan(end)
		}
		switch {
		case l.afterOrdinal(s): // 第一条　为了
		case segS > 0 && isOpenBracket(r[segS-1]) && segE < n && isCloseBracket(r[segE]) && segE-segS <= maxSnippet: // （记者 张三）
		case credit && end-i <= 6: // 。张三 摄
		default:
			l.add(s, RuleSpaceInChinese, r[s-1:i+1])
		}
	}
}

// stop reports a rune that bounds a segment for the space rule: punctuation
// or masked text.
func (l *linter) stop(i int) bool {
	c := l.r[i]
	return l.k[i] != kNormal || isCJKPunct(c) || c < 0x80 && isASCIIPunct(c)
}

// lastWordIsOneHan reports whether the line content r[:end] ends in a space
// and a single Han character ("张三 摄").
func (l *linter) lastWordIsOneHan(end int) bool {
	return end >= 2 && isHan(l.r[end-1]) && isSpace(l.r[end-2])
}

// afterOrdinal reports whether the spaces at s follow an ordinal label such
// as 第一条, 第12章 or 第二部分, which is followed by a space by convention.
func (l *linter) afterOrdinal(s int) bool {
	r := l.r
	h := s
	for h > 0 && l.k[h-1] == kNormal && (isHan(r[h-1]) || isNumeral(r[h-1])) {
		h--
	}
	w := r[h:s]
	if len(w) < 3 || w[0] != '第' {
		return false
	}
	switch {
	case len(w) >= 4 && w[len(w)-2] == '部' && w[len(w)-1] == '分':
		w = w[1 : len(w)-2]
	default:
		switch w[len(w)-1] {
		case '编', '章', '节', '条', '款', '项', '篇', '部', '卷', '期', '回', '讲', '课', '集', '季':
			w = w[1 : len(w)-1]
		default:
			return false
		}
	}
	for _, c := range w {
		if !isNumeral(c) {
			return false
		}
	}
	return len(w) > 0
}
