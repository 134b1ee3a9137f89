package load

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/qingdan/qingdan/internal/value"
)

// totalWords label a row of totals (合计行) in its first non-empty cell,
// compared as headName compares headers: 合  计, 合计：, 合计（亩）, Total.
var totalWords = []string{
	"合计", "总计", "小计", "共计", "汇总", "总合计", "累计",
	"total", "totals", "grandtotal", "subtotal", "sum",
}

// totalEnds are endings of a short label that are totals too: 全县合计, 本页小计.
var totalEnds = []string{"合计", "总计", "小计", "共计"}

// totalRow reports whether cells are a row of totals, which sheets add at
// the end (or below each group) and which is no record: its first
// non-empty cell is a total label (or follows only a whole number, the
// row's 序号), and every other cell is empty, a number, a formula as text
// (=SUM(C3:C9)) or a placeholder (—, /). A formula whose result was saved
// reads as that result, a number; one whose result was not, as empty. It
// returns the label.
func totalRow(cells []string) (string, bool) {
	label := -1
	for i, c := range cells {
		c = clean(c)
		if c == "" {
			continue
		}
		if label < 0 {
			switch {
			case totalLabel(c):
				label = i
			case !seqNumber(c):
				return "", false
			}
			continue
		}
		if !totalFiller(c) {
			return "", false
		}
	}
	if label < 0 {
		return "", false
	}
	return clean(cells[label]), true
}

// totalLabel reports whether s labels a total row. Every record's first
// cell comes here, so most are turned away before anything is allocated.
func totalLabel(s string) bool {
	if len(s) == 0 {
		return false
	}
	if c := s[0] | 0x20; c != 't' && c != 'g' && c != 's' && ascii(s) {
		return false // most first cells: an id, a name in letters, a date
	}
	return totalWord(s)
}

// totalWord is totalLabel without the quick look at the first letter.
func totalWord(s string) bool {
	if len(s) > 64 || !strings.Contains(s, "计") && !strings.Contains(s, "汇总") &&
		!prefixFold(s, "total") && !prefixFold(s, "grand") && !prefixFold(s, "sub") && !prefixFold(s, "sum") {
		return false
	}
	n := headName(s)
	if slices.Contains(totalWords, n) {
		return true
	}
	for _, e := range totalEnds {
		if strings.HasSuffix(n, e) && utf8.RuneCountInString(n) <= 6 {
			return true
		}
	}
	return false
}

// totalFiller is what a total row holds beside its label.
func totalFiller(s string) bool {
	n := value.Narrow(s)
	if strings.HasPrefix(n, "=") || strings.Trim(n, "-—–―/\\…") == "" {
		return true
	}
	_, why := value.ParseNumber(s)
	return why == nil
}

// ascii reports whether s is all ASCII: it holds neither 计 nor 汇总, and
// folds to total, grand, sub or sum only from a t, g or s.
func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func prefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// seqNumber reports whether s is a whole number as a 序号 column holds.
func seqNumber(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0 && len(s) <= 9
}
