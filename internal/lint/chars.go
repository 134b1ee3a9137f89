package lint

import "unicode"

// isHan reports a Chinese character (Han script, including 〇 and 々).
func isHan(c rune) bool {
	return c >= 0x2E80 && unicode.Is(unicode.Han, c)
}

// isCJKPunct reports punctuation used in Chinese text: CJK symbols and
// punctuation, full-width punctuation, and the curly quotes, ellipsis, dashes
// and middle dot that Chinese text shares with Western text. The ideographic
// space U+3000 is a space, not punctuation.
func isCJKPunct(c rune) bool {
	switch {
	case c < 0xB7:
		return false
	case c >= 0x3001 && c <= 0x303F:
		return true
	case c >= 0xFF01 && c <= 0xFF0F, c >= 0xFF1A && c <= 0xFF20,
		c >= 0xFF3B && c <= 0xFF40, c >= 0xFF5B && c <= 0xFF65:
		return true
	case c >= 0xFE10 && c <= 0xFE19, c >= 0xFE30 && c <= 0xFE6B:
		return true
	}
	switch c {
	case 0xB7, 0x2014, 0x2015, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x30FB:
		return true
	}
	return false
}

// isChinese is what may stand next to half-width punctuation for it to count
// as a slip: a Han character or Chinese punctuation.
func isChinese(c rune) bool { return isHan(c) || isCJKPunct(c) }

// isSpace reports the spaces that may separate two Han characters: ASCII
// space and tab, the ideographic space, and the no-break and fixed-width
// spaces that pasting from Word or WeChat brings in.
func isSpace(c rune) bool {
	switch {
	case c == ' ', c == '\t', c == 0xA0, c == 0x3000, c == 0x202F, c == 0x205F:
		return true
	case c >= 0x2000 && c <= 0x200A:
		return true
	}
	return false
}

// isHalfPunct reports the half-width punctuation the linter checks.
func isHalfPunct(c rune) bool {
	switch c {
	case ',', '.', ':', ';', '!', '?', '(', ')':
		return true
	}
	return false
}

// isClausePunct reports punctuation that ends a clause or sentence in
// Chinese prose, full-width or (after a Han character) half-width.
func isClausePunct(c, prev rune) bool {
	switch c {
	case '，', '。', '、', '；', '：', '！', '？', '…', '．', '｡':
		return true
	case ',', '.', ';', ':', '!', '?':
		return isHan(prev)
	}
	return false
}

// isOpenBracket and isCloseBracket report round and square brackets, full-
// and half-width.
func isOpenBracket(c rune) bool {
	switch c {
	case '(', '（', '[', '［', '【', '〔', '〖':
		return true
	}
	return false
}

func isCloseBracket(c rune) bool {
	switch c {
	case ')', '）', ']', '］', '】', '〕', '〗':
		return true
	}
	return false
}

// isNumeral reports the digits of an ordinal such as 第一条 or 第12章.
func isNumeral(c rune) bool {
	switch {
	case c >= '0' && c <= '9', c >= '０' && c <= '９':
		return true
	}
	switch c {
	case '〇', '零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '两':
		return true
	}
	return false
}

func isBlank(c rune) bool { return c == ' ' || c == '\t' }

func isASCIILetter(c rune) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isASCIIDigit(c rune) bool  { return c >= '0' && c <= '9' }
func isASCIIAlnum(c rune) bool  { return isASCIILetter(c) || isASCIIDigit(c) }

func isASCIIPunct(c rune) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}
