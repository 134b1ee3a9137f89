package diag

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// verbs counts the formatting verbs of a catalogue string, by argument index.
func verbs(f string) map[string]bool {
	out := map[string]bool{}
	n := 0
	for _, m := range regexp.MustCompile(`%(\[\d+\])?[-+# 0]*[a-z]`).FindAllStringSubmatch(strings.ReplaceAll(f, "%%", ""), -1) {
		if m[1] != "" {
			out[m[1]] = true
		} else {
			n++
			out["["+string(rune('0'+n))+"]"] = true
		}
	}
	return out
}

func TestCatalogComplete(t *testing.T) {
	for key, e := range catalog {
		if e.zh == "" || e.en == "" {
			t.Errorf("%s: missing a language", key)
		}
		if len(verbs(e.zh)) > len(verbs(e.en)) && !strings.Contains(e.en, "%[") {
			t.Errorf("%s: Chinese uses more arguments than English", key)
		}
	}
}

// TestCatalogKeysUsed finds every message key the code passes and checks
// the catalogue has it, so no user ever sees a bare key.
func TestCatalogKeysUsed(t *testing.T) {
	prefixes := map[string]bool{}
	for key := range catalog {
		if i := strings.IndexByte(key, '.'); i > 0 {
			prefixes[key[:i]] = true
		}
	}
	lit := regexp.MustCompile(`"([a-z]+)\.([a-zA-Z]+)"`)
	found := 0
	err := filepath.Walk("..", func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range lit.FindAllStringSubmatch(string(b), -1) {
			if !prefixes[m[1]] {
				continue
			}
			found++
			if _, ok := catalog[m[1]+"."+m[2]]; !ok {
				t.Errorf("%s: key %s.%s is not in the catalogue", p, m[1], m[2])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 30 {
		t.Errorf("only %d keys found in the code; is the scan still looking in the right place?", found)
	}
}

func TestQuoteAndText(t *testing.T) {
	if got := Quote("a\nb\"c").Local("zh-CN"); got != `“a\nb"c”` {
		t.Errorf("zh quote %s", got)
	}
	if got := Quote("a\nb").Local("en"); got != `"a\nb"` {
		t.Errorf("en quote %s", got)
	}
	if got := Text("en", "cell.date", Column{"完成时限", "due"}, Quote("2022-13-01"), M("date.month", 13)); got != `column due: "2022-13-01" is not a valid date (the month 13 must be 1 to 12)` {
		t.Errorf("en text %s", got)
	}
	if got := Text("zh-CN", "cell.date", Column{"完成时限", "due"}, Quote("2022-13-01"), M("date.month", 13)); got != `完成时限（due）：“2022-13-01”不是有效日期，月份 13 应在 1–12 之间` {
		t.Errorf("zh text %s", got)
	}
}

func TestListSortedAndCounted(t *testing.T) {
	var l List
	l.Error(Pos{File: "b.csv", Line: 2}, "cell.empty", Column{"名称", "name"})
	l.Warn(Pos{File: "a.csv", Line: 9, Col: 3}, "row.extra", 1)
	l.Error(Pos{File: "a.csv", Line: 10}, "sheet.empty")
	var b strings.Builder
	l.Print(&b, "en")
	want := "a.csv:9:3: warning: the row has 1 cell(s) more than the header; they are ignored\n" +
		"a.csv:10: the file is empty: its first row must be the header\n" +
		"b.csv:2: column name: a value is required\n" +
		"2 error(s), 1 warning(s)\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	if l.Errors() != 2 || l.Len() != 3 {
		t.Error("counts")
	}
}

func TestPosString(t *testing.T) {
	tests := []struct {
		p    Pos
		want string
	}{
		{Pos{File: "data/progress.csv", Line: 7, Col: 3}, "data/progress.csv:7:3"},
		{Pos{File: "data/progress.csv", Line: 7}, "data/progress.csv:7"},
		{Pos{File: "data/progress.csv"}, "data/progress.csv"},
		{Pos{File: "data/progress.xlsx", Line: 7, Col: 2}, "data/progress.xlsx:B7"},
		{Pos{File: "data/Progress.XLSX", Line: 1, Col: 26}, "data/Progress.XLSX:Z1"},
		{Pos{File: "data/progress.xlsx", Line: 9, Col: 27}, "data/progress.xlsx:AA9"},
		{Pos{File: "data/progress.xlsx", Line: 9, Col: 703}, "data/progress.xlsx:AAA9"},
		{Pos{File: "data/progress.xlsx", Line: 9}, "data/progress.xlsx:9"},
		{Pos{File: "data/progress.xlsx"}, "data/progress.xlsx"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("%#v: %s, want %s", tt.p, got, tt.want)
		}
	}
}
