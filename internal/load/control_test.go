package load

import (
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/sheet"
	"github.com/qingdan/qingdan/internal/value"
)

func TestControl(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		n        int
		first    string
	}{
		{"东勐村党总支", "东勐村党总支", 0, ""},
		{"line\none\ttab", "line\none\ttab", 0, ""},
		{"a\r\nb\rc", "a\nb\nc", 0, ""}, // line ends: made line feeds, silently
		{"a\r\nb\x07", "a\nb", 1, "U+0007"},
		{"\u202egnp.exe", "gnp.exe", 1, "U+202E"},
		{"x\u2066y\u2069z\u200f", "xyz", 3, "U+2066"},
		{"a\u2028b\u2029", "ab", 2, "U+2028"},
		{"a\u0085b\x7f\x00", "ab", 3, "U+0085"},
		{"\u061c阿拉伯", "阿拉伯", 1, "U+061C"},
		{"é ü – — “” ™", "é ü – — “” ™", 0, ""}, // lead bytes 0xc2 and 0xe2 that are no controls
	} {
		got, n, first := control(tt.in)
		if got != tt.want || n != tt.n || first != tt.first {
			t.Errorf("control(%q) = %q, %d, %q; want %q, %d, %q", tt.in, got, n, first, tt.want, tt.n, tt.first)
		}
	}
}

// TestControlCells: a cell with control characters is read without them,
// with a warning at the cell; so is a note, and a cell in a workbook is
// named as Excel names it.
func TestControlCells(t *testing.T) {
	var l diag.List
	d := Dir(site(t, map[string]string{
		"orgs.csv":     "id,name,type,parent\ngaoming,\u202e中共高明县委\u202c,committee,\nwenyuan,文苑社区\x07党总支,community,gaoming\n",
		"progress.csv": "project,date,value,note\np1,2022-03-31,5,\"入户\u2028走访\"\n",
		"projects.csv": "id,org,title,owner,start,due,indicator,baseline,target\np1,wenyuan,九宫格,张丽,2022-01-01,2022-12-31,楼栋,0,40\n",
	}), value.DefaultOrgTypes(), sheet.Limits{}, &l)
	want := `data/orgs.csv:2:9: warning: column name: the cell holds 2 invisible control character(s) (the first is U+202E), removed: most likely pasted from a web page or chat, they would scramble the text's order or layout
data/orgs.csv:3:9: warning: column name: the cell holds 1 invisible control character(s) (the first is U+0007), removed: most likely pasted from a web page or chat, they would scramble the text's order or layout
data/progress.csv:2:17: warning: column note: the cell holds 1 invisible control character(s) (the first is U+2028), removed: most likely pasted from a web page or chat, they would scramble the text's order or layout
0 error(s), 3 warning(s)
`
	if got := problems(&l); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if d.Orgs[0].Name != "中共高明县委" || d.Orgs[1].Name != "文苑社区党总支" {
		t.Errorf("names %q %q", d.Orgs[0].Name, d.Orgs[1].Name)
	}
	for _, note := range d.Notes {
		if note != "入户走访" {
			t.Errorf("note %q", note)
		}
	}
}

// clean trims as strings.TrimFunc with blankRune does, its quick path for
// cells that start and end with a visible ASCII character included.
func TestClean(t *testing.T) {
	ends := []string{"", "\u00a0", "\u3000", "\ufeff", "\u200b", "\u0085", "中", "é"}
	for c := range 128 {
		ends = append(ends, string(rune(c)))
	}
	for _, a := range ends {
		for _, b := range ends {
			for _, mid := range []string{"", "x", " ", "项目 1"} {
				s := a + mid + b
				if got, want := clean(s), strings.TrimFunc(s, blankRune); got != want {
					t.Fatalf("clean(%q) = %q, want %q", s, got, want)
				}
			}
		}
	}
}
