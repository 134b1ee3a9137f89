package load

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/value"
)

// This file holds how a header cell is read as a column name the way
// government sheets write them, and what is said about one that names no
// column.

// headName is a header cell or a column name as the two are compared:
// half-width (full-width letters, digits and brackets narrowed), lower case,
// without white space or invisible characters anywhere (日  期), without a
// required mark (*) or a colon at either end, and without a trailing part in
// brackets, a unit or a remark: 数值（亩）, 党员数(人), 日期【必填】, or
// id [编号] as SPEC's tables write it. A name wholly in brackets loses only
// the brackets.
func headName(s string) string {
	s = strings.ToLower(value.Narrow(s))
	s = strings.Map(func(r rune) rune {
		if blankRune(r) {
			return -1
		}
		return r
	}, s)
	for {
		t := strings.Trim(s, "*:")
		t = bracketTail(t)
		if t == s {
			return s
		}
		s = t
	}
}

// brackets pairs each closing bracket with its opening one.
var brackets = map[rune]rune{')': '(', ']': '[', '】': '【', '〕': '〔', '〗': '〖', '>': '<', '》': '《'}

// bracketTail drops a trailing bracketed part of s, or the brackets round
// the whole of it; s is returned as is when it ends in no bracket.
func bracketTail(s string) string {
	end, size := utf8.DecodeLastRuneInString(s)
	open, ok := brackets[end]
	if !ok {
		return s
	}
	i := strings.LastIndex(s, string(open))
	switch {
	case i < 0:
		return s
	case i == 0:
		return s[len(string(open)) : len(s)-size]
	}
	return s[:i]
}

// rowNumberNames are headers of a column of row numbers (序号), which
// government sheets put first and the site has no use for.
var rowNumberNames = []string{"序号", "序", "行号", "no", "no.", "#"}

// weakNames are column names too common inside other headers to suggest
// them for a header that merely contains them: 牵头单位 is an org, not a unit.
var weakNames = []string{"单位"}

// guess returns the column name (as written in the schema) that header h
// (a headName) most likely means, or "": the name nearest to it, if no other
// missing column's name is as near and no column that the header has
// already (index, per column, is its place in the header or -1) is nearer.
func guess(h string, cols []column, index []int) string {
	best, bestCol, bestScore, tie := "", -1, 0, false
	had := -1 // the nearest score of a column the header has
	for ci, c := range cols {
		names := c.names()
		for i, f := range c.forms {
			s, ok := nearness(h, f)
			switch {
			case !ok:
			case index[ci] >= 0:
				if had < 0 || s < had {
					had = s
				}
			case bestCol < 0 || s < bestScore:
				best, bestCol, bestScore, tie = names[i], ci, s, false
			case s == bestScore && ci != bestCol:
				tie = true
			}
		}
	}
	if bestCol < 0 || tie || had >= 0 && had < bestScore {
		return ""
	}
	return best
}

// nearness scores how near header h is to the column name f (both
// headNames), lower being nearer, and says whether it is near at all. A
// Chinese header is compared with the Chinese names, any other with the
// keys. Near is one containing the other with a few more characters
// (填报日期 and 日期, 类型 and 适用类型, projectid and project), or within an edit or, for names of five letters
// or characters and more, two (项目编码 and 项目编号, titel and title); a
// Chinese name of two characters is too short to tell a typo from another
// word (类型 is not 类别).
func nearness(h, f string) (score int, near bool) {
	han := hasHan(h)
	if h == "" || f == "" || han != hasHan(f) {
		return 0, false
	}
	nh, nf := utf8.RuneCountInString(h), utf8.RuneCountInString(f)
	shortest, extra := 3, 5
	if han {
		shortest, extra = 2, 3
	}
	if min(nh, nf) >= shortest && max(nh, nf)-min(nh, nf) <= extra && !slices.Contains(weakNames, f) &&
		(strings.Contains(h, f) || strings.Contains(f, h)) {
		return max(nh, nf) - min(nh, nf), true
	}
	if han && min(nh, nf) < 3 {
		return 0, false
	}
	limit := 1
	if min(nh, nf) >= 5 {
		limit = 2
	}
	if d := diag.Distance(h, f, limit+1); d <= limit && d < min(nh, nf) {
		return d, true
	}
	return 0, false
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// columnList names a file's columns as its users write them: by their keys
// in English messages, and in Chinese ones too when the file's header names
// more of its columns by key than by a Chinese name; else by their Chinese
// names.
type columnList struct {
	cols []column
	keys bool
}

func (cl columnList) Local(lang string) string {
	names := make(diag.Names, len(cl.cols))
	for i, c := range cl.cols {
		names[i] = c.key
		if !diag.IsEnglish(lang) && !cl.keys && c.zh != "" {
			names[i] = c.zh
		}
	}
	return names.Local(lang)
}
