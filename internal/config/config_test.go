package config

import (
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/value"
)

func parse(t *testing.T, src string) (*Config, string) {
	t.Helper()
	var l diag.List
	c := Parse([]byte(src), File, &l)
	var b strings.Builder
	l.Print(&b, "en")
	return c, b.String()
}

func TestParseFull(t *testing.T) {
	c, problems := parse(t, "\ufeff"+`title = "高明县"
description = "清单"
language = "en"
base_url = "https://example.org/dangjian"
as_of = 2022-06-30

[status]
warn_gap = 0.25

[[org_types]]
key = "village"
label = "村"

[[org_types]]
key = "street"

[[menu]]
name = "项目"
url = "projects/"

[params]
footer = "主办"
`)
	if problems != "" {
		t.Fatal(problems)
	}
	if c.Title != "高明县" || c.Language != "en" || c.BaseURL != "https://example.org/dangjian/" ||
		c.AsOf.String() != "2022-06-30" || c.WarnGap != 0.25 || len(c.Menu) != 1 || c.Params["footer"] != "主办" {
		t.Errorf("%+v", c)
	}
	want := []value.OrgType{{Key: "village", Label: "村"}, {Key: "street", Label: "street"}}
	if len(c.OrgTypes) != 2 || c.OrgTypes[0] != want[0] || c.OrgTypes[1] != want[1] {
		t.Errorf("org types %+v", c.OrgTypes)
	}
}

func TestParseDefaults(t *testing.T) {
	c, problems := parse(t, "")
	if problems != "" || c.Language != "zh-CN" || c.WarnGap != value.DefaultWarnGap || !c.AsOf.IsZero() || len(c.OrgTypes) != 8 {
		t.Errorf("%+v %s", c, problems)
	}
	c, _ = parse(t, `as_of = "2022年6月30日"`)
	if c.AsOf.String() != "2022-06-30" {
		t.Errorf("as_of as a Chinese string: %v", c.AsOf)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"title = \"x\"\ncolour = 1\nsize = 2\n", "qingdan.toml:2:1: unknown setting \"colour\"\nqingdan.toml:3:1: unknown setting \"size\"\n"},
		{"[status]\nwarn_gap = \"x\"\n", "qingdan.toml:2:12: setting status.warn_gap must be a number, not text\n"},
		{"title = \n", "qingdan.toml:1:9: qingdan.toml syntax error: "},
		{"[[org_types]]\nkey = \"Bad Key\"\n", "qingdan.toml:1: org_types key \"Bad Key\" is invalid or repeated; use unique lower-case slugs\n"},
		{"as_of = true\n", "qingdan.toml:1: as_of must be a date like 2022-06-30\n"},
		{"\n\n[status]\nwarn_gap = -0.1\n", "qingdan.toml:4: status.warn_gap must be between 0 and 1, not -0.1\n"},
	}
	for _, tt := range tests {
		_, got := parse(t, tt.src)
		if !strings.HasPrefix(got, tt.want) {
			t.Errorf("%q:\n got %q\nwant %q", tt.src, got, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("title = \"x\"\nas_of = 2022-06-30\n[status]\nwarn_gap = 0.2\n"))
	f.Add([]byte("[[org_types]]\nkey = \"a\"\n[[menu]]\nname = \"b\"\n"))
	f.Add([]byte("as_of = \"2022/2/30\"\nlanguage = \"fr\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var l diag.List
		c := Parse(data, File, &l)
		if c == nil {
			t.Fatal("nil config")
		}
		lines := strings.Count(string(data), "\n") + 1
		for _, d := range l.Sorted() {
			if d.Pos.Line < 0 || d.Pos.Line > lines {
				t.Fatalf("line %d outside a %d-line file", d.Pos.Line, lines)
			}
		}
	})
}

// TestLimits reads the [limits] table: sizes in bytes or with a unit, and
// each bad value an error at its line.
func TestLimits(t *testing.T) {
	tests := []struct {
		name, src string
		want      Limits
		problems  string
	}{
		{"none", "", Limits{}, ""},
		{"every key", `[limits]
csv_size = "1GB"
xlsx_size = "64 MB"
cell_size = "64kb"
rows = 20_000_000
document_size = "4MiB"
front_value_size = 2048
`, Limits{CSVSize: 1 << 30, XLSXSize: 64 << 20, CellSize: 64 << 10, Rows: 20_000_000, DocumentSize: 4 << 20, FrontValueSize: 2048}, ""},
		{"decimals and bytes", "[limits]\ncsv_size = \"1.5G\"\ncell_size = \"100B\"\nxlsx_size = \"100\"\n",
			Limits{CSVSize: 3 << 29, CellSize: 100, XLSXSize: 100}, ""},
		{"bad values", "[limits]\ncsv_size = \"lots\"\ncell_size = 0\nxlsx_size = \"-1MB\"\nrows = -5\ndocument_size = 1.5\nfront_value_size = \"64 TB\"\n",
			Limits{}, `qingdan.toml:2: limits.csv_size must be a size above 0 like "64MB" (units B, KB, MB, GB), not "lots"
qingdan.toml:3: limits.cell_size must be a size above 0 like "64MB" (units B, KB, MB, GB), not "0"
qingdan.toml:4: limits.xlsx_size must be a size above 0 like "64MB" (units B, KB, MB, GB), not "-1MB"
qingdan.toml:5: limits.rows must be a positive whole number, not -5
qingdan.toml:6: limits.document_size must be a size above 0 like "64MB" (units B, KB, MB, GB), not "1.5"
qingdan.toml:7: limits.front_value_size must be a size above 0 like "64MB" (units B, KB, MB, GB), not "64 TB"
6 error(s), 0 warning(s)
`},
		{"unknown key", "[limits]\nfile_size = \"1MB\"\n", Limits{}, "qingdan.toml:2:1: unknown setting \"limits.file_size\"\n1 error(s), 0 warning(s)\n"},
		{"rows as text", "[limits]\nrows = \"many\"\n", Limits{}, "qingdan.toml:2:8: setting limits.rows must be a whole number, not text\n1 error(s), 0 warning(s)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, problems := parse(t, tt.src)
			if problems != tt.problems {
				t.Errorf("problems\n%s\nwant\n%s", problems, tt.problems)
			}
			if c.Limits != tt.want {
				t.Errorf("limits %+v, want %+v", c.Limits, tt.want)
			}
		})
	}
}
