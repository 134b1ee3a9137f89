// Package config reads qingdan.toml. Unknown keys and wrong types are errors
// with their line, like any other problem in a site's sources.
package config

import (
	"bytes"
	"errors"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/value"
)

// File is the config file's name inside a site.
const File = "qingdan.toml"

// Config is a site's configuration after validation.
type Config struct {
	Title       string
	Description string
	Language    string // "zh-CN" or "en"
	BaseURL     string // "" or an absolute URL ending in "/"
	AsOf        value.Date
	WarnGap     float64
	OrgTypes    []value.OrgType
	Menu        []MenuItem
	Params      map[string]any
	UnsafeHTML  bool     // raw HTML in Markdown is kept, sanitised
	PerPage     int      // rows per page of the project list
	CasesPer    int      // cases per page of case listings
	Publish     bool     // leave out cases without a final review, as --publish
	Scheduled   bool     // a case dated later than the build's day (--now, SOURCE_DATE_EPOCH, else as_of) waits for it
	NoSearch    bool     // search = false: no search page, index or search boxes
	Columns     []string // the newspaper's columns: the defaults and the site's own
	Theme       string   // "" for the built-in theme, else the folder themes/THEME of the site
	ThemePos    diag.Pos // where qingdan.toml names the theme
	Limits      Limits   // the [limits] table
}

// MenuItem is one entry of the site's navigation.
type MenuItem struct {
	Name string `toml:"name"`
	URL  string `toml:"url"`
}

// file mirrors qingdan.toml.
type file struct {
	Title       string         `toml:"title"`
	Description string         `toml:"description"`
	Language    string         `toml:"language"`
	BaseURL     string         `toml:"base_url"`
	AsOf        any            `toml:"as_of"`
	Status      status         `toml:"status"`
	OrgTypes    []orgType      `toml:"org_types"`
	Menu        []MenuItem     `toml:"menu"`
	Params      map[string]any `toml:"params"`
	UnsafeHTML  bool           `toml:"unsafe_html"`
	PerPage     int            `toml:"per_page"`
	CasesPer    int            `toml:"cases_per_page"`
	Publish     bool           `toml:"publish"`
	Scheduled   bool           `toml:"scheduled"`
	Search      *bool          `toml:"search"`
	Columns     []string       `toml:"columns"`
	Theme       string         `toml:"theme"`
	Limits      limits         `toml:"limits"`
}

type status struct {
	WarnGap *float64 `toml:"warn_gap"`
}

type orgType struct {
	Key   string `toml:"key"`
	Label string `toml:"label"`
}

// Default is the configuration of a site without qingdan.toml.
func Default() *Config {
	return &Config{
		Title:    "清单",
		Language: "zh-CN",
		AsOf:     value.NoDate,
		WarnGap:  value.DefaultWarnGap,
		OrgTypes: value.DefaultOrgTypes(),
		CasesPer: 10,
		Columns:  DefaultColumns(),
	}
}

// Load reads path (a missing file gives the defaults) and reports problems
// under the name shown to users.
func Load(path, shown string, l *diag.List) *Config {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return Default()
	}
	if err != nil {
		l.Error(diag.Pos{File: shown}, "file.read", err)
		return Default()
	}
	return Parse(data, shown, l)
}

var slug = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Parse reads a qingdan.toml held in data.
func Parse(data []byte, shown string, l *diag.List) *Config {
	c := Default()
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	var f file
	dec := toml.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		report(err, shown, l)
		return c
	}
	lines := keyLines(data)
	at := func(key string) diag.Pos { return diag.Pos{File: shown, Line: lines[key]} }

	if f.Title != "" {
		c.Title = f.Title
	}
	c.Description = f.Description
	if f.Theme != "" && f.Theme != "default" {
		if slug.MatchString(f.Theme) {
			c.Theme, c.ThemePos = f.Theme, at("theme")
		} else {
			l.Error(at("theme"), "config.theme", diag.Quote(f.Theme))
		}
	}
	switch strings.ToLower(f.Language) {
	case "", "zh", "zh-cn", "zh-hans":
		c.Language = "zh-CN"
	case "en":
		c.Language = "en"
	default:
		l.Error(at("language"), "config.language", diag.Quote(f.Language))
	}
	if f.BaseURL != "" {
		if u, why := BaseURL(f.BaseURL); why == nil {
			c.BaseURL = u
		} else {
			BaseURLError(l, at("base_url"), f.BaseURL, *why, false)
		}
	}
	switch v := f.AsOf.(type) {
	case nil:
	case toml.LocalDate:
		c.AsOf = dateOrReport(v.String(), at("as_of"), l)
	case string:
		if v != "" {
			c.AsOf = dateOrReport(v, at("as_of"), l)
		}
	default:
		l.Error(at("as_of"), "config.asOfType")
	}
	if g := f.Status.WarnGap; g != nil {
		if *g < 0 || *g >= 1 {
			l.Error(at("status.warn_gap"), "config.warnGap", *g)
		} else {
			c.WarnGap = *g
		}
	}
	if len(f.OrgTypes) > 0 {
		seen := map[string]bool{}
		c.OrgTypes = nil
		for _, t := range f.OrgTypes {
			if !slug.MatchString(t.Key) || seen[t.Key] {
				l.Error(at("org_types"), "config.typeKey", diag.Quote(t.Key))
				continue
			}
			seen[t.Key] = true
			if t.Label == "" {
				t.Label = t.Key
			}
			c.OrgTypes = append(c.OrgTypes, value.OrgType{Key: t.Key, Label: t.Label})
		}
	}
	for i, m := range f.Menu {
		m.URL = strings.Trim(m.URL, " ") // as a browser does
		if why := menuURL(m.URL); why != nil {
			pos := diag.Pos{File: shown, Line: itemLine(lines, "menu", i, "url")}
			l.Error(pos, "config.menu", i+1, diag.Quote(m.Name), diag.Quote(m.URL), *why)
			continue
		}
		c.Menu = append(c.Menu, m)
	}
	c.Params = f.Params
	c.UnsafeHTML = f.UnsafeHTML
	if f.PerPage < 0 {
		l.Error(at("per_page"), "config.perPage", f.PerPage)
	} else {
		c.PerPage = f.PerPage
	}
	if f.CasesPer < 0 {
		l.Error(at("cases_per_page"), "config.perPage", f.CasesPer)
	} else if f.CasesPer > 0 {
		c.CasesPer = f.CasesPer
	}
	c.Publish = f.Publish
	c.Scheduled = f.Scheduled
	c.NoSearch = f.Search != nil && !*f.Search
	c.Limits = f.Limits.parse(at, l)
	for _, col := range f.Columns {
		if col = strings.TrimSpace(col); col != "" && !slices.Contains(c.Columns, col) {
			c.Columns = append(c.Columns, col)
		}
	}
	return c
}

func dateOrReport(s string, pos diag.Pos, l *diag.List) value.Date {
	d, why := value.ParseDate(s)
	if why != nil {
		l.Error(pos, "config.asOf", diag.Quote(s), *why)
	}
	return d
}

// report turns go-toml's typed errors into positioned problems.
func report(err error, shown string, l *diag.List) {
	var strict *toml.StrictMissingError
	var de *toml.DecodeError
	switch {
	case errors.As(err, &strict):
		for _, e := range strict.Errors {
			line, col := e.Position()
			l.Error(diag.Pos{File: shown, Line: line, Col: col}, "config.unknown", diag.Quote(strings.Join(e.Key(), ".")))
		}
	case errors.As(err, &de):
		line, col := de.Position()
		pos := diag.Pos{File: shown, Line: line, Col: col}
		msg := strings.TrimPrefix(de.Error(), "toml: ")
		if m := mismatch.FindStringSubmatch(msg); m != nil && len(de.Key()) > 0 {
			l.Error(pos, "config.type", strings.Join(de.Key(), "."), kindOf(m[2]), kindOf(m[1]))
			return
		}
		l.Error(pos, "config.syntax", msg)
	default:
		l.Error(diag.Pos{File: shown}, "config.syntax", err.Error())
	}
}

// mismatch picks the two kinds out of go-toml's type mismatch message.
var mismatch = regexp.MustCompile(`cannot decode TOML ([a-z -]+?) into .* of type (\S+)`)

// kindOf names a TOML or Go kind the way a user of the config understands it.
func kindOf(k string) diag.Name {
	switch {
	case k == "string":
		return diag.Name{Zh: "文本", En: "text"}
	case k == "integer" || strings.HasPrefix(k, "int") || strings.HasPrefix(k, "uint"):
		return diag.Name{Zh: "整数", En: "a whole number"}
	case k == "float" || strings.HasPrefix(k, "float"):
		return diag.Name{Zh: "数字", En: "a number"}
	case k == "boolean" || k == "bool":
		return diag.Name{Zh: "true 或 false", En: "true or false"}
	case k == "array" || strings.HasPrefix(k, "[]"):
		return diag.Name{Zh: "数组", En: "an array"}
	case strings.Contains(k, "table") || strings.Contains(k, "struct") || strings.HasPrefix(k, "map"):
		return diag.Name{Zh: "表", En: "a table"}
	case strings.Contains(k, "date") || strings.Contains(k, "time"):
		return diag.Name{Zh: "日期", En: "a date"}
	}
	return diag.Name{Zh: k, En: k}
}

// keyLines maps each dotted key of a valid document to its line, so checks
// made after decoding can still name the line. A key names its first
// place; the entries of an array of tables are also told apart by their
// index: "menu[1]", "menu[1].url".
func keyLines(data []byte) map[string]int {
	lines := map[string]int{}
	p := unstable.Parser{KeepComments: false}
	p.Reset(data)
	var table []string
	item := ""                // the current entry of an array of tables, "menu[1]"
	items := map[string]int{} // entries seen per array of tables
	for p.NextExpression() {
		e := p.Expression()
		var key []string
		it := e.Key()
		var off uint32
		first := true
		for it.Next() {
			n := it.Node()
			if first {
				off, first = n.Raw.Offset, false
			}
			key = append(key, string(n.Data))
		}
		line := 1 + bytes.Count(data[:off], []byte("\n"))
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			table, item = key, ""
			k := strings.Join(key, ".")
			if _, ok := lines[k]; !ok {
				lines[k] = line
			}
			if e.Kind == unstable.ArrayTable {
				item = k + "[" + strconv.Itoa(items[k]) + "]"
				items[k]++
				lines[item] = line
			}
		case unstable.KeyValue:
			k := strings.Join(append(append([]string{}, table...), key...), ".")
			if _, ok := lines[k]; !ok {
				lines[k] = line
			}
			if item != "" {
				lines[item+"."+strings.Join(key, ".")] = line
			}
		}
	}
	return lines
}

// itemLine is the line of key sub of entry i of the array of tables key,
// else of the entry, else of the array (written inline, key = [{…}]).
func itemLine(lines map[string]int, key string, i int, sub string) int {
	item := key + "[" + strconv.Itoa(i) + "]"
	for _, k := range []string{item + "." + sub, item, key} {
		if n, ok := lines[k]; ok {
			return n
		}
	}
	return 0
}

// DefaultColumns are the newspaper's columns (栏目); a site may add its own.
func DefaultColumns() []string {
	return []string{"本期聚焦", "基层实践", "短评", "县区动态", "企业窗口", "图片新闻"}
}
