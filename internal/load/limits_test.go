package load

import (
	"fmt"
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/sheet"
	"github.com/qingdan/qingdan/internal/value"
)

// TestLimits: a data file over a limit is reported at its place, in both
// languages, and the other files are read as usual. Big inputs are made
// here, and kept small by small limits.
func TestLimits(t *testing.T) {
	x := strings.Repeat("x", 1100)
	head := "id,name,type\n"
	tests := []struct {
		name  string
		files map[string]string
		xlsx  [][]any // data/orgs.xlsx, if any
		lim   sheet.Limits
		en    string
		zh    string // the first line, in Chinese
	}{
		{"a file over its size", map[string]string{"orgs.csv": head + "a,甲," + x + "\n"}, nil, sheet.Limits{TextSize: 1 << 10},
			`data/orgs.csv:1: the file is 1.1 KB, over the limit of 1 KB, and is not read: split or trim it, or, if it must be this big, raise csv_size under [limits] in qingdan.toml`,
			`data/orgs.csv:1: 文件有 1.1 KB，超过上限 1 KB，没有读取：请拆分或精简；确实需要时，可在 qingdan.toml 的 [limits] 中调大 csv_size`},
		{"a cell over its size", map[string]string{"orgs.csv": head + "a,甲,rural\nb,乙," + x + "\nc,丙,rural\nc,丁,rural\n"}, nil, sheet.Limits{CellSize: 1 << 10},
			"data/orgs.csv:3:5: the cell holds 1.1 KB, over the limit of 1 KB, so its row is not read: shorten it, or raise cell_size under [limits] in qingdan.toml\n" +
				`data/orgs.csv:5:1: duplicate id "c" (already used on line 4)`,
			`data/orgs.csv:3:5: 单元格有 1.1 KB，超过上限 1 KB，这一行没有读取：请缩短它；确实需要时，可在 qingdan.toml 的 [limits] 中调大 cell_size`},
		{"a quote never closed", map[string]string{"orgs.csv": head + "a,\"甲,rural\n" + strings.Repeat("b,乙,rural\n", 10000)}, nil, sheet.Limits{CellSize: 1 << 10},
			`data/orgs.csv:2:3: the quoted cell starting here runs past the limit of 1 KB; the rest of the file is not read: most likely this quote is never closed (write every " inside a cell as "")`,
			`data/orgs.csv:2:3: 从这里的引号开始的单元格超过上限 1 KB 仍没有结束，文件的其余部分没有读取：多半是这个引号没有闭合（单元格里的 " 要写成 ""）`},
		{"a row without cells' end", map[string]string{"orgs.csv": head + "a,甲,rural\n" + strings.Repeat("b,", 40000) + "\n"}, nil, sheet.Limits{CellSize: 1 << 10},
			`data/orgs.csv:3: this row runs past 32 KB without ending; the rest of the file is not read: check that the file is a comma-separated table (a row may be at most 32 times the cell limit)`,
			`data/orgs.csv:3: 这一行超过 32 KB 仍没有结束，文件的其余部分没有读取：请检查文件是不是逗号分隔的表格（一行最长是单元格上限的 32 倍）`},
		{"more rows than the limit", map[string]string{"orgs.csv": head + "a,甲,rural\nb,乙,rural\nc,丙,rural\n"}, nil, sheet.Limits{Rows: 3},
			`data/orgs.csv:4: the file has more than 3 rows; from this one on it is not read: split it, or raise rows under [limits] in qingdan.toml`,
			`data/orgs.csv:4: 文件超过 3 行，从这一行起没有读取：请拆分；确实需要时，可在 qingdan.toml 的 [limits] 中调大 rows`},
		{"a workbook cell over its size", nil, [][]any{{"id", "name", "type"}, {"a", "甲", "rural"}, {"b", x, "rural"}}, sheet.Limits{CellSize: 1 << 10},
			`data/orgs.xlsx:B3: the cell holds 1.1 KB, over the limit of 1 KB, so its row is not read: shorten it, or raise cell_size under [limits] in qingdan.toml`,
			`data/orgs.xlsx:B3: 单元格有 1.1 KB，超过上限 1 KB，这一行没有读取：请缩短它；确实需要时，可在 qingdan.toml 的 [limits] 中调大 cell_size`},
		{"a workbook that unzips to more than its limit", nil, [][]any{{"id", "name", "type"}, {"a", strings.Repeat("甲", 30000), "rural"}}, sheet.Limits{WorkbookSize: 8 << 10},
			`data/orgs.xlsx:1: the workbook unzips to 105.5 KB, over the limit of 64 KB (8 times xlsx_size), and is not read: it is most likely a zip bomb, not a workbook saved by Excel or WPS`,
			`data/orgs.xlsx:1: 工作簿解压后有 105.5 KB，超过上限 64 KB（xlsx_size 的 8 倍），没有读取：这多半是一个“压缩炸弹”，而不是 Excel 或 WPS 保存的工作簿`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := site(t, tt.files)
			if tt.xlsx != nil {
				workbook(t, dir, "orgs.xlsx", tt.xlsx)
			}
			var l diag.List
			Dir(dir, value.DefaultOrgTypes(), tt.lim, &l)
			want := tt.en + "\n" + fmt.Sprintf("%d error(s), 0 warning(s)\n", strings.Count(tt.en, "\n")+1)
			if got := problems(&l); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
			if got := l.Sorted()[0].Text("zh-CN"); got != tt.zh {
				t.Errorf("got\n%s\nwant\n%s", got, tt.zh)
			}
		})
	}
}

// TestJunkCapped: a big file of junk lists the first hundred problems, then
// one line per kind of the others with their count; the count line counts
// them all.
func TestJunkCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,name,type,members\n")
	for i := range 20000 {
		fmt.Fprintf(&b, "Bad Id %d,,村委,-%d\n", i, i+1)
	}
	var l diag.List
	Dir(site(t, map[string]string{"orgs.csv": b.String()}), value.DefaultOrgTypes(), sheet.Limits{}, &l)
	got := problems(&l)
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	if len(lines) != 100+4+1 {
		t.Errorf("%d lines, want 105", len(lines))
	}
	for _, want := range []string{
		"\ndata/orgs.csv:26:15: column members: \"-25\" is not a whole number ≥ 0\n" +
			"data/orgs.csv:27:1: 19975 more error(s) of this kind are not listed (a file lists at most 100 problems); the first: column id: \"Bad Id 25\" is not a valid id; use lower-case letters, digits and hyphens (like wenyuan-2)\n" +
			"data/orgs.csv:27:11: 19975 more error(s) of this kind are not listed (a file lists at most 100 problems); the first: column name: a value is required\n" +
			"data/orgs.csv:27:12: 19975 more error(s) of this kind are not listed (a file lists at most 100 problems); the first: column type: \"村委\" is not allowed",
		"\ndata/orgs.csv:27:15: 19975 more error(s) of this kind are not listed (a file lists at most 100 problems); the first: column members: \"-26\" is not a whole number ≥ 0\n",
		"80000 error(s), 0 warning(s)\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
}
