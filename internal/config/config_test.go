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

// TestSearch: a site has its search unless qingdan.toml says search =
// false.
func TestSearch(t *testing.T) {
	for src, off := range map[string]bool{"": false, "search = true\n": false, "search = false\n": true} {
		c, problems := parse(t, src)
		if problems != "" || c.NoSearch != off {
			t.Errorf("%q: NoSearch %v, want %v %s", src, c.NoSearch, off, problems)
		}
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
		{"title = \"x\"\nsearch = \"no\"\n", "qingdan.toml:2:10: setting search must be true or false, not text\n"},
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

// TestBaseURL: base_url is an http(s) address of a host, without user,
// query or fragment, and without characters no address holds; each
// refusal says why, at base_url's line.
func TestBaseURL(t *testing.T) {
	for _, tt := range []struct{ in, want, problem string }{
		{"https://dj.example.gov.cn", "https://dj.example.gov.cn/", ""},
		{"http://10.0.0.5/dangjian//", "http://10.0.0.5/dangjian/", ""},
		{"HTTPS://Example.org/党建", "https://Example.org/%E5%85%9A%E5%BB%BA/", ""},
		{"http://[::1]:1313/x/", "http://[::1]:1313/x/", ""},
		{"ftp://example.org", "", `qingdan.toml:2: base_url "ftp://example.org" is not an http:// or https:// URL ending in /`},
		{"http://", "", `qingdan.toml:2: base_url "http://" cannot be the site's address: it names no host; write it like https://dj.example.gov.cn/`},
		{"https:///x", "", `qingdan.toml:2: base_url "https:///x" cannot be the site's address: it names no host; write it like https://dj.example.gov.cn/`},
		{"http://a/?q=1", "", `qingdan.toml:2: base_url "http://a/?q=1" cannot be the site's address: it cannot hold a query (?…) or a fragment (#…), since the pages' paths follow it`},
		{"http://a/x#top", "", `qingdan.toml:2: base_url "http://a/x#top" cannot be the site's address: it cannot hold a query (?…) or a fragment (#…), since the pages' paths follow it`},
		{"http://a/?", "", `qingdan.toml:2: base_url "http://a/?" cannot be the site's address: it cannot hold a query (?…) or a fragment (#…), since the pages' paths follow it`},
		{"http://admin:secret@a/", "", `qingdan.toml:2: base_url "http://admin:secret@a/" cannot be the site's address: it cannot hold a user name or password, which every page would show`},
		{"http://a/\x00", "", `qingdan.toml:2: base_url "http://a/\x00" cannot be the site's address: it holds U+0000, which no address may hold`},
		{"http://a/\u202e", "", `qingdan.toml:2: base_url "http://a/\u202e" cannot be the site's address: it holds U+202E, which no address may hold`},
		{"http://a/<b>", "", `qingdan.toml:2: base_url "http://a/<b>" cannot be the site's address: it holds "<", which no address may hold`},
		{"http://a:x/", "", `qingdan.toml:2: base_url "http://a:x/" cannot be the site's address: it is not a valid address`},
		{"http://%80", "", `qingdan.toml:2: base_url "http://%80" cannot be the site's address: it is not a valid address`}, // found by FuzzBaseURL
	} {
		c, problems := parse(t, "title = \"x\"\nbase_url = \""+strings.NewReplacer("\x00", `\u0000`, "\u202e", `\u202E`).Replace(tt.in)+"\"\n")
		if c.BaseURL != tt.want {
			t.Errorf("%q gives %q, want %q", tt.in, c.BaseURL, tt.want)
		}
		if tt.problem == "" && problems != "" || !strings.HasPrefix(problems, tt.problem) {
			t.Errorf("%q:\n got %s\nwant %s", tt.in, problems, tt.problem)
		}
	}
}

// TestMenu: menu links are paths in the site, http(s) addresses of other
// sites, mailto: or tel:; anything else is an error at its entry's url line.
func TestMenu(t *testing.T) {
	src := `title = "x"

[[menu]]
name = "项目"
url = "projects/"

[[menu]]
name = "政府网"
url = "https://www.gov.cn/"

[[menu]]
name = "来信"
url = "mailto:dj@example.org"

[[menu]]
name = "电话"
url = "tel:+86-10-12345678"

[[menu]]
name = "x"
url = "javascript:alert(1)"

[[menu]]
url = "JavaScript:alert(1)"
name = "y"

[[menu]]
name = "d"
url = "data:text/html,<script>alert(1)</script>"

[[menu]]
name = "v"
url = "vbscript:msgbox"

[[menu]]
name = "f"
url = "file:///etc/passwd"

[[menu]]
name = "root"
url = "/projects/"

[[menu]]
name = "other"
url = "//evil.example/"

[[menu]]
name = "tab"
url = "java\tscript:alert(1)"

[[menu]]
name = "nohost"
url = "https:evil.example"

[[menu]]
name = "关于"
url = "about/#history"
`
	c, problems := parse(t, src)
	want := `qingdan.toml:21: menu entry 5 ("x"): the link "javascript:alert(1)" cannot be used: javascript: links are not allowed; use a path in the site (like projects/), an http(s):// address, mailto: or tel:
qingdan.toml:24: menu entry 6 ("y"): the link "JavaScript:alert(1)" cannot be used: JavaScript: links are not allowed; use a path in the site (like projects/), an http(s):// address, mailto: or tel:
qingdan.toml:29: menu entry 7 ("d"): the link "data:text/html,<script>alert(1)</script>" cannot be used: data: links are not allowed; use a path in the site (like projects/), an http(s):// address, mailto: or tel:
qingdan.toml:33: menu entry 8 ("v"): the link "vbscript:msgbox" cannot be used: vbscript: links are not allowed; use a path in the site (like projects/), an http(s):// address, mailto: or tel:
qingdan.toml:37: menu entry 9 ("f"): the link "file:///etc/passwd" cannot be used: file: links are not allowed; use a path in the site (like projects/), an http(s):// address, mailto: or tel:
qingdan.toml:41: menu entry 10 ("root"): the link "/projects/" cannot be used: a path starting with / counts from the server's root and breaks when the site lives in a sub-folder: write it from the site's root, "projects/"
qingdan.toml:45: menu entry 11 ("other"): the link "//evil.example/" cannot be used: an address starting with // is another site's: write https:// before it
qingdan.toml:49: menu entry 12 ("tab"): the link "java\tscript:alert(1)" cannot be used: it holds U+0009, which no address may hold (white space, control and invisible format characters, " < > \ ^ ` + "`" + ` { | })
qingdan.toml:53: menu entry 13 ("nohost"): the link "https:evil.example" cannot be used: it names no host; write it like https://dj.example.gov.cn/
9 error(s), 0 warning(s)
`
	if problems != want {
		t.Errorf("problems\n%s\nwant\n%s", problems, want)
	}
	var urls []string
	for _, m := range c.Menu {
		urls = append(urls, m.URL)
	}
	if got := strings.Join(urls, " "); got != "projects/ https://www.gov.cn/ mailto:dj@example.org tel:+86-10-12345678 about/#history" {
		t.Errorf("menu kept %s", got)
	}
}
